// Coverage of the national measures of the plan in force (on the reference date) by a set of local documents: which measures (and the
// sections of part 三, which has no measures) are cited, which are not, by section. Shared by the language server's
// actionPlan/coverage request and the CLI's `report` command.
import type { Engines } from '../analysis';
import type { PlanNode } from '../plan/model';
import { computeLineStarts, lineAt } from '../document';
import type { WorkspaceFile, WorkspaceFiles } from '../service';
import { PLAN_CATALOG, PLAN_IDS, planInForceOn, plansInCorpus } from '../catalog/plans';
import type { Lang } from '../catalog/rules';
import { referenceDateOf } from '../referenceDate';
import { throwIfCancelled, type CancellationLike, type PlanId, type Settings } from '../types';
import { escapeMarkdown, type PlanLinker } from './common';

export interface CoverageInput {
  /** URI or path of the document (used as given in the report). */
  uri: string;
  text: string;
}

/** Most documents one coverage request reads. */
export const MAX_COVERAGE_DOCS = 500;

/**
 * The texts of the documents a coverage request names (at most MAX_COVERAGE_DOCS): open ones as the editor has
 * them (`openText`), the others read through the workspace; `skipped` lists those that could not be read.
 */
export async function coverageInputs(
  files: readonly WorkspaceFile[],
  openText: (uri: string) => string | undefined,
  workspace: Pick<WorkspaceFiles, 'read'>,
  token?: CancellationLike,
): Promise<{ inputs: CoverageInput[]; skipped: string[] }> {
  const inputs: CoverageInput[] = [];
  const skipped: string[] = [];
  for (const file of files.slice(0, MAX_COVERAGE_DOCS)) {
    throwIfCancelled(token);
    const text = openText(file.uri) ?? (await workspace.read(file));
    if (text === undefined) skipped.push(file.uri);
    else inputs.push({ uri: file.uri, text });
  }
  return { inputs, skipped };
}

export interface CoverageUnit {
  path: string;
  citation: string;
  heading: string;
  /** Where it is cited: document and 0-based line of each citation (the node itself or one of its items). */
  citedBy: Array<{ uri: string; line: number }>;
}

export interface CoverageSection {
  path: string;
  citation: string;
  heading: string;
  units: CoverageUnit[];
  cited: number;
  total: number;
}

/** A citation whose path does not exist in the cited plan (unknown-citation). */
export interface InvalidCitation {
  uri: string;
  /** 0-based line. */
  line: number;
  /** The citation as written (the whole range for an item implied by a range). */
  text: string;
  plan: PlanId;
  /** Canonical path that does not exist. */
  path: string;
}

/**
 * Why a coverage on a date can be neither counted nor drawn: the plan in force then has no text in the corpus
 * (2008—2012), or no national plan had been issued yet.
 */
export type CoverageUnavailable = 'text-not-in-corpus' | 'no-plan-in-force';

/**
 * The plan a coverage on `date` follows — `chosen` when the caller names one, else the one in force that day
 * (core/catalog/plans.ts) — and why it cannot be counted when it cannot. Without either: the newest plan with text.
 * The report and the map both ask here.
 */
export function coveragePlan(
  date: string | undefined,
  chosen?: PlanId,
): { plan: PlanId; unavailable?: CoverageUnavailable } {
  const plan = chosen ?? (date ? planInForceOn(date) : plansInCorpus()[0]);
  if (!plan) return { plan: PLAN_IDS[0], unavailable: 'no-plan-in-force' };
  return PLAN_CATALOG[plan].textInCorpus ? { plan } : { plan, unavailable: 'text-not-in-corpus' };
}

/** The sentence that says why there is no coverage (report text, Markdown, HTML map), in `lang`. */
export function coverageUnavailableText(plan: PlanId, reason: CoverageUnavailable, date: string, lang: Lang): string {
  const e = PLAN_CATALOG[plan];
  if (reason === 'no-plan-in-force') {
    return lang === 'zh'
      ? `参照日期 ${date} 时尚无国家反拐行动计划（首个计划《${e.title}》${e.docNumber} 于 ${e.issued} 印发），无法统计覆盖情况。`
      : `No national action plan was in force on the reference date ${date} (the first, ${e.docNumber}, was issued on ${e.issued}): there is no coverage to count.`;
  }
  return lang === 'zh'
    ? `参照日期 ${date} 现行的《${e.title}》（${e.docNumber}）原文未收录，无法统计覆盖情况。`
    : `The text of the plan in force on the reference date ${date}, ${e.title} (${e.docNumber}), is not available (not in the corpus): no coverage can be counted.`;
}

