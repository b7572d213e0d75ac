// Helpers shared by the editor-independent features (hover, completion, navigation, …). No LSP imports.
import type { AnalysisResult, Engines } from '../analysis';
import type { AgencyKind } from '../agency/api';
import type { Citation } from '../citation/api';
import { plansInCorpus } from '../catalog/plans';
import type { PlanNode } from '../plan/model';
import type { CancellationLike, Lang, PlanId, Settings, Span } from '../types';

/** What a feature needs besides the document: the engines, the settings and (when known) the latest analysis. */
export interface FeatureContext {
  engines: Engines;
  settings: Settings;
  /** Reference date of the document (YYYY-MM-DD). */
  referenceDate: string;
  /** Place of a local plan (setting actionPlan.locality, or inferred from the title). */
  locality?: string;
  /** The latest analysis of the document's current text (citations with document offsets). */
  analysis?: AnalysisResult;
  token?: CancellationLike;
  /** The reader's language (hover, completion documentation): the client's initialize.locale; Chinese when unset. */
  lang?: Lang;
}

/** Builds a link that opens a plan's text at a node (the glue decides the scheme). */
export type PlanLinker = (plan: PlanId, node?: PlanNode) => string;

/** How far around the cursor hover and completion look on a long line (names and citations are far shorter). */
export const LINE_WINDOW = 1024;

/**
 * The line of `text` that contains `offset`: its span (without the line break) and text. With `radius`, at most
 * that many characters on each side of `offset` (a 3-million-character line is never scanned whole per request).
 */
export function lineAt(text: string, offset: number, radius = Infinity): Span & { text: string } {
  offset = Math.max(0, Math.min(offset, text.length));
  const lo = Math.max(0, offset - radius);
  const hi = Math.min(text.length, offset + radius);
  let start = offset;
  while (start > lo) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || c === 13) break;
    start--;
  }
  let end = offset;
  while (end < hi) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end++;
  }
  return { start, end, text: text.slice(start, end) };
}

/** Citations of the whole document: from the analysis when it matches, else found afresh. */
export function documentCitations(text: string, ctx: FeatureContext): Citation[] {
  if (ctx.analysis && !ctx.analysis.tooLarge) return ctx.analysis.citations;
  if (text.length > ctx.settings.maxDocumentSize) return [];
  return ctx.engines.findCitations(text, ctx.engines.plans, { defaultPlan: ctx.settings.defaultPlan }, ctx.token);
}

/** The citation whose span contains `offset` (end inclusive, so a cursor right after it counts). */
export function citationAt(citations: readonly Citation[], offset: number): Citation | undefined {
  let best: Citation | undefined;
  for (const c of citations) {
    if (c.start <= offset && offset <= c.end) {
      if (!best || c.end - c.start < best.end - best.start) best = c;
    }
    if (c.start > offset) break;
  }
  return best;
}

/** Escape Markdown metacharacters in plain text. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|~]/g, (m) => '\\' + m);
}

/** Quote a (possibly multi-line) text as a Markdown block quote. */
export function blockQuote(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => '> ' + escapeMarkdown(l))
    .join('\n>\n');
}

export const KIND_LABELS: Record<AgencyKind, string> = {
  party: '党的机构',
  'state-council-office': '国务院办公厅',
  ministry: '国务院组成部门',
  'directly-affiliated': '国务院直属机构',
  office: '国务院办事机构',
  institution: '国务院直属事业单位',
  administration: '部委管理的国家局',
  coordination: '议事协调机构',
  court: '审判机关',
  procuratorate: '检察机关',
  legislature: '立法机关',
  supervisory: '监察机关',
  'mass-organisation': '群团组织',
  enterprise: '企业',
  collective: '成员单位集合',
  other: '其他',
};

export const KIND_LABELS_EN: Record<AgencyKind, string> = {
  party: 'Party body',
  'state-council-office': 'General Office of the State Council',
  ministry: 'State Council ministry or commission',
  'directly-affiliated': 'State Council directly affiliated body',
  office: 'State Council office',
  institution: 'State Council public institution',
  administration: 'National administration under a ministry',
  coordination: 'Coordination body',
  court: 'Court',
  procuratorate: 'Procuratorate',
  legislature: 'Legislature',
  supervisory: 'Supervisory commission',
  'mass-organisation': 'Mass organisation',
  enterprise: 'Enterprise',
  collective: 'Member units (collective)',
  other: 'Other',
};

/** The node itself or its nearest ancestor that has its own responsibility clause. */
export function clauseOwner(engines: Engines, node: PlanNode): PlanNode | undefined {
  let n: PlanNode | undefined = node;
  for (let i = 0; n && i < 10; i++) {
    if (n.lead.length || n.cooperating.length) return n;
    if (n.parent === undefined) return undefined;
    n = engines.plans.get(n.plan, n.parent);
  }
  return undefined;
}

/** Canonical path form of a typed path: fullwidth brackets, no spaces, no leading 第 (but 第n项 kept). */
export function normalisePathQuery(s: string): string {
  let t = s
    .replace(/[\s\u3000]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
  t = t.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
  if (t.startsWith('第') && !/^第\d+项/.test(t)) t = t.slice(1);
  return t;
}

/** Date YYYY-MM-DD as 2021年4月9日. */
export function chineseDate(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${+m[2]}月${+m[3]}日`;
}

/** The plans whose text is in the corpus, newest first (core/catalog/plans.ts). */
export function planIds(): PlanId[] {
  return plansInCorpus();
}

/**
 * Toneless pinyin syllables of a text (or their initials). pinyin-pro's dictionaries cost ~15 MB of memory, so the
 * package is loaded on the first call only (a pinyin search or a new custom agency id), not at server start-up.
 */
export function pinyinSyllables(text: string, initials = false): string[] {
  const pinyinLib = require('pinyin-pro') as typeof import('pinyin-pro');
  return initials
    ? pinyinLib.pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
    : pinyinLib.pinyin(text, { toneType: 'none', type: 'array' });
}
