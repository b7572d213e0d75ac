// action-plan-lint: the command-line checker (bundled to dist/cli.js; bin/action-plan-lint.js runs it).
// CONTRACT.md's `action-plan-lint` section is the outward interface; args.ts documents the options.
//
// Exit status: 0 no error-severity finding · 1 at least one (lint) / the citation does not resolve (show) ·
// 2 usage error, bad config, or a file that could not be checked (the other files are still checked and reported).
// Also 2: the report could not be written out (OutputError: a plain message on stderr, no stack trace).
// --list-unknown exits 0 (or 2 on input errors): it lists, it does not judge.
import { existsSync, fstatSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { systemClock } from '../node/environment';
import { sharedPlanIndex } from '../node/data';
import { DataLoadError } from '../core/dataSource';
import { cliLang, parseArgs, usage, UsageError, type CliArgs } from './args';
import { ConfigError, loadConfig, type LoadedConfig } from './config';
import {
  colorsFor,
  escapeControl,
  countDiagnostics,
  formatFixes,
  formatJson,
  formatSarif,
  formatText,
  formatUnknownText,
  unknownNames,
} from './format';
import { collectFiles } from './input';
import type { FileResult } from './lintFile';
import { checkAll, FatalError, prepare, type WorkerInit } from './pool';
import { reportHtml, reportJson, reportMarkdown, reportText } from './report';
import { review } from './review';
import { parseCitation } from '../core/citation/index';
import { formatShowText, notFoundMessage, shownNode } from './show';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Whether stderr is a terminal, told without touching `stderr` (run(): the stream is made on first use). */
  stderrIsTTY?: () => boolean;
  /** The descriptor `stdout` writes to when it writes synchronously with fs.writeSync (run(): see synchronousFd). */
  stdoutFd?: () => number | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface PackageInfo {
  version: string;
  homepage?: string;
}

/** package.json of the product, found upwards from this file (dist/, out/server/src/cli/ or the installed package). */
function packageInfo(): PackageInfo {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      try {
        const pkg = JSON.parse(readFileSync(p, 'utf8'));
        if (pkg.name === 'action-plan-assistant') {
          const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
          const homepage = [pkg.homepage, repo].find((u) => typeof u === 'string' && /^https?:\/\//.test(u));
          return { version: String(pkg.version), homepage: homepage?.replace(/\.git$/, '') };
        }
      } catch {
        /* keep looking */
      }
    }
    dir = dirname(dir);
  }
  return { version: '0.0.0' };
}

function fail(io: Io, message: string): number {
  io.stderr.write(`action-plan-lint: ${message}\n`);
  return 2;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`action-plan-lint: ${e.message}\n\n${usage()}`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help') {
    io.stdout.write(usage());
    return 0;
  }
  if (args.command === 'version') {
    io.stdout.write(`${packageInfo().version}\n`);
    return 0;
  }

  let config: LoadedConfig;
  try {
    config = loadConfig(args.config, io.cwd);
  } catch (e) {
    if (e instanceof ConfigError) return fail(io, e.message);
    throw e;
  }
  if (args.referenceDate) config.settings.referenceDate = args.referenceDate;

  if (args.command === 'show') return show(args, config, io);
  if (args.command === 'review')
    return review(args, config.settings, config.customAgencies, todayOf(io), io, new Date());
  return lintOrReport(args, config, io);
}

/** Today (YYYY-MM-DD); ACTION_PLAN_TODAY fixes it for reproducible runs and tests, as in the language server. */
function todayOf(io: Io): string {
  return systemClock(io.env).today();
}

function show(args: CliArgs, config: LoadedConfig, io: Io): number {
  const index = sharedPlanIndex();
  const citation = args.positionals[0];
  const date = config.settings.referenceDate || todayOf(io);
  const parsed = parseCitation(citation, index, { defaultPlan: config.settings.defaultPlan });
  const node = parsed?.node;
  if (!node) {
    io.stderr.write(`action-plan-lint: ${notFoundMessage(citation, parsed, index)}\n`);
    return 1;
  }
  const shown = shownNode(node);
  io.stdout.write(args.format === 'json' ? JSON.stringify(shown, null, 2) + '\n' : formatShowText(shown, index, date));
  return 0;
}

