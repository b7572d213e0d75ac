// Profiling aid (not part of `npm run bench`):
//   node scripts/build.mjs transpile
//   node --cpu-prof --cpu-prof-dir=/tmp/prof out/bench/profile.js [markdown|plaintext] [bytes] [runs]
//   node out/bench/profile.js --summary /tmp/prof/<file>.cpuprofile [top]
// The first form analyses a generated document `runs` times (warm, no cache); the second prints the functions with
// the most self time (and the total time under the core's own files), to find where the core spends its time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engines } from '../server/src/core/analysis';
import { generateDocument, type DocFormat } from './generate';
import { ROOT, fmtMs, median, now } from './util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summary(file: string, top: number): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++)
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const byFn = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const t = (self.get(n.id) ?? 0) / 1000;
    total += t;
    const url = n.callFrame.url.replace(/^file:\/\//, '').replace(ROOT + '/', '');
    const key = `${n.callFrame.functionName || '(anonymous)'}  ${url}:${n.callFrame.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + t);
  }
  const rows = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`total sampled ${fmtMs(total)}\n-- self time --`);
  for (const [k, t] of rows)
    console.log(`${fmtMs(t).padStart(10)}  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const keyOf = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url.replace(/^file:\/\//, '').replace(ROOT + '/', '')}:${n.callFrame.lineNumber + 1}`;
  const incl = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const seen = new Set<string>();
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const k = keyOf(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
    }
  }
  console.log('-- inclusive time (project files) --');
  for (const [k, t] of [...incl]
    .filter(([k]) => k.includes('out/server') || k.includes('dist/'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    console.log(`${fmtMs(t).padStart(10)}  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
}

function run(format: DocFormat, bytes: number, runs: number): void {
  const { loadEngines } = require(join(ROOT, 'out/server/src/node/data.js')) as { loadEngines: () => Engines };
  const { analyzeText } = require(
    join(ROOT, 'out/server/src/core/analysis.js'),
  ) as typeof import('../server/src/core/analysis');
  const { DEFAULT_SETTINGS } = require(
    join(ROOT, 'out/server/src/core/types.js'),
  ) as typeof import('../server/src/core/types');
  const engines = loadEngines();
  const text = generateDocument({ seed: 20211213, bytes, format });
  const st = { ...DEFAULT_SETTINGS, referenceDate: '2025-06-30' };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    analyzeText(text, st, engines, { today: '2025-06-30' });
    times.push(now() - t);
  }
  console.log(`${format} ${bytes} bytes: ${times.map(fmtMs).join(', ')}; median ${fmtMs(median(times))}`);
}

const args = process.argv.slice(2);
if (args[0] === '--summary') summary(args[1], Number(args[2] ?? 30));
else run((args[0] as DocFormat) ?? 'markdown', Number(args[1] ?? 1048576), Number(args[2] ?? 10));
