// The parts a run's findings share (analysis.ts: OutdatedShared, planOnDate): the same findings as when every line is
// analysed in a run of its own (nothing shared), and a fix made consistent on one line never changes another's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, type AnalysisResult } from '../../server/src/core/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { loadEngines } from '../../server/src/node/data';

const engines = loadEngines();
const today = '2026-12-02';
const head = 'date: 2025-06-30\n';
const lines = [
  '县卫生局负责培训。',
  '（县卫生局、县卫生健康委员会负责）',
  '县卫生局和县衛生局都在。',
  '依据《中国反对拐卖人口行动计划（2013—2020年）》二（一）2（1），县卫生局负责宣传。',
  '国办发〔2013〕19号和《行动计划（2013-2020年）》继续执行，县卫生局、县民政局配合。',
  '县卫生局负责宣传。',
];

/** The findings as plain data, at their offsets in the text. */
function plain(r: AnalysisResult): unknown[] {
  return JSON.parse(JSON.stringify(r.findings));
}

test('findings that share parts in a run equal those of lines analysed alone', () => {
  const text = head + lines.join('\n');
  const whole = plain(analyzeText(text, DEFAULT_SETTINGS, engines, { today }));
  const alone: unknown[] = [];
  let at = head.length;
  for (const line of lines) {
    // Each line in a run of its own, the lines above blanked (same offsets, same reference date, nothing shared).
    const solo = head + text.slice(head.length, at).replace(/[^\n]/g, ' ') + line;
    alone.push(...plain(analyzeText(solo, DEFAULT_SETTINGS, engines, { today })));
    at += line.length + 1;
  }
  assert.ok(whole.length >= 8);
  assert.deepEqual(whole, alone);
});

test('outdated findings of one name share facts, data and titles, never their fixes or edits', () => {
  const text = head + lines.join('\n');
  const fs = analyzeText(text, DEFAULT_SETTINGS, engines, { today }).findings.filter(
    (f) => f.code === 'outdated-agency' && text.slice(f.start, f.end) === '县卫生局',
  );
  const first = fs[0];
  const last = fs[fs.length - 1];
  assert.ok(fs.length >= 5);
  assert.equal(last.data, first.data);
  assert.equal(last.facts, first.facts);
  assert.equal(last.fixes[0].title, first.fixes[0].title);
  assert.notEqual(last.fixes, first.fixes);
  assert.notEqual(last.fixes[0].edits[0], first.fixes[0].edits[0]);
  // The clause check's repeat-free and manual fixes are the lines' own: the plain title is unchanged.
  assert.deepEqual(
    fs.map((f) => [f.fixes[0].title.zh, f.fixes[0].unambiguous]),
    [
      ['替换为“县卫生健康局”', true],
      ['替换为“县卫生健康局”并删除重复的“县卫生健康局”', true],
      ['替换为“县卫生健康局”（本句已有“县衛生局”，替换后会重复，请手动核对，不自动修复）', false],
      ['替换为“县卫生健康局”', true],
      ['替换为“县卫生健康局”', true],
      ['替换为“县卫生健康局”', true],
    ],
  );
  // The traditional form has its own parts: offered, not automatic.
  const trad = analyzeText(text, DEFAULT_SETTINGS, engines, { today }).findings.find(
    (f) => text.slice(f.start, f.end) === '县衛生局',
  );
  assert.equal(trad?.fixes[0].unambiguous, false);
});

test('responsibility-mismatch findings that say the same share facts and data, and say what each line alone says', () => {
  const cite = '按照《行动计划（2021—2030年）》二（一）2（3）第1项的要求，规范婚姻登记管理';
  const text = `${head}${cite}（县公安局负责，县民政局配合）。\n${cite}（县公安局负责，县民政局配合）。\n${cite}（县公安局负责）。`;
  const fs = analyzeText(text, DEFAULT_SETTINGS, engines, { today }).findings.filter(
    (f) => f.code === 'responsibility-mismatch',
  );
  assert.equal(fs.length, 3);
  assert.equal(fs[1].data, fs[0].data);
  assert.equal(fs[1].facts, fs[0].facts);
  // The third does not name the national lead unit at all (the first names it as cooperating): parts of its own.
  assert.notEqual(fs[2].facts, fs[0].facts);
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const alone = analyzeText(head + lines[i], DEFAULT_SETTINGS, engines, { today }).findings.filter(
      (f) => f.code === 'responsibility-mismatch',
    );
    assert.deepEqual(JSON.parse(JSON.stringify(alone[0].facts)), JSON.parse(JSON.stringify(fs[i - 1].facts)));
  }
});
