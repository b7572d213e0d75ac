// Whole-process comparison: `action-plan-lint` and the textlint + prh CLI on the same files, run alternately in one
// series so that both see the same machine load, plus a bare `node -e 'require("fs")'` start as the floor of any
// Node.js command. Wall time and peak RSS (GNU time's %M where /usr/bin/time exists) of each process.
//
// Part of `npm run bench`; also runs on its own (the same documents, dictionary and table, nothing else):
//   npm run build && node scripts/build.mjs transpile && node out/bench/wholeProcess.js [RUNS]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DOCUMENTS, generateDocument } from './generate';
import { setupPeer, type PeerSetup } from './peer';
import { benchDictionary } from './registry';
import { ROOT, fmtMs, fmtRatio, median, now } from './util';

export interface WholeRun {
  ms: number;
  /** Peak resident set size in KiB (undefined without /usr/bin/time). */
  rssKiB?: number;
  code: number | null;
}

export interface WholeRow {
  label: string;
  file: string;
  lint: WholeRun[];
  textlint: WholeRun[];
}

export interface WholeReport {
  rows: WholeRow[];
  bareNode: WholeRun[];
  runs: number;
}

const GNU_TIME = '/usr/bin/time';

/** Run one process to its end, with its peak RSS when GNU time is available. Output is discarded. */
export function timedProcess(cmd: string, args: string[], timeoutMs = 120000): Promise<WholeRun> {
  const withTime = existsSync(GNU_TIME);
  const [c, a] = withTime ? [GNU_TIME, ['-f', '%M', cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const t = now();
    const child = spawn(c, a, {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4096)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = now() - t;
      const last = stderr.trim().split('\n').pop() ?? '';
      const rss = withTime && /^\d+$/.test(last) ? Number(last) : undefined;
      // GNU time reports the command's status as its own; "Command exited with non-zero status N" precedes %M.
      const m = /Command exited with non-zero status (\d+)/.exec(stderr);
      resolve({ ms, rssKiB: rss, code: withTime ? (m ? Number(m[1]) : code) : code });
    });
  });
}

/**
 * Alternate action-plan-lint and textlint on each file `runs` times (one warm-up of each first), and time a bare Node.js
 * start as often. Exit statuses 0 and 1 (findings) are success; anything else fails the section.
 */
export async function runWholeProcess(
  files: Array<{ label: string; file: string }>,
  peer: PeerSetup,
  referenceDate: string,
  runs: number,
): Promise<WholeReport> {
  const lintBin = join(ROOT, 'bin', 'action-plan-lint.js');
  const textlintBin = join(ROOT, 'node_modules', 'textlint', 'bin', 'textlint.js');
  const lint = (f: string) =>
    timedProcess(process.execPath, [lintBin, '--format', 'json', '--reference-date', referenceDate, f]);
  const textlint = (f: string) => timedProcess(process.execPath, [textlintBin, '--config', peer.config, f]);
  const check = (who: string, r: WholeRun) => {
    if (r.code !== 0 && r.code !== 1) throw new Error(`${who} exited with status ${r.code}`);
    return r;
  };
  const bareNode: WholeRun[] = [];
  const rows: WholeRow[] = [];
  for (const { label, file } of files) {
    check('action-plan-lint', await lint(file));
    check('textlint', await textlint(file));
    const row: WholeRow = { label, file, lint: [], textlint: [] };
    for (let i = 0; i < runs; i++) {
      // Alternate which tool goes first so that neither always runs right after the other's file-cache warm-up.
      if (i % 2 === 0) {
        row.lint.push(check('action-plan-lint', await lint(file)));
        row.textlint.push(check('textlint', await textlint(file)));
      } else {
        row.textlint.push(check('textlint', await textlint(file)));
        row.lint.push(check('action-plan-lint', await lint(file)));
      }
      bareNode.push(check('node', await timedProcess(process.execPath, ['-e', 'require("fs")'])));
    }
    rows.push(row);
  }
  return { rows, bareNode, runs };
}

const ms = (xs: WholeRun[]) => median(xs.map((r) => r.ms));
const rss = (xs: WholeRun[]) => {
  const v = xs.map((r) => r.rssKiB).filter((x): x is number => x !== undefined);
  return v.length ? Math.max(...v) / 1024 : undefined;
};

/** The results.md section. */
export function wholeProcessMarkdown(
  r: WholeReport,
  fmtMs: (ms: number) => string,
  fmtRatio: (x: number) => string,
): string[] {
  const node = ms(r.bareNode);
  const mib = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MiB`);
  const out = [
    '## Whole process: action-plan-lint vs. textlint + prh CLI',
    '',
    `Each file checked by \`node bin/action-plan-lint.js --format json --reference-date … FILE\` and by \`node node_modules/textlint/bin/textlint.js --config … FILE\` (textlint-rule-prh with the same dictionary as above), alternately, ${r.runs} times each after one warm-up of each; medians of wall time, peak RSS = the largest GNU time %M of the runs. Bare Node.js = \`node -e 'require("fs")'\`, timed between the pairs: median ${fmtMs(node)} over ${r.bareNode.length} runs.`,
    '',
    '| document | action-plan-lint | peak RSS | textlint+prh | peak RSS | textlint ÷ action-plan-lint | action-plan-lint ÷ bare Node.js start |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of r.rows) {
    const a = ms(row.lint);
    const t = ms(row.textlint);
    out.push(
      `| ${row.label} | ${fmtMs(a)} | ${mib(rss(row.lint))} | ${fmtMs(t)} | ${mib(rss(row.textlint))} | ${fmtRatio(t / a)} | ${fmtRatio(a / node)} |`,
    );
  }
  out.push('');
  return out;
}

/** `node out/bench/wholeProcess.js [RUNS]`: this section alone, printed as in bench/results.md. */
async function standalone(runs: number): Promise<void> {
  const { seed, referenceDate, sizes, formats } = BENCH_DOCUMENTS;
  const work = mkdtempSync(join(tmpdir(), 'action-plan-whole-'));
  try {
    const docs = sizes.flatMap((s) =>
      formats.map((format) => {
        const text = generateDocument({ seed, bytes: s.bytes, format });
        const file = join(work, `plan-${s.bytes}.${format === 'markdown' ? 'md' : 'txt'}`);
        writeFileSync(file, text);
        return { label: `${s.label} ${format}`, file, text };
      }),
    );
    // The peer's dictionary exactly as `npm run bench` builds it (all documents, the product's knowledge base).
    const { loadEngines } = require(
      join(ROOT, 'out', 'server', 'src', 'node', 'data.js'),
    ) as typeof import('../server/src/node/data');
    const dict = benchDictionary(
      loadEngines().agencies,
      docs.map((d) => d.text),
      referenceDate,
    );
    const peer = setupPeer(join(work, 'peer'), dict.outdated);
    const files = ['10 KB markdown', '1 MB markdown', '1 MB plaintext'].map((label) => {
      const d = docs.find((x) => x.label === label)!;
      return { label, file: d.file };
    });
    const report = await runWholeProcess(files, peer, referenceDate, runs);
    process.stdout.write(wholeProcessMarkdown(report, fmtMs, fmtRatio).join('\n'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? 6);
  standalone(Number.isInteger(runs) && runs > 0 ? runs : 6).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
