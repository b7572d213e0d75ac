// Citations through time and in the wild (issue 12): the exact texts of the issue, over the real engines.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../../server/src/core/analysis';
import { messageOf } from '../../../server/src/core/catalog/rules';
import { loadEngines } from '../../../server/src/node/data';
import { findCitations } from '../../../server/src/core/citation/index';
import type { Citation } from '../../../server/src/core/citation/api';
import { citationHover } from '../../../server/src/core/features/hover';
import { coverageReport } from '../../../server/src/core/features/coverage';
import { InMemoryDocument } from '../../../server/src/core/document';
import { getHover } from '../../../server/src/core/features/hover';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/core/types';

const engines = loadEngines();
const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });
const TODAY = '2026-12-02';
const cites = (text: string, date = TODAY): Citation[] =>
  findCitations(text, engines.plans, { defaultPlan: '2021-2030', referenceDate: date });
const findings = (text: string, date: string) =>
  analyzeText(text, settings({ referenceDate: date }), engines, { today: TODAY }).findings.map((f) => [
    f.code,
    text.slice(f.start, f.end),
    f.severity,
  ]);
const link = () => 'link';
const ctxOn = (date: string) => ({ engines, settings: settings(), referenceDate: date });

describe('1. plan status on the reference date', () => {
  const text = '为贯彻落实《中国反对拐卖人口行动计划（2013—2020年）》（以下简称《行动计划》），按照《行动计划》要求。';
  test('the 2013—2020 plan in a 2013 document: in force, no superseded-citation', () => {
    assert.deepEqual(findings(text, '2013-11-06'), []);
  });
  test('the same text today: superseded, on every citation, with the date of its successor', () => {
    const f = analyzeText(text, settings({ referenceDate: TODAY }), engines, { today: TODAY }).findings;
    assert.deepEqual(
      f.map((x) => [x.code, text.slice(x.start, x.end)]),
      [
        ['superseded-citation', '《中国反对拐卖人口行动计划（2013—2020年）》'],
        ['superseded-citation', '《行动计划》'],
        ['superseded-citation', '《行动计划》'],
      ],
    );
    assert.equal(
      messageOf(f[0], 'zh'),
      '改引《行动计划（2021—2030年）》：《行动计划（2013—2020年）》在参照日期 2026-12-02 已被取代（2021年4月9日起由《行动计划（2021—2030年）》（国办发〔2021〕13号）接续）',
    );
    // The fix offered cites the plan in force on the reference date.
    assert.deepEqual(f[0].fixes[0].edits[0].newText, '《中国反对拐卖人口行动计划（2021—2030年）》');
  });
  test("the hover says 现行有效 with reference date 2013-11-06, never today's 已失效", () => {
    const [c] = cites(text, '2013-11-06');
    const h = citationHover(c, ctxOn('2013-11-06'), link);
    assert.ok(h.includes('状态：**现行有效**（参照日期 2013-11-06）'), h);
    assert.ok(!h.includes('失效') && !h.includes('期满'), h);
  });
  test('a plan cited before it was issued: information only', () => {
    assert.deepEqual(findings('《行动计划（2021—2030年）》二（一）2（1）', '2015-01-01'), [
      ['unknown-citation', '《行动计划（2021—2030年）》二（一）2（1）', 'information'],
    ]);
  });
});

