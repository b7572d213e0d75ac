// The texts quoted in issue #11 ("Agency knowledge that holds on real documents"), through the whole analysis with
// the real engines: signs, prose, misspellings in every layout, outdated names, dates both ways, replacements in the
// document's own terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, applyFixes } from '../../../server/src/core/analysis';
import { loadEngines } from '../../../server/src/core/engines';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/core/types';

const engines = loadEngines();

function lint(text: string, date: string): Finding[] {
  return analyzeText(text, { ...DEFAULT_SETTINGS, referenceDate: date }, engines, { today: date }).findings.filter(
    (f) => f.code === 'outdated-agency' || f.code === 'unknown-agency',
  );
}

function fixed(text: string, date: string): string {
  return applyFixes(text, analyzeText(text, { ...DEFAULT_SETTINGS, referenceDate: date }, engines, { today: date }).findings).text;
}

const brief = (fs: Finding[]) => fs.map((f) => [f.code, f.severity, f.message.match(/“([^”]+)”/)?.[1]]);

test('signs: 「host（sign）」 gets nothing and --fix leaves it alone', () => {
  for (const text of [
    '农业农村部（国家乡村振兴局）负责。',
    '中央统战部（国家宗教事务局）负责。',
    '人力资源社会保障部（国家外国专家局）负责。',
    '县农业农村局（县乡村振兴局）负责。',
  ]) {
    assert.deepEqual(lint(text, '2026-12-02'), [], text);
    assert.equal(fixed(text, '2026-12-02'), text);
  }
});

test('signs: a national sign standing alone is valid; a local 乡村振兴局 gets an information note naming its host, no fix', () => {
  assert.deepEqual(lint('国家宗教事务局、国务院侨务办公室负责。', '2026-12-02'), []);
  const f = lint('（县公安局、县乡村振兴局配合）', '2026-12-02');
  assert.deepEqual(brief(f), [['outdated-agency', 'information', '县乡村振兴局']]);
  assert.deepEqual(f[0].fixes, []);
  assert.deepEqual(f[0].data.replacement, []);
  assert.deepEqual(f[0].data.sign, { host: '县农业农村局' });
  assert.equal(fixed('（县公安局、县乡村振兴局配合）', '2026-12-02'), '（县公安局、县乡村振兴局配合）');
});

test('prose: a name never absorbs the verbs around it', () => {
  assert.deepEqual(lint('由省发展改革委牵头，会同省应急管理厅、省交通运输厅等部门组织实施。', '2026-12-02'), []);
  for (const verb of ['会同', '联合', '指导', '督促', '协调', '组织', '依托', '报送', '提请', '商请', '会商']) {
    const text = `县政府${verb}县公安局、县民政局、县司法局开展专项行动。`;
    assert.deepEqual(lint(text, '2026-12-02'), [], text);
  }
  assert.deepEqual(lint('县公安局、县民政局、县司法局要密切配合，县教育局等部门共同参与。', '2026-12-02'), []);
});

test('misspellings are found in every layout of the issue; correct names stay silent', () => {
  const near = (text: string) =>
    lint(text, '2026-12-02')
      .filter((f) => f.code === 'unknown-agency' && f.severity === 'warning')
      .map((f) => [text.slice(0, 0) + f.message.match(/“([^”]+)”/)![1], (f.data.suggestions as string[])[0]]);
  assert.deepEqual(near('（县公按局、县名政局配合）'), [['县公按局', '县公安局'], ['县名政局', '县民政局']]);
  assert.deepEqual(near('责任单位：县卫生局、县公按局、县名政局'), [['县公按局', '县公安局'], ['县名政局', '县民政局']]);
  assert.deepEqual(near('牵头单位：县公按局；配合单位：县名政局'), [['县公按局', '县公安局'], ['县名政局', '县民政局']]);
  assert.deepEqual(near('县公安局、县民政局、县司法局、县公按局要密切配合。'), [['县公按局', '县公安局']]);
  assert.deepEqual(near('成员单位包括县公安局、县名政局、县司法局、县教育局、县财政局、县人社局、县卫健局。'), [['县名政局', '县民政局']]);
  // Correct names and ordinary words in the same layouts: nothing.
  for (const text of [
    '（县公安局、县民政局配合）',
    '责任单位：县公安局、县民政局、县妇联',
    '牵头单位：县公安局；配合单位：县民政局',
    '成员单位由县委宣传部、县公安局等部门组成，县公安局为联席会议牵头单位，办公室设在县公安局刑事侦查大队，负责日常工作。',
    '办公室成员由领导小组成员单位有关司局负责同志担任。',
    '（卫生部门、文化部门配合）',
  ]) {
    assert.deepEqual(lint(text, '2026-12-02').filter((f) => f.code === 'unknown-agency'), [], text);
  }
});
