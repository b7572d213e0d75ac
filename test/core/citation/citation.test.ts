import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findCitations, parseCitation, citationAt } from '../../../server/src/core/citation/index';
import type { Citation, CitationOptions } from '../../../server/src/core/citation/api';
import { CancelledError } from '../../../server/src/core/types';
import { INDEX } from './mockIndex';

const D21: CitationOptions = { defaultPlan: '2021-2030', referenceDate: '2026-12-02' };
const D13: CitationOptions = { defaultPlan: '2013-2020' };

interface Summary {
  start: number;
  end: number;
  text: string;
  kind: Citation['kind'];
  plan: Citation['plan'];
  path: string | null;
  canonical: string;
  isCanonical: boolean;
  replacement: string | null;
  node: string | null;
  source: Citation['planSource'];
}
function sum(c: Citation): Summary {
  return {
    start: c.start,
    end: c.end,
    text: c.text,
    kind: c.kind,
    plan: c.plan,
    path: c.path ?? null,
    canonical: c.canonical,
    isCanonical: c.isCanonical,
    replacement: c.replacement ?? null,
    node: c.node ? c.node.path : null,
    source: c.planSource,
  };
}
function find(text: string, options = D21): Summary[] {
  return findCitations(text, INDEX, options).map(sum);
}

const C21 = '《行动计划（2021—2030年）》';
const C13 = '《行动计划（2013—2020年）》';
const T21 = '《中国反对拐卖人口行动计划（2021—2030年）》';
const T13 = '《中国反对拐卖人口行动计划（2013—2020年）》';

/** A single path citation covering the whole text. */
function path1(
  text: string,
  plan: Citation['plan'],
  path: string,
  replacement: string | null,
  node: string | null,
  source: Citation['planSource'] = 'explicit',
): Summary {
  return {
    start: 0,
    end: text.length,
    text,
    kind: 'path',
    plan,
    path,
    canonical: (plan === '2021-2030' ? C21 : C13) + path,
    isCanonical: replacement === null,
    replacement,
    node,
    source,
  };
}