async function lintOrReport(args: CliArgs, config: LoadedConfig, io: Io): Promise<number> {
  const { files, problems, skipped } = collectFiles(args.positionals, io.cwd);
  if (files.length === 0 && problems.length === 0) {
    for (const s of skipped) io.stderr.write(`ℹ ${escapeControl(s.display)}: ${s.error}\n`);
    return fail(
      io,
      '在给出的路径中没有找到 .md、.txt 或 .docx 文件 / no .md, .txt or .docx files found in the given paths',
    );
  }
  const init: WorkerInit = {
    settings: config.settings,
    today: todayOf(io),
    fix: args.fix,
    mode: args.command === 'report' ? 'report' : 'lint',
    customAgencies: config.customAgencies,
  };
  let checked: FileResult[];
  const progress = progressLine(io);
  try {
    prepare(init);
    checked = await checkAll(files, init, progress.update);
    filesChecked += checked.length;
  } catch (e) {
    progress.clear();
    if (e instanceof FatalError) return fail(io, e.message);
    throw e;
  }
  progress.clear();

  const results: FileResult[] = [
    ...checked,
    ...problems.map((p) => ({ file: p.display, error: p.error, diagnostics: [], fixes: [] })),
  ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const s of skipped) io.stderr.write(`ℹ ${escapeControl(s.display)}: ${s.error}\n`);
  for (const r of results) if (r.error) io.stderr.write(`✖ ${escapeControl(r.file)}: ${escapeControl(r.error)}\n`);
  for (const r of results) {
    for (const n of r.notes ?? [])
      io.stderr.write(`ℹ ${escapeControl(r.file)}:${n.line + 1}:${n.character + 1}: ${n.message}\n`);
  }
  const inputErrors = results.some((r) => r.error);

  const colors = colorsFor(io.stdout, io.env);
  const lang = args.lang ?? cliLang(io.env);
  if (args.command === 'report') {
    io.stdout.write(
      args.format === 'json'
        ? reportJson(results)
        : args.format === 'markdown'
          ? reportMarkdown(results)
          : args.format === 'html'
            ? reportHtml(results, lang)
            : reportText(results, colors),
    );
    return inputErrors ? 2 : 0;
  }

  if (args.listUnknown) {
    // Every unknown-agency finding counts, whatever --quiet says (they are rarely errors).
    const list = unknownNames(results);
    io.stdout.write(
      args.format === 'json' ? JSON.stringify(list, null, 2) + '\n' : formatUnknownText(list, colors, lang),
    );
    return inputErrors ? 2 : 0;
  }

  if (args.quiet) for (const r of results) r.diagnostics = r.diagnostics.filter((d) => d.severity === 'error');
  if (args.fix) {
    if (args.format === 'text') io.stdout.write(formatFixes(results, colors, lang) + '\n');
    else io.stderr.write(formatFixes(results, colorsFor(io.stderr, io.env), lang));
  }
  if (args.format === 'json') writeOutput(io, formatJson(results, lang));
  else if (args.format === 'sarif') {
    const pkg = packageInfo();
    writeOutput(io, formatSarif(results, { version: pkg.version, informationUri: pkg.homepage, cwd: io.cwd, lang }));
  } else writeOutput(io, formatText(results, colors, lang));

  if (inputErrors) return 2;
  return countDiagnostics(results).error > 0 ? 1 : 0;
}

let filesChecked = 0;

/** Code units per piece of writeOutput: a piece's UTF-8 stays in the processor's cache. */
export const OUTPUT_PIECE = 32 * 1024;

