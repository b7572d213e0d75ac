// Hover content (Markdown) for citations, document numbers and agency names, in the reader's language (ctx.lang:
// the client's initialize.locale; zh* → Chinese, else English). A hover adds to the diagnostic, it does not repeat it.
import type { AgencyInfo, AgencyMention, AgencyStatus } from '../agency/api';
import type { Citation } from '../citation/api';
import { PLAN_CATALOG, planInForceOn, planStatusLabel, planStatusOn, plansInCorpus } from '../catalog/plans';
import { existingSiblings, type PlanMeta, type PlanNode } from '../plan/model';
import { clauseNode, clauseText, localWord, translateClause } from '../review/responsibility';
import type { Lang, TextDocumentLike } from '../types';
import {
  KIND_LABELS,
  KIND_LABELS_EN,
  blockQuote,
  chineseDate,
  citationAt,
  clauseOwner,
  documentCitations,
  escapeMarkdown,
  lineAt,
  LINE_WINDOW,
  type FeatureContext,
  type PlanLinker,
} from './common';

export interface HoverResult {
  start: number;
  end: number;
  markdown: string;
}

/** The reader's language of a feature context (Chinese when the glue did not say). */
const langOf = (ctx: FeatureContext): Lang => ctx.lang ?? 'zh';
const say = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** How many measures of an agency the hover lists before "…". */
const MEASURES_SHOWN = 5;

export function getHover(
  doc: TextDocumentLike,
  offset: number,
  ctx: FeatureContext,
  link: PlanLinker,
): HoverResult | undefined {
  const text = doc.getText();
  if (text.length > ctx.settings.maxDocumentSize) return undefined;
  const citation = citationAt(documentCitations(text, ctx), offset);
  // A path citation wins over an agency inside it; a bare plan title loses to nothing (agencies are never inside 《》).
  if (citation) return { start: citation.start, end: citation.end, markdown: citationHover(citation, ctx, link) };
  const line = lineAt(text, offset, LINE_WINDOW);
  const mention = ctx.engines.agencies
    .scan(line.text, ctx.referenceDate, { locality: ctx.locality })
    .find((m) => line.start + m.start <= offset && offset < line.start + m.end);
  if (mention) {
    return {
      start: line.start + mention.start,
      end: line.start + mention.end,
      markdown: agencyHover(mention, ctx),
    };
  }
  return undefined;
}

/** The plan's status on the reference date (core/catalog/plans.ts), in the reader's language. */
export function planStatusMarkdown(meta: PlanMeta, ctx: FeatureContext): string {
  const lang = langOf(ctx);
  const s = planStatusOn(meta.id, ctx.referenceDate);
  const head = say(
    lang,
    `**${planStatusLabel(s, 'zh')}**（参照日期 ${ctx.referenceDate}）`,
    `**${planStatusLabel(s, 'en')}** (reference date ${ctx.referenceDate})`,
  );
  if (s.state === 'superseded') {
    const next = PLAN_CATALOG[s.successor!];
    return say(
      lang,
      `${head}：${chineseDate(s.since)}起由《${next.title}》（${next.docNumber}）接续`,
      `${head}: replaced on ${s.since} by the ${next.id} plan (${next.docNumber})`,
    );
  }
  if (s.state === 'not-issued') {
    return say(lang, `${head}：${chineseDate(meta.issued)}才印发`, `${head}: issued ${meta.issued}`);
  }
  return head;
}

function planHeader(meta: PlanMeta, ctx: FeatureContext): string {
  const lang = langOf(ctx);
  return (
    say(
      lang,
      `《${meta.title}》（${meta.docNumber}，${chineseDate(meta.issued)}印发）`,
      `《${meta.title}》 (${meta.docNumber}, issued ${meta.issued})`,
    ) +
    `\n\n${say(lang, '状态：', 'Status: ')}${planStatusMarkdown(meta, ctx)}` +
    (meta.textInCorpus
      ? ''
      : `\n\n${say(
          lang,
          '该计划原文未收录：无法显示条目内容，引用的条目未经核对',
          'The text of this plan is not in the corpus: its items cannot be shown and paths into it are not checked',
        )}`)
  );
}

