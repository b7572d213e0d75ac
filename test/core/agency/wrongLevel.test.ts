// A provincial department's name (…厅) under a prefecture or county place — 市公安厅, 长治市民政厅, 县司法厅 — names no
// body (prefectures and counties have 局): an unknown-agency warning suggesting the name at that level, never a fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/core/analysis';
import { messageOf } from '../../../server/src/core/catalog/rules';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/core/types';
import { loadEngines } from '../../../server/src/node/data';

const engines = loadEngines();
const settings = (date: string): Settings => ({ ...DEFAULT_SETTINGS, referenceDate: date, rules: {}, allow: [] });
const wrong = (text: string, date = '2022-06-01') =>
  analyzeText(text, settings(date), engines, { today: date })
    .findings.filter((f) => f.code === 'unknown-agency')
    .map((f) => [text.slice(f.start, f.end), (f.data as { suggestions: string[] }).suggestions, f.severity]);

test('…厅 after a prefecture or county place: a warning with the name at that level', () => {
  assert.deepEqual(wrong('反拐联席会议由市公安厅、市委宣传部、市工信厅、市民政局等部门组成。'), [
    ['市公安厅', ['市公安局'], 'warning'],
    ['市工信厅', ['市工信局'], 'warning'],
  ]);
  assert.deepEqual(wrong('（县公安厅负责，县民政厅、县妇联配合）'), [
    ['县公安厅', ['县公安局'], 'warning'],
    ['县民政厅', ['县民政局'], 'warning'],
  ]);
  assert.deepEqual(wrong('（长治市司法厅、区人力资源和社会保障厅负责）'), [
    ['长治市司法厅', ['长治市司法局'], 'warning'],
    ['区人力资源和社会保障厅', ['区人力资源和社会保障局'], 'warning'],
  ]);
  // Traditional characters and a character outside the BMP before the name (UTF-16 offsets).
  const text = '𠮷由市公安廳負責。';
  const r = analyzeText(text, settings('2022-06-01'), engines, { today: '2022-06-01' });
  const f = r.findings.find((x) => x.code === 'unknown-agency')!;
  assert.deepEqual([f.start, f.end, text.slice(f.start, f.end)], [3, 7, '市公安廳']);
  assert.deepEqual(f.data, { suggestions: ['市公安局'] });
  // Suggested, never applied automatically.
  assert.deepEqual(
    f.fixes.map((x) => [x.edits[0].newText, x.unambiguous]),
    [['市公安局', false]],
  );
  assert.equal(messageOf(f, 'zh'), '是否应为“市公安局”？“市公安廳”用的是省级部门的名称（厅），市、县的部门称局');
  assert.match(messageOf(f, 'en'), /^Did you mean "市公安局"\? "市公安廳" uses a provincial department's name/);
});

test('right names are left alone: provinces, 办公厅, lower-level forms, municipalities, forms that vary by place', () => {
  for (const text of [
    '（省公安厅负责，省民政厅、自治区司法厅配合）',
    '（山西省教育厅负责）',
    '（市人民政府办公厅、市政府办公厅、市委办公厅负责）', // a municipality's 办公厅
    '（重庆市人民政府办公厅负责）',
    '（北京市公安局、市公安局、县公安局负责）',
    '（长治市教育局、长治市教体局负责）',
  ]) {
    assert.deepEqual(wrong(text), [], text);
  }
});

test('the reference date: a body outdated on the date gets its outdated-agency finding, not this one', () => {
  // 卫生厅 was a provincial department until the 2013–2014 reforms: in 2010 市卫生厅 is the wrong level…
  assert.deepEqual(wrong('（市卫生厅负责）', '2010-06-01'), [['市卫生厅', ['市卫生局'], 'warning']]);
  // …in 2022 the name is outdated whatever its level, and the outdated-agency replacement is at the place's level.
  const r = analyzeText('（市卫生厅负责）', settings('2022-06-01'), engines, { today: '2022-06-01' });
  assert.deepEqual(
    r.findings.map((f) => f.code),
    ['outdated-agency'],
  );
});
