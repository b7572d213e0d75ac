// Big and hostile files given to the real CLI (bin/action-plan-lint.js), in the main thread and in worker threads:
// a 20 MB file over maxDocumentSize, random bytes (binary, invalid UTF-8), the same bytes decoded as UTF-8 with
// U+FFFD and saved, 1 MB single lines of repeated patterns, a named pipe, and .docx zip bombs (with honest and with lying size
// fields). Every bad file is a clear per-file error, every other file is still checked exactly, exit status 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analysis';
import { InMemoryDocument } from '../../server/src/core/document';
import { loadEngines } from '../../server/src/node/data';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import JSZip from 'jszip';
import { docxText } from '../../server/src/node/docx';
import {
  DEFAULT_DOCX_LIMITS,
  docxBombCheck,
  docxTooLargeMessage,
  MAX_DOCX_XML_BYTES,
  validateDocx,
} from '../../server/src/node/docxSafety';
import { lintAsync, makeDocx, range, scratch } from '../cli/helpers';
import { duplicateCentralEntry, lieAboutSize, prepend, randomBytes, renamedMainPart, zipBomb } from './helpers';

const REF = '2024-06-01';
const WEISHENG_RANGE = range(0, 2, 0, 8);
const BOMB_ERROR = docxTooLargeMessage(MAX_DOCX_XML_BYTES);

const engines = loadEngines();
function expectedRanges(text: string) {
  const doc = new InMemoryDocument('x', text);
  // In the CLI's order: by position, then code.
  return [...analyzeText(text, { ...DEFAULT_SETTINGS, referenceDate: REF }, engines, { today: REF }).findings]
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((f) => [f.code, { start: doc.positionAt(f.start), end: doc.positionAt(f.end) }]);
}

test('docxBombCheck: ordinary packages pass; honest and lying zip bombs are refused without inflating them fully', async () => {
  assert.equal(docxBombCheck(await makeDocx(['长治市实施方案', '', '一、市卫生计生委负责。'])), undefined);
  const bomb = await zipBomb(600_000); // ~73 MB of XML in ~200 KB
  assert.ok(bomb.length < 1024 * 1024, `${bomb.length}`);
  assert.equal(docxBombCheck(bomb), BOMB_ERROR);
  // The archive claims 1,000 bytes: the real inflated size is what counts.
  assert.equal(docxBombCheck(lieAboutSize(bomb, 1000)), BOMB_ERROR);
  // A small limit for a small package.
  assert.equal(docxBombCheck(await zipBomb(100), { totalGrowth: 1000 }), docxTooLargeMessage(1000));
  assert.equal(docxBombCheck(await zipBomb(100), { totalGrowth: 1024 * 1024 }), undefined);
  // A lie in the other direction (claims more than it holds) is an inconsistent package.
  assert.match(
    docxBombCheck(lieAboutSize(await zipBomb(100), 50_000))!,
    /real size of the part "word\/document\.xml" does not match/,
  );
});

