// The 2013→2021 crosswalk: for every 2013—2020 measure and sub-item, the closest 2021—2030 measure or
// sub-item.
//
// Method (deterministic, computed at build time):
// 1. A node's comparison text is its OWN text: the measure's own paragraph or the item's line, without the
//    （n）/—— marker, without the responsibility clause, and with punctuation removed. (A measure's items are
//    not part of its comparison text: they are compared on their own.)
// 2. Each text becomes a bag of character bigrams (adjacent CJK/digit characters, punctuation breaks runs).
//    Weights are tf·idf with tf = raw count and idf = ln(N / df) + 1, where df counts documents among all
//    N measures and items of BOTH plans.
// 3. Score = cosine similarity of the two weight vectors, plus SECTION_BONUS when the 2021 candidate lies in
//    the section with the same path (二（二） ↔ 二（二）: the two plans keep the same six sections), plus
//    KIND_BONUS when the candidate has the same kind (measure ↔ measure, item ↔ item). The bonuses only break
//    near-ties in favour of the parallel place; they are small against a real textual match.
// 4. The best-scoring candidate (ties: earlier in document order) is the successor when its cosine alone is
//    at least THRESHOLD; otherwise the successor is null (the 2013 provision has no close counterpart).
//    The stored score is the cosine (without bonuses), rounded to 3 decimals.
import type { PlanNode } from '../../server/src/core/plan/model';
import { bigrams } from '../../server/src/core/plan/similarity';
import { bodyOf } from './plan-parse';

export const SECTION_BONUS = 0.05;
export const KIND_BONUS = 0.02;
/** Chosen by hand-checking the low end of the distribution: the lowest true counterpart found is
 *  二（一）2（2）第5项 老少边贫地区 → 2021 二（一）2（2）第7项 乡村振兴/脱贫地区 (0.194); the highest score of a 2013
 *  provision without a 2021 counterpart is 二（一）2（2）第4项 计划生育服务和孕情管理 (0.125, family-planning work
 *  the 2021 plan no longer assigns). */
export const THRESHOLD = 0.15;

/** The own paragraph of a measure/item (its first line). */
export function ownLine(node: PlanNode): string {
  const nl = node.text.indexOf('\n');
  return nl < 0 ? node.text : node.text.slice(0, nl);
}

export function comparisonText(node: PlanNode): string {
  return bodyOf(ownLine(node));
}

export { bigrams };

function sectionOf(path: string): string {
  const m = /^[一二三]（[一二三四五六七八九十]+）/.exec(path);
  return m ? m[0] : '';
}

export interface Successor {
  path: string;
  citation: string;
  score: number;
}

/** Computes node.successor for every 2013 measure/item (mutates the nodes). */
export function computeCrosswalk(old: PlanNode[], next: PlanNode[]): void {
  const isLeafish = (n: PlanNode) => n.kind === 'measure' || n.kind === 'item';
  const sources = old.filter(isLeafish);
  const targets = next.filter(isLeafish);
  const docs = [...sources, ...targets].map((n) => bigrams(comparisonText(n)));
  const df = new Map<string, number>();
  for (const d of docs) for (const g of d.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const N = docs.length;
  const vec = (bag: Map<string, number>) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [g, tf] of bag) {
      const w = tf * (Math.log(N / (df.get(g) ?? 1)) + 1);
      v.set(g, w);
      norm += w * w;
    }
    return { v, norm: Math.sqrt(norm) };
  };
  const sv = docs.slice(0, sources.length).map(vec);
  const tv = docs.slice(sources.length).map(vec);
  const cosine = (a: { v: Map<string, number>; norm: number }, b: { v: Map<string, number>; norm: number }) => {
    if (a.norm === 0 || b.norm === 0) return 0;
    let dot = 0;
    const [small, large] = a.v.size <= b.v.size ? [a.v, b.v] : [b.v, a.v];
    for (const [g, w] of small) {
      const x = large.get(g);
      if (x) dot += w * x;
    }
    return dot / (a.norm * b.norm);
  };
  sources.forEach((src, i) => {
    let best = -1;
    let bestScore = -Infinity;
    let bestCos = 0;
    targets.forEach((t, j) => {
      const cos = cosine(sv[i], tv[j]);
      const score =
        cos + (sectionOf(t.path) === sectionOf(src.path) ? SECTION_BONUS : 0) + (t.kind === src.kind ? KIND_BONUS : 0);
      if (score > bestScore) {
        bestScore = score;
        best = j;
        bestCos = cos;
      }
    });
    const t = targets[best];
    src.successor =
      t && bestCos >= THRESHOLD
        ? { path: t.path, citation: t.citation, score: Math.round(bestCos * 1000) / 1000 }
        : null;
  });
}
