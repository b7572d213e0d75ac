// Malformed settings and malformed / huge / hostile custom agency files on the real language server (and the CLI):
// each problem is one clear message, Chinese first; the defaults (or the built-in registry) keep working. Custom
// agency files are data: a file holding JavaScript is not valid JSON and nothing of it runs; `__proto__` and
// `constructor` keys pollute no prototype. In an untrusted workspace (initializationOptions.trusted === false) the
// file is never read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customAgenciesTooLarge, MAX_CUSTOM_AGENCIES_BYTES } from '../../server/src/lsp/config';
import { loadEngines } from '../../server/src/node/data';
import { lint } from '../cli/helpers';
import { TestServer, HANG_LIMIT_MS } from '../server/lspClient';

const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
const TEXT = '《行动计划（2021—2030年）》二（一）2（99）\n（公安部负责，国家卫生计生委、长治市反拐宣传中心配合）\n';
/** The diagnostics with default settings and the built-in registry. */
const DEFAULT_DIAGS = [
  ['unknown-citation', 1, r(0, 18, 0, 27)],
  ['outdated-agency', 2, r(1, 7, 1, 14)],
  ['unknown-agency', 3, r(1, 15, 1, 24)],
];
const summary = (d: any[]) => d.map((x) => [x.code, x.severity, x.range]);

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-rel-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

test('malformed settings: one clear message per problem, defaults used, diagnostics as without settings', async () => {
  const s = await TestServer.start({
    settings: {
      rules: 'loud',
      referenceDate: 42,
      defaultPlan: '1999-2000',
      languages: 'markdown',
      maxDocumentSize: -1,
      allow: { 长治市反拐宣传中心: true },
      locality: 5,
      customAgencies: 7,
    },
  });
  try {
    await s.open('untitled:settings', TEXT);
    assert.deepEqual(summary(await s.diagnostics('untitled:settings', 1)), DEFAULT_DIAGS);
    const bad = (key: string, expected: string) =>
      `设置 actionPlan.${key} 无效（应为${expected}），已使用默认值 / actionPlan.${key} is invalid; default used`;
    const expectedMessages = [
      bad('referenceDate', ' YYYY-MM-DD 格式的日期'),
      bad('defaultPlan', ' 2021-2030、2013-2020 或 2008-2012'),
      bad('rules', '对象'),
      bad('customAgencies', '文件路径字符串'),
      bad('languages', '字符串数组'),
      bad('locality', '地名字符串'),
      bad('allow', '字符串数组'),
      bad('maxDocumentSize', '正整数'),
    ].map((message) => ({ type: 2, message }));
    assert.deepEqual(s.messages, expectedMessages);
    // Asked again (another document): the same defaults, no repeated messages.
    await s.open('untitled:settings-2', TEXT);
    assert.deepEqual(summary(await s.diagnostics('untitled:settings-2', 1)), DEFAULT_DIAGS);
    assert.deepEqual(s.messages, expectedMessages);
  } finally {
    await s.stop();
  }
});

test('malformed settings: the whole section of the wrong type, and bad rule values', async () => {
  const WHOLE = ['设置 actionPlan 应为对象，已使用默认值 / actionPlan must be an object; defaults used'];
  const cases: Array<[unknown, string[]]> = [
    ['loud', WHOLE],
    [42, WHOLE],
    [['x'], WHOLE],
    [
      { rules: { 'unknown-citation': 'loud', 'no-such-rule': 'off', 'outdated-agency': 3 } },
      [
        '设置 actionPlan.rules.unknown-citation 无效（应为 off、error、warning、information 或 hint），已使用默认值 / actionPlan.rules.unknown-citation is invalid; default used',
        '设置 actionPlan.rules 中的未知规则“no-such-rule”已忽略 / unknown rule "no-such-rule" ignored',
        '设置 actionPlan.rules.outdated-agency 无效（应为 off、error、warning、information 或 hint），已使用默认值 / actionPlan.rules.outdated-agency is invalid; default used',
      ],
    ],
  ];
  for (const [settings, messages] of cases) {
    const s = await TestServer.start({ settings: settings as any });
    try {
      await s.open('untitled:s', TEXT);
      assert.deepEqual(summary(await s.diagnostics('untitled:s', 1)), DEFAULT_DIAGS);
      assert.deepEqual(
        s.messages,
        messages.map((message) => ({ type: 2, message })),
      );
    } finally {
      await s.stop();
    }
  }
});

