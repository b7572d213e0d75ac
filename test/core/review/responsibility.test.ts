// responsibility-mismatch and the local translation of a cited measure's clause (hover), on the real plans and the
// real agency knowledge base.
import { messageOf } from '../../../server/src/core/catalog/rules';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/core/analysis';
import { InMemoryDocument } from '../../../server/src/core/document';
import { dataDir, diskDataSource, loadEngines } from '../../../server/src/node/data';
import { createEngines } from '../../../server/src/core/engines';
import type { AgencyKnowledgeBase } from '../../../server/src/core/agency/api';
import { generateDocument } from '../../../bench/generate';
import { getHover } from '../../../server/src/core/features/hover';
import {
  localClauses,
  localWord,
  responsibilityMismatches,
  translateClause,
} from '../../../server/src/core/review/responsibility';
import { DEFAULT_SETTINGS, type PlanId } from '../../../server/src/core/types';

const engines = loadEngines();
const TODAY = '2026-12-02';
const C21 = '《行动计划（2021—2030年）》';
const C13 = '《中国反对拐卖人口行动计划（2013—2020年）》';

function check(line: string, locality: string | undefined, date = TODAY, plan: PlanId = '2021-2030') {
  const citations = engines.findCitations(line, engines.plans, { defaultPlan: plan });
  return responsibilityMismatches(line, citations, {
    plans: engines.plans,
    agencies: engines.agencies,
    referenceDate: date,
    locality,
  });
}

describe('local clauses', () => {
  test('lead and cooperating items with their spans; 由…牵头, 等部门, halfwidth brackets', () => {
    const line = '做好工作。(由县民政局、县公安局牵头，县妇联等部门配合)';
    const [c] = localClauses(line);
    assert.deepEqual(
      c.lead.map((x) => [x.text, line.slice(x.start, x.end)]),
      [
        ['县民政局', '县民政局'],
        ['县公安局', '县公安局'],
      ],
    );
    assert.deepEqual(
      c.cooperating.map((x) => line.slice(x.start, x.end)),
      ['县妇联'],
    );
    assert.equal(line.slice(c.start, c.end), '(由县民政局、县公安局牵头，县妇联等部门配合)');
  });
  test('a parenthesis that is not a clause is ignored', () => {
    assert.deepEqual(localClauses('（以下简称《行动计划》）（县公安局负责的案件除外）（2025年）'), []);
  });
});

