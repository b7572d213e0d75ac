// Hostile documents in the language server (issue #17): the worst latency of requests sent while the server analyses
// (a) 10⁶ identical lines of 卫生部 and (b) one 3,000,000-character line, and the server's peak RSS. A hover on a
// small document is sent every 20 ms from didOpen until the big document's diagnostics are published; on the long
// line, hovers on that line are timed afterwards too (they must never rescan the whole line).
// Run alone: `node out/bench/hostile.js` (after the build); bench.ts runs it as a section.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lsp';
import { ROOT, fmtBytes, fmtMs, now, sleep, vmHwm } from './util';

export interface HostileCase {
  name: string;
  chars: number;
  /** didOpen → diagnostics published. */
  analysedMs: number;
  diagnostics: number;
  /** Requests answered during the analysis and their worst latency. */
  requests: number;
  worstMs: number;
  /** Hovers on the big document after the analysis (long line only). */
  hoverWorstMs?: number;
  peakRss: number;
}

const SMALL = '一、市卫生计生委负责。\n';

async function runCase(
  name: string,
  text: string,
  hoverAt?: { line: number; character: number },
): Promise<HostileCase> {
  const s = new LspSession({
    command: process.execPath,
    args: [join(ROOT, 'dist', 'server.js'), '--stdio'],
    cwd: ROOT,
    settings: {},
    rootUri: pathToFileURL(ROOT).href,
  });
  try {
    await s.initialize(false);
    const small = 'untitled:small.md';
    await s.open(small, 'markdown', SMALL);
    await s.waitDiagnostics((p) => p.uri === small, 30000);
    const big = 'untitled:big.md';
    const t0 = now();
    await s.open(big, 'markdown', text);
    const published = s.waitDiagnostics((p) => p.uri === big, 600000);
    let done = false;
    let count = 0;
    let worst = 0;
    const probe = (async () => {
      while (!done) {
        const a = now();
        await s.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 4 } });
        const ms = now() - a;
        if (!done) {
          count++;
          worst = Math.max(worst, ms);
        }
        await sleep(20);
      }
    })();
    const p = await published;
    const analysedMs = now() - t0;
    done = true;
    await probe;
    let hoverWorstMs: number | undefined;
    if (hoverAt) {
      hoverWorstMs = 0;
      for (let i = 0; i < 20; i++) {
        const a = now();
        const character = Math.min(hoverAt.character, i * 149_993 + 2);
        await s.request('textDocument/hover', {
          textDocument: { uri: big },
          position: { line: hoverAt.line, character },
        });
        hoverWorstMs = Math.max(hoverWorstMs, now() - a);
      }
    }
    return {
      name,
      chars: text.length,
      analysedMs,
      diagnostics: p.count,
      requests: count,
      worstMs: worst,
      hoverWorstMs,
      peakRss: vmHwm(s.child.pid!),
    };
  } finally {
    await s.shutdown();
  }
}

export async function runHostile(): Promise<HostileCase[]> {
  const lines = '卫生部\n'.repeat(1_000_000);
  const unit = '由市卫生局牵头，市公安局、团市委配合，落实《行动计划（2021—2030年）》二（一）2（3）。';
  const long = unit.repeat(Math.ceil(3_000_000 / unit.length)).slice(0, 3_000_000);
  return [
    await runCase('10⁶ identical lines (卫生部)', lines),
    await runCase('one 3,000,000-character line', long, { line: 0, character: 2_999_000 }),
  ];
}

export function hostileMarkdown(cases: HostileCase[]): string {
  const out = [
    '| document | size | didOpen → diagnostics | diagnostics | requests during analysis | worst request latency | hover on the line (worst of 20) | server peak RSS |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const c of cases) {
    out.push(
      `| ${c.name} | ${c.chars.toLocaleString('en')} chars | ${fmtMs(c.analysedMs)} | ${c.diagnostics} | ${c.requests} | ${fmtMs(c.worstMs)} | ${c.hoverWorstMs === undefined ? '—' : fmtMs(c.hoverWorstMs)} | ${fmtBytes(c.peakRss)} |`,
    );
  }
  return out.join('\n');
}

if (require.main === module) {
  runHostile().then(
    (cases) => console.log(hostileMarkdown(cases)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
