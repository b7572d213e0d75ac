// Completion: plan titles after 《, the next path level after a plan reference, agency names in responsibility
// clauses and 、-lists (characters, pinyin, initials), and a measure's responsibility clause translated to the
// document's place right after a citation of that measure.
import { PLAN_CATALOG, planInForceOn, planStatusLabel, planStatusOn, plansNewestFirst } from '../catalog/plans';
import { localityFromNames } from './locality';
import type { Citation } from '../citation/api';
import type { PlanNode } from '../plan/model';
import type { TextDocumentLike } from '../types';
import { clauseOwner, lineAt, LINE_WINDOW, normalisePathQuery, type FeatureContext, type PlanLinker } from './common';
import { nodeMarkdown } from './hover';

export type CoreCompletionKind = 'plan' | 'path' | 'agency' | 'clause';

export interface CoreCompletion {
  label: string;
  kind: CoreCompletionKind;
  detail?: string;
  /** Markdown documentation. */
  documentation?: string;
  /** Replacement of [start, end) (document offsets) by newText. */
  start: number;
  end: number;
  newText: string;
  /** What the client filters on; always compatible with the text typed in [start, cursor). */
  filterText: string;
  sortText: string;
  preselect?: boolean;
}

export interface CoreCompletionList {
  items: CoreCompletion[];
  /** The server re-ranks on every keystroke (pinyin, initials): ask again. */
  isIncomplete: boolean;
}

