// `action-plan-lint report PATH…`: per document, which national measures of the 2021—2030 plan it cites and which it
// does not, by section, with counts. The coverage itself is core/features/coverage.ts (shared with the language
// server's actionPlan/coverage request); this file only renders it for the terminal, JSON and Markdown.
import { pick } from '../core/catalog/rules';
import { coverageUnavailableText, renderCoverageMarkdown, type CoverageReport } from '../core/features/coverage';
import { renderCoverageHtml, type Lang } from '../core/features/coverageHtml';
import { mapCells, type CoverageFlag, type CoverageMap, type CoverageState } from '../core/features/coverageMap';
import { isReviewFlag } from '../core/features/coverageReview';
import { escapeControl, type Colors } from './format';
import type { FileResult } from './lintFile';

export interface ReportJsonEntry {
  file: string;
  error?: string;
  plan?: string;
  /** Citations of the report's plan (in force on the reference date) that resolve to a node. */
  citations?: number;
  /** Citations whose path does not exist (any plan), with their 0-based line. */
  invalid?: Array<{ line: number; text: string; plan: string; path: string }>;
  cited?: number;
  total?: number;
  sections?: Array<{
    path: string;
    citation: string;
    heading: string;
    cited: number;
    total: number;
    /** Citations of paths that do not exist whose nearest existing node is this section (canonical forms). */
    flags?: string[];
    units: Array<{
      path: string;
      citation: string;
      heading: string;
      cited: boolean;
      lines: number[];
      state?: CoverageState;
    }>;
  }>;
  /** The coverage map's cells (every measure and sub-item, and the sections of part 三), in layout order. */
  cells?: Array<{
    path: string;
    citation: string;
    kind: string;
    state: CoverageState;
    lines: number[];
    flags: string[];
    /** Content (citation-mismatch) and responsibility (responsibility-mismatch) findings about this node. */
    review?: Array<{ code: string; line: number; message: string }>;
  }>;
  /** Cells per state. */
  states?: Record<CoverageState, number>;
  /**
   * Instead of `cells` and `states` when the map cannot be drawn: the plan in force on the reference date has no text
   * in the corpus (2008—2012: `text-not-in-corpus`), or no plan was in force yet (`no-plan-in-force`).
   */
  mapUnavailable?: { plan: string; reason: string };
}

/** citation-mismatch / responsibility-mismatch on a cell (core/features/coverageReview.ts); 0-based lines like `lines`. */
function reviewOf(flags: readonly CoverageFlag[]): { review?: Array<{ code: string; line: number; message: string }> } {
  const review = flags
    .filter(isReviewFlag)
    .map((f) => ({ code: f.code, line: f.place.range.start.line, message: f.message }));
  return review.length ? { review } : {};
}

function sectionFlags(map: CoverageMap, path: string): string[] {
  for (const p of map.parts)
    for (const s of p.sections) if (s.path === path) return s.flags.map((f) => f.place.canonical);
  return [];
}

function stateLookup(map: CoverageMap | undefined): (path: string) => CoverageState | undefined {
  const states = new Map(map ? mapCells(map).map((c) => [c.path, c.state] as const) : []);
  return (path) => states.get(path);
}