test('validateDocx: structural attacks are refused before any parser sees them, with a clear reason', async () => {
  const ok = await makeDocx(['一、市卫生计生委负责。']);
  const v = validateDocx(ok);
  assert.ok(v.ok && v.entries >= 3, JSON.stringify(v));
  const reason = (b: Buffer) => {
    const r = validateDocx(b);
    assert.ok(!r.ok, 'refused');
    return (r as { error: string }).error;
  };
  const corrupt =
    /^无法读取 Word 文档（文件损坏或不是 \.docx 格式）：.+ \/ cannot read the Word document \(corrupt or not \.docx\): /;
  // Data prepended: jszip compensates for the shift and would open it; refused here, bomb or not.
  for (const b of [prepend(await zipBomb(600_000), 64), prepend(ok, 64), prepend(ok, 1)]) {
    assert.match(reason(b), /data prepended/);
    assert.match(reason(b), corrupt);
  }
  // The main part under another name (mammoth follows _rels/.rels to it): checked like any other entry.
  assert.equal(reason(await renamedMainPart('word/document.bin', 600_000)), BOMB_ERROR);
  assert.equal(reason(await renamedMainPart('word/media/image1.png', 600_000)), BOMB_ERROR);
  assert.equal(validateDocx(await renamedMainPart('word/document.bin', 10)).ok, true);
  // One local header shared by two central-directory entries (overlapping entries multiply one stream).
  assert.match(reason(duplicateCentralEntry(ok, 'word/document.xml')), /overlaps another part/);
  // Data after the end record, a truncated package, not a ZIP at all, nothing.
  assert.match(reason(Buffer.concat([ok, Buffer.from('tail')])), /data after the ZIP end-of-central-directory record/);
  assert.match(reason(ok.subarray(0, ok.length - 30)), corrupt);
  assert.match(reason(ok.subarray(40)), corrupt);
  assert.match(reason(Buffer.from('PK\u0003\u0004 not a zip')), corrupt);
  assert.match(reason(Buffer.alloc(0)), corrupt);
  assert.match(reason(randomBytes(4096, 3)), corrupt);
  // A part that inflates more than MAX_DOCX_RATIO times (2 MB of zeros in ~2 KB), whatever its name.
  const zeros = await JSZip.loadAsync(ok);
  zeros.file('customXml/item1.bin', Buffer.alloc(2 * 1024 * 1024));
  const ratio = await zeros.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  assert.match(reason(ratio), /"customXml\/item1\.bin" is compressed more than 200 times/);
  // Growth summed over every part: many parts each well under the per-part and ratio limits (small limit, small test).
  const many = await JSZip.loadAsync(ok);
  for (let i = 0; i < 40; i++) many.file(`word/part${i}.xml`, randomBytes(50 * 1024, i + 1).toString('hex'));
  const manyBuf = await many.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  assert.equal(validateDocx(manyBuf).ok, true);
  assert.deepEqual(validateDocx(manyBuf, { ...DEFAULT_DOCX_LIMITS, totalGrowth: 1024 * 1024 }), {
    ok: false,
    error: docxTooLargeMessage(1024 * 1024),
  });
  // The docx reader refuses before mammoth runs.
  assert.deepEqual(await docxText(prepend(ok, 64)), { error: reason(prepend(ok, 64)) });
  assert.deepEqual(await docxText(ok), { text: '一、市卫生计生委负责。' });
});