describe('path citations', () => {
  const cases: Array<[string, Summary]> = [
    [`${C21}二（一）2（3）`, path1(`${C21}二（一）2（3）`, '2021-2030', '二（一）2（3）', null, '二（一）2（3）')],
    [
      `${C21}二（一）2（3）第2项`,
      path1(`${C21}二（一）2（3）第2项`, '2021-2030', '二（一）2（3）第2项', null, '二（一）2（3）第2项'),
    ],
    [
      '《行动计划》二（一）2（3）',
      path1('《行动计划》二（一）2（3）', '2021-2030', '二（一）2（3）', null, '二（一）2（3）', 'default'),
    ],
    [
      '《行动计划》二(一)2(3)',
      path1(
        '《行动计划》二(一)2(3)',
        '2021-2030',
        '二（一）2（3）',
        '《行动计划》二（一）2（3）',
        '二（一）2（3）',
        'default',
      ),
    ],
    [
      '《行动计划》 二（一）',
      path1('《行动计划》 二（一）', '2021-2030', '二（一）', '《行动计划》二（一）', '二（一）', 'default'),
    ],
    [
      '《行动计划》二 （一） 2 （3）',
      path1(
        '《行动计划》二 （一） 2 （3）',
        '2021-2030',
        '二（一）2（3）',
        '《行动计划》二（一）2（3）',
        '二（一）2（3）',
        'default',
      ),
    ],
    [
      '《行动计划》第二部分（一）',
      path1('《行动计划》第二部分（一）', '2021-2030', '二（一）', '《行动计划》二（一）', '二（一）', 'default'),
    ],
    [
      '《行动计划》第二部分第（一）项',
      path1('《行动计划》第二部分第（一）项', '2021-2030', '二（一）', '《行动计划》二（一）', '二（一）', 'default'),
    ],
    ['《行动计划》第二部分', path1('《行动计划》第二部分', '2021-2030', '二', '《行动计划》二', '二', 'default')],
    [
      '《行动计划》二、（一）',
      path1('《行动计划》二、（一）', '2021-2030', '二（一）', '《行动计划》二（一）', '二（一）', 'default'),
    ],
    ['《行动计划》三（二）', path1('《行动计划》三（二）', '2021-2030', '三（二）', null, '三（二）', 'default')],
    [
      '《行动计划》二（一）（3）',
      path1(
        '《行动计划》二（一）（3）',
        '2021-2030',
        '二（一）2（3）',
        '《行动计划》二（一）2（3）',
        '二（一）2（3）',
        'default',
      ),
    ],
    [
      '《行动计划》二（一）2.（3）',
      path1(
        '《行动计划》二（一）2.（3）',
        '2021-2030',
        '二（一）2（3）',
        '《行动计划》二（一）2（3）',
        '二（一）2（3）',
        'default',
      ),
    ],
    [
      '《行动计划》二（一）2（3）第二项',
      path1(
        '《行动计划》二（一）2（3）第二项',
        '2021-2030',
        '二（一）2（3）第2项',
        '《行动计划》二（一）2（3）第2项',
        '二（一）2（3）第2项',
        'default',
      ),
    ],
    [
      '《行动计划》二（一）2（3）第 2 项',
      path1(
        '《行动计划》二（一）2（3）第 2 项',
        '2021-2030',
        '二（一）2（3）第2项',
        '《行动计划》二（一）2（3）第2项',
        '二（一）2（3）第2项',
        'default',
      ),
    ],
    [
      '《中国反对拐卖人口行动计划(2021-2030年)》二(一)2(3)第2项',
      path1(
        '《中国反对拐卖人口行动计划(2021-2030年)》二(一)2(3)第2项',
        '2021-2030',
        '二（一）2（3）第2项',
        `${T21}二（一）2（3）第2项`,
        '二（一）2（3）第2项',
      ),
    ],
    [
      '《反对拐卖人口行动计划（2021–2030年）》三（二）',
      path1(
        '《反对拐卖人口行动计划（2021–2030年）》三（二）',
        '2021-2030',
        '三（二）',
        '《反对拐卖人口行动计划（2021—2030年）》三（二）',
        '三（二）',
      ),
    ],
    [`${T21}二（一）`, path1(`${T21}二（一）`, '2021-2030', '二（一）', null, '二（一）')],
    [
      '《行动计划（2021——2030年）》二（一）',
      path1('《行动计划（2021——2030年）》二（一）', '2021-2030', '二（一）', `${C21}二（一）`, '二（一）'),
    ],
    [
      '《行动计划（2021‒2030年）》二（一）',
      path1('《行动计划（2021‒2030年）》二（一）', '2021-2030', '二（一）', `${C21}二（一）`, '二（一）'),
    ],
    [
      '《行动计划（2021―2030年）》二（一）',
      path1('《行动计划（2021―2030年）》二（一）', '2021-2030', '二（一）', `${C21}二（一）`, '二（一）'),
    ],
    [
      '《行动计划（20212030年）》二（一）',
      path1('《行动计划（20212030年）》二（一）', '2021-2030', '二（一）', `${C21}二（一）`, '二（一）'),
    ],
    [
      '《行动计划（2021年—2030年）》二（一）',
      path1('《行动计划（2021年—2030年）》二（一）', '2021-2030', '二（一）', `${C21}二（一）`, '二（一）'),
    ],
    [
      '《行动计划（２０２１—２０３０年）》二（一）２（３）',
      path1(
        '《行动计划（２０２１—２０３０年）》二（一）２（３）',
        '2021-2030',
        '二（一）2（3）',
        `${C21}二（一）2（3）`,
        '二（一）2（3）',
      ),
    ],
    [
      '《 行动计划 》二（一）',
      path1('《 行动计划 》二（一）', '2021-2030', '二（一）', '《行动计划》二（一）', '二（一）', 'default'),
    ],
    [
      '〈行动计划〉二（一）',
      path1('〈行动计划〉二（一）', '2021-2030', '二（一）', '《行动计划》二（一）', '二（一）', 'default'),
    ],
    // paths that do not exist: node undefined (unknown-citation), canonical all the same
    ['《行动计划》二（九）', path1('《行动计划》二（九）', '2021-2030', '二（九）', null, null, 'default')],
    [`${C21}二（一）2（7）第9项`, path1(`${C21}二（一）2（7）第9项`, '2021-2030', '二（一）2（7）第9项', null, null)],
    [`${C21}三（二）2（1）`, path1(`${C21}三（二）2（1）`, '2021-2030', '三（二）2（1）', null, null)],
    // the expired plan
    [
      `${C13}二（一）2（2）第1项`,
      path1(`${C13}二（一）2（2）第1项`, '2013-2020', '二（一）2（2）第1项', null, '二（一）2（2）第1项'),
    ],
    [
      '《中国反对拐卖人口行动计划(2013-2020年)》二 (一) 2（2）',
      path1(
        '《中国反对拐卖人口行动计划(2013-2020年)》二 (一) 2（2）',
        '2013-2020',
        '二（一）2（2）',
        `${T13}二（一）2（2）`,
        '二（一）2（2）',
      ),
    ],
  ];
  for (const [text, expected] of cases) {
    test(text, () => {
      assert.deepEqual(find(text), [expected]);
    });
  }

  test('path span and plan reference span', () => {
    const [c] = findCitations('见《行动计划》 二(一)2(3)。', INDEX, D21);
    assert.deepEqual(c.planRef, { start: 1, end: 7, explicit: false });
    assert.deepEqual(c.pathSpan, { start: 8, end: 16 });
    assert.deepEqual([c.start, c.end], [1, 16]);
    assert.equal(c.form, 'short');
  });

  test('offsets are UTF-16: 𠮷 counts 2', () => {
    const text = '𠮷𠮷，《行动计划》二（一）2（3）';
    const [c] = findCitations(text, INDEX, D21);
    assert.equal(c.start, 5);
    assert.equal(c.end, 19);
    assert.deepEqual(c.planRef, { start: 5, end: 11, explicit: false });
    assert.deepEqual(c.pathSpan, { start: 11, end: 19 });
    assert.equal(text.slice(c.start, c.end), '《行动计划》二（一）2（3）');
  });

  test('the expired plan is named and explicit', () => {
    const [a] = findCitations(`${C13}二（一）2（1）`, INDEX, D21);
    assert.equal(a.plan, '2013-2020');
    assert.equal(a.planRef.explicit, true);
    assert.equal(a.node?.successor, null);
    const [b] = findCitations(`${C21}二（一）2（1）`, INDEX, D21);
    assert.equal(b.superseded, false);
    // The status is taken on the reference date: the 2013—2020 plan was in force on 2013-11-06.
    const [c] = findCitations(`${C13}二（一）2（1）`, INDEX, { ...D21, referenceDate: '2013-11-06' });
    assert.equal(c.superseded, false);
    // Superseded from the day its successor was issued (2021-04-09), not from the end of its term.
    assert.equal(findCitations(C13, INDEX, { ...D21, referenceDate: '2021-04-08' })[0].superseded, false);
    assert.equal(findCitations(C13, INDEX, { ...D21, referenceDate: '2021-04-09' })[0].superseded, true);
    // Without a reference date the flag is not set.
    assert.equal(findCitations(C13, INDEX, { defaultPlan: '2021-2030' })[0].superseded, undefined);
  });
});

