// core/review/clause.ts: the one parser of （…负责，…配合） clauses, read by duplicate-agency (repeats.ts) and
// responsibility-mismatch (responsibility.ts). Every span is checked against the line it came from.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bracketClauses, type ClausePart } from '../../../server/src/core/review/clause';

const at = (line: string, s: { start: number; end: number }) => line.slice(s.start, s.end);
const view = (line: string, p: ClausePart) => ({
  whole: at(line, p.whole),
  role: p.role,
  names: p.names && at(line, p.names),
  items: p.items.map((it) => [it.text, at(line, it)]),
});

describe('bracketClauses', () => {
  test('parts, role words, 由, 等部门, separators, halfwidth brackets; spans point into the line', () => {
    const line = '做好工作。(由县民政局、县公安局牵头，县妇联等部门配合)';
    const [c] = bracketClauses(line);
    assert.equal(at(line, c), '(由县民政局、县公安局牵头，县妇联等部门配合)');
    assert.deepEqual(
      c.seps.map((s) => at(line, s)),
      ['，'],
    );
    assert.deepEqual(
      c.parts.map((p) => view(line, p)),
      [
        {
          whole: '由县民政局、县公安局牵头',
          role: 'lead',
          names: '县民政局、县公安局',
          items: [
            ['县民政局', '县民政局'],
            ['县公安局', '县公安局'],
          ],
        },
        { whole: '县妇联等部门配合', role: 'cooperating', names: '县妇联', items: [['县妇联', '县妇联']] },
      ],
    );
  });

  test('every role word; the longest lead word wins (牵头负责); 共同/分别 and 和其他/及相关 tails are not names', () => {
    const line = '（公安局牵头负责；民政局、妇联共同参与,教育局协助，卫健委和其他部门分别配合；司法局及相关单位负责）';
    const [c] = bracketClauses(line);
    assert.deepEqual(
      c.parts.map((p) => [p.role, p.names?.text]),
      [
        ['lead', '公安局'],
        ['cooperating', '民政局、妇联'],
        ['cooperating', '教育局'],
        ['cooperating', '卫健委'],
        ['lead', '司法局'],
      ],
    );
    assert.deepEqual(
      c.seps.map((s) => at(line, s)),
      ['；', ',', '，', '；'],
    );
  });

  test('what the readers judge is reported, not decided: a part without a role word, white space, empty items', () => {
    const line = '（县公安局负责， 县民政局配合 ，县妇联、、县团委配合，其他事项）';
    const [c] = bracketClauses(line);
    assert.deepEqual(
      c.parts.map((p) => [p.role, p.padded, p.names && at(line, p.names), p.items.map((it) => it.text)]),
      [
        ['lead', false, '县公安局', ['县公安局']],
        ['cooperating', true, '县民政局', ['县民政局']],
        ['cooperating', false, '县妇联、、县团委', ['县妇联', '', '县团委']],
        [undefined, false, undefined, []],
      ],
    );
  });

  test('brackets without a role word, nested or unclosed brackets are not clauses; several clauses in order', () => {
    assert.deepEqual(bracketClauses('（以下简称《行动计划》）（2025年）'), []);
    assert.deepEqual(bracketClauses('（县公安局负责'), []);
    const line = '甲（A负责）乙（（B配合））丙(C牵头)';
    assert.deepEqual(
      bracketClauses(line).map((c) => at(line, c)),
      ['（A负责）', '（B配合）', '(C牵头)'],
    );
  });

  test('UTF-16 offsets: a non-BMP character before and inside a clause', () => {
    const line = '𠀋（由𠀋县公安局负责）';
    const [c] = bracketClauses(line);
    assert.equal(c.start, 2);
    assert.deepEqual(
      c.parts[0].items.map((it) => [it.text, at(line, it)]),
      [['𠀋县公安局', '𠀋县公安局']],
    );
  });
});
