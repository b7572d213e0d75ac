// Character folding for matching: traditional → simplified (single characters, from opencc-js at build time) and
// halfwidth → fullwidth punctuation. Every UTF-16 unit maps to exactly one UTF-16 unit, so offsets into the folded
// text are offsets into the original text (astral characters such as 𠮷 keep both surrogates unchanged).

const HALF_TO_FULL: Record<string, string> = {
  '(': '（',
  ')': '）',
  ',': '，',
  ':': '：',
  ';': '；',
  '!': '！',
  '?': '？',
  '[': '［',
  ']': '］',
  '"': '”',
  '~': '～',
};

export class Folder {
  private readonly map = new Map<number, number>();

  /** `pairs` is a string of (traditional, simplified) BMP character pairs, as written to data/index/t2s.json. */
  constructor(pairs: string) {
    for (let i = 0; i + 1 < pairs.length; i += 2) this.map.set(pairs.charCodeAt(i), pairs.charCodeAt(i + 1));
    for (const [h, f] of Object.entries(HALF_TO_FULL)) this.map.set(h.charCodeAt(0), f.charCodeAt(0));
    // Fullwidth “ is folded like ” so quotes compare equal whatever their direction.
    this.map.set('“'.charCodeAt(0), '”'.charCodeAt(0));
  }

  code(c: number): number {
    return this.map.get(c) ?? c;
  }

  /** The folded text; same length as `text`. */
  fold(text: string): string {
    let changed = false;
    const parts: string[] = [];
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const f = this.map.get(c);
      if (f !== undefined && f !== c) {
        if (i > last) parts.push(text.slice(last, i));
        parts.push(String.fromCharCode(f));
        last = i + 1;
        changed = true;
      }
    }
    if (!changed) return text;
    if (last < text.length) parts.push(text.slice(last));
    return parts.join('');
  }
}

/** True for CJK ideographs (BMP blocks and surrogate halves of the supplementary ideograph planes). */
export function isIdeograph(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xd840 && c <= 0xd87e) || // high surrogates of planes 2-3 (CJK Ext. B-G)
    (c >= 0xdc00 && c <= 0xdfff) // a low surrogate: part of an astral character
  );
}
