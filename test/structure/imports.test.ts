// The module graph of server/src and client/src has no import cycle (type-only imports count too: a type cycle
// still ties two modules together for a reader). Parses relative `import`/`export … from`/`require()`/`import()`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { walk } from './sourceFiles';

const ROOT = join(__dirname, '../../..');

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]*)['"]/gm;

/** Relative imports of one source text, resolved to .ts files (or folder index.ts). */
export function importsOf(file: string, text: string): string[] {
  const out = new Set<string>();
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(SPECIFIER)) {
    const base = resolve(dirname(file), m[1]);
    const hit = [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile());
    if (hit) out.add(hit);
  }
  return [...out];
}

/** Every elementary cycle reachable in the graph, as a list of nodes (first repeated at the end); empty if none. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 1) cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

describe('module structure', () => {
  it('the cycle finder finds a cycle (including one through a type-only import) and accepts a DAG', () => {
    const a = '/x/a.ts';
    const b = '/x/b.ts';
    const c = '/x/c.ts';
    assert.deepEqual(
      findCycles(
        new Map([
          [a, [b]],
          [b, [c]],
          [c, [a]],
        ]),
      ),
      [[a, b, c, a]],
    );
    assert.deepEqual(
      findCycles(
        new Map([
          [a, [b, c]],
          [b, [c]],
          [c, []],
        ]),
      ),
      [],
    );
    assert.ok(SPECIFIER.test("import type { X } from './b';"));
    SPECIFIER.lastIndex = 0;
  });

  it('server/src and client/src have no import cycle', () => {
    const files = [...walk(join(ROOT, 'server/src')), ...walk(join(ROOT, 'client/src'))];
    const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'))]));
    const cycles = findCycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(' → '));
    assert.deepEqual(cycles, []);
  });
});
