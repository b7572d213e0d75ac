// Input handling of the real CLI: .docx (built here with jszip: one paragraph per line), UTF-8 BOM and UTF-16 with
// BOM, and the bad inputs — binary, non-UTF-8, corrupt .docx, dangling symbolic link, a folder named like a
// document, missing path, unsupported type, too large — each a clear per-file error on stderr and an `error` entry
// in the JSON, while the other files are still checked; exit status 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, makeDocx, range, scratch } from './helpers';

const WEISHENG = (r: ReturnType<typeof range>) => ({
  code: 'outdated-agency',
  severity: 'warning',
  message: '“市卫生计生委”已撤销，应为“市卫健委”（2018年机构改革）',
  range: r,
  data: {
    replacement: ['市卫健委'],
    since: '2019-03-31',
    reform: '2018年党和国家机构改革：地方组建卫生健康委员会，不再保留卫生和计划生育委员会',
  },
});

test('.docx: text through mammoth, one paragraph per line (empty paragraphs count), UTF-16 characters', async () => {
  const dir = scratch();
  writeFileSync(
    join(dir, 'plan.docx'),
    await makeDocx([
      '长治市实施方案',
      '',
      '一、𠮷市卫生计生委负责。',
      '二、《行动计划（2021—2030年）》二（九）2（1）。',
    ]),
  );
  const r = lint(['--format', 'json', '--reference-date', '2024-06-01', 'plan.docx'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout), [
    {
      file: 'plan.docx',
      diagnostics: [
        WEISHENG(range(2, 4, 2, 10)),
        {
          code: 'unknown-citation',
          severity: 'error',
          message: '核对条目编号：《行动计划（2021—2030年）》中不存在“二（九）2（1）”',
          range: range(3, 20, 3, 28),
          data: { plan: '2021-2030' },
        },
      ],
    },
  ]);
});