describe('responsibility-mismatch', () => {
  const marriage = `按照${C21}二（一）2（3）第1项的要求，规范婚姻登记管理。`; // 民政部负责，公安部、全国妇联配合

  test('the local lead is not the counterpart of the national lead', () => {
    const line = `${marriage}（县公安局负责，县民政局配合）`;
    const f = check(line, '尤溪县');
    assert.equal(f.length, 1);
    assert.equal(f[0].code, 'responsibility-mismatch');
    assert.equal(f[0].severity, 'information');
    assert.equal(line.slice(f[0].start, f[0].end), '（县公安局负责，县民政局配合）');
    assert.deepEqual(f[0].data, {
      national: { lead: ['民政部'], cooperating: ['公安部', '全国妇联'] },
      expected: ['尤溪县民政局'],
      citation: `${C21}二（一）2（3）第1项`,
    });
    assert.equal(
      messageOf(f[0], 'zh'),
      `核对职责分工：所引${C21}二（一）2（3）第1项的职责分工为“民政部负责，公安部、全国妇联配合”，本县对应：尤溪县民政局负责，尤溪县公安局、尤溪县妇联配合；本条款的牵头单位不含尤溪县民政局`,
    );
    assert.match(messageOf(f[0], 'en'), /The local lead units do not include 尤溪县民政局/);
    assert.deepEqual(f[0].fixes, []);
  });

  test('the counterpart as lead, in any local form, is not reported', () => {
    assert.deepEqual(check(`${marriage}（县民政局负责，县公安局配合）`, '尤溪县'), []);
    assert.deepEqual(check(`${marriage}（尤溪县民政局负责）`, '尤溪县'), []);
    // Without a locality the place written in the clause is used.
    assert.deepEqual(check(`${marriage}（县民政局负责）`, undefined), []);
    assert.equal(check(`${marriage}（县公安局负责）`, undefined).length, 1);
  });

  test('a national lead missing from the local clause entirely', () => {
    // 二（一）2（1）: 中央政法委、公安部负责.
    const line = `落实${C21}二（一）2（1）。（县公安局负责，县民政局配合）`;
    const f = check(line, '尤溪县');
    assert.equal(f.length, 1);
    assert.deepEqual((f[0].data as { expected: string[] }).expected, ['尤溪县委政法委', '尤溪县公安局']);
    assert.match(messageOf(f[0], 'zh'), /未列出尤溪县委政法委$/);
    assert.deepEqual(check(`落实${C21}二（一）2（1）。（县公安局负责，县委政法委配合）`, '尤溪县'), []);
  });

  test('through reforms on the reference date: 国务院扶贫办 in a 2013 plan → today 农业农村局', () => {
    // 2013—2020 二（一）2（2）第5项: 扶贫办负责.
    const cite = `落实${C13}二（一）2（2）第5项。`;
    const f = check(`${cite}（县公安局负责，县发改局配合）`, '尤溪县');
    assert.equal(f.length, 1);
    assert.deepEqual((f[0].data as { expected: string[] }).expected, ['尤溪县农业农村局']);
    assert.deepEqual(check(`${cite}（县农业农村局负责，县发改局配合）`, '尤溪县'), []);
    // An outdated local name stands for its successor (outdated-agency reports the name itself).
    assert.deepEqual(check(`${cite}（县扶贫办负责）`, '尤溪县'), []);
    // In 2015 the counterpart was the county 扶贫办.
    const old = check(`${cite}（县公安局负责）`, '尤溪县', '2015-06-01');
    assert.deepEqual((old[0].data as { expected: string[] }).expected, ['尤溪县扶贫办']);
    assert.deepEqual(check(`${cite}（县扶贫办负责）`, '尤溪县', '2015-06-01'), []);
  });

  test('卫生部 (2013 plan) → 卫生健康局 today, whichever local form is written', () => {
    const cite = `落实${C13}二（一）2（3）第3项。`; // 卫生部负责，公安部配合
    assert.deepEqual(check(`${cite}（县卫健委负责，县公安局配合）`, '尤溪县'), []);
    assert.deepEqual(check(`${cite}（县卫生健康局负责，县公安局配合）`, '尤溪县'), []);
    assert.equal(check(`${cite}（县公安局负责）`, '尤溪县').length, 1);
  });

  test('unsure → nothing: unrecognised items, no citation before the clause, several clauses cited, sections', () => {
    const cite = `落实${C13}二（一）2（3）第3项。`;
    assert.deepEqual(check(`${cite}（县综治中心负责，县公安局配合）`, '尤溪县'), []);
    assert.deepEqual(check('规范婚姻登记管理。（县公安局负责）', '尤溪县'), []);
    assert.deepEqual(check(`落实${C21}二（一）2（3）第1项和${C21}二（一）2（1）。（县公安局负责）`, '尤溪县'), []);
    assert.deepEqual(check(`落实${C21}二（一）。（县公安局负责）`, '尤溪县'), []);
    // The clause answers the citation right before it, not one before an earlier clause.
    assert.deepEqual(check(`${marriage}（县民政局负责）加强宣传。（县公安局负责）`, '尤溪县'), []);
  });

  test('through analyzeText: locality from the title, rule setting, no fix', () => {
    const text = `# 尤溪县贯彻落实《中国反对拐卖人口行动计划（2021—2030年）》实施方案\n\n${marriage}（县公安局负责）\n`;
    const f = analyzeText(text, DEFAULT_SETTINGS, engines, { today: TODAY }).findings.filter(
      (x) => x.code === 'responsibility-mismatch',
    );
    assert.equal(f.length, 1);
    assert.deepEqual((f[0].data as { expected: string[] }).expected, ['尤溪县民政局']);
    const withSetting = analyzeText(text, { ...DEFAULT_SETTINGS, locality: '长治市' }, engines, {
      today: TODAY,
    }).findings;
    assert.deepEqual(
      (withSetting.find((x) => x.code === 'responsibility-mismatch')!.data as { expected: string[] }).expected,
      ['长治市民政局'],
    );
    const off = analyzeText(text, { ...DEFAULT_SETTINGS, rules: { 'responsibility-mismatch': 'off' } }, engines, {
      today: TODAY,
    });
    assert.equal(off.findings.filter((x) => x.code === 'responsibility-mismatch').length, 0);
  });
});

