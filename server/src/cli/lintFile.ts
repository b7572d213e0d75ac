// One file, start to end: read and decode, analyse (or build its coverage report), optionally fix and write back.
// Runs in the main thread for a few files and in the worker threads (worker.ts) for many; the result is plain data
// (structured-clone safe) so it crosses the thread boundary unchanged.
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { applyFixes } from '../core/analysis';
import type { ActionPlanService } from '../core/service';
import { computeLineStarts, InMemoryDocument } from '../core/document';
import { parseSuppressions, UNCLOSED_MESSAGE } from '../core/suppression';
import { coverageReport, type CoverageReport } from '../core/features/coverage';
import { messageOf, type Localized } from '../core/catalog/rules';
import { coverageMap, type CoverageMap } from '../core/features/coverageMap';
import { addReviewFlags } from '../core/features/coverageReview';
import { referenceDateOf } from '../core/referenceDate';
import type { DiagnosticCode, Finding, Position, Range, Settings, Severity } from '../core/types';
import { readRegularFileSync } from '../node/regularFile';
import { encodeText, loadFile, type FileTask, type TextEncoding } from './input';

/** A diagnostic exactly as CONTRACT.md's JSON (code, severity, message, range, data) plus CLI-internal fields. */
export interface FileDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** The message in both languages; the formatters print the reader's (--lang). */
  message: Localized;
  range: Range;
  data: Record<string, unknown>;
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
  /** --fix: fixes that look like the only sensible one but were not applied, and why (their result could not be
   *  proven consistent, e.g. a replacement that would repeat a body named elsewhere in the sentence). */
  unfixed?: Array<{ line: number; character: number; name: string; why: Localized }>;
  /** Notes on the file that are not findings (an unclosed suppression directive), 0-based positions. */
  notes?: Array<{ line: number; character: number; message: string }>;
  /** `report` command: the file's coverage of the measures of the plan in force on its reference date. */
  coverage?: CoverageReport;
  /** `report` command: the file's coverage map (state of every measure and sub-item); diagnostics are set too. */
  map?: CoverageMap;
}

export interface LintContext {
  /** The core service; its clock is fixed once per run so every file is checked against the same day. */
  service: ActionPlanService;
  settings: Settings;
  fix: boolean;
  mode: 'lint' | 'report';
}

let analysed = 0;

/** How much text (characters) this thread has analysed: the weight of its V8 code cache (bin/action-plan-lint.js). */
export function analysedChars(): number {
  return analysed;
}

/** Passes of fix-then-reanalyse: a fix can reveal another (e.g. a canonical citation form that is then outdated). */
const MAX_FIX_PASSES = 5;

/**
 * A finding's message in both languages, each built when first read: most outputs print one language, and building
 * the other for thousands of findings is wasted. Structured clone (worker threads) copies own data properties only,
 * so worker.ts turns these into plain objects before posting (plainMessages).
 */
class LazyMessage implements Localized {
  private z: string | undefined;
  private e: string | undefined;
  readonly code: DiagnosticCode;
  constructor(private readonly finding: Finding) {
    this.code = finding.code;
  }
  get zh(): string {
    return (this.z ??= messageOf(this.finding, 'zh'));
  }
  get en(): string {
    return (this.e ??= messageOf(this.finding, 'en'));
  }
}

/** The result with every message as a plain { zh, en } object (for postMessage). */
export function plainMessages(result: FileResult): FileResult {
  for (const d of result.diagnostics) d.message = { zh: d.message.zh, en: d.message.en };
  return result;
}

/** Whether --fix would fix the finding: it has an unambiguous fix that edits something. */
function isFixable(f: Finding): boolean {
  const fixes = f.fixes;
  for (let i = 0; i < fixes.length; i++) if (fixes[i].unambiguous && fixes[i].edits.length > 0) return true;
  return false;
}

function compareRanges(a: Range, b: Range): number {
  return (
    a.start.line - b.start.line ||
    a.start.character - b.start.character ||
    a.end.line - b.end.line ||
    a.end.character - b.end.character
  );
}

