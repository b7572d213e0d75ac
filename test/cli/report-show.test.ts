// `action-plan-lint report` (coverage of the 2021—2030 measures per document) and `action-plan-lint show`
// (one plan node, CONTRACT.md), through the real CLI; and the bin script's message when dist/ is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, lint, scratch } from './helpers';

interface IndexNode {
  plan: string;
  path: string;
  kind: string;
  text: string;
  heading: string;
  parent?: string;
  start: number;
  end: number;
}
const planIndex = JSON.parse(readFileSync(join(ROOT, 'data', 'index', 'plans.json'), 'utf8')) as {
  plans: Array<{ meta: { id: string; textFile: string }; nodes: IndexNode[] }>;
};
// plans.json records offsets, not node texts: a node's text is its slice of the plan text file.
for (const p of planIndex.plans) {
  const planText = readFileSync(join(ROOT, p.meta.textFile), 'utf8');
  for (const n of p.nodes) n.text = planText.slice(n.start, n.end);
}
const node = (plan: string, path: string) =>
  planIndex.plans.find((p) => p.meta.id === plan)!.nodes.find((n) => n.path === path)!;
const measures2021 = planIndex.plans.find((p) => p.meta.id === '2021-2030')!.nodes.filter((n) => n.kind === 'measure');

test('report --format json: per document, cited and uncited measures by section, with counts and lines', () => {
  const r = lint(['report', '--format', 'json', 'docs/a-plan.md', 'docs/b-notes.txt']);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout);
  assert.deepEqual(
    out.map((d: { file: string; plan: string; citations: number; cited: number; total: number }) => [
      d.file,
      d.plan,
      d.citations,
      d.cited,
      d.total,
    ]),
    [
      ['docs/a-plan.md', '2021-2030', 1, 1, 32],
      ['docs/b-notes.txt', '2021-2030', 0, 0, 32], // cites the 2013—2020 plan only
    ],
  );
  const sections = out[0].sections as Array<{
    path: string;
    heading: string;
    cited: number;
    total: number;
    units: Array<{ path: string; cited: boolean; lines: number[]; heading: string; citation: string }>;
  }>;
  assert.deepEqual(
    sections.map((s) => [s.path, s.heading, s.cited, s.total]),
    [
      ['二（一）', '健全预防犯罪机制', 1, 5],
      ['二（二）', '打击犯罪和解救被拐卖受害人', 0, 4],
      ['二（三）', '加强被拐卖受害人的救助、安置、康复和回归社会工作', 0, 7],
      ['二（四）', '完善法律法规和政策体系', 0, 2],
      ['二（五）', '加强宣传、教育和培训', 0, 4],
      ['二（六）', '加强国际合作', 0, 7],
      ['三', '保障措施', 0, 3],
    ],
  );
  // Part 二's units are exactly the plan's 29 measures, in order; part 三's are its three sections.
  assert.deepEqual(
    sections.slice(0, 6).flatMap((s) => s.units.map((u) => u.path)),
    measures2021.map((m) => m.path),
  );
  assert.deepEqual(
    sections[6].units.map((u) => u.path),
    ['三（一）', '三（二）', '三（三）'],
  );
  assert.deepEqual(sections[0].units[2], {
    path: '二（一）2（3）',
    citation: '《行动计划（2021—2030年）》二（一）2（3）',
    heading: node('2021-2030', '二（一）2（3）').heading,
    cited: true,
    lines: [3],
    state: 'cited',
  });
  assert.equal(sections.flatMap((s) => s.units).filter((u) => u.cited).length, 1);
});

