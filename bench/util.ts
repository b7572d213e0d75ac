// Small helpers of the benchmark: timing, statistics, machine description, formatting.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export function now(): number {
  return performance.now();
}

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1];
}

/** Run `fn` `runs` times after `warmup` runs; returns every timing in ms. */
export function timeRuns(fn: () => unknown, runs: number, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    fn();
    out.push(now() - t);
  }
  return out;
}

export async function timeRunsAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    await fn();
    out.push(now() - t);
  }
  return out;
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtRate(bytes: number, ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'n/a';
  return `${(bytes / 1048576 / (ms / 1000)).toFixed(1)} MB/s`;
}

export function fmtRatio(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`;
}

export function fmtBytes(b: number): string {
  if (b >= 1048576) return `${(b / 1048576).toFixed(2)} MB`;
  if (b >= 1024) return `${(b / 1024).toFixed(1)} KB`;
  return `${b} B`;
}

export function errText(e: unknown): string {
  if (e instanceof Error) return (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ');
  return String(e);
}

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 15000 }).trim();
  } catch {
    return '';
  }
}

function packageVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

export interface Machine {
  cpu: string;
  cores: number;
  ram: string;
  os: string;
  kernel: string;
  node: string;
  v8: string;
  textlint: string;
  prh: string;
  textlintRulePrh: string;
  typescript: string;
  esbuild: string;
  vscodeLanguageserver: string;
}

export function machine(): Machine {
  let osName = `${os.type()} ${os.release()}`;
  try {
    const rel = readFileSync('/etc/os-release', 'utf8');
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(rel);
    if (m) osName = m[1];
  } catch {
    /* not Linux */
  }
  const cpus = os.cpus();
  let cpu = cpus[0]?.model?.trim() || 'unknown';
  const lscpu = sh('lscpu', []);
  const mhz = /CPU max MHz:\s*([\d.]+)/.exec(lscpu)?.[1] ?? (cpus[0]?.speed ? String(cpus[0].speed) : '');
  if (mhz && Number(mhz) > 0) cpu += ` @ ${(Number(mhz) / 1000).toFixed(2)} GHz`;
  const avail = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
  return {
    cpu,
    cores: avail,
    ram: `${(os.totalmem() / 1073741824).toFixed(1)} GiB`,
    os: osName,
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    textlint: packageVersion('textlint'),
    prh: packageVersion('prh'),
    textlintRulePrh: packageVersion('textlint-rule-prh'),
    typescript: packageVersion('typescript'),
    esbuild: packageVersion('esbuild'),
    vscodeLanguageserver: packageVersion('vscode-languageserver'),
  };
}

/** Peak resident set size of a process (VmHWM, bytes), or NaN. */
export function vmHwm(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(s);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export function vmRss(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s*(\d+)\s*kB/m.exec(s);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
