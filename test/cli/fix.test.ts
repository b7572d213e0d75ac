// --fix through the real CLI: exact rewritten texts, what it prints, atomic writes that keep mode, BOM, UTF-16 and
// line endings, .docx never touched, unreadable files never touched, and a second --fix that changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, makeDocx, range, scratch } from './helpers';

const A_FIXED =
  '---\ndate: 2024-06-01\n---\n一、按照《行动计划》二（一）2（3）要求，由市公安局、市卫健委负责。\n二、𠮷𠮷《行动计划（2021—2030年）》二（九）2（1）。\n三、国办发〔2021〕13号。\n';
const B_FIXED =
  '根据《中国反对拐卖人口行动计划（2013—2020年）》二（一）2（3），市委政法委牵头。\n二、由市公安局负责，市公按局、市妇联配合。\n';
const C_FIXED = '落实《中国反对拐卖人口行动计划（2021—2030年）》。\n';

test('--fix rewrites every unambiguous fix, prints the changes, then reports what is left', async () => {
  const dir = scratch('docs');
  const docx = await makeDocx(['一、市卫生计生委负责。']);
  writeFileSync(join(dir, 'word.docx'), docx);
  chmodSync(join(dir, 'b-notes.txt'), 0o640);
  const clean = readFileSync(join(dir, 'clean.md'));
  const cleanMtime = statSync(join(dir, 'clean.md')).mtimeMs;

  const r = lint(['--fix', '--reference-date', '2024-06-01', '.'], { cwd: dir });
  assert.equal(r.status, 1); // the unknown citation cannot be fixed
  assert.equal(r.stderr, '');
  assert.equal(readFileSync(join(dir, 'a-plan.md'), 'utf8'), A_FIXED);
  assert.equal(readFileSync(join(dir, 'b-notes.txt'), 'utf8'), B_FIXED);
  assert.equal(readFileSync(join(dir, 'sub', 'c.txt'), 'utf8'), C_FIXED);
  assert.deepEqual(readFileSync(join(dir, 'clean.md')), clean);
  assert.equal(statSync(join(dir, 'clean.md')).mtimeMs, cleanMtime); // untouched files are not rewritten
  assert.deepEqual(readFileSync(join(dir, 'word.docx')), docx); // .docx is never modified
  assert.equal(statSync(join(dir, 'b-notes.txt')).mode & 0o777, 0o640); // mode kept by the atomic rename
  assert.deepEqual(readdirSync(dir).sort(), [
    'a-plan.md',
    'b-notes.txt',
    'clean.md',
    'sub',
    'word.docx',
    '~$a-plan.docx',
  ]); // no temp files left
  assert.equal(
    r.stdout.split('\n✖')[0],
    [
      'a-plan.md 已修复',
      '  4:28  “市卫生计生委” → “市卫健委”  outdated-agency',
      '  6:3  “国办发[2021]13号” → “国办发〔2021〕13号”  citation-format',
      '',
      'b-notes.txt 已修复',
      '  1:38  “市综治办” → “市委政法委”  outdated-agency',
      '',
      'sub/c.txt 已修复',
      '  1:3  “《中国反对拐卖人口行动计划(2021—2030年)》” → “《中国反对拐卖人口行动计划（2021—2030年）》”  citation-format',
      '',
      '✔ 已在 3 个文件中修复 4 处',
      '',
      'a-plan.md',
      '  5:25  错误  核对条目编号：《行动计划（2021—2030年）》中不存在“二（九）2（1）”  unknown-citation',
      '',
      'b-notes.txt',
      '  1:3   警告  改引《行动计划（2021—2030年）》二（一）2（3）：《行动计划（2013—2020年）》在参照日期 2024-06-01 已被取代（2021年4月9日起由《行动计划（2021—2030年）》（国办发〔2021〕13号）接续）  superseded-citation',
      '  2:11  警告  是否应为“市公安局”？“市公按局”不在机构名录中  unknown-agency',
      '',
      'word.docx',
      '  1:3  警告  “市卫生计生委”已撤销，应为“市卫健委”（2018年机构改革）  outdated-agency',
      '',
    ].join('\n'),
  );

  // A second --fix changes nothing.
  const before = new Map(['a-plan.md', 'b-notes.txt', 'sub/c.txt'].map((f) => [f, statSync(join(dir, f)).mtimeMs]));
  const again = lint(['--fix', '--reference-date', '2024-06-01', '.'], { cwd: dir });
  assert.equal(again.status, 1);
  assert.ok(again.stdout.startsWith('--fix：没有可自动修复的问题，未改动任何文件\n'), again.stdout);
  assert.equal(readFileSync(join(dir, 'a-plan.md'), 'utf8'), A_FIXED);
  for (const [f, m] of before) assert.equal(statSync(join(dir, f)).mtimeMs, m, f);
});