test('report text and markdown', () => {
  const t = lint(['report', 'docs/a-plan.md']);
  assert.equal(t.status, 0);
  const lines = t.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 5), [
    'docs/a-plan.md',
    '  《中国反对拐卖人口行动计划（2021—2030年）》：已引用 1 / 32 项（3%） / cites 1 of 32 measures',
    '    1/5  二（一） 健全预防犯罪机制',
    '         已引用 / cited：二（一）2（3）',
    '         未引用 / not cited：二（一）2（1）、二（一）2（2）、二（一）2（4）、二（一）2（5）',
  ]);
  // The invalid citation (二（九） does not exist) is counted and listed, not silently left out.
  assert.ok(
    t.stdout.endsWith(
      '    0/3  三 保障措施\n         未引用 / not cited：三（一）、三（二）、三（三）\n' +
        '  无效引用 1 处 / 1 invalid citation\n' +
        '    5  《行动计划（2021—2030年）》二（九）2（1）（2021-2030 中不存在 二（九）2（1） / no such node）\n' +
        '\n已统计 1 个文件 / 1 document reported\n',
    ),
    t.stdout,
  );
  const md = lint(['report', '--format', 'markdown', 'docs/a-plan.md', 'docs/clean.md']);
  assert.equal(md.status, 0);
  const parts = md.stdout.split('\n---\n\n');
  assert.equal(parts.length, 2);
  for (const [i, file] of ['docs/a-plan.md', 'docs/clean.md'].entries()) {
    assert.ok(parts[i].startsWith('# 国家措施覆盖情况 / Coverage of the national measures\n'), parts[i]);
    assert.ok(parts[i].includes(`- ${file}：1 处引用 / citations`), parts[i]);
  }
  assert.ok(parts[0].includes('- ✅ 已引用 / cited 二（一）2（3） '));
  // A file that cannot be read: reported on stderr, exit 2, the others still reported.
  const dir = scratch();
  writeFileSync(join(dir, 'ok.md'), '《行动计划（2021—2030年）》三（二）\n');
  writeFileSync(join(dir, 'bad.md'), Buffer.from([0xff, 0x00]));
  const bad = lint(['report', '--format', 'json', '.'], { cwd: dir });
  assert.equal(bad.status, 2);
  const entries = JSON.parse(bad.stdout);
  assert.equal(entries[0].file, 'bad.md');
  assert.match(entries[0].error, /^看起来是二进制文件/);
  assert.deepEqual([entries[1].file, entries[1].cited, entries[1].sections[6].units[1].cited], ['ok.md', 1, true]);
  assert.match(bad.stderr, /^✖ bad\.md: 看起来是二进制文件/);
});

