// server/src/lsp/encoding.ts (the stdio writer's serialisation) and the reuse of diagnostics across edits
// (diagnostics.ts): the bytes on the wire are the JSON of the message, whatever was cached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { EncodingMessageWriter, encodeMessage, markImmutable, utf8Chunks } from '../../server/src/lsp/encoding';
import { TestServer } from './lspClient';

const diag = (line: number, message: string, data?: unknown) => ({
  range: { start: { line, character: 1 }, end: { line, character: 4 } },
  severity: 2,
  code: 'outdated-agency',
  source: 'action-plan',
  message,
  ...(data === undefined ? {} : { data }),
});

const decode = (m: Message) => JSON.parse(Buffer.concat(encodeMessage(m)).toString('utf8'));

test('encodeMessage: publishDiagnostics and full pull reports are the JSON of the message, cached items included', () => {
  const cached = diag(0, '替换“卫生部”𠮷 "quoted" \\ \u2028', { replacement: ['国家卫生健康委员会'], since: null });
  markImmutable(cached);
  const items = [cached, diag(1, 'plain'), cached];
  const publish = {
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'file:///a%20"b".md', version: 7, diagnostics: items },
  } as Message;
  assert.deepEqual(decode(publish), JSON.parse(JSON.stringify(publish)));
  // Twice: the second time from the cache.
  assert.deepEqual(decode(publish), JSON.parse(JSON.stringify(publish)));
  const noVersion = {
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri: 'untitled:x', diagnostics: [] },
  } as Message;
  assert.deepEqual(decode(noVersion), JSON.parse(JSON.stringify(noVersion)));
  for (const result of [
    { kind: 'full', resultId: '3:0', items },
    { kind: 'full', items: [] },
    { kind: 'unchanged', resultId: '3:0' },
  ]) {
    const response = { jsonrpc: '2.0', id: 12, result } as Message;
    assert.deepEqual(decode(response), JSON.parse(JSON.stringify(response)));
  }
  // Anything else: plain JSON.stringify (an extra key keeps a message off the fast path).
  const other = { jsonrpc: '2.0', id: 'x', result: { kind: 'full', items, extra: 1 } } as Message;
  assert.deepEqual(decode(other), JSON.parse(JSON.stringify(other)));
  const error = { jsonrpc: '2.0', id: 3, error: { code: -32603, message: '失败' } } as Message;
  assert.deepEqual(decode(error), JSON.parse(JSON.stringify(error)));
});

test('utf8Chunks never splits a surrogate pair and restores the text exactly', () => {
  for (const s of ['', 'a', '𠮷'.repeat(40000), 'a' + '𠮷'.repeat(40000), '卫生部'.repeat(30000) + '😀']) {
    const chunks = utf8Chunks(s);
    for (const c of chunks) assert.ok(c.length <= 64 * 1024);
    assert.equal(Buffer.concat(chunks).toString('utf8'), s);
    assert.equal(
      chunks.map((c) => c.toString('utf8')).join(''),
      s,
      'every chunk is valid UTF-8 on its own (no pair split)',
    );
  }
});

/** Splits a byte stream of LSP frames into messages. */
function frames(bytes: Buffer): unknown[] {
  const out: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', at);
    const length = Number(/Content-Length: (\d+)/.exec(bytes.subarray(at, end).toString('ascii'))![1]);
    out.push(JSON.parse(bytes.subarray(end + 4, end + 4 + length).toString('utf8')));
    at = end + 4 + length;
  }
  return out;
}

test('EncodingMessageWriter: framed messages in order, large ones in blocks of at most 64 KiB', async () => {
  const stream = new PassThrough();
  const writes: number[] = [];
  const received: Buffer[] = [];
  stream.on('data', (b: Buffer) => {
    writes.push(b.length);
    received.push(b);
  });
  const writer = new EncodingMessageWriter(stream);
  const many = Array.from({ length: 3000 }, (_, i) => {
    const d = diag(i, `第${i}行：“卫生部”已撤销 𠮷`, { replacement: ['国家卫生健康委员会'] });
    if (i % 2) markImmutable(d);
    return d;
  });
  const messages = [
    { jsonrpc: '2.0', id: 1, result: null },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'untitled:a', diagnostics: many } },
    { jsonrpc: '2.0', id: 2, result: { kind: 'full', resultId: '1:0', items: many } },
    { jsonrpc: '2.0', id: 3, result: { text: '长'.repeat(200000) } },
  ] as unknown as Message[];
  for (const m of messages) await writer.write(m);
  assert.deepEqual(frames(Buffer.concat(received)), JSON.parse(JSON.stringify(messages)));
  assert.ok(Math.max(...writes) <= 64 * 1024, `largest write ${Math.max(...writes)} bytes`);
});

test('diagnostics after edits equal those of a fresh server on the final text (reused objects stay right)', async () => {
  const lines = [
    '# 实施方案',
    '卫生部、国家工商总局负责。',
    '民政部负责。',
    '《行动计划（2021—2030年）》二（一）2（99）',
    '卫生部负责。',
    '卫生部负责。',
    '文化部、国家林业局配合。',
  ];
  const s = await TestServer.start({ pull: true, locale: 'zh-cn' });
  const fresh = await TestServer.start({ pull: true, locale: 'zh-cn' });
  try {
    const uri = 'untitled:reuse';
    await s.open(uri, lines.join('\n'));
    await s.request('textDocument/diagnostic', { textDocument: { uri } });
    const at = (line: number, character: number) => ({ line, character });
    const edits: Array<{ range: { start: ReturnType<typeof at>; end: ReturnType<typeof at> }; text: string }> = [
      // a name put in front of a line: that line's diagnostics move right, the others stay
      { range: { start: at(2, 0), end: at(2, 0) }, text: '卫生部、' },
      // a line inserted: every diagnostic below moves down
      { range: { start: at(1, 0), end: at(1, 0) }, text: '国家计生委负责。\n' },
      // a finding removed, the same message elsewhere stays
      { range: { start: at(5, 0), end: at(5, 3) }, text: '国家卫生健康委员会' },
      // another outdated name of the same length at the same place: same range, different message and data
      { range: { start: at(4, 0), end: at(4, 3) }, text: '文化部' },
      // lines joined
      { range: { start: at(6, 6), end: at(7, 0) }, text: '' },
    ];
    let version = 1;
    let text = lines.join('\n');
    for (const e of edits) {
      version++;
      await s.change(uri, version, [e]);
      const got = await s.request('textDocument/diagnostic', { textDocument: { uri } });
      text = applyEdit(text, e);
      const freshUri = `untitled:fresh-${version}`;
      await fresh.open(freshUri, text);
      const want = await fresh.request('textDocument/diagnostic', { textDocument: { uri: freshUri } });
      assert.deepEqual(got.items, want.items, `after edit ${version - 1}`);
      assert.ok(want.items.length >= 3);
    }
  } finally {
    await s.stop();
    await fresh.stop();
  }
});

function applyEdit(
  text: string,
  e: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string },
): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return text.slice(0, off(e.range.start)) + e.text + text.slice(off(e.range.end));
}
