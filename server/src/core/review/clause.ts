// The one parser of responsibility clauses （由A、B负责，C、D配合） in a line, shared by duplicate-agency (repeats.ts)
// and responsibility-mismatch (responsibility.ts). It reports what is written — parts, separators, role words,
// names and their spans — and each reader decides what it accepts (repeats.ts: only tidy clauses it can edit;
// responsibility.ts: any clause with a lead unit).
import type { Span } from '../types';
import { maySpace } from '../text';

export const LEAD_WORDS = ['牵头负责', '负责', '牵头'];
export const COOP_WORDS = ['配合', '参与', '协助'];
/** 等…, 和其他…, 及相关… after the names: not a name. */
const TAIL = /(?:等|和其他|及其他|及相关|等相关)[^、]*$/;

export interface ClauseName extends Span {
  /** As written (may be empty: 「A、、B」 or 「负责」 alone). */
  text: string;
  /** An item's part's role (ClausePart.items only: the readers take an item without its part). */
  role?: 'lead' | 'cooperating';
}

export interface ClausePart {
  /** The part between separators, as written (e.g. 由县民政局、县妇联等配合). */
  whole: Span;
  /** Whether the part has white space before or after it. */
  padded: boolean;
  /** The role of the role word the (trimmed) part ends with; undefined when it ends with none. */
  role?: 'lead' | 'cooperating';
  /** The names before the role word, without 由, a tail (等…) and 共同/分别 (only when `role` is set). */
  names?: ClauseName;
  /** `names` split at 、, empty items included; each with the part's role. */
  items: ClauseName[];
}

export interface BracketClause extends Span {
  /** From the opening to the closing bracket. */
  parts: ClausePart[];
  /** Separators between parts (，,；;): seps[i] is the one before parts[i + 1]. */
  seps: Span[];
}

/**
 * The bracketed groups of a line (fullwidth or halfwidth brackets, no nesting) that contain a role word
 * (负责 牵头 配合 参与 协助), in order, split into parts at ，,；; — whether every part is a clause part is left to the
 * reader (`ClausePart.role`).
 *
 * A bracketed group is an opening bracket whose next bracket is a closing one. They are found from the role words
 * and the brackets in one pass (two global RegExp tests moving forward: native from the first call, no match arrays),
 * not by matching every group of brackets of the line (most are （一） or （2021—2030年）): the group of a role word,
 * if any, is the pair of consecutive brackets around it when the first opens and the second closes.
 */
export function bracketClauses(line: string): BracketClause[] {
  const out: BracketClause[] = [];
  const role = ROLE;
  role.lastIndex = 0;
  if (!role.test(line)) return out;
  let r = role.lastIndex - 2; // the next role word
  const bracket = BRACKET;
  bracket.lastIndex = 0;
  let prev = -1; // the last bracket before `b`
  while (bracket.test(line)) {
    const b = bracket.lastIndex - 1;
    if (r < b) {
      // The role word lies between the brackets at prev and b: a group when prev opens and b closes.
      if (prev >= 0 && r > prev && isOpening(line.charCodeAt(prev)) && !isOpening(line.charCodeAt(b)))
        out.push(bracketClause(line, prev, b));
      // The next role word after this bracket.
      role.lastIndex = b + 1;
      if (!role.test(line)) break;
      r = role.lastIndex - 2;
    }
    prev = b;
  }
  return out;
}

// The global RegExps bracketClauses and bracketClause move forward with test() (each sets lastIndex before its first
// test; neither calls anything that uses them): made once, not once per line and clause.
/** Role words, every one two units long. */
const ROLE = /负责|牵头|配合|参与|协助/g;
const BRACKET = /[（）()]/g;
/** Separators of a clause's parts. */
const SEP = /[，,；;]/g;

/** Whether a bracket （() opens (else it closes: ）)). */
function isOpening(c: number): boolean {
  return c === 0xff08 || c === 0x28;
}

/**
 * The clause of the bracketed group from the opening bracket at `o` to the closing one at `c`, read in the line (no
 * copy of the group or of its parts: only the names are sliced out). Arrays are made to their size (most groups
 * have one or two parts): a grown array keeps room for 16.
 */