describe('where a path ends', () => {
  const cases: Array<[string, string | null, number]> = [
    // text, path (null: title only), end of the citation
    ['《行动计划》一经印发', null, 6],
    ['《行动计划》第一次提出', null, 6],
    ['《行动计划》第二部分第一项', null, 6],
    ['《行动计划》（一）', null, 6],
    ['《行动计划》十年来', null, 6],
    ['《行动计划》二（一）2.5倍', '二（一）', 10],
    ['《行动计划》二（一）2021年', '二（一）', 10],
    ['《行动计划》二（一）2。', '二（一）2', 11],
    ['《行动计划》二（一）1.工作目标', '二（一）1', 11],
    ['《行动计划》二（一）（一）', '二（一）', 10],
    ['《行动计划》二（一）2（3）第2条', '二（一）2（3）', 14],
    ['《行动计划》二（一）2（100）', '二（一）2', 11],
    ['《行动计划》二（一）\n2（3）', '二（一）', 10],
    ['《行动计划》     二（一）', null, 6], // more than 4 spaces: not "right after"
    ['《行动计划》三', '三', 7],
    ['《行动计划》三。', '三', 7],
    ['《行动计划》三、四部分', '三', 7],
    ['《行动计划》三（见附件）', null, 6],
    ['《行动计划》第三。', null, 6],
    ['《行动计划》三𠮷', null, 6],
    ['《行动计划》二十', null, 6],
  ];
  for (const [text, path, end] of cases) {
    test(JSON.stringify(text), () => {
      const cs = findCitations(text, INDEX, D21);
      assert.equal(cs.length, 1);
      assert.equal(cs[0].path ?? null, path);
      assert.equal(cs[0].kind, path === null ? 'title' : 'path');
      assert.equal(cs[0].end, end);
    });
  }
});