const AGENCY_LIMIT = 40;
/** Characters that end an item of an agency list. */
const SEPARATORS = '（(、，,；;：:';
const PLAN_REF = /(《[^《》\n]{1,60}》|国办发\s*[〔[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,3}\s*号)$/;

export function getCompletions(
  doc: TextDocumentLike,
  offset: number,
  ctx: FeatureContext,
  link?: PlanLinker,
): CoreCompletionList {
  const text = doc.getText();
  if (text.length > ctx.settings.maxDocumentSize) return { items: [], isIncomplete: false };
  const line = lineAt(text, offset, LINE_WINDOW);
  const before = line.text.slice(0, offset - line.start);
  const after = line.text.slice(offset - line.start);
  const items: CoreCompletion[] = [];
  let incomplete = false;

  // 1. Plan titles right after 《 (with a partial title typed).
  const open = /《([^《》]{0,30})$/.exec(before);
  if (open) {
    items.push(...planTitleItems(offset - open[1].length, offset, after, open[1], ctx.referenceDate, ctx.lang ?? 'zh'));
    return { items, isIncomplete: false };
  }

  // 2. Path after a plan reference, and the responsibility clause right after a measure's citation.
  const pathCtx = pathContext(before, ctx, line.start);
  if (pathCtx) {
    items.push(...pathItems(pathCtx, offset, ctx, link));
    if (pathCtx.typed === '' || pathCtx.typedNode) {
      const clause = clauseItem(pathCtx.typedNode, offset, ctx);
      if (clause) items.push(clause);
    }
    if (items.length) return { items, isIncomplete: false };
  }

  // 3. Agency names inside a responsibility clause or an agency list.
  const agency = agencyContext(before);
  if (agency) {
    incomplete = true;
    // The document's place ranks its local forms first: the setting or title, else the place its own names share.
    const locality = ctx.locality ?? localityFromNames(text);
    items.push(...agencyItems(agency.token, offset - agency.token.length, offset, { ...ctx, locality }));
  }
  return { items, isIncomplete: incomplete };
}

function planTitleItems(
  start: number,
  offset: number,
  after: string,
  typed: string,
  date: string,
  lang: 'zh' | 'en',
): CoreCompletion[] {
  // Replace a partial title after the cursor too, up to and including 》 when the title is already closed.
  const rest = /^[^《》\s，。]*》/.exec(after);
  const end = offset + (rest ? rest[0].length : 0);
  // Every plan issued by the reference date (core/catalog/plans.ts), the one in force first; its status on that date.
  const inForce = planInForceOn(date);
  const ids = plansNewestFirst()
    .filter((id) => planStatusOn(id, date).state !== 'not-issued')
    .sort((a, b) => (a === inForce ? -1 : b === inForce ? 1 : 0));
  const titles: Array<[string, string, string]> = [];
  for (const id of ids) {
    const p = PLAN_CATALOG[id];
    // The status on the reference date, in the reader's language.
    const label =
      planStatusLabel(planStatusOn(id, date), lang) +
      (p.textInCorpus ? '' : lang === 'zh' ? ' · 原文未收录' : ' · text not in the corpus');
    const y = String(p.years[0]);
    titles.push([p.title, `${label} · ${p.docNumber}`, `zhongguo${pinyinOfCore(p.titleCore)}xingdongjihua${y}`]);
    titles.push([p.shortTitle, `${lang === 'zh' ? '简称' : 'short title'} · ${label}`, `xingdongjihua${y}`]);
  }
  return titles.map(([title, detail, py], i) => ({
    label: `${title}》`,
    kind: 'plan' as const,
    detail,
    start,
    end,
    newText: `${title}》`,
    filterText: /^[\x00-\x7f]+$/.test(typed) && typed ? `${py} ${title}` : title,
    sortText: String(i).padStart(2, '0'),
    preselect: i === 0,
  }));
}

/** Pinyin of a title core without 行动计划 (反对拐卖人口 → fanduiguaimairenkou), for typing the title in pinyin. */
function pinyinOfCore(core: string): string {
  const words: Record<string, string> = {
    反对: 'fandui',
    拐卖: 'guaimai',
    人口: 'renkou',
    妇女: 'funv',
    儿童: 'ertong',
  };
  let out = '';
  const stem = core.replace(/行动计划$/, '');
  for (let k = 0; k < stem.length; k += 2) out += words[stem.slice(k, k + 2)] ?? '';
  return out;
}

interface PathContext {
  plan: Citation['plan'];
  /** The path typed so far (canonical form), and how many characters before the cursor it takes as written. */
  typed: string;
  typedLength: number;
  typedAsWritten: string;
  /** The node the typed path names exactly, if any. */
  typedNode?: PlanNode;
}

function pathContext(before: string, ctx: FeatureContext, lineStart: number): PathContext | undefined {
  // Path characters typed after the plan reference: numerals, digits, brackets, 第, 项, spaces.
  const m = /(?:第)?[\s\u3000]*[一二三四五六七八九十（）()\d０-９第项\s\u3000]*$/.exec(before);
  const typedRaw = m ? m[0] : '';
  const refEnd = before.length - typedRaw.length;
  const ref = PLAN_REF.exec(before.slice(0, refEnd));
  if (!ref) return undefined;
  const refText = ref[1];
  const cites = ctx.engines.findCitations(refText, ctx.engines.plans, { defaultPlan: ctx.settings.defaultPlan });
  const c = cites.find((x) => x.start === 0 && x.end === refText.length) ?? cites[0];
  if (!c) return undefined;
  // 《行动计划》 alone: resolve as the analysis did (an abbreviation defined in the document, else the plan named most
  // recently before it).
  let plan = c.plan;
  if (!c.planRef.explicit && ctx.analysis) {
    const refStart = lineStart + ref.index;
    let prior: Citation | undefined;
    let self: Citation | undefined;
    for (const x of ctx.analysis.citations) {
      if (x.start > refStart) break;
      if (x.start === refStart) self = x;
      else if (x.planRef.explicit) prior = x;
    }
    plan = self ? self.plan : prior ? prior.plan : ctx.settings.defaultPlan;
  }
  const typed = normalisePathQuery(typedRaw);
  // Where the replaced text starts: after leading spaces and 第.
  const lead = /^[\s\u3000]*(?:第(?!\d+项))?[\s\u3000]*/.exec(typedRaw)![0].length;
  return {
    plan,
    typed,
    typedLength: typedRaw.length - lead,
    typedAsWritten: typedRaw.slice(lead),
    typedNode: typed ? ctx.engines.plans.get(plan, typed) : undefined,
  };
}

function pathItems(pc: PathContext, offset: number, ctx: FeatureContext, link?: PlanLinker): CoreCompletion[] {
  const plans = ctx.engines.plans;
  // The deepest existing node whose path is a prefix of what was typed.
  let base: PlanNode | undefined = plans.get(pc.plan, '');
  for (let k = pc.typed.length; k > 0; k--) {
    const n = plans.get(pc.plan, pc.typed.slice(0, k));
    if (n) {
      base = n;
      break;
    }
  }
  if (!base) return [];
  const candidates: PlanNode[] = [];
  if (base.path && base.path === pc.typed) candidates.push(base);
  for (const child of plans.children(pc.plan, base.path)) {
    if (child.kind === 'notice' || child.kind === 'preamble') continue;
    if (child.path.startsWith(pc.typed)) candidates.push(child);
  }
  return candidates.map((n, i) => ({
    label: n.path,
    kind: 'path' as const,
    detail: n.heading,
    documentation: `**${n.citation}**\n\n${nodeMarkdown(n, ctx, link)}`,
    start: offset - pc.typedLength,
    end: offset,
    newText: n.path,
    // Keep the client's filter happy when the path was typed with halfwidth brackets or spaces.
    filterText: n.path.startsWith(pc.typed) ? pc.typedAsWritten + n.path.slice(pc.typed.length) : n.path,
    sortText: String(i).padStart(4, '0'),
  }));
}

function clauseItem(node: PlanNode | undefined, offset: number, ctx: FeatureContext): CoreCompletion | undefined {
  if (!node || (node.kind !== 'measure' && node.kind !== 'item')) return undefined;
  const owner = clauseOwner(ctx.engines, node);
  if (!owner || !owner.lead.length) return undefined;
  const lead = owner.lead.map((n) => translateName(n, ctx));
  const coop = owner.cooperating.map((n) => translateName(n, ctx));
  const clause = `（${lead.join('、')}负责${coop.length ? `，${coop.join('、')}配合` : ''}）`;
  return {
    label: clause,
    kind: 'clause',
    detail:
      (ctx.lang ?? 'zh') === 'zh'
        ? `${node.citation}的责任分工${ctx.locality ? `（${ctx.locality}）` : ''}`
        : `Responsibility clause of ${node.citation}${ctx.locality ? ` for ${ctx.locality}` : ''}`,
    documentation: `${(ctx.lang ?? 'zh') === 'zh' ? '国家行动计划原文：' : 'National plan: '}（${owner.lead.join('、')}负责${
      owner.cooperating.length ? `，${owner.cooperating.join('、')}配合` : ''
    }）`,
    start: offset,
    end: offset,
    newText: clause,
    filterText: clause,
    sortText: '0000',
    preselect: true,
  };
}

/** A national plan name as the document should write it: the current name, in the local form when local. */
export function translateName(name: string, ctx: FeatureContext): string {
  let current = name;
  const found = ctx.engines.agencies.lookup(name, ctx.referenceDate);
  if (found && !found.status.current && found.status.replacement.length === 1) current = found.status.replacement[0];
  if (ctx.locality) return ctx.engines.agencies.localize(current, ctx.locality, ctx.referenceDate) ?? current;
  return current;
}

/**
 * Whether the cursor is at an item of a responsibility clause （…负责，…配合） or an agency enumeration (…、…), and the
 * partial name typed there.
 */
export function agencyContext(before: string): { token: string } | undefined {
  // The token: the letters/Han characters typed since the last separator.
  const tm = /[A-Za-z\u3400-\u9fff]*$/.exec(before);
  const token = tm ? tm[0] : '';
  const head = before.slice(0, before.length - token.length);
  const sep = head.slice(-1);
  if (!sep || !SEPARATORS.includes(sep)) return undefined;
  if (token.length > 20) return undefined;
  // Inside an unclosed （ / ( whose content so far looks like a clause or list.
  const openAt = Math.max(head.lastIndexOf('（'), head.lastIndexOf('('));
  const closeAt = Math.max(head.lastIndexOf('）'), head.lastIndexOf(')'));
  if (openAt > closeAt) {
    const inside = head.slice(openAt + 1);
    if (!/[。；;]/.test(inside)) return { token };
  }
  // A 、-list outside brackets.
  if (sep === '、') return { token };
  return undefined;
}

function agencyItems(token: string, start: number, offset: number, ctx: FeatureContext): CoreCompletion[] {
  const found = ctx.engines.agencies.complete(token, {
    referenceDate: ctx.referenceDate,
    locality: ctx.locality,
    limit: AGENCY_LIMIT,
  });
  const ascii = /^[A-Za-z]+$/.test(token);
  const lower = token.toLowerCase();
  return found.map((a, i) => {
    let filterText = a.label;
    if (ascii) {
      const initials = a.initials.toLowerCase();
      const py = a.pinyin.toLowerCase().replace(/[^a-z]/g, '');
      if (initials.startsWith(lower)) filterText = initials;
      else if (py.startsWith(lower)) filterText = py;
      else filterText = `${token}${py}`;
    } else if (token && !a.label.includes(token)) {
      filterText = `${token}${a.label}`;
    }
    return {
      label: a.label,
      kind: 'agency' as const,
      detail: a.fullName,
      start,
      end: offset,
      newText: a.label,
      filterText,
      sortText: String(i).padStart(4, '0'),
    };
  });
}
