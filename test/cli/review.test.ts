// `action-plan-lint review` as a subprocess: the default output name, -o, the report on stdout, exit status as for
// checking, and bad input — encrypted, .doc/.wps, corrupt, zip bombs, the input as output — told clearly with
// exit 2 and nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { docxTooLargeMessage, MAX_DOCX_XML_BYTES } from '../../server/src/node/docxSafety';
import { zipBomb } from '../reliability/helpers';
import { lint, makeDocx, scratch } from './helpers';

const PLAN = ['长治市实施方案', '', '一、由市卫生计生委负责，根据国办发[2021]13号。', '二、二（三）2（9）'];

test('review: writes IN（审阅）.docx beside the input, prints the findings, exit as for checking; -o; the input is untouched', async () => {
  const dir = scratch();
  const input = await makeDocx(PLAN);
  writeFileSync(join(dir, 'plan.docx'), input);
  const r = lint(['review', 'plan.docx', '--lang', 'zh', '--reference-date', '2025-06-01'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /3:4 +警告 +“市卫生计生委”已撤销，应为“市卫健委”/);
  assert.match(r.stdout, /✔ 已写入审阅稿 plan（审阅）\.docx：2 条批注，2 处修订\n/);
  assert.ok(readFileSync(join(dir, 'plan（审阅）.docx')).length > 0);
  assert.deepEqual(readFileSync(join(dir, 'plan.docx')), input);

  const j = lint(
    [
      'review',
      'plan.docx',
      '-o',
      'out/reviewed.docx',
      '--format',
      'json',
      '--lang',
      'en',
      '--reference-date',
      '2025-06-01',
    ],
    { cwd: dir },
  );
  assert.equal(j.status, 2, 'a missing folder is an error');
  assert.match(j.stderr, /cannot write the reviewed copy \(ENOENT\)/);
  assert.ok(!existsSync(join(dir, 'out')));
  const k = lint(
    [
      'review',
      '--output=reviewed.docx',
      'plan.docx',
      '--format',
      'json',
      '--lang',
      'en',
      '--reference-date',
      '2025-06-01',
      '--author',
      'Jane Roe',
    ],
    { cwd: dir },
  );
  assert.equal(k.status, 0, k.stderr);
  const [entry] = JSON.parse(k.stdout);
  assert.equal(entry.output, 'reviewed.docx');
  assert.deepEqual([entry.comments, entry.revisions], [2, 2]);
  assert.deepEqual(
    entry.diagnostics.map((d: { code: string; range: { start: { line: number; character: number } } }) => [
      d.code,
      d.range.start.line,
      d.range.start.character,
    ]),
    [
      ['outdated-agency', 2, 3],
      ['citation-format', 2, 14],
    ],
  );
  assert.match(entry.diagnostics[0].message, /^Replace "市卫生计生委" with "市卫健委"/);
  // No temporary files are left behind.
  assert.deepEqual(readdirSync(dir).sort(), ['plan.docx', 'plan（审阅）.docx', 'reviewed.docx']);

  // An error-severity finding: exit 1, the copy is still written.
  writeFileSync(join(dir, 'bad.docx'), await makeDocx(['按照《行动计划（2021—2030年）》二（三）2（9）的要求。']));
  const e = lint(['review', 'bad.docx', '--reference-date', '2025-06-01'], { cwd: dir });
  assert.equal(e.status, 1, e.stderr);
  assert.ok(existsSync(join(dir, 'bad（审阅）.docx')));
});

test('review: bad input gets a clear error, exit 2, and nothing is written', async () => {
  const dir = scratch();
  // An encrypted .docx is an OLE compound file holding an EncryptedPackage stream.
  const ole = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
  writeFileSync(join(dir, 'secret.docx'), ole);
  const oldWord = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(oldWord);
  writeFileSync(join(dir, 'old.doc'), oldWord);
  writeFileSync(join(dir, 'renamed.docx'), oldWord);
  writeFileSync(join(dir, 'draft.wps'), oldWord);
  writeFileSync(join(dir, 'corrupt.docx'), 'PK\u0003\u0004 this is not really a zip');
  writeFileSync(join(dir, 'bomb.docx'), await zipBomb(600_000));
  writeFileSync(join(dir, 'notes.txt'), '卫生部');
  writeFileSync(join(dir, 'plan.docx'), await makeDocx(PLAN));
  const before = readdirSync(dir).sort();
  const cases: Array<[string[], RegExp]> = [
    [
      ['secret.docx'],
      /^action-plan-lint: secret\.docx: 文档已加密（设置了打开密码），无法读取.* \/ the document is encrypted \(password-protected\)/,
    ],
    [['old.doc'], /旧版 Word（\.doc）或 WPS（\.wps）格式.*soffice --headless --convert-to docx FILE/],
    [
      ['renamed.docx'],
      /only \.docx is supported — save it as \.docx in Word\/WPS, or convert it with LibreOffice: soffice --headless --convert-to docx FILE/,
    ],
    [['draft.wps'], /WPS（\.wps）/],
    [
      ['corrupt.docx'],
      /无法读取 Word 文档（文件损坏或不是 \.docx 格式）.* \/ cannot read the Word document \(corrupt or not \.docx\)/,
    ],
    [['bomb.docx'], new RegExp(docxTooLargeMessage(MAX_DOCX_XML_BYTES).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
    [['notes.txt'], /只能审阅 \.docx 文件 \/ only \.docx files can be reviewed/],
    [['absent.docx'], /无法读取文件（ENOENT）/],
    [['plan.docx', '-o', 'plan.docx'], /审阅稿不能覆盖原文件/],
    [['plan.docx', '-o', './sub/../plan.docx'], /审阅稿不能覆盖原文件/],
  ];
  for (const [args, message] of cases) {
    const r = lint(['review', ...args], { cwd: dir });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.deepEqual(readdirSync(dir).sort(), before, `${args.join(' ')}: nothing written`);
  }
  // Checking says the same.
  const checked = lint(['--format', 'json', 'secret.docx', 'renamed.docx'], { cwd: dir });
  assert.equal(checked.status, 2);
  const errors = JSON.parse(checked.stdout).map((f: { error: string }) => f.error);
  assert.match(errors[0], /only \.docx is supported/);
  assert.match(errors[1], /文档已加密/);
  const j = lint(['review', 'corrupt.docx', '--format', 'json'], { cwd: dir });
  assert.equal(j.status, 2);
  assert.deepEqual(Object.keys(JSON.parse(j.stdout)[0]), ['file', 'error', 'diagnostics']);
});

test('review: usage errors', () => {
  for (const [args, message] of [
    [['review'], /review 命令需要一个 \.docx 文件/],
    [['review', 'a.docx', 'b.docx'], /review 命令只接受一个 \.docx 文件/],
    [['review', 'a.docx', '--lang', 'fr'], /--lang must be zh, en or both/],
    [['review', 'a.docx', '--format', 'sarif'], /--format must be one of text, json/],
    [['review', 'a.docx', '--fix'], /option --fix does not apply to the review command/],
    [['a.docx', '-o', 'b.docx'], /option --output does not apply to the lint command/],
  ] as Array<[string[], RegExp]>) {
    const r = lint(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
  }
});