test('report on a date whose plan has no text (2010): nothing counted against another plan, in text, Markdown and JSON', () => {
  // A document without a date of its own (front matter or comment), checked on 2010-06-30.
  const dir = scratch();
  writeFileSync(join(dir, 'a-plan.md'), '一、按照《行动计划（2021—2030年）》二（一）2（3）要求，由市公安局负责。\n');
  const run = (args: string[]) => lint(args, { cwd: dir });
  const t = run(['report', '--reference-date', '2010-06-30', 'a-plan.md']);
  assert.equal(t.status, 0);
  assert.deepEqual(t.stdout.split('\n').slice(0, 2), [
    'a-plan.md',
    '  参照日期 2010-06-30 现行的《中国反对拐卖妇女儿童行动计划（2008—2012年）》（国办发〔2007〕69号）原文未收录，无法统计覆盖情况。 / ' +
      'The text of the plan in force on the reference date 2010-06-30, 中国反对拐卖妇女儿童行动计划（2008—2012年） (国办发〔2007〕69号), ' +
      'is not available (not in the corpus): no coverage can be counted.',
  ]);
  assert.doesNotMatch(t.stdout, /2021—2030|已引用|未引用/);
  const md = run(['report', '--format', 'markdown', '--reference-date', '2010-06-30', 'a-plan.md']);
  assert.match(md.stdout, /原文未收录，无法统计覆盖情况。\nThe text of the plan in force/);
  assert.doesNotMatch(md.stdout, /已引用|## /);
  const j = run(['report', '--format', 'json', '--reference-date', '2010-06-30', 'a-plan.md']);
  const [e] = JSON.parse(j.stdout);
  assert.deepEqual(
    [e.plan, e.cited, e.total, e.sections, e.mapUnavailable, e.cells],
    ['2008-2012', 0, 0, [], { plan: '2008-2012', reason: 'text-not-in-corpus' }, undefined],
  );
  // The same document on 2022-01-01 is counted against the plan in force then.
  const j22 = JSON.parse(run(['report', '--format', 'json', '--reference-date', '2022-01-01', 'a-plan.md']).stdout);
  assert.deepEqual([j22[0].plan, j22[0].cited, j22[0].total, j22[0].mapUnavailable], ['2021-2030', 1, 32, undefined]);
  // 2006: no plan in force yet.
  const j06 = JSON.parse(run(['report', '--format', 'json', '--reference-date', '2006-01-01', 'a-plan.md']).stdout);
  assert.deepEqual(j06[0].mapUnavailable, { plan: '2008-2012', reason: 'no-plan-in-force' });
});

test('show --format json: one node exactly as CONTRACT.md (lead and cooperating as the clause writes them)', () => {
  const r = lint(['show', '《行动计划（2021—2030年）》二（一）2（3）', '--format', 'json']);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
  const n = node('2021-2030', '二（一）2（3）');
  assert.deepEqual(JSON.parse(r.stdout), {
    plan: '2021-2030',
    citation: '《行动计划（2021—2030年）》二（一）2（3）',
    path: '二（一）2（3）',
    title:
      '加大拐卖人口犯罪“买方市场”整治力度，运用现代科技手段加强对“买方市场”分析研判，在收买人口犯罪活动高发地区开展综合治理和专项行动，依法惩处买方犯罪人，从源头上减少拐卖人口犯罪的发生',
    text: n.text,
    lead: ['中央政法委', '公安部'],
    cooperating: ['教育部', '民政部', '司法部', '人力资源社会保障部', '国家卫生健康委', '市场监管总局', '全国妇联'],
  });
  assert.ok(n.text.startsWith('（3）加大拐卖人口犯罪“买方市场”整治力度'));
  // Key order as in CONTRACT.md; `successor` only for 2013—2020 nodes.
  assert.deepEqual(Object.keys(JSON.parse(r.stdout)), [
    'plan',
    'citation',
    'path',
    'title',
    'text',
    'lead',
    'cooperating',
  ]);

  const old = lint(['show', '2013-2020 二（一）2（3）', '--format', 'json']);
  assert.equal(old.status, 0);
  const o = JSON.parse(old.stdout);
  assert.deepEqual(
    { ...o, text: undefined },
    {
      plan: '2013-2020',
      citation: '《行动计划（2013—2020年）》二（一）2（3）',
      path: '二（一）2（3）',
      title:
        '加大拐卖人口犯罪“买方市场”整治力度，在收买人口犯罪活动高发地区开展综合治理，从源头上减少拐卖人口犯罪的发生',
      text: undefined,
      lead: ['中央综治办', '公安部'],
      cooperating: ['教育部', '民政部', '人力资源社会保障部', '司法部', '卫生部', '人口计生委', '全国妇联'],
      successor: '《行动计划（2021—2030年）》二（一）2（3）',
    },
  );
  assert.equal(o.text, node('2013-2020', '二（一）2（3）').text);
  // a 2013—2020 node without a close counterpart: successor null
  const none = planIndex.plans[0].nodes.find((x) => x.kind === 'part')!;
  const p = JSON.parse(lint(['show', `2013-2020 ${none.path}`, '--format', 'json']).stdout);
  assert.equal(p.successor, null);
  assert.equal(p.path, none.path);
});

test('show text: readable Chinese; forms accepted; unresolvable citation → exit 1 with a message on stderr', () => {
  const r = lint(['show', '三（二）']);
  assert.equal(r.status, 0);
  assert.equal(
    r.stdout,
    [
      '《行动计划（2021—2030年）》三（二）',
      '计划 / plan：《中国反对拐卖人口行动计划（2021—2030年）》（国办发〔2021〕13号，现行有效 / in force）',
      '标题 / title：完善经费保障',
      '牵头单位 / lead：—',
      '配合单位 / cooperating：—',
      '',
      '（二）完善经费保障。各级政府统筹安排《行动计划》实施经费，支持本地区反拐工作。拓宽反拐资金筹措渠道，鼓励社会组织、慈善机构、企事业单位和个人捐助，争取国际援助，支持开展反拐公益项目。',
      '',
    ].join('\n'),
  );
  // defaultPlan from --config applies to a bare path
  const dir = scratch();
  writeFileSync(join(dir, 'old.json'), '{"defaultPlan": "2013-2020"}');
  const viaConfig = JSON.parse(
    lint(['show', '二（一）2（3）', '--config', 'old.json', '--format', 'json'], { cwd: dir }).stdout,
  );
  assert.equal(viaConfig.plan, '2013-2020');
  const oldText = lint(['show', '《中国反对拐卖人口行动计划（2013—2020年）》二（一）2（3）']);
  // Status on the reference date (today = 2025-06-01 in these runs): superseded since 2021-04-09.
  assert.ok(
    oldText.stdout.includes(
      '（国办发〔2013〕19号，已被取代（2021-04-09起由国办发〔2021〕13号接续） / superseded since 2021-04-09）',
    ),
    oldText.stdout,
  );
  assert.ok(
    oldText.stdout.includes(
      '\n后继计划对应条目 / counterpart in the successor plan：《行动计划（2021—2030年）》二（一）2（3）\n',
    ),
  );
  // On a date when it was in force, `show` says so.
  const inForce = lint([
    'show',
    '--reference-date',
    '2015-01-01',
    '《中国反对拐卖人口行动计划（2013—2020年）》二（一）2（3）',
  ]);
  assert.ok(inForce.stdout.includes('（国办发〔2013〕19号，现行有效 / in force）'), inForce.stdout);
  // The 2008—2012 plan is known by its metadata; its text is not in the corpus, and `show` says so.
  const first = lint(['show', '《行动计划（2008—2012年）》二（一）']);
  assert.equal(first.status, 1);
  assert.equal(
    first.stderr,
    'action-plan-lint: 《中国反对拐卖妇女儿童行动计划（2008—2012年）》（国办发〔2007〕69号，2007-12-13印发）的原文未收录，无法显示“二（一）” / ' +
      'the text of the 2008-2012 plan (国办发〔2007〕69号, issued 2007-12-13) is not in the corpus: "《行动计划（2008—2012年）》二（一）" cannot be shown\n',
  );
  // A path that does not exist: what exists there.
  const nine = lint(['show', '二（九）']);
  assert.equal(nine.status, 1);
  assert.equal(
    nine.stderr,
    'action-plan-lint: 《行动计划（2021—2030年）》中不存在“二（九）”；“二”下现有：（一）、（二）、（三）、（四）、（五）、（六） / ' +
      'there is no "二（九）" in the 2021-2030 plan; 二 has: （一）、（二）、（三）、（四）、（五）、（六）\n',
  );

  for (const missing of ['不是引用', '《关于加强反拐工作的意见》二（一）']) {
    const m = lint(['show', missing]);
    assert.equal(m.status, 1, missing);
    assert.equal(m.stdout, '');
    assert.equal(
      m.stderr,
      `action-plan-lint: 找不到引用“${missing}”对应的条目 / the citation "${missing}" does not resolve to a plan node\n`,
    );
  }
  const usage = lint(['show']);
  assert.equal(usage.status, 2);
});

test('bin/action-plan-lint.js without a build: a clear Chinese and English message, exit 2', () => {
  const dir = scratch();
  mkdirSync(join(dir, 'bin'));
  copyFileSync(BIN, join(dir, 'bin', 'action-plan-lint.js'));
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'action-plan-lint.js'), 'x.md'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /尚未构建，找不到 dist\/cli\.js。请在项目目录中先运行 npm run build/);
  assert.match(r.stderr, /not built yet \(dist\/cli\.js is missing\)\. Run `npm run build`/);
});

