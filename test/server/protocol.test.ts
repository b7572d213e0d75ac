// The real language server: pull diagnostics, cancellation, robustness against malformed requests, settings
// (rules, didChangeConfiguration, maxDocumentSize, trust), symbols and the custom requests of the VS Code client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, ROOT, TODAY, TestServer, fixtureText, fixtureUri } from './lspClient';

const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
const planFile = (plan: string) => pathToFileURL(join(ROOT, 'data', 'plans', `${plan}.txt`)).href;
const planText = (plan: string) => readFileSync(join(ROOT, 'data', 'plans', `${plan}.txt`), 'utf8');
const BAD = '《行动计划（2021—2030年）》二（一）2（99）\n';

test('pull diagnostics: full report, then unchanged for the same version; no push', async () => {
  const s = await TestServer.start({ pull: true });
  try {
    const uri = 'untitled:pull-1';
    await s.open(uri, BAD);
    const first = await s.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(first.kind, 'full');
    assert.equal(first.resultId, '1:0');
    assert.deepEqual(
      first.items.map((d: any) => [d.code, d.severity, d.range, d.source]),
      [['unknown-citation', 1, r(0, 18, 0, 27), 'action-plan']],
    );
    const again = await s.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: '1:0' });
    assert.deepEqual(again, { kind: 'unchanged', resultId: '1:0' });
    await s.change(uri, 2, [{ range: r(0, 25, 0, 26), text: '' }]);
    const second = await s.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: '1:0' });
    assert.equal(second.kind, 'full');
    assert.equal(second.resultId, '2:0');
    assert.deepEqual(
      second.items.map((d: any) => d.range),
      [r(0, 18, 0, 26)],
    );
    await new Promise((res) => setTimeout(res, 400));
    assert.equal(s.published.size, 0);
  } finally {
    await s.stop();
  }
});

test('cancellation: a cancelled request gets RequestCancelled, the server keeps serving', async () => {
  const s = await TestServer.start({ pull: true });
  try {
    const uri = 'untitled:cancel-1';
    await s.open(uri, BAD);
    // A document whose analysis takes many of the server's 8 ms time slices (4,000 distinct lines): the cancellation,
    // sent right after the request, is read while the request is queued or waits for that analysis — no race with a
    // timer, however fast the machine.
    const big = 'untitled:cancel-big';
    const lines = Array.from(
      { length: 4000 },
      (_, i) => `${i + 1}、由市公安局负责，市民政局、卫生部配合（第${i}项）。`,
    );
    await s.open(big, lines.join('\n'));
    await assert.rejects(s.requestAndCancel('textDocument/diagnostic', { textDocument: { uri: big } }, 0), (e: any) => {
      assert.equal(e.code, -32800);
      return true;
    });
    // The same request, not cancelled, is answered.
    const report = await s.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.items.length, 1);
    const h = await s.hover(uri, 0, 3);
    assert.deepEqual(h.range, r(0, 0, 0, 27));
    assert.ok(s.alive());
  } finally {
    await s.stop();
  }
});

test('robustness: malformed params are answered with errors or empty results; the server survives', async () => {
  const s = await TestServer.start({});
  try {
    const uri = 'untitled:robust-1';
    await s.open(uri, BAD);
    await assert.rejects(s.request('textDocument/hover', {}), (e: any) => e.code === -32602);
    await assert.rejects(
      s.request('textDocument/hover', { textDocument: { uri }, position: { line: -1 } }),
      (e: any) => e.code === -32602,
    );
    await assert.rejects(s.request('actionPlan/planText', { plan: '1999-2000' }), (e: any) => e.code === -32602);
    await assert.rejects(s.request('actionPlan/planText', null), (e: any) => e.code === -32602);
    await assert.rejects(s.request('actionPlan/searchNodes', { query: 42 }), (e: any) => e.code === -32602);
    await assert.rejects(s.request('actionPlan/coverage', { uris: 'x' }), (e: any) => e.code === -32602);
    await assert.rejects(s.request('actionPlan/coverageMap', { uris: [1] }), (e: any) => e.code === -32602);
    await assert.rejects(s.request('workspace/executeCommand', { command: 'nope' }), (e: any) => e.code === -32602);
    await assert.rejects(s.request('actionPlan/unknown', {}), (e: any) => e.code === -32601);
    // Unknown documents and out-of-range positions: empty answers.
    assert.equal(await s.hover('untitled:not-open', 0, 0), null);
    assert.equal(await s.hover(uri, 99, 99), null);
    assert.deepEqual(
      await s.request('textDocument/codeAction', {
        textDocument: { uri: 'untitled:x' },
        range: r(0, 0, 0, 0),
        context: { diagnostics: [] },
      }),
      [],
    );
    // A change for a document that was never opened, and garbage notifications, do not kill it either.
    await s.change('untitled:never', 2, [{ range: r(0, 0, 0, 0), text: 'x' }]);
    await s.conn.sendNotification('workspace/didChangeConfiguration', null);
    assert.equal(await s.request('actionPlan/status', { uri: 'untitled:not-open' }), null);
    const st = await s.request('actionPlan/status', { uri });
    assert.deepEqual(st, { referenceDate: TODAY, counts: { error: 1, warning: 0, information: 0, hint: 0 } });
    assert.ok(s.alive());
  } finally {
    await s.stop();
  }
});

