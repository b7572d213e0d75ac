// The content-similarity model of citation-mismatch (data/index/similarity.json; read by
// server/src/core/plan/similarity.ts, which documents the vector method).
//
// Provisions: every measure and sub-item of both plans, and the sections of part 三 (保障措施, cited as 三（二）).
// Their comparison text is the crosswalk's (plan-crosswalk.ts comparisonText): the own paragraph or line,
// without marker and responsibility clause.
//
// Thresholds are calibrated on the plans themselves (never on test sentences), with a probe per provision p:
// q(p) = the first half (by characters) of p's comparison text — the shortest paraphrase a drafter writes.
// - self(p)    = the score of q(p) against p as a cited node (see citedScore: a measure also counts its own
//                sub-items, a sub-item its measure).
// - noise(p)   = the highest score of q(p) against any provision in ANOTHER section of the same plan: how well an
//                unrelated provision can match by shared vocabulary alone.
// - thresholds:
//     supported = the 95th percentile of noise(p): a cited provision scoring at least that much shares more
//                 than chance vocabulary with the sentence and is taken as supported (no finding);
//     clear     = the maximum of noise(p): another provision is a clear match only above anything an unrelated
//                 provision reached on any probe;
//     margin    = the median of noise(p): the better provision must lead the cited one by more than what chance
//                 alone gives a typical probe;
//     minBigrams = the 5th percentile of the number of distinct in-vocabulary bigrams in q(p): a sentence
//                 shorter than nearly every probe is too short to judge.
//   self(p) is reported too: a probe citing its own provision must stay above `supported` (its minimum is the
//   safety margin against flagging a correct citation).
import type { PlanNode } from '../../server/src/core/plan/model';
import {
  bigrams,
  SimilarityModel,
  type SimilarityFile,
  type SimilarityPlan,
  type SimilarityThresholds,
} from '../../server/src/core/plan/similarity';
import type { PlanId } from '../../server/src/core/types';
import { citedScore, sectionOf } from '../../server/src/core/review/citationMismatch';
import { comparisonText } from './plan-crosswalk';

export const SIMILARITY_FILE = 'data/index/similarity.json';

/** Provisions that take part in the model. */
export function isProvision(n: PlanNode): boolean {
  return n.kind === 'measure' || n.kind === 'item' || (n.kind === 'section' && n.path.startsWith('三（'));
}

/** The comparison text of a provision (a part-三 section: its paragraph without the （一） marker). */
export function provisionText(n: PlanNode): string {
  if (n.kind === 'section') return n.text.split('\n')[0].replace(/^（[一二三四五六七八九十]+）/, '');
  return comparisonText(n);
}

