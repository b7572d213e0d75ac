// The same sentence in traditional characters gets the findings of its simplified form (texts from Hong Kong, Macao,
// Taiwan and converted mainland texts; the registry's names are simplified).
import assert from 'node:assert/strict';
import test from 'node:test';
import { analyzeText } from '../../server/src/core/analysis';
import { messageOf } from '../../server/src/core/catalog/rules';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { docAt, engines, run, today } from './shapes';

test('an unlisted name in traditional characters is information, as in simplified, not a near miss', () => {
  // Before: 省發展改革委員會 → “是否应为省发展改革委？” (a warning); 省发展改革委员会 is information (unlisted).
  const simplified = run('省卫生厅、省发展改革委员会、省经济委员会配合。', '2009-06-30');
  const traditional = run('省衛生廳、省發展改革委員會、省經濟委員會配合。', '2009-06-30');
  const shape = (fs: typeof simplified) => fs.map((f) => [f.code, f.severity]);
  assert.deepEqual(shape(simplified), [['unknown-agency', 'information']]);
  assert.deepEqual(shape(traditional), shape(simplified));
});

test('a misspelt name in traditional characters is still a near miss, with the simplified suggestion', () => {
  const found = run('縣民政局、縣公按局、縣財政局負責。').filter((f) => f.code === 'unknown-agency');
  assert.deepEqual(
    found.map((f) => [f.severity, f.text]),
    [['warning', '縣公按局']],
  );
  const r = analyzeText(docAt('縣民政局、縣公按局、縣財政局負責。'), DEFAULT_SETTINGS, engines, { today });
  const near = r.findings.find((f) => f.code === 'unknown-agency');
  assert.equal((near?.data as { suggestions: string[] }).suggestions[0], '县公安局');
});

test('spaces inside a name (text copied from a PDF) are a slip in that name, not another name', () => {
  const unknown = (text: string) =>
    run(text)
      .filter((f) => f.code === 'unknown-agency')
      .map((f) => [f.severity, f.text]);
  // A current name with a space: the near miss suggests the name as written without it (the writer's script kept).
  const r = analyzeText(docAt('市教育局、市民 政局、市司法局配合。'), DEFAULT_SETTINGS, engines, { today });
  const near = r.findings.filter((f) => f.code === 'unknown-agency');
  assert.deepEqual(
    near.map((f) => [f.severity, (f.data as { suggestions: string[] }).suggestions]),
    [['warning', ['市民政局']]],
  );
  assert.deepEqual(unknown('市教育局、市委網 信辦、市司法局配合。'), [['warning', '市委網 信辦']]);
  // An unlisted name with spaces is judged as the same name without them: information, as unspaced (before: the
  // spaces made 市科学 技术 工业信息化局 a near miss of 市科学技术和工业信息化局).
  const severities = (text: string) =>
    run(text)
      .filter((f) => f.code === 'unknown-agency')
      .map((f) => f.severity);
  assert.deepEqual(severities('市教育局、市科学 技术 工业信息化局、市司法局配合。'), ['information']);
  assert.deepEqual(severities('市教育局、市科学技术工业信息化局、市司法局配合。'), ['information']);
});

test('a labelled list inside brackets ends at the closing bracket', () => {
  // Before: the item ran to the end of the line, closing bracket included — 县公按局） ends in no agency character, so the
  // misspelling was missed, and with a space inside (县 财政局)) the near miss named “县 财政局)”.
  const unknown = (text: string) =>
    run(text)
      .filter((f) => f.code === 'unknown-agency')
      .map((f) => [f.severity, f.text]);
  assert.deepEqual(unknown('加强宣传教育。（牵头单位：县公按局）'), [['warning', '县公按局']]);
  assert.deepEqual(unknown('加强宣传教育。(牵头单位:县公按局)'), [['warning', '县公按局']]);
  assert.deepEqual(unknown('加强宣传教育。（牵头单位：县公安局（县禁毒办）、县民证局）'), [['warning', '县民证局']]);
});

test('an invisible character inside a name (a zero-width space from a web page) is information saying so, its fix offered', () => {
  const doc = docAt('市教育局、市委宣\u200b传部、市司法局配合。');
  const r = analyzeText(doc, DEFAULT_SETTINGS, engines, { today });
  const found = r.findings.filter((f) => f.code === 'unknown-agency');
  assert.deepEqual(
    found.map((f) => [f.severity, doc.slice(f.start, f.end), f.fixes.map((x) => [x.edits[0].newText, x.unambiguous])]),
    [['information', '市委宣\u200b传部', [['市委宣传部', false]]]],
  );
  // Before: “是否应为“市委宣传部”？“市委宣​传部”不在机构名录中” — two names that look the same to the reader.
  assert.equal(messageOf(found[0], 'zh'), '“市委宣传部”中有不可见字符（如零宽空格，常见于从网页复制的文字），应删除');
  assert.match(messageOf(found[0], 'en'), /^"市委宣传部" contains an invisible character/);
  // A space says so too.
  const spaced = analyzeText(docAt('市教育局、市民 政局、市司法局配合。'), DEFAULT_SETTINGS, engines, { today });
  const s = spaced.findings.find((f) => f.code === 'unknown-agency')!;
  assert.equal(messageOf(s, 'zh'), '“市民 政局”中间有空格，应为“市民政局”');
  assert.equal(messageOf(s, 'en'), '"市民 政局" has a space inside: should be "市民政局"');
});

test('a tab separates the items of a list: a table copied as text', () => {
  // Before: “1<TAB>加强宣传教育<TAB>县委宣传部<TAB>县教育局”未收录 — a whole table row read as one name.
  const unknown = (text: string) =>
    run(text)
      .filter((f) => f.code === 'unknown-agency')
      .map((f) => [f.severity, f.text]);
  assert.deepEqual(unknown('1\t加强宣传教育\t县委宣传部\t县教育局、县民政局、县妇联'), []);
  assert.deepEqual(unknown('成员单位：县公安局\t县民政局\t县财政局\t县公按局'), [['warning', '县公按局']]);
});