describe('2. abbreviation definitions （以下简称《X》）', () => {
  const guizhou =
    '根据《国务院办公厅关于印发中国反对拐卖妇女儿童行动计划(2008―2012年)的通知》(国办发〔2007〕69号,以下简称《行动计划》)精神，制定本实施方案。\n' +
    '二、按照《行动计划》要求，落实各项措施。';
  test('《行动计划》 defined as 国办发〔2007〕69号 is the 2008—2012 plan, on later lines too', () => {
    const r = analyzeText(guizhou, settings({ referenceDate: '2008-05-04' }), engines, { today: TODAY });
    assert.deepEqual(
      r.citations.map((c) => [c.text, c.plan, c.planSource]),
      [
        ['《国务院办公厅关于印发中国反对拐卖妇女儿童行动计划(2008―2012年)的通知》', '2008-2012', 'explicit'],
        ['国办发〔2007〕69号', '2008-2012', 'explicit'],
        ['《行动计划》', '2008-2012', 'definition'],
        ['《行动计划》', '2008-2012', 'definition'],
      ],
    );
    // In force on 2008-05-04: nothing but the half-width bracket form of the notice title.
    assert.deepEqual(
      r.findings.map((f) => f.code),
      ['citation-format'],
    );
    // The hover names the 2008—2012 plan and says its text is not in the corpus — not 国办发〔2021〕13号 现行有效.
    const h = citationHover(r.citations[3], ctxOn('2008-05-04'), link);
    assert.ok(h.includes('国办发〔2007〕69号') && h.includes('原文未收录') && !h.includes('国办发〔2021〕13号'), h);
    assert.ok(h.includes('按本文的简称定义'), h);
  });
  test('today the same document cites a superseded plan', () => {
    assert.deepEqual(
      findings(guizhou, TODAY)
        .filter((f) => f[0] === 'superseded-citation')
        .map((f) => f[1]),
      [
        '《国务院办公厅关于印发中国反对拐卖妇女儿童行动计划(2008―2012年)的通知》',
        '国办发〔2007〕69号',
        '《行动计划》',
        '《行动计划》',
      ],
    );
  });
  test('`report` does not count it against the 2021—2030 plan', () => {
    const report = coverageReport([{ uri: 'g.md', text: guizhou + '《行动计划》二（一）' }], engines, {
      defaultPlan: '2021-2030',
      date: TODAY,
    });
    assert.deepEqual(report.documents, [{ uri: 'g.md', citations: 0, invalid: 0 }]);
  });
  test("a city's own plan defined as 《行动计划》 is not a national citation at all, until redefined", () => {
    const text =
      '现将《长治市反对拐卖妇女儿童行动计划（2008—2012年）》（以下简称《行动计划》）印发给你们。\n' +
      '各县要按照《行动计划》二（一）的要求落实。\n' +
      '根据《中国反对拐卖人口行动计划（2013—2020年）》（以下简称《行动计划》），按照《行动计划》二（一）。';
    const r = analyzeText(text, settings({ referenceDate: TODAY }), engines, { today: TODAY });
    assert.deepEqual(
      r.citations.map((c) => [c.text, c.plan, c.planSource]),
      [
        // the national title inside the city's plan title: recognised, a title (no diagnostics), not the definition's object
        ['反对拐卖妇女儿童行动计划（2008—2012年）', '2008-2012', 'explicit'],
        ['《中国反对拐卖人口行动计划（2013—2020年）》', '2013-2020', 'explicit'],
        ['《行动计划》', '2013-2020', 'definition'],
        ['《行动计划》二（一）', '2013-2020', 'definition'],
      ],
    );
    assert.equal(r.citations[0].inTitle, true);
  });
  test('an abbreviation other than 行动计划 is followed too: 《国家行动计划》二（一）', () => {
    const text =
      '根据《中国反对拐卖人口行动计划（2021—2030年）》（以下简称《国家行动计划》），落实《国家行动计划》二（一）2（9）。';
    const cs = cites(text);
    assert.deepEqual(
      cs.map((c) => [c.text, c.plan, c.path, !!c.node]),
      [
        ['《中国反对拐卖人口行动计划（2021—2030年）》', '2021-2030', undefined, true],
        ['《国家行动计划》', '2021-2030', undefined, true],
        ['《国家行动计划》二（一）2（9）', '2021-2030', '二（一）2（9）', false],
      ],
    );
  });
  test("without a definition today's rule stays: the plan named most recently, else the default", () => {
    assert.deepEqual(
      cites('依据《行动计划》二（一）。').map((c) => [c.plan, c.planSource]),
      [['2021-2030', 'default']],
    );
  });
});

