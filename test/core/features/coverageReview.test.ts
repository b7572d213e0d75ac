// Content and responsibility checks on the coverage map (core/features/coverageReview.ts) and in
// `action-plan-lint report` (json, html).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../../server/src/core/analysis';
import { loadEngines } from '../../../server/src/node/data';
import { coverageMap, mapCells } from '../../../server/src/core/features/coverageMap';
import { addReviewFlags, isReviewFlag } from '../../../server/src/core/features/coverageReview';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types';
import { lint } from '../../cli/helpers';

const engines = loadEngines();
const C21 = '《行动计划（2021—2030年）》';
const TEXT =
  `# 尤溪县贯彻落实《中国反对拐卖人口行动计划（2021—2030年）》实施方案\n\n` +
  `（一）按照${C21}二（一）2（2）的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。\n` +
  `（二）按照${C21}二（一）2（3）第1项的要求，规范婚姻登记管理。（县公安局负责，县民政局配合）\n` +
  `（三）加强对本县拐卖人口犯罪形势的分析研判（${C21}二（一）2（2））。\n`;

test('each finding becomes a flag on the cell of the measure or sub-item it concerns; states and counts follow', () => {
  const analysis = analyzeText(TEXT, DEFAULT_SETTINGS, engines, { today: '2026-12-02' });
  const map = coverageMap([{ uri: 'a.md', text: TEXT }], engines, { defaultPlan: '2021-2030' });
  const before = { ...map.counts };
  const added = addReviewFlags(map, 'a.md', TEXT, analysis.findings, analysis.citations);
  assert.deepEqual(
    added.map((f) => [f.code, f.place.canonical, f.place.range.start.line]),
    [
      ['citation-mismatch', `${C21}二（一）2（2）`, 2],
      ['responsibility-mismatch', `${C21}二（一）2（3）第1项`, 3],
    ],
  );
  const cells = new Map(mapCells(map).map((c) => [c.path, c]));
  assert.equal(cells.get('二（一）2（2）')!.state, 'cited-wrong-path-nearby');
  assert.equal(cells.get('二（一）2（3）第1项')!.state, 'cited-wrong-path-nearby');
  assert.ok(cells.get('二（一）2（2）')!.flags.every(isReviewFlag));
  assert.equal(map.counts['cited-wrong-path-nearby'], before['cited-wrong-path-nearby'] + 2);
  assert.equal(map.counts.cited, before.cited - 2);
  assert.equal(map.counts.cells, before.cells);
  // Rules switched off: nothing to add.
  const off = analyzeText(
    TEXT,
    { ...DEFAULT_SETTINGS, rules: { 'citation-mismatch': 'off', 'responsibility-mismatch': 'off' } },
    engines,
    {
      today: '2026-12-02',
    },
  );
  const map2 = coverageMap([{ uri: 'a.md', text: TEXT }], engines, { defaultPlan: '2021-2030' });
  assert.deepEqual(addReviewFlags(map2, 'a.md', TEXT, off.findings, off.citations), []);
});

test('report --format json lists them per cell under review; html shows the messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apl-review-'));
  try {
    const file = join(dir, 'plan.md');
    writeFileSync(file, TEXT);
    const r = lint(['report', '--format', 'json', '--reference-date', '2026-12-02', file]);
    assert.equal(r.status, 0, r.stderr);
    const [entry] = JSON.parse(r.stdout) as Array<{
      cells: Array<{ path: string; flags: string[]; review?: Array<{ code: string; line: number; message: string }> }>;
    }>;
    const reviewed = entry.cells.filter((c) => c.review);
    assert.deepEqual(
      reviewed.map((c) => [c.path, c.flags, c.review!.map((x) => [x.code, x.line])]),
      [
        ['二（一）2（2）', [], [['citation-mismatch', 2]]],
        ['二（一）2（3）第1项', [], [['responsibility-mismatch', 3]]],
      ],
    );
    assert.match(reviewed[1].review![0].message, /本县对应：尤溪县民政局负责/);
    const html = lint(['report', '--format', 'html', '--reference-date', '2026-12-02', file]);
    assert.equal(html.status, 0, html.stderr);
    assert.match(html.stdout, /<li>! citation-mismatch（3）: 核对引用：本句内容与所引/);
    assert.match(html.stdout, /<li>! responsibility-mismatch（4）: 核对职责分工：所引/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
