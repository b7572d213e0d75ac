// The unknown-agency scan with its fast paths (items known without trimItem, lines without a clause or a label
// skipped) gives exactly the result of the scan before them (unknownsOracle.ts), on generated lines with names,
// misspellings, brackets, lists, lead-in and role words, whitespace and non-BMP characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createAgencyKnowledgeBase } from '../../../server/src/core/agency';
import type { UnknownsHost } from '../../../server/src/core/agency/host';
import { isSpaceCode } from '../../../server/src/core/agency/unknowns';
import { diskDataSource, loadEngines } from '../../../server/src/node/data';
import { findUnknownsOracle } from './unknownsOracle';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = 20261202;

const fragments = [
  '市公安局',
  '县公安局',
  '市公按局',
  '县名政局',
  '市民政局',
  '长治市',
  '长治市反诈中心',
  '县供销社',
  '教肓局',
  '县工会',
  '公安部',
  '公按部',
  '民政部部',
  '人力资源和社保部',
  '卫生部',
  '衛生部',
  '卫生部门',
  '国家卫生计生委',
  '县委宣传部',
  '团县委',
  '全国妇联',
  '市妇联',
  '和平区公安局',
  '各县（市、区）人民政府',
  '乡镇人民政府',
  '县',
  '市',
  '局',
  '委',
  '办',
  '中心',
  '、',
  '，',
  ',',
  '；',
  '。',
  '：',
  '（',
  '）',
  '(',
  ')',
  '“',
  '”',
  ' ',
  '\u3000',
  '\n',
  '负责',
  '牵头',
  '配合',
  '参与',
  '协助',
  '组成',
  '共同',
  '由',
  '和',
  '会同',
  '以及',
  '要',
  '等',
  '等部门',
  '等单位',
  '等部门组成',
  '责任单位：',
  '牵头单位：',
  '配合单位',
  '成员单位包括',
  '设在',
  '同志',
  '加强宣传',
  '按职责分工',
  '𠮷',
  '\uD842',
  '\uDFB7',
];
const textArb = fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((a) => a.join(''));

/** Lines shaped like real ones: clauses, labelled lists and enumerations of (mis)spelt names in prose. */
const names = [
  '市公安局',
  '市公按局',
  '县名政局',
  '县民政局',
  '长治市反诈中心',
  '县供销社',
  '教肓局',
  '县工会',
  '公安部',
  '公按部',
  '卫生部',
  '衛生部',
  '国家卫生计生委',
  '团县委',
  '市妇联',
  '和平区公安局',
  '各县（市、区）人民政府',
  '乡镇',
  '市 公安局',
  '县𠮷祥局',
  '县科协',
];
const space = fc.constantFrom('', '', '', ' ', '\u3000');
const itemArb = fc
  .tuple(
    fc.constantFrom('', '', '', '由', '和', '会同', '以及'),
    space,
    fc.constantFrom(...names),
    space,
    fc.constantFrom('', '', '', '负责', '配合', '要', '等部门', '等'),
  )
  .map((a) => a.join(''));
const itemsArb = (seps: string[]) =>
  fc.tuple(fc.array(itemArb, { minLength: 1, maxLength: 6 }), fc.constantFrom(...seps)).map(([a, sep]) => a.join(sep));
const partArb = fc.oneof(
  fc
    .tuple(itemsArb(['、', '，', '；']), fc.constantFrom('负责', '牵头', '配合', '参与', '协助', '组成', ''))
    .map(([a, r]) => `（${a}${r}）`),
  fc.tuple(fc.constantFrom('责任单位：', '牵头部门:', '成员单位包括'), itemsArb(['、', '，'])).map(([l, a]) => l + a),
  fc.tuple(itemsArb(['、', '，', ',']), fc.constantFrom('等部门组成', '', '要加强协作')).map(([a, t]) => a + t),
  fc.constantFrom('加强宣传', '按职责分工负责', '办公室设在县公安局', '𠮷'),
);
const lineArb = fc
  .array(fc.tuple(partArb, fc.constantFrom('。', '，', '', '；', '\n')), { maxLength: 6 })
  .map((a) => a.flat().join(''));
const dateArb = fc.constantFrom('2012-06-01', '2015-06-01', '2021-04-09', '2026-11-23');
const localityArb = fc.constantFrom('', '长治市', '尤溪县', '山西省');

function same(kb: ReturnType<typeof loadEngines>['agencies'], text: string, date: string, locality: string): void {
  const expected = findUnknownsOracle(kb as unknown as UnknownsHost, text, kb.scan(text, date, { locality }), date);
  assert.deepEqual(kb.unknowns(text, date, { locality }), expected, JSON.stringify(text));
}

