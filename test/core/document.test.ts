// core/document.ts: line starts found with indexOf, against the definition character by character (property test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeLineStarts, InMemoryDocument, lineAt } from '../../server/src/core/document';

/** The definition: a line ends after \r\n, \n or a lone \r. */
function lineStartsOracle(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

test('computeLineStarts: \\n, \\r\\n and a lone \\r end a line; the edges', () => {
  for (const [text, starts] of [
    ['', [0]],
    ['a', [0]],
    ['\n', [0, 1]],
    ['\r', [0, 1]],
    ['\r\n', [0, 2]],
    ['\n\r', [0, 1, 2]],
    ['a\r\nb\rc\nd', [0, 3, 5, 7]],
    ['x\r', [0, 2]],
    ['\r\r\n\n', [0, 1, 3, 4]],
  ] as const) {
    assert.deepEqual(computeLineStarts(text), starts, JSON.stringify(text));
  }
});

test('computeLineStarts equals the character-by-character definition (property)', () => {
  const piece = fc.constantFrom('a', '中', '𠮷', '\n', '\r', '\r\n', ' ');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(computeLineStarts(text), lineStartsOracle(text));
    }),
    { numRuns: 3000 },
  );
});

test('positionAt over mixed line ends: line and UTF-16 character', () => {
  const doc = new InMemoryDocument('x', 'ab\r\n𠮷c\rd\n');
  assert.deepEqual(doc.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(doc.positionAt(7), { line: 1, character: 3 });
  assert.deepEqual(doc.positionAt(8), { line: 2, character: 0 });
  assert.deepEqual(doc.positionAt(10), { line: 3, character: 0 });
  assert.equal(lineAt(computeLineStarts('ab\r\n𠮷c\rd\n'), 9), 2);
});