test('settings: rules override severities; didChangeConfiguration re-validates open documents', async () => {
  const s = await TestServer.start({ settings: { rules: { 'unknown-citation': 'hint' } } });
  try {
    const uri = 'untitled:settings-1';
    await s.open(uri, BAD + '国办发[2021]13号\n');
    assert.deepEqual(
      (await s.diagnostics(uri, 1)).map((d) => [d.code, d.severity]),
      [
        ['unknown-citation', 4],
        ['citation-format', 3],
      ],
    );
    s.settings = { rules: { 'citation-format': 'off' }, referenceDate: '2030-01-01' };
    const before = s.published.get(uri)!.length;
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const pushed = await s.until(() =>
      s.published.get(uri)!.length > before ? s.published.get(uri)!.at(-1) : undefined,
    );
    assert.deepEqual(
      pushed.diagnostics.map((d) => [d.code, d.severity]),
      [['unknown-citation', 1]],
    );
    assert.deepEqual(await s.request('actionPlan/status', { uri }), {
      referenceDate: '2030-01-01',
      counts: { error: 1, warning: 0, information: 0, hint: 0 },
    });
    // A malformed setting: one clear message, defaults used.
    s.settings = { defaultPlan: '1999' };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await s.until(() => s.messages.find((m) => m.message.includes('actionPlan.defaultPlan')));
  } finally {
    await s.stop();
  }
});

test('settings: a document larger than maxDocumentSize gets one message and no analysis', async () => {
  const s = await TestServer.start({ settings: { maxDocumentSize: 20 } });
  try {
    const uri = 'untitled:big-1';
    await s.open(uri, BAD + BAD);
    assert.deepEqual(await s.diagnostics(uri, 1), []);
    await s.change(uri, 2, [{ range: r(0, 0, 0, 0), text: 'x' }]);
    assert.deepEqual(await s.diagnostics(uri, 2), []);
    const msgs = s.messages.filter((m) => m.message.includes('maxDocumentSize'));
    assert.equal(msgs.length, 1);
    assert.equal(msgs[0].type, 2);
    assert.equal(
      msgs[0].message,
      '文档过大（56 字符，上限 20），反拐行动计划助手未检查此文档：untitled:big-1。可调整设置 actionPlan.maxDocumentSize。 / ' +
        'The document is too large (56 characters, limit 20); it was not checked. See actionPlan.maxDocumentSize.',
    );
    assert.equal(await s.hover(uri, 0, 3), null);
  } finally {
    await s.stop();
  }
});

test('trust: customAgencies is read when trusted (missing file reported) and never in restricted mode', async () => {
  const trusted = await TestServer.start({
    settings: { customAgencies: 'no-such-agencies.json' },
    workspaceFolders: [join(FIXTURES, 'workspace')],
  });
  try {
    await trusted.open('untitled:t1', BAD);
    await trusted.diagnostics('untitled:t1', 1);
    const missing = join(FIXTURES, 'workspace', 'no-such-agencies.json');
    await trusted.until(() => trusted.messages.find((m) => m.type === 1 && m.message.includes(missing)));
  } finally {
    await trusted.stop();
  }
  const restricted = await TestServer.start({
    settings: { customAgencies: 'no-such-agencies.json' },
    workspaceFolders: [join(FIXTURES, 'workspace')],
    initializationOptions: { trusted: false },
  });
  try {
    await restricted.open('untitled:t2', BAD);
    assert.equal((await restricted.diagnostics('untitled:t2', 1)).length, 1);
    assert.deepEqual(restricted.messages, []);
  } finally {
    await restricted.stop();
  }
});

