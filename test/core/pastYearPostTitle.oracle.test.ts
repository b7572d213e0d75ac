// pastYear and postTitleClash (core/analysis.ts: characters checked before a slice is tested) against the way they
// worked before (every name's slices tested by the RegExps, verbatim below): the same answer for every mention of
// generated lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pastYear, postTitleClash } from '../../server/src/core/analysis';
import type { Finding } from '../../server/src/core/types';

const LIST_JOIN = new Set([0x3001, 0xff0c, 0x2c, 0x548c, 0x53ca, 0x4e0e]); // 、，,和及与
const LIST_NEXT = new Set([0x3001, 0x548c, 0x53ca, 0x4e0e]);
const YEAR_BEFORE = /([12１２][0-9０-９]{3})年(?:以|之)?前[，,]?(?:由|的)?$/;
const YEAR_AFTER = /^\s*(?:在|于)?([12１２][0-9０-９]{3})年(?:以|之)?前/;
function yearOf(digits: string): number {
  let n = 0;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    n = n * 10 + (c >= 0xff10 ? c - 0xff10 : c - 48);
  }
  return n;
}
function pastYearOracle(
  line: string,
  ms: ReadonlyArray<{ start: number; end: number }>,
  i: number,
  referenceDate: string,
): boolean {
  const refYear = Number(referenceDate.slice(0, 4));
  let first = i;
  while (first > 0 && ms[first].start - ms[first - 1].end === 1 && LIST_JOIN.has(line.charCodeAt(ms[first].start - 1)))
    first--;
  const start = ms[first].start;
  const before = YEAR_BEFORE.exec(line.slice(Math.max(0, start - 12), start));
  if (before && yearOf(before[1]) < refYear) return true;
  let last = i;
  while (
    last + 1 < ms.length &&
    ms[last + 1].start - ms[last].end === 1 &&
    LIST_NEXT.has(line.charCodeAt(ms[last].end))
  )
    last++;
  const after = YEAR_AFTER.exec(line.slice(ms[last].end, ms[last].end + 12));
  return !!after && yearOf(after[1]) < refYear;
}

const POST_TITLE = /^(?:长|(?:党组|党委)?(?:常务)?副?(?:厅长|局长|主任|处长|科长|司长|部长|书记|巡视员|调研员|秘书长))/;
function postTitleClashOracle(f: Finding, name: string, line: string, end: number): boolean {
  const fixes = f.fixes;
  if (fixes.length === 0 || !fixes.some((x) => x.unambiguous)) return false;
  if (!POST_TITLE.test(line.slice(end, end + 8))) return false;
  const kind = name.charAt(name.length - 1);
  return fixes.some((x) => {
    const t = x.edits[x.edits.length - 1]?.newText ?? '';
    return t.charAt(t.length - 1) !== kind;
  });
}

const NAME = '县卫生局';
const piece = fc.constantFrom(
  ...['2018', '２０１８', '2030', '1999', '2', '１', '年', '以', '之', '前', '，', ',', '由', '的', '在', '于'],
  ...[' ', '\u3000', '\t', '\u00a0', '、', '和', '及', '与', '。', 'a', '𠀋', '长', '长期', '副局长', '党组书记'],
  ...['常务副厅长', '主任', '处长', '秘书长', '党委副书记', '巡视员', '局', '厅'],
  ...['2018年前', '２０１６年以前，由', '2030年之前的', '1999年前,', '在2015年前', '于２０１０年以前', ' 2017年前'],
  NAME,
  NAME,
  NAME,
);

function mentionsOf(line: string): Array<{ start: number; end: number }> {
  const ms: Array<{ start: number; end: number }> = [];
  for (let at = line.indexOf(NAME); at >= 0; at = line.indexOf(NAME, at + NAME.length))
    ms.push({ start: at, end: at + NAME.length });
  return ms;
}

test('pastYear = its previous implementation on generated lines', () => {
  let past = 0;
  let checked = 0;
  fc.assert(
    fc.property(
      fc.array(piece, { minLength: 1, maxLength: 14 }),
      fc.constantFrom('2025-06-30', '2018-12-31', '2000-01-01'),
      (pieces, date) => {
        const line = pieces.join('');
        const ms = mentionsOf(line);
        for (let i = 0; i < ms.length; i++) {
          const want = pastYearOracle(line, ms, i, date);
          assert.equal(pastYear(line, ms, i, date), want, JSON.stringify([line, date]));
          checked++;
          if (want) past++;
        }
      },
    ),
    { numRuns: 10000 },
  );
  assert.ok(checked > 2000 && past > 200, `${past} of ${checked}`);
});

test('postTitleClash = its previous implementation on generated lines and fixes', () => {
  let clash = 0;
  let checked = 0;
  const fix = fc.record({
    unambiguous: fc.boolean(),
    newText: fc.constantFrom('县卫生健康委员会', '县卫健局', '县卫健委', '', '县卫生局'),
    edits: fc.constantFrom(1, 2, 0),
  });
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), fc.array(fix, { maxLength: 3 }), (pieces, fixes) => {
      const line = pieces.join('');
      for (const m of mentionsOf(line)) {
        const f: Finding = {
          code: 'outdated-agency',
          facts: { name: NAME, replacement: [] },
          severity: 'warning',
          start: m.start,
          end: m.end,
          data: {},
          fixes: fixes.map((x) => ({
            title: { zh: '', en: '' },
            edits: Array.from({ length: x.edits }, () => ({ start: m.start, end: m.end, newText: x.newText })),
            unambiguous: x.unambiguous,
          })),
        };
        const want = postTitleClashOracle(f, NAME, line, m.end);
        assert.equal(postTitleClash(f, NAME, line, m.end), want, JSON.stringify([line, fixes]));
        checked++;
        if (want) clash++;
      }
    }),
    { numRuns: 8000 },
  );
  assert.ok(checked > 1500 && clash > 100, `${clash} of ${checked}`);
});