describe('title references', () => {
  test('canonical full title', () => {
    assert.deepEqual(find(T21), [
      {
        start: 0,
        end: 26,
        text: T21,
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: T21,
        isCanonical: true,
        replacement: null,
        node: '',
        source: 'explicit',
      },
    ]);
  });
  test('full title with hyphen and halfwidth brackets is flagged, writer form kept', () => {
    const text = '《中国反对拐卖人口行动计划(2021-2030年)》';
    assert.deepEqual(find(text), [
      {
        start: 0,
        end: 26,
        text,
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: T21,
        isCanonical: false,
        replacement: T21,
        node: '',
        source: 'explicit',
      },
    ]);
  });
  test('short title with years is accepted; with ~ it is flagged', () => {
    assert.deepEqual(find(C21), [
      {
        start: 0,
        end: 18,
        text: C21,
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: T21,
        isCanonical: true,
        replacement: null,
        node: '',
        source: 'explicit',
      },
    ]);
    const text = '《行动计划（2021~2030年）》';
    assert.deepEqual(find(text), [
      {
        start: 0,
        end: 18,
        text,
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: T21,
        isCanonical: false,
        replacement: C21,
        node: '',
        source: 'explicit',
      },
    ]);
  });
  test('《行动计划》 alone is acceptable as written', () => {
    assert.deepEqual(find('《行动计划》'), [
      {
        start: 0,
        end: 6,
        text: '《行动计划》',
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: T21,
        isCanonical: true,
        replacement: null,
        node: '',
        source: 'default',
      },
    ]);
    assert.deepEqual(find('《行动计划》', D13), [
      {
        start: 0,
        end: 6,
        text: '《行动计划》',
        kind: 'title',
        plan: '2013-2020',
        path: null,
        canonical: T13,
        isCanonical: true,
        replacement: null,
        node: '',
        source: 'default',
      },
    ]);
  });
  test('years written after the title name the plan; the replacement moves them inside', () => {
    const text = '《中国反对拐卖人口行动计划》（2013—2020年）二（一）';
    assert.deepEqual(find(text), [path1(text, '2013-2020', '二（一）', `${T13}二（一）`, '二（一）')]);
    const t2 = '《行动计划》(2021-2030年)';
    assert.deepEqual(find(t2, D13), [
      {
        start: 0,
        end: 18,
        text: t2,
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: T21,
        isCanonical: false,
        replacement: C21,
        node: '',
        source: 'explicit',
      },
    ]);
  });
  test('full title without years behaves like the short form', () => {
    const cs = findCitations('《中国反对拐卖人口行动计划》', INDEX, D13);
    assert.equal(cs.length, 1);
    assert.equal(cs[0].plan, '2013-2020');
    assert.equal(cs[0].planSource, 'default');
    assert.equal(cs[0].isCanonical, true);
    assert.equal(cs[0].form, 'short');
  });
  test('nested 〈〉 title inside another title is a reference, never flagged', () => {
    const text = '《安康市贯彻落实〈中国反对拐卖人口行动计划(2021—2030年)〉实施细则》已经市政府同意';
    const cs = findCitations(text, INDEX, D21);
    assert.deepEqual(cs.map(sum), [
      {
        start: 8,
        end: 34,
        text: '〈中国反对拐卖人口行动计划(2021—2030年)〉',
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: T21,
        isCanonical: true,
        replacement: null,
        node: '',
        source: 'explicit',
      },
    ]);
    assert.equal(cs[0].form, 'full');
  });
  test('plan title inside another document title (no 〈〉) is a mention', () => {
    const text = '为贯彻《福建省贯彻中国反对拐卖人口行动计划(2021—2030年)实施细则》，';
    const cs = findCitations(text, INDEX, D21);
    assert.deepEqual(cs.map(sum), [
      {
        start: 9,
        end: 33,
        text: '中国反对拐卖人口行动计划(2021—2030年)',
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: T21,
        isCanonical: true,
        replacement: null,
        node: '',
        source: 'explicit',
      },
    ]);
    assert.equal(cs[0].form, 'mention');
  });
  test('wrongly nested 《《》》 inside a title is not flagged', () => {
    const text = '《长治市贯彻《中国反对拐卖人口行动计划(2021-2030年)》实施方案》';
    const cs = findCitations(text, INDEX, D21);
    assert.equal(cs.length, 1);
    assert.equal(cs[0].start, 6);
    assert.equal(cs[0].end, 32);
    assert.equal(cs[0].isCanonical, true);
  });
  test('a local plan title heading containing 《PT》 is not flagged; prose is', () => {
    const heading = '安康市贯彻落实《中国反对拐卖人口行动计划(2021—2030年)》实施细则';
    assert.deepEqual(find(heading), [
      {
        start: 7,
        end: 33,
        text: '《中国反对拐卖人口行动计划(2021—2030年)》',
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: T21,
        isCanonical: true,
        replacement: null,
        node: '',
        source: 'explicit',
      },
    ]);
    assert.equal(find('某县贯彻《行动计划(2021-2030年)》的实施方案')[0].isCanonical, true);
    const prose = find('《中国反对拐卖人口行动计划(2021—2030年)》实施以来');
    assert.equal(prose[0].isCanonical, false);
    assert.equal(prose[0].replacement, T21);
    assert.equal(find('为贯彻《中国反对拐卖人口行动计划(2021—2030年)》,结合我县实际')[0].isCanonical, false);
  });
  test('an unclosed 《 does not leak into the next line', () => {
    const cs = findCitations('《未闭合的标题\n《行动计划》二(一)', INDEX, D21);
    assert.equal(cs.length, 1);
    assert.equal(cs[0].isCanonical, false);
    assert.equal(cs[0].replacement, '《行动计划》二（一）');
  });
  test('notice title without 《》 is a reference (not flagged); with 《》 it is flagged when halfwidth', () => {
    const bare = '国务院办公厅关于印发中国反对拐卖人口行动计划(2021—2030年)的通知';
    const N21 = '《国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知》';
    assert.deepEqual(find(bare), [
      {
        start: 0,
        end: 37,
        text: bare,
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: N21,
        isCanonical: true,
        replacement: null,
        node: '通知',
        source: 'explicit',
      },
    ]);
    assert.deepEqual(find(`《${bare}》`), [
      {
        start: 0,
        end: 39,
        text: `《${bare}》`,
        kind: 'title',
        plan: '2021-2030',
        path: null,
        canonical: N21,
        isCanonical: false,
        replacement: N21,
        node: '通知',
        source: 'explicit',
      },
    ]);
    assert.deepEqual(
      find(N21).map((c) => c.isCanonical),
      [true],
    );
  });
  test('titles of other plans are not ours', () => {
    assert.deepEqual(find('《行动计划（2022—2030年）》二（一）'), []);
    assert.deepEqual(find('《中国妇女发展纲要（2021—2030年）》二（一）'), []);
    assert.deepEqual(find('《国家人权行动计划》二（一）'), []);
  });
});

