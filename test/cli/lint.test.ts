// The real CLI (node bin/action-plan-lint.js) over test/fixtures/cli/docs: exact JSON (CONTRACT.md), text output,
// exit statuses, folder walking rules, reference dates, --quiet, --list-unknown, config files, worker threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, lint, lintAsync, makeDocx, range, scratch } from './helpers';

const OUTDATED_WEISHENG = {
  code: 'outdated-agency',
  severity: 'warning',
  message: '“市卫生计生委”已撤销，应为“市卫健委”（2018年机构改革）',
  range: range(3, 27, 3, 33),
  data: {
    replacement: ['市卫健委'],
    since: '2019-03-31',
    reform: '2018年党和国家机构改革：地方组建卫生健康委员会，不再保留卫生和计划生育委员会',
  },
};
// 𠮷 is two UTF-16 code units: the citation after 二、𠮷𠮷 starts at character 6, its path at 24.
const UNKNOWN_CITATION = {
  code: 'unknown-citation',
  severity: 'error',
  message: '核对条目编号：《行动计划（2021—2030年）》中不存在“二（九）2（1）”',
  range: range(4, 24, 4, 32),
  data: { plan: '2021-2030' },
};
const DOCNUMBER_FORMAT = {
  code: 'citation-format',
  severity: 'information',
  message: '改为规范写法：国办发〔2021〕13号',
  range: range(5, 2, 5, 14),
  data: { replacement: '国办发〔2021〕13号' },
};
const A_PLAN = { file: 'docs/a-plan.md', diagnostics: [OUTDATED_WEISHENG, UNKNOWN_CITATION, DOCNUMBER_FORMAT] };

/** superseded-citation of b-notes.txt's 2013—2020 citation on a reference date after 2021-04-09 (as given). */
const supersededOn = (date: string) => ({
  code: 'superseded-citation',
  severity: 'warning',
  message: `改引《行动计划（2021—2030年）》二（一）2（3）：《行动计划（2013—2020年）》在参照日期 ${date} 已被取代（2021年4月9日起由《行动计划（2021—2030年）》（国办发〔2021〕13号）接续）`,
  range: range(0, 2, 0, 36),
  data: { successor: '《行动计划（2021—2030年）》二（一）2（3）' },
});
const SUPERSEDED = supersededOn('2024-06-01');
const OUTDATED_ZONGZHI = {
  code: 'outdated-agency',
  severity: 'warning',
  message: '“市综治办”已撤销，应为“市委政法委”（2018年机构改革）',
  range: range(0, 37, 0, 41),
  data: {
    replacement: ['市委政法委'],
    since: '2019-03-31',
    reform: '2018年党和国家机构改革：地方不再设立社会治安综合治理委员会及其办公室，有关职责交由党委政法委员会承担',
  },
};
const UNKNOWN_AGENCY = {
  code: 'unknown-agency',
  severity: 'warning',
  message: '是否应为“市公安局”？“市公按局”不在机构名录中',
  range: range(1, 10, 1, 14),
  data: { suggestions: ['市公安局'] },
};
const B_NOTES = { file: 'docs/b-notes.txt', diagnostics: [SUPERSEDED, OUTDATED_ZONGZHI, UNKNOWN_AGENCY] };
const CLEAN = { file: 'docs/clean.md', diagnostics: [] };
const C_SUB = {
  file: 'docs/sub/c.txt',
  diagnostics: [
    {
      code: 'citation-format',
      severity: 'information',
      message: '改为规范写法：《中国反对拐卖人口行动计划（2021—2030年）》',
      range: range(0, 2, 0, 28),
      data: { replacement: '《中国反对拐卖人口行动计划（2021—2030年）》' },
    },
  ],
};

test('--format json over a folder: exactly CONTRACT.md, files sorted, Word lock files (~$…) skipped', () => {
  const r = lint(['--format', 'json', '--reference-date', '2024-06-01', 'docs']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1); // one error-severity finding (unknown-citation)
  assert.deepEqual(JSON.parse(r.stdout), [A_PLAN, B_NOTES, CLEAN, C_SUB]);
});