/** How the reference was understood: a document title, an abbreviation of the document, the context. */
function readingNote(c: Citation, lang: Lang): string | undefined {
  if (c.inTitle) {
    return say(
      lang,
      '文件标题中提到的计划（本文件或其他文件的名称），不是引用，不作检查',
      "Named in a document title (this document's or another's): not a citation, not checked",
    );
  }
  if (c.planSource === 'definition') {
    const name = escapeMarkdown(c.abbreviation ?? '');
    return say(
      lang,
      `按本文的简称定义理解（以下简称《${name}》）`,
      `Resolved through the document's own abbreviation 《${name}》`,
    );
  }
  if (c.planSource === 'context')
    return say(lang, '按前文最近提到的计划理解', 'Resolved to the plan named most recently before');
  if (c.planSource === 'default') {
    return say(
      lang,
      '前文未点明计划，按设置 actionPlan.defaultPlan 理解',
      'No plan named before: the actionPlan.defaultPlan setting',
    );
  }
  return undefined;
}

/** Where a path that does not exist fails, and what exists there: 二 has （一）–（六）. */
export function siblingsNote(c: Citation, ctx: FeatureContext): string | undefined {
  if (!c.path || c.node || c.unchecked) return undefined;
  const { parent, kids } = existingSiblings(ctx.engines.plans, c.plan, c.path);
  if (!kids.length) return undefined;
  const label = (p: string) => p.slice(parent.length);
  const range =
    kids.length > 2
      ? `${label(kids[0].path)}–${label(kids[kids.length - 1].path)}`
      : kids.map((k) => label(k.path)).join('、');
  const lang = langOf(ctx);
  return say(
    lang,
    `${parent ? `“${escapeMarkdown(parent)}”下` : '计划中'}现有：${escapeMarkdown(range)}（${kids.length} 项）`,
    `${parent ? `${escapeMarkdown(parent)} has` : 'The plan has'}: ${escapeMarkdown(range)} (${kids.length})`,
  );
}

export function citationHover(c: Citation, ctx: FeatureContext, link: PlanLinker): string {
  const meta = ctx.engines.plans.meta(c.plan);
  const lang = langOf(ctx);
  const open = meta.textInCorpus
    ? `[${say(lang, '在计划原文中打开', 'Open the plan text')}](${link(c.plan)})`
    : undefined;
  const note = readingNote(c, lang);
  const parts: string[] = [];
  if (c.badYears) {
    const [a, b] = c.badYears;
    parts.push(
      say(
        lang,
        `⚠ 没有（${a}—${b}年）的国家行动计划；是否应为《${escapeMarkdown(meta.title)}》？`,
        `⚠ no national plan covers ${a}—${b}; did you mean 《${escapeMarkdown(meta.title)}》?`,
      ),
    );
  }
  if (c.kind === 'docnumber' || c.kind === 'title') {
    parts.push(`**${escapeMarkdown(meta.noticeTitle)}**`);
    parts.push(planHeader(meta, ctx));
    if (note) parts.push(note);
    if (open) parts.push(open);
    return parts.join('\n\n');
  }
  parts.push(`**${escapeMarkdown(c.canonical)}**`);
  parts.push(planHeader(meta, ctx));
  if (note) parts.push(note);
  const node = c.node;
  if (!node) {
    if (!c.unchecked) {
      const missing = escapeMarkdown(c.path ?? c.text);
      parts.push(say(lang, `⚠ 该计划中不存在“${missing}”`, `⚠ there is no "${missing}" in this plan`));
      const sib = siblingsNote(c, ctx);
      if (sib) parts.push(sib);
    }
    if (open) parts.push(open);
    return parts.join('\n\n');
  }
  parts.push(nodeMarkdown(node, ctx, link));
  return parts.join('\n\n');
}

