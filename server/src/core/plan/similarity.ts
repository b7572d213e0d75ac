// Content similarity between a sentence and the provisions of a plan (used by citation-mismatch).
//
// The model is computed at data-build time (data/build/plan-similarity.ts → data/index/similarity.json), the
// same method as the 2013→2021 crosswalk:
// - a provision's comparison text is its OWN text: the measure's own paragraph or the sub-item's line (or a
//   part-三 section's paragraph), without the （n）/—— marker and without the responsibility clause;
// - a text is a bag of character bigrams (adjacent CJK characters, digits or Latin letters; punctuation breaks
//   runs);
// - per plan, weights are tf·idf with idf = ln(N / df) + 1 over the plan's N provisions, and every provision's
//   vector is normalised to length 1;
// - a sentence is weighted with the same idf; bigrams the plan never uses carry no weight (they say nothing
//   about which provision is meant), so the score is the cosine over the plan's vocabulary.
// Scoring goes through an inverted index (bigram → provisions that contain it): only provisions sharing a
// bigram with the sentence are touched.
import { ownCopy } from '../document';
import type { PlanId } from '../types';

/** Thresholds derived from the plans at build time (see data/build/plan-similarity.ts for the rule). */
export interface SimilarityThresholds {
  /** A cited provision scoring at least this is taken as supported by the sentence. */
  supported: number;
  /** Another provision must score at least this to count as a clear match. */
  clear: number;
  /** … and exceed the cited provision by at least this much. */
  margin: number;
  /** A sentence with fewer distinct in-vocabulary bigrams than this is too short to judge. */
  minBigrams: number;
}

/**
 * One plan's model, stored ready to score (no per-start index building): the vocabulary, its idf, and the inverted
 * index of the provisions' unit tf·idf vectors (weights rounded to 4 decimals).
 */
export interface SimilarityPlan {
  plan: PlanId;
  /** Number of provisions (documents) the idf is computed over. */
  documents: number;
  /** The provisions' canonical paths; node i of the postings is paths[i]. */
  paths: string[];
  /** The vocabulary: every bigram the plan uses (two UTF-16 units each, see bigrams()), concatenated, sorted. */
  bigrams: string;
  /** idf of each bigram of `bigrams`, same order (ln(N/df) + 1, rounded to 4 decimals). */
  idf: number[];
  /**
   * The postings of bigram k are postings[offsets[k]] … postings[offsets[k + 1] - 1]: pairs (node, weight) in node
   * order, the weight being that bigram's component of the node's unit vector. `offsets` has one entry more than
   * there are bigrams.
   */
  offsets: number[];
  postings: number[];
}

/** The JSON file data/index/similarity.json. */
export interface SimilarityFile {
  /** Same inputs hash as data/index/plans.json (the model is built from the same sources). */
  inputsHash: string;
  thresholds: SimilarityThresholds;
  /** The calibration figures the thresholds come from (reported in bench/results.md). */
  calibration: Record<string, number>;
  plans: SimilarityPlan[];
}

export interface ScoredNode {
  path: string;
  score: number;
}

/** What a cited provision's family is made of (a PlanNode's fields: core/plan/model.ts). */
export interface FamilyNode {
  path: string;
  kind: string;
  parent?: string;
  children: readonly string[];
}

/** Whether a UTF-16 unit belongs to a bigram run: CJK (BMP, incl. extension A), ASCII digits and Latin letters. */
function inRun(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122)
  );
}

/**
 * Character bigrams of a text (adjacent CJK/digit/Latin characters; punctuation, spaces and characters outside the
 * BMP break runs), with counts.
 */
export function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let prev = false;
  for (let i = 0; i < text.length; i++) {
    const cur = inRun(text.charCodeAt(i));
    if (cur && prev) {
      const g = text.slice(i - 1, i + 1);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
    prev = cur;
  }
  return out;
}

/**
 * A bigram as a small integer: both units are run characters (inRun), mapped to 0…27,770 (CJK extension A and the
 * BMP block, then digits and Latin letters), so a key stays below 2^30 (a small integer for Map, no string). For every code unit the same as
 * c >= 0x3400 ? c - 0x3400 : c + 0x6c00, the form PlanModel's constructor writes out (tests).
 */