test('start-up: a check loads neither node:crypto nor node:fs/promises (SARIF fingerprints load crypto when needed)', () => {
  // A preloaded probe reports, at exit, which of the two built-in modules the run loaded.
  const dir = scratch();
  const probe = join(dir, 'probe.js');
  writeFileSync(
    probe,
    `process.on('exit', () => process.stderr.write('loaded:' + ['crypto', 'fs/promises'].filter((m) => ` +
      `process.moduleLoadList.includes('NativeModule ' + m)).join(',') + '\\n'));\n`,
  );
  const env = { NODE_OPTIONS: `--require ${probe}` };
  for (const format of ['json', 'text']) {
    const r = lint(['--format', format, '--reference-date', '2024-06-01', 'docs/b-notes.txt'], { env });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^loaded:$/m, format);
  }
  const sarif = lint(['--format', 'sarif', '--reference-date', '2024-06-01', 'docs/b-notes.txt'], { env });
  assert.match(sarif.stderr, /^loaded:crypto$/m);
  assert.equal(JSON.parse(sarif.stdout).runs[0].results.length, B_NOTES.diagnostics.length);
});

test('folder walk: node_modules, .git and every dot-entry are skipped; a symbolic-link cycle is walked once', () => {
  const dir = scratch('docs');
  for (const sub of ['node_modules/pkg', '.git/refs', 'sub/.cache']) {
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, 'x.md'), '《行动计划（2021—2030年）》二（九）。\n');
  }
  writeFileSync(join(dir, '.draft.md'), '《行动计划（2021—2030年）》二（九）。\n');
  symlinkSync('..', join(dir, 'sub', 'loop'));
  const r = lint(['--format', 'json', '--reference-date', '2024-06-01', '.'], { cwd: dir });
  assert.equal(r.stderr, '');
  const strip = (f: { file: string }) => ({ ...f, file: f.file.replace(/^docs\//, '') });
  assert.deepEqual(JSON.parse(r.stdout), [A_PLAN, B_NOTES, CLEAN, C_SUB].map(strip));
  // Given explicitly, a hidden file is checked.
  const hidden = lint(['--format', 'json', '.draft.md'], { cwd: dir });
  assert.equal(hidden.status, 1);
  assert.equal(JSON.parse(hidden.stdout)[0].diagnostics[0].code, 'unknown-citation');
});

test('files given one by one are shown as given (relative to the current folder), each once, sorted', () => {
  const r = lint(
    ['--format', 'json', '--reference-date', '2024-06-01', 'docs/sub/c.txt', './docs/clean.md', 'docs/sub/c.txt'],
    {
      cwd: FIXTURES,
    },
  );
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.stdout), [CLEAN, C_SUB]);
  // From another folder the display path is relative to that folder.
  const r2 = lint(['--format', 'json', 'cli/docs/clean.md'], { cwd: join(FIXTURES, '..') });
  assert.deepEqual(JSON.parse(r2.stdout), [{ file: 'cli/docs/clean.md', diagnostics: [] }]);
  // A file outside the current folder is shown by its absolute path.
  const r3 = lint(['--format', 'json', join(FIXTURES, 'docs', 'clean.md')], { cwd: join(FIXTURES, 'docs', 'sub') });
  assert.deepEqual(JSON.parse(r3.stdout), [{ file: join(FIXTURES, 'docs', 'clean.md'), diagnostics: [] }]);
});