/**
 * Writes a report to stdout. Where stdout writes synchronously through fs.writeSync anyway (a file, or /dev/null as
 * the bench runs it: io.stdoutFd), a long report is written with fs.writeSync directly, in pieces of OUTPUT_PIECE
 * code units (never between the two halves of a surrogate pair, so the bytes are those of the whole): the stream
 * would first encode the whole text into one new Buffer (3.9 MB for the JSON of a 1 MB document) and write that.
 * Main-thread CPU of formatting and writing that JSON, median of 15 alternating runs: ≈ 27.6 → 22.9 ms.
 * Elsewhere (pipes, terminals, the tests' streams) the text goes to io.stdout.write as before.
 */
export function writeOutput(io: Io, text: string): void {
  const fd = text.length > OUTPUT_PIECE ? io.stdoutFd?.() : undefined;
  if (fd === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    for (let at = 0; at < text.length;) {
      let to = Math.min(at + OUTPUT_PIECE, text.length);
      const unit = text.charCodeAt(to - 1);
      if (to < text.length && unit >= 0xd800 && unit <= 0xdbff) to--;
      writeAll(fd, text.slice(at, to));
      at = to;
    }
  } catch (e) {
    throw new OutputError(e);
  }
}

/** The report could not be written to stdout (a full disk, a file size limit, a closed or unwritable descriptor). */
export class OutputError extends Error {
  readonly code: string;
  constructor(cause: unknown) {
    const code = String((cause as NodeJS.ErrnoException)?.code ?? 'EIO');
    super(outputErrorMessage(code));
    this.code = code;
  }
}

/**
 * The plain message of a report that could not be written out, in the CLI's stderr convention (Chinese / English):
 * what failed and the system's code, what is safe (the checked files are never changed by writing a report; --fix
 * writes its files before the report), and what to do. No stack trace: it is no internal error.
 */
export function outputErrorMessage(code: string): string {
  return (
    `无法写出检查结果（${code}），输出不完整；被检查的文件未因此改动，请检查输出位置（磁盘空间、文件大小限制、写权限）后重新运行 / ` +
    `cannot write the output (${code}); it is incomplete. The checked files are not affected; check the output's ` +
    `destination (free space, file size limit, permissions) and run again`
  );
}

/**
 * Writes `piece` to `fd` whole: write(2) may take only part of it (a disk that fills up, a file size limit: fewer bytes
 * and no error), and then the rest is written again, so that the system's error (ENOSPC, EFBIG) is thrown rather than
 * the report silently cut short; a descriptor in non-blocking mode that is not ready (EAGAIN) is waited for.
 */
function writeAll(fd: number, piece: string): void {
  // The piece is encoded once, into a buffer kept for the next pieces (UTF-8 takes at most 3 bytes per UTF-16 code
  // unit, so it always fits): no second pass over it to count its bytes (Buffer.byteLength) and no buffer allocated
  // per piece, as writeSync(fd, string) allocates.
  const room = 3 * piece.length;
  if (!encoded || encoded.length < room) encoded = Buffer.allocUnsafe(Math.max(room, 3 * OUTPUT_PIECE));
  const buf = encoded;
  const bytes = buf.write(piece, 0, 'utf8');
  for (let n = 0; n < bytes;) {
    const m = writeRetrying(fd, buf, n, bytes - n);
    if (m <= 0) throw new Error(`write: ${bytes - n} bytes not written`);
    n += m;
  }
}

/** writeAll's buffer. */
let encoded: Buffer | undefined;

