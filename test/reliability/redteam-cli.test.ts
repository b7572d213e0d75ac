// Regression tests of the red-team run against the CLI (issue #17): the folder walk never leaves the folders given,
// concurrent --fix runs never lose each other's fixes, read-only files are refused, a path replaced by a FIFO after
// listing never blocks, a file and its symbolic-link alias are checked once, file names are escaped in text output,
// and no error message quotes the contents of a file that is not what it should be (--config /etc/passwd).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectFiles, loadFile } from '../../server/src/cli/input';
import { lint, lintAsync, scratch } from '../cli/helpers';

const REF = '2024-06-01';
const FIXABLE = '一、市卫生计生委负责。\n';
const FIXED = '一、市卫健委负责。\n';

test('folder walk: symbolic links that lead outside the folders given are skipped (and said so); --fix never writes outside', () => {
  const base = scratch();
  const p = join(base, 'p');
  mkdirSync(join(p, 'sub'), { recursive: true });
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'out.md'), FIXABLE);
  writeFileSync(join(base, 'elsewhere', 'x.md'), FIXABLE);
  writeFileSync(join(p, 'sub', 'in.md'), FIXABLE);
  symlinkSync('..', join(p, 'up')); // the parent folder
  symlinkSync(join(base, 'elsewhere'), join(p, 'away')); // another folder
  symlinkSync(join(base, 'out.md'), join(p, 'out-link.md')); // a file outside
  symlinkSync('/usr', join(p, 'usr'));
  symlinkSync('sub', join(p, 'inner')); // inside: followed, its file checked once
  symlinkSync(join('sub', 'in.md'), join(p, 'alias.md')); // inside: the same file, checked once

  const walked = collectFiles(['p'], base);
  assert.deepEqual(
    walked.files.map((f) => f.display),
    ['p/alias.md'],
  );
  assert.deepEqual(walked.problems, []);
  assert.deepEqual(
    walked.skipped.map((s) => s.display),
    ['p/away', 'p/out-link.md', 'p/up', 'p/usr'],
  );

  const r = lint(['--fix', '--reference-date', REF, 'p'], { cwd: base });
  assert.equal(r.status, 0, r.stderr);
  const skippedLine = (name: string) =>
    `ℹ p/${name}: 已跳过：符号链接指向所给文件夹之外 / skipped: the symbolic link leads outside the folders given`;
  assert.equal(r.stderr, ['away', 'out-link.md', 'up', 'usr'].map(skippedLine).join('\n') + '\n');
  assert.equal(readFileSync(join(base, 'out.md'), 'utf8'), FIXABLE);
  assert.equal(readFileSync(join(base, 'elsewhere', 'x.md'), 'utf8'), FIXABLE);
  assert.equal(readFileSync(join(p, 'sub', 'in.md'), 'utf8'), FIXED);
  // Both folders given: the link between them is followed (inside a root), each file once.
  const both = collectFiles(['p', 'elsewhere'], base);
  assert.deepEqual(
    both.files.map((f) => f.display),
    ['p/alias.md', 'p/away/x.md'],
  );
});

test("--fix: concurrent runs with different rules on one file never lose each other's fixes", async () => {
  const dir = scratch();
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ rules: { 'citation-format': 'off' } }));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ rules: { 'outdated-agency': 'off' } }));
  const before = '一、市卫生计生委负责。依据国办发[2021]13号。\n'.repeat(200);
  const after = '一、市卫健委负责。依据国办发〔2021〕13号。\n'.repeat(200);
  for (let trial = 0; trial < 6; trial++) {
    writeFileSync(join(dir, 'doc.md'), before);
    const runs = await Promise.all(
      ['a.json', 'b.json'].map((c) =>
        lintAsync(['--fix', '--config', c, '--reference-date', REF, 'doc.md'], { cwd: dir }),
      ),
    );
    for (const r of runs) assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'doc.md'), 'utf8'), after, `trial ${trial}`);
    assert.deepEqual(readdirSync(dir).sort(), ['a.json', 'b.json', 'doc.md']); // no lock or temporary file left
  }
});

