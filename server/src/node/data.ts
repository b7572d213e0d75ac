// The data source on disk for the language server and the CLI (main thread and workers): locates data/ (from a
// checkout — out/… or dist/ — or the installed package; ACTION_PLAN_DATA_DIR overrides) and owns the per-process
// cache of what the core builds from it (core/engines.ts createEngines, core/plan loadPlanIndex).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataLoadError, type DataSource } from '../core/dataSource';
import { createEngines, type LoadedEngines } from '../core/engines';
import { loadPlanIndex } from '../core/plan/index';
import type { PlanIndex } from '../core/plan/model';
import { decodeValidUtf8 } from './utf8';

let dir: string | undefined;

/** Absolute path of the folder that holds `index/` and `plans/` (the repository's or package's data/). */
export function dataDir(): string {
  if (dir) return dir;
  const override = process.env.ACTION_PLAN_DATA_DIR;
  if (override) return (dir = override);
  let at = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(at, 'data');
    if (existsSync(join(candidate, 'index'))) return (dir = candidate);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  throw new DataLoadError(`找不到数据目录 data/index（从 ${__dirname} 向上查找）/ data folder not found`);
}

/** The data files under `root` (default: dataDir()); a file that cannot be read is an error naming it. */
export function diskDataSource(root?: string): DataSource {
  return {
    read(path) {
      const file = join(root ?? dataDir(), path);
      try {
        // Decoded as readFileSync(file, 'utf8') decodes it (invalid bytes: U+FFFD), valid UTF-8 the fast way.
        const bytes = readFileSync(file);
        return decodeValidUtf8(bytes) ?? bytes.toString('utf8');
      } catch (e) {
        throw new DataLoadError(`无法读取数据文件 / cannot read data file ${file}: ${(e as Error).message}`);
      }
    },
  };
}

let planIndex: PlanIndex | undefined;
let engines: LoadedEngines | undefined;

/** The process-wide plan index (read on first use; shared with loadEngines()). */
export function sharedPlanIndex(): PlanIndex {
  return (planIndex ??= loadPlanIndex(diskDataSource()));
}

/** The process-wide engines (plan index, agency knowledge base, citation finder; similarity model on first use). */
export function loadEngines(): LoadedEngines {
  return (engines ??= createEngines(diskDataSource(), { plans: sharedPlanIndex() }));
}
