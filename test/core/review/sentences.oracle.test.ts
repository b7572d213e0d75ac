// The sentence around a citation (citationMismatch.ts sentenceAround: the line's sentence ends found once by a RegExp,
// then bisected) against the way it was found before (a loop over the characters each way, verbatim below).
// And endIn (whether a stretch of a line holds a sentence end) against sentenceEnds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sentenceAround } from '../../../server/src/core/review/citationMismatch';
import { endIn, sentenceEnds } from '../../../server/src/core/review/sentences';

function isEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x21 || c === 0x3f || c === 0x3b;
}
function oracle(line: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  for (; from > 0; from--) if (isEnd(line.charCodeAt(from - 1))) break;
  let to = end;
  for (; to < line.length; to++) if (isEnd(line.charCodeAt(to))) break;
  return { from, to: Math.min(line.length, to + 1) };
}

/** Lines joined from up to 14 of `pieces`, each with an ordered range [from, to] of offsets in it. */
function linesWithRange(pieces: string[]): fc.Arbitrary<readonly [string, number, number]> {
  return fc
    .array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 14 })
    .map((xs) => xs.join(''))
    .chain((line) =>
      fc
        .tuple(fc.nat({ max: line.length }), fc.nat({ max: line.length }))
        .map(([a, b]) => [line, Math.min(a, b), Math.max(a, b)] as const),
    );
}

test('sentenceAround = its previous implementation on generated lines and spans', () => {
  const input = linesWithRange([
    '。',
    '！',
    '？',
    '；',
    ';',
    '!',
    '?',
    '，',
    '.',
    '、',
    '县公安局',
    '按照',
    '𠀋',
    ' ',
    '',
  ]);
  fc.assert(
    fc.property(input, ([line, start, end]) => {
      assert.deepEqual(sentenceAround(line, start, end), oracle(line, start, end), JSON.stringify([line, start, end]));
    }),
    { numRuns: 5000 },
  );
});

test('endIn(line, from, to) = whether one of sentenceEnds(line) lies in [from, to), on generated lines and ranges', () => {
  const input = linesWithRange(['。', '！', '？', '；', ';', '!', '?', '，', '.', '、', '县公安局', '𠀋', ' ', '']);
  fc.assert(
    fc.property(input, ([line, from, to]) => {
      const expected = sentenceEnds(line).some((e) => e >= from && e < to);
      assert.equal(endIn(line, from, to), expected, JSON.stringify([line, from, to]));
    }),
    { numRuns: 5000 },
  );
});