describe('3. the 2008—2012 plan, known by its metadata', () => {
  test('title, notice and 文号 resolve to it; paths into it are not checked', () => {
    const text = '根据《中国反对拐卖妇女儿童行动计划（2008—2012年）》二（九）2（40）和国办发〔2007〕69号';
    const cs = cites(text, '2009-01-01');
    assert.deepEqual(
      cs.map((c) => [c.text, c.plan, c.kind, c.unchecked, c.node]),
      [
        ['《中国反对拐卖妇女儿童行动计划（2008—2012年）》二（九）2（40）', '2008-2012', 'path', true, undefined],
        ['国办发〔2007〕69号', '2008-2012', 'docnumber', true, undefined],
      ],
    );
    assert.deepEqual(findings(text, '2009-01-01'), []);
    // 《中国反对拐卖妇女儿童行动计划》 without years can only be this plan.
    assert.equal(cites('《中国反对拐卖妇女儿童行动计划》')[0].plan, '2008-2012');
  });
});

describe('4. traditional characters, full/half-width, 〈〉, spaces and lost dashes', () => {
  test('國辦發〔2013〕19號, 《中國反對拐賣人口行動計劃(2013—2020年)》, 《行動計劃》', () => {
    const text = '國辦發〔2013〕19號\n制定《中國反對拐賣人口行動計劃(2013—2020年)》(以下簡稱《行動計劃》)。';
    const r = analyzeText(text, settings({ referenceDate: TODAY }), engines, { today: TODAY });
    assert.deepEqual(
      r.findings.filter((f) => f.code === 'superseded-citation').map((f) => text.slice(f.start, f.end)),
      ['國辦發〔2013〕19號', '《中國反對拐賣人口行動計劃(2013—2020年)》', '《行動計劃》'],
    );
    // Traditional characters are accepted as written: only the half-width brackets are non-standard.
    assert.deepEqual(
      r.findings.filter((f) => f.code === 'citation-format').map((f) => text.slice(f.start, f.end)),
      ['《中國反對拐賣人口行動計劃(2013—2020年)》'],
    );
    assert.deepEqual(findings(text, '2013-03-02'), [
      ['citation-format', '《中國反對拐賣人口行動計劃(2013—2020年)》', 'information'],
    ]);
  });
  test('〈〉 inside 《》 is part of a title; a notice title with 〈〉 is the notice', () => {
    const cs = cites('根据《国务院办公厅关于印发〈中国反对拐卖人口行动计划(2013—2020年)〉的通知》要求');
    assert.deepEqual(
      cs.map((c) => [c.form, c.plan, !!c.inTitle]),
      [['notice', '2013-2020', false]],
    );
  });
  test('a title that lost its 《》 and its dash in a .docx export: recognised, citation-format repairs it', () => {
    const text = '根据中国反对拐卖人口 行动计划(20212030年)要求';
    const f = analyzeText(text, settings({ referenceDate: TODAY }), engines, { today: TODAY }).findings;
    assert.deepEqual(
      f.map((x) => [x.code, text.slice(x.start, x.end), x.data]),
      [
        [
          'citation-format',
          '中国反对拐卖人口 行动计划(20212030年)',
          { replacement: '中国反对拐卖人口行动计划（2021—2030年）' },
        ],
      ],
    );
    assert.equal(f[0].fixes[0].edits[0].newText, '中国反对拐卖人口行动计划（2021—2030年）');
  });
  test('a title with impossible years is an unknown-citation whose fix is the right title', () => {
    const text = '为贯彻落实《中国反对拐卖人口行动计划(2021—2023年)(国办发〔2021〕13号)》(以下简称《行动计划》)';
    const f = analyzeText(text, settings({ referenceDate: '2023-03-24' }), engines, { today: TODAY }).findings;
    assert.equal(f.length, 1);
    assert.equal(f[0].code, 'unknown-citation');
    assert.equal(f[0].severity, 'error');
    assert.equal(text.slice(f[0].start, f[0].end), '中国反对拐卖人口行动计划(2021—2023年)');
    assert.deepEqual(f[0].data, { plan: '2021-2030' });
    assert.deepEqual(
      f[0].fixes.map((x) => [x.edits[0].newText, x.unambiguous]),
      [['中国反对拐卖人口行动计划（2021—2030年）', false]],
    );
    assert.match(messageOf(f[0], 'zh'), /没有（2021—2023年）的国家行动计划/);
  });
  test('folding keeps offsets: a traditional or half-width twin of a text has the same citation spans', () => {
    const twins: Array<[string, string]> = [
      ['国', '國'],
      ['办', '辦'],
      ['发', '發'],
      ['号', '號'],
      ['对', '對'],
      ['卖', '賣'],
      ['动', '動'],
      ['计', '計'],
      ['划', '劃'],
      ['（', '('],
      ['）', ')'],
    ];
    const piece = fc.constantFrom(
      '国办发〔2013〕19号',
      '《中国反对拐卖人口行动计划（2013—2020年）》',
      '《行动计划》二（一）2（3）、（4）',
      '（以下简称《行动计划》）',
      '𠮷',
      '按照',
      ' ',
      '\n',
      '二（一）',
      '至（5）',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }),
        (parts, flips) => {
          const text = parts.join('');
          let twin = text;
          twins.forEach(([s, t], k) => {
            if (flips[k]) twin = twin.split(s).join(t);
          });
          assert.equal(twin.length, text.length);
          const a = cites(text);
          const b = cites(twin);
          assert.deepEqual(
            b.map((c) => [c.start, c.end, c.plan, c.path, c.kind, c.planRef.start, c.planRef.end]),
            a.map((c) => [c.start, c.end, c.plan, c.path, c.kind, c.planRef.start, c.planRef.end]),
          );
          for (const c of b) assert.equal(c.text, twin.slice(c.start, c.end));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: 12 },
    );
  });
});

