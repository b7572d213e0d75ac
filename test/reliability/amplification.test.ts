// Amplification: one repeated line, 10^5 or more times, must not make any feature quadratic or unbounded. The
// coverage report once checked every citing place against every earlier one (10^5 citations of one measure: 29 s;
// 3 × 10^5 would take minutes) — now each place is a set lookup. Over the real server, every list-valued request on a
// 100,000-line document is answered with exactly one entry per line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngines } from '../../server/src/node/data';
import { coverageReport } from '../../server/src/core/features/coverage';
import { coverageMap, mapCells } from '../../server/src/core/features/coverageMap';
import { TestServer } from '../server/lspClient';

const LINE = '# 一、标题《行动计划（2021—2030年）》二（一）2（3）市卫生局\n';

test('coverage report: 300,000 citations of one measure in one document, each place listed once, in order', () => {
  const n = 300_000;
  // n + 1 lines citing it once, then one line citing it twice (the measure and its item): still one place per line.
  const text =
    LINE.repeat(n + 1) + '又见《行动计划（2021—2030年）》二（一）2（3）与《行动计划》二（一）2（3）第1项。\n';
  const report = coverageReport([{ uri: 'big.md', text }], loadEngines(), { defaultPlan: '2021-2030' });
  assert.deepEqual(report.documents, [{ uri: 'big.md', citations: n + 1 + 2, invalid: 0 }]);
  const unit = report.sections.flatMap((s) => s.units).find((u) => u.path === '二（一）2（3）')!;
  assert.equal(unit.citedBy.length, n + 2);
  assert.deepEqual(unit.citedBy.slice(0, 2), [
    { uri: 'big.md', line: 0 },
    { uri: 'big.md', line: 1 },
  ]);
  assert.deepEqual(unit.citedBy.at(-1), { uri: 'big.md', line: n + 1 });
  assert.equal(report.cited, 1);
});

test('coverage map: 300,000 citations of one measure, each place listed once per cell, in order', () => {
  const n = 300_000;
  const text = LINE.repeat(n) + '又见《行动计划（2021—2030年）》二（一）2（3）与《行动计划》二（一）2（3）第1项。\n';
  const map = coverageMap([{ uri: 'big.md', text }], loadEngines(), { defaultPlan: '2021-2030' });
  const cell = (path: string) => mapCells(map).find((c) => c.path === path)!;
  // The measure: n + 1 direct citations and one through its item; each item: one place per citation of the measure.
  assert.equal(cell('二（一）2（3）').places.length, n + 2);
  assert.equal(cell('二（一）2（3）第2项').places.length, n + 1);
  assert.equal(cell('二（一）2（3）第1项').places.length, n + 2);
  assert.deepEqual(
    cell('二（一）2（3）')
      .places.slice(0, 2)
      .map((p) => p.range.start.line),
    [0, 1],
  );
  assert.equal(map.counts.cited, 1 + engines2021Items('二（一）2（3）'));
});

function engines2021Items(measure: string): number {
  return loadEngines().plans.children('2021-2030', measure).length;
}

test('server: symbols, links, references, fix-all, coverage and status over 100,000 repeated lines — one entry per line', async () => {
  const s = await TestServer.start({});
  try {
    const n = 100_000;
    const uri = 'untitled:amplified';
    await s.open(uri, LINE.repeat(n));
    await s.until(() => s.published.get(uri)?.find((p) => p.version === 1), 600_000, 'diagnostics');
    const td = { textDocument: { uri } };
    assert.equal((await s.request('textDocument/documentSymbol', td)).length, n);
    assert.equal((await s.request('textDocument/documentLink', td)).length, n);
    const refs = await s.request('textDocument/references', {
      ...td,
      position: { line: 0, character: 20 },
      context: { includeDeclaration: false },
    });
    assert.equal(refs.length, n);
    assert.deepEqual(refs.at(-1).range, { start: { line: n - 1, character: 6 }, end: { line: n - 1, character: 32 } });
    const actions = await s.request('textDocument/codeAction', {
      ...td,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.actionPlan'] },
    });
    assert.equal(actions.length, 1);
    const edits = actions[0].edit.documentChanges?.[0]?.edits ?? actions[0].edit.changes[uri];
    assert.equal(edits.length, n);
    const cov = await s.request('actionPlan/coverage', { uris: [uri] });
    assert.ok(cov.markdown.includes('已引用 1 / '), cov.markdown.slice(0, 300));
    assert.deepEqual((await s.request('actionPlan/status', { uri })).counts, {
      error: 0,
      warning: n,
      information: 0,
      hint: 0,
    });
    assert.ok(s.alive());
  } finally {
    await s.stop();
  }
});