test('unknowns with fast paths = the scan before them (generated lines)', () => {
  const kb = loadEngines().agencies;
  fc.assert(
    fc.property(textArb, dateArb, localityArb, (text, date, locality) => same(kb, text, date, locality)),
    { numRuns: RUNS, seed: SEED },
  );
  fc.assert(
    fc.property(lineArb, dateArb, localityArb, (text, date, locality) => same(kb, text, date, locality)),
    { numRuns: RUNS, seed: SEED },
  );
});

test('unknowns with fast paths = the scan before them (custom names holding role, lead-in and tail words)', () => {
  const kb = createAgencyKnowledgeBase(diskDataSource());
  const custom = [
    ['custom-u1', '县民政局等组织协会'],
    ['custom-u2', '县共同富裕办公室'],
    ['custom-u3', '由县协调办'],
    ['custom-u4', '县联防联控组成'],
    ['custom-u5', '市负责中心'],
    ['custom-u6', '县民政局组成'],
  ];
  assert.deepEqual(
    kb.addCustom({ agencies: custom.map(([id, fullName]) => ({ id, fullName, kind: 'other' })) }, 'custom.json'),
    [],
  );
  const names = custom.map(([, n]) => n);
  const arb = fc
    .array(fc.constantFrom(...fragments, ...names, '等部门组成', '等有关'), { maxLength: 30 })
    .map((a) => a.join(''));
  fc.assert(
    fc.property(arb, dateArb, (text, date) => same(kb, text, date, '')),
    { numRuns: RUNS, seed: SEED },
  );
  // A name holding 等组 (a list tail): trimItem cuts it there, so the item is not known and its rest is reported.
  const tail = '（县公安局负责，县民政局等组织协会配合）';
  assert.equal(kb.scan(tail, '2026-11-23').length, 2);
  assert.equal(kb.unknowns(tail, '2026-11-23').length, 1);
  same(kb, tail, '2026-11-23', '');
  // A name ending in a role verb: trimItem cuts it off, so the item is not known.
  const role = '县公安局、县民政局组成、县教育局。';
  assert.equal(kb.scan(role, '2026-11-23').length, 3);
  same(kb, role, '2026-11-23', '');
  same(kb, '（县公安局负责，县民政局组成配合）', '2026-11-23', '');
  same(kb, '县反诈中心、县公安局县民政局组成、县教育局。', '2026-11-23', '');
  same(kb, '县公安局、县卫健局、县民政局等组织协会。', '2026-11-23', '');
});

test('unknowns with fast paths = the scan before them (examples)', () => {
  const kb = loadEngines().agencies;
  for (const text of [
    '（人力资源和社保部负责，公按部、民政部部配合）',
    '联席会议由市公安局、市民政局、市教育局、长治市反诈中心、市公按局等部门组成。',
    '由县发改局、教肓局、公安局、县工会、县供销社等部门组成。',
    '（市公安局负责，和平区公安局、市民政局、和市妇联配合）',
    '责任单位：县卫生局、县公按局、县名政局',
    '（ 县公安局 负责， 县民政局 配合）',
    '市公安局、 市民政局 、市教育局、市公按局。',
    '（、，负责）',
    '（县公按局、县名政局配合）',
    // 协 is no agency-shaped end: trimItem does not cut 要加强 off, the item is not known (and the list is no enumeration).
    '县科协要加强、县反诈中心、县公安局。',
    // Two list tails: trimItem cuts at the first.
    '（县公按局等部门和县公安局等单位配合）',
    '牵头部门：县公按局、县名政局',
    // Items that are a name and role verbs (known without trimItem), with 等 before, inside or after them on the line.
    '县公安局牵头负责、县民政局配合参与、县公按局、县教育局负。',
    '县公安局等、县民政局负责、县公按局、县名政局。',
    '（县公安局负责，县民政局、县教育局配合）县公按局等部门',
    '　县公安局、 县民政局负责、县名政局配合 、县教育局。',
    // Agency-shaped items (and prose) around the known ones.
    '做好宣传、县公按局、县公安局、县民政局、县名政局局、开展工作。',
    '加强宣传教育，县公安局、县民政局、县教育局等部门按职责分工负责',
    '县反诈中心要加强、县公安局、县民政局、县名政局办公室设在县公安局。',
  ])
    same(kb, text, '2026-11-23', '');
});

test('the whitespace table is /\\s/ on every UTF-16 code unit', () => {
  for (let c = 0; c < 0x10000; c++) assert.equal(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), c.toString(16));
});