describe("5. the document's own title and headings name what they implement: not citations", () => {
  const cases = [
    '关于贯彻落实《中国反对拐卖人口行动计划（2013—2020年）》的实施意见',
    '内蒙古自治区人民政府办公厅关于贯彻《中国反对拐卖人口行动计划(2013-2020年)》的实施意见',
    '关于贯彻落实《中国反对拐卖人口行动计划(2013—2020年)》实施细则已经省政府同意',
    '贵州省《中国反对拐卖妇女儿童行动计划(2008―2012年)》实施方案',
    '《贵州省〈中国反对拐卖妇女儿童行动计划(2008―2012年)〉实施方案》已经省人民政府同意',
    '陕西省人民政府办公厅关于印发贯彻落实中国反对拐卖人口行动计划(2013—2020年)实施细则的通知',
  ];
  for (const text of cases) {
    test(text, () => {
      // No diagnostic at any date (not superseded-citation, not citation-format) …
      assert.deepEqual(findings(text, TODAY), []);
      assert.deepEqual(findings(text, '2013-11-06'), []);
      // … but recognised: the hover says it is a title, and the plan is known for a later 《行动计划》.
      const cs = cites(text);
      assert.equal(cs.length, 1);
      assert.equal(cs[0].inTitle, true);
      assert.ok(citationHover(cs[0], ctxOn(TODAY), link).includes('不是引用'));
      const after = cites(`${text}\n按照《行动计划》二（一）`);
      assert.equal(after.at(-1)!.plan, cs[0].plan);
    });
  }
  test('prose that cites the plan is a citation: 为贯彻落实《…》', () => {
    assert.deepEqual(
      findings('为贯彻落实《中国反对拐卖人口行动计划（2013—2020年）》，', TODAY).map((f) => f[0]),
      ['superseded-citation'],
    );
  });
});

