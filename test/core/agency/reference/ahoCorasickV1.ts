// The former Aho–Corasick automaton (trie in a Map, children lists, dense DFA built breadth-first), kept as the
// oracle of the production one (server/src/core/agency/ahoCorasick.ts): same matches in the same order.

/** The column bit of a code unit read as another one (alias()); columns stay below it. */
const MARK = 0x8000;

interface AcMatch {
  start: number;
  end: number;
  pattern: number;
}

export class ReferenceAhoCorasick {
  private readonly edges = new Map<number, number>();
  /** Children of each node (for the breadth-first construction of failure links). */
  private readonly kids: number[][] = [[]];
  private readonly chars: number[] = [0];
  private fail: Int32Array = new Int32Array(1);
  /** Nearest node on the failure chain (including itself) that ends a pattern, or -1. */
  private dict: Int32Array = new Int32Array(1);
  /** Patterns ending exactly at a node. */
  private readonly out: Array<number[] | undefined> = [undefined];
  private readonly lengths: number[] = [];
  /** 1 for code units that occur in some pattern. */
  private readonly alphabet = new Uint8Array(65536);
  /** The code units that occur in some pattern, in order of first occurrence. */
  private readonly letters: number[] = [];
  /** Code unit → column of the DFA (0 = in no pattern). */
  private readonly column = new Uint16Array(65536);
  private width = 1;
  /** delta[node * width + column] = next node (16 bits while the automaton has fewer than 65,536 nodes). */
  private delta: Uint16Array | Int32Array = new Uint16Array(1);
  private built = false;

  /** Adds a pattern; returns its index. */
  add(pattern: string): number {
    if (this.built) throw new Error('automaton already built');
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      if (!this.alphabet[c]) {
        this.alphabet[c] = 1;
        this.letters.push(c);
      }
      const key = node * 65536 + c;
      let n = this.edges.get(key);
      if (n === undefined) {
        n = this.kids.length;
        this.kids.push([]);
        this.chars.push(c);
        this.out.push(undefined);
        this.kids[node].push(n);
        this.edges.set(key, n);
      }
      node = n;
    }
    const index = this.lengths.length;
    this.lengths.push(pattern.length);
    (this.out[node] ??= []).push(index);
    return index;
  }

  build(): void {
    const size = this.kids.length;
    this.fail = new Int32Array(size);
    this.dict = new Int32Array(size).fill(-1);
    // Columns in code unit order (the letters, not the 65,536 code units, are walked).
    const letters = [...this.letters].sort((a, b) => a - b);
    for (let k = 0; k < letters.length; k++) this.column[letters[k]] = k + 1;
    const width = letters.length + 1;
    this.width = width;
    // The DFA and the failure links in one breadth-first pass: a node's row is its failure node's row (complete:
    // failure nodes are shallower) with its own edges written over it; a child's failure node is the failure row's
    // transition on the child's code unit (the root's children fail to the root).
    const delta = size < 65536 ? new Uint16Array(size * width) : new Int32Array(size * width);
    const { fail, dict, kids, chars, column, out } = this;
    const queue: number[] = [0];
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi];
      const row = node * width;
      const failRow = fail[node] * width;
      if (node !== 0) delta.copyWithin(row + 1, failRow + 1, failRow + width);
      const children = kids[node];
      for (let k = 0; k < children.length; k++) {
        const child = children[k];
        const col = column[chars[child]];
        const f = node === 0 ? 0 : delta[failRow + col];
        fail[child] = f;
        dict[child] = out[child] ? child : dict[f];
        delta[row + col] = child;
        queue.push(child);
      }
    }
    this.delta = delta;
    this.built = true;
  }

  /** Length of pattern `p` (its matches start at end - length). */
  patternLength(p: number): number {
    return this.lengths[p];
  }

  /**
   * After build(): every code unit `from` of `pairs` (from, to) is read as code unit `to` — the folding of traditional
   * characters and halfwidth punctuation, so that the automaton runs over unfolded text — and findEnds reports meeting
   * one (the mark bit of its column). Returns false, changing nothing, when the columns leave no room for the mark.
   */
  alias(pairs: ReadonlyArray<readonly [number, number]>): boolean {
    if (!this.built) this.build();
    if (this.width > MARK) return false;
    const { column } = this;
    // Columns of the targets as built (before any alias is written: a target may itself be aliased).
    const cols = pairs.map(([, to]) => column[to] & ~MARK);
    pairs.forEach(([from], k) => (column[from] = cols[k] | MARK));
    return true;
  }

  /**
   * Every occurrence of every pattern as flat pairs (end offset, pattern index) appended to `out`, ordered by end
   * offset, longer patterns first at the same end: no object per match (the matcher's hot path). Returns whether the
   * text has a code unit marked by alias().
   */
  findEnds(text: string, out: number[]): boolean {
    if (!this.built) this.build();
    const { column, delta, width, dict, fail, out: outs } = this;
    let node = 0;
    let marks = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const col = column[text.charCodeAt(i)];
      marks |= col;
      node = delta[node * width + (col & ~MARK)];
      for (let o = dict[node]; o > 0; o = dict[fail[o]]) {
        const ps = outs[o]!;
        for (let k = 0; k < ps.length; k++) out.push(i + 1, ps[k]);
      }
    }
    return (marks & MARK) !== 0;
  }

  /** Every occurrence of every pattern, ordered by end offset (one left-to-right pass). */
  findAll(text: string): AcMatch[] {
    const ends: number[] = [];
    this.findEnds(text, ends);
    const result: AcMatch[] = [];
    for (let k = 0; k < ends.length; k += 2)
      result.push({ start: ends[k] - this.lengths[ends[k + 1]], end: ends[k], pattern: ends[k + 1] });
    return result;
  }
}