export function runIndex(c: number): number {
  if (c >= 0x4e00) return c - 0x4e00 + 0x1a00; // 0x4e00…0x9fff → 0x1a00…0x6bff
  if (c >= 0x3400) return c - 0x3400; // 0x3400…0x4dbf → 0…0x19bf
  return 0x6c00 + c; // ASCII digits and letters → 0x6c30…0x6c7a
}

/** Multiplier of the vocabulary hash (Fibonacci hashing: the top bits of key · 2^32/φ). */
const HASH = 0x9e3779b1;

class PlanModel {
  readonly paths: string[];
  /**
   * The vocabulary as an open-addressing hash table (linear probing) of typed arrays, built once per model: slot →
   * bigram key (runIndex(first) * 0x8000 + runIndex(second), -1 when empty) and that bigram's vocabulary index. No
   * Map entry per bigram: a look-up is a multiplication and one or two array reads.
   */
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  /** 32 - log2(table size): the hash is the top bits of key · HASH. */
  private readonly shift: number;
  private readonly idf: number[];
  private readonly offsets: number[];
  private readonly postings: number[];
  private readonly indexOfPath = new Map<string, number>();
  /** family() by node (null: the node is not a provision of the model), bounded by MEMO_FAMILIES. */
  private readonly families = new Map<FamilyNode, readonly number[] | null>();
  /** scores() by sentence text (own copies: never a slice of a document), bounded by MEMO_SENTENCES. */
  private readonly memo = new Map<string, PlanSentence>();
  /** Scratch for scores(): term counts by vocabulary index (left zeroed between calls). */
  private readonly tf: Int32Array;
  /**
   * One 0 per provision, stored as doubles: scores() copies it (slice) so that its sums start in an array of doubles
   * (an array filled with the small integer 0 changes its element kind, copying itself, at the first sum).
   */
  private readonly zeros: number[];

  constructor(p: SimilarityPlan) {
    this.paths = p.paths;
    this.idf = p.idf;
    this.offsets = p.offsets;
    this.postings = p.postings;
    const size = this.idf.length;
    let bits = 4;
    while (1 << bits < 2 * size) bits++;
    const shift = 32 - bits;
    const keys = new Int32Array(1 << bits).fill(-1);
    const values = new Int32Array(1 << bits);
    this.shift = shift;
    this.keys = keys;
    this.values = values;
    const mask = (1 << bits) - 1;
    // Built on the first citation of a document in a one-shot run, i.e. interpreted: locals only, runIndex written out
    // (both CJK ranges are c - 0x3400, the rest ASCII; tests: the same table as runIndex gives), no call per bigram —
    // a tenth of the bytecode, and no on-stack replacement compile of this loop (10 KB CLI run: 1–9 ms → 0.5 ms).
    const g = p.bigrams;
    const n = g.length >> 1;
    for (let k = 0; k < n; k++) {
      const a = g.charCodeAt(2 * k);
      const b = g.charCodeAt(2 * k + 1);
      const key = (a >= 0x3400 ? a - 0x3400 : a + 0x6c00) * 0x8000 + (b >= 0x3400 ? b - 0x3400 : b + 0x6c00);
      let slot = Math.imul(key, HASH) >>> shift;
      while (keys[slot] !== -1) slot = (slot + 1) & mask;
      keys[slot] = key;
      values[slot] = k;
    }
    for (let i = 0; i < p.paths.length; i++) this.indexOfPath.set(p.paths[i], i);
    this.tf = new Int32Array(size);
    this.zeros = new Array<number>(p.paths.length).fill(0.5).fill(0);
  }

  has(path: string): boolean {
    return this.indexOfPath.has(path);
  }

  indexOf(path: string): number | undefined {
    return this.indexOfPath.get(path);
  }

  /**
   * The provisions of a cited node's family (core/review/citationMismatch.ts familyOf: itself, its sub-items, and for
   * a sub-item its measure) that the model has, by index, the node's own first; undefined when the node itself is not
   * one of the model's provisions (has(node.path) is false). Found once per node: a document cites the same
   * provisions again and again.
   */
  family(node: FamilyNode): readonly number[] | undefined {
    let f = this.families.get(node);
    if (f === undefined) {
      f = this.familyOf(node);
      if (this.families.size >= MEMO_FAMILIES) this.families.clear();
      this.families.set(node, f);
    }
    return f ?? undefined;
  }