test('reference date: --reference-date, else ACTION_PLAN_TODAY (today); a front-matter date: wins over both', () => {
  // On 2018-01-01 市综治办 still existed and the 2013—2020 plan was in force (superseded only on 2021-04-09).
  const early = lint(['--format', 'json', '--reference-date', '2018-01-01', 'docs/b-notes.txt']);
  assert.deepEqual(JSON.parse(early.stdout), [{ file: 'docs/b-notes.txt', diagnostics: [UNKNOWN_AGENCY] }]);
  const today = lint(['--format', 'json', 'docs/b-notes.txt'], { env: { ACTION_PLAN_TODAY: '2018-05-05' } });
  assert.deepEqual(JSON.parse(today.stdout), [{ file: 'docs/b-notes.txt', diagnostics: [UNKNOWN_AGENCY] }]);
  const later = lint(['--format', 'json', 'docs/b-notes.txt'], { env: { ACTION_PLAN_TODAY: '2021-04-09' } });
  assert.deepEqual(JSON.parse(later.stdout)[0].diagnostics[0], supersededOn('2021-04-09'));
  // a-plan.md says date: 2024-06-01 in its front matter: --reference-date 2018-01-01 does not change it.
  const fm = lint(['--format', 'json', '--reference-date', '2018-01-01', 'docs/a-plan.md']);
  assert.deepEqual(JSON.parse(fm.stdout), [A_PLAN]);
});

test("text output: stylish layout, 1-based positions, the locale's language, summary; no colour when piped", () => {
  const r = lint(['docs/a-plan.md']);
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    [
      'docs/a-plan.md',
      `  4:28  警告  ${OUTDATED_WEISHENG.message}  outdated-agency`,
      `  5:25  错误  ${UNKNOWN_CITATION.message}  unknown-citation`,
      `  6:3   信息  ${DOCNUMBER_FORMAT.message}  citation-format`,
      '',
      '✖ 3 个问题（1 个错误，1 个警告，1 个信息）',
      '  其中 2 个可用 --fix 自动修复',
      '',
    ].join('\n'),
  );
  const clean = lint(['docs/clean.md']);
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, '✔ 未发现问题（已检查 1 个文件）\n');
});

