// What the coverage map webview shows (actionPlan/coverageMap): the map of the given documents with the review
// checks' flags (citation-mismatch, responsibility-mismatch), its HTML fragment and stylesheet, the text of every
// cell's node and the state labels in the reader's language. The glue only supplies each document's analysis.
import type { Engines } from '../analysis';
import type { Citation } from '../citation/api';
import { throwIfCancelled, type CancellationLike, type Finding, type PlanId } from '../types';
import type { CoverageInput } from './coverage';
import { COVERAGE_CSS, STATE_LABELS, renderCoverageFragment, stateLabel, type Lang } from './coverageHtml';
import { COVERAGE_STATES, coverageMap, mapCells, type CoverageMap, type CoverageState } from './coverageMap';
import { addReviewFlags } from './coverageReview';

export interface CoverageMapView {
  map: CoverageMap;
  /** Legend, summary and map, rendered by coverageHtml.ts (cells are buttons with data attributes). */
  html: string;
  /** The stylesheet of that HTML. */
  css: string;
  /** Per cell path: the node's full text and its 0-based line in the plan text (actionPlan/planText). */
  nodes: Record<string, { text: string; line: number }>;
  /** Symbol and label of each state in the requested language (the tree view shows them). */
  labels: Record<CoverageState, { symbol: string; label: string }>;
}

export async function coverageMapView(
  inputs: readonly CoverageInput[],
  engines: Engines,
  options: {
    defaultPlan: PlanId;
    /** The reference date: the map shows the plan in force on it (coverageMap.ts). */
    date?: string;
    lang: Lang;
    token?: CancellationLike;
    /** The findings and citations of one document (the review checks' flags come from them). */
    analyse: (input: CoverageInput) => Promise<{ findings: readonly Finding[]; citations: readonly Citation[] }>;
  },
): Promise<CoverageMapView> {
  const { lang, token } = options;
  const map = coverageMap(inputs, engines, { defaultPlan: options.defaultPlan, date: options.date, token });
  // A map without cells (the plan's text is not in the corpus, or no plan was in force) gets no review flags: the
  // documents are not analysed for it.
  if (!map.unavailable)
    for (const input of inputs) {
      throwIfCancelled(token);
      const { findings, citations } = await options.analyse(input);
      addReviewFlags(map, input.uri, input.text, findings, citations);
    }
  const nodes: CoverageMapView['nodes'] = {};
  for (const c of mapCells(map)) {
    const n = engines.plans.get(map.plan, c.path);
    if (n) nodes[c.path] = { text: n.text, line: n.startLine };
  }
  const labels = Object.fromEntries(
    COVERAGE_STATES.map((st) => [st, { symbol: STATE_LABELS[st].symbol, label: stateLabel(st, lang) }]),
  ) as CoverageMapView['labels'];
  return { map, html: renderCoverageFragment(map, { lang }), css: COVERAGE_CSS, nodes, labels };
}