export interface CoverageReport {
  /** The plan in force on `date` (the newest with text when there is no date). */
  plan: PlanId;
  planTitle: string;
  /** The date the plan is in force on (the reference date). */
  date?: string;
  /** Per document: citations of the report's plan that resolve to a node, and those that do not resolve. */
  documents: Array<{ uri: string; citations: number; invalid: number }>;
  /** Every citation (of any plan in the corpus) whose path does not exist, in document order. */
  invalid: InvalidCitation[];
  sections: CoverageSection[];
  cited: number;
  total: number;
  /** Set when `plan` cannot be counted on `date` (then `sections` is empty and `cited` = `total` = 0). */
  unavailable?: CoverageUnavailable;
}

/** The units of coverage: measures, and the sections of parts that have no measures under them (part 三). */
function coverageUnits(engines: Engines, plan: PlanId): Array<{ section: PlanNode; units: PlanNode[] }> {
  const out: Array<{ section: PlanNode; units: PlanNode[] }> = [];
  const third: PlanNode[] = [];
  for (const part of engines.plans.children(plan, '')) {
    if (part.kind !== 'part') continue;
    for (const section of engines.plans.children(plan, part.path)) {
      if (section.kind !== 'section') continue;
      const measures = engines.plans
        .nodes(plan)
        .filter((n) => n.kind === 'measure' && n.path.startsWith(section.path) && isUnder(engines, n, section.path));
      if (measures.length) out.push({ section, units: measures });
      else if (part.path === '三') third.push(section);
    }
    if (part.path === '三' && third.length) out.push({ section: part, units: third.splice(0) });
  }
  return out;
}

function isUnder(engines: Engines, node: PlanNode, ancestor: string): boolean {
  let p = node.parent;
  for (let i = 0; p !== undefined && i < 10; i++) {
    if (p === ancestor) return true;
    p = engines.plans.get(node.plan, p)?.parent;
  }
  return false;
}

/**
 * The reference date of a coverage over several documents (the report and the map follow the plan in force on it):
 * the documents' own date when they all have the same (front matter › comment › setting › today), else the setting,
 * else today.
 */
export function coverageDate(
  docs: ReadonlyArray<{ text: string }>,
  settings: Pick<Settings, 'referenceDate'>,
  today: string,
): string {
  const dates = new Set(docs.map((d) => referenceDateOf(d.text, settings, today).date));
  return dates.size === 1 ? [...dates][0] : settings.referenceDate || today;
}

export function coverageReport(
  docs: readonly CoverageInput[],
  engines: Engines,
  options: { defaultPlan: PlanId; date?: string; token?: CancellationLike },
): CoverageReport {
  // The plan in force on the reference date; when its text is not in the corpus nothing is counted against another plan.
  const { plan, unavailable } = coveragePlan(options.date);
  const invalid: InvalidCitation[] = [];
  const citedBy = new Map<string, Array<{ uri: string; line: number }>>();
  /** "path\0uri\0line" of every place already listed (a node cited 10^5 times must not make this quadratic). */
  const listed = new Set<string>();
  const documents: CoverageReport['documents'] = [];
  for (const d of docs) {
    throwIfCancelled(options.token);
    const cites = engines.findCitations(d.text, engines.plans, { defaultPlan: options.defaultPlan }, options.token);
    let count = 0;
    let bad = 0;
    let starts: number[] | undefined;
    for (const c of cites) {
      if (c.kind !== 'path' || c.inTitle) continue;
      if (!c.node && !c.unchecked) {
        starts ??= computeLineStarts(d.text);
        invalid.push({
          uri: d.uri,
          line: lineAt(starts, c.start),
          text: d.text.slice(c.start, c.end),
          plan: c.plan,
          path: c.path ?? '',
        });
        bad++;
        continue;
      }
      if (c.plan !== plan || (!c.node && !unavailable)) continue;
      count++;
      if (!c.node) continue;
      starts ??= computeLineStarts(d.text);
      const line = lineAt(starts, c.start);
      // A citation of an item or a measure counts for the measure; of a section for that section (part 三).
      for (let n: PlanNode | undefined = c.node, i = 0; n && i < 10; i++) {
        let list = citedBy.get(n.path);
        if (!list) citedBy.set(n.path, (list = []));
        const key = `${n.path}\u0000${d.uri}\u0000${line}`;
        if (!listed.has(key)) {
          listed.add(key);
          list.push({ uri: d.uri, line });
        }
        n =
          n.parent !== undefined && n.kind !== 'measure' && n.kind !== 'section'
            ? engines.plans.get(plan, n.parent)
            : undefined;
      }
    }
    documents.push({ uri: d.uri, citations: count, invalid: bad });
  }
  const sections: CoverageSection[] = (unavailable ? [] : coverageUnits(engines, plan)).map(({ section, units }) => {
    const us = units.map((u) => ({
      path: u.path,
      citation: u.citation,
      heading: u.heading,
      citedBy: citedBy.get(u.path) ?? [],
    }));
    return {
      path: section.path,
      citation: section.citation,
      heading: section.heading,
      units: us,
      cited: us.filter((u) => u.citedBy.length > 0).length,
      total: us.length,
    };
  });
  return {
    plan,
    planTitle: engines.plans.meta(plan).title,
    ...(options.date ? { date: options.date } : {}),
    documents,
    invalid,
    sections,
    cited: sections.reduce((s, x) => s + x.cited, 0),
    total: sections.reduce((s, x) => s + x.total, 0),
    ...(unavailable ? { unavailable } : {}),
  };
}

