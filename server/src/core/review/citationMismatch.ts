// citation-mismatch: the sentence (or list item) that cites a measure or sub-item shares too little content with
// it while another provision of the same plan matches clearly better.
//
// The sentence is the stretch of the line around the citation between sentence ends (。！？；), without the
// citations themselves and without responsibility clauses （…负责，…配合）. It is scored against every provision of
// the cited plan (core/plan/similarity.ts). The cited provision's score counts its family: a measure scores the
// best of its own text and its sub-items, a sub-item the best of its own text and its measure. A finding needs
// all of (thresholds calibrated on the plans at build time, data/build/plan-similarity.ts):
// - the sentence has at least `minBigrams` distinct bigrams of the plan's vocabulary (short sentences and
//   sentences that are mostly the citation are not judged);
// - no provision cited in the sentence scores `supported` or more;
// - another provision (not the cited one, nor its measure or sub-items) scores at least `clear` and leads the
//   cited one by at least `margin`.
// When unsure it says nothing; the fix (replace the path) is never applied automatically.
import { FIX_TITLES, RULES } from '../catalog/rules';
import type { Citation } from '../citation/api';
import type { PlanNode } from '../plan/model';
import { roundScore, type ScoredNode, type SentenceScores, type SimilarityModel } from '../plan/similarity';
import type { Finding, Fix, PlanId } from '../types';
import { endsBefore, sentenceEnds } from './sentences';

/** 二（一）2（3）第2项 → 二（一）; '' when the path has no section. */
export function sectionOf(path: string): string {
  const m = /^[一二三]（[一二三四五六七八九十]+）/.exec(path);
  return m ? m[0] : '';
}

/** Whether `a` and `b` are the same node or one contains the other (paths are prefix-closed with brackets). */
export function related(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** Paths of a provision's family: itself, its parent measure (for a sub-item) and its sub-items. */
export function familyOf(node: PlanNode): string[] {
  const out = [node.path, ...node.children];
  if (node.kind === 'item' && node.parent) out.push(node.parent);
  return out;
}

/** The cited provision's score: the best over its family (familyOf(node), without building the list). */
export function citedScore(node: PlanNode, score: (path: string) => number): number {
  let best = Math.max(0, score(node.path));
  for (const p of node.children) best = Math.max(best, score(p));
  if (node.kind === 'item' && node.parent) best = Math.max(best, score(node.parent));
  return best;
}

const CLAUSE = /[（(][^（）()]*(?:负责|牵头|配合|参与)[^（）()]*[）)]/g;

/**
 * The sentence around [start, end) of `line`: [from, to), from after the last sentence end before `start` to after the
 * first at or after `end` (else the end of the line).
 */
export function sentenceAround(line: string, start: number, end: number): { from: number; to: number } {
  const ends = sentenceEnds(line);
  return { from: sentenceFrom(ends, start), to: sentenceTo(ends, end, line.length) };
}

/** Where the sentence holding `start` starts (after the last sentence end before it); `ends`: the line's sentenceEnds. */
function sentenceFrom(ends: readonly number[], start: number): number {
  const k = endsBefore(ends, start);
  return k > 0 ? ends[k - 1] + 1 : 0;
}

/** Where the sentence holding `end` ends (after its sentence end, else at the end of the line, `length`). */
function sentenceTo(ends: readonly number[], end: number, length: number): number {
  const k = endsBefore(ends, end);
  return k < ends.length ? ends[k] + 1 : length;
}

/** The text a sentence is judged on: without citations (spans relative to the line) and responsibility clauses. */
export function sentenceContent(line: string, from: number, to: number, citations: Citation[]): string {
  let out = '';
  let pos = from;
  // Citations come in line order; sorted (a copy) only when they do not.
  let sorted = citations;
  for (let i = 1; i < citations.length; i++) {
    if (citations[i].start < citations[i - 1].start) {
      sorted = [...citations].sort((a, b) => a.start - b.start);
      break;
    }
  }
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i];
    if (c.end <= from || c.start >= to) continue;
    out += line.slice(pos, Math.max(pos, c.start)) + '，';
    pos = Math.max(pos, c.end);
  }
  out += line.slice(pos, to);
  return out.replace(CLAUSE, '，');
}

export interface MismatchContext {
  similarity: SimilarityModel;
  /** Node by path, for candidates' headings. */
  node(plan: PlanId, path: string): PlanNode | undefined;
}

function short(s: string, n = 24): string {
  const chars = [...s];
  return chars.length > n ? chars.slice(0, n).join('') + '…' : s;
}