test('plan texts: action-plan scheme on request; such documents and the shipped files are not analysed', async () => {
  const s = await TestServer.start({ initializationOptions: { planTextScheme: 'action-plan' } });
  try {
    const uri = 'untitled:scheme-1';
    await s.open(uri, '《行动计划（2021—2030年）》二（一）2（1）\n');
    assert.deepEqual(
      await s.request('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 20 } }),
      [{ uri: 'action-plan:/2021-2030.txt', range: r(19, 0, 19, 141) }],
    );
    const links = await s.request('textDocument/documentLink', { textDocument: { uri } });
    assert.equal(links[0].target, 'action-plan:/2021-2030.txt#L20');
    const text = await s.request('actionPlan/planText', { plan: '2013-2020' });
    assert.deepEqual(text, { uri: 'action-plan:/2013-2020.txt', text: planText('2013-2020') });
    await s.open('action-plan:/2013-2020.txt', text.text, 'plaintext');
    await s.open(planFile('2013-2020'), text.text, 'plaintext');
    await s.open('untitled:marker', BAD);
    await s.diagnostics('untitled:marker', 1);
    await new Promise((res) => setTimeout(res, 100));
    assert.equal(s.published.has('action-plan:/2013-2020.txt'), false);
    assert.equal(s.published.has(planFile('2013-2020')), false);
  } finally {
    await s.stop();
  }
});

test('languages: plaintext and markdown by default (Neovim "text" too); others ignored', async () => {
  const s = await TestServer.start({});
  try {
    await s.open('untitled:l1', BAD, 'text');
    await s.open('untitled:l2', BAD, 'plaintext');
    await s.open('untitled:l3', BAD, 'javascript');
    assert.equal((await s.diagnostics('untitled:l1', 1)).length, 1);
    assert.equal((await s.diagnostics('untitled:l2', 1)).length, 1);
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(s.published.has('untitled:l3'), false);
  } finally {
    await s.stop();
  }
});

test('document symbols: the local outline, hierarchical, UTF-16 ranges', async () => {
  const s = await TestServer.start({});
  try {
    const uri = fixtureUri('outline.md');
    await s.open(uri, fixtureText('outline.md'));
    const syms = await s.request('textDocument/documentSymbol', { textDocument: { uri } });
    const shape = (x: any): unknown => [x.name, x.kind, x.range, x.selectionRange, x.children.map(shape)];
    assert.deepEqual(syms.map(shape), [
      [
        '𠮷城县反拐实施方案',
        15,
        r(0, 0, 9, 13),
        r(0, 2, 0, 12),
        [
          [
            '第一章 总则',
            3,
            r(2, 0, 5, 12),
            r(2, 0, 2, 6),
            [
              ['第一条 目的', 8, r(3, 0, 3, 16), r(3, 0, 3, 6), []],
              ['第二条 依据', 8, r(5, 0, 5, 12), r(5, 0, 5, 6), []],
            ],
          ],
          [
            '第二章 措施',
            3,
            r(7, 0, 9, 13),
            r(7, 0, 7, 6),
            [['一、预防', 3, r(8, 0, 9, 13), r(8, 0, 8, 4), [['（一）宣传', 2, r(9, 0, 9, 13), r(9, 0, 9, 5), []]]]],
          ],
        ],
      ],
    ]);
  } finally {
    await s.stop();
  }
});

test('workspace symbols and actionPlan/searchNodes: by path, words and pinyin', async () => {
  const s = await TestServer.start({});
  try {
    const ws = await s.request('workspace/symbol', { query: '二（一）2（1）' });
    assert.deepEqual(ws[0], {
      name: '《行动计划（2021—2030年）》二（一）2（1） 深化部门协同联动，实现信息互通、工作互动，综合运用大数据、人工智能等现代科技手段和入户走访、群众工作等传统手段，不断完善发现、举报拐卖人口犯罪工作机制',
      kind: 6,
      location: { uri: planFile('2021-2030'), range: r(19, 0, 19, 141) },
      containerName: '中国反对拐卖人口行动计划（2021—2030年）',
    });
    assert.equal(ws[1].name.startsWith('《行动计划（2013—2020年）》二（一）2（1） '), true);
    assert.deepEqual(await s.request('workspace/symbol', { query: '' }), []);
    const byPath = await s.request('actionPlan/searchNodes', { query: '2013-2020 二(一)2(1)' });
    assert.deepEqual(
      byPath.map((h: any) => [h.plan, h.path, h.citation]),
      [['2013-2020', '二（一）2（1）', '《行动计划（2013—2020年）》二（一）2（1）']],
    );
    const byPinyin = await s.request('actionPlan/searchNodes', { query: 'jqyffzjz' });
    assert.deepEqual(
      byPinyin.map((h: any) => [h.plan, h.path, h.heading]),
      [
        ['2021-2030', '二（一）', '健全预防犯罪机制'],
        ['2013-2020', '二（一）', '健全预防犯罪机制'],
      ],
    );
    const byWords = await s.request('actionPlan/searchNodes', { query: '买方市场 源头' });
    assert.deepEqual(byWords[0].citation, '《行动计划（2021—2030年）》二（一）2（3）');
    assert.equal(byWords[0].text.startsWith('（3）加大拐卖人口犯罪“买方市场”整治力度'), true);
  } finally {
    await s.stop();
  }
});

test('actionPlan/planTree: every plan with its status, nested nodes with plan-text ranges', async () => {
  const s = await TestServer.start({});
  try {
    const tree = await s.request('actionPlan/planTree', {});
    assert.deepEqual(
      tree.plans.map((p: any) => [
        p.id,
        p.title,
        p.nodes.map((n: any) => n.path),
        p.status,
        p.statusLabel,
        p.textInCorpus,
      ]),
      [
        [
          '2021-2030',
          '中国反对拐卖人口行动计划（2021—2030年）',
          ['通知', '序言', '一', '二', '三'],
          'in-force',
          '现行有效 / in force',
          true,
        ],
        [
          '2013-2020',
          '中国反对拐卖人口行动计划（2013—2020年）',
          ['通知', '序言', '一', '二', '三'],
          'superseded',
          '已被取代 / superseded',
          true,
        ],
        // Known by its metadata; its text is not in the corpus, and the tree says so instead of showing nodes.
        [
          '2008-2012',
          '中国反对拐卖妇女儿童行动计划（2008—2012年）',
          [],
          'superseded',
          '已被取代 / superseded；原文未收录 / text not in the corpus',
          false,
        ],
      ],
    );
    // planText of a plan whose text is not in the corpus: a clear error.
    await assert.rejects(s.request('actionPlan/planText', { plan: '2008-2012' }), /原文未收录/);
    const part2 = tree.plans[0].nodes[3];
    const section = part2.children[0];
    const measure = section.children[1].children[0];
    assert.deepEqual(
      {
        path: measure.path,
        citation: measure.citation,
        kind: measure.kind,
        range: measure.range,
        children: measure.children,
      },
      {
        path: '二（一）2（1）',
        citation: '《行动计划（2021—2030年）》二（一）2（1）',
        kind: 'measure',
        range: r(19, 0, 19, 141),
        children: [],
      },
    );
    assert.deepEqual([section.path, section.kind, section.heading], ['二（一）', 'section', '健全预防犯罪机制']);
    const lines = planText('2021-2030').split('\n');
    assert.equal(lines[19].length, 141);
  } finally {
    await s.stop();
  }
});

test("actionPlan/coverageMap: the map of the open text, its HTML in the reader's language, node texts, state labels", async () => {
  const s = await TestServer.start({ workspaceFolders: [join(FIXTURES, 'workspace')] });
  try {
    const a = pathToFileURL(join(FIXTURES, 'workspace', 'a.md')).href;
    await s.open(
      a,
      '《行动计划（2021—2030年）》二（二）2（1）第9项\n《行动计划（2013—2020年）》二（一）2（3）\n',
      'markdown',
    );
    const r = await s.request('actionPlan/coverageMap', { uris: [a, 'file:///no/such/file.md'], lang: 'en' });
    const cells = r.map.parts.flatMap((p: any) => p.sections.flatMap((x: any) => x.cells));
    const state = (path: string) => cells.find((c: any) => c.path === path).state;
    assert.equal(state('二（二）2（1）'), 'cited-wrong-path-nearby');
    assert.equal(state('二（一）2（3）'), 'expired-only');
    assert.equal(state('二（一）2（1）'), 'not-cited');
    assert.equal(cells.length, r.map.counts.cells);
    assert.deepEqual(r.skipped, ['file:///no/such/file.md']);
    assert.equal((r.html.match(/<button type="button" class="cell /g) ?? []).length, cells.length);
    assert.ok(r.html.includes('wrong path or flagged') && !r.html.includes('路径有误或需核对'));
    assert.match(r.css, /prefers-color-scheme:dark/);
    assert.deepEqual(r.labels['expired-only'], { symbol: '旧', label: 'expired plan only' });
    assert.equal(r.nodes['二（二）2（1）'].line, planIndexNode('二（二）2（1）').startLine);
    assert.equal(r.nodes['二（二）2（1）'].text, planIndexNode('二（二）2（1）').text);
    const zh = await s.request('actionPlan/coverageMap', { uris: [a], lang: 'zh' });
    assert.deepEqual(zh.labels.cited, { symbol: '✓', label: '已引用' });
  } finally {
    await s.stop();
  }
});

test("actionPlan/coverageMap: the plan in force on the documents' reference date; 2008—2012 (no text) says so", async () => {
  const s = await TestServer.start({ workspaceFolders: [join(FIXTURES, 'workspace')] });
  try {
    const a = pathToFileURL(join(FIXTURES, 'workspace', 'y2015.md')).href;
    const b = pathToFileURL(join(FIXTURES, 'workspace', 'y2010.md')).href;
    await s.open(a, '---\ndate: 2015-06-01\n---\n《行动计划（2013—2020年）》二（一）2（1）\n', 'markdown');
    await s.open(b, '<!-- action-plan: date=2010-05-01 -->\n按照《行动计划》要求。\n', 'markdown');
    const r15 = await s.request('actionPlan/coverageMap', { uris: [a], lang: 'zh' });
    assert.equal(r15.map.plan, '2013-2020');
    assert.equal(r15.map.date, '2015-06-01');
    const cells = r15.map.parts.flatMap((p: any) => p.sections.flatMap((x: any) => x.cells));
    assert.equal(cells.find((c: any) => c.path === '二（一）2（1）').state, 'cited');
    assert.ok(r15.html.includes('参照日期：2015-06-01') && r15.html.includes('2013—2020'));
    assert.ok(r15.nodes['二（一）2（1）'].text.length > 0, 'node texts of the map plan');
    const r10 = await s.request('actionPlan/coverageMap', { uris: [b], lang: 'en' });
    assert.equal(r10.map.plan, '2008-2012');
    assert.equal(r10.map.unavailable, 'text-not-in-corpus');
    assert.deepEqual(r10.map.parts, []);
    assert.match(r10.html, /class="unavailable"/);
    assert.ok(r10.html.includes('not available') && r10.html.includes('2010-05-01'));
    assert.doesNotMatch(r10.html, /class="cell /);
    // Two documents with different dates: the setting, else today (ACTION_PLAN_TODAY) — the 2021—2030 plan.
    const both = await s.request('actionPlan/coverageMap', { uris: [a, b], lang: 'en' });
    assert.equal(both.map.plan, '2021-2030');
  } finally {
    await s.stop();
  }
});

function planIndexNode(path: string): { startLine: number; text: string } {
  const index = JSON.parse(readFileSync(join(ROOT, 'data', 'index', 'plans.json'), 'utf8'));
  const plan = index.plans.find((p: any) => p.meta.id === '2021-2030');
  const node = plan.nodes.find((n: any) => n.path === path);
  // plans.json records offsets, not node texts: the text is the node's slice of the plan text file.
  const text = readFileSync(join(ROOT, plan.meta.textFile), 'utf8').slice(node.start, node.end);
  return { ...node, text };
}

test('actionPlan/coverageMap: content and responsibility checks flag their cells, open or on disk, as in the CLI report', async () => {
  const C21 = '《行动计划（2021—2030年）》';
  const text =
    `# 尤溪县贯彻落实《中国反对拐卖人口行动计划（2021—2030年）》实施方案\n\n` +
    `（一）按照${C21}二（一）2（2）的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。\n` +
    `（二）按照${C21}二（一）2（3）第1项的要求，规范婚姻登记管理。（县公安局负责，县民政局配合）\n`;
  const dir = mkdtempSync(join(tmpdir(), 'coverage-map-'));
  const s = await TestServer.start({ workspaceFolders: [dir] });
  try {
    const file = join(dir, 'plan.md');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const flagged = (r: any) =>
      r.map.parts
        .flatMap((p: any) => p.sections.flatMap((x: any) => x.cells))
        .filter((c: any) => c.flags.length)
        .map((c: any) => [c.path, c.state, c.flags.map((f: any) => f.code)]);
    const want = [
      ['二（一）2（2）', 'cited-wrong-path-nearby', ['citation-mismatch']],
      ['二（一）2（3）第1项', 'cited-wrong-path-nearby', ['responsibility-mismatch']],
    ];
    assert.deepEqual(
      flagged(await s.request('actionPlan/coverageMap', { uris: [uri], lang: 'zh' })),
      want,
      'from disk',
    );
    await s.open(uri, text, 'markdown');
    const open = await s.request('actionPlan/coverageMap', { uris: [uri], lang: 'zh' });
    assert.deepEqual(flagged(open), want, 'open');
    // The same states as action-plan-lint report --format json.
    const cli = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'action-plan-lint.js'), 'report', '--format', 'json', file],
      {
        encoding: 'utf8',
        env: { ...process.env, ACTION_PLAN_TODAY: TODAY },
      },
    );
    const cells = open.map.parts.flatMap((p: any) => p.sections.flatMap((x: any) => x.cells));
    assert.deepEqual(
      cells.map((c: any) => [c.citation, c.state]),
      JSON.parse(cli.stdout)[0].cells.map((c: any) => [c.citation, c.state]),
    );
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('actionPlan/coverageMap: for every draft in examples/, the same states as action-plan-lint report --format json', async () => {
  const dir = join(ROOT, 'examples');
  const files = readdirSync(dir)
    .filter((f) => /\.(md|txt)$/.test(f))
    .map((f) => join(dir, f));
  assert.ok(files.length >= 3);
  const cli = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'action-plan-lint.js'), 'report', '--format', 'json', ...files],
    {
      encoding: 'utf8',
      env: { ...process.env, ACTION_PLAN_TODAY: TODAY },
    },
  );
  assert.equal(cli.status, 0, cli.stderr);
  const want = JSON.parse(cli.stdout) as Array<{ cells: Array<{ citation: string; state: string }> }>;
  const s = await TestServer.start({ workspaceFolders: [dir] });
  try {
    for (const [i, file] of files.entries()) {
      const r = await s.request('actionPlan/coverageMap', { uris: [pathToFileURL(file).href] });
      const cells = r.map.parts.flatMap((p: any) => p.sections.flatMap((x: any) => x.cells));
      assert.deepEqual(
        cells.map((c: any) => [c.citation, c.state]),
        want[i].cells.map((c) => [c.citation, c.state]),
        file,
      );
    }
  } finally {
    await s.stop();
  }
});

test('actionPlan/coverage: open text over disk, cited / not cited by section with counts and links', async () => {
  const s = await TestServer.start({ workspaceFolders: [join(FIXTURES, 'workspace')] });
  try {
    const a = pathToFileURL(join(FIXTURES, 'workspace', 'a.md')).href;
    const b = pathToFileURL(join(FIXTURES, 'workspace', 'sub', 'b.txt')).href;
    // a.md is open with different text: the open text is used.
    await s.open(a, '《行动计划（2021—2030年）》二（二）2（1）\n', 'markdown');
    const { markdown } = await s.request('actionPlan/coverage', { uris: [a, b, 'file:///no/such/file.md'] });
    const lines: string[] = markdown.split('\n');
    assert.equal(lines[0], '# 国家措施覆盖情况 / Coverage of the national measures');
    assert.equal(lines[2], '《中国反对拐卖人口行动计划（2021—2030年）》：已引用 3 / 32 项（9%）');
    assert.ok(lines.includes('- a.md：1 处引用 / citations'));
    assert.ok(lines.includes('- sub/b.txt：2 处引用 / citations'));
    assert.ok(lines.includes('## 《行动计划（2021—2030年）》二（一） 健全预防犯罪机制（2 / 5）'));
    assert.ok(
      lines.includes(
        `- ✅ 已引用 / cited [二（一）2（1）](${planFile('2021-2030')}#L20) 深化部门协同联动，实现信息互通、工作互动，综合运用大数据、人工智能等现代科技手段和入户走访、群众工作等传统手段，不断完善发现、举报拐卖人口犯罪工作机制（sub/b.txt:1）`,
      ),
      markdown,
    );
    assert.ok(
      lines.some((l) => l.startsWith(`- ❌ 未引用 / not cited [二（一）2（4）](${planFile('2021-2030')}#L41)`)),
    );
    assert.equal(lines.at(-2), '无法读取的文件 / Unreadable：file:///no/such/file.md');
  } finally {
    await s.stop();
  }
});

test('no blocking: a hover is answered while a large document is being analysed; stale versions are dropped', async () => {
  const s = await TestServer.start({});
  try {
    const lines: string[] = [];
    for (let i = 0; i < 30000; i++) {
      lines.push(
        `第${i}行：依据《行动计划（2021—2030年）》二（一）2（${i % 7}），由公安部、国家卫生计生委、民政部配合。`,
      );
    }
    await s.open('untitled:small', BAD);
    await s.diagnostics('untitled:small', 1);
    await s.open('untitled:big', lines.join('\n'));
    await new Promise((res) => setTimeout(res, 250)); // past the debounce: the analysis is running
    const h = await s.hover('untitled:small', 0, 3);
    assert.deepEqual(h.range, r(0, 0, 0, 27));
    assert.equal(s.published.has('untitled:big'), false, 'the hover waited for the large analysis');
    // A newer version cancels the running analysis; only the newest one is published.
    await s.change('untitled:big', 2, [{ range: r(0, 0, 0, 0), text: '《行动计划（2021—2030年）》二（一）2（99）' }]);
    const d = await s.diagnostics('untitled:big', 2);
    assert.deepEqual(d[0].range, r(0, 18, 0, 27));
    assert.equal(d[0].code, 'unknown-citation');
    assert.equal(
      s.published.get('untitled:big')!.some((p) => p.version === 1),
      false,
    );
  } finally {
    await s.stop();
  }
});

test('suppression comments: an unknown code is reported as a hint', async () => {
  const s = await TestServer.start({});
  try {
    const uri = 'untitled:suppress-1';
    await s.open(uri, '<!-- action-plan-disable-next-line unknown-citation no-such-rule -->\n' + BAD);
    assert.deepEqual(
      (await s.diagnostics(uri, 1)).map((d) => [d.code ?? null, d.severity, d.range, d.message]),
      [[null, 4, r(0, 52, 0, 64), 'Unknown rule "no-such-rule" in a suppression comment']],
    );
  } finally {
    await s.stop();
  }
});

test('bin/action-plan-language-server.js: serves LSP over stdio; explains a missing build in Chinese and English', async () => {
  const { spawnSync } = await import('node:child_process');
  const { copyFileSync, mkdtempSync, mkdirSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'ap-bin-'));
  try {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(join(ROOT, 'bin', 'action-plan-language-server.js'), join(dir, 'bin', 'x.js'));
    const run = spawnSync(process.execPath, [join(dir, 'bin', 'x.js'), '--stdio'], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.ok(run.stderr.includes('请先在项目目录运行 npm run build'));
    assert.ok(run.stderr.includes('run `npm run build`'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const s = await TestServer.start({ command: join(ROOT, 'bin', 'action-plan-language-server.js') });
  try {
    await s.open('untitled:bin-1', BAD);
    assert.equal((await s.diagnostics('untitled:bin-1', 1))[0].code, 'unknown-citation');
  } finally {
    await s.stop();
  }
});
