// Safety: the product makes no network request and executes nothing from a workspace. The real language server and
// the real CLI run with the preload test/reliability/no-network.js (NODE_OPTIONS=--require=…), which records and
// blocks every outgoing connection (net, tls, http(s), http2, dns, dgram, fetch) and every process spawn
// (child_process.*), through a full session over a workspace that holds hostile content (script tags, remote links
// and images, a custom agency path that is a URL). Nothing may be recorded. A first test proves the preload blocks
// and records each of those calls, so the empty record is meaningful.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lint, makeDocx } from '../cli/helpers';
import { ROOT, TestServer, childEnv, HANG_LIMIT_MS } from '../server/lspClient';

const PRELOAD = join(ROOT, 'test', 'reliability', 'no-network.js');
const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

function recorded(log: string): Array<{ api: string; stack: string }> {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** The processes / threads ("pid:threadId") that loaded the preload. */
function loaded(log: string): string[] {
  return existsSync(`${log}.loaded`) ? readFileSync(`${log}.loaded`, 'utf8').split('\n').filter(Boolean) : [];
}

function guardedEnv(log: string): Record<string, string> {
  return { NODE_OPTIONS: `--require=${PRELOAD}`, NO_NETWORK_LOG: log };
}

test('the no-network preload blocks and records connections, lookups, fetch and process spawns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apl-nonet-'));
  const log = join(dir, 'log.jsonl');
  const script = `
    const tryIt = (f) => { try { f(); return 'ran'; } catch (e) { return e.code; } };
    const out = [
      tryIt(() => require('node:net').connect(9, '127.0.0.1')),
      tryIt(() => new (require('node:net').Socket)().connect(9, '127.0.0.1')),
      tryIt(() => require('node:tls').connect(443, 'example.com')),
      tryIt(() => require('node:http').get('http://127.0.0.1:9/')),
      tryIt(() => require('node:https').request('https://example.com/')),
      tryIt(() => require('node:dns').lookup('example.com', () => {})),
      tryIt(() => require('node:dgram').createSocket('udp4')),
      tryIt(() => fetch('http://127.0.0.1:9/')),
      tryIt(() => require('node:child_process').execSync('true')),
      tryIt(() => require('node:child_process').spawn('true')),
    ];
    process.stdout.write(JSON.stringify(out));
  `;
  const res = spawnSync(process.execPath, ['-e', script], { env: childEnv(guardedEnv(log)), encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  assert.deepEqual(JSON.parse(res.stdout), Array(10).fill('ENONETWORK'));
  assert.equal(loaded(log).length, 1);
  assert.deepEqual(
    recorded(log).map((e) => e.api),
    [
      'net.connect',
      'net.Socket.prototype.connect',
      'tls.connect',
      'http.get',
      'https.request',
      'dns.lookup',
      'dgram.createSocket',
      'fetch',
      'child_process.execSync',
      'child_process.spawn',
    ],
  );
});

/** A workspace with ordinary and hostile content. */
async function hostileWorkspace(): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), 'apl-safe-ws-'));
  const marker = join(ws, 'PWNED');
  mkdirSync(join(ws, 'sub'));
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, 'a.md'), '# 甲\n\n落实《行动计划（2021—2030年）》二（一）2（1）。由市卫生计生委负责。\n');
  writeFileSync(join(ws, 'sub', 'b.txt'), '按照《行动计划（2021—2030年）》二（一）2（1）要求。\n');
  writeFileSync(
    join(ws, 'evil.md'),
    [
      `<script>require('child_process').execSync('touch ${marker}')</script>`,
      '<img src="http://127.0.0.1:9/track.png" onerror="fetch(\'http://127.0.0.1:9/\')">',
      '[链接](https://example.com/x) ![图](http://127.0.0.1:9/a.png) <http://127.0.0.1:9/>',
      '<!-- action-plan: date=2024-06-01 --><iframe src="file:///etc/passwd"></iframe>',
      `\${require('child_process').execSync('touch ${marker}')} {{constructor.constructor('return process')()}}`,
      '落实《行动计划（2021—2030年）》二（一）2（1）。',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(ws, 'plan.docx'),
    await makeDocx(['一、市卫生计生委负责。', '落实《行动计划（2021—2030年）》二（一）2（1）。']),
  );
  writeFileSync(
    join(ws, 'custom.json'),
    JSON.stringify({
      agencies: [{ id: 'custom-changzhi-fanguai-xuanchuan', fullName: '长治市反拐宣传中心', kind: 'other' }],
    }),
  );
  // Files some tools would execute: none of them may run.
  writeFileSync(
    join(ws, 'package.json'),
    JSON.stringify({ scripts: { preinstall: `touch ${marker}`, test: `touch ${marker}` } }),
  );
  writeFileSync(
    join(ws, '.vscode', 'settings.json'),
    JSON.stringify({ 'actionPlan.customAgencies': `\`touch ${marker}\`` }),
  );
  writeFileSync(join(ws, 'action-plan.config.js'), `require('child_process').execSync('touch ${marker}');\n`);
  return ws;
}

