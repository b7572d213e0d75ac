// Checking many files in parallel with worker_threads.
//
// Each worker (dist/lint-worker.js, or worker.js next to this file when running the transpiled sources) loads the
// engines once and then checks the files it is handed, two at a time in flight so it never waits for the main thread.
// Pool size: min(os.availableParallelism(), ⌈files / FILES_PER_WORKER⌉); with fewer files than that, or a single
// CPU, the files are checked in the main thread (starting a worker costs about as much as checking a few dozen
// files). The environment variable ACTION_PLAN_LINT_WORKERS=N forces N workers (0 = main thread), for tests and
// for machines that share their CPUs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { Settings } from '../core/types';
import { cliService, type CustomAgencies } from './engines';
import type { FileTask } from './input';
import { lintFile, type FileResult, type LintContext } from './lintFile';

export const FILES_PER_WORKER = 24;

/** What every thread needs to check files (sent to workers as workerData). */
export interface WorkerInit {
  settings: Settings;
  today: string;
  fix: boolean;
  mode: 'lint' | 'report';
  customAgencies?: CustomAgencies;
}

export type WorkerRequest = { id: number; task: FileTask };
export type WorkerResponse = { type: 'result'; id: number; result: FileResult } | { type: 'fatal'; error: string };

export class FatalError extends Error {}

export function poolSize(files: number, env = process.env): number {
  const forced = env.ACTION_PLAN_LINT_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), files);
  if (files < FILES_PER_WORKER) return 0;
  const size = Math.min(
    (require('node:os') as typeof import('node:os')).availableParallelism(),
    Math.ceil(files / FILES_PER_WORKER),
  );
  return size >= 2 ? size : 0;
}

function workerScript(): string | undefined {
  for (const name of ['lint-worker.js', 'worker.js']) {
    const p = join(__dirname, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

let mainContext: LintContext | undefined;

/** The main thread's engines, loaded on first need. Throws FatalError on an invalid custom agency file. */
function inProcessContext(init: WorkerInit): LintContext {
  if (!mainContext) {
    const { service, problems } = cliService(init.customAgencies, init.today);
    if (problems.length) throw new FatalError(customAgencyMessage(init.customAgencies!.source, problems));
    mainContext = { service, settings: init.settings, fix: init.fix, mode: init.mode };
  }
  return mainContext;
}

export function customAgencyMessage(source: string, problems: string[]): string {
  return (
    `机构清单文件 ${source} 有误 / invalid custom agency file ${source}:\n` + problems.map((p) => `  - ${p}`).join('\n')
  );
}

/** Validates the custom agency file in the main thread before any worker starts (so the error is reported once). */
export function prepare(init: WorkerInit): void {
  if (init.customAgencies) inProcessContext(init);
}

/**
 * Checks every task; results come back in the order of `tasks`. `onProgress(done, total)` is called after each file.
 * Throws FatalError when the engines cannot be loaded.
 */
export async function checkAll(
  tasks: readonly FileTask[],
  init: WorkerInit,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<FileResult[]> {
  const results: FileResult[] = new Array(tasks.length);
  let done = 0;
  const size = poolSize(tasks.length);
  const script = size > 0 ? workerScript() : undefined;
  const leftovers: number[] = [];
  if (script) {
    // worker_threads is loaded only when a pool is used (a run over a few files never starts one).
    const WorkerThread = (require('node:worker_threads') as typeof import('node:worker_threads')).Worker;
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let live = 0;
      let failed = false;
      const finish = () => {
        if (live === 0 && !failed) resolve();
      };
      const workers: Worker[] = [];
      for (let w = 0; w < size; w++) {
        const worker = new WorkerThread(script, { workerData: init });
        workers.push(worker);
        const inFlight = new Set<number>();
        live++;
        const dispatch = () => {
          if (next < tasks.length) {
            const id = next++;
            inFlight.add(id);
            worker.postMessage({ id, task: tasks[id] } satisfies WorkerRequest);
          } else if (inFlight.size === 0) {
            void worker.terminate();
          }
        };
        worker.on('message', (m: WorkerResponse) => {
          if (m.type === 'fatal') {
            if (!failed) {
              failed = true;
              for (const x of workers) void x.terminate();
              reject(new FatalError(m.error));
            }
            return;
          }
          inFlight.delete(m.id);
          results[m.id] = m.result;
          onProgress(++done, tasks.length);
          dispatch();
        });
        worker.on('error', () => {
          // A crashed worker: its files are checked again in the main thread.
          leftovers.push(...inFlight);
          inFlight.clear();
        });
        worker.on('exit', () => {
          leftovers.push(...inFlight);
          inFlight.clear();
          live--;
          finish();
        });
        dispatch();
        dispatch();
      }
    });
    // Files never handed out because every worker died.
    for (let id = 0; id < tasks.length; id++)
      if (results[id] === undefined && !leftovers.includes(id)) leftovers.push(id);
  } else {
    for (let id = 0; id < tasks.length; id++) leftovers.push(id);
  }
  if (leftovers.length) {
    const ctx = inProcessContext(init);
    for (const id of leftovers.sort((a, b) => a - b)) {
      results[id] = await lintFile(tasks[id], ctx);
      onProgress(++done, tasks.length);
    }
  }
  return results;
}
