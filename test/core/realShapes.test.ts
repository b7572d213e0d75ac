// Shapes found on real local documents outside the eval set (sweep of 2026-12-02): each case is a short synthetic
// sentence of the same shape, never a document's own text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { loadEngines } from '../../server/src/node/data';

const engines = loadEngines();
const today = '2026-12-02';
const run = (text: string, date = today) =>
  analyzeText(`date: ${date}\n${text}`, DEFAULT_SETTINGS, engines, { today }).findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    text: `date: ${date}\n${text}`.slice(f.start, f.end),
  }));

test('enumerators (一是/二是) and list labels (成员单位有) are not part of the first name', () => {
  // Before: “二是最高人民法院”不在机构名录中 (a warning) and “成员单位有民政局”未收录 (information).
  assert.deepEqual(run('三是最高人民检察院、公安部、民政部做好宣传工作。'), []);
  assert.deepEqual(run('一是县民政局、县公安局加强排查。'), []);
  assert.deepEqual(run('成员单位有民政局、公安局、司法局、城管局等部门。'), []);
  assert.deepEqual(run('责任单位包括县教育局、县民政局、县妇联。'), []);
  // A near miss after the enumerator is still reported, as the name alone.
  assert.deepEqual(run('二是县公按局、县民政局、县司法局加强排查。'), [
    { code: 'unknown-agency', severity: 'warning', text: '县公按局' },
  ]);
  // An outdated bare stem after 有 is still found.
  assert.deepEqual(run('成员单位有民政局、公安局、卫计局等部门。'), [
    { code: 'outdated-agency', severity: 'warning', text: '卫计局' },
  ]);
  // 各成员单位有关负责同志: no list, nothing reported.
  assert.deepEqual(run('各成员单位有关负责同志为联席会议成员。'), []);
});