test('language server: a full session under the no-network preload records nothing and runs nothing', async () => {
  const ws = await hostileWorkspace();
  const log = join(mkdtempSync(join(tmpdir(), 'apl-nonet-')), 'server.jsonl');
  const s = await TestServer.start({
    pull: true,
    workspaceFolders: [ws],
    settings: { customAgencies: 'custom.json' },
    env: guardedEnv(log),
  });
  try {
    const uri = pathToFileURL(join(ws, 'evil.md')).href;
    const text = readFileSync(join(ws, 'evil.md'), 'utf8');
    await s.open(uri, text);
    const a = pathToFileURL(join(ws, 'a.md')).href;
    await s.open(a, readFileSync(join(ws, 'a.md'), 'utf8'));
    const diag = await s.request('textDocument/diagnostic', { textDocument: { uri: a } });
    assert.deepEqual(
      diag.items.map((d: any) => d.code),
      ['outdated-agency'],
    );
    const cite = { textDocument: { uri }, position: { line: 5, character: 22 } };
    assert.ok((await s.request('textDocument/hover', cite)).contents.value.length > 0);
    assert.ok(
      (await s.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 3 } })).items
        .length > 0,
    );
    assert.equal((await s.request('textDocument/definition', cite)).length, 1);
    const refs = await s.request('textDocument/references', { ...cite, context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((l: any) => l.uri).sort(), [a, uri, pathToFileURL(join(ws, 'sub', 'b.txt')).href].sort());
    await s.request('textDocument/codeAction', {
      textDocument: { uri: a },
      range: r(2, 0, 2, 40),
      context: { diagnostics: [] },
    });
    await s.request('textDocument/documentSymbol', { textDocument: { uri } });
    const links = await s.request('textDocument/documentLink', { textDocument: { uri } });
    assert.ok(
      links.every((l: any) => l.target.startsWith('file:')),
      JSON.stringify(links),
    );
    await s.request('workspace/symbol', { query: '二（一）' });
    await s.request('actionPlan/planTree', {});
    await s.request('actionPlan/planText', { plan: '2013-2020' });
    await s.request('actionPlan/searchNodes', { query: 'gab' });
    const cov = await s.request('actionPlan/coverage', {
      uris: [
        uri,
        a,
        pathToFileURL(join(ws, 'plan.docx')).href,
        'http://127.0.0.1:9/remote.md',
        'https://example.com/x.docx',
      ],
    });
    assert.ok(
      cov.markdown.includes('无法读取的文件 / Unreadable：http://127.0.0.1:9/remote.md、https://example.com/x.docx'),
      cov.markdown,
    );
    await s.request('actionPlan/status', { uri });
    await s.request('workspace/executeCommand', {
      command: 'actionPlan.addToWorkspaceAgencies',
      arguments: [{ name: '长治市反拐宣传办公室', uri }],
    });
    // A custom agency "path" that is a URL or a command is a file name: not found, never fetched or run.
    s.settings = { customAgencies: 'http://127.0.0.1:9/agencies.json' };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await s.request('textDocument/diagnostic', { textDocument: { uri } });
    s.settings = { customAgencies: `$(touch ${join(ws, 'PWNED')})` };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await s.request('textDocument/diagnostic', { textDocument: { uri } });
    await s.until(() => s.messages.filter((m) => m.type === 1).length >= 2, HANG_LIMIT_MS, 'two not-found messages');
    assert.ok(s.alive());
  } finally {
    await s.stop();
  }
  assert.deepEqual(recorded(log), []);
  assert.equal(loaded(log).length, 1, 'the server loaded the preload');
  assert.equal(existsSync(join(ws, 'PWNED')), false);
});

test('CLI: lint (main thread and workers), --fix, report and show under the no-network preload record nothing', () => {
  return (async () => {
    const ws = await hostileWorkspace();
    const log = join(mkdtempSync(join(tmpdir(), 'apl-nonet-')), 'cli.jsonl');
    writeFileSync(join(ws, 'config.json'), JSON.stringify({ customAgencies: 'custom.json' }));
    for (const workers of ['0', '2']) {
      const res = lint(['--format', 'sarif', '--config', 'config.json', '.'], {
        cwd: ws,
        env: { ...guardedEnv(log), ACTION_PLAN_LINT_WORKERS: workers },
      });
      assert.equal(res.status, 0, res.stderr);
      assert.equal(JSON.parse(res.stdout).version, '2.1.0');
    }
    const fix = lint(['--fix', '--reference-date', '2024-06-01', '.'], { cwd: ws, env: guardedEnv(log) });
    assert.equal(fix.status, 0, fix.stderr);
    assert.equal(
      readFileSync(join(ws, 'a.md'), 'utf8'),
      '# 甲\n\n落实《行动计划（2021—2030年）》二（一）2（1）。由市卫健委负责。\n',
    );
    assert.equal(lint(['report', '--format', 'json', '.'], { cwd: ws, env: guardedEnv(log) }).status, 0);
    assert.equal(lint(['show', '二（一）2（1）'], { cwd: ws, env: guardedEnv(log) }).status, 0);
    assert.deepEqual(recorded(log), []);
    // Every run loaded the preload, and so did the two worker threads of the second run.
    const threads = loaded(log).map((l) => l.split(':')[1]);
    assert.equal(threads.filter((t) => t === '0').length, 5, loaded(log).join(' '));
    assert.equal(threads.filter((t) => t !== '0').length, 2, loaded(log).join(' '));
    assert.equal(existsSync(join(ws, 'PWNED')), false);
  })();
});