const CUSTOM = {
  agencies: [{ id: 'custom-changzhi-fanguai-xuanchuan', fullName: '长治市反拐宣传中心', kind: 'other' }],
};
/** With the custom file loaded, 长治市反拐宣传中心 is known. */
const CUSTOM_DIAGS = DEFAULT_DIAGS.slice(0, 2);

async function withCustomFile(dir: string, file: string, trusted = true) {
  const s = await TestServer.start({
    workspaceFolders: [dir],
    settings: { customAgencies: file },
    ...(trusted ? {} : { initializationOptions: { trusted: false } }),
  });
  await s.open('untitled:custom', TEXT);
  const diags = summary(await s.diagnostics('untitled:custom', 1));
  return { s, diags };
}

test('custom agency files: malformed JSON, JavaScript, huge, missing, wrong schema — one clear error each, built-in registry keeps working', async () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'apl-marker-')), 'pwned');
  const js = `module.exports = require('child_process').execSync('touch ${marker}');\n`;
  const huge = JSON.stringify({
    agencies: Array.from({ length: 40000 }, (_, i) => ({
      id: `custom-x-${i}`,
      fullName: `长治市第${i}号反拐宣传中心`,
      kind: 'other',
    })),
    padding: 'x'.repeat(MAX_CUSTOM_AGENCIES_BYTES),
  });
  const dir = workspace({
    'broken.json': '{ "agencies": [ { "id": ',
    'agencies.js': js,
    'evil.json': JSON.stringify({ agencies: [{ id: 'custom-evil', fullName: js, kind: 'other' }] }),
    'huge.json': huge,
    'wrong.json': JSON.stringify({ agencies: 'all of them' }),
    'empty.json': '',
  });
  const cases: Array<[string, (path: string) => string | RegExp]> = [
    [
      'broken.json',
      (p) =>
        new RegExp(
          `^自定义机构文件 ${p} 不是有效的 JSON（.+）；内置机构库照常使用 / custom agency file ${p} is not valid JSON \\(.+\\); the built-in registry keeps working$`,
        ),
    ],
    ['agencies.js', (p) => new RegExp(`^自定义机构文件 ${p} 不是有效的 JSON（第 1 行第 1 列语法错误）`)],
    ['empty.json', (p) => new RegExp(`^自定义机构文件 ${p} 不是有效的 JSON（内容不完整）`)],
    ['huge.json', (p) => customAgenciesTooLarge(p, Buffer.byteLength(huge))],
    [
      'missing.json',
      (p) => `找不到自定义机构文件 ${p}（设置 actionPlan.customAgencies）/ custom agency file not found: ${p}`,
    ],
    [
      'wrong.json',
      (p) => new RegExp(`^自定义机构文件 ${p} 有问题（其余条目照常使用）/ problems in custom agency file ${p}:\\n`),
    ],
    [
      'evil.json',
      (p) => new RegExp(`^自定义机构文件 ${p} 有问题（其余条目照常使用）/ problems in custom agency file ${p}:\\n`),
    ],
  ];
  for (const [file, expected] of cases) {
    const { s, diags } = await withCustomFile(dir, file);
    try {
      assert.deepEqual(diags, DEFAULT_DIAGS, file);
      const errors = s.messages.filter((m) => m.type === 1);
      assert.equal(errors.length, 1, `${file}: ${JSON.stringify(s.messages)}`);
      const want = expected(join(dir, file));
      if (typeof want === 'string') assert.equal(errors[0].message, want);
      else assert.match(errors[0].message, want);
      assert.ok(s.alive());
    } finally {
      await s.stop();
    }
  }
  assert.equal(existsSync(marker), false, 'nothing of the JavaScript file ran');
});

