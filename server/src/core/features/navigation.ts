// Definition, references and document links: from citations to plan nodes and back.
import type { Engines } from '../analysis';
import type { Citation } from '../citation/api';
import { derived, type PlanNode } from '../plan/model';
import { computeLineStarts, InMemoryDocument } from '../document';
import type { WorkspaceFiles } from '../service';
import { CancelledError, throwIfCancelled, type CancellationLike, type PlanId, type Range, type Span } from '../types';
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
    // No link for a path that does not resolve, a plan whose text is not in the corpus, or the items a range implies.
    if ((c.kind === 'path' && !c.node) || c.unchecked || c.implied) continue;
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

/** An open document as the references search sees it. */
export interface OpenDocument {
  uri: string;
  /** Its file-system path, when it has one (the workspace file of the same path is then skipped). */
  path?: string;
  text: string;
  /** The citations of its current analysis, when the document is analysed (else they are found here). */
  citations?: readonly Citation[];
  defaultPlan: PlanId;
}

export interface ReferenceLocation {
  uri: string;
  range: Range;
}

/**
 * Every citation of `node`: in the open documents (as the editor has them), then in the workspace's files that are
 * not open. Cancellable between documents.
 */
export async function references(
  node: PlanNode,
  open: readonly OpenDocument[],
  workspace: WorkspaceFiles,
  engines: Engines,
  defaultPlan: PlanId,
  token?: CancellationLike,
): Promise<ReferenceLocation[]> {
  const out: ReferenceLocation[] = [];
  const push = (uri: string, text: string, cites: readonly Citation[]) => {
    if (!cites.length) return;
    const doc = new InMemoryDocument(uri, text);
    for (const c of cites) out.push({ uri, range: { start: doc.positionAt(c.start), end: doc.positionAt(c.end) } });
  };
  const seen = new Set<string>();
  const seenPaths = new Set<string>();
  for (const d of open) {
    if (token?.isCancellationRequested) throw new CancelledError();
    seen.add(d.uri);
    if (d.path) seenPaths.add(d.path);
    const cites = d.citations
      ? d.citations.filter((c) => c.kind === 'path' && c.node && c.plan === node.plan && c.node.path === node.path)
      : citationsOfNode(d.text, node, engines, d.defaultPlan, token);
    push(d.uri, d.text, cites);
  }
  for (const file of await workspace.list(token)) {
    if (token?.isCancellationRequested) throw new CancelledError();
    if (seen.has(file.uri) || (file.path && seenPaths.has(file.path))) continue;
    const text = await workspace.read(file);
    if (text === undefined) continue;
    push(file.uri, text, citationsOfNode(text, node, engines, defaultPlan, token));
  }
  return out;
}

/** The LSP range of a node (or of the plan's first line) in its plan text. */
export function planTextRange(engines: Engines, plan: PlanId, node?: PlanNode): Range {
  // The line starts of a plan text are kept by the plan index (computed once per index and plan).
  const starts = derived(engines.plans, `lineStarts:${plan}`, () => computeLineStarts(engines.plans.text(plan)));
  const pos = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
  if (!node || node.kind === 'root') return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: pos(node.start), end: pos(node.end) };
}
