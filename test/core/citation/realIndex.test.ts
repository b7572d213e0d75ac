// The citation engine against the real plan index (data/index/plans.json, data/plans/*.txt).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findCitations, parseCitation } from '../../../server/src/core/citation/index';
import { sharedPlanIndex } from '../../../server/src/node/data';
import { plansInCorpus } from '../../../server/src/core/catalog/plans';

/** The plans whose text is in the corpus (the 2008—2012 plan is known by metadata only). */
const PLAN_IDS = plansInCorpus();

const index = sharedPlanIndex();
const D21 = { defaultPlan: '2021-2030' as const, referenceDate: '2026-12-02' };
const PATH_KINDS = new Set(['part', 'section', 'group', 'measure', 'item']);

/** Deformations a drafter might type: halfwidth brackets, spaces, the full title with a hyphen. */
function variants(plan: string, path: string): string[] {
  const half = path.replace(/（/g, '(').replace(/）/g, ')');
  const spaced = path.replace(/（/g, ' （').replace(/第/g, ' 第');
  const [a, b] = plan.split('-');
  return [
    `《行动计划（${a}—${b}年）》${half}`,
    `《行动计划（${a}—${b}年）》 ${spaced}`,
    `《中国反对拐卖人口行动计划(${a}-${b}年)》${path}`,
    `《反对拐卖人口行动计划（${a}~${b}年）》第${half}`,
  ];
}

describe('every node of both plans', () => {
  for (const plan of PLAN_IDS) {
    test(`${plan}: node.citation is canonical and resolves to the node`, () => {
      let n = 0;
      for (const node of index.nodes(plan)) {
        if (!PATH_KINDS.has(node.kind)) continue;
        n++;
        const cs = findCitations(node.citation, index, D21);
        assert.equal(cs.length, 1, node.citation);
        assert.equal(cs[0].canonical, node.citation);
        assert.equal(cs[0].isCanonical, true, node.citation);
        assert.equal(cs[0].node, node);
        assert.equal(cs[0].path, node.path);
        assert.equal(cs[0].plan, plan);
        const p = parseCitation(`${plan} ${node.path}`, index, D21);
        assert.equal(p?.node, node, node.path);
      }
      assert.ok(n > 50, `only ${n} nodes`);
    });
    test(`${plan}: deformed citations resolve to the same node, with a citation-format replacement`, () => {
      for (const node of index.nodes(plan)) {
        if (!PATH_KINDS.has(node.kind) || node.kind === 'part') continue;
        for (const v of variants(plan, node.path)) {
          const cs = findCitations(v, index, D21);
          assert.equal(cs.length, 1, v);
          assert.equal(cs[0].node, node, v);
          assert.equal(cs[0].isCanonical, false, v);
          assert.equal(cs[0].end, v.length, v);
          const fixed = findCitations(cs[0].replacement!, index, D21);
          assert.equal(fixed[0].isCanonical, true, cs[0].replacement);
          assert.equal(fixed[0].node, node);
        }
      }
    });
  }
});

describe('real nodes', () => {
  test('《行动计划》二（一）2（3）第2项 by default and by context', () => {
    const [a] = findCitations('《行动计划》二（一）2（3）第2项', index, D21);
    assert.equal(a.node?.path, '二（一）2（3）第2项');
    assert.equal(a.node?.plan, '2021-2030');
    const cs = findCitations(
      '《中国反对拐卖人口行动计划（2013—2020年）》……《行动计划》二（一）2（2）第1项',
      index,
      D21,
    );
    assert.equal(cs[1].plan, '2013-2020');
    assert.equal(cs[1].node?.path, '二（一）2（2）第1项');
    assert.equal(cs[1].plan, '2013-2020');
    assert.equal(cs[1].node?.successor?.citation, '《行动计划（2021—2030年）》二（一）2（2）第1项');
  });
  test('paths that do not exist in the real plans', () => {
    for (const s of [
      '《行动计划》二（七）',
      '《行动计划》三（四）',
      '《行动计划》二（一）2（30）',
      '《行动计划》二（一）3',
      '《行动计划》四（一）',
    ]) {
      const cs = findCitations(s, index, D21);
      assert.equal(cs.length, 1, s);
      assert.equal(cs[0].kind, 'path', s);
      assert.equal(cs[0].node, undefined, s);
    }
  });
  test('title and document number resolve to the root and the notice', () => {
    const cs = findCitations('《中国反对拐卖人口行动计划（2021—2030年）》（国办发〔2021〕13号）', index, D21);
    assert.equal(cs[0].node, index.get('2021-2030', ''));
    assert.equal(cs[1].node, index.get('2021-2030', '通知'));
    assert.equal(cs[1].node?.kind, 'notice');
  });
  test('the official plan texts cite only themselves, in canonical form', () => {
    for (const plan of PLAN_IDS) {
      const cs = findCitations(index.text(plan), index, {
        defaultPlan: plan === '2021-2030' ? '2013-2020' : '2021-2030',
      });
      assert.ok(cs.length >= 5, plan);
      for (const c of cs) {
        assert.equal(c.plan, plan, c.text);
        assert.equal(c.isCanonical, true, c.text);
        assert.notEqual(c.planSource, 'default', c.text);
      }
      assert.equal(cs[0].form, 'notice');
      assert.equal(cs[1].kind, 'docnumber');
    }
  });
});
