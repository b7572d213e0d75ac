// The fast paths of the citation finder against the plain way (oracles): the early rejection of lines without a
// trigger (mayCite), the scan that jumps from trigger to trigger, the early return when nothing is found. Generated
// lines mix titles, document numbers, paths, definitions, traditional and full/halfwidth forms, the dashes —— – -,
// spaces and non-BMP characters, with the real folding (data/index/t2s.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  findCitations,
  findCitationsReference,
  sameCitationState,
  scanText,
  stateKey,
  type CitationOptions,
  type CitationState,
} from '../../../server/src/core/citation/index';
import {
  ANY_TRIGGERS,
  DEF_WORDS,
  DOC_TRIGGERS,
  PATH_TABLE,
  SPACE_TABLE,
  isSpace,
  isPathChar,
  mayCite,
  mayCiteRaw,
  rawTriggers,
  type RawTriggers,
} from '../../../server/src/core/citation/syntax';
import { titleCores } from '../../../server/src/core/catalog/plans';
import { sharedPlanIndex } from '../../../server/src/node/data';

const index = sharedPlanIndex();
const fold = (s: string) => index.folder!.fold(s);

const PIECES = [
  '《',
  '》',
  '〈',
  '〉',
  '<',
  '>',
  '行动计划',
  '行動計劃',
  '行动计画',
  '中国',
  '中國',
  '中 国',
  '中',
  '国',
  '反',
  '反对拐卖人口行动计划',
  '反對拐賣人口行動計劃',
  '反对拐卖妇女儿童行动计划',
  '反对 拐卖人口行动计划',
  '（',
  '）',
  '(',
  ')',
  '2008',
  '2012',
  '2013',
  '2020',
  '2021',
  '2023',
  '2030',
  '２０２１',
  '—',
  '——',
  '–',
  '-',
  '~',
  '至',
  '年',
  '一',
  '二',
  '三',
  '十',
  '第',
  '部分',
  '项',
  '1',
  '2',
  '（1）',
  '(2)',
  '2.',
  '、',
  '和',
  ' ',
  '\u3000',
  '\u00a0',
  '国办发',
  '國辦發',
  '国 办 发',
  '国务院',
  '國務院辦公廳關於印發',
  '国务院办公厅关于印发',
  '的通知',
  '〔',
  '〕',
  '[',
  ']',
  '【',
  '】',
  '13',
  '19',
  '69',
  '号',
  '號',
  '办',
  '办法',
  '𠮷',
  '😀',
  '.',
  '。',
  '，',
  '：',
  '以下简称',
  '以下簡稱',
  '（以下简称《国家行动计划》）',
  '《国家行动计划》',
  '《行动计划》',
  '关于贯彻落实',
  '实施细则',
  '实施以来',
  '加强',
  '国家',
  '中央',
  '工作',
];
// Well-formed references, then damaged: spaces between characters (up to 5, beyond what the grammar accepts),
// traditional characters, fullwidth digits, halfwidth brackets.
const TRADITIONAL: Record<string, string> = {
  国: '國',
  办: '辦',
  发: '發',
  号: '號',
  对: '對',
  卖: '賣',
  动: '動',
  计: '計',
  划: '劃',
  务: '務',
  厅: '廳',
  关: '關',
  于: '於',
  简: '簡',
  称: '稱',
};
const years = fc
  .tuple(
    fc.constantFrom('（', '(', ''),
    fc.constantFrom(['2008', '2012'], ['2013', '2020'], ['2021', '2030'], ['２０２１', '２０３０'], ['2021', '2023']),
    fc.constantFrom('年', ''),
    fc.constantFrom('—', '——', '–', '-', '~', '至', ''),
    fc.constantFrom('年', '', '年'),
    fc.constantFrom('）', ')', ''),
  )
  .map(([o, [a, b], n1, d, n2, c]) => `${o}${a}${n1}${d}${b}${n2}${c}`);
const title = fc
  .tuple(fc.constantFrom('中国', '', '中'), fc.constantFrom(...titleCores().map((c) => c.core), '行动计划'), years)
  .map((a) => a.join(''));