function bracketClause(line: string, o: number, c: number): BracketClause {
  const sep = SEP;
  sep.lastIndex = o + 1;
  if (!(sep.test(line) && sep.lastIndex <= c))
    return { start: o, end: c + 1, parts: [clausePart(line, o + 1, c)], seps: [] };
  const i1 = sep.lastIndex - 1;
  if (!(sep.test(line) && sep.lastIndex <= c))
    return {
      start: o,
      end: c + 1,
      parts: [clausePart(line, o + 1, i1), clausePart(line, i1 + 1, c)],
      seps: [{ start: i1, end: i1 + 1 }],
    };
  // Three parts or more (rare).
  const parts: ClausePart[] = [clausePart(line, o + 1, i1)];
  const seps: Span[] = [{ start: i1, end: i1 + 1 }];
  let from = i1 + 1;
  do {
    const i = sep.lastIndex - 1;
    parts.push(clausePart(line, from, i));
    seps.push({ start: i, end: i + 1 });
    from = i + 1;
  } while (sep.test(line) && sep.lastIndex <= c);
  parts.push(clausePart(line, from, c));
  return { start: o, end: c + 1, parts, seps };
}

/**
 * The role word the text [from, to) of `t` ends with, by its last character first (most parts end with none): the
 * longest of LEAD_WORDS, else one of COOP_WORDS; its length, negative for a cooperating word, 0 for none.
 */
function roleWordAtEnd(t: string, from: number, to: number): number {
  const n = to - from;
  if (n < 2) return 0;
  switch (t.charCodeAt(to - 1)) {
    case 0x8d23: // 责: 牵头负责, 负责
      if (t.charCodeAt(to - 2) !== 0x8d1f) return 0; // 负
      return n >= 4 && t.charCodeAt(to - 3) === 0x5934 && t.charCodeAt(to - 4) === 0x7275 ? 4 : 2; // 牵头
    case 0x5934: // 头: 牵头
      return t.charCodeAt(to - 2) === 0x7275 ? 2 : 0;
    case 0x5408: // 合: 配合
      return t.charCodeAt(to - 2) === 0x914d ? -2 : 0;
    case 0x4e0e: // 与: 参与
      return t.charCodeAt(to - 2) === 0x53c2 ? -2 : 0;
    case 0x52a9: // 助: 协助
      return t.charCodeAt(to - 2) === 0x534f ? -2 : 0;
    default:
      return 0;
  }
}

/** The part [start, end) of the line. */
function clausePart(line: string, start: number, end: number): ClausePart {
  const whole = { start, end };
  // Most parts have no white space around them: then the trimmed part is the part, found without a copy.
  if (start < end && (maySpace(line.charCodeAt(start)) || maySpace(line.charCodeAt(end - 1))))
    return paddedPart(line, whole);
  const word = roleWordAtEnd(line, start, end);
  if (!word) return { whole, padded: false, items: [] };
  return roledPart(line, start, end, word, whole, false);
}

/** A part that may have white space around it: trimmed as String.prototype.trim does. */
function paddedPart(line: string, whole: Span): ClausePart {
  const piece = line.slice(whole.start, whole.end);
  const t = piece.trim();
  const padded = t.length !== piece.length;
  const from = whole.start + (piece.length - piece.trimStart().length);
  const word = roleWordAtEnd(line, from, from + t.length);
  if (!word) return { whole, padded, items: [] };
  return roledPart(line, from, from + t.length, word, whole, padded);
}

/** A part with a role word (trimmed: [start, end) of the line; `word` as roleWordAtEnd says): its names and items. */
function roledPart(line: string, start: number, end: number, word: number, whole: Span, padded: boolean): ClausePart {
  const role = word > 0 ? 'lead' : 'cooperating';
  const by = line.charCodeAt(start) === 0x7531 ? 1 : 0; // 由
  let names = line.slice(start + by, end - (word > 0 ? word : -word)).replace(TAIL, '');
  const c = names.charCodeAt(names.length - 1);
  // 共同 / 分别 at the end
  if (
    (c === 0x540c && names.charCodeAt(names.length - 2) === 0x5171) ||
    (c === 0x522b && names.charCodeAt(names.length - 2) === 0x5206)
  )
    names = names.slice(0, -2);
  const from = start + by;
  // The items: `names` split at 、 (found by indexOf: most clauses name one body, and then no split array is made),
  // in an array of their number.
  let first = names.indexOf('、');
  if (first < 0)
    return {
      whole,
      padded,
      items: [{ start: from, end: from + names.length, text: names, role }],
      role,
      names: { start: from, end: from + names.length, text: names },
    };
  let n = 2;
  for (let at = names.indexOf('、', first + 1); at >= 0; at = names.indexOf('、', at + 1)) n++;
  const items: ClauseName[] = new Array(n);
  for (let k = 0, at = 0; k < n; k++) {
    const next = k < n - 1 ? first : names.length;
    items[k] = { start: from + at, end: from + next, text: names.slice(at, next), role };
    at = next + 1;
    if (k < n - 2) first = names.indexOf('、', at);
  }
  return {
    whole,
    padded,
    items,
    role,
    names: { start: from, end: from + names.length, text: names },
  };
}