/**
 * The node's responsibility clause translated to the document's level and place on the reference date:
 * “本县对应：县民政局负责，县委政法委、县公安局配合”. Undefined without a locality or clause.
 */
export function localCounterpartsMarkdown(node: PlanNode, ctx: FeatureContext): string | undefined {
  if (!ctx.locality || (node.kind !== 'measure' && node.kind !== 'item')) return undefined;
  const owner = clauseNode(ctx.engines.plans, node);
  if (!owner) return undefined;
  const tr = translateClause(ctx.engines.agencies, owner, ctx.locality, ctx.referenceDate);
  if (!tr.lead.length && !tr.cooperating.length) return undefined;
  const text = tr.lead.length ? clauseText(tr.lead, tr.cooperating) : `${tr.cooperating.join('、')}配合`;
  if (langOf(ctx) === 'en') {
    return (
      `**Local counterparts:** ${escapeMarkdown(text)} (${escapeMarkdown(ctx.locality)}, ${ctx.referenceDate})` +
      (tr.untranslated.length ? `; no local counterpart: ${tr.untranslated.map(escapeMarkdown).join(', ')}` : '')
    );
  }
  return (
    `**${localWord(ctx.locality)}对应：** ${escapeMarkdown(text)}` +
    `（${escapeMarkdown(ctx.locality)}，${ctx.referenceDate}）` +
    (tr.untranslated.length ? `；无本地对应：${tr.untranslated.map(escapeMarkdown).join('、')}` : '')
  );
}

/** Text, agencies, counterpart and link of a plan node (shared by hover and completion documentation). */
export function nodeMarkdown(node: PlanNode, ctx: FeatureContext, link?: PlanLinker): string {
  const lang = langOf(ctx);
  const parts: string[] = [];
  parts.push(blockQuote(node.text));
  const owner = clauseOwner(ctx.engines, node);
  if (owner) {
    const from =
      owner === node
        ? ''
        : say(lang, `（见${escapeMarkdown(owner.citation)}）`, ` (see ${escapeMarkdown(owner.citation)})`);
    if (owner.lead.length)
      parts.push(`${say(lang, '**牵头单位：**', '**Lead:**')} ${owner.lead.map(escapeMarkdown).join('、')}${from}`);
    if (owner.cooperating.length) {
      parts.push(
        `${say(lang, '**配合单位：**', '**Cooperating:**')} ${owner.cooperating.map(escapeMarkdown).join('、')}${from}`,
      );
    }
  }
  const local = localCounterpartsMarkdown(node, ctx);
  if (local) parts.push(local);
  const next = PLAN_CATALOG[node.plan].successor;
  if (next && node.successor !== undefined) {
    if (node.successor) {
      const target = ctx.engines.plans.get(next, node.successor.path);
      parts.push(
        `${say(lang, '**后继计划对应条目：**', '**Counterpart in the successor plan:**')} ${escapeMarkdown(node.successor.citation)}` +
          (target ? ` ${escapeMarkdown(target.heading)}` : '') +
          (link && target ? ` [${say(lang, '打开', 'open')}](${link(next, target)})` : ''),
      );
    } else {
      parts.push(say(lang, '**后继计划对应条目：** 无', '**Counterpart in the successor plan:** none'));
    }
  }
  if (link) parts.push(`[${say(lang, '在计划原文中打开', 'Open in the plan text')}](${link(node.plan, node)})`);
  return parts.join('\n\n');
}

function reformLine(name: string, reform: AgencyInfo['reform'] | undefined): string {
  if (!reform) return escapeMarkdown(name);
  return `${escapeMarkdown(name)}（${escapeMarkdown(reform.name)}，${reform.date.slice(0, 4)}年）`;
}

