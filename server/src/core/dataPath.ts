// Locates the product's data/ folder, both from a checkout (out/… or dist/) and from the installed VSIX/package.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/** Absolute path of the folder that holds `index/` and `plans/` (the repository's or package's data/). */
export function dataDir(): string {
  if (cached) return cached;
  const override = process.env.ACTION_PLAN_DATA_DIR;
  if (override) return (cached = override);
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'index'))) return (cached = candidate);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`找不到数据目录 data/index（从 ${__dirname} 向上查找）/ data folder not found`);
}
