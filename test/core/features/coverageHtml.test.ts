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

test('the reference date and its plan are shown; the 2008—2012 plan (text not in the corpus) gives a clear notice, no map', () => {
  const old = coverageMap([{ uri: 'a.md', text: '《行动计划（2013—2020年）》二（一）2（1）' }], engines, {
    defaultPlan: '2021-2030',
    date: '2015-06-01',
  });
  const f15 = renderCoverageFragment(old, { lang: 'zh' });
  assert.ok(f15.includes('参照日期：2015-06-01'));
  assert.ok(f15.includes('《中国反对拐卖人口行动计划（2013—2020年）》'));
  assert.ok(f15.includes('data-citation="《行动计划（2013—2020年）》二（一）2（1）"'));

  const m = coverageMap([{ uri: 'a.md', text: '' }], engines, { defaultPlan: '2021-2030', date: '2010-05-01' });
  for (const [lang, words] of [
    ['zh', ['原文未收录', '国办发〔2007〕69号', '2010-05-01']],
    ['en', ['not available', '国办发〔2007〕69号', '2010-05-01']],
  ] as const) {
    const frag = renderCoverageFragment(m, { lang });
    const page = renderCoverageHtml([{ file: 'a.md', map: m, findings: [] }], { lang });
    for (const html of [frag, page]) {
      assert.match(html, /<p class="unavailable" data-plan="2008-2012" data-unavailable="text-not-in-corpus">/);
      for (const w of words) assert.ok(html.includes(w), `${lang}: ${w}`);
      assert.doesNotMatch(html, /class="cell |<table class="measures"/, 'no empty map, no empty table');
    }
  }
  const none = coverageMap([], engines, { defaultPlan: '2021-2030', date: '2000-01-01' });
  assert.ok(renderCoverageFragment(none, { lang: 'zh' }).includes('尚无国家反拐行动计划'));
});

test('a place reached through the crosswalk names the plan it cites', () => {
  const m = coverageMap([{ uri: 'a.md', text: '《行动计划（2013—2020年）》二（一）2（1）' }], engines, {
    defaultPlan: '2021-2030',
    date: '2024-01-01',
  });
  const page = renderCoverageHtml([{ file: 'a.md', map: m }], { lang: 'both' });
  assert.ok(page.includes('经《行动计划（2013—2020年）》对应 / via the 2013-2020 plan'));
});
