// A compact Aho–Corasick automaton over UTF-16 code units. Own implementation because the matcher needs the
// automaton to run over a folded copy of the text with payloads per pattern and UTF-16 offsets; the npm packages
// for Aho–Corasick are either unmaintained or work on code points (which would misalign 𠮷 and LSP offsets).

export interface AcMatch {
  start: number;
  end: number;
  pattern: number;
}

export class AhoCorasick {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at a node (own outputs only); dictionary links give the rest. */
  private readonly out: number[][] = [[]];
  private readonly dict: number[] = [-1];
  private readonly lengths: number[] = [];
  private built = false;

  /** Adds a pattern; returns its index. */
  add(pattern: string): number {
    if (this.built) throw new Error('automaton already built');
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let n = this.next[node].get(c);
      if (n === undefined) {
        n = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.dict.push(-1);
        this.next[node].set(c, n);
      }
      node = n;
    }
    const index = this.lengths.length;
    this.lengths.push(pattern.length);
    this.out[node].push(index);
    return index;
  }

  build(): void {
    const queue: number[] = [];
    for (const n of this.next[0].values()) queue.push(n);
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi];
      for (const [c, child] of this.next[node]) {
        let f = this.fail[node];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const target = this.next[f].get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const fc = this.fail[child];
        this.dict[child] = this.out[fc].length > 0 ? fc : this.dict[fc];
        queue.push(child);
      }
    }
    this.built = true;
  }

  /** Every occurrence of every pattern, ordered by end offset (one left-to-right pass). */
  findAll(text: string): AcMatch[] {
    if (!this.built) this.build();
    const result: AcMatch[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let n = this.next[node].get(c);
      while (n === undefined && node !== 0) {
        node = this.fail[node];
        n = this.next[node].get(c);
      }
      node = n ?? 0;
      for (let o = node; o > 0; o = this.dict[o]) {
        for (const p of this.out[o]) result.push({ start: i + 1 - this.lengths[p], end: i + 1, pattern: p });
        if (this.dict[o] === -1) break;
      }
    }
    return result;
  }
}
