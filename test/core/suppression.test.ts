import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  codeSpans,
  inSpans,
  isSuppressed,
  parseSuppressions,
  unknownSuppressionCodes,
} from '../../server/src/core/suppression';

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

test('disable … enable regions, and an unclosed disable runs to the end (no heading after it)', () => {
  const text =
    'x卫生部\n<!-- action-plan-disable -->\n卫生部\n<!-- action-plan-enable -->\n卫生部\n<!-- action-plan-disable unknown-agency -->\n甲乙';
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

test('an unclosed disable applies only up to the next heading and is reported', () => {
  const text = '# 一\n<!-- action-plan-disable -->\n卫生部\n## 二\n卫生部\n二、\n卫生部\n';
  const s = parseSuppressions(text);
  const at = (n: number) => text.split('卫生部', n + 1).join('卫生部').length;
  assert.equal(isSuppressed(s, 'outdated-agency', at(0)), true);
  assert.equal(isSuppressed(s, 'unknown-citation', at(1)), false);
  assert.deepEqual(s.unclosed, [{ start: 4, end: 32, until: text.indexOf('## 二') }]);
  // A top-level Chinese heading (二、) ends a section in plain text too.
  const plain = '<!-- action-plan-disable -->\n卫生部\n二、职责\n卫生部\n';
  const p = parseSuppressions(plain);
  assert.equal(isSuppressed(p, 'outdated-agency', plain.indexOf('卫生部')), true);
  assert.equal(isSuppressed(p, 'outdated-agency', plain.lastIndexOf('卫生部')), false);
  // Closed regions are not reported.
  assert.deepEqual(parseSuppressions('<!-- action-plan-disable -->\nx\n<!-- action-plan-enable -->\n').unclosed, []);
});

test('directives quoted in inline code or fenced code blocks are text, not directives', () => {
  const guide = [
    '写 `<!-- action-plan-disable -->` 可关闭检查：',
    '```markdown',
    '<!-- action-plan-disable -->',
    '<!-- action-plan-disable-next-line -->',
    '```',
    '~~~',
    '<!-- action-plan-disable -->',
    '~~~',
    '``<!-- action-plan-disable -->``',
    '卫生部负责。',
  ].join('\n');
  const s = parseSuppressions(guide);
  assert.deepEqual(s.regions, []);
  assert.deepEqual(s.unclosed, []);
  // A real directive after the code still counts.
  const real = guide + '\n<!-- action-plan-disable-next-line -->\n卫生部配合。\n';
  assert.equal(isSuppressed(parseSuppressions(real), 'outdated-agency', real.indexOf('卫生部配合')), true);
  assert.equal(isSuppressed(parseSuppressions(real), 'outdated-agency', real.indexOf('卫生部负责')), false);
  // An unclosed fence runs to the end: everything after it is code.
  assert.deepEqual(parseSuppressions('```\n<!-- action-plan-disable -->\n卫生部').regions, []);
});

test('codeSpans: fences (``` and ~~~, longer closers, info strings), inline spans of matching runs, unmatched backticks', () => {
  const t = 'a `b` c ``d`e`` f ` g\n````js\nx\n```\n````\nh';
  const spans = codeSpans(t).map(([a, b]) => t.slice(a, b));
  assert.deepEqual(spans, ['`b`', '``d`e``', '````js\nx\n```\n````']);
  assert.equal(inSpans(codeSpans(t), t.indexOf('h')), false);
  assert.equal(inSpans(codeSpans(t), t.indexOf('x')), true);
});