test('custom agency "files" that are devices or FIFOs (/dev/zero, a named pipe) are never read: one message, defaults work', async () => {
  const dir = workspace({});
  const fifo = join(dir, 'agencies.json');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  for (const path of ['/dev/zero', fifo]) {
    const { s, diags } = await withCustomFile(dir, path);
    try {
      assert.deepEqual(diags, DEFAULT_DIAGS);
      assert.deepEqual(s.messages, [
        {
          type: 1,
          message: `找不到自定义机构文件 ${path}（设置 actionPlan.customAgencies）/ custom agency file not found: ${path}`,
        },
      ]);
      assert.deepEqual((await s.hover('untitled:custom', 0, 3)).range, r(0, 0, 0, 27));
    } finally {
      await s.stop();
    }
  }
  const c = workspace({
    'doc.md': TEXT,
    'c-zero.json': JSON.stringify({ customAgencies: '/dev/zero' }),
    'c-fifo.json': JSON.stringify({ customAgencies: fifo }),
  });
  for (const [config, path] of [
    ['c-zero.json', '/dev/zero'],
    ['c-fifo.json', fifo],
  ]) {
    const res = lint(['--config', config, 'doc.md'], { cwd: c });
    assert.equal(res.status, 2);
    assert.equal(res.stderr, `action-plan-lint: 机构清单文件 ${path} 不是普通文件 / ${path} is not a regular file\n`);
  }
  const res = lint(['--config', '/dev/zero', 'doc.md'], { cwd: c });
  assert.equal(res.status, 2);
  assert.equal(res.stderr, 'action-plan-lint: 设置文件 /dev/zero 不是普通文件 / /dev/zero is not a regular file\n');
});

test('custom agency files are data: __proto__ and constructor keys pollute no prototype (registry and server)', async () => {
  const payload = `{
    "__proto__": { "unknown-citation": "off", "polluted": "yes" },
    "constructor": { "prototype": { "polluted2": "yes" } },
    "agencies": [
      { "id": "custom-changzhi-fanguai-xuanchuan", "fullName": "长治市反拐宣传中心", "kind": "other",
        "__proto__": { "polluted3": "yes", "kind": "ministry" },
        "constructor": { "prototype": { "polluted4": "yes" } } }
    ]
  }`;
  // In this process: straight into the registry.
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  loadEngines().agencies.addCustom(JSON.parse(payload), '/tmp/proto.json');
  loadEngines().agencies.addCustom({ agencies: [] }, '/tmp/proto.json');
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  const probe: Record<string, unknown> = {};
  for (const k of ['polluted', 'polluted2', 'polluted3', 'polluted4', 'unknown-citation'])
    assert.equal(probe[k], undefined, k);
  // In the server: a polluted Object.prototype would turn settings.rules['unknown-citation'] into "off".
  const dir = workspace({ 'proto.json': payload });
  const { s, diags } = await withCustomFile(dir, 'proto.json');
  try {
    // Refused by the schema by name (no rule switched off by an inherited property), the built-in registry works.
    assert.deepEqual(diags, DEFAULT_DIAGS);
    const errors = s.messages.filter((m) => m.type === 1).map((m) => m.message);
    assert.equal(errors.length, 1);
    assert.ok(errors[0].includes(`/agencies/0: 不允许的字段“__proto__” / unknown property "__proto__"`), errors[0]);
    assert.ok(s.alive());
  } finally {
    await s.stop();
  }
});

test('untrusted workspace: the custom agency file is never read; trusted: it is', async () => {
  const dir = workspace({ 'custom.json': JSON.stringify(CUSTOM) });
  const trusted = await withCustomFile(dir, 'custom.json');
  try {
    assert.deepEqual(trusted.diags, CUSTOM_DIAGS);
    assert.deepEqual(trusted.s.messages, []);
  } finally {
    await trusted.s.stop();
  }
  const untrusted = await withCustomFile(dir, 'custom.json', false);
  try {
    assert.deepEqual(untrusted.diags, DEFAULT_DIAGS);
    assert.deepEqual(untrusted.s.messages, []);
    // Not even a missing or hostile file is looked at.
    untrusted.s.settings = { customAgencies: '/proc/self/environ' };
    await untrusted.s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await untrusted.s.change('untitled:custom', 2, [{ range: r(0, 0, 0, 0), text: 'x' }]);
    assert.deepEqual(summary(await untrusted.s.diagnostics('untitled:custom', 2)).length, 3);
    assert.deepEqual(untrusted.s.messages, []);
  } finally {
    await untrusted.s.stop();
  }
});

