// The CLI's findings → diagnostics step (lintFile.ts toDiagnostics: one forward pass over sorted offsets) against the
// straightforward way it replaced (InMemoryDocument.positionAt per offset, then a sort by range and code), on random
// texts — \n, \r\n and lone \r line ends, non-BMP characters — and random findings: offsets outside the text, empty and
// reversed spans, equal ranges with equal and different codes (whose order must stay the findings' order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toDiagnostics } from '../../server/src/cli/lintFile';
import { InMemoryDocument } from '../../server/src/core/document';
import { messageOf } from '../../server/src/core/catalog/rules';
import type { Finding, Range } from '../../server/src/core/types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

function compareRanges(a: Range, b: Range): number {
  return (
    a.start.line - b.start.line ||
    a.start.character - b.start.character ||
    a.end.line - b.end.line ||
    a.end.character - b.end.character
  );
}

/** The implementation toDiagnostics replaced (main e8a76c8), without the lazy message. */
function oracle(text: string, findings: readonly Finding[]) {
  const doc = new InMemoryDocument('file:///x.md', text);
  return findings
    .map((f) => ({
      code: f.code,
      severity: f.severity,
      range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
      data: f.data,
      excerpt: text.slice(f.start, f.end),
      fixable: f.fixes.some((x) => x.unambiguous && x.edits.length > 0),
    }))
    .sort((a, b) => compareRanges(a.range, b.range) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const CODES = ['citation-format', 'duplicate-agency', 'outdated-agency'] as const;

function finding(
  code: (typeof CODES)[number],
  start: number,
  end: number,
  id: number,
  fixes: Finding['fixes'],
): Finding {
  // Each finding has its own data object: the test follows findings through the sort by it.
  const data = { id };
  const base = { severity: 'warning' as const, start, end, data, fixes };
  if (code === 'citation-format') return { ...base, code, facts: { replacement: `R${id}` } };
  if (code === 'duplicate-agency') return { ...base, code, facts: { name: `N${id}`, keep: 'first' } };
  return { ...base, code, facts: { name: `N${id}`, replacement: [`M${id}`] } };
}

const textArb = fc
  .array(fc.constantFrom('a', '县', '\n', '\r\n', '\r', '\u{20BB7}', '。', ' '), { maxLength: 60 })
  .map((parts) => parts.join(''));

const caseArb = textArb.chain((text) => {
  const fix = fc.record({
    title: fc.constant({ zh: 't', en: 't' }),
    edits: fc.array(fc.record({ start: fc.nat(3), end: fc.nat(3), newText: fc.constant('x') }), { maxLength: 1 }),
    unambiguous: fc.boolean(),
  });
  // Spans inside the text (the usual case), or anywhere: outside it, reversed.
  const inside = fc
    .tuple(fc.integer({ min: 0, max: text.length }), fc.integer({ min: 0, max: 8 }))
    .map(([start, len]) => ({ start, len: Math.min(len, text.length - start) }));
  const wild = fc.record({
    start: fc.integer({ min: -3, max: text.length + 3 }),
    len: fc.integer({ min: -10, max: 80 }),
  });
  const one = (span: fc.Arbitrary<{ start: number; len: number }>) =>
    fc.record({
      code: fc.constantFrom(...CODES),
      span,
      fixes: fc.array(fix, { maxLength: 2 }),
      // Findings may share their facts with an earlier one of the same code (as the analysis shares them).
      sharesFacts: fc.option(fc.nat(24), { nil: undefined }),
    });
  const findings = fc.oneof(
    fc.array(one(inside), { maxLength: 25 }),
    fc.array(one(fc.oneof(inside, wild)), { maxLength: 25 }),
  );
  // Duplicated entries give equal ranges (equal or different codes).
  return fc.tuple(fc.constant(text), findings, fc.array(fc.nat(24), { maxLength: 6 }));
});

test('toDiagnostics: the same diagnostics in the same order as positionAt per offset and a sort by range', () => {
  fc.assert(
    fc.property(caseArb, ([text, specs, repeats]) => {
      const all = [...specs, ...repeats.filter((r) => r < specs.length).map((r) => specs[r])];
      const findings: Finding[] = [];
      all.forEach((s, id) => {
        const f = finding(s.code, s.span.start, s.span.start + s.span.len, id, s.fixes);
        const other = s.sharesFacts === undefined ? undefined : findings[s.sharesFacts];
        if (other && other.code === f.code) f.facts = other.facts;
        findings.push(f);
      });
      const got = toDiagnostics(text, findings);
      const want = oracle(text, findings);
      assert.equal(got.length, want.length);
      assert.deepEqual(
        got.map(({ message: _m, ...rest }) => rest),
        want,
      );
      // Each message is the message of its own finding (data.id says which).
      for (const d of got) {
        const f = findings[(d.data as { id: number }).id];
        assert.equal(d.message.zh, messageOf(f, 'zh'));
        assert.equal(d.message.en, messageOf(f, 'en'));
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('toDiagnostics: findings that share their facts share one message object, built once', () => {
  const text = '县卫生局和县卫生局';
  const a = finding('outdated-agency', 0, 4, 0, []);
  const b = finding('outdated-agency', 5, 9, 1, []);
  b.facts = a.facts;
  const c = finding('outdated-agency', 5, 9, 2, []);
  const [da, db, dc] = toDiagnostics(text, [a, b, c]);
  assert.equal(da.message, db.message);
  assert.notEqual(db.message, dc.message);
  assert.equal(dc.message.zh, messageOf(c, 'zh'));
});

test('toDiagnostics: positions count UTF-16 code units and every line end (\\n, \\r\\n, \\r)', () => {
  const text = '第一行\r\n\u{20BB7}县公安局\r县民政局\n';
  const at = (s: string) => text.indexOf(s);
  const findings = [
    finding('outdated-agency', at('县民政局'), at('县民政局') + 4, 0, []),
    finding('outdated-agency', at('县公安局'), at('县公安局') + 4, 1, []),
    finding('citation-format', text.length, text.length + 5, 2, []),
  ];
  const got = toDiagnostics(text, findings).map((d) => [d.range, d.excerpt, (d.data as { id: number }).id]);
  assert.deepEqual(got, [
    [{ start: { line: 1, character: 2 }, end: { line: 1, character: 6 } }, '县公安局', 1],
    [{ start: { line: 2, character: 0 }, end: { line: 2, character: 4 } }, '县民政局', 0],
    [{ start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, '', 2],
  ]);
});
