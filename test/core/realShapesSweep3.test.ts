// Shapes found on real documents outside the eval set by the third sweep (2026-12-02, /work/sweep3-notes): each case is
// a short synthetic sentence of the same shape, never a document's own text. (realShapes.test.ts holds the earlier ones.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, today, run, fixAll } from './shapes';
import { analyzeText } from '../../server/src/core/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';

test('sweep3: a near miss under a prefecture or county never suggests a provincial 厅 (市、县的部门称局)', () => {
  // Before: 市旅游和文化广电体育局 (Hainan's city form) drew “是否应为市旅游和文化广电体育厅” — a 厅 under a 市, which
  // the tool itself reports as wrong. Any template name ending in 厅 (not 办公厅) is left out below a province.
  const data = (text: string, date = today) => {
    const doc = `---\ndate: ${date}\n---\n${text}`;
    return analyzeText(doc, DEFAULT_SETTINGS, engines, { today })
      .findings.filter((f) => f.code === 'unknown-agency')
      .map((f) => ({
        text: doc.slice(f.start, f.end),
        suggestions: (f.data as { suggestions: string[] }).suggestions,
      }));
  };
  for (const place of ['市', '县', '长治市', '尤溪县']) {
    const found = data(`（${place}公安局负责，${place}旅游和文化广电体育部配合）`);
    assert.equal(found.length, 1, place);
    assert.ok(!found[0].suggestions.some((s) => s.endsWith('厅')), JSON.stringify(found));
    assert.ok(!engines.agencies.suggest(`${place}旅游和文化广电体育部`, 5, today).some((s) => s.endsWith('厅')), place);
  }
  // A province still gets its 厅, and 办公厅 stays possible everywhere.
  assert.ok(engines.agencies.suggest('省旅游和文化广电体育部', 5, today).includes('省旅游和文化广电体育厅'));
  // Hainan's city and county form is a registered name (海口市旅游和文化广电体育局).
  assert.deepEqual(run('（文昌市公安局负责，文昌市旅游和文化广电体育局配合）'), []);
});

test('sweep3: provincial data bureaus named after the 2023 reform are registered names', () => {
  // Before: 福建省数据管理局 drew “是否应为福建省监狱管理局或福建省数据局…” (a warning), 河北省数据和政务服务局 information.
  const text =
    '其中：江苏省数据局、四川省数据局、内蒙古自治区政务服务与数据管理局、上海市数据局、云南省数据局、河北省数据和政务服务局、湖南省数据局、福建省数据管理局、湖北省数据局、河南省数据局、陕西省数据和政务服务局、西藏自治区数据管理局。';
  assert.deepEqual(run(text, '2024-03-22'), []);
  assert.deepEqual(run(text), []);
});

test('sweep3: 部署 ends prose, not a name (国务院有关决策部署 is no unknown agency)', () => {
  // Before: “国务院有关决策部署”未收录 — the item of 党中央、国务院有关决策部署和省委、省政府… read as a name ending in 署.
  assert.deepEqual(run('贯彻落实党中央、国务院有关决策部署和省委、省政府，市委、市政府工作要求。'), []);
  // A real 署 in such a list is still read (海关总署 known; an unknown …署 reported).
  assert.deepEqual(run('县公安局、县民政局、县某某事务署配合。'), [
    { code: 'unknown-agency', severity: 'information', text: '县某某事务署' },
  ]);
});

test('sweep3: an outdated name followed by a post title of its kind is not replaced by a body of another kind automatically', () => {
  // Before: fix-all wrote 省卫生健康委员会副厅长 (省卫生厅副厅长), 市卫生健康委员会局长 (市卫生局局长) and
  // 市卫生健康委员会长 (市卫生局长: the title shares the name's last character).
  for (const text of [
    '副组长：张三省卫生厅副厅长',
    '李四（市卫生局局长）',
    '王五（县卫计委主任）',
    '赵六市卫生局党组书记',
    '张三任市卫生局长。',
    '李四任省卫生厅长。',
  ]) {
    const r = fixAll(text);
    assert.deepEqual(r.codes, ['outdated-agency'], text);
    assert.equal(r.fixed, text);
  }
  // A replacement of the same kind, or a name without a title after it, is still applied.
  assert.equal(fixAll('宋某省劳动和社会保障厅副厅长').fixed, '宋某省人力资源和社会保障厅副厅长');
  assert.equal(fixAll('王某省质量技术监督局副局长').fixed, '王某省市场监督管理局副局长');
  assert.equal(fixAll('周某任省工商局长。').fixed, '周某任省市场监管局长。');
  assert.equal(fixAll('日常工作由市卫生局有关科室承担。').fixed, '日常工作由市卫生健康委员会有关科室承担。');
});

test('sweep3: a year right after an outdated name, in the body’s own time, keeps the finding but not the automatic fix', () => {
  // Before: fix-all wrote 接受国家卫生健康委2015年度公立医院综合改革效果评价 (the 2015 evaluation was 国务院医改办's).
  for (const text of ['我市接受国务院医改办2015年度综合改革效果评价。', '印发市卫生局2012年工作总结。']) {
    const r = fixAll(text);
    assert.deepEqual(r.codes, ['outdated-agency'], text);
    assert.equal(r.fixed, text);
  }
  // A year after the body ended (市卫生局2025年…) or no year: the fix is applied as before.
  assert.equal(fixAll('市卫生局2025年要做好救治工作。').fixed, '市卫生健康委员会2025年要做好救治工作。');
  assert.equal(fixAll('国务院医改办负责。').fixed, '国家卫生健康委负责。');
});
