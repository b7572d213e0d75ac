// Property tests: random soups of the tokens citations are made of.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findCitations, parseCitation } from '../../../server/src/core/citation/index';
import type { CitationOptions } from '../../../server/src/core/citation/api';
import { INDEX } from './mockIndex';

const TOKENS = [
  '《',
  '》',
  '〈',
  '〉',
  '行动计划',
  '中国',
  '反对拐卖人口行动计划',
  '（',
  '）',
  '(',
  ')',
  '2021',
  '2030',
  '2013',
  '2020',
  '—',
  '——',
  '-',
  '~',
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
  '3',
  '12',
  ' ',
  '\u3000',
  '\n',
  '国办发',
  '〔',
  '〕',
  '[',
  ']',
  '13',
  '19',
  '号',
  '、',
  '𠮷',
  '.',
  '。',
  '的通知',
  '国务院办公厅关于印发',
  '实施细则',
  '实施以来',
  '《行动计划》',
  '《行动计划（2021—2030年）》',
  '《中国反对拐卖人口行动计划(2013-2020年)》',
];
const ref = fc.constantFrom(
  '《行动计划》',
  '《行动计划（2021—2030年）》',
  '《行动计划(2013-2020年)》',
  '《 行动计划 》',
  '〈行动计划〉',
  '《反对拐卖人口行动计划（2021～2030年）》',
);
const open = fc.constantFrom('（', '(', '（ ');
const close = fc.constantFrom('）', ')', ' ）');
const sp = fc.constantFrom('', '', ' ', '\u3000');
const level = fc.oneof(
  fc.tuple(open, fc.constantFrom('一', '二', '九', '十一'), close).map((a) => a.join('')),
  fc.tuple(open, fc.constantFrom('1', '3', '12', '３'), close).map((a) => a.join('')),
  fc.constantFrom('1', '2', '2.', '2．', '2、', '第2项', '第二项', '第 1 项', '第（一）项', '部分', '第', '、'),
);
/** A reference followed by a plausible (possibly broken) path. */
const cited = fc
  .tuple(
    ref,
    sp,
    fc.constantFrom('', '第'),
    fc.constantFrom('一', '二', '三', '十'),
    fc.array(fc.tuple(sp, level), { maxLength: 5 }),
  )
  .map(([r, s, di, part, rest]) => r + s + di + part + rest.map(([a, b]) => a + b).join(''));
const soup = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: cited }), {
    maxLength: 30,
  })
  .map((a) => a.join(''));
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const opts = fc.constantFrom<CitationOptions>({ defaultPlan: '2021-2030' }, { defaultPlan: '2013-2020' });

test('spans are ordered, disjoint, inside the text, and text matches', () => {
  fc.assert(
    fc.property(soup, opts, (text, o) => {
      const cs = findCitations(text, INDEX, o);
      let prev = 0;
      for (const c of cs) {
        // Items a range implies (not written) span the whole range, overlapping its written ends.
        if (c.implied) {
          assert.ok(c.start >= c.planRef.end && c.end <= text.length && c.pathSpan?.end === c.end);
          continue;
        }
        assert.ok(c.start >= prev && c.start < c.end && c.end <= text.length);
        assert.equal(c.text, text.slice(c.start, c.end));
        // A list item (二（一）2（3）、（4）: the （4）) shares its head's plan reference, before it.
        if (c.listItem) assert.ok(c.planRef.end <= c.start);
        else assert.ok(c.planRef.start === c.start && c.planRef.end <= c.end);
        if (c.kind === 'path') {
          assert.ok(c.pathSpan && c.pathSpan.start >= c.planRef.end && c.pathSpan.end === c.end);
          assert.equal(c.canonical.endsWith(c.path!), true);
        }
        assert.equal(c.isCanonical, c.replacement === undefined);
        if (c.replacement !== undefined) assert.notEqual(c.replacement, c.text);
        prev = c.end;
      }
    }),
    { numRuns: RUNS },
  );
});

test('canonical forms and replacements are fixed points', () => {
  fc.assert(
    fc.property(soup, opts, (text, o) => {
      for (const c of findCitations(text, INDEX, o)) {
        const again = findCitations(c.canonical, INDEX, o);
        assert.equal(again.length, 1, c.canonical);
        assert.equal(again[0].text, c.canonical);
        assert.equal(again[0].canonical, c.canonical);
        assert.equal(again[0].isCanonical, true);
        assert.equal(parseCitation(c.canonical, INDEX, o)?.canonical, c.canonical);
        if (c.replacement !== undefined) {
          const fixed = findCitations(c.replacement, INDEX, { defaultPlan: c.plan });
          assert.equal(fixed.length, 1, c.replacement);
          assert.equal(fixed[0].text, c.replacement);
          assert.equal(fixed[0].isCanonical, true, c.replacement);
          assert.equal(fixed[0].canonical, c.canonical);
        }
      }
    }),
    { numRuns: RUNS },
  );
});

test('a prefix shifts offsets and changes nothing else', () => {
  fc.assert(
    fc.property(soup, opts, (text, o) => {
      const a = findCitations(text, INDEX, o);
      const b = findCitations('𠮷。\n' + text, INDEX, o);
      assert.deepEqual(
        b.map((c) => [c.start - 4, c.end - 4, c.canonical, c.isCanonical, c.replacement]),
        a.map((c) => [c.start, c.end, c.canonical, c.isCanonical, c.replacement]),
      );
    }),
    { numRuns: RUNS },
  );
});

test('parseCitation never throws and, when it answers, covers the trimmed string', () => {
  fc.assert(
    fc.property(soup, opts, (text, o) => {
      const c = parseCitation(text, INDEX, o);
      if (c) {
        assert.equal(c.text, text.trim());
        assert.equal(text.slice(c.start, c.end), c.text);
      }
    }),
    { numRuns: RUNS },
  );
});