describe('6. lists and ranges of paths cite every item', () => {
  test('二（一）2（3）、（4）: two citations, each resolved, with its own span', () => {
    const text = '按照《行动计划（2021—2030年）》二（一）2（3）、（4）要求';
    const cs = cites(text);
    assert.deepEqual(
      cs.map((c) => [text.slice(c.start, c.end), c.path, c.node?.path, !!c.listItem]),
      [
        ['《行动计划（2021—2030年）》二（一）2（3）', '二（一）2（3）', '二（一）2（3）', false],
        ['（4）', '二（一）2（4）', '二（一）2（4）', true],
      ],
    );
  });
  test('二（一）2（1）至（5）: both ends and every item between', () => {
    const text = '《行动计划（2021—2030年）》二（一）2（1）至（5）';
    const cs = cites(text);
    assert.deepEqual(
      cs.map((c) => [c.path, !!c.node, !!c.implied]),
      [
        ['二（一）2（1）', true, false],
        ['二（一）2（2）', true, true],
        ['二（一）2（3）', true, true],
        ['二（一）2（4）', true, true],
        ['二（一）2（5）', true, false],
      ],
    );
    assert.equal(text.slice(cs[4].start, cs[4].end), '（5）');
  });
  test('和, 及, — and a full path after 、 are list separators too; a missing item is an unknown-citation', () => {
    const text = '《行动计划（2021—2030年）》二（一）2（1）和（2）及（9）、三（二）';
    const cs = cites(text);
    assert.deepEqual(
      cs.map((c) => c.path),
      ['二（一）2（1）', '二（一）2（2）', '二（一）2（9）', '三（二）'],
    );
    assert.deepEqual(findings(text, TODAY), [['unknown-citation', '（9）', 'error']]);
  });
  test('list items of a superseded plan each carry superseded-citation (the ones a range implies do not)', () => {
    const text = '《行动计划（2013—2020年）》二（一）2（1）至（3）';
    assert.deepEqual(
      findings(text, TODAY).map((f) => [f[0], f[1]]),
      [
        ['superseded-citation', '《行动计划（2013—2020年）》二（一）2（1）'],
        ['superseded-citation', '（3）'],
      ],
    );
  });
});

describe('7. the hover of an unknown path lists what exists; report counts invalid citations', () => {
  test('二（九）2（40）: no “现行有效” claim about the node, and part 二 has （一）–（六）', () => {
    const text = '《行动计划（2021—2030年）》二（九）2（40）';
    const doc = new InMemoryDocument('file:///x.md', text);
    const h = getHover(doc, 25, ctxOn(TODAY), link)!;
    assert.ok(h.markdown.includes('⚠ 该计划中不存在“二（九）2（40）”'), h.markdown);
    assert.ok(h.markdown.includes('“二”下现有：（一）–（六）（6 项）'), h.markdown);
  });
  test('二（一）2（40）: the measures that exist under 二（一）2', () => {
    const [c] = cites('《行动计划（2021—2030年）》二（一）2（40）');
    const h = citationHover(c, ctxOn(TODAY), link);
    assert.ok(h.includes('“二（一）2”下现有：（1）–（5）（5 项）'), h);
    // In English for an English reader.
    const en = citationHover(c, { ...ctxOn(TODAY), lang: 'en' as const }, link);
    assert.ok(
      en.includes('二（一）2 has: （1）–（5） (5)') && en.includes('⚠ there is no "二（一）2（40）" in this plan'),
      en,
    );
  });
});

test('a plan replaced twice: the message names its direct successor and the plan in force on the date', () => {
  const f = analyzeText('根据国办发〔2007〕69号', settings({ referenceDate: TODAY }), engines, {
    today: TODAY,
  }).findings;
  assert.equal(
    messageOf(f[0], 'zh'),
    '改引《行动计划（2021—2030年）》：《行动计划（2008—2012年）》在参照日期 2026-12-02 已被取代（2013年3月2日起由《行动计划（2013—2020年）》（国办发〔2013〕19号）接续，现行的是《行动计划（2021—2030年）》）',
  );
  assert.deepEqual(
    f[0].fixes.map((x) => x.edits[0].newText),
    ['国办发〔2021〕13号'],
  );
});
