// The plan catalog: the one declaration of plan metadata and the status-on-a-date rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PLAN_CATALOG,
  PLAN_IDS,
  planByDocNumber,
  planByYears,
  planInForceOn,
  planStatusOn,
  planStatusSentence,
  plansInCorpus,
} from '../../../server/src/core/catalog/plans';

test('the three plans, oldest first, linked by predecessor and successor', () => {
  assert.deepEqual(PLAN_IDS, ['2008-2012', '2013-2020', '2021-2030']);
  assert.equal(PLAN_CATALOG['2008-2012'].successor, '2013-2020');
  assert.equal(PLAN_CATALOG['2013-2020'].successor, '2021-2030');
  assert.equal(PLAN_CATALOG['2021-2030'].successor, undefined);
  for (const id of PLAN_IDS) {
    const p = PLAN_CATALOG[id];
    if (p.successor) assert.equal(PLAN_CATALOG[p.successor].predecessor, id);
    assert.ok(p.sources.length > 0, `${id} has a source`);
  }
  assert.deepEqual(plansInCorpus(), ['2021-2030', '2013-2020']);
  assert.match(PLAN_CATALOG['2008-2012'].unverified ?? '', /gov\.cn/);
});

test('lookups by years and by document number', () => {
  assert.equal(planByYears(2008, 2012), '2008-2012');
  assert.equal(planByYears(2021, 2023), undefined);
  assert.equal(planByDocNumber(2007, 69), '2008-2012');
  assert.equal(planByDocNumber(2013, 19), '2013-2020');
  assert.equal(planByDocNumber(2021, 13), '2021-2030');
  assert.equal(planByDocNumber(2021, 14), undefined);
});

test('status rule: in force from the issue date until the successor is issued', () => {
  const cases: Array<[string, string, string]> = [
    ['2008-2012', '2007-12-12', 'not-issued'],
    ['2008-2012', '2007-12-13', 'in-force'],
    ['2008-2012', '2008-05-04', 'in-force'],
    ['2008-2012', '2012-12-31', 'in-force'],
    ['2008-2012', '2013-03-01', 'in-force'],
    ['2008-2012', '2013-03-02', 'superseded'],
    ['2013-2020', '2013-03-01', 'not-issued'],
    ['2013-2020', '2013-11-06', 'in-force'],
    ['2013-2020', '2020-12-31', 'in-force'],
    // The term ended with 2020, but the plan was replaced only by 国办发〔2021〕13号 of 2021-04-09.
    ['2013-2020', '2021-04-08', 'in-force'],
    ['2013-2020', '2021-04-09', 'superseded'],
    ['2013-2020', '2026-12-02', 'superseded'],
    ['2021-2030', '2021-04-08', 'not-issued'],
    ['2021-2030', '2021-04-09', 'in-force'],
    ['2021-2030', '2031-01-01', 'in-force'],
  ];
  for (const [id, date, state] of cases) assert.equal(planStatusOn(id as never, date).state, state, `${id} ${date}`);
  assert.deepEqual(planStatusOn('2013-2020', '2026-12-02'), {
    state: 'superseded',
    date: '2026-12-02',
    successor: '2021-2030',
    since: '2021-04-09',
  });
  assert.equal(planInForceOn('2007-01-01'), undefined);
  assert.equal(planInForceOn('2009-05-26'), '2008-2012');
  assert.equal(planInForceOn('2013-11-06'), '2013-2020');
  assert.equal(planInForceOn('2026-12-02'), '2021-2030');
});

test('status sentences name the reference date, and the successor of a superseded plan', () => {
  assert.equal(
    planStatusSentence('2013-2020', '2013-11-06', 'zh'),
    '现行有效（参照日期 2013-11-06；2013年3月2日印发）',
  );
  assert.equal(
    planStatusSentence('2013-2020', '2026-12-02', 'zh'),
    '已被取代（参照日期 2026-12-02）：2021年4月9日起由《行动计划（2021—2030年）》（国办发〔2021〕13号）接续',
  );
  assert.match(planStatusSentence('2021-2030', '2020-01-01', 'en'), /^not yet issued/);
});