  private familyOf(node: FamilyNode): readonly number[] | null {
    const own = this.indexOfPath.get(node.path);
    if (own === undefined) return null;
    const out = [own];
    for (const p of node.children) {
      const i = this.indexOfPath.get(p);
      if (i !== undefined) out.push(i);
    }
    if (node.kind === 'item' && node.parent) {
      const i = this.indexOfPath.get(node.parent);
      if (i !== undefined) out.push(i);
    }
    return out;
  }

  /** A score of 0 for every provision (a sentence without a term of the vocabulary). */
  zeroScores(): number[] {
    return this.zeros.slice();
  }

  /**
   * Cosine of the sentence with every provision. The same arithmetic, in the same order, as a sentence vector built
   * from bigrams(text) over the plan's vocabulary (bigrams in order of first occurrence), without a string or a Map
   * entry per bigram, and plain arrays of doubles (a small Float64Array costs an off-heap buffer per sentence). The
   * character loop calls nothing (inRun, runIndex and the hash probe written out): a one-shot run interprets it
   * before it is compiled, and there a call per character costs more than the work.
   * Memoised by text (sentences repeat within and across documents: the result depends on nothing else), and the
   * sums over the postings are made on the first read of a score (a sentence too short to judge needs only
   * `distinct`).
   */
  scores(text: string): PlanSentence {
    if (text.length > MEMO_TEXT_MAX) return this.sentence(text);
    let s = this.memo.get(text);
    if (s === undefined) {
      s = this.sentence(text);
      if (this.memo.size >= MEMO_SENTENCES) this.memo.clear();
      this.memo.set(ownCopy(text), s);
    }
    return s;
  }

  /** scores() without the memo: the sentence's terms in order of first occurrence and their weights. */
  sentence(text: string): PlanSentence {
    const { tf, idf, keys, values, shift } = this;
    const mask = keys.length - 1;
    const order: number[] = [];
    let prevIndex = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // runIndex(c) when inRun(c), else -1.
      let index = -1;
      if (c >= 0x4e00) {
        if (c <= 0x9fff) index = c - 0x4e00 + 0x1a00;
      } else if (c >= 0x3400) {
        if (c <= 0x4dbf) index = c - 0x3400;
      } else if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) index = 0x6c00 + c;
      if (index >= 0 && prevIndex >= 0) {
        const key = prevIndex * 0x8000 + index;
        let slot = Math.imul(key, HASH) >>> shift;
        let at = keys[slot];
        while (at !== key && at !== -1) {
          slot = (slot + 1) & mask;
          at = keys[slot];
        }
        if (at === key) {
          const k = values[slot];
          if (tf[k] === 0) order.push(k);
          tf[k]++;
        }
      }
      prevIndex = index;
    }
    const w: number[] = new Array<number>(order.length).fill(0);
    let sq = 0;
    for (let n = 0; n < order.length; n++) {
      const k = order[n];
      w[n] = tf[k] * idf[k];
      tf[k] = 0;
      sq += w[n] * w[n];
    }
    return new PlanSentence(this, order, w, Math.sqrt(sq));
  }

  /** Every provision's score of a sentence (its terms `order`, weights `w`, norm > 0), and the highest. */
  sums(order: readonly number[], w: readonly number[], norm: number): { scores: number[]; best: number } {
    const { offsets, postings } = this;
    const scores: number[] = this.zeros.slice();
    for (let n = 0; n < order.length; n++) {
      const k = order[n];
      for (let j = offsets[k]; j < offsets[k + 1]; j += 2) scores[postings[j]] += w[n] * postings[j + 1];
    }
    let best = 0;
    for (let i = 0; i < scores.length; i++) {
      scores[i] /= norm;
      if (scores[i] > best) best = scores[i];
    }
    return { scores, best };
  }
}

/**
 * Sentences a plan's memo holds at most (then it starts again), and the longest sentence it keeps: a server's memory
 * stays bounded (each entry holds a score per provision, about 1 KB, and its text).
 */
const MEMO_SENTENCES = 1024;
/** Cited nodes whose family a plan's model keeps at most (a plan has a few hundred provisions). */
const MEMO_FAMILIES = 4096;
const MEMO_TEXT_MAX = 512;