describe('short form resolution', () => {
  test('《行动计划》 follows the nearest preceding title', () => {
    // Without a definition: the plan named most recently before.
    const text = `根据${T13}……落实《行动计划》二（一）2（1）。又据${T21}，《行动计划》二（一）2（1）`;
    const cs0 = findCitations(text, INDEX, D21);
    assert.deepEqual(
      cs0.map((c) => [c.text, c.plan, c.planSource, c.kind]),
      [
        [T13, '2013-2020', 'explicit', 'title'],
        ['《行动计划》二（一）2（1）', '2013-2020', 'context', 'path'],
        [T21, '2021-2030', 'explicit', 'title'],
        ['《行动计划》二（一）2（1）', '2021-2030', 'context', 'path'],
      ],
    );
    // With a definition （以下简称《行动计划》）: bound to the plan it defines until the document defines it again.
    const defined = `根据${T13}（以下简称《行动计划》）……落实《行动计划》二（一）2（1）。又据${T21}，《行动计划》二（一）2（1）`;
    const cs = findCitations(defined, INDEX, D21);
    assert.deepEqual(
      cs.map((c) => [c.text, c.plan, c.planSource, c.kind]),
      [
        [T13, '2013-2020', 'explicit', 'title'],
        ['《行动计划》', '2013-2020', 'definition', 'title'],
        ['《行动计划》二（一）2（1）', '2013-2020', 'definition', 'path'],
        [T21, '2021-2030', 'explicit', 'title'],
        ['《行动计划》二（一）2（1）', '2013-2020', 'definition', 'path'],
      ],
    );
    assert.equal(cs[2].canonical, `${C13}二（一）2（1）`);
    assert.equal(cs[2].superseded, true);
    assert.equal(cs[4].canonical, `${C13}二（一）2（1）`);
    assert.equal(cs0[3].canonical, `${C21}二（一）2（1）`);
  });
  test('a document number names the plan too', () => {
    const cs = findCitations('（国办发〔2013〕19号，以下简称《行动计划》）按《行动计划》二（一）2（1）', INDEX, D21);
    assert.deepEqual(
      cs.map((c) => [c.kind, c.plan, c.planSource]),
      [
        ['docnumber', '2013-2020', 'explicit'],
        ['title', '2013-2020', 'definition'],
        ['path', '2013-2020', 'definition'],
      ],
    );
  });
  test('a mention inside a local title names the plan', () => {
    const cs = findCitations(
      '《某市贯彻〈中国反对拐卖人口行动计划（2013—2020年）〉实施办法》要求落实《行动计划》三（二）',
      INDEX,
      D21,
    );
    assert.deepEqual(
      cs.map((c) => [c.plan, c.planSource]),
      [
        ['2013-2020', 'explicit'],
        ['2013-2020', 'context'],
      ],
    );
  });
  test('the default plan when nothing precedes', () => {
    assert.deepEqual(find('《行动计划》二（一）2（1）', D13), [
      path1('《行动计划》二（一）2（1）', '2013-2020', '二（一）2（1）', null, '二（一）2（1）', 'default'),
    ]);
  });
  test('the Ankang opening paragraph', () => {
    const text =
      '为认真贯彻落实《国务院办公厅关于印发中国反对拐卖人口行动计划(2021—2030年)的通知》(国办发〔2021〕13号,以下简称《行动计划》)要求';
    const cs = findCitations(text, INDEX, D13);
    assert.deepEqual(
      cs.map((c) => [c.start, c.end, c.kind, c.form, c.plan, c.planSource, c.isCanonical]),
      [
        [7, 46, 'title', 'notice', '2021-2030', 'explicit', false],
        [47, 59, 'docnumber', 'docnumber', '2021-2030', 'explicit', true],
        [64, 70, 'title', 'short', '2021-2030', 'definition', true],
      ],
    );
  });
});

