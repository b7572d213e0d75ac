// core/features/coverage.ts over the real engines: the structured report (also used by the CLI's `report`), its
// Markdown rendering, the reference date of several documents, and the whole flow in-process on in-memory data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngines } from '../../../server/src/node/data';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  coverageDate,
  coverageInputs,
  coverageReport,
  renderCoverageMarkdown,
} from '../../../server/src/core/features/coverage';
import { coverageMap, mapCells } from '../../../server/src/core/features/coverageMap';
import { inMemoryDataSource } from '../../../server/src/core/dataSource';
import { createActionPlanService, fixedClock } from '../../../server/src/core/service';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types';

test('coverage report: measures by section, items count for their measure, part 三 by section', () => {
  const engines = loadEngines();
  const report = coverageReport(
    [
      { uri: 'a.md', text: '落实《行动计划（2021—2030年）》二（一）2（2）第1项。\n又见《行动计划》三（二）。' },
      {
        uri: 'b.md',
        text: '《行动计划（2013—2020年）》二（一）2（1）不算。\n《行动计划（2021—2030年）》二（一）2（99）不存在。',
      },
    ],
    engines,
    { defaultPlan: '2021-2030' },
  );
  assert.equal(report.plan, '2021-2030');
  assert.deepEqual(report.documents, [
    { uri: 'a.md', citations: 2, invalid: 0 },
    { uri: 'b.md', citations: 0, invalid: 1 },
  ]);
  // The citation that does not resolve is counted and listed (not silently left out).
  assert.deepEqual(report.invalid, [
    {
      uri: 'b.md',
      line: 1,
      text: '《行动计划（2021—2030年）》二（一）2（99）',
      plan: '2021-2030',
      path: '二（一）2（99）',
    },
  ]);
  assert.equal(report.total, 32);
  assert.equal(report.cited, 2);
  assert.deepEqual(
    report.sections.map((s) => [s.path, s.cited, s.total]),
    report.sections.map((s) => [s.path, s.path === '二（一）' || s.path === '三' ? 1 : 0, s.units.length]),
  );
  const first = report.sections[0];
  assert.deepEqual(first.units[1], {
    path: '二（一）2（2）',
    citation: '《行动计划（2021—2030年）》二（一）2（2）',
    heading: '加强对全国拐卖人口犯罪形势的分析研判，适时调整预防犯罪工作思路策略',
    citedBy: [{ uri: 'a.md', line: 0 }],
  });
  const third = report.sections.at(-1)!;
  assert.equal(third.path, '三');
  assert.deepEqual(
    third.units.filter((u) => u.citedBy.length).map((u) => [u.path, u.citedBy]),
    [['三（二）', [{ uri: 'a.md', line: 1 }]]],
  );
  const md = renderCoverageMarkdown(report);
  const lines = md.split('\n');
  assert.equal(lines[2], '《中国反对拐卖人口行动计划（2021—2030年）》：已引用 2 / 32 项（6%）');
  assert.ok(lines.includes('- b.md：0 处引用 / citations；1 处无效引用 / invalid'), md);
  assert.ok(lines.includes('## 无效引用 / Invalid citations（1）'), md);
  assert.ok(
    lines.includes(
      '- ❗ b.md:2 《行动计划（2021—2030年）》二（一）2（99）：《行动计划（2021—2030年）》中不存在 二（一）2（99） / no such node',
    ),
    md,
  );
  assert.ok(
    lines.includes(
      '- ✅ 已引用 / cited 二（一）2（2） 加强对全国拐卖人口犯罪形势的分析研判，适时调整预防犯罪工作思路策略（a.md:1）',
    ),
    md,
  );
});