test('--lang: en is English only, both is Chinese then English, default from LC_ALL / LANG (zh* → Chinese, else English)', () => {
  const EN = [
    'docs/a-plan.md',
    '  4:28  warning  Replace "市卫生计生委" with "市卫健委": abolished (2018 reform)  outdated-agency',
    '  5:25  error    Check the item number: there is no "二（九）2（1）" in the plan 2021-2030  unknown-citation',
    '  6:3   info     Use the standard form: 国办发〔2021〕13号  citation-format',
    '',
    '✖ 3 problems (1 error, 1 warning, 1 info) in 1 file checked',
    '  2 fixable with the --fix option',
    '',
  ].join('\n');
  assert.equal(lint(['--lang', 'en', 'docs/a-plan.md']).stdout, EN);
  assert.equal(lint(['docs/a-plan.md'], { env: { LANG: 'en_US.UTF-8' } }).stdout, EN);
  assert.equal(lint(['docs/a-plan.md'], { env: { LANG: 'C.UTF-8' } }).stdout, EN);
  assert.equal(
    lint(['docs/a-plan.md'], { env: { LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' } }).stdout,
    lint(['docs/a-plan.md']).stdout,
  );
  assert.equal(
    lint(['--lang', 'both', 'docs/a-plan.md']).stdout,
    [
      'docs/a-plan.md',
      `  4:28  警告  ${OUTDATED_WEISHENG.message}  outdated-agency`,
      '              Replace "市卫生计生委" with "市卫健委": abolished (2018 reform)',
      `  5:25  错误  ${UNKNOWN_CITATION.message}  unknown-citation`,
      '              Check the item number: there is no "二（九）2（1）" in the plan 2021-2030',
      `  6:3   信息  ${DOCNUMBER_FORMAT.message}  citation-format`,
      '              Use the standard form: 国办发〔2021〕13号',
      '',
      '✖ 3 个问题（1 个错误，1 个警告，1 个信息）',
      '  3 problems (1 error, 1 warning, 1 info) in 1 file checked',
      '  其中 2 个可用 --fix 自动修复 / 2 fixable with the --fix option',
      '',
    ].join('\n'),
  );
  // JSON carries the chosen language in `message`.
  const json = JSON.parse(lint(['--format', 'json', '--lang', 'en', 'docs/a-plan.md']).stdout);
  assert.deepEqual(
    json[0].diagnostics.map((d: { message: string }) => d.message),
    [
      'Replace "市卫生计生委" with "市卫健委": abolished (2018 reform)',
      'Check the item number: there is no "二（九）2（1）" in the plan 2021-2030',
      'Use the standard form: 国办发〔2021〕13号',
    ],
  );
  const bad = lint(['--lang', 'fr', 'docs/a-plan.md']);
  assert.equal(bad.status, 2);
  assert.ok(bad.stderr.includes('--lang must be zh, en or both'), bad.stderr);
});

test('colour: FORCE_COLOR turns it on, NO_COLOR wins', () => {
  const forced = lint(['docs/clean.md'], { env: { FORCE_COLOR: '1' } });
  assert.equal(forced.stdout, '\u001b[32m✔ 未发现问题（已检查 1 个文件）\u001b[39m\n');
  const both = lint(['docs/a-plan.md'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.ok(!both.stdout.includes('\u001b['));
  const red = lint(['docs/a-plan.md'], { env: { FORCE_COLOR: '1' } });
  assert.ok(red.stdout.includes('\u001b[31m错误\u001b[39m'), red.stdout);
  assert.ok(red.stdout.includes('\u001b[4mdocs/a-plan.md\u001b[24m'), red.stdout);
});

test('--quiet reports errors only (every format); exit status still from errors', () => {
  const r = lint(['--quiet', '--format', 'json', '--reference-date', '2024-06-01', 'docs']);
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout), [
    { file: 'docs/a-plan.md', diagnostics: [UNKNOWN_CITATION] },
    { file: 'docs/b-notes.txt', diagnostics: [] },
    CLEAN,
    { file: 'docs/sub/c.txt', diagnostics: [] },
  ]);
  const t = lint(['--quiet', 'docs/b-notes.txt']);
  assert.equal(t.status, 0);
  assert.equal(t.stdout, '✔ 未发现问题（已检查 1 个文件）\n');
});

test('--list-unknown: every unknown-agency name with its count and first place, most frequent first', () => {
  const dir = scratch('docs');
  writeFileSync(
    join(dir, 'a-more.md'),
    '一、由市公安局负责，市民证局、市妇联配合。\n二、由市公安局负责，市公按局、市妇联配合。\n三、由市公安局负责，市公按局、团市委配合。\n四、（市公安局负责，市反拐宣传中心配合）。\n',
  );
  const r = lint(['--list-unknown', '--format', 'json', '.'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.stdout), [
    {
      name: '市公按局',
      count: 3,
      first: { file: 'a-more.md', line: 1, character: 10 },
      kind: 'likely-typo',
      suggestions: ['市公安局'],
    },
    {
      name: '市民证局',
      count: 1,
      first: { file: 'a-more.md', line: 0, character: 10 },
      kind: 'likely-typo',
      suggestions: ['市民政局', '市民宗局'],
    },
    {
      name: '市反拐宣传中心',
      count: 1,
      first: { file: 'a-more.md', line: 3, character: 10 },
      kind: 'unlisted',
      suggestions: [],
    },
  ]);
  // --quiet does not hide them from the listing
  assert.deepEqual(
    JSON.parse(lint(['--list-unknown', '--quiet', '--format', 'json', '.'], { cwd: dir }).stdout),
    JSON.parse(r.stdout),
  );
  const t = lint(['--list-unknown', '.'], { cwd: dir });
  assert.equal(
    t.stdout,
    [
      '疑似错写，请按建议改正（次数  名称  → 建议  —  首次出现 行:列）',
      '   3  市公按局  → 市公安局  —  a-more.md:2:11',
      '   1  市民证局  → 市民政局、市民宗局  —  a-more.md:1:11',
      '',
      '未收录：若确有此机构，可加入工作区机构清单（次数  名称  —  首次出现 行:列）',
      '   1  市反拐宣传中心  —  a-more.md:4:11',
      '',
      '共 3 个未收录名称（2 个疑似错写），出现 5 次',
      '',
    ].join('\n'),
  );
  const none = lint(['--list-unknown', 'docs/clean.md']);
  assert.equal(none.stdout, '未发现未收录的机构名称\n');
  assert.equal(lint(['--list-unknown', '--lang', 'en', 'docs/clean.md']).stdout, 'no unrecognised agency names\n');
});

test('--config: rules, allow-list, customAgencies relative to the config file, and the wrapped/flat shapes', () => {
  const dir = scratch('docs');
  writeFileSync(
    join(dir, 'strict.json'),
    JSON.stringify({
      actionPlan: { rules: { 'unknown-citation': 'warning', 'citation-format': 'off' }, allow: ['市卫生计生委'] },
    }),
  );
  const r = lint(['--config', 'strict.json', '--format', 'json', 'a-plan.md'], { cwd: dir });
  assert.equal(r.status, 0); // the only error became a warning
  assert.deepEqual(JSON.parse(r.stdout), [
    { file: 'a-plan.md', diagnostics: [{ ...UNKNOWN_CITATION, severity: 'warning' }] },
  ]);

  writeFileSync(
    join(dir, 'flat.json'),
    JSON.stringify({ 'actionPlan.referenceDate': '2018-01-01', 'editor.fontSize': 14 }),
  );
  const flat = lint(['--config', 'flat.json', '--format', 'json', 'b-notes.txt'], { cwd: dir });
  assert.deepEqual(JSON.parse(flat.stdout), [{ file: 'b-notes.txt', diagnostics: [UNKNOWN_AGENCY] }]);
  // --reference-date overrides the config file's referenceDate
  const over = lint(['--config', 'flat.json', '--reference-date', '2024-06-01', '--format', 'json', 'b-notes.txt'], {
    cwd: dir,
  });
  assert.deepEqual(JSON.parse(over.stdout), [
    { file: 'b-notes.txt', diagnostics: [supersededOn('2024-06-01'), OUTDATED_ZONGZHI, UNKNOWN_AGENCY] },
  ]);
});

test('--config errors: malformed JSON, unknown keys, invalid values, missing or invalid custom agency file → exit 2', () => {
  const dir = scratch();
  const cases: Array<[string, string, RegExp]> = [
    ['broken.json', '{"rules": {', /^action-plan-lint: 设置文件 .*broken\.json 不是有效的 JSON（/],
    [
      'typo.json',
      '{"actionPlan": {"referenceDat": "2020-01-01"}}',
      /未知设置项“referenceDat” \/ unknown setting "referenceDat"/,
    ],
    [
      'plan.json',
      '{"defaultPlan": "2030"}',
      /设置 actionPlan\.defaultPlan 无效（应为 2021-2030、2013-2020 或 2008-2012） \/ actionPlan\.defaultPlan is invalid/,
    ],
    [
      'missing.json',
      '{"customAgencies": "agencies/none.json"}',
      /无法读取机构清单文件 .*agencies\/none\.json（ENOENT）/,
    ],
    [
      'custom.json',
      '{"customAgencies": "bad-agencies.json"}',
      /^action-plan-lint: 机构清单文件 .*bad-agencies\.json 有误 \/ invalid custom agency file/,
    ],
  ];
  writeFileSync(join(dir, 'bad-agencies.json'), '{"agencies": [{"id": "Not An Id"}]}');
  writeFileSync(join(dir, 'doc.md'), '市公安局负责。\n');
  for (const [name, text, re] of cases) {
    writeFileSync(join(dir, name), text);
    const r = lint(['--config', name, 'doc.md'], { cwd: dir });
    assert.equal(r.status, 2, name);
    assert.equal(r.stdout, '', name);
    assert.match(r.stderr, re, name);
  }
  const absent = lint(['--config', 'nope.json', 'doc.md'], { cwd: dir });
  assert.equal(absent.status, 2);
  assert.match(absent.stderr, /无法读取设置文件 .*nope\.json（ENOENT）/);
});

test('a valid custom agency file is used by the main thread and by every worker', async () => {
  const dir = scratch();
  writeFileSync(
    join(dir, 'agencies.json'),
    JSON.stringify({ agencies: [{ id: 'gonganju-typo-office', fullName: '市公按局', kind: 'other', sources: [] }] }),
  );
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ customAgencies: 'agencies.json' }));
  for (let i = 0; i < 6; i++) writeFileSync(join(dir, `d${i}.md`), '二、由市公安局负责，市公按局、市妇联配合。\n');
  const without = await lintAsync(['--format', 'json', '.'], { cwd: join(dir) });
  assert.equal(JSON.parse(without.stdout).filter((f: { diagnostics: unknown[] }) => f.diagnostics.length).length, 6);
  for (const workers of ['0', '3']) {
    const r = await lintAsync(['--config', 'config.json', '--format', 'json', '.'], {
      cwd: dir,
      env: { ACTION_PLAN_LINT_WORKERS: workers },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout),
      [0, 1, 2, 3, 4, 5].map((i) => ({ file: `d${i}.md`, diagnostics: [] })),
      `workers=${workers}`,
    );
  }
});

