// A minimal Aho–Corasick automaton over UTF-16 code units: the benchmark's floor ("how fast can a dictionary of names
// be found in a text at all"). Deliberately separate from the product's matcher: a dense goto function for the
// code units that occur in the dictionary (others map to the root), failure links folded into the table (a DFA), and
// an output link per state. scan() reports leftmost-longest non-overlapping matches, like a name matcher would.

export class AhoCorasick {
  /** code unit → column (0 = not in the alphabet). */
  private readonly column: Int32Array;
  private readonly width: number;
  /** DFA: delta[state * width + column] = next state. */
  private delta: Int32Array;
  /** Length of the longest pattern ending at the state (0 = none), following output links. */
  private readonly outLen: Int32Array;
  readonly states: number;
  readonly patterns: number;

  constructor(words: Iterable<string>) {
    const list = [...new Set([...words].filter((w) => w.length > 0))];
    this.patterns = list.length;
    this.column = new Int32Array(65536);
    let cols = 1;
    for (const w of list) {
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        if (this.column[c] === 0) this.column[c] = cols++;
      }
    }
    this.width = cols;
    // Trie.
    const children: Array<Map<number, number>> = [new Map()];
    const ownLen: number[] = [0];
    for (const w of list) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const col = this.column[w.charCodeAt(i)];
        let next = children[s].get(col);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          ownLen.push(0);
          children[s].set(col, next);
        }
        s = next;
      }
      ownLen[s] = Math.max(ownLen[s], w.length);
    }
    const n = children.length;
    this.states = n;
    this.delta = new Int32Array(n * cols);
    this.outLen = new Int32Array(n);
    const fail = new Int32Array(n);
    // BFS: build the DFA with failure transitions folded in.
    const queue: number[] = [];
    for (let col = 1; col < cols; col++) {
      const t = children[0].get(col);
      if (t !== undefined) {
        this.delta[col] = t;
        fail[t] = 0;
        queue.push(t);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      this.outLen[s] = Math.max(ownLen[s], this.outLen[fail[s]]);
      for (let col = 1; col < cols; col++) {
        const t = children[s].get(col);
        if (t !== undefined) {
          fail[t] = this.delta[fail[s] * cols + col];
          this.delta[s * cols + col] = t;
          queue.push(t);
        } else {
          this.delta[s * cols + col] = this.delta[fail[s] * cols + col];
        }
      }
    }
  }

  /** Number of matches (every occurrence, overlapping ones included) — the rawest possible floor. */
  count(text: string): number {
    const { column, delta, outLen, width } = this;
    let s = 0;
    let hits = 0;
    for (let i = 0; i < text.length; i++) {
      s = delta[s * width + column[text.charCodeAt(i)]];
      if (outLen[s] !== 0) hits++;
    }
    return hits;
  }

  /**
   * Matches as [start, end) pairs, non-overlapping, preferring the longest match that ends at each position and
   * dropping a match that overlaps the previous one (good enough for a floor; names here do not chain).
   */
  scan(text: string): Int32Array {
    const { column, delta, outLen, width } = this;
    const out: number[] = [];
    let s = 0;
    let lastEnd = 0;
    for (let i = 0; i < text.length; i++) {
      s = delta[s * width + column[text.charCodeAt(i)]];
      const len = outLen[s];
      if (len !== 0) {
        const start = i + 1 - len;
        if (start >= lastEnd) {
          out.push(start, i + 1);
          lastEnd = i + 1;
        } else if (out.length && start <= out[out.length - 2]) {
          // A longer match covering the previous one (e.g. 市卫生局 after 卫生局 … is not possible, but 长治市公安局
          // after 市公安局 is): replace it.
          out[out.length - 2] = start;
          out[out.length - 1] = i + 1;
          lastEnd = i + 1;
        }
      }
    }
    return Int32Array.from(out);
  }
}