describe('document numbers', () => {
  const ok = (text: string, plan: Citation['plan'], start = 0): Summary => ({
    start,
    end: start + text.length,
    text,
    kind: 'docnumber',
    plan,
    path: null,
    canonical: plan === '2021-2030' ? '国办发〔2021〕13号' : '国办发〔2013〕19号',
    isCanonical: text === (plan === '2021-2030' ? '国办发〔2021〕13号' : '国办发〔2013〕19号'),
    replacement:
      text === (plan === '2021-2030' ? '国办发〔2021〕13号' : '国办发〔2013〕19号')
        ? null
        : plan === '2021-2030'
          ? '国办发〔2021〕13号'
          : '国办发〔2013〕19号',
    node: '通知',
    source: 'explicit',
  });
  for (const text of [
    '国办发〔2021〕13号',
    '国办发[2021]13号',
    '国办发【2021】13号',
    '国办发(2021)13号',
    '国办发（2021）13号',
    '国办发 〔2021〕 13 号',
    '国办发〔2021〕第13号',
    '国办发［２０２１］１３号',
  ]) {
    test(text, () => assert.deepEqual(find(text), [ok(text, '2021-2030')]));
  }
  test('国办发〔2013〕19号 and its wrong brackets', () => {
    assert.deepEqual(find('国办发〔2013〕19号'), [ok('国办发〔2013〕19号', '2013-2020')]);
    assert.deepEqual(find('（国办发[2013]19号）'), [ok('国办发[2013]19号', '2013-2020', 1)]);
    assert.equal(findCitations('国办发〔2013〕19号', INDEX, D21)[0].plan, '2013-2020');
  });
  test('other numbers are not ours', () => {
    assert.deepEqual(find('国办发〔2021〕14号'), []);
    assert.deepEqual(find('国办发〔2013〕13号'), []);
    assert.deepEqual(find('国办发〔2021〕130号'), []);
    assert.deepEqual(find('国发〔2021〕13号'), []);
    assert.deepEqual(find('国办发2021年13号'), []);
    assert.deepEqual(find('尤政办〔2022〕25号'), []);
  });
});