export function agencyStatusMarkdown(status: AgencyStatus, referenceDate: string, lang: Lang = 'zh'): string {
  if (status.current && status.sign) {
    const host = escapeMarkdown(status.sign.host);
    if (lang === 'en') {
      return status.sign.varies
        ? `**possibly only a sign** (${referenceDate}): in many places merged into ${host}, which may carry this name as a sign`
        : `**current as a sign** (${referenceDate}): a sign kept by ${host}`;
    }
    return status.sign.varies
      ? `**可能仅为牌子**（${referenceDate}）：许多地方已并入${host}，或由其加挂此牌子`
      : `**现行有效（牌子）**（${referenceDate}）：${host}加挂（对外保留）的牌子`;
  }
  if (status.current && status.keptAt) {
    // 呼和浩特市农牧局: the name the reform ended in most places, kept by this province.
    const place = escapeMarkdown(status.keptAt.place);
    const check = status.keptAt.unverified ? say(lang, '（待核实）', ' (unverified)') : '';
    return lang === 'en'
      ? `**current** (${referenceDate}): the current name in ${place}, which kept it when most other places gave it up${check}`
      : `**现行有效**（${referenceDate}）：${place}的现行名称（多数地方已改用其他名称，${place}保留）${check}`;
  }
  if (status.current) return say(lang, `**现行有效**（${referenceDate}）`, `**current** (${referenceDate})`);
  const names = status.replacement.map(escapeMarkdown);
  if (status.notYet) {
    return lang === 'en'
      ? `**not yet established** (${referenceDate}): established ${status.notYet}` +
          (names.length ? `\n\nThen: ${names.join(', ')}` : '')
      : `**尚未设立**（${referenceDate}）：${status.notYet} 起设立` +
          (names.length ? `\n\n当时的名称：${names.join('、')}` : '');
  }
  // The diagnostic already says what to use instead; the hover adds the reform's details.
  if (lang === 'en') {
    return (
      `**outdated** (${referenceDate})` +
      (status.since ? `, since ${status.since}` : '') +
      (status.reformEn ? `: ${escapeMarkdown(status.reformEn)}` : '') +
      (names.length ? `\n\nCurrent name: ${names.join(', ')}` : '\n\nAbolished without a direct successor')
    );
  }
  return (
    `**已不再使用**（${referenceDate}）` +
    (status.since ? `，自 ${status.since} 起` : '') +
    (status.reform ? `：${escapeMarkdown(status.reform)}` : '') +
    (names.length ? `\n\n现行名称：${names.join('、')}` : '\n\n已撤销，无直接继任机构')
  );
}

