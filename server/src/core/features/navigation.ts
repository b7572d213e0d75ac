// Definition, references and document links: from citations to plan nodes and back.
import type { Engines } from '../analysis';
import type { Citation } from '../citation/api';
import type { PlanNode } from '../plan/model';
import { computeLineStarts } from '../document';
import { throwIfCancelled, type CancellationLike, type PlanId, type Range, type Span } from '../types';
import { citationAt, documentCitations, type FeatureContext } from './common';

export interface PlanTarget {
  plan: PlanId;
  /** The node; undefined for a citation of the whole plan (title or document number). */
  node?: PlanNode;
  /** The citation the cursor is on. */
  origin: Span;
}

/** The plan node (or plan) that the citation at `offset` points to. Unknown paths point nowhere. */
export function definitionTarget(text: string, offset: number, ctx: FeatureContext): PlanTarget | undefined {
  const c = citationAt(documentCitations(text, ctx), offset);
  if (!c) return undefined;
  if (c.kind === 'path' && !c.node) return undefined;
  return { plan: c.plan, node: c.node, origin: { start: c.start, end: c.end } };
}

export interface CitationLink extends Span {
  plan: PlanId;
  node?: PlanNode;
  tooltip: string;
}

/** One link per resolvable citation. */
export function documentLinks(text: string, ctx: FeatureContext): CitationLink[] {
  const out: CitationLink[] = [];
  for (const c of documentCitations(text, ctx)) {
    if (c.kind === 'path' && !c.node) continue;
    const meta = ctx.engines.plans.meta(c.plan);
    out.push({
      start: c.start,
      end: c.end,
      plan: c.plan,
      node: c.node,
      tooltip: c.node
        ? `打开计划原文：${c.node.citation} ${c.node.heading} / Open in the plan text`
        : `打开计划原文：《${meta.title}》 / Open the plan text`,
    });
  }
  return out;
}

/** Citations in `text` that resolve to exactly `node`. */
export function citationsOfNode(
  text: string,
  node: PlanNode,
  engines: Engines,
  defaultPlan: PlanId,
  token?: CancellationLike,
): Citation[] {
  // Cheap pre-filter: a citation of a node always has a plan reference in the text.
  if (!text.includes('》') && !text.includes('号')) return [];
  throwIfCancelled(token);
  return engines
    .findCitations(text, engines.plans, { defaultPlan }, token)
    .filter((c) => c.kind === 'path' && c.node && c.plan === node.plan && c.node.path === node.path);
}

const lineStartsCache = new WeakMap<object, Map<PlanId, number[]>>();

/** The LSP range of a node (or of the plan's first line) in its plan text. */
export function planTextRange(engines: Engines, plan: PlanId, node?: PlanNode): Range {
  let perIndex = lineStartsCache.get(engines.plans);
  if (!perIndex) lineStartsCache.set(engines.plans, (perIndex = new Map()));
  let starts = perIndex.get(plan);
  if (!starts) perIndex.set(plan, (starts = computeLineStarts(engines.plans.text(plan))));
  const pos = (offset: number) => {
    let lo = 0;
    let hi = starts!.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts![mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts![lo] };
  };
  if (!node || node.kind === 'root') return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: pos(node.start), end: pos(node.end) };
}