const path = fc
  .tuple(
    fc.constantFrom('', '第'),
    fc.constantFrom('一', '二', '三', '十'),
    fc.constantFrom(
      '',
      '部分',
      '（一）',
      '(二)',
      '（一）2（3）',
      '（一）3（3）',
      '（二）1.（2）',
      '（一）（3）第2项',
      '第（一）项',
      '、（二）',
    ),
    fc.constantFrom(
      '',
      '、（4）',
      '至（5）',
      '—（6）',
      ' - （2）',
      '～（5）',
      '到第3项',
      '以及（2）',
      '及（3）',
      '与（二）',
      '和三（一）',
      '。',
    ),
  )
  .map((a) => a.join(''));
const reference = fc.oneof(
  fc.tuple(fc.constantFrom('《', '〈', ''), title, fc.constantFrom('》', '〉', ''), path).map((a) => a.join('')),
  fc
    .tuple(fc.constantFrom('《', '〈'), fc.constantFrom('行动计划', '国家行动计划'), fc.constantFrom('》', '〉'), path)
    .map((a) => a.join('')),
  fc
    .tuple(
      fc.constantFrom('《', ''),
      fc.constantFrom('国务院办公厅关于印发'),
      fc.constantFrom('〈', ''),
      title,
      fc.constantFrom('〉', ''),
      fc.constantFrom('的通知'),
      fc.constantFrom('》', ''),
    )
    .map((a) => a.join('')),
  fc
    .tuple(
      fc.constantFrom('国办发'),
      fc.constantFrom('〔', '[', '【', '(', '（', '{'),
      fc.constantFrom('2007', '2013', '2021', '2020'),
      fc.constantFrom('〕', ']', '】', ')', '）', '}'),
      fc.constantFrom('', '第'),
      fc.constantFrom('69', '19', '13', '12'),
      fc.constantFrom('号'),
    )
    .map((a) => a.join('')),
  fc.constantFrom(
    '（以下简称《行动计划》）',
    '（以下简称《国家行动计划》）',
    '，以下称《计划》',
    '（简称：“《行动计划》”）',
  ),
);
const damaged = fc
  .tuple(
    reference,
    fc.integer(),
    fc.integer(),
    fc.constantFrom(' ', '\u3000', '\u00a0', '  ', '    ', '     ', '\u2009'),
  )
  .map(([r, gaps, trad, sp]) => {
    let out = '';
    let k = 0;
    for (const ch of r) {
      const bit = k++ % 31;
      out += (trad >> bit) & 1 && TRADITIONAL[ch] ? TRADITIONAL[ch] : ch;
      if (((gaps >> bit) & 7) === 0) out += sp; // one character in eight
    }
    return out;
  });
const line = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
      { weight: 1, arbitrary: reference },
      { weight: 1, arbitrary: damaged },
    ),
    { maxLength: 16 },
  )
  .map((a) => a.join(''))
  .filter((s) => !/[\n\r]/.test(s));
const D = { defaultPlan: '2021-2030' as const, referenceDate: '2026-12-02' };

test('the written-out triggers of mayCite are ANY_TRIGGERS and DOC_TRIGGERS', () => {
  assert.deepEqual([...ANY_TRIGGERS].sort(), ['《', '〈', '反'].sort());
  assert.deepEqual([...DOC_TRIGGERS], ['办', '号']);
  // The scanner visits 中 and 反 for bare titles, and only where 对 follows: every title core starts with 反对.
  for (const c of titleCores()) assert.equal(c.core.slice(0, 2), '反对', c.core);
  for (const t of ANY_TRIGGERS) assert.equal(mayCite(`甲${t}乙`), true, t);
  assert.equal(mayCite('甲办乙号'), true);
  assert.equal(mayCite('甲办乙'), false);
  assert.equal(mayCite('甲乙号'), false);
  assert.equal(mayCite('国家中央工作，加强。'), false);
});

test('fast rejection never rejects a line on which the full scanner finds something', () => {
  fc.assert(
    fc.property(line, (s) => {
      const f = fold(s);
      if (mayCite(f)) return;
      const r = scanText(f, undefined, true);
      assert.deepEqual(r, { citations: [], definitions: [] }, s);
    }),
    { numRuns: 3000 },
  );
});

test('the trigger-to-trigger scan finds what the scan of every character finds', () => {
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), (ls) => {
      // Several lines in one text: the line breaks reset the nesting of 《》.
      const f = fold(ls.join('\n'));
      assert.deepEqual(scanText(f), scanText(f, undefined, true));
    }),
    { numRuns: 3000 },
  );
});

