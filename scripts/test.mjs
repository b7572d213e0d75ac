#!/usr/bin/env node
// Test runner: transpiles with esbuild, then runs node's built-in test runner on out/test/**/*.test.js.
//   node scripts/test.mjs                 -> every test except test/e2e (those run through their own npm scripts)
//   node scripts/test.mjs core/plan cli   -> only test files whose path contains one of the filters
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
let r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'transpile'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'bundle'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const skip = (f) => /[\\/](e2e|vscode|fuzz-long)[\\/]/.test(f);
const files = walk(join(root, 'out/test'))
  .filter((f) => !skip(relative(root, f)) || filters.some((x) => relative(root, f).includes(x)))
  .filter((f) => filters.length === 0 || filters.some((x) => relative(root, f).includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(r.status ?? 1);