describe('local translation (hover)', () => {
  test('localWord', () => {
    assert.equal(localWord('尤溪县'), '本县');
    assert.equal(localWord('长治市'), '本市');
    assert.equal(localWord('山西省'), '本省');
    assert.equal(localWord('新疆维吾尔自治区'), '本区');
    assert.equal(localWord(undefined), '本地');
  });

  test('translateClause keeps order, drops duplicates, lists what has no counterpart', () => {
    const tr = translateClause(
      engines.agencies,
      { lead: ['民政部'], cooperating: ['中央政法委', '公安部'] },
      '县',
      TODAY,
    );
    assert.deepEqual(tr, { lead: ['县民政局'], cooperating: ['县委政法委', '县公安局'], untranslated: [] });
    const none = translateClause(
      engines.agencies,
      { lead: ['国务院反拐部际联席会议各成员单位'], cooperating: [] },
      '县',
      TODAY,
    );
    assert.deepEqual(none.lead, []);
    assert.deepEqual(none.untranslated, ['国务院反拐部际联席会议各成员单位']);
  });

  test('hover on a citation shows the national units translated to the document’s level and place', () => {
    const text = `# 尤溪县贯彻落实《中国反对拐卖人口行动计划（2021—2030年）》实施方案\n\n按照${C21}二（一）2（3）第1项的要求。\n`;
    const doc = new InMemoryDocument('file:///x.md', text);
    const offset = text.indexOf('二（一）2（3）第1项') + 2;
    const ctx = { engines, settings: DEFAULT_SETTINGS, referenceDate: TODAY, locality: '尤溪县' };
    const h = getHover(doc, offset, ctx, () => 'link');
    assert.ok(h);
    assert.ok(
      h.markdown.includes('**本县对应：** 尤溪县民政局负责，尤溪县公安局、尤溪县妇联配合（尤溪县，2026-12-02）'),
      h.markdown,
    );
    // An English reader gets it in English only.
    const en = getHover(doc, offset, { ...ctx, lang: 'en' as const }, () => 'link');
    assert.ok(
      en?.markdown.includes(
        '**Local counterparts:** 尤溪县民政局负责，尤溪县公安局、尤溪县妇联配合 (尤溪县, 2026-12-02)',
      ),
      en?.markdown,
    );
    assert.ok(!en?.markdown.includes('对应：'), en?.markdown);
    // Without a locality there is no local line.
    const plain = getHover(doc, offset, { ...ctx, locality: undefined }, () => 'link');
    assert.ok(plain && !plain.markdown.includes('本县对应'));
  });
});

describe('responsibility-mismatch memo (clause bodies and national sides kept by the knowledge base)', () => {
  /** The same knowledge base without `memo`: every clause resolved afresh, the way the check worked before. */
  function withoutMemo(kb: AgencyKnowledgeBase): AgencyKnowledgeBase {
    return new Proxy(kb, {
      get(target, key) {
        if (key === 'memo') return undefined;
        const v = Reflect.get(target, key, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }

  test('generated documents at several dates and places: the same findings with and without the memo', () => {
    const fresh = createEngines(diskDataSource(dataDir()), { plans: engines.plans });
    const plain = withoutMemo(fresh.agencies);
    let findings = 0;
    for (const [seed, format] of [
      [3, 'markdown'],
      [11, 'plaintext'],
    ] as const) {
      const lines = generateDocument({ seed, bytes: 60_000, format }).split('\n');
      for (const [date, locality] of [
        ['2025-06-30', undefined],
        ['2025-06-30', '尤溪县'],
        ['2017-01-01', '长治市'],
        ['2025-06-30', '长治市'],
      ] as const) {
        for (const line of lines) {
          const citations = engines.findCitations(line, engines.plans, {
            defaultPlan: '2021-2030',
            referenceDate: date,
          });
          const ctx = { plans: engines.plans, referenceDate: date, locality };
          const want = responsibilityMismatches(line, citations, { ...ctx, agencies: plain });
          // Twice: the first call fills the memo, the second reads it.
          assert.deepEqual(responsibilityMismatches(line, citations, { ...ctx, agencies: fresh.agencies }), want, line);
          assert.deepEqual(responsibilityMismatches(line, citations, { ...ctx, agencies: fresh.agencies }), want, line);
          findings += want.length;
        }
      }
    }
    assert.ok(findings > 50, `${findings} findings compared`);
  });

  test('a custom agency file empties the memo: a clause unsure before is judged after', () => {
    const fresh = createEngines(diskDataSource(dataDir()), { plans: engines.plans });
    const line = `按照${C21}二（一）2（3）第1项的要求，规范婚姻登记管理。（县反拐协调中心负责，县民政局配合）`;
    const run = () =>
      responsibilityMismatches(line, engines.findCitations(line, engines.plans, { defaultPlan: '2021-2030' }), {
        plans: engines.plans,
        agencies: fresh.agencies,
        referenceDate: TODAY,
        locality: '尤溪县',
      });
    // 县反拐协调中心 is no known body: unsure, nothing said (and remembered).
    assert.deepEqual(run(), []);
    assert.deepEqual(run(), []);
    assert.deepEqual(
      fresh.agencies.addCustom(
        { agencies: [{ id: 'custom-fanguai', fullName: '县反拐协调中心', kind: 'other' }] },
        'a.json',
      ),
      [],
    );
    const after = run();
    assert.equal(after.length, 1);
    assert.deepEqual(after[0].data, {
      national: { lead: ['民政部'], cooperating: ['公安部', '全国妇联'] },
      expected: ['尤溪县民政局'],
      citation: `${C21}二（一）2（3）第1项`,
    });
  });
});