/** Line by line with the state carried, as the analysis does. */
function run(ls: string[], find: typeof findCitations, o: CitationOptions) {
  let state: CitationState = { bindings: {} };
  return ls.map((l) => {
    const s: CitationState = { bindings: { ...state.bindings } };
    if (state.last) s.last = state.last;
    const citations = find(l, index, { ...o, state: s });
    state = s;
    return { citations, state: { ...s, bindings: { ...s.bindings } } };
  });
}

test('findCitations equals its reference without fast paths, line by line with the state carried', () => {
  fc.assert(
    fc.property(
      fc.array(line, { minLength: 1, maxLength: 6 }),
      fc.constantFrom<CitationOptions>(D, { defaultPlan: '2013-2020' }),
      (ls, o) => {
        assert.deepEqual(run(ls, findCitations, o), run(ls, findCitationsReference, o));
      },
    ),
    { numRuns: 1500 },
  );
});

/**
 * Line by line as the analysis does now: the bindings of the state before are handed over, not copied (frozen here, so
 * a write to them would throw); the state is taken as it was when nothing changed.
 */
function runShared(ls: string[], o: CitationOptions) {
  let state: CitationState = { bindings: Object.freeze({}) as CitationState['bindings'] };
  return ls.map((l) => {
    const before = { ...state, bindings: { ...state.bindings } };
    const s: CitationState = { bindings: state.bindings };
    if (state.last) s.last = state.last;
    const citations = findCitations(l, index, { ...o, state: s });
    // The state carried in is unchanged; a binding made replaced the bindings by a copy.
    assert.deepEqual({ ...state, bindings: { ...state.bindings } }, before);
    if (s.bindings !== state.bindings) Object.freeze(s.bindings);
    state = sameCitationState(s, state) ? state : s;
    return { citations, state: { ...s, bindings: { ...s.bindings } } };
  });
}

test('findCitations never writes the bindings handed over: same results as with a copy per line', () => {
  fc.assert(
    fc.property(
      fc.array(line, { minLength: 1, maxLength: 6 }),
      fc.constantFrom<CitationOptions>(D, { defaultPlan: '2013-2020' }),
      (ls, o) => {
        assert.deepEqual(runShared(ls, o), run(ls, findCitations, o));
      },
    ),
    { numRuns: 1000 },
  );
  // A definition on a line: the bindings become a copy with it.
  const r = runShared(['根据《中国反对拐卖人口行动计划（2021—2030年）》（以下简称《国家行动计划》），制定本方案。'], D);
  assert.deepEqual(r[0].state.bindings, { 国家行动计划: '2021-2030' });
});

test('an abbreviation bound on an earlier line is found on a line the scanner finds nothing on', () => {
  const ls = [
    '根据《中国反对拐卖人口行动计划（2021—2030年）》（以下简称《国家行动计划》），制定本方案。',
    '落实《国家行动计划》二（一）2（9）。',
  ];
  const r = run(ls, findCitations, D);
  assert.deepEqual(r[0].state.bindings, { 国家行动计划: '2021-2030' });
  assert.deepEqual(
    r[1].citations.map((c) => [c.text, c.plan, c.path, c.planSource]),
    [['《国家行动计划》二（一）2（9）', '2021-2030', '二（一）2（9）', 'definition']],
  );
  assert.deepEqual(r, run(ls, findCitationsReference, D));
});

test('lines without a trigger: nothing found, the state untouched, traditional and fullwidth forms still found', () => {
  const state: CitationState = { last: '2013-2020', bindings: { 行动计划: '2013-2020' } };
  assert.deepEqual(findCitations('加强国家和中央的工作，办好实事。', index, { ...D, state }), []);
  assert.deepEqual(state, { last: '2013-2020', bindings: { 行动计划: '2013-2020' } });
  const found = (s: string) => findCitations(s, index, D).map((c) => [c.text, c.plan]);
  assert.deepEqual(found('依据國辦發〔2013〕19號'), [['國辦發〔2013〕19號', '2013-2020']]);
  assert.deepEqual(found('落实中國反對拐賣人口行動計劃（2021–2030年）'), [
    ['中國反對拐賣人口行動計劃（2021–2030年）', '2021-2030'],
  ]);
  assert.deepEqual(found('𠮷《行動計劃(2013-2020年)》二(一)'), [['《行動計劃(2013-2020年)》二(一)', '2013-2020']]);
});