test('coverage: the plan in force on the reference date; lists and ranges count every item', () => {
  const engines = loadEngines();
  const docs = [{ uri: 'c.md', text: '落实《行动计划（2013—2020年）》二（一）2（1）至（2）和（4）、二（一）2（9）。' }];
  // On 2015-01-01 the 2013—2020 plan was in force: the report is about it.
  const old = coverageReport(docs, engines, { defaultPlan: '2021-2030', date: '2015-01-01' });
  assert.equal(old.plan, '2013-2020');
  assert.equal(old.date, '2015-01-01');
  const first = old.sections[0];
  assert.deepEqual(
    first.units.filter((u) => u.citedBy.length).map((u) => u.path),
    ['二（一）2（1）', '二（一）2（2）', '二（一）2（4）'],
  );
  // The list item that does not exist is an invalid citation.
  assert.deepEqual(
    old.invalid.map((v) => [v.text, v.path]),
    [['二（一）2（9）', '二（一）2（9）']],
  );
  // On 2009-01-01 the plan in force (2008—2012) has no text in the corpus: nothing is counted against another plan
  // (the citations of 2021—2030 and 2013—2020 above were not in force then), and the report says why.
  const r09 = coverageReport(docs, engines, { defaultPlan: '2021-2030', date: '2009-01-01' });
  assert.deepEqual(
    [r09.plan, r09.unavailable, r09.sections.length, r09.cited, r09.total],
    ['2008-2012', 'text-not-in-corpus', 0, 0, 0],
  );
  assert.match(
    renderCoverageMarkdown(r09),
    /参照日期 2009-01-01 现行的《中国反对拐卖妇女儿童行动计划（2008—2012年）》.*原文未收录/,
  );
  assert.doesNotMatch(renderCoverageMarkdown(r09), /已引用/);
  // Citations of that plan are counted per document even though they cannot be checked.
  const cites08 = coverageReport(
    [{ uri: 'c.md', text: '按照《中国反对拐卖妇女儿童行动计划（2008—2012年）》二（一）的要求。' }],
    engines,
    { defaultPlan: '2021-2030', date: '2009-01-01' },
  );
  assert.deepEqual(cites08.documents, [{ uri: 'c.md', citations: 1, invalid: 0 }]);
  // Before the first plan was issued: no plan in force.
  const r05 = coverageReport(docs, engines, { defaultPlan: '2021-2030', date: '2005-01-01' });
  assert.deepEqual([r05.plan, r05.unavailable, r05.total], ['2008-2012', 'no-plan-in-force', 0]);
  assert.match(renderCoverageMarkdown(r05), /尚无国家反拐行动计划/);
  // The plan in force with text is counted as before.
  assert.equal(coverageReport(docs, engines, { defaultPlan: '2021-2030', date: '2015-01-01' }).plan, '2013-2020');
  assert.equal(coverageReport(docs, engines, { defaultPlan: '2021-2030', date: '2015-01-01' }).unavailable, undefined);
});

test('coverageDate: the documents’ own date when they agree (front matter, comment), else the setting, else today', () => {
  const d15 = { text: '---\ndate: 2015-06-01\n---\n正文' };
  const c15 = { text: '<!-- action-plan: date=2015-06-01 -->\n正文' };
  const d10 = { text: '---\ndate: 2010-05-01\n---\n正文' };
  const plain = { text: '正文' };
  assert.equal(coverageDate([d15, c15], { referenceDate: undefined }, '2024-01-01'), '2015-06-01');
  assert.equal(coverageDate([d15, d10], { referenceDate: undefined }, '2024-01-01'), '2024-01-01');
  assert.equal(coverageDate([d15, d10], { referenceDate: '2019-01-01' }, '2024-01-01'), '2019-01-01');
  assert.equal(coverageDate([plain], { referenceDate: '2019-01-01' }, '2024-01-01'), '2019-01-01');
  assert.equal(coverageDate([plain, d15], { referenceDate: undefined }, '2024-01-01'), '2024-01-01');
  assert.equal(coverageDate([], { referenceDate: undefined }, '2024-01-01'), '2024-01-01');
});

test('in-process: report and map over an in-memory workspace, with engines built from in-memory data files', async () => {
  const DATA = join(__dirname, '../../../../data');
  const files = [
    'index/plans.json',
    'index/t2s.json',
    'index/agencies.json',
    'index/pinyin.json',
    'index/places.json',
    'agencies/agency.schema.json',
    'plans/2013-2020.txt',
    'plans/2021-2030.txt',
  ];
  const data = inMemoryDataSource(Object.fromEntries(files.map((f) => [f, readFileSync(join(DATA, f), 'utf8')])));
  const texts: Record<string, string> = {
    'mem://a.md': '---\ndate: 2015-06-01\n---\n落实《行动计划（2013—2020年）》二（一）2（1）。\n',
    'mem://b.md': '<!-- action-plan: date=2015-06-01 -->\n又见《行动计划》二（一）2（2）。\n',
  };
  const service = createActionPlanService({
    clock: fixedClock('2024-06-01'),
    data,
    workspace: {
      list: async () => Object.keys(texts).map((uri) => ({ uri })),
      read: async (f) => texts[f.uri],
    },
  });
  const listed = await service.workspace.list();
  const { inputs } = await coverageInputs(listed, () => undefined, service.workspace);
  const date = coverageDate(inputs, DEFAULT_SETTINGS, service.today());
  assert.equal(date, '2015-06-01');
  const report = coverageReport(inputs, service.engines(), { defaultPlan: '2013-2020', date });
  const map = coverageMap(inputs, service.engines(), { defaultPlan: '2013-2020', date });
  assert.equal(report.plan, '2013-2020');
  assert.equal(map.plan, '2013-2020');
  assert.equal(report.cited, 2);
  const cited = mapCells(map)
    .filter((c) => c.kind === 'measure' && c.state === 'cited')
    .map((c) => c.path);
  assert.deepEqual(cited, ['二（一）2（1）', '二（一）2（2）']);
  assert.match(renderCoverageMarkdown(report), /2013—2020/);
});
