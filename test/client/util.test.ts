import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  RestartPolicy,
  countFindings,
  parsePlanLink,
  rewritePlanLinks,
  isIsoDate,
  lastSegment,
  locateByHeadings,
  planIdOfPath,
  today,
} from '../../client/src/util';

describe('client util', () => {
  it('planIdOfPath maps action-plan: paths to plan ids', () => {
    assert.equal(planIdOfPath('/2021-2030.txt'), '2021-2030');
    assert.equal(planIdOfPath('/2013-2020.txt'), '2013-2020');
    assert.equal(planIdOfPath('2013-2020'), '2013-2020');
    assert.equal(planIdOfPath('/2021-2031.txt'), undefined);
    assert.equal(planIdOfPath('/x/2021-2030.txt'), undefined);
    assert.equal(planIdOfPath(''), undefined);
  });

  it('lastSegment gives the last level of a canonical path', () => {
    assert.equal(lastSegment('二'), '二');
    assert.equal(lastSegment('二（一）'), '（一）');
    assert.equal(lastSegment('二（一）2'), '2');
    assert.equal(lastSegment('二（一）2（13）'), '（13）');
    assert.equal(lastSegment('二（一）2（3）第12项'), '第12项');
    assert.equal(lastSegment('三（二）'), '（二）');
    assert.equal(lastSegment('通知'), '通知');
  });

  it('locateByHeadings finds the line of a node after its ancestors', () => {
    const text = '一、总则\r\n（一）目标。\n二、措施\n（一）目标。健全机制\n（二）保障';
    // The second （一）目标 is the one under 二、措施.
    const span = locateByHeadings(text, ['措施', '目标']);
    assert.deepEqual(span, { start: text.indexOf('（一）目标。健全'), end: text.indexOf('\n（二）') });
    assert.equal(text.slice(span!.start, span!.end), '（一）目标。健全机制');
    // CR before LF is not part of the line.
    const first = locateByHeadings(text, ['总则']);
    assert.equal(text.slice(first!.start, first!.end), '一、总则');
    assert.equal(locateByHeadings(text, ['措施', '不存在']), undefined);
    assert.equal(locateByHeadings(text, ['', '  ']), undefined);
    // Offsets are UTF-16: a surrogate pair before the heading counts 2.
    const t2 = '𠮷\n（一）甲';
    assert.deepEqual(locateByHeadings(t2, ['甲']), { start: 3, end: 7 });
  });

  it('countFindings counts only the product codes, by severity', () => {
    const diags = [
      { code: 'outdated-agency', severity: 1 },
      { code: { value: 'unknown-citation', target: 'x' }, severity: 0 },
      { code: 'citation-format', severity: 2 },
      { code: 'unknown-agency', severity: 3 },
      { code: 'MD001', severity: 0 },
      { severity: 1 },
    ];
    // vscode.DiagnosticSeverity: 0 error … 3 hint.
    assert.deepEqual(countFindings(diags, 0), { error: 1, warning: 1, information: 1, hint: 1 });
    // LSP severities: 1 error … 4 hint.
    assert.deepEqual(countFindings(diags, 1), { error: 1, warning: 1, information: 1, hint: 0 });
  });

  it('isIsoDate accepts real calendar dates only', () => {
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2023-02-29'), false);
    assert.equal(isIsoDate('2024-13-01'), false);
    assert.equal(isIsoDate('2024-1-01'), false);
    assert.equal(isIsoDate(''), false);
    assert.equal(isIsoDate(20240101), false);
  });

  it('today formats a local date', () => {
    assert.equal(today(new Date(2026, 0, 5, 12)), '2026-01-05');
  });
});

describe('RestartPolicy', () => {
  it('restarts at most max times within the window, then again once old crashes age out', () => {
    const p = new RestartPolicy(4, 180_000);
    assert.deepEqual(
      [0, 1000, 2000, 3000].map((t) => p.crashed(t)),
      [true, true, true, true],
    );
    assert.equal(p.crashed(4000), false);
    // The crash at 0 leaves the window at 180 000.
    assert.equal(p.crashed(179_999), false);
    assert.equal(p.crashed(180_000), true);
    assert.equal(p.crashed(180_001), false);
    p.reset();
    assert.equal(p.crashed(180_002), true);
  });
});

describe('plan links', () => {
  it('rewritePlanLinks turns action-plan: links into command links and leaves others', () => {
    const md = '[在计划原文中打开 / Open](action-plan:/2021-2030.txt#L20) and [web](https://example.org/x)';
    assert.equal(
      rewritePlanLinks(md),
      '[在计划原文中打开 / Open](command:actionPlan.openLink?%5B%22action-plan%3A%2F2021-2030.txt%23L20%22%5D) and [web](https://example.org/x)',
    );
    assert.equal(rewritePlanLinks('no links'), 'no links');
  });

  it('parsePlanLink reads plan and 0-based line', () => {
    assert.deepEqual(parsePlanLink('action-plan:/2021-2030.txt#L20'), { plan: '2021-2030', line: 19 });
    assert.deepEqual(parsePlanLink('action-plan:/2013-2020.txt'), { plan: '2013-2020' });
    assert.equal(parsePlanLink('action-plan:/1999-2000.txt#L2'), undefined);
    assert.equal(parsePlanLink('file:///2021-2030.txt#L2'), undefined);
  });
});