test('the memo on the plan index: same answers at any offset, on any line; bounded', () => {
  const titles = [
    '《中国反对拐卖人口行动计划（2021—2023年）》',
    '《行动计划（2013—2020年）》二（一）2（3）',
    '《国务院办公厅关于印发〈中国反对拐卖人口行动计划（2021—2030年）〉的通知》',
  ];
  for (const t of titles) {
    const a = findCitations(t, index, D);
    const b = findCitations(`前文𠮷 ${t}`, index, D);
    assert.ok(a.length > 0, t);
    assert.deepEqual(
      b.map((c) => ({ ...c, start: c.start - 5, end: c.end - 5 })).map(({ planRef, pathSpan, ...c }) => c),
      a.map(({ planRef, pathSpan, ...c }) => c),
    );
    assert.deepEqual(
      b.map((c) => c.planRef.start - 5),
      a.map((c) => c.planRef.start),
    );
    assert.deepEqual(findCitationsReference(`前文𠮷 ${t}`, index, D), b);
  }
  for (let k = 0; k < 5000; k++) findCitations(`《文件${k}》二（一）`, index, D);
  const memo = index.memo!('citation.memo', () => assert.fail('the memo is made by findCitations')) as {
    scan: { refs: Map<string, unknown>; paths: Map<number, string> };
  };
  assert.ok(memo.scan.refs.size > 0 && memo.scan.refs.size <= 4096, String(memo.scan.refs.size));
  assert.deepEqual(
    findCitations(titles[1], index, D).map((c) => c.path),
    ['二（一）2（3）'],
  );
});

test('sameCitationState says what comparing the stateKeys says', () => {
  const plan = fc.constantFrom('2008-2012' as const, '2013-2020' as const, '2021-2030' as const, 'local' as const);
  const state = fc.record(
    {
      last: fc.constantFrom('2013-2020' as const, '2021-2030' as const),
      bindings: fc.dictionary(fc.constantFrom('行动计划', '国家行动计划', '计划', 'a', 'b'), plan),
    },
    { requiredKeys: ['bindings'] },
  );
  fc.assert(
    fc.property(state, state, (a, b) => {
      assert.equal(sameCitationState(a, b), stateKey(a) === stateKey(b));
      assert.equal(sameCitationState(a, { ...a, bindings: { ...a.bindings } }), true);
    }),
    { numRuns: 2000 },
  );
});

test('the farthest 中 that starts a title (中, 4 spaces, 国, 4 spaces, 反对…) is still found', () => {
  for (const gap of [' ', '    ', '\u3000\u3000\u3000\u3000']) {
    for (const before of ['', '中', '中国', '国中 ', '中央和']) {
      const s = `${before}中${gap}国${gap}反对拐卖人口行动计划（2021—2030年）`;
      const found = findCitations(s, index, D);
      assert.deepEqual(found, findCitationsReference(s, index, D), s);
      assert.deepEqual(
        found.map((c) => [c.start, c.form]),
        [[before.length, 'mention']],
        s,
      );
    }
  }
  // Five spaces: no longer a title from 中 (the title starts at 反).
  const s = '中     国     反对拐卖人口行动计划（2021—2030年）';
  assert.deepEqual(findCitations(s, index, D), findCitationsReference(s, index, D));
});

