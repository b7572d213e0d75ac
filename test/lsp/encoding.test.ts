// server/src/lsp/encoding.ts in-process: the bytes the stdio writer sends are the JSON of the message, whatever was
// cached, framed in blocks of at most 64 KiB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { EncodingMessageWriter, encodeMessage, markImmutable, utf8Chunks } from '../../server/src/lsp/encoding';

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
  // Neither uri nor version (never sent by the server, but the writer must still write valid JSON).
  const bare = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: items } } as Message;
  assert.deepEqual(decode(bare), JSON.parse(JSON.stringify(bare)));
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