describe('not citations', () => {
  for (const text of [
    '二（一）2（3）加强预防',
    '一、总体要求\n（一）指导思想',
    '按照二(一)2(3)的要求',
    '行动计划二（一）2（3）',
    '《关于加强反拐工作的意见》二（一）',
    '',
    '《》',
    '《行动计划',
    '行动计划》二（一）',
  ]) {
    test(JSON.stringify(text), () => assert.deepEqual(find(text), []));
  }
});

describe('canonical forms are fixed points', () => {
  const inputs = [
    '《行动计划》二(一)2(3)第2项',
    '《中国反对拐卖人口行动计划(2013-2020年)》二 (一) 2（2）',
    '《行动计划（2021~2030年）》',
    '国办发[2013]19号',
    '国务院办公厅关于印发中国反对拐卖人口行动计划(2021—2030年)的通知',
    '《安康市贯彻落实〈中国反对拐卖人口行动计划(2021—2030年)〉实施细则》',
    '《行动计划》第二部分第（一）项',
    '《行动计划》三（二）',
    '《行动计划》二（九）',
  ];
  for (const text of inputs) {
    test(text, () => {
      for (const c of findCitations(text, INDEX, D21)) {
        const again = findCitations(c.canonical, INDEX, D21);
        assert.equal(again.length, 1);
        assert.equal(again[0].canonical, c.canonical);
        assert.equal(again[0].isCanonical, true);
        assert.equal(again[0].text, c.canonical);
        assert.equal(again[0].plan, c.plan);
        if (c.replacement !== undefined) {
          const fixed = findCitations(c.replacement, INDEX, { defaultPlan: c.plan });
          assert.equal(fixed.length, 1);
          assert.equal(fixed[0].isCanonical, true);
          assert.equal(fixed[0].canonical, c.canonical);
        }
      }
    });
  }
});