test('the rejection on unfolded text: its triggers are every unit folding to a trigger, and it says what mayCite says', () => {
  const raw = rawTriggers(index.folder!.changes!());
  // Against the folding of every BMP code unit.
  let all = '';
  for (let c = 0; c < 0x10000; c++) all += String.fromCharCode(c);
  const folded = fold(all);
  const into = (xs: readonly string[]) => [...all].filter((_, c) => xs.includes(folded[c])).sort();
  assert.deepEqual([...raw.any].sort(), into(ANY_TRIGGERS));
  assert.deepEqual(
    raw.doc.map((g) => [...g].sort()),
    DOC_TRIGGERS.map((x) => into([x])),
  );
  assert.ok(raw.doc[1].includes('號') && raw.doc[0].includes('辦'));
  fc.assert(
    fc.property(line, (s) => {
      assert.equal(mayCiteRaw(s, raw), mayCite(fold(s)), s);
    }),
    { numRuns: 3000 },
  );
  // A folding that changes a trigger itself, or folds another unit to one.
  const odd = rawTriggers([
    ['反'.charCodeAt(0), '返'.charCodeAt(0)],
    ['叛'.charCodeAt(0), '反'.charCodeAt(0)],
    ['乙'.charCodeAt(0), '号'.charCodeAt(0)],
  ]);
  assert.deepEqual(odd.any, ['《', '〈', '叛']);
  assert.deepEqual(odd.doc, [['办'], ['号', '乙']]);
  assert.equal(mayCiteRaw('反对', odd), false);
  assert.equal(mayCiteRaw('叛', odd), true);
  assert.equal(mayCiteRaw('办乙', odd), true);
  assert.equal(mayCiteRaw('办', odd), false);
});

/** rawTriggers the plain way (a set of every changed unit, a map of every folded unit): the oracle of the one-pass scan. */
function rawTriggersPlain(changes: ReadonlyArray<readonly [number, number]>): RawTriggers {
  const changed = new Set<number>();
  const into = new Map<number, string[]>();
  for (const [c, f] of changes) {
    changed.add(c);
    let l = into.get(f);
    if (!l) into.set(f, (l = []));
    l.push(String.fromCharCode(c));
  }
  const pre = (x: string): string[] => {
    const own = changed.has(x.charCodeAt(0)) ? [] : [x];
    return [...new Set([...own, ...(into.get(x.charCodeAt(0)) ?? [])])];
  };
  return { any: ANY_TRIGGERS.flatMap(pre), doc: DOC_TRIGGERS.map(pre) };
}

test('rawTriggers = the plain set-and-map construction, in the same order, on the real folding and generated ones', () => {
  assert.deepEqual(rawTriggers(index.folder!.changes!()), rawTriggersPlain(index.folder!.changes!()));
  const units = [...ANY_TRIGGERS, ...DOC_TRIGGERS, '叛', '乙', '辦', '號', '〈', 'a'].map((x) => x.charCodeAt(0));
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(...units), fc.constantFrom(...units)), { maxLength: 12 }),
      (pairs) => {
        assert.deepEqual(rawTriggers(pairs), rawTriggersPlain(pairs));
      },
    ),
    { numRuns: 500 },
  );
});

test('the table of spaces says what isSpace says, for every code unit', () => {
  for (let c = 0; c < 0x10000; c++) if ((SPACE_TABLE[c] === 1) !== isSpace(c)) assert.fail(`U+${c.toString(16)}`);
});

test('the table of path characters says what isPathChar says, for every code unit', () => {
  for (let c = 0; c < 0x10000; c++) if ((PATH_TABLE[c] === 1) !== isPathChar(c)) assert.fail(`U+${c.toString(16)}`);
});

test('every abbreviation word ends with 称 (definitionAt looks for it first)', () => {
  for (const w of DEF_WORDS) assert.equal(w[w.length - 1], '称', w);
});

test('bound abbreviations are looked up only where written in 《》: the name unbracketed, in a title, or bracketed', () => {
  const state = (): CitationState => ({ bindings: { 国家行动计划: '2013-2020', 计划: '2021-2030', 方案: 'local' } });
  const lines = [
    '国家行动计划和计划要求，落实《中国反对拐卖人口行动计划（2021—2030年）》。',
    '按照国家行动计划，落实《国家行动计划》二（一）2（9）和《计划》三。',
    '《国家行动计划 》与 《 计划》不是；〈国家行动计划〉也不是；《国家行动计划》是。',
    '计划》《计划',
    '《方案》《计划》',
  ];
  for (const l of lines) {
    const a = state();
    const b = state();
    assert.deepEqual(
      findCitations(l, index, { ...D, state: a }),
      findCitationsReference(l, index, { ...D, state: b }),
      l,
    );
    assert.deepEqual(a, b, l);
  }
  const found = findCitations(lines[1], index, { ...D, state: state() });
  assert.deepEqual(
    found.map((c) => [c.text, c.plan, c.planSource]),
    [
      ['《国家行动计划》二（一）2（9）', '2013-2020', 'definition'],
      ['《计划》三', '2021-2030', 'definition'],
    ],
  );
});
