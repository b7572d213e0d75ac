// The outline of the national plans, for the client's tree view (actionPlan/planTree), and which plan texts can be
// opened (actionPlan/planText).
import type { Engines } from '../analysis';
import type { PlanNodeKind } from '../plan/model';
import {
  isPlanId,
  PLAN_CATALOG,
  PLAN_IDS,
  planStatusLabel,
  planStatusOn,
  plansNewestFirst,
  type PlanState,
} from '../catalog/plans';
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
  plans: Array<{
    id: PlanId;
    title: string;
    nodes: PlanTreeNode[];
    /** Extensions: 文号, issue date, status on `date` (core/catalog/plans.ts), whether the text is in the corpus. */
    docNumber?: string;
    issued?: string;
    status?: PlanState;
    /** Status label (Chinese / English), e.g. 现行有效 / in force. */
    statusLabel?: string;
    textInCorpus?: boolean;
  }>;
  /** The date the statuses hold on. */
  date?: string;
}

/** Every plan, newest first, with its status on `date`; a plan whose text is not in the corpus has no nodes. */
export function planTree(engines: Engines, date: string): PlanTree {
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
    date,
    plans: plansNewestFirst().map((id) => {
      const meta = engines.plans.meta(id);
      const status = planStatusOn(id, date);
      return {
        id,
        title: meta.title,
        nodes: meta.textInCorpus ? build(id, '', 0) : [],
        docNumber: meta.docNumber,
        issued: meta.issued,
        status: status.state,
        statusLabel:
          `${planStatusLabel(status, 'zh')} / ${planStatusLabel(status, 'en')}` +
          (meta.textInCorpus ? '' : '；原文未收录 / text not in the corpus'),
        textInCorpus: meta.textInCorpus,
      };
    }),
  };
}

/**
 * The plan whose text the actionPlan/planText request asks for: a known plan id whose text is in the corpus, or
 * the error to answer (Chinese and English).
 */
export function planWithText(plan: unknown): { plan: PlanId } | { error: string } {
  if (!isPlanId(plan)) {
    return { error: `未知的计划 / unknown plan: ${String(plan)}（${PLAN_IDS.join('、')}）` };
  }
  const meta = PLAN_CATALOG[plan];
  if (!meta.textInCorpus) {
    return {
      error: `《${meta.title}》（${meta.docNumber}）的原文未收录 / the text of the ${plan} plan is not in the corpus`,
    };
  }
  return { plan };
}
