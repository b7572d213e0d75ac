// Faults on the real language server: an exception in any request handler (injected with the test hook
// ACTION_PLAN_FAULT, and provoked honestly with malformed params) is contained, logged, answered with an empty
// result or an LSP error, and the server keeps serving; a failed analysis or document-sync handler loses no edit;
// malformed JSON-RPC on the wire is survived; the server exits when its client goes away and a killed server is
// replaced by a working one. (Settings and custom agency files: settings-agencies.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ROOT, TestServer, childEnv, HANG_LIMIT_MS } from '../server/lspClient';

const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
const BAD = '《行动计划（2021—2030年）》二（一）2（99）\n';
const URI = 'untitled:faults';
const td = { textDocument: { uri: URI } };
const at = (line: number, character: number) => ({ ...td, position: { line, character } });

/** Every request the server handles: valid params, the answer when its handler fails, and a check of a real answer. */
const REQUESTS: Array<{ method: string; params: unknown; fallback: unknown; real: (x: any) => void }> = [
  {
    method: 'textDocument/hover',
    params: at(0, 3),
    fallback: null,
    real: (x) => assert.deepEqual(x.range, r(0, 0, 0, 27)),
  },
  {
    method: 'textDocument/completion',
    params: at(1, 1),
    fallback: { isIncomplete: false, items: [] },
    real: (x) =>
      assert.deepEqual(x.items.map((i: any) => i.label).slice(0, 2), [
        '中国反对拐卖人口行动计划（2021—2030年）》',
        '行动计划（2021—2030年）》',
      ]),
  },
  { method: 'textDocument/definition', params: at(2, 22), fallback: null, real: (x) => assert.equal(x.length, 1) },
  {
    method: 'textDocument/references',
    params: { ...at(2, 22), context: { includeDeclaration: false } },
    fallback: [],
    real: (x) => assert.deepEqual(x, [{ uri: URI, range: r(2, 10, 2, 36) }]),
  },
  { method: 'textDocument/documentSymbol', params: td, fallback: [], real: (x) => assert.equal(x.length, 1) },
  { method: 'textDocument/documentLink', params: td, fallback: [], real: (x) => assert.equal(x.length, 1) },
  {
    method: 'textDocument/codeAction',
    params: { ...td, range: r(1, 0, 1, 5), context: { diagnostics: [] } },
    fallback: [],
    real: (x) => assert.ok(x.some((a: any) => a.edit)),
  },
  {
    method: 'workspace/symbol',
    params: { query: '二（一）2（3）' },
    fallback: [],
    real: (x) => assert.ok(x.length > 0),
  },
  {
    method: 'textDocument/diagnostic',
    params: td,
    fallback: { kind: 'full', items: [] },
    real: (x) =>
      assert.deepEqual(
        x.items.map((d: any) => d.code),
        ['unknown-citation', 'outdated-agency'],
      ),
  },
  { method: 'actionPlan/planTree', params: {}, fallback: { plans: [] }, real: (x) => assert.equal(x.plans.length, 3) },
  {
    method: 'actionPlan/planText',
    params: { plan: '2021-2030' },
    fallback: null,
    real: (x) => assert.ok(x.text.includes('中国反对拐卖人口行动计划（2021—2030年）')),
  },
  {
    method: 'actionPlan/searchNodes',
    params: { query: '二（一）' },
    fallback: [],
    real: (x) => assert.ok(x.length > 0),
  },
  {
    method: 'actionPlan/coverage',
    params: { uris: [URI] },
    fallback: { markdown: '' },
    real: (x) => assert.ok(x.markdown.length > 100),
  },
  {
    method: 'actionPlan/coverageMap',
    params: { uris: [URI] },
    fallback: null,
    real: (x) => assert.ok(x.map.counts.cells > 90 && x.html.includes('data-state="cited"')),
  },
  {
    method: 'actionPlan/status',
    params: { uri: URI },
    fallback: null,
    real: (x) => assert.deepEqual(x.counts, { error: 1, warning: 1, information: 0, hint: 0 }),
  },
];
const TEXT = BAD + '《\n国家卫生计生委负责。《行动计划（2021—2030年）》二（一）2（3）\n# 标题\n';

