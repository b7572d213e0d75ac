// `action-plan-lint show CITATION`: one plan node, as JSON (CONTRACT.md) or readable Chinese text.
import { parseCitation } from '../core/citation/index';
import type { PlanIndex, PlanNode } from '../core/plan/model';
import type { PlanId } from '../core/types';

export interface ShownNode {
  plan: PlanId;
  citation: string;
  path: string;
  title: string;
  text: string;
  lead: string[];
  cooperating: string[];
  /** 2013—2020 nodes only: the counterpart citation in the plan in force, or null. */
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
  if (node.plan === '2013-2020') out.successor = node.successor?.citation ?? null;
  return out;
}

export function formatShowText(n: ShownNode, index: PlanIndex): string {
  const meta = index.meta(n.plan);
  const status = meta.status === 'in-force' ? '现行有效 / in force' : `已失效（${meta.expired ?? ''}期满）/ expired`;
  const lines = [
    n.citation,
    `计划 / plan：《${meta.title}》（${meta.docNumber}，${status}）`,
    `标题 / title：${n.title || '—'}`,
    `牵头单位 / lead：${n.lead.length ? n.lead.join('、') : '—'}`,
    `配合单位 / cooperating：${n.cooperating.length ? n.cooperating.join('、') : '—'}`,
  ];
  if (n.successor !== undefined) {
    lines.push(`现行计划对应条目 / counterpart in force：${n.successor ?? '无 / none'}`);
  }
  lines.push('', n.text.replace(/\s+$/, ''), '');
  return lines.join('\n');
}

export function notFoundMessage(citation: string): string {
  return `找不到引用“${citation}”对应的条目 / the citation "${citation}" does not resolve to a plan node`;
}
