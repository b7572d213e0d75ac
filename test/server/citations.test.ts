// The real language server (dist/server.js over stdio) on citation features: push diagnostics, hover, definition,
// references, links, code actions, completion of titles and paths, with exact ranges (UTF-16: 𠮷 counts 2).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, ROOT, TestServer, childEnv, fixtureText, fixtureUri, HANG_LIMIT_MS } from './lspClient';

const uri = fixtureUri('citations.md');
const planFile = (plan: string) => pathToFileURL(join(ROOT, 'data', 'plans', `${plan}.txt`)).href;
const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
const M1 = '《行动计划（2021—2030年）》二（一）2（1）';

let s: TestServer;
before(async () => {
  s = await TestServer.start({ workspaceFolders: [join(FIXTURES, 'workspace')] });
  await s.open(uri, fixtureText('citations.md'));
});
after(async () => {
  await s.stop();
});

test('initialize: capabilities of a push client', async () => {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-jsonrpc/node');
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: childEnv(),
  });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();
  const init = (await conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as {
    capabilities: unknown;
    serverInfo: unknown;
  };
  assert.deepEqual(init.capabilities, {
    textDocumentSync: { openClose: true, change: 2 },
    hoverProvider: true,
    completionProvider: {
      triggerCharacters: ['《', '》', '（', '(', '）', ')', '、', '，', ','],
      resolveProvider: false,
    },
    definitionProvider: true,
    referencesProvider: true,
    documentSymbolProvider: { label: '反拐行动计划助手' },
    workspaceSymbolProvider: true,
    documentLinkProvider: { resolveProvider: false },
    codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.actionPlan'], resolveProvider: false },
    executeCommandProvider: { commands: ['actionPlan.addToWorkspaceAgencies'] },
  });
  assert.deepEqual(init.serverInfo, { name: 'action-plan-language-server', version: '0.1.0' });
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await new Promise((res) => child.once('exit', res));
  conn.dispose();
});

test('push diagnostics: every citation code, source, data, UTF-16 ranges', async () => {
  const d = await s.diagnostics(uri, 1);
  assert.deepEqual(
    d.map((x) => [x.code, x.severity, x.source, x.range, x.data]),
    [
      [
        'superseded-citation',
        2,
        'action-plan',
        r(4, 2, 4, 36),
        { successor: '《行动计划（2021—2030年）》二（一）2（2）' },
      ],
      ['unknown-citation', 1, 'action-plan', r(5, 20, 5, 29), { plan: '2021-2030' }],
      [
        'citation-format',
        3,
        'action-plan',
        r(6, 2, 6, 28),
        { replacement: '《行动计划（2021—2030年）》二（一）2（3）' },
      ],
      ['citation-format', 3, 'action-plan', r(6, 32, 6, 44), { replacement: '国办发〔2021〕13号' }],
    ],
  );
  assert.equal(
    d[1].message,
    // No initialize.locale: English only.
    'Check the item number: there is no "二（一）2（99）" in the plan 2021-2030',
  );
});

test('hover on a citation after 𠮷: canonical form, status, text, agencies, link', async () => {
  const h = await s.hover(uri, 3, 10);
  assert.deepEqual(h.range, r(3, 4, 3, 38));
  assert.equal(h.contents.kind, 'markdown');
  const v: string = h.contents.value;
  const expectedStart =
    `**${M1}**\n\n` +
    // No initialize.locale: English.
    '《中国反对拐卖人口行动计划（2021—2030年）》 (国办发〔2021〕13号, issued 2021-04-09)\n\n' +
    'Status: **in force** (reference date 2024-06-01)\n\n' +
    '> （1）深化部门协同联动，实现信息互通、工作互动，综合运用大数据、人工智能等现代科技手段和入户走访、群众工作等传统手段，不断完善发现、举报拐卖人口犯罪工作机制。（中央政法委、公安部负责，中央网信办、工业和信息化部、教育部、民政部、司法部、国家卫生健康委、最高人民检察院、全国妇联配合）\n\n' +
    '**Lead:** 中央政法委、公安部\n\n' +
    '**Cooperating:** 中央网信办、工业和信息化部、教育部、民政部、司法部、国家卫生健康委、最高人民检察院、全国妇联\n\n' +
    `[Open in the plan text](${planFile('2021-2030')}#L20)`;
  assert.equal(v, expectedStart);
  // Line 20 (1-based) of the plan text is the measure.
  const planText = readFileSync(join(ROOT, 'data', 'plans', '2021-2030.txt'), 'utf8').split('\n');
  assert.ok(planText[19].startsWith('（1）深化部门协同联动'));
});