test('worker threads give exactly the in-process result, in the same order', async () => {
  const dir = scratch('docs');
  // 60 more documents: above the in-process threshold, so the default run uses the pool when CPUs allow.
  for (let i = 0; i < 60; i++) {
    writeFileSync(
      join(dir, `gen-${String(i).padStart(2, '0')}.md`),
      `第${i}条 由市卫生计生委负责。\n《行动计划》二（九）。\n`,
    );
  }
  writeFileSync(join(dir, 'word.docx'), await makeDocx(['标题', '市卫生计生委负责。']));
  const args = ['--format', 'json', '--reference-date', '2024-06-01', '.'];
  const [inProcess, pooled, automatic] = await Promise.all([
    lintAsync(args, { cwd: dir, env: { ACTION_PLAN_LINT_WORKERS: '0' } }),
    lintAsync(args, { cwd: dir, env: { ACTION_PLAN_LINT_WORKERS: '4' } }),
    lintAsync(args, { cwd: dir }),
  ]);
  assert.equal(inProcess.status, 1);
  const expected = JSON.parse(inProcess.stdout);
  assert.equal(expected.length, 65);
  assert.deepEqual(expected[0], { ...A_PLAN, file: 'a-plan.md' });
  assert.deepEqual(expected[64].file, 'word.docx');
  assert.deepEqual(
    expected[64].diagnostics.map((d: { range: unknown }) => d.range),
    [range(1, 0, 1, 6)],
  );
  assert.deepEqual(JSON.parse(pooled.stdout), expected);
  assert.deepEqual(JSON.parse(automatic.stdout), expected);
  assert.equal(pooled.status, 1);
  assert.equal(pooled.stderr, ''); // no progress line: stderr is not a terminal
});