test('CLI --config: huge, JavaScript and __proto__ custom agency files — a clear error or plain data, exit 2 for errors', () => {
  const huge = 'x'.repeat(MAX_CUSTOM_AGENCIES_BYTES + 1);
  const dir = workspace({
    'doc.md': TEXT,
    'huge.json': huge,
    'agencies.js': "require('child_process').execSync('touch pwned')\n",
    'proto.json':
      '{"__proto__": {"unknown-citation": "off"}, "agencies": [{"id": "custom-changzhi-fanguai-xuanchuan", "fullName": "长治市反拐宣传中心", "kind": "other", "__proto__": {"x": 1}}]}',
    'c-huge.json': JSON.stringify({ customAgencies: 'huge.json' }),
    'c-js.json': JSON.stringify({ customAgencies: 'agencies.js' }),
    'c-proto.json': '{"__proto__": {"maxDocumentSize": 1}, "customAgencies": "proto.json"}',
  });
  const h = lint(['--config', 'c-huge.json', 'doc.md'], { cwd: dir });
  assert.equal(h.status, 2);
  assert.equal(
    h.stderr,
    `action-plan-lint: ${customAgenciesTooLarge(join(dir, 'huge.json'), MAX_CUSTOM_AGENCIES_BYTES + 1)}\n`,
  );
  const j = lint(['--config', 'c-js.json', 'doc.md'], { cwd: dir });
  assert.equal(j.status, 2);
  assert.match(j.stderr, new RegExp(`^action-plan-lint: 机构清单文件 ${join(dir, 'agencies.js')} 不是有效的 JSON（`));
  assert.equal(existsSync(join(dir, 'pwned')), false);
  // A __proto__ key in the config file is an unknown setting (the config is validated key by key).
  const p = lint(['--config', 'c-proto.json', '--format', 'json', 'doc.md'], { cwd: dir });
  assert.equal(p.status, 2);
  assert.equal(
    p.stderr,
    `action-plan-lint: 设置文件 ${join(dir, 'c-proto.json')} 有误 / invalid config file ${join(dir, 'c-proto.json')}:\n` +
      '  - 未知设置项“__proto__” / unknown setting "__proto__" (known: referenceDate, defaultPlan, rules, customAgencies, languages, locality, allow, maxDocumentSize)\n',
  );
  // In the agency file, __proto__ keys are refused by the schema (unknown property), by name, and nothing is loaded.
  writeFileSync(join(dir, 'c-proto2.json'), JSON.stringify({ customAgencies: 'proto.json' }));
  const q = lint(['--config', 'c-proto2.json', '--format', 'json', 'doc.md'], { cwd: dir });
  assert.equal(q.status, 2);
  const pj = join(dir, 'proto.json');
  assert.equal(
    q.stderr,
    `action-plan-lint: 机构清单文件 ${pj} 有误 / invalid custom agency file ${pj}:\n` +
      `  - ${pj}: /: 不允许的字段“__proto__” / unknown property "__proto__"\n` +
      `  - ${pj}: /agencies/0: 不允许的字段“__proto__” / unknown property "__proto__"\n`,
  );
});

test('custom agency file: an error shown once is shown again when the file breaks again after loading', async () => {
  const broken = '{ "agencies": [ { "id": ';
  const dir = workspace({ 'agencies.json': broken });
  const file = join(dir, 'agencies.json');
  const { s } = await withCustomFile(dir, 'agencies.json');
  try {
    const errors = () => s.messages.filter((m) => m.type === 1);
    assert.equal(errors().length, 1, JSON.stringify(s.messages));
    // The file is mended: it loads, and nothing more is shown.
    writeFileSync(
      file,
      JSON.stringify({ agencies: [{ id: 'custom-center', fullName: '长治市反拐宣传中心', kind: 'other' }] }),
    );
    await s.change('untitled:custom', 2, [{ text: TEXT + '\n' }]);
    const mended = summary(await s.diagnostics('untitled:custom', 2));
    assert.deepEqual(
      mended.map((d) => d[0]),
      ['unknown-citation', 'outdated-agency'],
      'the custom name is known now',
    );
    assert.equal(errors().length, 1);
    // The same error again: it is news to the user, so it is shown again.
    writeFileSync(file, broken);
    await s.change('untitled:custom', 3, [{ text: TEXT }]);
    await s.diagnostics('untitled:custom', 3);
    await s.until(() => errors().length === 2, HANG_LIMIT_MS, 'the second error message');
    assert.equal(errors()[1].message, errors()[0].message);
  } finally {
    await s.stop();
  }
});