test('fault injection: the first call of every request handler throws; it is logged, answered empty, and the next call works', async () => {
  const s = await TestServer.start({ pull: true, env: { ACTION_PLAN_FAULT: REQUESTS.map((q) => q.method).join(',') } });
  try {
    await s.open(URI, TEXT);
    for (const q of REQUESTS) {
      assert.deepEqual(await s.request(q.method, q.params), q.fallback, q.method);
      await s.until(
        () =>
          s.logs.some((l) =>
            l.startsWith(`[action-plan] ${q.method}: Error: ACTION_PLAN_FAULT: injected fault in ${q.method}`),
          ),
        HANG_LIMIT_MS,
        `log of ${q.method}`,
      );
      q.real(await s.request(q.method, q.params));
    }
    assert.equal(s.logs.filter((l) => l.includes('ACTION_PLAN_FAULT')).length, REQUESTS.length);
    assert.ok(s.alive());
  } finally {
    await s.stop();
  }
});

test('fault injection: a failed document-sync handler or analysis loses no edit; a failed initialized / configuration handler changes nothing', async () => {
  const s = await TestServer.start({
    env: { ACTION_PLAN_FAULT: 'initialized,textDocument/didChangeContent,analysis,workspace/didChangeConfiguration' },
  });
  try {
    await s.open(URI, 'x\n'); // its change handler fails: no analysis is scheduled for version 1
    await s.change(URI, 2, [{ range: r(0, 0, 0, 1), text: BAD }]); // its analysis fails: nothing published for 2
    await s.until(() => s.logs.some((l) => l.includes('injected fault in analysis')), HANG_LIMIT_MS, 'analysis fault');
    await s.change(URI, 3, [{ range: r(2, 0, 2, 0), text: '国家卫生计生委负责。\n' }]);
    const d = await s.diagnostics(URI, 3);
    assert.deepEqual(
      d.map((x) => [x.code, x.range]),
      [
        ['unknown-citation', r(0, 18, 0, 27)],
        ['outdated-agency', r(2, 0, 2, 7)],
      ],
    );
    assert.deepEqual(
      s.published.get(URI)!.map((p) => p.version),
      [3],
    );
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    s.settings = { rules: { 'unknown-citation': 'hint' } };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const after = await s.until(() => s.published.get(URI)!.find((p) => p.diagnostics[0]?.severity === 4));
    assert.deepEqual(
      after.diagnostics.map((x) => [x.code, x.severity]),
      [
        ['unknown-citation', 4],
        ['outdated-agency', 2],
      ],
    );
    for (const name of [
      'initialized',
      'textDocument/didChangeContent',
      'analysis',
      'workspace/didChangeConfiguration',
    ]) {
      assert.equal(s.logs.filter((l) => l.includes(`injected fault in ${name}`)).length, 1, name);
    }
    assert.ok(s.alive());
  } finally {
    await s.stop();
  }
});