/**
 * citation-mismatch findings of one line (offsets relative to the line). The common case (a sentence too short, or
 * supported by what it cites, or with no provision clearly better) is decided here in a few steps; the findings are
 * built by mismatchFindings, which nearly never runs (a small hot function compiles early and small).
 */
export function citationMismatches(line: string, citations: Citation[], ctx: MismatchContext): Finding[] {
  const t = ctx.similarity.thresholds;
  // The sentences with a path citation, in order of their first one (a line has a handful: compared, not keyed), in
  // arrays made to the number of path citations (a pushed array keeps room for 16).
  // A citation's sentence is judged when it cites a path, not as a mention (tested in place: no call per citation).
  let n = 0;
  for (let i = 0; i < citations.length; i++) if (citations[i].kind === 'path' && citations[i].form !== 'mention') n++;
  if (!n) return [];
  const froms: number[] = new Array(n);
  const tos: number[] = new Array(n);
  const groups: Citation[][] = new Array(n);
  let count = 0;
  // The line's sentence ends, found once.
  const ends = sentenceEnds(line);
  for (let i = 0; i < citations.length; i++) {
    const c = citations[i];
    if (c.kind !== 'path' || c.form === 'mention') continue;
    const from = sentenceFrom(ends, c.start);
    const to = sentenceTo(ends, c.end, line.length);
    let g = -1;
    for (let k = 0; k < count; k++) if (froms[k] === from && tos[k] === to) g = k;
    if (g >= 0) groups[g].push(c);
    else {
      froms[count] = from;
      tos[count] = to;
      groups[count++] = [c];
    }
  }
  let out: Finding[] | undefined;
  for (let k = 0; k < count; k++) {
    const group = groups[k];
    // Every path in the sentence must resolve to a provision of one plan; broader citations (a section, a part)
    // or unknown paths are not judged.
    // (Each one's family in the model, found once per node: undefined when the node is not a provision of the model.)
    const plan = group[0].plan;
    const families: Array<readonly number[] | undefined> = new Array(group.length);
    let judged = true;
    for (let i = 0; i < group.length && judged; i++) {
      const c = group[i];
      const f = c.node && c.plan === plan ? ctx.similarity.family(plan, c.node) : undefined;
      if (f) families[i] = f;
      else judged = false;
    }
    if (!judged) continue;
    const scored = ctx.similarity.score(plan, sentenceContent(line, froms[k], tos[k], citations));
    if (scored.distinct < t.minBigrams) continue;
    // The cited provisions' best score over their families (citedScore).
    let best = -Infinity;
    for (let i = 0; i < group.length; i++) best = Math.max(best, scored.familyScore(families[i]!));
    if (best >= t.supported) continue;
    // Provisions clearly better than the cited one; nearly always none (then nothing more to build).
    const better = scored.ranked(Math.max(t.clear, best + t.margin));
    if (!better.length) continue;
    mismatchFindings(group, plan, scored, better, ctx, (out ??= []));
  }
  return out ?? [];
}

/** The findings of a sentence citing `group` when `better` (non-empty) lists provisions clearly better. */
function mismatchFindings(
  group: Citation[],
  plan: PlanId,
  scored: SentenceScores,
  better: ScoredNode[],
  ctx: MismatchContext,
  out: Finding[],
): void {
  const score = (path: string) => scored.score(path);
  const cited = group.map((c) => ({ c, node: c.node!, score: citedScore(c.node!, score) }));
  const families = cited.flatMap((x) => familyOf(x.node));
  const candidates = better.filter((r) => !families.some((f) => related(f, r.path))).slice(0, 3);
  if (!candidates.length) return;
  const cands = candidates
    .map((r) => ({ node: ctx.node(plan, r.path)!, score: roundScore(r.score) }))
    .filter((x) => x.node);
  if (!cands.length) return;
  for (const x of cited) {
    const score = roundScore(x.score);
    const fixes: Fix[] = x.c.pathSpan
      ? cands.map((k) => ({
          title: FIX_TITLES.citeInstead(k.node.citation),
          edits: [{ start: x.c.pathSpan!.start, end: x.c.pathSpan!.end, newText: k.node.path }],
          unambiguous: false,
        }))
      : [];
    out.push({
      code: 'citation-mismatch',
      severity: RULES['citation-mismatch'].defaultSeverity,
      facts: {
        cited: x.node.citation,
        heading: short(x.node.heading),
        score,
        candidates: cands.map((k) => ({ citation: k.node.citation, heading: short(k.node.heading), score: k.score })),
      },
      start: x.c.start,
      end: x.c.end,
      data: { score, candidates: cands.map((k) => ({ citation: k.node.citation, score: k.score })) },
      fixes,
    });
  }
}
