// UTF-8 decoding of the host (node/utf8.ts decodeValidUtf8: buffer.isUtf8 + buffer.transcode), which the CLI's input
// files and the data files now go through, against the decoders it replaced there: TextDecoder('utf-8', fatal,
// ignoreBOM) — the same text for valid UTF-8, undefined exactly where it throws — and, through the data source, the
// replacement characters of readFileSync(…, 'utf8') for invalid bytes. Random byte strings mix every kind of sequence:
// ASCII, 2- to 4-byte characters, surrogates and overlong forms encoded (invalid), truncated and stray bytes, BOMs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { decodeValidUtf8, decodeValidUtf8Pieces } from '../../server/src/node/utf8';
import { diskDataSource } from '../../server/src/node/data';
import { decodeText } from '../../server/src/cli/input';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

const FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function oracle(bytes: Uint8Array): string | undefined {
  try {
    return FATAL.decode(bytes);
  } catch {
    return undefined;
  }
}

const pieceArb = fc.oneof(
  fc.constantFrom(
    [0x41],
    [0x0a],
    [0x00],
    [0xe4, 0xb8, 0xad], // 中
    [0xe5, 0x8e, 0xbf], // 县
    [0xc3, 0xa9], // é
    [0xf0, 0xa0, 0xae, 0xb7], // 𠮷
    [0xef, 0xbb, 0xbf], // BOM
    [0xef, 0xbf, 0xbe], // U+FFFE
    [0xed, 0xa0, 0x80], // a surrogate, encoded: invalid
    [0xc0, 0xaf], // overlong: invalid
    [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF: invalid
    [0xe4, 0xb8], // truncated
    [0x80], // stray continuation byte
    [0xff],
  ),
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
);
const bytesArb = fc.array(pieceArb, { maxLength: 40 }).map((ps) => Uint8Array.from(ps.flat()));

test('decodeValidUtf8: the text TextDecoder (fatal) decodes, undefined where it throws', () => {
  fc.assert(
    fc.property(bytesArb, (bytes) => {
      assert.equal(decodeValidUtf8(bytes), oracle(bytes));
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // Long valid text (the CLI's 1 MB documents are decoded this way) and the empty text.
  const long = Buffer.from(
    '长治市贯彻落实《中国反对拐卖人口行动计划（2021—2030年）》实施方案\n𠮷 a\u00e9\r\n'.repeat(30000),
  );
  assert.equal(decodeValidUtf8(long), long.toString('utf8'));
  assert.equal(decodeValidUtf8(new Uint8Array(0)), '');
});

test('the CLI decodes input files and the data source reads data files as before', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apl-utf8-'));
  mkdirSync(join(dir, 'index'));
  fc.assert(
    fc.property(bytesArb, (bytes) => {
      // Input files (UTF-8 ones: no UTF-16 byte-order mark, no NUL): the text, or the error naming the first invalid
      // byte, as TextDecoder decided it.
      if (bytes[0] !== 0xff && bytes[0] !== 0xfe && !bytes.includes(0)) {
        const d = decodeText(bytes);
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        const want = oracle(bytes.subarray(bom ? 3 : 0));
        assert.equal('text' in d ? d.text : undefined, want);
      }
      // Data files: replacement characters for invalid bytes, as readFileSync(…, 'utf8') gives them.
      writeFileSync(join(dir, 'index', 'x.json'), bytes);
      assert.equal(diskDataSource(dir).read('index/x.json'), Buffer.from(bytes).toString('utf8'));
    }),
    { numRuns: 200, seed: SEED },
  );
});

/** `bytes` cut at the given points (sorted, deduplicated, within the length; empty pieces included). */
function cut(bytes: Uint8Array, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of at) {
    pieces.push(Buffer.from(bytes.subarray(from, p)));
    from = p;
  }
  pieces.push(Buffer.from(bytes.subarray(from)));
  return pieces;
}

test('decodeValidUtf8Pieces: the text of the joined pieces wherever they are cut, undefined where it is invalid', () => {
  fc.assert(
    fc.property(bytesArb, fc.array(fc.nat(), { maxLength: 8 }), (bytes, points) => {
      assert.equal(decodeValidUtf8Pieces(cut(bytes, points)), oracle(bytes));
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // Every cut inside 2-, 3- and 4-byte characters (é, 中, 𠮷 — a non-BMP character: two UTF-16 units), one piece per byte
  // included, and a character cut at the very end.
  const valid = Buffer.from('aé中𠮷县\u{10ffff}b');
  for (let i = 0; i <= valid.length; i++) {
    for (let j = i; j <= valid.length; j++) {
      assert.equal(decodeValidUtf8Pieces(cut(valid, [i, j])), 'aé中𠮷县\u{10ffff}b');
    }
  }
  assert.equal(decodeValidUtf8Pieces([...valid].map((b) => Buffer.from([b]))), 'aé中𠮷县\u{10ffff}b');
  assert.equal(decodeValidUtf8Pieces([valid.subarray(0, 5)]), undefined); // 中 cut at the end
  assert.equal(decodeValidUtf8Pieces([valid.subarray(0, 4), valid.subarray(4, 5)]), undefined);
  assert.equal(decodeValidUtf8Pieces([Buffer.from([0xe4, 0xb8]), Buffer.from([0x41])]), undefined);
  assert.equal(decodeValidUtf8Pieces([Buffer.from([0x80, 0x80, 0x80, 0x80]), Buffer.from([0x80])]), undefined);
  assert.equal(decodeValidUtf8Pieces([Buffer.alloc(0), Buffer.alloc(0)]), '');
  // Long text in 64 KiB pieces (a 1 MB didOpen arrives so), cut inside characters.
  const long = Buffer.from('长治市贯彻落实《中国反对拐卖人口行动计划（2021—2030年）》\n𠮷 a\u00e9\r\n'.repeat(20000));
  const pieces: Buffer[] = [];
  for (let at = 0; at < long.length; at += 65536) pieces.push(long.subarray(at, at + 65536));
  assert.equal(decodeValidUtf8Pieces(pieces), long.toString('utf8'));
});
