// namedAsFormer (core/analysis.ts: characters checked before a slice is tested) against the plain way (slices tested
// by the RegExps, written out below): the same answer for every mention of generated lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { namedAsFormer } from '../../server/src/core/analysis';

function oracle(line: string, ms: ReadonlyArray<{ start: number; end: number }>, i: number): boolean {
  if (FORMER_AFTER.test(line.slice(ms[i].end, ms[i].end + 10))) return true;
  if (DUTIES_WITH.test(line.slice(ms[i].end, ms[i].end + 40))) return true;
  let j = i;
  while (j + 1 < ms.length && LIST_NEXT.test(line.slice(ms[j].end, ms[j + 1].start))) j++;
  if (MERGED_AFTER.test(line.slice(ms[j].end, ms[j].end + 10))) return true;
  for (let k = i; k >= 0; k--) {
    const start = ms[k].start;
    if (FORMER_BEFORE.test(line.slice(Math.max(0, start - 6), start))) return true;
    if (k === 0 || !LIST_JOIN.test(line.slice(ms[k - 1].end, start))) return false;
  }
  return false;
}
const LIST_JOIN = /^[、，,和及与]$/;
const LIST_NEXT = /^[、和及与]$/;
const FORMER_BEFORE =
  /(?:^|[^平阳武太五镇固])原(?:来的)?$|撤销$|不再保留$|[取替]代$|前身[为是]$|撤并$|(?:改革|调整)以?前(?:由|的)?$/;
const MERGED =
  '(?:整合|合并)(?:组建|为|成立)|的(?:相关)?职责(?:进行)?(?:划入|整合|划归|划转)|(?:正式|已)?合并(?=[。，；！]|$)|不再(?:保留|单设|单独设立)';
const FORMER_AFTER = new RegExp(
  `^(?:\\s*[（(]\\s*现|已?更名|已?改名|改称|调整(?:设置)?为|改为|已?并入|已?划入|已?撤销|的?基础上(?:重新)?(?:组建|成立|设立)|${MERGED})`,
);
const DUTIES_WITH = /^的(?:相关)?职责[与和及、][^。，；]{1,24}?的(?:相关)?职责(?:进行)?(?:整合|划入|划转|合并)/;
const MERGED_AFTER = new RegExp(`^\\s*(?:等(?:部门|单位|机构)?)?(?:${MERGED})`);

test('namedAsFormer = its previous implementation on generated lines', () => {
  const NAME = '县卫生局';
  const piece = fc.constantFrom(
    ...['原', '原来的', '太原', '平原', '撤销', '不再保留', '前身为', '前身是', '撤并', '的', '为', '是', '并'],
    ...[
      '改革前',
      '改革以前由',
      '调整前的',
      '由',
      '前',
      '整合组建',
      '合并为',
      '组建',
      '整合',
      '的相关职责划转',
      '的职责进行整合',
      '等部门',
      '等',
      '已更名为',
      '取代',
      '替代',
      '不再单设',
      '合并',
      '正式合并',
      '已合并',
      '基础上组建',
      '的基础上成立',
      '调整设置为',
      '的职责与',
    ],
    ...[
      '（现',
      '(现',
      ' （ 现',
      '\u3000(\u00a0现',
      '（',
      '现',
      '更名为',
      '改名',
      '改称',
      '调整为',
      '改为',
      '并入',
      '划入',
    ],
    ...[
      '已撤销',
      '的职责划入',
      '职责',
      '、',
      '，',
      ',',
      '和',
      '及',
      '与',
      '。',
      ' ',
      '\t',
      '\u2028',
      '\ufeff',
      'a',
      '𠀋',
    ],
    NAME,
    NAME,
    NAME,
  );
  let former = 0;
  let checked = 0;
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
      const line = pieces.join('');
      const ms: Array<{ start: number; end: number }> = [];
      for (let at = line.indexOf(NAME); at >= 0; at = line.indexOf(NAME, at + NAME.length))
        ms.push({ start: at, end: at + NAME.length });
      for (let i = 0; i < ms.length; i++) {
        const want = oracle(line, ms, i);
        assert.equal(namedAsFormer(line, ms, i), want, JSON.stringify(line));
        checked++;
        if (want) former++;
      }
    }),
    { numRuns: 8000 },
  );
  assert.ok(checked > 1500 && former > 300, `${former} of ${checked}`);
});