test('hover on a superseded citation: expired status and the 2021—2030 counterpart', async () => {
  const h = await s.hover(uri, 4, 3);
  assert.deepEqual(h.range, r(4, 2, 4, 36));
  const v: string = h.contents.value;
  assert.ok(
    v.startsWith(
      '**《行动计划（2013—2020年）》二（一）2（2）**\n\n《中国反对拐卖人口行动计划（2013—2020年）》 (国办发〔2013〕19号, issued 2013-03-02)\n\n' +
        'Status: **superseded** (reference date 2024-06-01): replaced on 2021-04-09 by the 2021-2030 plan (国办发〔2021〕13号)\n\n' +
        '> （2）加强拐卖人口犯罪活动重点行业、重点地区和重点人群预防犯罪工作。',
    ),
    v,
  );
  assert.ok(
    v.endsWith(
      '**Counterpart in the successor plan:** 《行动计划（2021—2030年）》二（一）2（2） 加强对全国拐卖人口犯罪形势的分析研判，适时调整预防犯罪工作思路策略' +
        ` [open](${planFile('2021-2030')}#L21)\n\n` +
        `[Open in the plan text](${planFile('2013-2020')}#L20)`,
    ),
    v,
  );
});

test('hover on a document number: notice title, date, status', async () => {
  const h = await s.hover(uri, 6, 40);
  assert.deepEqual(h.range, r(6, 32, 6, 44));
  assert.equal(
    h.contents.value,
    '**国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知**\n\n' +
      '《中国反对拐卖人口行动计划（2021—2030年）》 (国办发〔2021〕13号, issued 2021-04-09)\n\n' +
      'Status: **in force** (reference date 2024-06-01)\n\n' +
      `[Open the plan text](${planFile('2021-2030')})`,
  );
  assert.equal(await s.hover(uri, 1, 3), null);
});

test('definition: the node in the shipped plan file (file scheme by default); nothing for an unknown path', async () => {
  const loc = await s.request('textDocument/definition', {
    textDocument: { uri },
    position: { line: 3, character: 35 },
  });
  assert.deepEqual(loc, [{ uri: planFile('2021-2030'), range: r(19, 0, 19, 141) }]);
  assert.equal(
    await s.request('textDocument/definition', { textDocument: { uri }, position: { line: 5, character: 22 } }),
    null,
  );
});

test('references: open documents and workspace .md/.txt files (node_modules and .json skipped)', async () => {
  const refs = await s.request('textDocument/references', {
    textDocument: { uri },
    position: { line: 3, character: 10 },
    context: { includeDeclaration: true },
  });
  const ws = (p: string) => pathToFileURL(join(FIXTURES, 'workspace', p)).href;
  assert.deepEqual(refs, [
    { uri: planFile('2021-2030'), range: r(19, 0, 19, 141) },
    { uri, range: r(3, 4, 3, 38) },
    { uri: ws('a.md'), range: r(2, 2, 2, 28) },
    { uri: ws('sub/b.txt'), range: r(0, 2, 0, 37) },
  ]);
  const without = await s.request('textDocument/references', {
    textDocument: { uri },
    position: { line: 3, character: 10 },
    context: { includeDeclaration: false },
  });
  assert.equal(without.length, 3);
});

test('document links: one per resolvable citation, with a line fragment', async () => {
  const links = await s.request('textDocument/documentLink', { textDocument: { uri } });
  assert.deepEqual(
    links.map((l: { range: unknown; target: string }) => [l.range, l.target]),
    [
      [r(3, 4, 3, 38), `${planFile('2021-2030')}#L20`],
      [r(4, 2, 4, 36), `${planFile('2013-2020')}#L20`],
      [r(6, 2, 6, 28), `${planFile('2021-2030')}#L35`],
      [r(6, 32, 6, 44), `${planFile('2021-2030')}#L1`],
    ],
  );
});