/** A sentence's scores against one plan's provisions (SentenceScores without a closure per sentence). */
class PlanSentence implements SentenceScores {
  readonly distinct: number;
  /** Every provision's score, by index (summed on first use); the highest (0 when none is above 0). */
  private scores: number[] | undefined;
  private best = 0;

  constructor(
    private readonly model: PlanModel,
    private readonly order: readonly number[],
    private readonly w: readonly number[],
    private readonly norm: number,
  ) {
    this.distinct = norm === 0 ? 0 : order.length;
  }

  private all(): number[] {
    if (this.scores === undefined) {
      if (this.norm === 0) this.scores = this.model.zeroScores();
      else {
        const r = this.model.sums(this.order, this.w, this.norm);
        this.scores = r.scores;
        this.best = r.best;
      }
    }
    return this.scores;
  }

  score(path: string): number {
    const i = this.model.indexOf(path);
    return i === undefined ? 0 : this.all()[i];
  }

  familyScore(family: readonly number[]): number {
    const scores = this.all();
    let best = 0;
    for (let k = 0; k < family.length; k++) best = Math.max(best, scores[family[k]]);
    return best;
  }

  ranked(min = 0): ScoredNode[] {
    const scores = this.all();
    if (this.best <= 0 || this.best < min) return [];
    const order: number[] = [];
    for (let i = 0; i < scores.length; i++) if (scores[i] > 0 && scores[i] >= min) order.push(i);
    order.sort((a, b) => scores[b] - scores[a] || a - b);
    return order.map((i) => ({ path: this.model.paths[i], score: scores[i] }));
  }
}

const NOTHING: SentenceScores = { distinct: 0, score: () => 0, familyScore: () => 0, ranked: () => [] };

/** Read-only similarity model over both plans. */
export class SimilarityModel {
  readonly thresholds: SimilarityThresholds;
  readonly calibration: Record<string, number>;
  /** Each plan's inverted index is built when that plan is first scored (most documents cite one plan). */
  private readonly plans = new Map<PlanId, PlanModel | SimilarityPlan>();

  constructor(file: SimilarityFile) {
    this.thresholds = file.thresholds;
    this.calibration = file.calibration;
    for (const p of file.plans) this.plans.set(p.plan, p);
  }

  private model(plan: PlanId): PlanModel | undefined {
    const m = this.plans.get(plan);
    if (!m || m instanceof PlanModel) return m;
    const built = new PlanModel(m);
    this.plans.set(plan, built);
    return built;
  }

  /** Whether the node at `path` is one of the plan's provisions in the model. */
  has(plan: PlanId, path: string): boolean {
    return this.model(plan)?.has(path) ?? false;
  }

  /**
   * A cited node's family in the plan's model, for SentenceScores.familyScore (the provisions of familyOf the model
   * has, by index); undefined exactly when has(plan, node.path) is false.
   */
  family(plan: PlanId, node: FamilyNode): readonly number[] | undefined {
    return this.model(plan)?.family(node);
  }

  /**
   * Cosine of `text` with every provision of `plan`, and the number of distinct in-vocabulary bigrams of `text`.
   * `score(path)` reads one provision's score; `ranked()` lists the provisions sharing anything, best first (ties:
   * document order).
   */
  score(plan: PlanId, text: string): SentenceScores {
    const m = this.model(plan);
    return m ? m.scores(text) : NOTHING;
  }

  /** All provisions sharing anything with `text`, best first, and the number of distinct in-vocabulary bigrams. */
  rank(plan: PlanId, text: string): { ranked: ScoredNode[]; distinct: number } {
    const s = this.score(plan, text);
    return { ranked: s.ranked(), distinct: s.distinct };
  }
}

export interface SentenceScores {
  distinct: number;
  score(path: string): number;
  /**
   * The best score over a family (SimilarityModel.family), at least 0: the same as the highest of 0 and score(path)
   * for every path of the family.
   */
  familyScore(family: readonly number[]): number;
  /** Provisions scoring above 0 (and at least `min`), best first (ties: document order). */
  ranked(min?: number): ScoredNode[];
}

/** Rounds a score for messages and `data` (3 decimals). */
export function roundScore(x: number): number {
  return Math.round(x * 1000) / 1000;
}
