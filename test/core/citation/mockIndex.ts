// A small in-memory PlanIndex for the citation tests: only the node paths matter to the citation engine.
import type { PlanId } from '../../../server/src/core/types';
import { PLAN_CATALOG } from '../../../server/src/core/catalog/plans';
import type { PlanIndex, PlanMeta, PlanNode, PlanNodeKind } from '../../../server/src/core/plan/model';

const META: Record<PlanId, PlanMeta> = {
  '2008-2012': { ...PLAN_CATALOG['2008-2012'] },
  '2013-2020': { ...PLAN_CATALOG['2013-2020'], textFile: 'data/plans/2013-2020.txt' },
  '2021-2030': { ...PLAN_CATALOG['2021-2030'], textFile: 'data/plans/2021-2030.txt' },
};

function kindOf(path: string): PlanNodeKind {
  if (path === '') return 'root';
  if (path === '通知') return 'notice';
  if (path.includes('项')) return 'item';
  if (/\d（\d+）$/.test(path)) return 'measure';
  if (/）\d$/.test(path)) return 'group';
  if (path.endsWith('）')) return 'section';
  return 'part';
}

/** Nodes: the root, the notice, and the given paths (parents are not derived; list them explicitly). */
export function makeIndex(paths: Partial<Record<PlanId, string[]>>): PlanIndex {
  const nodes = new Map<string, PlanNode>();
  const all: PlanNode[] = [];
  for (const plan of Object.keys(paths) as PlanId[]) {
    for (const path of ['', '通知', ...(paths[plan] ?? [])]) {
      const node: PlanNode = {
        plan,
        kind: kindOf(path),
        path,
        citation: `《${META[plan].shortTitle}》${path}`,
        heading: `heading ${path}`,
        text: `text ${path}`,
        lead: [],
        cooperating: [],
        start: 0,
        end: 0,
        startLine: 0,
        endLine: 0,
        parent: path === '' ? undefined : '',
        children: [],
        successor: plan === '2013-2020' && /（\d+）/.test(path) ? null : undefined,
      };
      nodes.set(`${plan}\u0000${path}`, node);
      all.push(node);
    }
  }
  return {
    meta: (plan) => META[plan],
    text: () => '',
    get: (plan, path) => nodes.get(`${plan}\u0000${path}`),
    children: () => [],
    nodes: (plan) => all.filter((n) => plan === undefined || n.plan === plan),
    nodeAt: () => undefined,
  };
}

export const INDEX = makeIndex({
  '2021-2030': [
    '一',
    '一（一）',
    '二',
    '二（一）',
    '二（一）1',
    '二（一）2',
    '二（一）2（1）',
    '二（一）2（3）',
    '二（一）2（3）第2项',
    '二（二）',
    '二（二）2（1）',
    '三',
    '三（二）',
  ],
  '2013-2020': ['二', '二（一）', '二（一）2', '二（一）2（1）', '二（一）2（2）', '二（一）2（2）第1项'],
});