test('--fix: a read-only (0444) file is refused with a clear error and left as it was, even for root', () => {
  const dir = scratch();
  writeFileSync(join(dir, 'ro.md'), FIXABLE);
  writeFileSync(join(dir, 'rw.md'), FIXABLE);
  chmodSync(join(dir, 'ro.md'), 0o444);
  chmodSync(join(dir, 'rw.md'), 0o640);
  const r = lint(['--fix', '--reference-date', REF, '.'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, '✖ ro.md: 文件为只读，修复未写入 / the file is read-only; fixes not written\n');
  assert.equal(readFileSync(join(dir, 'ro.md'), 'utf8'), FIXABLE);
  assert.equal(statSync(join(dir, 'ro.md')).mode & 0o777, 0o444);
  assert.equal(readFileSync(join(dir, 'rw.md'), 'utf8'), FIXED);
  assert.equal(statSync(join(dir, 'rw.md')).mode & 0o777, 0o640); // permissions kept
});

test('a path replaced by a FIFO after listing is refused at once (never blocks)', async () => {
  const dir = scratch();
  const file = join(dir, 'doc.md');
  writeFileSync(file, FIXABLE);
  const { files } = collectFiles([dir], dir);
  assert.equal(files.length, 1);
  spawnSync('rm', [file]);
  assert.equal(spawnSync('mkfifo', [file]).status, 0);
  assert.deepEqual(await loadFile(files[0], 1000), { error: '不是普通文件 / not a regular file' });
});

test('a file and its symbolic-link alias, given both, with worker threads and --fix: checked and fixed once, exit 0', () => {
  const dir = scratch();
  for (let i = 0; i < 4; i++) writeFileSync(join(dir, `f${i}.md`), FIXABLE);
  symlinkSync('f0.md', join(dir, 'alias.md'));
  const r = lint(
    ['--fix', '--format', 'json', '--reference-date', REF, 'f0.md', 'alias.md', 'f1.md', 'f2.md', 'f3.md'],
    {
      cwd: dir,
      env: { ACTION_PLAN_LINT_WORKERS: '2' },
    },
  );
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Array<{ file: string; error?: string }>;
  assert.deepEqual(
    out.map((f) => [f.file, f.error]),
    [
      ['f0.md', undefined],
      ['f1.md', undefined],
      ['f2.md', undefined],
      ['f3.md', undefined],
    ],
  );
  for (let i = 0; i < 4; i++) assert.equal(readFileSync(join(dir, `f${i}.md`), 'utf8'), FIXED);
});

test('text output escapes control characters in file names (no raw ANSI escape reaches the terminal)', () => {
  const dir = scratch();
  const name = 'a\u001b[31mred\u001b]0;title\u0007\u202e.md';
  writeFileSync(join(dir, name), FIXABLE);
  writeFileSync(join(dir, 'b\rforged.md'), '\u0000binary');
  const r = lint(['--reference-date', REF, '.'], { cwd: dir, env: { FORCE_COLOR: '0' } });
  assert.equal(r.status, 2);
  assert.ok(r.stdout.includes('a\\u001b[31mred\\u001b]0;title\\u0007\\u202e.md\n'), r.stdout);
  assert.ok(r.stderr.startsWith('✖ b\\u000dforged.md: '), r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
});

test('error messages never quote a file: --config pointing at a passwd-like file says where it is not JSON, nothing more', () => {
  const dir = scratch();
  writeFileSync(
    join(dir, 'passwd'),
    'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n',
  );
  writeFileSync(join(dir, 'secret.json'), '{\n  "referenceDate": "2024-01-01",\n  "token": s3cr3t-t0ken\n}\n');
  writeFileSync(join(dir, 'doc.md'), FIXABLE);
  for (const [config, format] of [
    ['passwd', 'text'],
    ['passwd', 'json'],
    ['secret.json', 'text'],
  ]) {
    const r = lint(['--config', config, '--format', format, 'doc.md'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.doesNotMatch(r.stdout + r.stderr, /root:x|daemon|s3cr3t|t0ken/);
    assert.match(r.stderr, new RegExp(`^action-plan-lint: 设置文件 ${join(dir, config)} 不是有效的 JSON（`));
  }
  const s = lint(['--config', 'secret.json', 'doc.md'], { cwd: dir });
  assert.match(
    s.stderr,
    /（第 3 行第 12 列语法错误）\/ the config file .* is not valid JSON \(syntax error at line 3, column 12\)\n$/,
  );
});

test('suppression: an unclosed disable hides findings only up to the next heading, is reported, and the CLI still exits 1', () => {
  const dir = scratch();
  writeFileSync(
    join(dir, 'doc.md'),
    '# 一、总体要求\n<!-- action-plan-disable -->\n卫生部负责。\n\n# 二、主要任务\n落实《行动计划（2021—2030年）》九（九）。\n',
  );
  const r = lint(['--format', 'json', '--reference-date', REF, 'doc.md'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  const [file] = JSON.parse(r.stdout) as Array<{
    diagnostics: Array<{ code: string; severity: string; range: { start: { line: number } } }>;
  }>;
  assert.deepEqual(
    file.diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
    [['unknown-citation', 'error', 5]],
  );
  assert.equal(
    r.stderr,
    'ℹ doc.md:2:1: 未关闭的 <!-- action-plan-disable -->：只作用到本节末尾（下一个标题之前）；请在要恢复检查处加上 <!-- action-plan-enable --> / ' +
      'unclosed <!-- action-plan-disable -->: it applies only up to the end of its section (the next heading); add <!-- action-plan-enable --> where checking should resume\n',
  );
});

test('suppression and date= comments quoted in code are not obeyed; the allow-list never hides an error', () => {
  const dir = scratch();
  const guide =
    '---\ntitle: 指南\n---\n用法：`<!-- action-plan-disable -->` 与 `<!-- action-plan: date=2010-01-01 -->`。\n\n```\n<!-- action-plan-disable -->\n<!-- action-plan: date=2010-01-01 -->\n```\n\n一、卫生部负责。\n';
  writeFileSync(join(dir, 'guide.md'), guide);
  const g = lint(['--format', 'json', 'guide.md'], { cwd: dir, env: { ACTION_PLAN_TODAY: '2024-06-01' } });
  const [gf] = JSON.parse(g.stdout) as Array<{
    diagnostics: Array<{ code: string; range: { start: { line: number } } }>;
  }>;
  // Checked, and as of today (卫生部 was current on the quoted 2010-01-01, outdated since 2013).
  assert.deepEqual(
    gf.diagnostics.map((d) => [d.code, d.range.start.line]),
    [['outdated-agency', 10]],
  );
  assert.equal(g.stderr, '');

  writeFileSync(
    join(dir, 'allow.json'),
    JSON.stringify({ allow: ['九（九）', '《行动计划（2021—2030年）》九（九）', '卫生部'] }),
  );
  writeFileSync(join(dir, 'doc.md'), '落实《行动计划（2021—2030年）》九（九）。卫生部负责。\n');
  const a = lint(['--format', 'json', '--config', 'allow.json', '--reference-date', REF, 'doc.md'], { cwd: dir });
  assert.equal(a.status, 1, a.stderr);
  const [af] = JSON.parse(a.stdout) as Array<{ diagnostics: Array<{ code: string; severity: string }> }>;
  assert.deepEqual(
    af.diagnostics.map((d) => [d.code, d.severity]),
    [['unknown-citation', 'error']],
  );
});
