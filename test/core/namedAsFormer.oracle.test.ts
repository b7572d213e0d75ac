// namedAsFormer (core/analysis.ts: characters checked before a slice is tested) against the way it worked before
// (slices tested by the RegExps, verbatim below): the same answer for every mention of generated lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { namedAsFormer } from '../../server/src/core/analysis';

function oracle(line: string, ms: ReadonlyArray<{ start: number; end: number }>, i: number): boolean {
  if (FORMER_AFTER.test(line.slice(ms[i].end, ms[i].end + 6))) return true;
  for (let k = i; k >= 0; k--) {
    const start = ms[k].start;
    if (FORMER_BEFORE.test(line.slice(Math.max(0, start - 4), start))) return true;
    if (k === 0 || !LIST_JOIN.test(line.slice(ms[k - 1].end, start))) return false;
  }
  return false;
}
const LIST_JOIN = /^[、，,和及与]$/;
const FORMER_BEFORE = /(?:^|[^平阳武太五镇固])原(?:来的)?$|撤销$|不再保留$|前身[为是]$|撤并$/;
const FORMER_AFTER = /^(?:\s*[（(]\s*现|更名|改名|改称|调整为|改为|并入|划入|撤销|已撤销|的职责划入)/;

test('namedAsFormer = its previous implementation on generated lines', () => {
  const NAME = '县卫生局';
  const piece = fc.constantFrom(
    ...['原', '原来的', '太原', '平原', '撤销', '不再保留', '前身为', '前身是', '撤并', '的', '为', '是', '并'],
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
