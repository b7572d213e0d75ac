// Completion (characters, pinyin, initials), localisation, loader speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAgencyKnowledgeBase } from '../../../server/src/core/agency';
import { diskDataSource, loadEngines } from '../../../server/src/node/data';

const kb = loadEngines().agencies;
const labels = (q: string, o: { locality?: string; referenceDate?: string } = {}) =>
  kb
    .complete(q, { referenceDate: o.referenceDate ?? '2026-11-23', locality: o.locality, limit: 5 })
    .map((c) => c.label);

test('completion by initials and full pinyin finds 公安部', () => {
  const gab = kb.complete('gab', { referenceDate: '2026-11-23' });
  assert.deepEqual(gab[0], {
    label: '公安部',
    fullName: '中华人民共和国公安部',
    kind: 'ministry',
    pinyin: 'gonganbu',
    initials: 'gab',
    score: 0.921,
  });
  assert.equal(labels('gonganbu')[0], '公安部');
  assert.equal(labels('公安')[0], '公安部');
});

test('completion after a level prefix gives local forms: 省公 → 省公安厅', () => {
  assert.equal(labels('省公')[0], '省公安厅');
  assert.equal(labels('长治市公')[0], '长治市公安局');
  assert.deepEqual(labels('县卫').slice(0, 2), ['县卫健局', '县卫生健康局']);
  assert.ok(labels('公安', { locality: '长治市' }).includes('长治市公安局'));
});

test('completion offers current names only', () => {
  assert.ok(!labels('卫生部').includes('卫生部'));
  assert.ok(labels('卫生部').includes('国家卫生健康委'), labels('卫生部').join());
  assert.ok(!labels('weisheng').includes('卫生部'));
  assert.equal(labels('国家乡村振兴局', { referenceDate: '2022-01-01' })[0], '国家乡村振兴局');
  assert.ok(!labels('国家乡村振兴局').includes('国家乡村振兴局'));
});

test('localize central names to a place', () => {
  const cases: Array<[string, string, string]> = [
    ['公安部', '长治市', '长治市公安局'],
    ['公安部', '市', '市公安局'],
    ['公安部', '山西省', '山西省公安厅'],
    ['公安部', '北京市', '北京市公安局'],
    ['中央宣传部', '长治市', '长治市委宣传部'],
    ['中央政法委', '县', '县委政法委'],
    ['全国妇联', '长治市', '长治市妇联'],
    ['共青团中央', '长治市', '团长治市委'],
    ['共青团中央', '县', '团县委'],
    ['最高人民法院', '长治市', '长治市中级人民法院'],
    ['最高人民法院', '山西省', '山西省高级人民法院'],
    ['最高人民法院', '尤溪县', '尤溪县人民法院'],
    ['最高人民检察院', '长治市', '长治市人民检察院'],
    ['国家卫生健康委', '尤溪县', '尤溪县卫生健康局'],
    ['国务院妇儿工委办公室', '长治市', '长治市妇儿工委办公室'],
    ['市场监管总局', '尤溪县', '尤溪县市场监督管理局'],
  ];
  for (const [c, l, expected] of cases) assert.equal(kb.localize(c, l), expected, `${c} @ ${l}`);
  assert.equal(kb.localize('公安部', '不存在的地方'), undefined);
  assert.equal(kb.localize('不存在的部', '长治市'), undefined);
});

test('measuresOf lists plan measures a body leads or cooperates in', () => {
  const m = kb.measuresOf('nhc');
  assert.ok(m.lead.includes('《行动计划（2021—2030年）》二（三）2（7）'), m.lead.join());
  assert.ok(kb.measuresOf('mps').lead.length > 50);
  assert.ok(kb.measuresOf('moh').cooperating.includes('《行动计划（2013—2020年）》二（一）2（1）'));
  assert.deepEqual(kb.measuresOf('nonexistent'), { lead: [], cooperating: [] });
});

test('loading the knowledge base is fast (CPU time, robust against a busy machine)', () => {
  createAgencyKnowledgeBase(diskDataSource()); // warm the file cache and JIT
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c0 = cpu();
  const k = createAgencyKnowledgeBase(diskDataSource());
  const c1 = cpu();
  assert.ok(k.lookup('公安部', '2026-11-23'));
  // Target 50 ms on an idle machine; CPU time also counts the GC and compiler threads, hence the margin.
  assert.ok(c1 - c0 < 150, `load took ${(c1 - c0).toFixed(1)} ms CPU`);
});