/** Malformed params, for every request type. */
const MALFORMED: unknown[] = [
  null,
  [],
  42,
  'loud',
  {},
  { textDocument: null },
  { textDocument: { uri: 42 } },
  { textDocument: { uri: 'untitled:never-opened' }, position: { line: 0, character: 0 } },
  { textDocument: { uri: URI } },
  { textDocument: { uri: URI }, position: { line: 'a', character: [] } },
  { textDocument: { uri: URI }, position: { line: 1e300, character: 2 ** 53 } },
  { textDocument: { uri: URI }, position: { line: 0, character: 1.5 } },
  { textDocument: { uri: URI }, range: null, context: null },
  {
    textDocument: { uri: URI },
    range: { start: { line: 3, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: 'x', only: 7 },
  },
  { textDocument: { uri: URI }, position: { line: 0, character: 3 }, context: null },
  { query: null },
  { query: { $gt: '' } },
  { query: '《'.repeat(100000) },
  { plan: ['2021-2030'] },
  { plan: '__proto__' },
  { uris: [null, 42, 'file:///etc/passwd', 'file:///dev/zero', 'file:///nonexistent.md', 'http://example.com/x.md'] },
  { uri: { toString: 'x' } },
  { command: 'actionPlan.addToWorkspaceAgencies', arguments: [{ name: { length: 5 } }] },
  { command: 'actionPlan.addToWorkspaceAgencies', arguments: null },
  { command: ['x'] },
];
const METHODS = [...REQUESTS.map((q) => q.method), 'workspace/executeCommand'];

test('malformed params on every request type: an answer or an LSP error for each, never a crash; the server keeps serving', async () => {
  for (const pull of [false, true]) {
    const s = await TestServer.start({ pull });
    try {
      await s.open(URI, TEXT);
      let answered = 0;
      const codes = new Set<number>();
      for (const method of METHODS) {
        if (method === 'textDocument/diagnostic' && !pull) continue;
        for (const params of MALFORMED) {
          try {
            await s.request(method, params);
          } catch (e: any) {
            assert.equal(typeof e.code, 'number', `${method} ${JSON.stringify(params)}: ${e}`);
            codes.add(e.code);
          }
          answered++;
        }
      }
      // An honest internal fault: a codeAction without a usable range throws a TypeError in the handler — each one
      // (the six params that name the open document but carry no range) is logged with its stack and answered [].
      const logged = s.logs.map((l) => l.split('\n')[0]);
      assert.equal(logged.length, 6, logged.join('\n'));
      for (const l of logged)
        assert.match(
          l,
          /^\[action-plan\] textDocument\/codeAction: TypeError: Cannot read properties of (undefined|null) \(reading 'start'\)$/,
        );
      assert.equal(answered, (pull ? METHODS.length : METHODS.length - 1) * MALFORMED.length);
      // Only "invalid params" errors reach the client; internal faults are logged and answered empty.
      assert.deepEqual([...codes], [-32602]);
      // The server still serves every request with real answers.
      for (const q of REQUESTS) {
        if (q.method === 'textDocument/diagnostic' && !pull) continue;
        q.real(await s.request(q.method, q.params));
      }
      assert.ok(s.alive());
    } finally {
      await s.stop();
    }
  }
});

test('lifecycle: when the client goes away (stdin closed) the server exits; after a kill a new server serves at once', async () => {
  const s = await TestServer.start({});
  await s.open(URI, BAD);
  assert.equal((await s.diagnostics(URI, 1)).length, 1);
  const exit = new Promise<number | null>((res) => s.child.once('exit', (code) => res(code)));
  s.child.stdin!.end();
  assert.equal(typeof (await exit), 'number'); // exited by itself (not killed by a signal), no orphan left behind
  s.conn.dispose();
  // A crash (SIGKILL, as `pkill -f dist/server.js` in the editor e2e) loses nothing the client still holds: a new
  // server given the same document answers exactly as before.
  const t = await TestServer.start({});
  try {
    await t.open(URI, BAD);
    const gone = new Promise<string | null>((res) => t.child.once('exit', (_code, signal) => res(signal)));
    t.child.kill('SIGKILL');
    assert.equal(await gone, 'SIGKILL');
  } finally {
    t.conn.dispose();
  }
  const u = await TestServer.start({});
  try {
    await u.open(URI, BAD);
    assert.deepEqual(
      (await u.diagnostics(URI, 1)).map((d) => [d.code, d.range]),
      [['unknown-citation', r(0, 18, 0, 27)]],
    );
    assert.deepEqual((await u.hover(URI, 0, 3)).range, r(0, 0, 0, 27));
  } finally {
    await u.stop();
  }
});

test('wire: malformed JSON-RPC messages (bad JSON, arrays, strings, unknown shapes) are logged; the next request is answered', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: childEnv(),
  });
  try {
    let out = '';
    const responses = new Map<number, unknown>();
    let waiters: Array<() => void> = [];
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      for (;;) {
        const m = /^Content-Length: (\d+)\r\n\r\n/.exec(out);
        if (!m || Buffer.byteLength(out) < m[0].length + Number(m[1])) break;
        const body = Buffer.from(out)
          .subarray(m[0].length, m[0].length + Number(m[1]))
          .toString('utf8');
        out = Buffer.from(out)
          .subarray(m[0].length + Number(m[1]))
          .toString('utf8');
        const msg = JSON.parse(body);
        if (typeof msg.id === 'number' && ('result' in msg || 'error' in msg)) responses.set(msg.id, msg);
        const w = waiters;
        waiters = [];
        for (const f of w) f();
      }
    });
    const send = (body: unknown) => {
      const b = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      child.stdin!.write(`Content-Length: ${b.length}\r\n\r\n`);
      child.stdin!.write(b);
    };
    const response = (id: number) =>
      new Promise<any>((res, rej) => {
        const check = () =>
          responses.has(id)
            ? res(responses.get(id))
            : child.exitCode !== null
              ? rej(new Error('exited'))
              : waiters.push(check);
        check();
      });
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    assert.equal((await response(1)).result.serverInfo.name, 'action-plan-language-server');
    send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    for (const garbage of [
      '{bad json',
      '[1,2,3]',
      '"str"',
      '42',
      'null',
      '{"jsonrpc":"2.0","id":{"x":1},"method":7}',
      '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":"x"}',
    ]) {
      send(garbage);
    }
    send({
      jsonrpc: '2.0',
      id: 2,
      method: 'textDocument/hover',
      params: { textDocument: { uri: 'untitled:x' }, position: { line: 0, character: 0 } },
    });
    assert.deepEqual(await response(2), { jsonrpc: '2.0', id: 2, result: null });
    send({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: 'untitled:w', languageId: 'markdown', version: 1, text: BAD } },
    });
    send({
      jsonrpc: '2.0',
      id: 3,
      method: 'textDocument/hover',
      params: { textDocument: { uri: 'untitled:w' }, position: { line: 0, character: 3 } },
    });
    assert.deepEqual((await response(3)).result.range, r(0, 0, 0, 27));
    assert.equal(child.exitCode, null);
  } finally {
    child.kill();
  }
});

