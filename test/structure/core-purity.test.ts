// server/src/core/ depends on nothing outside itself but what it is handed: no module-level mutable state (no
// top-level `let` or `var`, no module-level cache in a Map, Set, WeakMap, array or object: moduleState.ts), no file
// system or other Node.js built-in, no process.env, no wall clock. The host (server/src/node/) reads data/ and owns
// any per-process cache; a cache of derived values lives on the object that owns its lifetime (the plan index's
// `memo`, the knowledge base); core/service.ts takes it all through `env`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { moduleState } from './moduleState';
import { walk } from './sourceFiles';

const ROOT = join(__dirname, '../../..');
const CORE = join(ROOT, 'server/src/core');

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
    assert.deepEqual(offenders(/^(export\s+)?(let|var)\s/), []);
  });
  it('has no module-level mutable state: no module-level cache, no container a function changes', () => {
    assert.deepEqual(
      walk(CORE).flatMap((f) => moduleState(relative(ROOT, f), readFileSync(f, 'utf8'))),
      [],
    );
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

describe('the module-state check (core-purity) finds what it must', () => {
  const found = (text: string) => moduleState('planted.ts', text);
  it('finds a top-level let or var, exported or not', () => {
    assert.equal(found('let loaded: object | undefined;\nexport function get() { return (loaded ??= {}); }').length, 1);
    assert.equal(found('export var n = 0;').length, 1);
    assert.equal(found('let a = 1, b = 2;').length, 2);
  });
  it('finds a top-level WeakMap or WeakSet, even one never changed', () => {
    assert.deepEqual(found('const cache = new WeakMap<object, number[]>();'), [
      'planted.ts:1: top-level WeakMap/WeakSet cache (a cache)',
    ]);
    assert.equal(found('export const seen = new WeakSet() as WeakSet<object>;').length, 1);
  });
  it('finds a top-level Map, Set, array or object that a function changes', () => {
    const planted = [
      'const byKey = new Map<string, number>();',
      'const names = new Set<string>();',
      'const list: string[] = [];',
      'const memo: Record<string, number> = {};',
      'const fine = new Set([1, 2]);',
      'export function f(k: string) {',
      '  byKey.set(k, 1);',
      '  return () => names.add(k);',
      '}',
      'export const g = (k: string) => { list.push(k); memo[k] = 1; return fine.has(1); };',
    ].join('\n');
    assert.deepEqual(found(planted), [
      'planted.ts:7: module-level byKey changed inside a function (a module singleton)',
      'planted.ts:8: module-level names changed inside a function (a module singleton)',
      'planted.ts:10: module-level list changed inside a function (a module singleton)',
      'planted.ts:10: module-level memo changed inside a function (a module singleton)',
    ]);
    assert.equal(found('const m = new Map();\nexport function f() { delete (m as any)[1]; }').length, 1);
    assert.equal(found('const o = { n: 0 };\nexport function f() { o.n++; }').length, 1);
  });
  it('finds a static cache on a class', () => {
    assert.equal(
      found(
        'export class A { static readonly cache = new Map<string, number>(); get(k: string) { A.cache.set(k, 1); } }',
      ).length,
      1,
    );
    assert.equal(found('export class A { static last = 0; }').length, 1);
    assert.equal(found('export class A { static readonly seen = new WeakMap(); }').length, 1);
  });
  it('allows constants, tables filled while the module loads, per-call and per-instance state, lazy require', () => {
    const clean = [
      "const WORDS = new Set(['负责', '牵头']);",
      'const TABLE = new Map<string, number>();',
      "for (const w of ['a', 'b']) TABLE.set(w, w.length);",
      'const ORDER = [3, 1, 2].sort();',
      'export class Index {',
      '  private readonly memos = new Map<string, unknown>();',
      '  memo(k: string) { this.memos.set(k, 1); }',
      '}',
      'export function f(s: string) {',
      '  const seen = new Set<string>();',
      '  seen.add(s);',
      "  const lib = require('fuse.js');",
      '  return WORDS.has(s) && TABLE.get(s) && ORDER[0] && lib;',
      '}',
    ].join('\n');
    assert.deepEqual(found(clean), []);
  });
});
