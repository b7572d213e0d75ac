// The outline of both national plans, for the client's tree view (actionPlan/planTree).
import type { Engines } from '../analysis';
import type { PlanNodeKind } from '../plan/model';
import type { PlanId, Range } from '../types';
import { planTextRange } from './navigation';

export interface PlanTreeNode {
  path: string;
  citation: string;
  kind: PlanNodeKind;
  heading: string;
  /** The node's span in the plan text (0-based lines, UTF-16). */
  range: Range;
  children: PlanTreeNode[];
}

export interface PlanTree {
  plans: Array<{ id: PlanId; title: string; nodes: PlanTreeNode[] }>;
}

export function planTree(engines: Engines): PlanTree {
  const build = (plan: PlanId, path: string, depth: number): PlanTreeNode[] =>
    depth > 8
      ? []
      : engines.plans.children(plan, path).map((n) => ({
          path: n.path,
          citation: n.citation,
          kind: n.kind,
          heading: n.heading,
          range: planTextRange(engines, plan, n),
          children: build(plan, n.path, depth + 1),
        }));
  return {
    plans: (['2021-2030', '2013-2020'] as PlanId[]).map((id) => ({
      id,
      title: engines.plans.meta(id).title,
      nodes: build(id, '', 0),
    })),
  };
}
