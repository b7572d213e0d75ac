// isValidDate compares code units instead of running /^\d{4}-\d{2}-\d{2}$/ per line scanned: the same answer as the
// regular expression on every shape of date-like input (and on non-strings, which still go to the expression).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isValidDate } from '../../../server/src/core/agency/knowledgeBase';

const RE = /^\d{4}-\d{2}-\d{2}$/;

test('isValidDate agrees with the regular expression', () => {
  const cases: unknown[] = [
    '2025-06-30',
    '9999-12-31',
    '0000-00-00',
    '2025-6-30',
    '2025-06-3',
    '2025-06-300',
    '2025/06/30',
    '2025-06-30\n',
    '\n2025-06-30',
    ' 2025-06-30',
    '２０２５-06-30',
    '2025－06-30',
    '2025-0a-30',
    '',
    'not a date',
    '2025-06-30T00:00',
    undefined,
    null,
    20250630,
    { toString: () => '2025-06-30' },
  ];
  for (const c of cases) assert.equal(isValidDate(c as string), RE.test(c as string), String(c));
  const digitOrNot = fc.constantFrom('0', '5', '9', '-', '/', 'a', '٣', '９', ' ', '\n');
  fc.assert(
    fc.property(fc.array(digitOrNot, { minLength: 8, maxLength: 12 }), (chars) => {
      const s = chars.join('');
      return isValidDate(s) === RE.test(s);
    }),
    { numRuns: 3000, seed: 20261202 },
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      (y, m, d) => {
        const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        return isValidDate(s) && RE.test(s);
      },
    ),
    { numRuns: 500, seed: 20261202 },
  );
});
