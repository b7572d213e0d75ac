// One file, start to end: read and decode, analyse (or build its coverage report), optionally fix and write back.
// Runs in the main thread for a few files and in the worker threads (worker.ts) for many; the result is plain data
// (structured-clone safe) so it crosses the thread boundary unchanged.
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { analyzeText, applyFixes, type Engines } from '../core/analysis';
import { InMemoryDocument } from '../core/document';
import { coverageReport, type CoverageReport } from '../core/features/coverage';
import { coverageMap, type CoverageMap } from '../core/features/coverageMap';
import type { DiagnosticCode, Finding, Range, Settings, Severity } from '../core/types';
import { encodeText, loadFile, type FileTask, type TextEncoding } from './input';

/** A diagnostic exactly as CONTRACT.md's JSON (code, severity, message, range, data) plus CLI-internal fields. */
export interface FileDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** Chinese message. */
  message: string;
  range: Range;
  data: Record<string, unknown>;
  /** English message (text output only). */
  messageEn: string;
  /** The text the range covers (SARIF fingerprints, --list-unknown). */
  excerpt: string;
  /** Whether --fix would fix it (it has an unambiguous fix). */
  fixable: boolean;
}

export interface AppliedFix {
  code: DiagnosticCode;
  /** 0-based position in the text before the fix. */
  line: number;
  character: number;
  from: string;
  to: string;
}

export interface FileResult {
  file: string;
  /** Set when the file could not be checked (Chinese / English); diagnostics are then empty. */
  error?: string;
  diagnostics: FileDiagnostic[];
  /** --fix: the changes written to the file (empty when nothing changed). */
  fixes: AppliedFix[];
  /** `report` command: the file's coverage of the 2021—2030 measures. */
  coverage?: CoverageReport;
  /** `report` command: the file's coverage map (state of every measure and sub-item); diagnostics are set too. */
  map?: CoverageMap;
}

export interface LintContext {
  engines: Engines;
  settings: Settings;
  /** Today's date (YYYY-MM-DD), fixed once per run so every file is checked against the same day. */
  today: string;
  fix: boolean;
  mode: 'lint' | 'report';
}

/** Passes of fix-then-reanalyse: a fix can reveal another (e.g. a canonical citation form that is then outdated). */
const MAX_FIX_PASSES = 5;

function compareRanges(a: Range, b: Range): number {
  return (
    a.start.line - b.start.line ||
    a.start.character - b.start.character ||
    a.end.line - b.end.line ||
    a.end.character - b.end.character
  );
}

function toDiagnostics(doc: InMemoryDocument, text: string, findings: Finding[]): FileDiagnostic[] {
  const out = findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    data: f.data,
    messageEn: f.messageEn,
    excerpt: text.slice(f.start, f.end),
    fixable: f.fixes.some((x) => x.unambiguous && x.edits.length > 0),
  }));
  return out.sort((a, b) => compareRanges(a.range, b.range) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

export async function lintFile(task: FileTask, ctx: LintContext): Promise<FileResult> {
  const result: FileResult = { file: task.display, diagnostics: [], fixes: [] };
  const loaded = await loadFile(task, ctx.settings.maxDocumentSize);
  if ('error' in loaded) return { ...result, error: loaded.error };
  try {
    if (ctx.mode === 'report') {
      const docs = [{ uri: task.display, text: loaded.text }];
      result.coverage = coverageReport(docs, ctx.engines, { defaultPlan: ctx.settings.defaultPlan });
      result.map = coverageMap(docs, ctx.engines, { defaultPlan: ctx.settings.defaultPlan });
      // The findings too: the HTML report lists them next to the map.
      const analysis = analyzeText(loaded.text, ctx.settings, ctx.engines, { today: ctx.today });
      result.diagnostics = toDiagnostics(new InMemoryDocument(task.abs, loaded.text), loaded.text, analysis.findings);
      return result;
    }
    let text = loaded.text;
    let analysis = analyzeText(text, ctx.settings, ctx.engines, { today: ctx.today });
    // (loadFile already refused texts over maxDocumentSize, so analysis.tooLarge cannot be set here.)
    if (ctx.fix && loaded.encoding !== 'docx') {
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const { text: next, applied } = applyFixes(text, analysis.findings, true);
        if (applied.length === 0 || next === text) break;
        const before = new InMemoryDocument(task.abs, text);
        for (const { finding, fix } of applied) {
          const pos = before.positionAt(finding.start);
          for (const e of fix.edits) {
            result.fixes.push({
              code: finding.code,
              line: pos.line,
              character: pos.character,
              from: text.slice(e.start, e.end),
              to: e.newText,
            });
          }
        }
        text = next;
        analysis = analyzeText(text, ctx.settings, ctx.engines, { today: ctx.today });
      }
      if (text !== loaded.text) {
        const problem = writeBack(task.abs, text, loaded.encoding, loaded.mtimeMs, loaded.size);
        if (problem) return { ...result, fixes: [], error: problem };
      }
    }
    result.diagnostics = toDiagnostics(new InMemoryDocument(task.abs, text), text, analysis.findings);
    return result;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ...result, diagnostics: [], fixes: [], error: `检查时出错 / internal error while checking: ${why}` };
  }
}

/**
 * Writes `text` over the file atomically: a temporary file in the same folder (so the rename cannot cross file
 * systems), with the original's mode (and owner, when permitted), then rename over the original. A symbolic link is
 * followed: its target is replaced, the link stays. Returns a problem message, or undefined on success.
 */
function writeBack(path: string, text: string, encoding: TextEncoding, mtimeMs: number, size: number): string | undefined {
  let target: string;
  let tmp: string | undefined;
  try {
    target = realpathSync(path);
    const st = statSync(target);
    if (st.mtimeMs !== mtimeMs || st.size !== size) {
      return '文件在检查期间被修改，修复未写入 / the file changed while it was being checked; fixes not written';
    }
    const mode = st.mode & 0o7777;
    tmp = join(dirname(target), `.${basename(target)}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`);
    writeFileSync(tmp, encodeText(text, encoding), { mode, flag: 'wx' });
    chmodSync(tmp, mode); // the umask may have narrowed it
    try {
      chownSync(tmp, st.uid, st.gid);
    } catch {
      /* only root may give files away; the current owner is fine then */
    }
    renameSync(tmp, target);
    tmp = undefined;
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return `无法写入修复（${code}），文件未改动 / could not write the fixes (${code}); the file is unchanged`;
  } finally {
    if (tmp) {
      try {
        unlinkSync(tmp);
      } catch {
        /* not created */
      }
    }
  }
}
