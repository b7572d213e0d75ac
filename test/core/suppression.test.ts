import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSuppressed, parseSuppressions, unknownSuppressionCodes } from '../../server/src/core/suppression';

test('disable-next-line covers only the next non-empty line and only the named codes', () => {
  const text = 'a\n<!-- action-plan-disable-next-line outdated-agency -->\n\n卫生部负责\n卫生部配合\n';
  const s = parseSuppressions(text);
  const first = text.indexOf('卫生部负责');
  const second = text.indexOf('卫生部配合');
  assert.equal(isSuppressed(s, 'outdated-agency', first), true);
  assert.equal(isSuppressed(s, 'unknown-agency', first), false);
  assert.equal(isSuppressed(s, 'outdated-agency', second), false);
});

test('disable-next-line without codes covers every code', () => {
  const text = '<!-- action-plan-disable-next-line -->\n卫生部\n';
  const s = parseSuppressions(text);
  assert.equal(isSuppressed(s, 'citation-format', text.indexOf('卫生部')), true);
});

test('disable … enable regions, and an unclosed disable runs to the end', () => {
  const text = 'x卫生部\n<!-- action-plan-disable -->\n卫生部\n<!-- action-plan-enable -->\n卫生部\n<!-- action-plan-disable unknown-agency -->\n甲乙';
  const s = parseSuppressions(text);
  const at = (n: number) => {
    let i = -1;
    for (let k = 0; k <= n; k++) i = text.indexOf('卫生部', i + 1);
    return i;
  };
  assert.equal(isSuppressed(s, 'outdated-agency', at(0)), false);
  assert.equal(isSuppressed(s, 'outdated-agency', at(1)), true);
  assert.equal(isSuppressed(s, 'outdated-agency', at(2)), false);
  assert.equal(isSuppressed(s, 'unknown-agency', text.indexOf('甲乙')), true);
  assert.equal(isSuppressed(s, 'outdated-agency', text.indexOf('甲乙')), false);
});

test('unknown codes in suppression comments are reported', () => {
  const s = parseSuppressions('<!-- action-plan-disable-next-line outdated-agency no-such-rule -->\nx\n');
  assert.deepEqual(unknownSuppressionCodes(s), ['no-such-rule']);
});