for (const workers of ['0', '2']) {
  test(`CLI (${workers === '0' ? 'main thread' : 'two worker threads'}): hostile files are per-file errors or checked exactly; the rest is checked; exit 2`, async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'good.md'), '一、市卫生计生委负责。\n');
    const line =
      '依据《行动计划（2021—2030年）》二（一）2（3），由市卫生局、公安部配合。abcdefghijklmnopqrstuvwxyz0123456789\n';
    const twenty = line.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(line)));
    writeFileSync(join(dir, 'twenty-mb.md'), twenty);
    const bytes = randomBytes(1 << 20, 7);
    writeFileSync(join(dir, 'random.txt'), bytes);
    const noNul = Buffer.from(bytes.filter((b) => b !== 0));
    writeFileSync(join(dir, 'latin1.txt'), noNul);
    const replaced = noNul.toString('utf8');
    writeFileSync(join(dir, 'replaced.md'), replaced, 'utf8');
    const parens = '（'.repeat(1_000_000);
    writeFileSync(join(dir, 'parens.md'), parens);
    const clause = '（市公安局负责，市卫生局、团市委配合）依据《行动计划》二（一）2（3）。'.repeat(10_000);
    writeFileSync(join(dir, 'clause-line.txt'), clause);
    writeFileSync(join(dir, 'bomb.docx'), await zipBomb(600_000));
    writeFileSync(join(dir, 'lying-bomb.docx'), lieAboutSize(await zipBomb(600_000), 1000));
    writeFileSync(join(dir, 'ok.docx'), await makeDocx(['一、市卫生计生委负责。']));
    const prepended = prepend(await zipBomb(600_000), 64);
    writeFileSync(join(dir, 'prepended.docx'), prepended);
    writeFileSync(join(dir, 'renamed-main.docx'), await renamedMainPart('word/document.bin', 600_000));
    assert.equal(spawnSync('mkfifo', [join(dir, 'pipe.md')]).status, 0); // reading it would block forever

    const r = await lintAsync(['--format', 'json', '--reference-date', REF, '.'], {
      cwd: dir,
      env: { ACTION_PLAN_LINT_WORKERS: workers },
    });
    assert.equal(r.status, 2, r.stderr);
    const out = JSON.parse(r.stdout) as Array<{
      file: string;
      error?: string;
      diagnostics: Array<{ code: string; range: unknown }>;
    }>;
    assert.deepEqual(
      out.map((f) => f.file),
      [
        'bomb.docx',
        'clause-line.txt',
        'good.md',
        'latin1.txt',
        'lying-bomb.docx',
        'ok.docx',
        'parens.md',
        'pipe.md',
        'prepended.docx',
        'random.txt',
        'renamed-main.docx',
        'replaced.md',
        'twenty-mb.md',
      ],
    );
    const by = new Map(out.map((f) => [f.file, f]));
    const errors = out.filter((f) => f.error).map((f) => [f.file, f.error]);
    assert.deepEqual(errors, [
      ['bomb.docx', BOMB_ERROR],
      ['latin1.txt', by.get('latin1.txt')!.error],
      ['lying-bomb.docx', BOMB_ERROR],
      ['pipe.md', '不是普通文件 / not a regular file'],
      ['prepended.docx', docxBombCheck(prepended)],
      ['random.txt', by.get('random.txt')!.error],
      ['renamed-main.docx', BOMB_ERROR],
      [
        'twenty-mb.md',
        `文件过大（${twenty.length} 个字符，上限 8388608 个字符，见设置 maxDocumentSize），未检查 / file too large (${twenty.length} characters; the limit is 8388608 characters, setting maxDocumentSize); not checked`,
      ],
    ]);
    assert.match(by.get('random.txt')!.error!, /^看起来是二进制文件（第 \d+ 字节为 NUL），已跳过/);
    assert.match(by.get('latin1.txt')!.error!, /^不是 UTF-8 编码（第 \d+ 行、第 \d+ 字节处无效；/);
    // The good ones, exactly.
    assert.deepEqual(
      by.get('good.md')!.diagnostics.map((d) => [d.code, d.range]),
      [['outdated-agency', WEISHENG_RANGE]],
    );
    assert.deepEqual(
      by.get('ok.docx')!.diagnostics.map((d) => [d.code, d.range]),
      [['outdated-agency', WEISHENG_RANGE]],
    );
    assert.deepEqual(by.get('parens.md')!.diagnostics, []);
    assert.deepEqual(
      by.get('replaced.md')!.diagnostics.map((d) => [d.code, d.range]),
      expectedRanges(readFileSync(join(dir, 'replaced.md'), 'utf8')),
    );
    const clauseDiags = by.get('clause-line.txt')!.diagnostics;
    assert.equal(clauseDiags.filter((d) => d.code === 'outdated-agency').length, 10_000);
    assert.deepEqual(
      clauseDiags.map((d) => [d.code, d.range]),
      expectedRanges(clause),
    );
    // stderr: one line per file that could not be checked, in order.
    assert.deepEqual(
      r.stderr
        .trimEnd()
        .split('\n')
        .map((l) => l.slice(0, l.indexOf(':'))),
      [
        '✖ bomb.docx',
        '✖ latin1.txt',
        '✖ lying-bomb.docx',
        '✖ pipe.md',
        '✖ prepended.docx',
        '✖ random.txt',
        '✖ renamed-main.docx',
        '✖ twenty-mb.md',
      ],
    );
  });
}
