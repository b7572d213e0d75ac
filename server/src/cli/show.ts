// `action-plan-lint show CITATION`: one plan node, as JSON (CONTRACT.md) or readable Chinese text.
import { PLAN_CATALOG, planStatusLabel, planStatusOn } from '../core/catalog/plans';
import { parseCitation, type Citation } from '../core/citation/index';
import { existingSiblings, type PlanIndex, type PlanNode } from '../core/plan/model';
import type { PlanId } from '../core/types';

export interface ShownNode {
  plan: PlanId;
  citation: string;
  path: string;
  title: string;
  text: string;
  lead: string[];
  cooperating: string[];
  /** Nodes of a plan that has a successor (2013—2020): the counterpart citation in the successor, or null. */
  successor?: string | null;
}

/** The node a citation string names, or undefined when it does not parse or resolve. */
export function resolveShow(citation: string, index: PlanIndex, defaultPlan: PlanId): PlanNode | undefined {
  return parseCitation(citation, index, { defaultPlan })?.node;
}

export function shownNode(node: PlanNode): ShownNode {
  const out: ShownNode = {
    plan: node.plan,
    citation: node.citation,
    path: node.path,
    title: node.heading,
    text: node.text,
    lead: [...node.lead],
    cooperating: [...node.cooperating],
  };
  if (PLAN_CATALOG[node.plan].successor && PLAN_CATALOG[node.plan].textInCorpus)
    out.successor = node.successor?.citation ?? null;
  return out;
}

/** Readable text of a node; the plan's status on `date` (the reference date, else today). */
export function formatShowText(n: ShownNode, index: PlanIndex, date: string): string {
  const meta = index.meta(n.plan);
  const st = planStatusOn(n.plan, date);
  const since = st.since ? `（${st.since}起由${PLAN_CATALOG[st.successor!].docNumber}接续）` : '';
  const status = `${planStatusLabel(st, 'zh')}${since} / ${planStatusLabel(st, 'en')}${st.since ? ` since ${st.since}` : ''}`;
  const lines = [
    n.citation,
    `计划 / plan：《${meta.title}》（${meta.docNumber}，${status}）`,
    `标题 / title：${n.title || '—'}`,
    `牵头单位 / lead：${n.lead.length ? n.lead.join('、') : '—'}`,
    `配合单位 / cooperating：${n.cooperating.length ? n.cooperating.join('、') : '—'}`,
  ];
  if (n.successor !== undefined) {
    lines.push(`后继计划对应条目 / counterpart in the successor plan：${n.successor ?? '无 / none'}`);
  }
  lines.push('', n.text.replace(/\s+$/, ''), '');
  return lines.join('\n');
}

/** Why a citation does not resolve: not a citation, a plan whose text is not in the corpus, or no such node. */
export function notFoundMessage(citation: string, parsed?: Citation, index?: PlanIndex): string {
  if (parsed && parsed.unchecked) {
    const m = PLAN_CATALOG[parsed.plan];
    return (
      `《${m.title}》（${m.docNumber}，${m.issued}印发）的原文未收录，无法显示“${parsed.path ?? parsed.text}” / ` +
      `the text of the ${parsed.plan} plan (${m.docNumber}, issued ${m.issued}) is not in the corpus: "${citation}" cannot be shown`
    );
  }
  if (parsed && parsed.path && index) {
    // What exists where the path fails (二 has （一）–（六）).
    const { parent, kids } = existingSiblings(index, parsed.plan, parsed.path);
    if (kids.length) {
      const list = kids.map((k) => k.path.slice(parent.length)).join('、');
      return `《${PLAN_CATALOG[parsed.plan].shortTitle}》中不存在“${parsed.path}”；${parent ? `“${parent}”下` : ''}现有：${list} / there is no "${parsed.path}" in the ${parsed.plan} plan; ${parent || 'the plan'} has: ${list}`;
    }
  }
  return `找不到引用“${citation}”对应的条目 / the citation "${citation}" does not resolve to a plan node`;
}
