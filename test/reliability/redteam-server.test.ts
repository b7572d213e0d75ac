// Regression tests of the red-team run against the language server (issue #17): document state keyed by content
// (not only by the client's version), requests answered while repeated lines and a multi-megabyte line are analysed,
// hovers that never rescan a whole line, LSP error codes before initialize / after shutdown / for `params: null`,
// and the stdio framing: a malformed header never leaves the server alive and deaf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, ROOT, TestServer, HANG_LIMIT_MS } from '../server/lspClient';

const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
const codes = (items: Array<{ code?: unknown }>) => items.map((d) => d.code);

test('stale analysis: a same-version change, v20→v21→v20 and a second didOpen with the same version are analysed afresh', async () => {
  const s = await TestServer.start({ pull: true });
  try {
    const uri = 'untitled:same-version';
    await s.open(uri, '一、卫生部负责。', 'markdown', 1);
    const first = await s.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(codes(first.items), ['outdated-agency']);
    // Same version, other content (卫生部 → 公安部): not "unchanged", and no stale finding.
    await s.change(uri, 1, [{ range: r(0, 2, 0, 5), text: '公安部' }]);
    const second = await s.request('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: first.resultId,
    });
    assert.equal(second.kind, 'full');
    assert.notEqual(second.resultId, first.resultId);
    assert.deepEqual(second.items, []);
    // Fix-all on the new content offers nothing (it would have written 国家卫生健康委 over 公安部).
    const actions = await s.request('textDocument/codeAction', {
      textDocument: { uri },
      range: r(0, 0, 0, 8),
      context: { diagnostics: [], only: ['source.fixAll.actionPlan'] },
    });
    assert.deepEqual(actions, []);
    // Versions going back: v20 (卫生部) → v21 (公安部) → v20 (卫生部 again).
    const seen: string[] = [];
    for (const [version, name] of [
      [20, '卫生部'],
      [21, '公安部'],
      [20, '卫生部'],
    ] as const) {
      await s.change(uri, version, [{ text: `一、${name}负责。` }]);
      const d = await s.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: seen.at(-1) });
      assert.equal(d.kind, 'full');
      seen.push(d.resultId);
      assert.deepEqual(codes(d.items), name === '卫生部' ? ['outdated-agency'] : [], `v${version}`);
    }
    assert.equal(new Set(seen).size, 3);
    // A second didOpen with the same version and other content.
    await s.open(uri, '一、公安部负责。', 'markdown', 20);
    const reopened = await s.request('textDocument/diagnostic', {
      textDocument: { uri },
      previousResultId: seen.at(-1),
    });
    assert.equal(reopened.kind, 'full');
    assert.deepEqual(reopened.items, []);
  } finally {
    await s.stop();
  }
});

test('stale analysis (push): a same-version change is published again with the new findings', async () => {
  const s = await TestServer.start();
  try {
    const uri = 'untitled:same-version-push';
    await s.open(uri, '一、卫生部负责。', 'markdown', 3);
    await s.until(() => s.published.get(uri)?.some((p) => p.diagnostics.length === 1), HANG_LIMIT_MS, 'first publish');
    await s.change(uri, 3, [{ text: '一、公安部负责。' }]);
    await s.until(
      () => s.published.get(uri)?.at(-1)?.diagnostics.length === 0,
      HANG_LIMIT_MS,
      'publish of the new content',
    );
  } finally {
    await s.stop();
  }
});

