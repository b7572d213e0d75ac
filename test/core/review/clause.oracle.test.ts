// bracketClauses (core/review/clause.ts: clauses found from their role words, role words read from a part's last
// characters, items with their part's role) against the way it worked before (clauseOracle.ts, verbatim): the same
// clauses, parts, names, items and spans on every line of generated documents and on generated bracketed text.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bracketClauses } from '../../../server/src/core/review/clause';
import { generateDocument } from '../../../bench/generate';
import { bracketClauses as oracle } from './clauseOracle';

let clauses = 0;
function same(line: string): void {
  const want = oracle(line);
  const got = bracketClauses(line);
  // Each item now carries its part's role (repeats.ts reads a clause's items without copying them).
  for (const c of got) for (const p of c.parts) for (const it of p.items) assert.equal(it.role, p.role, line);
  const bare = got.map((c) => ({
    ...c,
    parts: c.parts.map((p) => ({ ...p, items: p.items.map(({ start, end, text }) => ({ start, end, text })) })),
  }));
  assert.deepEqual(bare, want, line);
  clauses += want.length;
}

describe('bracketClauses = its previous implementation', () => {
  test('every line of generated documents (Markdown and plain text)', () => {
    clauses = 0;
    for (const [seed, format] of [
      [5, 'markdown'],
      [17, 'plaintext'],
    ] as const) {
      for (const line of generateDocument({ seed, bytes: 80_000, format }).split('\n')) same(line);
    }
    assert.ok(clauses > 100, `${clauses} clauses`);
  });

  test('generated bracketed text: role words, near misses, 由, tails, 共同/分别, white space, separators, empty items', () => {
    clauses = 0;
    const word = fc.constantFrom(
      ...['负责', '牵头', '牵头负责', '头负责', '配合', '参与', '协助', '职责', '带头', '合', '与', '助', '责', '头'],
      ...['由', '等', '等部门', '和其他部门', '及相关单位', '等相关', '共同', '分别', '同', '别', '县公安局', '民政局'],
      ...['、', '，', ',', '；', ';', '。', ' ', '\u3000', '\t', '（', '）', '(', ')', '𠀋', 'a'],
      ...['\u00a0', '\u2029', '\ufeff', '\u180e', '\u200b', '\n'],
    );
    const text = fc.array(word, { minLength: 0, maxLength: 8 }).map((xs) => xs.join(''));
    const clause = fc
      .tuple(
        fc.constantFrom('（', '(', ''),
        fc.array(text, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('）', ')', ''),
      )
      .map(([o, ps, c]) => o + ps.join('') + c);
    const line = fc.array(fc.oneof(text, clause), { minLength: 0, maxLength: 5 }).map((xs) => xs.join(''));
    fc.assert(fc.property(line, same), { numRuns: 4000 });
    assert.ok(clauses > 500, `${clauses} clauses`);
  });
});
