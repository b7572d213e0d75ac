// Shapes found on real documents outside the eval set by the fourth sweep (2026-12-02, /work/sweep4-notes): each case is
// a short synthetic sentence of the same shape, never a document's own text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, fixAll } from './shapes';

test('sweep4: a body the text founds before it existed draws no “not yet established” (组建/新设/设立/成立/筹建 X)', () => {
  // Before: a reform announcement of March 2023 drew “国家数据局在参考日期尚未设立” and, for 国家金融监督管理总局,
  // an automatic fix writing 组建银保监会 / 新设银保监会.
  const at = '2023-03-08';
  for (const text of [
    '方案提出，组建国家数据局，负责协调推进数据基础制度建设。',
    '这次改革新设国家金融监督管理总局、国家数据局两个机构。',
    '拟设立国家数据局，由国家发展改革委管理。',
    '方案提出，組建國家數據局，負責數據基礎制度建設。',
  ]) {
    assert.deepEqual(run(text, at), [], text);
    assert.equal(fixAll(text, at).fixed, text, text);
  }
  // The same body given a duty before it existed is still reported.
  assert.deepEqual(
    run('（国家数据局负责，工业和信息化部配合）', at).map((f) => [f.code, f.text]),
    [['outdated-agency', '国家数据局']],
  );
});

test('sweep4: a body the text names as the base of a new one, or as merged, is meant as former', () => {
  // Before: “…在银保监会基础上组建” drew “银保监会已撤销” with fix-all writing 在金融监管总局基础上组建; “将区卫生局的
  // 职责与区人口和计划生育局的职责整合” and “区卫生局与区人口和计划生育局正式合并” were rewritten at the merger's own date.
  for (const [text, at] of [
    ['新机构在银保监会的基础上组建，统一负责除证券业之外的金融业监管。', '2026-12-02'],
    ['县市场监管局在县工商局基础上组建。', '2026-12-02'],
    ['将县卫生局的职责与县人口和计划生育局的职责整合，组建县卫生和计划生育局。', '2016-01-13'],
    ['标志着县工商局与县质监局正式合并。', '2019-06-01'],
  ]) {
    assert.deepEqual(run(text, at), [], text);
    assert.equal(fixAll(text, at).fixed, text, text);
  }
  // Not every 与 or 的职责 marks a former body.
  assert.deepEqual(
    run('县卫生局的职责与县民政局相同。', '2026-12-02').map((f) => f.text),
    ['县卫生局'],
  );
  assert.deepEqual(
    run('县工商局与县质监局合并办公。', '2026-12-02').map((f) => f.text),
    ['县工商局', '县质监局'],
  );
});

test('sweep4: the issuers of a document cited right after them are quoted as issued (X《…》, X、Y等部门《…》)', () => {
  // Before: “民政部、…、劳动保障部、建设部、卫生部等中央六部门《关于…的指导意见》” drew three warnings whose
  // automatic fixes renamed the issuers of a 2006 document; “食品药品监管总局《…办法》” was “已撤销” in 2018.
  for (const text of [
    '根据财政部、卫生部、劳动保障部等三部门《关于加强某项管理工作的通知》要求，制定本办法。',
    '以食品药品监管总局《某类产品监督管理办法》为依据。',
    '按照国家卫生计生委等14个部门联合印发的《关于某项工作的通知》要求。',
  ]) {
    assert.deepEqual(run(text), [], text);
    assert.equal(fixAll(text).fixed, text, text);
  }
  // A duty given to the same names is still reported.
  assert.deepEqual(
    run('（卫生部负责，劳动保障部配合）').map((f) => f.text),
    ['卫生部', '劳动保障部'],
  );
});

test('sweep4: an item whose last 行 or 局 starts a word of prose with the next character is no unlisted name', () => {
  // Before: after “国家卫生计生委、公安部等14个部门联合发布通知，” the next clause “研究提出了一系列打击防控…行” (cut before
  // 为的措施) was reported as an unlisted body ending in 行 like a bank; so was “加大整治…终止妊娠行” before 为(“两非”行为)力度.
  for (const text of [
    '县公安局、县民政局等部门联合发布通知，研究提出了打击非法中介行为的措施。',
    '县公安局、县民政局等部门联合行动，加大整治违法行为力度。',
    '县公安局、县民政局等部门形成合力，扭转被动局面。',
  ])
    assert.deepEqual(run(text, '2015-01-21'), [], text);
  // A bank or its branch in such a list is still read.
  assert.deepEqual(
    run('（县公安局负责，县某某银行、县某某支行配合）').map((f) => f.text),
    ['县某某银行', '县某某支行'],
  );
});

test('sweep4: X不再保留 / 不再单设, X调整设置为Y and 取代X name X as former (no warning, no fix into the reform sentence)', () => {
  // Before: fix-all wrote “县市场监管局、县市场监管局不再保留” and “县农业农村局不再保留，其职责划入…”; “市金融工作办公室调整设置为
  // 市地方金融监督管理局” drew “可能应为…”; “取代银保监会” became “取代金融监管总局”.
  for (const text of [
    '县工商局、县质监局不再保留。',
    '县扶贫办不再保留，其职责划入县农业农村局。',
    '市金融工作办公室调整设置为市地方金融管理局。',
    '新组建的机构取代银保监会，统一负责金融业监管。',
  ]) {
    assert.deepEqual(run(text), [], text);
    assert.equal(fixAll(text).fixed, text, text);
  }
  // A body merely kept in office (不再 about something else) is still reported.
  assert.deepEqual(
    run('县工商局不再审批此类事项。').map((f) => f.text),
    ['县工商局'],
  );
});

test('sweep4: a name the text keeps as a sign (保留X牌子, 加挂X牌子) is valid there; 不再保留X牌子 is former', () => {
  // Before: “…调整设置为市地方金融监督管理局，保留市金融工作办公室牌子” drew “可能应为…”, and “县农业农村局加挂县扶贫开发办公室
  // 牌子” drew “已撤销” with a fix writing 县农业农村局加挂县农业农村局牌子.
  for (const text of [
    '市政府金融工作局更名为市地方金融管理局，保留市金融工作办公室牌子。',
    '县农业农村局加挂县扶贫开发办公室牌子。',
    '县农业农村局挂县扶贫开发办公室、县移民局的牌子。',
    '县农业农村局不再保留县扶贫开发办公室牌子。',
  ]) {
    assert.deepEqual(run(text), [], text);
    assert.equal(fixAll(text).fixed, text, text);
  }
  // 保留 without a sign is no mark.
  assert.deepEqual(
    run('由县扶贫开发办公室负责。').map((f) => f.text),
    ['县扶贫开发办公室'],
  );
});