test('UTF-8 with BOM and UTF-16 LE/BE with BOM are decoded; positions exclude the BOM', () => {
  const dir = scratch();
  const text = '\n一、市卫生计生委负责。\r\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const beBody = Buffer.from(text, 'utf16le');
  beBody.swap16();
  writeFileSync(join(dir, 'a-bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  writeFileSync(join(dir, 'b-le.txt'), le);
  writeFileSync(join(dir, 'c-be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]));
  const r = lint(['--format', 'json', '--reference-date', '2024-06-01', '.'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout),
    ['a-bom.md', 'b-le.txt', 'c-be.txt'].map((file) => ({ file, diagnostics: [WEISHENG(range(1, 2, 1, 8))] })),
  );
});

test('bad inputs: per-file errors (Chinese / English) on stderr and in JSON; the other files are checked; exit 2', () => {
  const dir = scratch();
  writeFileSync(join(dir, 'good.md'), '一、市卫生计生委负责。\n');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
  writeFileSync(join(dir, 'utf16-no-bom.txt'), Buffer.from('1、市卫生计生委', 'utf16le'));
  writeFileSync(join(dir, 'gbk.md'), Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xca, 0xd0, 0x0a])); // 一、市 in GBK (D2 BB happens to be valid UTF-8)
  writeFileSync(join(dir, 'late-gbk.md'), Buffer.concat([Buffer.from('第一行\n第二行\n'), Buffer.from([0xb5, 0xda])]));
  writeFileSync(join(dir, 'corrupt.docx'), 'PK\u0003\u0004 this is not really a zip');
  symlinkSync('missing-target.md', join(dir, 'dangling.md'));
  mkdirSync(join(dir, 'folder.md'));
  writeFileSync(join(dir, 'folder.md', 'inner.txt'), '市卫生计生委。\n'); // a folder named like a document is walked
  const r = lint(['--format', 'json', '--reference-date', '2024-06-01', '.', 'absent.md', 'notes.pdf'], { cwd: dir });
  writeFileSync(join(dir, 'notes.pdf'), '%PDF');
  const r2 = lint(['--format', 'json', 'notes.pdf'], { cwd: dir });
  assert.equal(r2.status, 2);
  assert.deepEqual(JSON.parse(r2.stdout), [
    {
      file: 'notes.pdf',
      error:
        '不支持的文件类型（只检查 .md、.txt 和 .docx）/ unsupported file type (only .md, .txt and .docx are checked)',
      diagnostics: [],
    },
  ]);

  assert.equal(r.status, 2);
  const NOT_FOUND =
    '文件或文件夹不存在（或是指向不存在目标的符号链接）/ no such file or folder (or a dangling symbolic link)';
  const out = JSON.parse(r.stdout) as Array<{ file: string; error?: string; diagnostics: unknown[] }>;
  assert.deepEqual(
    out.map((f) => f.file),
    [
      'absent.md',
      'binary.txt',
      'corrupt.docx',
      'dangling.md',
      'folder.md/inner.txt',
      'gbk.md',
      'good.md',
      'late-gbk.md',
      'notes.pdf',
      'utf16-no-bom.txt',
    ],
  );
  const byFile = new Map(out.map((f) => [f.file, f]));
  assert.deepEqual(byFile.get('good.md'), { file: 'good.md', diagnostics: [WEISHENG(range(0, 2, 0, 8))] });
  assert.deepEqual(byFile.get('folder.md/inner.txt'), {
    file: 'folder.md/inner.txt',
    diagnostics: [WEISHENG(range(0, 0, 0, 6))],
  });
  assert.deepEqual(byFile.get('absent.md'), { file: 'absent.md', error: NOT_FOUND, diagnostics: [] });
  assert.deepEqual(byFile.get('notes.pdf'), { file: 'notes.pdf', error: NOT_FOUND, diagnostics: [] });
  assert.deepEqual(byFile.get('dangling.md'), { file: 'dangling.md', error: NOT_FOUND, diagnostics: [] });
  assert.deepEqual(byFile.get('binary.txt'), {
    file: 'binary.txt',
    error:
      '看起来是二进制文件（第 4 字节为 NUL），已跳过；UTF-16 文本须带 BOM / looks like a binary file (NUL byte at offset 4); skipped. UTF-16 text needs a byte-order mark',
    diagnostics: [],
  });
  assert.equal(
    byFile.get('utf16-no-bom.txt')!.error,
    '看起来是二进制文件（第 1 字节为 NUL），已跳过；UTF-16 文本须带 BOM / looks like a binary file (NUL byte at offset 1); skipped. UTF-16 text needs a byte-order mark',
  );
  assert.deepEqual(byFile.get('gbk.md'), {
    file: 'gbk.md',
    error:
      '不是 UTF-8 编码（第 1 行、第 2 字节处无效；可能是 GBK/GB18030，请另存为 UTF-8），已跳过 / not UTF-8 (invalid byte at offset 2, line 1; perhaps GBK/GB18030: save it as UTF-8); skipped',
    diagnostics: [],
  });
  assert.match(byFile.get('late-gbk.md')!.error!, /^不是 UTF-8 编码（第 3 行、第 20 字节处无效；/);
  assert.match(
    byFile.get('corrupt.docx')!.error!,
    /^无法读取 Word 文档（文件损坏或不是 \.docx 格式）：.+ \/ cannot read the Word document \(corrupt or not \.docx\): /,
  );
  // stderr: one line per bad file, in the same order, Chinese first.
  const lines = r.stderr.trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => l.slice(0, l.indexOf(':'))),
    [
      '✖ absent.md',
      '✖ binary.txt',
      '✖ corrupt.docx',
      '✖ dangling.md',
      '✖ gbk.md',
      '✖ late-gbk.md',
      '✖ notes.pdf',
      '✖ utf16-no-bom.txt',
    ],
  );
  assert.equal(lines[0], `✖ absent.md: ${NOT_FOUND}`);

  // Text format: the summary counts the files that could not be checked.
  const t = lint(['--reference-date', '2024-06-01', 'good.md', 'gbk.md'], { cwd: dir });
  assert.equal(t.status, 2);
  assert.ok(t.stdout.endsWith('✖ 1 个文件无法检查（见标准错误输出）\n'), t.stdout);
});

test('files larger than maxDocumentSize are a per-file error, not analysed', () => {
  const dir = scratch();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ maxDocumentSize: 20 }));
  writeFileSync(join(dir, 'small.md'), '市卫生计生委。\n');
  writeFileSync(join(dir, 'big.md'), '市卫生计生委。' + 'x'.repeat(22) + '\n'); // 30 UTF-16 units in 44 bytes: read, then refused
  writeFileSync(join(dir, 'huge.md'), '市'.repeat(30)); // 90 bytes > 3 × 20 + 3: refused before reading
  const r = lint(['--config', 'config.json', '--format', 'json', '--reference-date', '2024-06-01', '.'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.deepEqual(JSON.parse(r.stdout), [
    {
      file: 'big.md',
      error:
        '文件过大（30 个字符，上限 20 个字符，见设置 maxDocumentSize），未检查 / file too large (30 characters; the limit is 20 characters, setting maxDocumentSize); not checked',
      diagnostics: [],
    },
    {
      file: 'huge.md',
      error:
        '文件过大（90 字节，上限 20 个字符，见设置 maxDocumentSize），未检查 / file too large (90 bytes; the limit is 20 characters, setting maxDocumentSize); not checked',
      diagnostics: [],
    },
    { file: 'small.md', diagnostics: [WEISHENG(range(0, 0, 0, 6))] },
  ]);
});