test('initialize with malformed params: answered (capabilities or an LSP error), and the server serves afterwards', async () => {
  const cases: Array<[unknown, 'ok' | number]> = [
    // A folder list that is a string, numbers for URIs and paths, options of the wrong types: tolerated.
    [
      {
        processId: null,
        rootUri: 42,
        rootPath: 42,
        capabilities: { workspace: 'x', textDocument: 7 },
        workspaceFolders: 'x',
        initializationOptions: { settings: 'loud', trusted: 'no', planTextScheme: 5 },
      },
      'ok',
    ],
    [
      {
        processId: null,
        rootUri: 'file:///%E0%A4%A',
        capabilities: {},
        workspaceFolders: [{ uri: 42 }, { uri: 'http://x/' }, null],
        initializationOptions: 'x',
      },
      'ok',
    ],
    // capabilities: null (the LSP requires an object) fails inside vscode-languageserver itself: an InternalError answer.
    [{ processId: null, rootUri: null, capabilities: null }, -32603],
    [null, -32602],
  ];
  for (const [params, expected] of cases) {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: childEnv(),
    });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    try {
      const answer = await (conn.sendRequest('initialize', params) as Promise<any>).then(
        (r) => (r?.capabilities?.hoverProvider === true ? 'ok' : JSON.stringify(r)),
        (e: any) => e.code,
      );
      assert.equal(answer, expected, JSON.stringify(params));
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: URI, languageId: 'markdown', version: 1, text: BAD },
      });
      const h: any = await conn.sendRequest('textDocument/hover', at(0, 3));
      assert.deepEqual(h.range, r(0, 0, 0, 27));
      assert.equal(child.exitCode, null);
    } finally {
      conn.dispose();
      child.kill();
    }
  }
});