test('data files that cannot be loaded: a clear message naming the file, exit 2, no stack trace (lint, show, workers)', () => {
  const broken = scratch();
  mkdirSync(join(broken, 'index'), { recursive: true });
  writeFileSync(join(broken, 'index', 'plans.json'), '{');
  const runs = [
    { dir: broken, args: ['docs/a-plan.md'], names: /index\/plans\.json.*JSON|JSON.*index\/plans\.json/ },
    {
      dir: join(broken, 'missing'),
      args: ['show', '《行动计划（2021—2030年）》二（一）2（1）'],
      names: /missing.*plans\.json/,
    },
  ];
  for (const { dir, args, names } of runs) {
    const r = lint(args, { env: { ACTION_PLAN_DATA_DIR: dir } });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /无法加载数据.*cannot load the data/);
    assert.match(r.stderr, names);
    assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
    assert.equal(r.stdout, '');
  }
  // Worker threads report the same failure as a fatal error of the run.
  const w = lint(['docs/a-plan.md', 'docs'], { env: { ACTION_PLAN_DATA_DIR: broken, ACTION_PLAN_LINT_WORKERS: '2' } });
  assert.equal(w.status, 2, w.stderr);
  assert.match(w.stderr, /cannot load the data/);
  assert.match(w.stderr, /index\/plans\.json/);
});