export function agencyHover(m: AgencyMention, ctx: FeatureContext): string {
  const lang = langOf(ctx);
  const info = m.info;
  const parts: string[] = [];
  const alias = info.displayName !== info.fullName ? `（${escapeMarkdown(info.displayName)}）` : '';
  parts.push(`**${escapeMarkdown(info.fullName)}**${alias}`);
  if (lang === 'en') {
    parts.push(
      info.level === 'central'
        ? `Kind: ${KIND_LABELS_EN[info.kind]}`
        : `Kind: ${LEVEL_LABELS_EN[info.level]} (${KIND_LABELS_EN[info.kind]})`,
    );
  } else {
    parts.push(
      info.level === 'central'
        ? `类别：${KIND_LABELS[info.kind]}`
        : `类别：${LEVEL_LABELS[info.level]}（对应${KIND_LABELS[info.kind]}）`,
    );
  }
  parts.push(`${say(lang, '状态：', 'Status: ')}${agencyStatusMarkdown(m.status, ctx.referenceDate, lang)}`);
  const history: string[] = [];
  const item = (zh: string, en: string, rest: string) => `- ${say(lang, `${zh}：`, `${en}: `)}${rest}`;
  for (const p of info.predecessors) history.push(item('前身', 'predecessor', reformLine(p.name, p.reform)));
  for (const s of info.successors) history.push(item('继任', 'successor', reformLine(s.name, info.reform)));
  if (info.validFrom) history.push(item('设立', 'since', info.validFrom));
  if (info.validTo) history.push(item('终止', 'until', info.validTo));
  const span = (w: { from?: string; to?: string }) => (w.from || w.to ? `（${w.from ?? ''}—${w.to ?? ''}）` : '');
  for (const w of info.signOf ?? []) history.push(item('牌子', 'sign of', `${escapeMarkdown(w.name)}${span(w)}`));
  for (const w of info.signs ?? [])
    history.push(item('加挂牌子', 'carries the sign', `${escapeMarkdown(w.name)}${span(w)}`));
  if (history.length) parts.push(`${say(lang, '沿革：', 'History:')}\n\n${history.join('\n')}`);
  if (info.mirrors)
    parts.push(`${say(lang, '对应中央机构：', 'Mirrors the central body: ')}${escapeMarkdown(info.mirrors.name)}`);
  const central = info.level === 'central' ? info.id : info.mirrors?.id;
  if (central) {
    const { lead, cooperating } = ctx.engines.agencies.measuresOf(central);
    if (lang === 'en') {
      const who = info.level === 'central' ? '' : ` (${escapeMarkdown(info.mirrors?.name ?? '')})`;
      parts.push(`Leads in the national plans${who}: ${measureCounts(lead, lang, ctx.referenceDate)}`);
      parts.push(`Cooperates in the national plans${who}: ${measureCounts(cooperating, lang, ctx.referenceDate)}`);
    } else {
      const who = info.level === 'central' ? '' : `（${escapeMarkdown(info.mirrors?.name ?? '')}）`;
      parts.push(`国家行动计划中${who}牵头的措施：${measureCounts(lead, lang, ctx.referenceDate)}`);
      parts.push(`国家行动计划中${who}配合的措施：${measureCounts(cooperating, lang, ctx.referenceDate)}`);
    }
  }
  return parts.join('\n\n');
}

const LEVEL_LABELS: Record<AgencyInfo['level'], string> = {
  central: '中央机构',
  province: '省级地方机构',
  prefecture: '市级地方机构',
  county: '县级地方机构',
  'generic-local': '地方机构',
};
const LEVEL_LABELS_EN: Record<AgencyInfo['level'], string> = {
  central: 'Central body',
  province: 'Provincial body',
  prefecture: 'Prefecture-level body',
  county: 'County-level body',
  'generic-local': 'Local body',
};

/** "现行计划 N 项：first few 等；2013—2020年计划 M 项" for the citations of an agency's measures. */
function measureCounts(all: string[], lang: Lang, date: string): string {
  // The plan in force on the reference date first, with its first few; then every other plan with text in the corpus.
  const inForce = planInForceOn(date);
  const out: string[] = [];
  for (const id of plansInCorpus().sort((a, b) => (a === inForce ? -1 : b === inForce ? 1 : 0))) {
    const p = PLAN_CATALOG[id];
    const mine = all.filter((c) => c.startsWith(`《${p.shortTitle}》`));
    const years = `${p.years[0]}—${p.years[1]}`;
    if (id === inForce) {
      const shown = mine.slice(0, MEASURES_SHOWN).map(escapeMarkdown).join('、');
      const more = mine.length > MEASURES_SHOWN;
      out.push(
        lang === 'en'
          ? `${mine.length} in the plan in force` + (shown ? ` (${shown}${more ? ' …' : ''})` : '')
          : `现行计划 ${mine.length} 项` + (shown ? `：${shown}${more ? ' 等' : ''}` : ''),
      );
    } else out.push(lang === 'en' ? `${mine.length} in the ${years} plan` : `${years}年计划 ${mine.length} 项`);
  }
  return out.join(lang === 'en' ? '; ' : '；');
}
