// The stdio transport's message bodies (lsp/transport.ts): decoded by decodeBody — valid UTF-8 through
// node/utf8.ts decodeValidUtf8Pieces (isUtf8 + transcode), invalid bytes as before (V8's decoder: one piece by
// Buffer#toString, several by a StringDecoder, with replacement characters) — against that former decoding, on random
// bytes cut anywhere, and through a FrameReader fed in chunks that cut characters (non-BMP ones included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { decodeBody, FrameReader } from '../../server/src/lsp/transport';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

/** The decoding of transport.ts before decodeBody. */
function former(pieces: Buffer[]): string {
  if (pieces.length === 1) return pieces[0].toString('utf8');
  const decoder = new StringDecoder('utf8');
  let text = '';
  for (const p of pieces) text += decoder.write(p);
  return text + decoder.end();
}

const unitArb = fc.oneof(
  fc.constantFrom(
    [0x41],
    [0xe4, 0xb8, 0xad], // 中
    [0xc3, 0xa9], // é
    [0xf0, 0xa0, 0xae, 0xb7], // 𠮷
    [0xef, 0xbb, 0xbf], // BOM
    [0xed, 0xa0, 0x80], // an encoded surrogate: invalid
    [0xc0, 0xaf], // overlong: invalid
    [0xe4, 0xb8], // truncated
    [0x80],
    [0xff],
  ),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
);
const bytesArb = fc.array(unitArb, { minLength: 1, maxLength: 40 }).map((us) => Buffer.from(us.flat()));

function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of at) {
    if (p > from) pieces.push(bytes.subarray(from, p));
    from = p;
  }
  if (from < bytes.length || pieces.length === 0) pieces.push(bytes.subarray(from));
  return pieces;
}

test('decodeBody: the former decoding of any bytes, however they are cut into pieces', () => {
  fc.assert(
    fc.property(bytesArb, fc.array(fc.nat(), { maxLength: 6 }), (bytes, points) => {
      const pieces = cut(bytes, points);
      assert.equal(decodeBody(pieces), former(pieces));
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // Invalid bytes keep their replacement characters; a character cut at the end of the body is one.
  assert.equal(decodeBody([Buffer.from([0x41, 0xff]), Buffer.from([0x42])]), 'A\ufffdB');
  assert.equal(decodeBody([Buffer.from([0x41, 0xe4]), Buffer.from([0xb8])]), 'A\ufffd');
  assert.equal(decodeBody([Buffer.from([0x41, 0xe4, 0xb8])]), 'A\ufffd');
});

/** The messages a FrameReader reads from `chunks`. */
async function read(chunks: Buffer[]): Promise<unknown[]> {
  const input = new PassThrough();
  const reader = new FrameReader(input, (reason) => assert.fail(reason));
  const messages: unknown[] = [];
  const errors: Error[] = [];
  reader.onError((e) => errors.push(e));
  reader.listen((m) => messages.push(m));
  for (const c of chunks) input.write(c);
  input.end();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(errors, []);
  return messages;
}

function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

test('FrameReader: a didOpen cut inside its multi-byte and non-BMP characters arrives whole', async () => {
  const text = '《中国反对拐卖人口行动计划（2021—2030年）》二（一）2（3）𠮷𩸽\u00e9 县公安局\n'.repeat(400);
  const message = {
    jsonrpc: '2.0',
    method: 'textDocument/didOpen',
    params: { textDocument: { uri: 'file:///a.txt', languageId: 'plaintext', version: 1, text } },
  };
  const bytes = Buffer.concat([frame(message), frame({ jsonrpc: '2.0', id: 1, method: 'shutdown' })]);
  // Chunk sizes that fall on every byte of a character somewhere: 1, 2, 3, 5, 7 … and 64 KiB (a pipe's).
  for (const size of [1, 2, 3, 5, 7, 4093, 65536]) {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
    const got = (await read(chunks)) as Array<{ params?: { textDocument: { text: string } } }>;
    assert.equal(got.length, 2, `chunks of ${size}`);
    assert.equal(got[0].params!.textDocument.text, text, `chunks of ${size}`);
    assert.deepEqual(got[1], { jsonrpc: '2.0', id: 1, method: 'shutdown' });
  }
});

test('FrameReader: invalid UTF-8 in a string of a body reads as replacement characters, as before', async () => {
  const body = Buffer.concat([
    Buffer.from('{"jsonrpc":"2.0","method":"x","params":{"t":"a'),
    Buffer.from([0xff, 0xe4, 0xb8]),
    Buffer.from('b中"}}'),
  ]);
  const bytes = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
  for (const size of [1, 3, bytes.length]) {
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
    const got = (await read(chunks)) as Array<{ params: { t: string } }>;
    assert.equal(got[0].params.t, 'a\ufffd\ufffdb中', `chunks of ${size}`);
  }
});