test('usage: --help and --version exit 0; unknown options, bad values and missing paths exit 2 with the usage', () => {
  const help = lint(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^用法 \/ Usage:\n  action-plan-lint \[选项 options\] PATH…/);
  const version = lint(['--version']);
  assert.equal(version.status, 0);
  const pkg = require(join(FIXTURES, '..', '..', '..', 'package.json')) as { version: string };
  assert.equal(version.stdout, `${pkg.version}\n`);
  for (const [args, re] of [
    [
      ['--frobnicate', 'docs'],
      /^action-plan-lint: 未知选项 --frobnicate \/ unknown option --frobnicate\n\n用法 \/ Usage:/,
    ],
    [['--format', 'xml', 'docs'], /--format must be one of text, json, sarif/],
    [['--reference-date', '2021-13-01', 'docs'], /is not a valid date/],
    [[], /no files or folders given/],
  ] as Array<[string[], RegExp]>) {
    const r = lint(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, re);
  }
  const emptyDir = scratch();
  writeFileSync(join(emptyDir, 'notes.pdf'), 'x');
  const empty = lint(['.'], { cwd: emptyDir });
  assert.equal(empty.status, 2); // a folder with nothing to check
  assert.equal(
    empty.stderr,
    'action-plan-lint: 在给出的路径中没有找到 .md、.txt 或 .docx 文件 / no .md, .txt or .docx files found in the given paths\n',
  );
});
