// server/src/core/ depends on nothing outside itself but what it is handed: no module singletons (a top-level `let`
// or `var` holding loaded state), no file system or other Node.js built-in, no process.env, no wall clock. The
// host (server/src/node/) reads data/ and owns any per-process cache; core/service.ts takes it all through `env`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '../../..');
const CORE = join(ROOT, 'server/src/core');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Source without comments (block and line), so prose that names a rule does not trip it. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** The lines of every core file that match `re`, as "file:line: text". */
function offenders(re: RegExp): string[] {
  const out: string[] = [];
  for (const file of walk(CORE)) {
    code(file)
      .split('\n')
      .forEach((line, i) => {
        if (re.test(line)) out.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return out;
}

describe('core/ is pure', () => {
  it('finds the core sources (the check is not vacuous)', () => {
    assert.ok(walk(CORE).length > 30);
    assert.ok(offenders(/^export function createActionPlanService/).length === 1);
  });
  it('has no module singleton: no top-level let or var', () => {
    assert.deepEqual(offenders(/^(let|var)\s/), []);
  });
  it('reads no file, environment variable or other Node.js built-in', () => {
    const builtin = String.raw`['"](node:[a-z_/]+|fs|path|os|child_process|worker_threads)['"]`;
    assert.deepEqual(
      offenders(new RegExp(String.raw`(\bfrom\s*|\brequire\(\s*|\bimport\(\s*)` + builtin + String.raw`|\bprocess\.`)),
      [],
    );
  });
  it('never reads the wall clock for "today" (performance.now() only times the analysis slices)', () => {
    assert.deepEqual(offenders(/new Date\(\)|Date\.now\(\)/), []);
  });
});