function writeRetrying(fd: number, buf: Buffer, offset: number, length: number): number {
  for (;;) {
    try {
      return writeSync(fd, buf, offset, length);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/**
 * `fd` when Node.js made `stream`, its stdio stream for `fd`, a synchronous fs.writeSync writer (SyncWriteStream): a
 * regular file, or a character device that is no terminal (libuv's uv_guess_handle: UV_FILE; Node.js made a terminal
 * a tty.WriteStream, `isTTY`). Pipes, sockets and terminals: undefined.
 */
export function synchronousFd(fd: number, stream: { isTTY?: boolean }): number | undefined {
  try {
    const st = fstatSync(fd);
    return st.isFile() || (st.isCharacterDevice() && !stream.isTTY) ? fd : undefined;
  } catch {
    return undefined;
  }
}

/** How many files this process has checked (bin/action-plan-lint.js writes its code cache only after real work). */
export function checkedFiles(): number {
  return filesChecked;
}

/** How much text this thread analysed (worker threads' work not counted): the weight of the code cache it writes. */
export { analysedChars } from './lintFile';

/** "已检查 n/N" on stderr, only when stderr is a terminal; redrawn at most every 100 ms. */
function progressLine(io: Io): { update: (done: number, total: number) => void; clear: () => void } {
  if (!(io.stderrIsTTY ? io.stderrIsTTY() : io.stderr.isTTY)) return { update: () => {}, clear: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\r已检查 ${done}/${total} 个文件 / checked ${done}/${total} files\u001b[K`);
    },
    clear() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}

/**
 * Runs the CLI in this process: arguments from process.argv; the process ends with the exit status as soon as its
 * output is out (exitWhenWritten).
 */
export function run(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); // output piped into head & co.
    outputFailed(e); // a full disk, a file size limit: say so plainly, exit 2
  });
  // process.stderr is made on first use: most runs write nothing there, and making the stream costs ≈ 1 ms when
  // stderr is a pipe (CI, a bench, an editor's task runner), ≈ 1 % of a 10 KB run. A pipe or a file is no terminal.
  let stderrUsed = false;
  const io: Io = {
    stdout: process.stdout,
    get stderr() {
      stderrUsed = true;
      return process.stderr;
    },
    stderrIsTTY: () => isCharacterDevice(2) && !!io.stderr.isTTY,
    stdoutFd: () => synchronousFd(1, process.stdout),
    cwd: process.cwd(),
    env: process.env,
  };
  const streams = () => (stderrUsed ? [process.stdout, process.stderr] : [process.stdout]);
  main(process.argv.slice(2), io).then(
    (code) => exitWhenWritten(code, streams()),
    (e) => {
      // The data files could not be loaded (a broken install or build): say which, without a stack trace.
      const message =
        e instanceof DataLoadError
          ? `无法加载数据（请运行 npm run build:data 或重新安装）/ cannot load the data (run npm run build:data or reinstall): ${e.message}`
          : e instanceof OutputError
            ? e.message
            : `内部错误 / internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      io.stderr.write(`action-plan-lint: ${message}\n`);
      exitWhenWritten(2, streams());
    },
  );
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/**
 * Ends the process with `code` once everything written to `streams` has been handed to the system (a stream calls
 * back in order, after the writes before it: on pipes that are asynchronous — macOS, Windows — no output is cut).
 * Left to itself, Node.js would first run the V8 tasks still queued (compile jobs, GC steps) and tear the whole heap
 * down: from the output written to the parent seeing the end, best of 6 on the shared machine, 1 MB plain text
 * ≈ 15–19 → 7–12 ms, 10 KB ≈ 4.4 → 4.0 ms. 'exit' listeners (bin/action-plan-lint.js writes its code cache in one)
 * still run. run() passes stderr only when the CLI wrote to it (a Node.js warning written there on its own could be
 * cut where pipes are asynchronous).
 */
export function exitWhenWritten(
  code: number,
  streams: NodeJS.WritableStream[] = [process.stdout, process.stderr],
): void {
  process.exitCode = code;
  let pending = streams.length;
  const written = (e?: Error | null) => {
    // stdout's write failed (its 'error' event may come only after this callback): never exit as if the report were out.
    if (e && (e as NodeJS.ErrnoException).code !== 'EPIPE' && streams[0] === process.stdout) return outputFailed(e);
    if (--pending === 0) process.exit(code);
  };
  for (const s of streams) s.write('', written);
}

/** Writing the report to stdout failed: the plain message on stderr (written at once: the process ends here), exit 2. */
function outputFailed(e: unknown): never {
  const code = String((e as NodeJS.ErrnoException)?.code ?? 'EIO');
  try {
    writeSync(2, `action-plan-lint: ${outputErrorMessage(code)}\n`);
  } catch {
    /* stderr is gone too: the exit status still tells */
  }
  process.exit(2);
}

if (require.main === module) run();