export function reportJson(results: readonly FileResult[]): string {
  const out: ReportJsonEntry[] = results.map((r) => {
    if (r.error || !r.coverage) return { file: r.file, error: r.error ?? 'no report' };
    const c = r.coverage;
    const stateOf = stateLookup(r.map);
    const m = r.map;
    return {
      file: r.file,
      plan: c.plan,
      citations: c.documents[0]?.citations ?? 0,
      invalid: c.invalid.map((v) => ({ line: v.line, text: v.text, plan: v.plan, path: v.path })),
      cited: c.cited,
      total: c.total,
      sections: c.sections.map((s) => ({
        path: s.path,
        citation: s.citation,
        heading: s.heading,
        cited: s.cited,
        total: s.total,
        ...(m && { flags: sectionFlags(m, s.path) }),
        units: s.units.map((u) => ({
          path: u.path,
          citation: u.citation,
          heading: u.heading,
          cited: u.citedBy.length > 0,
          lines: u.citedBy.map((w) => w.line),
          state: stateOf(u.path),
        })),
      })),
      // The map and the counts follow the same plan (coveragePlan): both unavailable or neither.
      ...(c.unavailable && { mapUnavailable: { plan: c.plan, reason: c.unavailable } }),
      ...(m &&
        !m.unavailable && {
          cells: mapCells(m).map((x) => ({
            path: x.path,
            citation: x.citation,
            kind: x.kind,
            state: x.state,
            lines: [...new Set(x.places.map((p) => p.range.start.line))],
            flags: x.flags.filter((f) => !isReviewFlag(f)).map((f) => f.place.canonical),
            ...reviewOf(x.flags),
          })),
          states: {
            cited: m.counts.cited,
            'cited-wrong-path-nearby': m.counts['cited-wrong-path-nearby'],
            'expired-only': m.counts['expired-only'],
            'not-cited': m.counts['not-cited'],
          },
        }),
    };
  });
  return JSON.stringify(out, null, 2) + '\n';
}

function percent(a: number, b: number): string {
  return b ? `${Math.round((a / b) * 100)}%` : '—';
}

function renderOne(file: string, c: CoverageReport, col: Colors): string[] {
  const out = [col.underline(escapeControl(file))];
  if (c.unavailable) {
    const date = c.date ?? '';
    out.push(
      `  ${coverageUnavailableText(c.plan, c.unavailable, date, 'zh')} / ${coverageUnavailableText(c.plan, c.unavailable, date, 'en')}`,
    );
  } else
    out.push(
      `  《${c.planTitle}》：已引用 ${c.cited} / ${c.total} 项（${percent(c.cited, c.total)}）` +
        ` / cites ${c.cited} of ${c.total} measures`,
    );
  for (const s of c.sections) {
    const mark = s.cited === s.total ? col.green : s.cited === 0 ? col.red : col.yellow;
    out.push(`  ${mark(`${s.cited}/${s.total}`.padStart(5))}  ${s.path} ${s.heading}`);
    const cited = s.units.filter((u) => u.citedBy.length).map((u) => u.path);
    const missing = s.units.filter((u) => !u.citedBy.length).map((u) => u.path);
    if (cited.length) out.push(`         ${col.green('已引用 / cited')}：${cited.join('、')}`);
    if (missing.length) out.push(`         ${col.dim('未引用 / not cited')}：${missing.join('、')}`);
  }
  if (c.invalid.length) {
    out.push(
      `  ${col.red(`无效引用 ${c.invalid.length} 处 / ${c.invalid.length} invalid citation${c.invalid.length === 1 ? '' : 's'}`)}`,
    );
    for (const v of c.invalid) out.push(`    ${v.line + 1}  ${v.text}（${v.plan} 中不存在 ${v.path} / no such node）`);
  }
  out.push('');
  return out;
}

export function reportText(results: readonly FileResult[], col: Colors): string {
  const out: string[] = [];
  let failed = 0;
  for (const r of results) {
    if (r.error || !r.coverage) failed++;
    else out.push(...renderOne(r.file, r.coverage, col));
  }
  const ok = results.length - failed;
  out.push(`已统计 ${ok} 个文件 / ${ok} ${ok === 1 ? 'document' : 'documents'} reported`);
  if (failed)
    out.push(col.red(`✖ ${failed} 个文件无法读取（见标准错误输出）/ ${failed} could not be read (see stderr)`));
  return out.join('\n') + '\n';
}

export function reportMarkdown(results: readonly FileResult[]): string {
  const parts: string[] = [];
  for (const r of results) if (r.coverage) parts.push(renderCoverageMarkdown(r.coverage));
  return parts.join('\n---\n\n');
}

/** `report --format html`: one self-contained page with, per file, the map, the per-measure table and the findings. */
export function reportHtml(results: readonly FileResult[], lang: Lang): string {
  return renderCoverageHtml(
    results.map((r) => ({
      file: r.file,
      map: r.map,
      error: r.error,
      findings: r.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: pick(d.message, lang),
        line: d.range.start.line,
        character: d.range.start.character,
      })),
    })),
    { lang },
  );
}