/** The probe of a provision: the first half (by characters) of its comparison text. */
export function probeText(n: PlanNode): string {
  const chars = [...provisionText(n)];
  return chars.slice(0, Math.ceil(chars.length / 2)).join('');
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

export function planModel(plan: PlanId, nodes: PlanNode[]): SimilarityPlan {
  const provisions = nodes.filter(isProvision);
  const bags = provisions.map((n) => bigrams(provisionText(n)));
  const df = new Map<string, number>();
  for (const b of bags) for (const g of b.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const N = provisions.length;
  const vocabulary = [...df.keys()].sort();
  const index = new Map(vocabulary.map((g, k) => [g, k]));
  const idf = vocabulary.map((g) => r4(Math.log(N / df.get(g)!) + 1));
  // Each provision's unit tf·idf vector, then the inverted index (postings in node order).
  const lists: number[][] = vocabulary.map(() => []);
  bags.forEach((bag, i) => {
    const raw = [...bag].map(([g, tf]) => [index.get(g)!, tf * idf[index.get(g)!]] as const).sort(([a], [b]) => a - b);
    const norm = Math.sqrt(raw.reduce((s, [, w]) => s + w * w, 0)) || 1;
    for (const [k, w] of raw) lists[k].push(i, r4(w / norm));
  });
  const offsets = [0];
  for (const l of lists) offsets.push(offsets[offsets.length - 1] + l.length);
  return {
    plan,
    documents: N,
    paths: provisions.map((n) => n.path),
    bigrams: vocabulary.join(''),
    idf,
    offsets,
    postings: lists.flat(),
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return 0;
  const i = Math.min(s.length - 1, Math.max(0, Math.floor(p * (s.length - 1))));
  return s[i];
}

/** Calibrates the thresholds on the plans (rule above); returns them with the figures they come from. */
export function calibrate(
  plans: Array<{ plan: PlanId; nodes: PlanNode[] }>,
  model: SimilarityModel,
): { thresholds: SimilarityThresholds; calibration: Record<string, number> } {
  const self: number[] = [];
  const noise: number[] = [];
  const gaps: number[] = [];
  const distinct: number[] = [];
  for (const { plan, nodes } of plans) {
    for (const p of nodes.filter(isProvision)) {
      const { ranked, distinct: d } = model.rank(plan, probeText(p));
      const scores = new Map(ranked.map((r) => [r.path, r.score]));
      const s = citedScore(p, (path) => scores.get(path) ?? 0);
      const section = sectionOf(p.path);
      let n = 0;
      for (const r of ranked) {
        if (sectionOf(r.path) !== section) {
          n = r.score;
          break;
        }
      }
      self.push(s);
      noise.push(n);
      gaps.push(s - n);
      distinct.push(d);
    }
  }
  const thresholds: SimilarityThresholds = {
    supported: r4(percentile(noise, 0.95)),
    clear: r4(percentile(noise, 1)),
    margin: r4(percentile(noise, 0.5)),
    minBigrams: percentile(distinct, 0.05),
  };
  const calibration: Record<string, number> = {
    probes: self.length,
    selfMin: r4(percentile(self, 0)),
    selfP05: r4(percentile(self, 0.05)),
    selfMedian: r4(percentile(self, 0.5)),
    noiseMedian: r4(percentile(noise, 0.5)),
    noiseP95: r4(percentile(noise, 0.95)),
    noiseMax: r4(percentile(noise, 1)),
    gapMedian: r4(percentile(gaps, 0.5)),
    distinctP05: percentile(distinct, 0.05),
    distinctMedian: percentile(distinct, 0.5),
  };
  return { thresholds, calibration };
}

/** The whole similarity file for both plans. */
export function computeSimilarity(
  inputsHash: string,
  plans: Array<{ plan: PlanId; nodes: PlanNode[] }>,
): SimilarityFile {
  const modelPlans = plans.map((p) => planModel(p.plan, p.nodes));
  const provisional = new SimilarityModel({
    inputsHash,
    thresholds: { clear: 0, supported: 0, margin: 0, minBigrams: 0 },
    calibration: {},
    plans: modelPlans,
  });
  const { thresholds, calibration } = calibrate(plans, provisional);
  return { inputsHash, thresholds, calibration, plans: modelPlans };
}

/** Compact JSON: one line per field of each plan (the model is read at start, not by people). */
export function serialiseSimilarity(file: SimilarityFile): string {
  const out: string[] = [];
  out.push(
    `{"inputsHash":${JSON.stringify(file.inputsHash)},"thresholds":${JSON.stringify(file.thresholds)},"calibration":${JSON.stringify(file.calibration)},"plans":[`,
  );
  file.plans.forEach((p, i) => {
    out.push(`{"plan":${JSON.stringify(p.plan)},"documents":${p.documents},`);
    out.push(`"paths":${JSON.stringify(p.paths)},`);
    out.push(`"bigrams":${JSON.stringify(p.bigrams)},`);
    out.push(`"idf":${JSON.stringify(p.idf)},`);
    out.push(`"offsets":${JSON.stringify(p.offsets)},`);
    out.push(`"postings":${JSON.stringify(p.postings)}`);
    out.push(`}${i + 1 < file.plans.length ? ',' : ''}`);
  });
  out.push(']}');
  return out.join('\n') + '\n';
}
