// The bracketClauses of core/review/clause.ts before it read role words by their last character and skipped lines
// without a role word (verbatim, for clause.oracle.test.ts).
import type { Span } from '../../../server/src/core/types';

const LEAD_WORDS = ['牵头负责', '负责', '牵头'];
const COOP_WORDS = ['配合', '参与', '协助'];
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

/**
 * The bracketed groups of a line (fullwidth or halfwidth brackets, no nesting) that contain a role word
 * (负责 牵头 配合 参与 协助), in order, split into parts at ，,；; — whether every part is a clause part is left to the
 * reader (`ClausePart.role`).
 */
export function bracketClauses(line: string): BracketClause[] {
  const out: BracketClause[] = [];
  const re = /[（(]([^（）()]*)[）)]/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const inner = m[1];
    if (!/负责|牵头|配合|参与|协助/.test(inner)) continue;
    const base = m.index + 1;
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
    out.push({ start: m.index, end: m.index + m[0].length, parts, seps });
  }
  return out;
}

function clausePart(piece: string, start: number): ClausePart {
  const t = piece.trim();
  const part: ClausePart = { whole: { start, end: start + piece.length }, padded: t !== piece, items: [] };
  const lw = LEAD_WORDS.find((w) => t.endsWith(w));
  const word = lw ?? COOP_WORDS.find((w) => t.endsWith(w));
  if (!word) return part;
  part.role = lw ? 'lead' : 'cooperating';
  let names = t.slice(0, -word.length);
  const by = names.startsWith('由') ? 1 : 0;
  names = names
    .slice(by)
    .replace(TAIL, '')
    .replace(/(?:共同|分别)$/, '');
  const from = start + (piece.length - piece.trimStart().length) + by;
  part.names = { start: from, end: from + names.length, text: names };
  let off = from;
  for (const name of names.split('、')) {
    part.items.push({ start: off, end: off + name.length, text: name });
    off += name.length + 1;
  }
  return part;
}