function byOffsets(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * The findings as diagnostics, ordered by range, then code (findings with the same range and code keep their order).
 * When every span lies inside the text (start ≤ end), the findings are sorted by offsets — a position is a strictly
 * increasing function of the offset, so that is the order of their ranges — and their lines found in one forward
 * pass over the line starts; otherwise each offset goes through positionAt (which clamps it) and the diagnostics are
 * sorted by range. Findings that share their facts (the analysis shares them per name and status within a run) share
 * one LazyMessage, so each message is built once. test/cli/diagnostics.test.ts checks it against the plain way.
 */
export function toDiagnostics(text: string, findings: readonly Finding[]): FileDiagnostic[] {
  const messages = new Map<object, LazyMessage>();
  const messageFor = (f: Finding) => {
    let m = messages.get(f.facts);
    if (!m || m.code !== f.code) messages.set(f.facts, (m = new LazyMessage(f)));
    return m;
  };
  const n = findings.length;
  const size = text.length;
  let inside = true;
  for (let i = 0; i < n && inside; i++) {
    const f = findings[i];
    inside = f.start >= 0 && f.start <= f.end && f.end <= size;
  }
  if (!inside) {
    const doc = new InMemoryDocument('', text);
    return findings
      .map((f) => diagnostic(f, text, doc.positionAt(f.start), doc.positionAt(f.end), messageFor(f)))
      .sort((a, b) => compareRanges(a.range, b.range) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
  const sorted = findings.slice().sort(byOffsets);
  const lines = computeLineStarts(text);
  const last = lines.length - 1;
  const out: FileDiagnostic[] = new Array(n);
  let line = 0;
  for (let i = 0; i < n; i++) {
    const f = sorted[i];
    const start = f.start;
    const end = f.end;
    while (line < last && lines[line + 1] <= start) line++;
    let endLine = line;
    while (endLine < last && lines[endLine + 1] <= end) endLine++;
    // Flat literals, one per object: a literal holding another literal is copied from its boilerplate by a runtime
    // call until the loop is optimised (a one-shot run makes most of its 5,160 diagnostics before that).
    const startPos = { line, character: start - lines[line] };
    const endPos = { line: endLine, character: end - lines[endLine] };
    const range = { start: startPos, end: endPos };
    out[i] = {
      code: f.code,
      severity: f.severity,
      message: messageFor(f),
      range,
      data: f.data,
      excerpt: text.slice(start, end),
      fixable: isFixable(f),
    };
  }
  return out;
}

function diagnostic(f: Finding, text: string, start: Position, end: Position, message: LazyMessage): FileDiagnostic {
  return {
    code: f.code,
    severity: f.severity,
    message,
    range: { start, end },
    data: f.data,
    excerpt: text.slice(f.start, f.end),
    fixable: isFixable(f),
  };
}

/** How often --fix starts over when the file changed between reading it and writing the fixes back. */
const WRITE_ATTEMPTS = 3;

export async function lintFile(task: FileTask, ctx: LintContext): Promise<FileResult> {
  for (let attempt = 1; ; attempt++) {
    const r = await lintOnce(task, ctx);
    if (r !== CHANGED) return r;
    if (attempt >= WRITE_ATTEMPTS) {
      return { file: task.display, diagnostics: [], fixes: [], error: FILE_CHANGED };
    }
  }
}

const FILE_CHANGED =
  '文件在检查期间被修改（已重试），修复未写入 / the file kept changing while it was being checked (retried); fixes not written';
const CHANGED = Symbol('changed');

async function lintOnce(task: FileTask, ctx: LintContext): Promise<FileResult | typeof CHANGED> {
  const result: FileResult = { file: task.display, diagnostics: [], fixes: [] };
  const loaded = await loadFile(task, ctx.settings.maxDocumentSize);
  if ('error' in loaded) return { ...result, error: loaded.error };
  try {
    if (ctx.mode === 'report') {
      const docs = [{ uri: task.display, text: loaded.text }];
      // Both follow the plan in force on the file's reference date.
      const date = referenceDateOf(loaded.text, ctx.settings, ctx.service.today()).date;
      result.coverage = coverageReport(docs, ctx.service.engines(), { defaultPlan: ctx.settings.defaultPlan, date });
      result.map = coverageMap(docs, ctx.service.engines(), { defaultPlan: ctx.settings.defaultPlan, date });
      // The findings too: the HTML report lists them next to the map.
      const analysis = ctx.service.analyze(loaded.text, ctx.settings);
      analysed += loaded.text.length;
      result.diagnostics = toDiagnostics(loaded.text, analysis.findings);
      // Content and responsibility checks as flags on the cells they concern.
      addReviewFlags(result.map, task.display, loaded.text, analysis.findings, analysis.citations);
      return result;
    }
    let text = loaded.text;
    let analysis = ctx.service.analyze(text, ctx.settings);
    analysed += text.length;
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
        analysis = ctx.service.analyze(text, ctx.settings);
      }
      if (text !== loaded.text) {
        const problem = writeBack(task, text, loaded.encoding, loaded.bytes);
        if (problem === CHANGED) return CHANGED;
        if (problem) return { ...result, fixes: [], error: problem };
      }
    }
    result.diagnostics = toDiagnostics(text, analysis.findings);
    // Positions of the rarer outputs below (--fix, unclosed suppressions): line starts computed on first use.
    const doc = new InMemoryDocument(task.abs, text);
    if (ctx.fix) {
      const unfixed = analysis.findings.flatMap((f) =>
        f.fixes
          .filter((x) => x.why)
          .map((x) => ({ ...doc.positionAt(f.start), name: text.slice(f.start, f.end), why: x.why! })),
      );
      if (unfixed.length) result.unfixed = unfixed;
    }
    const unclosed = parseSuppressions(text).unclosed;
    if (unclosed.length) {
      result.notes = unclosed.map((u) => ({
        ...doc.positionAt(u.start),
        message: `${UNCLOSED_MESSAGE.zh} / ${UNCLOSED_MESSAGE.en}`,
      }));
    }
    return result;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ...result, diagnostics: [], fixes: [], error: `检查时出错 / internal error while checking: ${why}` };
  }
}

