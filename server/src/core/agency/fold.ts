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
  /** Folded code unit per BMP code unit, 0 where nothing changes (no identity table to fill on start-up). */
  private readonly table = new Uint16Array(65536);

  /** `pairs` is a string of (traditional, simplified) BMP character pairs, as written to data/index/t2s.json. */
  constructor(readonly pairs: string) {
    const t = this.table;
    const set = (from: number, to: number) => {
      t[from] = from === to ? 0 : to;
      if (from !== to) this.changed.push(from);
    };
    // The ~5,000 pairs written out as set() does (no call per pair: built once per process, interpreted).
    const changed = this.changed;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const from = pairs.charCodeAt(i);
      const to = pairs.charCodeAt(i + 1);
      if (from === to) t[from] = 0;
      else {
        t[from] = to;
        changed.push(from);
      }
    }
    for (const [h, f] of Object.entries(HALF_TO_FULL)) set(h.charCodeAt(0), f.charCodeAt(0));
    // Fullwidth “ is folded like ” so quotes compare equal whatever their direction.
    set('“'.charCodeAt(0), '”'.charCodeAt(0));
    // 乾 is a simplified character too (乾县, 乾安县): folded to 干 it made 乾县卫生局's replacement “干县卫生健康局”.
    set('乾'.charCodeAt(0), '乾'.charCodeAt(0));
  }

  /** Code units that folding may change (a later rule may have undone one: see the table). */
  private readonly changed: number[] = [];

  code(c: number): number {
    return this.table[c] || c;
  }

  /** changes(), computed on the first call (the table never changes once built). */
  private changeList: Array<[number, number]> | undefined;

  /**
   * Every (code unit, folded code unit) pair that folding changes: the same frozen array on every call (the matcher
   * and the citation finder both ask, for the one folder of a process).
   */
  changes(): Array<[number, number]> {
    if (!this.changeList) {
      const out: Array<[number, number]> = [];
      const { changed, table } = this;
      for (let k = 0; k < changed.length; k++) if (table[changed[k]]) out.push([changed[k], table[changed[k]]]);
      this.changeList = Object.freeze(out) as Array<[number, number]>;
    }
    return this.changeList;
  }

  /** `text`, known to need no folding (a caller checked every code unit), remembered like a folded line. */
  unchanged(text: string): string {
    if (text.length >= 16) {
      this.last = text;
      this.lastFolded = text;
    }
    return text;
  }

  /** The last text folded and its folding: a line is folded by the citation finder, the matcher and unknowns. */
  private last = '';
  private lastFolded = '';

  /** The folded text; same length as `text`. */
  fold(text: string): string {
    if (text === this.last) return this.lastFolded;
    const folded = this.foldFresh(text);
    // Short texts (names looked up one by one) would only evict the line.
    if (text.length >= 16) {
      this.last = text;
      this.lastFolded = folded;
    }
    return folded;
  }

  private foldFresh(text: string): string {
    const t = this.table;
    const n = text.length;
    let i = 0;
    // Most texts have nothing to fold: four code units per step, one test for the four (half the work per unit of a
    // test per unit, which matters before the loop is optimised); then the unit itself.
    for (; i + 4 <= n; i += 4)
      if (
        (t[text.charCodeAt(i)] | t[text.charCodeAt(i + 1)] | t[text.charCodeAt(i + 2)] | t[text.charCodeAt(i + 3)]) !==
        0
      )
        break;
    while (i < n && t[text.charCodeAt(i)] === 0) i++;
    if (i === n) return text;
    const out: string[] = [text.slice(0, i)];
    let last = i;
    for (; i < text.length; i++) {
      const f = t[text.charCodeAt(i)];
      if (f !== 0) {
        if (i > last) out.push(text.slice(last, i));
        out.push(String.fromCharCode(f));
        last = i + 1;
      }
    }
    if (last < text.length) out.push(text.slice(last));
    return out.join('');
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
