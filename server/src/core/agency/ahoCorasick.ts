// A compact Aho–Corasick automaton over UTF-16 code units. Own implementation because the matcher needs the
// automaton to run over a folded copy of the text with payloads per pattern and UTF-16 offsets; the npm packages
// for Aho–Corasick are either unmaintained or work on code points (which would misalign 𠮷 and LSP offsets).
// add() only records the patterns. build() lays the trie out from the patterns in sorted order (a pattern shares its
// prefix with the one before it: no hash table of edges), each node with its parent, code unit and depth in flat
// typed arrays (no object per node, little for the garbage collector to copy while the CLI starts), then turns it
// with its failure links into a dense DFA over the patterns' alphabet, depth by depth (one table lookup per code
// unit, no failure chain walked while scanning; a code unit that occurs in no pattern is column 0, which sends the
// automaton back to the root).

/** The column bit of a code unit read as another one (alias()); columns stay below it. */
const MARK = 0x8000;
/** ~MARK & 0xffff, as a constant (not computed per code unit). */
const COLUMN = 0x7fff;

export interface AcMatch {
  start: number;
  end: number;
  pattern: number;
}

/** A reusable buffer of findEndsInto() results: buffer[0, length) holds (end offset, pattern index) pairs. */
export class Ends {
  buffer: Int32Array = new Int32Array(256);
  length = 0;

  /** A buffer twice as large, with the first `used` entries kept. */
  grow(used: number): Int32Array {
    const next = new Int32Array(this.buffer.length * 2);
    next.set(this.buffer.subarray(0, used));
    this.buffer = next;
    return next;
  }
}

export class AhoCorasick {
  /** The patterns added, until build(). */
  private patterns: string[] = [];
  private fail: Int32Array = new Int32Array(1);
  /** Nearest node on the failure chain (including itself) that ends a pattern, or -1. */
  private dict: Int32Array = new Int32Array(1);
  /** Patterns ending exactly at a node, in the order they were added. */
  private out: Array<number[] | undefined> = [undefined];
  private readonly lengths: number[] = [];
  /** Code unit → column of the DFA (0 = in no pattern). */
  private readonly column = new Uint16Array(65536);
  private width = 1;
  /** delta[node * width + column] = next node (16 bits while the automaton has fewer than 65,536 nodes). */
  private delta: Uint16Array | Int32Array = new Uint16Array(1);
  private built = false;

  /** Adds a pattern; returns its index. */
  add(pattern: string): number {
    if (this.built) throw new Error('automaton already built');
    this.patterns.push(pattern);
    this.lengths.push(pattern.length);
    return this.lengths.length - 1;
  }