function percent(a: number, b: number): string {
  return b ? `${Math.round((a / b) * 100)}%` : '—';
}

/**
 * Markdown rendering of a coverage report. `planLink` links a unit to the plan text; `docLink` (optional) links a
 * citing place (document URI and 0-based line).
 */
export function renderCoverageMarkdown(
  report: CoverageReport,
  links: {
    planLink?: PlanLinker;
    nodeOf?: (path: string) => PlanNode | undefined;
    docLink?: (uri: string, line: number) => string;
    docName?: (uri: string) => string;
  } = {},
): string {
  const name = links.docName ?? ((u: string) => u);
  const out: string[] = [];
  out.push(`# 国家措施覆盖情况 / Coverage of the national measures`);
  out.push('');
  if (report.unavailable) {
    const date = report.date ?? '';
    out.push(coverageUnavailableText(report.plan, report.unavailable, date, 'zh'));
    out.push(coverageUnavailableText(report.plan, report.unavailable, date, 'en'));
  } else {
    out.push(
      `《${report.planTitle}》：已引用 ${report.cited} / ${report.total} 项（${percent(report.cited, report.total)}）`,
    );
    out.push(`Cited ${report.cited} of ${report.total} (${percent(report.cited, report.total)}).`);
  }
  out.push('');
  out.push(`检查的文件 / Documents checked（${report.documents.length}）：`);
  out.push('');
  for (const d of report.documents) {
    out.push(
      `- ${escapeMarkdown(name(d.uri))}：${d.citations} 处引用 / citations` +
        (d.invalid ? `；${d.invalid} 处无效引用 / invalid` : ''),
    );
  }
  if (report.invalid.length) {
    out.push('');
    out.push(`## 无效引用 / Invalid citations（${report.invalid.length}）`);
    out.push('');
    for (const v of report.invalid) {
      const label = `${escapeMarkdown(name(v.uri))}:${v.line + 1}`;
      const where = links.docLink ? `[${label}](${links.docLink(v.uri, v.line)})` : label;
      out.push(
        `- ❗ ${where} ${escapeMarkdown(v.text)}：《${escapeMarkdown(PLAN_CATALOG[v.plan].shortTitle)}》中不存在 ${escapeMarkdown(v.path)} / no such node`,
      );
    }
  }
  for (const s of report.sections) {
    out.push('');
    out.push(`## ${escapeMarkdown(s.citation)} ${escapeMarkdown(s.heading)}（${s.cited} / ${s.total}）`);
    out.push('');
    for (const u of s.units) {
      const node = links.nodeOf?.(u.path);
      const target =
        links.planLink && node
          ? `[${escapeMarkdown(u.path)}](${links.planLink(report.plan, node)})`
          : escapeMarkdown(u.path);
      const mark = u.citedBy.length ? '✅ 已引用 / cited' : '❌ 未引用 / not cited';
      const where = u.citedBy
        .slice(0, 5)
        .map((w) => {
          const label = `${escapeMarkdown(name(w.uri))}:${w.line + 1}`;
          return links.docLink ? `[${label}](${links.docLink(w.uri, w.line)})` : label;
        })
        .join('、');
      const more = u.citedBy.length > 5 ? ` 等 ${u.citedBy.length} 处` : '';
      out.push(`- ${mark} ${target} ${escapeMarkdown(u.heading)}${where ? `（${where}${more}）` : ''}`);
    }
  }
  out.push('');
  return out.join('\n');
}