/** `bytes` random bytes in hex (node:crypto is loaded by --fix only: a run that writes nothing never needs it). */
function randomHex(bytes: number): string {
  return (require('node:crypto') as typeof import('node:crypto')).randomBytes(bytes).toString('hex');
}

/** This thread's id (worker_threads is loaded only here, by --fix: a run without workers never needs it). */
function workerThreadId(): number {
  return (require('node:worker_threads') as typeof import('node:worker_threads')).threadId;
}

/** Waits this long at most for another action-plan-lint run's lock on the same file; older locks are stale. */
const LOCK_WAIT_MS = 10_000;
const LOCK_STALE_MS = 30_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * An advisory lock file beside the target (.NAME.action-plan-lint.lock, created exclusively), so that two runs of
 * action-plan-lint --fix on one file take turns; a lock older than LOCK_STALE_MS (a killed run) is taken over.
 * Returns the release function, or an error message.
 */
function lock(target: string): (() => void) | string {
  const path = join(dirname(target), `.${basename(target)}.action-plan-lint.lock`);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') return cannotWrite(code ?? String(e));
    }
    try {
      if (Date.now() - statSync(path).mtimeMs > LOCK_STALE_MS) unlinkSync(path);
    } catch {
      /* released meanwhile */
    }
    if (Date.now() > deadline) {
      return '另一个 action-plan-lint 进程正在修改此文件，修复未写入 / another action-plan-lint run is writing this file; fixes not written';
    }
    sleepSync(delay);
  }
}

function cannotWrite(code: string): string {
  return `无法写入修复（${code}），文件未改动 / could not write the fixes (${code}); the file is unchanged`;
}

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Writes `text` over the file atomically and only over the bytes that were checked (compare-and-swap): under the
 * advisory lock, a temporary file in the same folder (so the rename cannot cross file systems) gets the original's
 * mode (and owner, when permitted); right before the rename the file is read again and compared with `original`;
 * if it changed, nothing is written and CHANGED tells the caller to start over. A symbolic link is followed (its
 * target is replaced, the link stays) but a walked file's target must stay inside its folder; a read-only file is
 * refused. Returns a problem message, CHANGED, or undefined on success.
 */
function writeBack(
  task: FileTask,
  text: string,
  encoding: TextEncoding,
  original: Buffer,
): string | typeof CHANGED | undefined {
  let target: string;
  let tmp: string | undefined;
  let release: (() => void) | undefined;
  try {
    target = realpathSync(task.abs);
    if (task.root && !inside(target, task.root)) {
      return '文件已被移到所给文件夹之外（符号链接），修复未写入 / the file now leads outside the folder given (symbolic link); fixes not written';
    }
    const st = statSync(target);
    if (!st.isFile()) return '不是普通文件，修复未写入 / not a regular file; fixes not written';
    let writable = (st.mode & 0o222) !== 0;
    try {
      accessSync(target, constants.W_OK);
    } catch {
      writable = false;
    }
    if (!writable) return '文件为只读，修复未写入 / the file is read-only; fixes not written';
    const mode = st.mode & 0o7777;
    const held = lock(target);
    if (typeof held === 'string') return held;
    release = held;
    tmp = join(dirname(target), `.${basename(target)}.${process.pid}-${workerThreadId()}-${randomHex(4)}.tmp`);
    writeFileSync(tmp, encodeText(text, encoding), { mode, flag: 'wx' });
    chmodSync(tmp, mode); // the umask may have narrowed it
    try {
      chownSync(tmp, st.uid, st.gid);
    } catch {
      /* only root may give files away; the current owner is fine then */
    }
    const now = readRegularFileSync(target, original.length);
    if (!('bytes' in now) || !now.bytes.equals(original)) return CHANGED;
    renameSync(tmp, target);
    tmp = undefined;
    return undefined;
  } catch (e) {
    return cannotWrite((e as NodeJS.ErrnoException).code ?? String(e));
  } finally {
    if (tmp) {
      try {
        unlinkSync(tmp);
      } catch {
        /* not created */
      }
    }
    release?.();
  }
}