  build(): void {
    const { patterns, column } = this;
    // The alphabet, in code unit order (the letters, not the 65,536 code units, are walked).
    const letters: number[] = [];
    let units = 0;
    for (let p = 0; p < patterns.length; p++) {
      const s = patterns[p];
      units += s.length;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (column[c] === 0) {
          column[c] = 1;
          letters.push(c);
        }
      }
    }
    letters.sort((a, b) => a - b);
    for (let k = 0; k < letters.length; k++) column[letters[k]] = k + 1;
    const width = letters.length + 1;
    this.width = width;
    // The pattern indices of each distinct pattern (in the order added), and the distinct patterns sorted by code
    // units: each new trie path starts where the pattern stops sharing the previous one's prefix.
    const indices = new Map<string, number[]>();
    for (let p = 0; p < patterns.length; p++) {
      const list = indices.get(patterns[p]);
      if (list) list.push(p);
      else indices.set(patterns[p], [p]);
    }
    const sorted = [...indices.keys()].sort();
    // Node 0 is the root; at most one node per code unit of the patterns.
    const parent = new Int32Array(units + 1);
    const unit = new Int32Array(units + 1);
    const depth = new Int32Array(units + 1);
    const out: Array<number[] | undefined> = [undefined];
    const path: number[] = [0];
    let size = 1;
    let maxDepth = 0;
    let prev = '';
    for (let k = 0; k < sorted.length; k++) {
      const s = sorted[k];
      let shared = 0;
      while (shared < s.length && shared < prev.length && s.charCodeAt(shared) === prev.charCodeAt(shared)) shared++;
      let node = path[shared];
      for (let i = shared; i < s.length; i++) {
        const n = size++;
        parent[n] = node;
        unit[n] = s.charCodeAt(i);
        depth[n] = i + 1;
        out[n] = undefined;
        path[i + 1] = n;
        node = n;
      }
      if (s.length > maxDepth) maxDepth = s.length;
      out[node] = indices.get(s);
      prev = s;
    }
    this.out = out;
    this.patterns = [];
    // The nodes by depth (counting sort).
    const starts = new Int32Array(maxDepth + 2);
    for (let n = 1; n < size; n++) starts[depth[n] + 1]++;
    for (let d = 1; d <= maxDepth + 1; d++) starts[d] += starts[d - 1];
    const byDepth = new Int32Array(size);
    const fill = starts.slice();
    for (let n = 1; n < size; n++) byDepth[fill[depth[n]]++] = n;
    // The DFA and the failure links, depth by depth: first every node of the depth is written into its parent's row
    // as that row's edge; then each node's failure node is its parent's failure row's transition on the node's code
    // unit (the root's children fail to the root), and its row is its failure node's row (complete: shallower, with
    // the edges of its children, which are at most this deep), its own edges being written over it one depth later.
    const fail = new Int32Array(size);
    const dict = new Int32Array(size).fill(-1);
    const delta = size < 65536 ? new Uint16Array(size * width) : new Int32Array(size * width);
    for (let d = 1; d <= maxDepth; d++) {
      const from = starts[d];
      const to = starts[d + 1];
      for (let j = from; j < to; j++) {
        const n = byDepth[j];
        delta[parent[n] * width + column[unit[n]]] = n;
      }
      for (let j = from; j < to; j++) {
        const n = byDepth[j];
        const p = parent[n];
        const f = p === 0 ? 0 : delta[fail[p] * width + column[unit[n]]];
        fail[n] = f;
        dict[n] = out[n] ? n : dict[f];
        const failRow = f * width;
        delta.copyWithin(n * width + 1, failRow + 1, failRow + width);
      }
    }
    this.fail = fail;
    this.dict = dict;
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
    // Columns of the targets as built (before any alias is written: a target may itself be aliased). Indexed loops: no
    // iterator per destructured pair while the engines are created.
    const n = pairs.length;
    const cols = new Uint16Array(n);
    for (let k = 0; k < n; k++) cols[k] = column[pairs[k][1]] & ~MARK;
    for (let k = 0; k < n; k++) column[pairs[k][0]] = cols[k] | MARK;
    return true;
  }

  /**
   * Every occurrence of every pattern as flat pairs (end offset, pattern index) appended to `out`, ordered by end
   * offset, longer patterns first at the same end: no object per match. Returns whether the text has a code unit
   * marked by alias().
   */
  findEnds(text: string, out: number[]): boolean {
    const ends = new Ends();
    const marked = this.findEndsInto(text, ends);
    for (let k = 0; k < ends.length; k++) out.push(ends.buffer[k]);
    return marked;
  }

  /**
   * findEnds() into `ends` (emptied first; its buffer grows as needed and is kept): the matcher's hot path, which
   * reuses one buffer for every line (no array grown per line).
   */
  findEndsInto(text: string, ends: Ends): boolean {
    if (!this.built) this.build();
    const { column, delta, width, dict, fail, out: outs } = this;
    let buffer = ends.buffer;
    let length = 0;
    let node = 0;
    let marks = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const col = column[text.charCodeAt(i)];
      marks |= col;
      node = delta[node * width + (col & COLUMN)];
      for (let o = dict[node]; o > 0; o = dict[fail[o]]) {
        const ps = outs[o]!;
        for (let k = 0; k < ps.length; k++) {
          if (length + 2 > buffer.length) buffer = ends.grow(length);
          buffer[length] = i + 1;
          buffer[length + 1] = ps[k];
          length += 2;
        }
      }
    }
    ends.length = length;
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
