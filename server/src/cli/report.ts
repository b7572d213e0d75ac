// `action-plan-lint report PATH…`: per document, which national measures of the 2021—2030 plan it cites and which it
// does not, by section, with counts. The coverage itself is core/features/coverage.ts (shared with the language
// server's actionPlan/coverage request); this file only renders it for the terminal, JSON and Markdown.
import { renderCoverageMarkdown, type CoverageReport } from '../core/features/coverage';
import type { Colors } from './format';
import type { FileResult } from './lintFile';

export interface ReportJsonEntry {
  file: string;
  error?: string;
  plan?: string;
  /** Citations of the 2021—2030 plan that resolve to a node. */
  citations?: number;
  cited?: number;
  total?: number;
  sections?: Array<{
    path: string;
    citation: string;
    heading: string;
    cited: number;
    total: number;
    units: Array<{ path: string; citation: string; heading: string; cited: boolean; lines: number[] }>;
  }>;
}

export function reportJson(results: readonly FileResult[]): string {
  const out: ReportJsonEntry[] = results.map((r) => {
    if (r.error || !r.coverage) return { file: r.file, error: r.error ?? 'no report' };
    const c = r.coverage;
    return {
      file: r.file,
      plan: c.plan,
      citations: c.documents[0]?.citations ?? 0,
      cited: c.cited,
      total: c.total,
      sections: c.sections.map((s) => ({
        path: s.path,
        citation: s.citation,
        heading: s.heading,
        cited: s.cited,
        total: s.total,
        units: s.units.map((u) => ({
          path: u.path,
          citation: u.citation,
          heading: u.heading,
          cited: u.citedBy.length > 0,
          lines: u.citedBy.map((w) => w.line),
        })),
      })),
    };
  });
  return JSON.stringify(out, null, 2) + '\n';
}

function percent(a: number, b: number): string {
  return b ? `${Math.round((a / b) * 100)}%` : '—';
}

function renderOne(file: string, c: CoverageReport, col: Colors): string[] {
  const out = [col.underline(file)];
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
  if (failed) out.push(col.red(`✖ ${failed} 个文件无法读取（见标准错误输出）/ ${failed} could not be read (see stderr)`));
  return out.join('\n') + '\n';
}

export function reportMarkdown(results: readonly FileResult[]): string {
  const parts: string[] = [];
  for (const r of results) if (r.coverage) parts.push(renderCoverageMarkdown(r.coverage));
  return parts.join('\n---\n\n');
}