/** The real server over raw stdio: write any bytes, read framed responses. */
function rawServer(extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: childEnv({ ACTION_PLAN_TODAY: '2026-06-01', ...extraEnv }),
  });
  child.stdin!.on('error', () => undefined); // EPIPE once the server has exited
  let out = Buffer.alloc(0);
  let stderr = '';
  const responses = new Map<number | string, any>();
  const notifications: any[] = [];
  let waiters: Array<() => void> = [];
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  child.stdout!.on('data', (d: Buffer) => {
    out = Buffer.concat([out, d]);
    for (;;) {
      const end = out.indexOf('\r\n\r\n');
      if (end < 0) break;
      const len = Number(/Content-Length: (\d+)/.exec(out.subarray(0, end).toString())![1]);
      if (out.length < end + 4 + len) break;
      const msg = JSON.parse(out.subarray(end + 4, end + 4 + len).toString('utf8'));
      out = out.subarray(end + 4 + len);
      if (msg.id !== undefined && ('result' in msg || 'error' in msg)) responses.set(msg.id, msg);
      else if (msg.method === 'workspace/configuration')
        send({ jsonrpc: '2.0', id: msg.id, result: msg.params.items.map(() => null) });
      else if (msg.id === undefined) notifications.push(msg);
    }
    wake();
  });
  child.stderr!.on('data', (d) => {
    stderr += String(d);
    wake();
  });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => (wake(), res(code))));
  const write = (bytes: string | Buffer) => child.stdin!.write(bytes);
  const send = (body: unknown) => {
    const b = Buffer.from(JSON.stringify(body));
    write(Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`), b]));
  };
  const response = (id: number | string, ms = 20000) =>
    new Promise<any>((res, rej) => {
      const deadline = Date.now() + ms;
      const check = () => {
        if (responses.has(id)) return res(responses.get(id));
        if (child.exitCode !== null) return rej(new Error(`exited; stderr: ${stderr}`));
        if (Date.now() > deadline) return rej(new Error(`no response ${id}; stderr: ${stderr}`));
        waiters.push(check);
        setTimeout(check, 200);
      };
      check();
    });
  const initialize = async (id = 1, options: unknown = undefined) => {
    send({
      jsonrpc: '2.0',
      id,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {}, initializationOptions: options },
    });
    const r = await response(id);
    send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    return r;
  };
  const hover = (id: number, uri = 'untitled:x') =>
    send({
      jsonrpc: '2.0',
      id,
      method: 'textDocument/hover',
      params: { textDocument: { uri }, position: { line: 0, character: 3 } },
    });
  return {
    child,
    write,
    send,
    response,
    initialize,
    hover,
    exited,
    notifications,
    get stderr() {
      return stderr;
    },
  };
}

test('framing: each malformed header (abc, -1, 1e3, missing, duplicate, 40 MB line) is logged and the server exits 1 (the client restarts it); never alive and deaf', async () => {
  const headers = [
    'Content-Length: abc\r\n\r\n{}',
    'Content-Length: -1\r\n\r\n{}',
    'Content-Length: 1e3\r\n\r\n{}',
    'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}',
    'Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}',
    'this is not a header\r\n\r\n',
  ];
  for (const bad of [...headers, 'x'.repeat(40 * 1024 * 1024)]) {
    const s = rawServer();
    try {
      await s.initialize();
      s.hover(2);
      assert.equal((await s.response(2)).result, null); // served before
      s.write(bad);
      for (let id = 3; id < 13; id++) s.hover(id);
      const code = await s.exited;
      assert.equal(code, 1, bad.slice(0, 40));
      assert.match(
        s.stderr,
        /\[action-plan\] malformed LSP header \(.+\); exiting with status 1 so that the client restarts the server/,
      );
    } finally {
      s.child.kill();
    }
  }
});

test('framing: a Content-Length longer than its body swallows the next message, and what follows is a malformed header: exit 1', async () => {
  const s = rawServer();
  try {
    await s.initialize();
    s.write('Content-Length: 60\r\n\r\n{"jsonrpc":"2.0","method":"initialized","params":{}}');
    for (let id = 3; id < 13; id++) s.hover(id);
    assert.equal(await s.exited, 1);
  } finally {
    s.child.kill();
  }
});

test('framing: a body that is not JSON keeps the framing; headers split across writes byte by byte are read', async () => {
  const s = rawServer();
  try {
    await s.initialize();
    s.write('Content-Length: 9\r\n\r\n{bad json');
    const body = Buffer.from(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'textDocument/hover',
        params: { textDocument: { uri: 'untitled:x' }, position: { line: 0, character: 0 } },
      }),
    );
    const bytes = Buffer.concat([
      Buffer.from(`content-length:${body.length}  \r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`),
      body,
    ]);
    for (const b of bytes) s.write(Buffer.from([b]));
    assert.deepEqual(await s.response(2), { jsonrpc: '2.0', id: 2, result: null });
    assert.equal(s.child.exitCode, null);
  } finally {
    s.child.kill();
  }
});

test('protocol: requests before initialize → -32002, notifications before it ignored (no custom agency file read), params null → -32602, after shutdown → -32600', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apl-proto-'));
  const agencies = join(dir, 'agencies.json');
  writeFileSync(
    agencies,
    JSON.stringify({ agencies: [{ id: 'custom-x', fullName: '长治市反拐宣传中心', kind: 'other' }] }),
  );
  const s = rawServer({ NO_NETWORK_LOG: join(dir, 'unused') });
  try {
    s.hover(1);
    s.send({ jsonrpc: '2.0', id: 'str', method: 'actionPlan/status', params: { uri: 'untitled:x' } });
    assert.equal((await s.response(1)).error.code, -32002);
    assert.equal((await s.response('str')).error.code, -32002);
    // Notifications before initialize: a settings change naming a custom agency file, a didOpen.
    s.send({
      jsonrpc: '2.0',
      method: 'workspace/didChangeConfiguration',
      params: { settings: { actionPlan: { customAgencies: agencies } } },
    });
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: 'untitled:early', languageId: 'markdown', version: 1, text: '一、卫生部负责。' } },
    });
    const before = statSync(agencies).atimeMs;
    const init = await s.initialize(2, { trusted: false });
    assert.equal(init.result.serverInfo.name, 'action-plan-language-server');
    // The early didOpen was dropped: the document is unknown (hover null, no diagnostics published for it).
    s.hover(3, 'untitled:early');
    assert.deepEqual((await s.response(3)).result, null);
    assert.equal(
      s.notifications.some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === 'untitled:early'),
      false,
    );
    assert.equal(statSync(agencies).atimeMs, before);
    assert.equal(s.stderr.includes(agencies), false);
    // params: null on requests → InvalidParams.
    const methods = [
      'textDocument/hover',
      'textDocument/completion',
      'textDocument/definition',
      'textDocument/references',
      'textDocument/documentSymbol',
      'textDocument/codeAction',
      'textDocument/documentLink',
      'workspace/symbol',
      'workspace/executeCommand',
      'actionPlan/status',
    ];
    methods.forEach((method, i) => s.send({ jsonrpc: '2.0', id: 100 + i, method, params: null }));
    for (let i = 0; i < methods.length; i++) {
      const r = await s.response(100 + i);
      assert.equal(r.error?.code, -32602, `${methods[i]}: ${JSON.stringify(r)}`);
    }
    // shutdown, then every request → InvalidRequest; exit → status 0.
    s.send({ jsonrpc: '2.0', id: 200, method: 'shutdown' });
    assert.equal((await s.response(200)).result, null);
    s.hover(201);
    s.send({ jsonrpc: '2.0', id: 202, method: 'shutdown' });
    assert.equal((await s.response(201)).error.code, -32600);
    assert.equal((await s.response(202)).error.code, -32600);
    s.send({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await s.exited, 0);
  } finally {
    s.child.kill();
  }
});

test('suppression in the server: an unclosed disable is an information on the directive and stops at the next heading', async () => {
  const s = await TestServer.start({ pull: true, locale: 'zh-cn' });
  try {
    const uri = 'untitled:unclosed';
    await s.open(
      uri,
      '# 一\n<!-- action-plan-disable -->\n卫生部负责。\n# 二\n卫生部负责。\n`<!-- action-plan-disable -->`\n',
    );
    const d = await s.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(
      d.items.map((x: any) => [
        x.code ?? null,
        x.severity,
        x.range.start.line,
        x.range.start.character,
        x.range.end.character,
      ]),
      [
        ['outdated-agency', 2, 4, 0, 3],
        [null, 3, 1, 0, 28],
      ],
    );
    // One language per reader: the client's locale (zh-cn), no English twin.
    assert.match(d.items[1].message, /^未关闭的 <!-- action-plan-disable -->：只作用到本节末尾[^\n]*$/);
  } finally {
    await s.stop();
  }
});
