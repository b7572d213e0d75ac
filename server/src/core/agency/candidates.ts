// Candidate filter for fuzzy suggestions: which names fuse.js could possibly match, without running its bitap search
// over every name of the registry.
//
// fuse.js (ignoreLocation) matches a name when some substring of it is within k edits (insertions, deletions,
// substitutions of UTF-16 units) of the lower-cased query of length m, with k/m ≤ threshold. An alignment with k edits
// matches at least m − k query units to distinct, equal units of the name, so the name shares at least m − k units
// with the query counted as multisets (the q-gram lemma for q = 1). Names that share fewer cannot match and are
// skipped; the rest go to fuse.js in their original order, so its scores, ties and limits are unchanged. Longer grams
// would prune nothing here: at threshold 0.45 the bigram bound m − 1 − 2k is ≤ 0 for every name shorter than 20.

/** Longest query fuse.js searches in one piece (longer ones are split in chunks and scored by their mean). */
const FUSE_MAX_BITS = 32;

/** The most edits fuse.js accepts for a query of `m` units at `threshold` (ignoreLocation: score = errors / m). */
export function fuseMaxErrors(m: number, threshold: number): number {
  let k = 0;
  while (k + 1 < m && (k + 1) / m <= threshold) k++;
  return k;
}

/** An inverted index from UTF-16 units to the keys holding them (with their counts). */
export class CandidateIndex {
  /** Per code unit: flat pairs (key id, count in that key), ids ascending. */
  private readonly postings = new Map<number, number[]>();
  private readonly shared: Uint32Array;

  /** `keys` as fuse.js compares them (lower-cased); ids are positions in this array. */
  constructor(readonly keys: readonly string[]) {
    this.shared = new Uint32Array(keys.length);
    const counts = new Map<number, number>();
    keys.forEach((key, id) => {
      counts.clear();
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      for (const [c, n] of counts) {
        let list = this.postings.get(c);
        if (!list) this.postings.set(c, (list = []));
        list.push(id, n);
      }
    });
  }

  /** Ids (ascending) of the keys sharing at least `need` units with `pattern`, counted as multisets. */
  sharing(pattern: string, need: number): number[] {
    if (need <= 0) return this.keys.map((_, i) => i);
    const inPattern = new Map<number, number>();
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      inPattern.set(c, (inPattern.get(c) ?? 0) + 1);
    }
    const shared = this.shared;
    const touched: number[] = [];
    for (const [c, n] of inPattern) {
      const list = this.postings.get(c);
      if (!list) continue;
      for (let j = 0; j < list.length; j += 2) {
        const id = list[j];
        if (shared[id] === 0) touched.push(id);
        shared[id] += Math.min(n, list[j + 1]);
      }
    }
    const out: number[] = [];
    for (const id of touched) {
      if (shared[id] >= need) out.push(id);
      shared[id] = 0;
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * Ids (ascending) of the keys fuse.js could match for `query` at `threshold` (ignoreLocation, case-insensitive, no
   * diacritics folding), or undefined when the query is too long to bound (fuse.js splits it into chunks).
   */
  fuseCandidates(query: string, threshold: number): number[] | undefined {
    const p = query.toLowerCase();
    if (p.length > FUSE_MAX_BITS) return undefined;
    return this.sharing(p, p.length - fuseMaxErrors(p.length, threshold));
  }
}
