// Names cut by a line break in text wrapped at a fixed width (copied from a PDF, or a hard-wrapped Markdown paragraph):
// the tail at the start of a line is read with the ideographs that end the line before it (analysis.ts wrappedName).
import assert from 'node:assert/strict';
import test from 'node:test';
import { fixAll, run } from './shapes';

test('a line break inside a name in a wrapped list makes no near miss of its tail', () => {
  // Before: 码管理局 → “是否应为密码管理局”, 业和信息化局 → “工业和信息化局”, 育局 → “体育局或教育局” (warnings).
  const text =
    '领导小组成员单位为市委组织部、市委编办、市保密局、市密\n码管理局和市发展改革委、市教育局、市科技局、市工\n' +
    '业和信息化局、市民政局、市财政局、市文化广电旅游体\n育局、市卫生健康委、市应急管理局。';
  for (const nl of ['\n', '\r\n']) {
    const found = run(text.replaceAll('\n', nl)).filter((f) => f.code === 'unknown-agency');
    assert.deepEqual(found, [], JSON.stringify(nl));
  }
  // The same list in one line has nothing unknown either.
  assert.deepEqual(
    run(text.replaceAll('\n', '')).filter((f) => f.code === 'unknown-agency'),
    [],
  );
});

test('a tail that looks outdated is nothing when the whole cut name is current', () => {
  // 县文化广电和旅游局 is today's name; its tail 旅游局 alone reads as the 2018 reform's 旅游局.
  assert.deepEqual(run('本项工作由县委宣传部牵头，县公安局、县文化广电和\n旅游局、县民政局配合。'), []);
});

test('a cut outdated name keeps its warning; its fix is applied only where it gives the whole name’s replacement', () => {
  // 县 / 工商局 → 县 / 市场监管局 is 县市场监管局, the whole name's replacement: applied.
  const a = '本项工作由县委宣传部、县民政局和县\n工商局共同负责，各乡镇配合。';
  assert.deepEqual(
    run(a).map((f) => [f.code, f.severity, f.text]),
    [['outdated-agency', 'warning', '工商局']],
  );
  assert.equal(fixAll(a).fixed, a.replace('工商局', '市场监管局'));
  // 国家 / 安监总局: the tail's replacement 应急管理部 after 国家 would write 国家应急管理部 — offered, not applied.
  const b = '本项工作由公安部、民政部和国家\n安监总局共同负责，各地配合。';
  assert.deepEqual(
    run(b).map((f) => [f.code, f.severity, f.text]),
    [['outdated-agency', 'warning', '安监总局']],
  );
  assert.equal(fixAll(b).fixed, b);
  // Unwrapped, the whole name's automatic fix stays.
  assert.equal(fixAll(b.replace('\n', '')).fixed, b.replace('\n', '').replace('国家安监总局', '应急管理部'));
});

test('a near miss at the start of a line stays when no known name is cut', () => {
  // 会同 / 县公按局: no known name ends with 县公按局 (会同县 is a county, but 会同县公按局 is no body) — a misspelling of
  // 县公安局 is still one.
  const found = run('本项工作由县委宣传部牵头，会同\n县公按局、县民政局、县财政局负责。').filter(
    (f) => f.code === 'unknown-agency',
  );
  assert.deepEqual(
    found.map((f) => [f.severity, f.text]),
    [['warning', '县公按局']],
  );
});

test('the head of a name cut at the end of a line, and a word cut before a name, make no near miss', () => {
  const unknown = (text: string) =>
    run(text)
      .filter((f) => f.code === 'unknown-agency')
      .map((f) => [f.severity, f.text]);
  // Before: “是否应为市行政审批局？市行政审批不在机构名录中”, “是否应为县商务局或县商务委？”.
  assert.deepEqual(unknown('推进政务服务“一网通办”。（牵头单位：市行政审批\n服务局；责任单位：市直有关部门）'), []);
  assert.deepEqual(unknown('社会消费品零售总额增长8%以上。（牵头单位：县商务\n局）'), []);
  assert.deepEqual(unknown('社会消费品零售总额增长8%以上。（牵头单位：县商务\r\n局）'), []);
  // Before: “是否应为教育部？合教育部不在机构名录中” — the break cut 联合 before 教育部.
  assert.deepEqual(unknown('加强困境儿童关爱服务，民政部联\n合教育部、公安部、司法部、财政部开展专项行动。'), []);
  // A misspelling at the end of a line is still one.
  assert.deepEqual(unknown('加强宣传教育。（牵头单位：县委宣传部；配合单位：县民政局、县公按局\n）'), [
    ['warning', '县公按局'],
  ]);
});
