// The one parser of responsibility clauses （由A、B负责，C、D配合） in a line, shared by duplicate-agency (repeats.ts)
// and responsibility-mismatch (responsibility.ts). It reports what is written — parts, separators, role words,
// names and their spans — and each reader decides what it accepts (repeats.ts: only tidy clauses it can edit;
// responsibility.ts: any clause with a lead unit).
import type { Span } from '../types';

export const LEAD_WORDS = ['牵头负责', '负责', '牵头'];
export const COOP_WORDS = ['配合', '参与', '协助'];
/** 等…, 和其他…, 及相关… after the names: not a name. */
const TAIL = /(?:等|和其他|及其他|及相关|等相关)[^、]*$/;

export interface ClauseName extends Span {
  /** As written (may be empty: 「A、、B」 or 「负责」 alone). */
  text: string;
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
  /** `names` split at 、, empty items included. */
  items: ClauseName[];
}

export interface BracketClause extends Span {
  /** From the opening to the closing bracket. */
  parts: ClausePart[];
  /** Separators between parts (，,；;): seps[i] is the one before parts[i + 1]. */
  seps: Span[];
}

/** A role word anywhere: a line without one has no clause (one native search, not one per bracket). */
const ROLE = /负责|牵头|配合|参与|协助/;

/**
 * The bracketed groups of a line (fullwidth or halfwidth brackets, no nesting) that contain a role word
 * (负责 牵头 配合 参与 协助), in order, split into parts at ，,；; — whether every part is a clause part is left to the
 * reader (`ClausePart.role`).
 */
export function bracketClauses(line: string): BracketClause[] {
  const out: BracketClause[] = [];
  if (!ROLE.test(line)) return out;
  const re = /[（(]([^（）()]*)[）)]/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const inner = m[1];
    if (ROLE.test(inner)) out.push(bracketClause(inner, m.index, m[0].length));
  }
  return out;
}

/** The clause of a bracketed group at `at` (`length` units with its brackets; `inner` between them). */
function bracketClause(inner: string, at: number, length: number): BracketClause {
  const base = at + 1;
  const parts: ClausePart[] = [];
  const seps: Span[] = [];
  let pos = 0;
  const pieces = inner.split(/([，,；;])/);
  for (let i = 0; i < pieces.length; i += 2) {
    const piece = pieces[i];
    const start = base + pos;
    pos += piece.length;
    if (i + 1 < pieces.length) {
      seps.push({ start: base + pos, end: base + pos + 1 });
      pos += 1;
    }
    parts.push(clausePart(piece, start));
  }
  return { start: at, end: at + length, parts, seps };
}

/**
 * The role word a (trimmed) part ends with, by its last character first (most parts end with none): the longest of
 * LEAD_WORDS, else one of COOP_WORDS; its length, negative for a cooperating word, 0 for none.
 */
function roleWordAtEnd(t: string): number {
  const n = t.length;
  switch (t.charCodeAt(n - 1)) {
    case 0x8d23: // 责: 牵头负责, 负责
      if (t.charCodeAt(n - 2) !== 0x8d1f) return 0; // 负
      return n >= 4 && t.charCodeAt(n - 3) === 0x5934 && t.charCodeAt(n - 4) === 0x7275 ? 4 : 2; // 牵头
    case 0x5934: // 头: 牵头
      return t.charCodeAt(n - 2) === 0x7275 ? 2 : 0;
    case 0x5408: // 合: 配合
      return t.charCodeAt(n - 2) === 0x914d ? -2 : 0;
    case 0x4e0e: // 与: 参与
      return t.charCodeAt(n - 2) === 0x53c2 ? -2 : 0;
    case 0x52a9: // 助: 协助
      return t.charCodeAt(n - 2) === 0x534f ? -2 : 0;
    default:
      return 0;
  }
}

function clausePart(piece: string, start: number): ClausePart {
  const t = piece.trim();
  const whole = { start, end: start + piece.length };
  const padded = t.length !== piece.length;
  const word = roleWordAtEnd(t);
  if (!word) return { whole, padded, items: [] };
  return roledPart(t, word, piece, whole, padded);
}

/** A part with a role word (`t` the part trimmed; `word` as roleWordAtEnd says): its names and their items. */
function roledPart(t: string, word: number, piece: string, whole: Span, padded: boolean): ClausePart {
  let names = t.slice(0, t.length - (word > 0 ? word : -word));
  const by = names.charCodeAt(0) === 0x7531 ? 1 : 0; // 由
  names = names.slice(by).replace(TAIL, '');
  const c = names.charCodeAt(names.length - 1);
  // 共同 / 分别 at the end
  if (
    (c === 0x540c && names.charCodeAt(names.length - 2) === 0x5171) ||
    (c === 0x522b && names.charCodeAt(names.length - 2) === 0x5206)
  )
    names = names.slice(0, -2);
  const from = whole.start + (piece.length - piece.trimStart().length) + by;
  const items: ClauseName[] = [];
  let off = from;
  const split = names.split('、');
  for (let i = 0; i < split.length; i++) {
    const name = split[i];
    items.push({ start: off, end: off + name.length, text: name });
    off += name.length + 1;
  }
  return {
    whole,
    padded,
    items,
    role: word > 0 ? 'lead' : 'cooperating',
    names: { start: from, end: from + names.length, text: names },
  };
}