describe('parseCitation', () => {
  const p = (s: string, o = D21) => {
    const c = parseCitation(s, INDEX, o);
    return c && sum(c);
  };
  test('bare path → default plan', () => {
    assert.deepEqual(p('二（一）2（3）'), {
      start: 0,
      end: 8,
      text: '二（一）2（3）',
      kind: 'path',
      plan: '2021-2030',
      path: '二（一）2（3）',
      canonical: `${C21}二（一）2（3）`,
      isCanonical: false,
      replacement: `${C21}二（一）2（3）`,
      node: '二（一）2（3）',
      source: 'default',
    });
    assert.equal(p('二（一）2（1）', D13)?.plan, '2013-2020');
  });
  test('plan id before a path', () => {
    const c = parseCitation('2013-2020 二（一）2（1）', INDEX, D21)!;
    assert.equal(c.plan, '2013-2020');
    assert.equal(c.path, '二（一）2（1）');
    assert.equal(c.canonical, `${C13}二（一）2（1）`);
    assert.equal(c.node?.path, '二（一）2（1）');
    assert.deepEqual(c.planRef, { start: 0, end: 9, explicit: true });
    assert.deepEqual(c.pathSpan, { start: 10, end: 18 });
    assert.equal(parseCitation('（2013—2020年）二（一）', INDEX, D21)?.canonical, `${C13}二（一）`);
    assert.equal(parseCitation('2021—2030：三（二）', INDEX, D13)?.canonical, `${C21}三（二）`);
  });
  test('a document citation as the whole string', () => {
    assert.deepEqual(
      p(`${C13}二（一）2（2）第1项`),
      path1(`${C13}二（一）2（2）第1项`, '2013-2020', '二（一）2（2）第1项', null, '二（一）2（2）第1项'),
    );
    assert.equal(p('国办发[2013]19号')?.kind, 'docnumber');
    assert.equal(p('国办发[2013]19号')?.replacement, '国办发〔2013〕19号');
  });
  test('part alone, 第二部分, plan alone', () => {
    assert.equal(p('三')?.canonical, `${C21}三`);
    assert.equal(p('第二部分')?.canonical, `${C21}二`);
    assert.equal(p('2013-2020')?.canonical, T13);
    assert.equal(p('2013-2020')?.kind, 'title');
    const c = parseCitation('《行动计划》三', INDEX, D13)!;
    assert.deepEqual(sum(c), path1('《行动计划》三', '2013-2020', '三', null, null, 'default'));
  });
  test('surrounding blanks: offsets into the given string', () => {
    const c = parseCitation('  《行动计划》三（二）\n', INDEX, D21)!;
    assert.equal(c.start, 2);
    assert.equal(c.end, 12);
    assert.deepEqual(c.planRef, { start: 2, end: 8, explicit: false });
    assert.deepEqual(c.pathSpan, { start: 8, end: 12 });
  });
  test('not a single citation', () => {
    assert.equal(p(''), undefined);
    assert.equal(p('   '), undefined);
    assert.equal(p('二（一）垃圾'), undefined);
    assert.equal(p('《行动计划》二（一）和《行动计划》三（二）'), undefined);
    assert.equal(p('2022-2030 二（一）'), undefined);
    assert.equal(p('hello'), undefined);
  });
});

describe('robustness', () => {
  const hostile: Array<[string, string, number]> = [
    ['《 ×10^5', '《'.repeat(100_000), 0],
    ['（ ×10^5', '（'.repeat(100_000), 0],
    ['〈 ×10^5', '〈'.repeat(100_000), 0],
    ['《行动计划》 + （ ×10^5', '《行动计划》' + '（'.repeat(100_000), 1],
    ['《行动计划》二 + （ ×10^5', '《行动计划》二' + '（'.repeat(100_000), 1],
    ['《 + spaces', '《' + ' '.repeat(100_000) + '行动计划》', 0],
    ['国办发〔 ×2·10^4', '国办发〔'.repeat(20_000), 0],
    ['title prefix ×10^4', '中国反对拐卖人口行动计划（2021'.repeat(10_000), 0],
    ['《行动计划》第 ×2·10^4', '《行动计划》第'.repeat(20_000), 20_000],
    ['citations ×10^4', '《行动计划》二（一）2（3）'.repeat(10_000), 10_000],
    ['unclosed 《 then citations', '《'.repeat(50_000) + '《行动计划》', 1],
  ];
  for (const [name, text, count] of hostile) {
    test(`hostile input completes: ${name}`, () => {
      assert.equal(findCitations(text, INDEX, D21).length, count);
    });
  }
  test('cancellation', () => {
    assert.throws(
      () => findCitations('《行动计划》二（一）', INDEX, D21, { isCancellationRequested: true }),
      CancelledError,
    );
    let n = 0;
    const token = {
      get isCancellationRequested() {
        return ++n > 3;
      },
    };
    assert.throws(() => findCitations('《'.repeat(100_000), INDEX, D21, token), CancelledError);
  });
  test('citationAt', () => {
    const cs = findCitations('甲《行动计划》二（一）乙国办发〔2021〕13号', INDEX, D21);
    assert.equal(citationAt(cs, 0), undefined);
    assert.equal(citationAt(cs, 1)?.kind, 'path');
    assert.equal(citationAt(cs, 11)?.kind, 'path');
    assert.equal(citationAt(cs, 12)?.kind, 'docnumber');
    assert.equal(citationAt(cs, 30), undefined);
  });
});
