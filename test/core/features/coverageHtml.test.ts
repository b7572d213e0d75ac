// core/features/coverageHtml.ts: the reader's language, escaping, the webview fragment (buttons, no links).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngines } from '../../../server/src/node/data';
import { coverageMap, mapCells } from '../../../server/src/core/features/coverageMap';
import { renderCoverageFragment, renderCoverageHtml, stateLabel } from '../../../server/src/core/features/coverageHtml';

const engines = loadEngines();
const map = coverageMap([{ uri: 'a<b>&"c".md', text: '《行动计划（2021—2030年）》二（一）2（3）第9项' }], engines, {
  defaultPlan: '2021-2030',
});

test('one language per reader: zh, en, or both with Chinese first', () => {
  const zh = renderCoverageHtml([{ file: 'x.md', map }], { lang: 'zh' });
  const en = renderCoverageHtml([{ file: 'x.md', map }], { lang: 'en' });
  const both = renderCoverageHtml([{ file: 'x.md', map }], { lang: 'both' });
  assert.match(zh, /<html lang="zh-CN">/);
  assert.match(en, /<html lang="en">/);
  assert.ok(zh.includes('<title>国家行动计划覆盖地图</title>'));
  assert.ok(en.includes('<title>Coverage map of the national plan</title>'));
  assert.ok(both.includes('<title>国家行动计划覆盖地图 / Coverage map of the national plan</title>'));
  assert.ok(!zh.includes('wrong path or flagged') && zh.includes('路径有误或需核对'));
  assert.ok(!en.includes('路径有误或需核对') && en.includes('wrong path or flagged'));
  assert.equal(stateLabel('expired-only', 'both'), '仅引用已失效计划 / expired plan only');
});

test('the flagged measure is drawn in its state; names and text are escaped', () => {
  const cell = mapCells(map).find((c) => c.path === '二（一）2（3）')!;
  assert.equal(cell.state, 'cited-wrong-path-nearby');
  const html = renderCoverageHtml(
    [{ file: 'a<b>&"c".md', map, findings: [{ code: 'x', severity: 'error', message: '<i>', line: 0, character: 0 }] }],
    { lang: 'en' },
  );
  assert.ok(html.includes('data-file="a&lt;b&gt;&amp;&quot;c&quot;.md"'));
  assert.ok(html.includes('<td>&lt;i&gt;</td>'));
  assert.match(
    html,
    /data-citation="《行动计划（2021—2030年）》二（一）2（3）" data-path="二（一）2（3）" data-kind="measure" data-state="cited-wrong-path-nearby"/,
  );
});

test('the webview fragment has buttons (no links, no scripts) and the same cells', () => {
  const f = renderCoverageFragment(map, { lang: 'zh' });
  assert.doesNotMatch(f, /<a |<script|href=/);
  assert.equal((f.match(/<button type="button" class="cell /g) ?? []).length, map.counts.cells);
});
