// Search of plan nodes by path (二（一）2（3）, 2021-2030 二(一)), by words of their text, and by pinyin / initials of
// their heading. Used by workspace symbols and the actionPlan/searchNodes request.
import type { Engines } from '../analysis';
import { derived, type PlanIndex, type PlanNode, type PlanNodeKind } from '../plan/model';
import { PLAN_CATALOG, PLAN_IDS, planByYears, plansInCorpus } from '../catalog/plans';
import { throwIfCancelled, type CancellationLike, type PlanId, type Range } from '../types';
import { normalisePathQuery, pinyinSyllables } from './common';
import { planTextRange } from './navigation';

export interface NodeHit {
  node: PlanNode;
  score: number;
}

interface HeadingPinyin {
  full: string;
  initials: string;
}

/** The pinyin of a node's heading; `memo` is the plan index's table (see searchNodes). */
function pinyinOf(memo: Map<PlanNode, HeadingPinyin>, node: PlanNode): HeadingPinyin {
  let p = memo.get(node);
  if (!p) {
    const h = node.heading.slice(0, 80);
    p = {
      full: pinyinSyllables(h)
        .join('')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, ''),
      initials: pinyinSyllables(h, true)
        .join('')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, ''),
    };
    memo.set(node, p);
  }
  return p;
}

const SEARCHABLE = new Set(['part', 'section', 'group', 'measure', 'item']);
/** Text matches: the most specific node first (a part's text contains all its measures'). */
const DEPTH_BONUS: Record<string, number> = { part: 0, section: 1, group: 2, measure: 3, item: 4 };

/** Nodes matching `query`, best first (path matches, then heading, then text, then pinyin), at most `limit`. */
export function searchNodes(
  plans: PlanIndex,
  query: string,
  options: { limit?: number; plan?: PlanId; token?: CancellationLike } = {},
): NodeHit[] {
  const limit = options.limit ?? 50;
  let q = query.trim();
  if (!q) return [];
  let onlyPlan = options.plan;
  const planPrefix = /^(\d{4})[-—–](\d{4})[\s\u3000:：]*/.exec(q);
  const byYears = planPrefix ? planByYears(+planPrefix[1], +planPrefix[2]) : undefined;
  if (planPrefix && byYears) {
    onlyPlan = byYears;
    q = q.slice(planPrefix[0].length);
  }
  // A citation pasted as the query: keep only the path after 》.
  const closing = q.lastIndexOf('》');
  if (closing >= 0) {
    const title = q.slice(0, closing);
    if (!onlyPlan) onlyPlan = PLAN_IDS.find((id) => title.includes(String(PLAN_CATALOG[id].years[0])));
    q = q.slice(closing + 1);
  }
  const newest = plansInCorpus()[0];
  const path = normalisePathQuery(q);
  const words = q.split(/[\s\u3000]+/).filter(Boolean);
  const ascii = /^[A-Za-z\s]+$/.test(q) ? q.toLowerCase().replace(/\s+/g, '') : '';
  // Heading pinyin is computed on the first pinyin query and kept by the plan index as long as it lives.
  const pinyin = ascii
    ? derived(plans, 'planSearch:headingPinyin', () => new Map<PlanNode, HeadingPinyin>())
    : undefined;
  const hits: NodeHit[] = [];
  let n = 0;
  for (const node of plans.nodes(onlyPlan)) {
    if ((++n & 127) === 0) throwIfCancelled(options.token);
    if (!SEARCHABLE.has(node.kind)) continue;
    let score = 0;
    if (path && node.path === path) score = 100;
    else if (path && node.path.startsWith(path) && /^[一二三四五六七八九十（）\d第项]+$/.test(path)) {
      score = 80 - Math.min(20, node.path.length - path.length);
    } else if (words.length && words.every((w) => node.heading.includes(w))) score = 60;
    else if (words.length && words.every((w) => node.text.includes(w))) score = 40 + DEPTH_BONUS[node.kind];
    else if (pinyin) {
      const p = pinyinOf(pinyin, node);
      if (p.initials.startsWith(ascii)) score = 35;
      else if (p.full.includes(ascii)) score = 30;
      else if (ascii.length >= 2 && p.initials.includes(ascii)) score = 25;
    }
    if (score > 0) {
      // The newest plan first, then shallower nodes.
      if (node.plan === newest) score += 0.5;
      hits.push({ node, score });
    }
  }
  hits.sort((a, b) => b.score - a.score);
  return hits.slice(0, limit);
}

/** A search result as the actionPlan/searchNodes request answers it (the client's quick pick). */
export interface SearchHit {
  plan: PlanId;
  path: string;
  citation: string;
  heading: string;
  text: string;
}

/** `searchNodes` as search hits; the query is cut to 200 characters (a pasted paragraph is not a query). */
export function searchHits(
  plans: PlanIndex,
  query: string,
  options: { limit?: number; token?: CancellationLike } = {},
): SearchHit[] {
  return searchNodes(plans, query.slice(0, 200), options).map(({ node }) => ({
    plan: node.plan,
    path: node.path,
    citation: node.citation,
    heading: node.heading,
    text: node.text,
  }));
}

/** A plan node as a workspace symbol: `citation heading`, its kind, where it is in the plan text, its plan's title. */
export interface PlanSymbol {
  name: string;
  kind: PlanNodeKind;
  plan: PlanId;
  /** The node's span in the plan text (0-based lines, UTF-16). */
  range: Range;
  container: string;
}

/** Workspace symbols: the plan nodes matching `query` (searchNodes), at most `limit`. */
export function planSymbols(
  engines: Engines,
  query: string,
  options: { limit?: number; token?: CancellationLike } = {},
): PlanSymbol[] {
  return searchNodes(engines.plans, query, options).map(({ node }) => ({
    name: `${node.citation} ${node.heading}`,
    kind: node.kind,
    plan: node.plan,
    range: planTextRange(engines, node.plan, node),
    container: engines.plans.meta(node.plan).title,
  }));
}