test('code actions: quick fixes per finding, fix-all applies the unambiguous ones', async () => {
  const superseded = await s.request('textDocument/codeAction', {
    textDocument: { uri },
    range: r(4, 5, 4, 5),
    context: { diagnostics: [] },
  });
  assert.deepEqual(
    superseded.map((a: { title: string; kind: string; isPreferred?: boolean; edit: any }) => [
      a.title,
      a.kind,
      a.isPreferred ?? false,
      a.edit?.documentChanges?.[0]?.edits,
    ]),
    [
      [
        'Cite the plan in force: 《行动计划（2021—2030年）》二（一）2（2）',
        'quickfix',
        false,
        [{ range: r(4, 2, 4, 36), newText: '《行动计划（2021—2030年）》二（一）2（2）' }],
      ],
      [
        'Fix all auto-fixable problems (2)',
        'source.fixAll.actionPlan',
        false,
        [
          { range: r(6, 2, 6, 28), newText: '《行动计划（2021—2030年）》二（一）2（3）' },
          { range: r(6, 32, 6, 44), newText: '国办发〔2021〕13号' },
        ],
      ],
    ],
  );
  const onlyFixAll = await s.request('textDocument/codeAction', {
    textDocument: { uri },
    range: r(0, 0, 0, 0),
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.deepEqual(
    onlyFixAll.map((a: { kind: string }) => a.kind),
    ['source.fixAll.actionPlan'],
  );
  const format = await s.request('textDocument/codeAction', {
    textDocument: { uri },
    range: r(6, 3, 6, 3),
    context: { diagnostics: [], only: ['quickfix'] },
  });
  assert.deepEqual(
    format.map((a: { title: string; isPreferred?: boolean; diagnostics: Array<{ code: string }> }) => [
      a.title,
      a.isPreferred,
      a.diagnostics[0].code,
    ]),
    [['Use the standard form "《行动计划（2021—2030年）》二（一）2（3）"', true, 'citation-format']],
  );
});

test('completion: plan titles after 《, the next path level narrowing as typed, halfwidth-compatible filterText', async () => {
  const cu = 'untitled:completion-1';
  const text =
    '依据《\n依据《中国反对拐卖人口行动计划（2021—2030年）》二（一）2（\n依据《行动计划（2021—2030年）》二(一)\n';
  await s.open(cu, text);
  const at = (line: number, character: number) =>
    s.request('textDocument/completion', { textDocument: { uri: cu }, position: { line, character } });
  const titles = await at(0, 3);
  assert.deepEqual(
    titles.items.map((i: any) => [i.label, i.textEdit.range, i.textEdit.newText, i.detail]),
    [
      [
        '中国反对拐卖人口行动计划（2021—2030年）》',
        r(0, 3, 0, 3),
        '中国反对拐卖人口行动计划（2021—2030年）》',
        'in force · 国办发〔2021〕13号',
      ],
      ['行动计划（2021—2030年）》', r(0, 3, 0, 3), '行动计划（2021—2030年）》', 'short title · in force'],
      [
        '中国反对拐卖人口行动计划（2013—2020年）》',
        r(0, 3, 0, 3),
        '中国反对拐卖人口行动计划（2013—2020年）》',
        'superseded · 国办发〔2013〕19号',
      ],
      ['行动计划（2013—2020年）》', r(0, 3, 0, 3), '行动计划（2013—2020年）》', 'short title · superseded'],
      // The 2008—2012 plan: known by its metadata, its text not in the corpus.
      [
        '中国反对拐卖妇女儿童行动计划（2008—2012年）》',
        r(0, 3, 0, 3),
        '中国反对拐卖妇女儿童行动计划（2008—2012年）》',
        'superseded · text not in the corpus · 国办发〔2007〕69号',
      ],
      [
        '行动计划（2008—2012年）》',
        r(0, 3, 0, 3),
        '行动计划（2008—2012年）》',
        'short title · superseded · text not in the corpus',
      ],
    ],
  );
  const measures = await at(1, 34);
  assert.equal(measures.isIncomplete, false);
  assert.deepEqual(
    measures.items.map((i: any) => [i.label, i.textEdit.range, i.filterText, i.detail]),
    [
      [
        '二（一）2（1）',
        r(1, 28, 1, 34),
        '二（一）2（1）',
        '深化部门协同联动，实现信息互通、工作互动，综合运用大数据、人工智能等现代科技手段和入户走访、群众工作等传统手段，不断完善发现、举报拐卖人口犯罪工作机制',
      ],
      [
        '二（一）2（2）',
        r(1, 28, 1, 34),
        '二（一）2（2）',
        '加强对全国拐卖人口犯罪形势的分析研判，适时调整预防犯罪工作思路策略',
      ],
      [
        '二（一）2（3）',
        r(1, 28, 1, 34),
        '二（一）2（3）',
        '加大拐卖人口犯罪“买方市场”整治力度，运用现代科技手段加强对“买方市场”分析研判，在收买人口犯罪活动高发地区开展综合治理和专项行动，依法惩处买方犯罪人，从源头上减少拐卖人口犯罪的发生',
      ],
      ['二（一）2（4）', r(1, 28, 1, 34), '二（一）2（4）', '完善跨国跨境拐卖人口犯罪预防工作机制'],
      [
        '二（一）2（5）',
        r(1, 28, 1, 34),
        '二（一）2（5）',
        '加强拐卖人口犯罪预防工作信息化建设，完善“互联网+反拐”工作模式，推动现代科技手段在拐卖人口犯罪预防工作中的应用',
      ],
    ],
  );
  assert.ok(measures.items[0].documentation.value.startsWith(`**${M1}**\n\n> （1）深化部门协同联动`));
  const halfwidth = await at(2, 24);
  assert.deepEqual(
    halfwidth.items.map((i: any) => [i.label, i.textEdit.range, i.textEdit.newText, i.filterText]),
    [
      ['二（一）', r(2, 20, 2, 24), '二（一）', '二(一)'],
      ['二（一）1', r(2, 20, 2, 24), '二（一）1', '二(一)1'],
      ['二（一）2', r(2, 20, 2, 24), '二（一）2', '二(一)2'],
    ],
  );
  await s.close(cu);
});

test('incremental edits: diagnostics follow the change (version 2), ranges shifted exactly', async () => {
  const eu = 'untitled:edit-1';
  await s.open(eu, '《行动计划（2021—2030年）》二（一）2（99）\n');
  assert.deepEqual(
    (await s.diagnostics(eu, 1)).map((d) => [d.code, d.range]),
    [['unknown-citation', r(0, 18, 0, 27)]],
  );
  // Insert 𠮷𠮷 at the start of the line and fix the path (99 → 9): still unknown, shifted by 4.
  await s.change(eu, 2, [{ range: r(0, 0, 0, 0), text: '𠮷𠮷' }]);
  await s.change(eu, 3, [{ range: r(0, 28, 0, 29), text: '' }]);
  assert.deepEqual(
    (await s.diagnostics(eu, 3)).map((d) => [d.code, d.range]),
    [['unknown-citation', r(0, 22, 0, 30)]],
  );
  // Make it a real measure: the diagnostic disappears.
  await s.change(eu, 4, [{ range: r(0, 28, 0, 29), text: '1' }]);
  assert.deepEqual(await s.diagnostics(eu, 4), []);
  // Typing fast: only the last version is published.
  await s.change(eu, 5, [{ range: r(0, 28, 0, 29), text: '7' }]);
  await s.change(eu, 6, [{ range: r(0, 28, 0, 29), text: '8' }]);
  assert.deepEqual(
    (await s.diagnostics(eu, 6)).map((d) => [d.code, d.range]),
    [['unknown-citation', r(0, 22, 0, 30)]],
  );
  assert.equal(
    s.published.get(eu)!.some((p) => p.version === 5),
    false,
  );
  await s.close(eu);
  await s.until(() => s.published.get(eu)!.at(-1)!.diagnostics.length === 0 || undefined, HANG_LIMIT_MS, 'cleared');
});

test('completion after 《行动计划》: the plan named most recently before it, else the default plan', async () => {
  const cu = 'untitled:completion-short';
  await s.open(cu, '《行动计划》三（\n《中国反对拐卖人口行动计划（2013—2020年）》\n《行动计划》三（\n');
  const at = (line: number, character: number) =>
    s.request('textDocument/completion', { textDocument: { uri: cu }, position: { line, character } });
  const first = await at(0, 8);
  const second = await at(2, 8);
  const docs = (l: any) => l.items.map((i: any) => [i.label, i.documentation.value.split('\n')[0]]);
  assert.deepEqual(docs(first).slice(0, 2), [
    ['三（一）', '**《行动计划（2021—2030年）》三（一）**'],
    ['三（二）', '**《行动计划（2021—2030年）》三（二）**'],
  ]);
  assert.deepEqual(docs(second).slice(0, 2), [
    ['三（一）', '**《行动计划（2013—2020年）》三（一）**'],
    ['三（二）', '**《行动计划（2013—2020年）》三（二）**'],
  ]);
  await s.close(cu);
});