test('--fix --format json: the changes go to stderr, the JSON on stdout describes the fixed files', () => {
  const dir = scratch('docs');
  const r = lint(['--fix', '--format', 'json', '--reference-date', '2024-06-01', 'a-plan.md'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr,
    [
      'a-plan.md 已修复',
      '  4:28  “市卫生计生委” → “市卫健委”  outdated-agency',
      '  6:3  “国办发[2021]13号” → “国办发〔2021〕13号”  citation-format',
      '',
      '✔ 已在 1 个文件中修复 2 处',
      '',
    ].join('\n'),
  );
  assert.deepEqual(JSON.parse(r.stdout), [
    {
      file: 'a-plan.md',
      diagnostics: [
        {
          code: 'unknown-citation',
          severity: 'error',
          message: '核对条目编号：《行动计划（2021—2030年）》中不存在“二（九）2（1）”',
          range: range(4, 24, 4, 32),
          data: { plan: '2021-2030' },
        },
      ],
    },
  ]);
  // Positions are those of the rewritten text (the fixes were on other lines, so this one did not move).
});

test('--fix keeps the encoding: UTF-8 BOM, UTF-16 LE and BE with BOM, CRLF line endings', () => {
  const dir = scratch();
  const text = '一、市卫生计生委负责。\r\n二、国办发[2021]13号。\r\n';
  const fixed = '一、市卫健委负责。\r\n二、国办发〔2021〕13号。\r\n';
  const le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  const be = (s: string) => {
    const b = Buffer.from(s, 'utf16le');
    b.swap16();
    return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
  };
  const bom = (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]);
  writeFileSync(join(dir, 'le.txt'), le(text));
  writeFileSync(join(dir, 'be.md'), be(text));
  writeFileSync(join(dir, 'bom.md'), bom(text));
  const r = lint(['--fix', '--reference-date', '2024-06-01', '.'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readFileSync(join(dir, 'le.txt')), le(fixed));
  assert.deepEqual(readFileSync(join(dir, 'be.md')), be(fixed));
  assert.deepEqual(readFileSync(join(dir, 'bom.md')), bom(fixed));
  assert.ok(r.stdout.includes('✔ 已在 3 个文件中修复 6 处'), r.stdout);
});

test('--fix never touches a file it cannot decode, and still fixes the others (exit 2)', () => {
  const dir = scratch();
  const gbk = Buffer.from([0xca, 0xd0, 0xce, 0xc0, 0xc9, 0xfa, 0xbc, 0xc6, 0xc9, 0xfa, 0xce, 0xaf, 0x0a]); // 市卫生计生委 in GBK
  writeFileSync(join(dir, 'gbk.txt'), gbk);
  writeFileSync(join(dir, 'ok.md'), '市卫生计生委负责。\n');
  const r = lint(['--fix', '--reference-date', '2024-06-01', '.'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.deepEqual(readFileSync(join(dir, 'gbk.txt')), gbk);
  assert.equal(readFileSync(join(dir, 'ok.md'), 'utf8'), '市卫健委负责。\n');
  assert.match(r.stderr, /^✖ gbk\.txt: 不是 UTF-8 编码（第 1 行、第 0 字节处无效；/);
});

test('--fix through a symbolic link rewrites the target and keeps the link', () => {
  const dir = scratch();
  writeFileSync(join(dir, 'real.txt'), '市卫生计生委负责。\n');
  symlinkSync('real.txt', join(dir, 'link.md'));
  const r = lint(['--fix', '--reference-date', '2024-06-01', 'link.md'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readlinkSync(join(dir, 'link.md')), 'real.txt');
  assert.equal(readFileSync(join(dir, 'real.txt'), 'utf8'), '市卫健委负责。\n');
  assert.deepEqual(readdirSync(dir).sort(), ['link.md', 'real.txt']);
});

test('--fix never writes a body twice, and says why a replacement was not made', () => {
  const dir = scratch();
  const file = join(dir, 'county.md');
  writeFileSync(
    file,
    '（县扶贫办、县乡村振兴局负责，县农业农村局、县妇联配合）\n（县工商局负责，县市场监管局配合）\n县扶贫办要联合县农业农村局做好工作。\n',
  );
  const r = lint(['--fix', '--reference-date', '2026-12-02', 'county.md'], { cwd: dir });
  assert.equal(
    readFileSync(file, 'utf8'),
    '（县农业农村局、县乡村振兴局负责，县妇联配合）\n（县市场监管局负责）\n县扶贫办要联合县农业农村局做好工作。\n',
  );
  assert.ok(
    r.stdout.includes('county.md 未自动修复（请手动核对）\n  3:1  “县扶贫办”：本句已有“县农业农村局”，替换后会重复\n'),
    r.stdout,
  );
  const en = lint(['--fix', '--lang', 'en', '--reference-date', '2026-12-02', 'county.md'], { cwd: dir });
  assert.ok(
    en.stdout.includes(
      '  3:1  “县扶贫办”：this sentence already names "县农业农村局"; the replacement would repeat it',
    ),
    en.stdout,
  );
});
