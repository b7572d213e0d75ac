// Property test of issue #11: on any document built from agency names (current, outdated, signs, bare short forms,
// local forms with places), verbs and list punctuation, applying every automatic fix never produces 「X（X）」, never
// writes a name that is invalid on the reference date, and never writes a name outside the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText, applyFixes } from '../../../server/src/core/analysis';
import { loadEngines } from '../../../server/src/node/data';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types';

const engines = loadEngines();
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = 20261202;

const names = [
  '农业农村部',
  '国家乡村振兴局',
  '中央统战部',
  '国家宗教事务局',
  '国务院侨务办公室',
  '人力资源社会保障部',
  '科学技术部',
  '国家外国专家局',
  '自然资源部',
  '国家海洋局',
  '县农业农村局',
  '县乡村振兴局',
  '市乡村振兴局',
  '省农业农村厅',
  '省乡村振兴局',
  '卫生部',
  '国家卫生计生委',
  '国家卫生健康委',
  '卫计委',
  '综治办',
  '法制办',
  '扶贫办',
  '县卫生局',
  '县人口计生局',
  '县卫生计生局',
  '市工商局',
  '市文广新局',
  '县公安局',
  '公安局',
  '民政局',
  '教育局',
  '县发改局',
  '长治市',
  '团县委',
  '中央电视台',
  '中央广播电视总台',
  '国家移民管理局',
  '中华人民共和国出入境管理局',
  '交通部',
  '省交通厅',
  '市农牧局',
  '公安消防支队',
  '省出入境检验检疫局',
  '国务院扶贫办',
  '中国国家铁路集团有限公司',
  '铁道部',
];
const glue = ['（', '）', '(', ')', '、', '，', '。', '负责', '配合', '牵头', '由', '会同', '要', '等部门', '\n'];
const titles = [
  '',
  '尤溪县贯彻落实中国反对拐卖人口行动计划实施细则\n',
  '长治市反对拐卖人口行动计划实施方案\n',
  '山西省贯彻落实中国反对拐卖人口行动计划实施方案\n',
];
const docArb = fc
  .tuple(
    fc.constantFrom(...titles),
    fc.array(fc.oneof(fc.constantFrom(...names), fc.constantFrom(...glue)), { maxLength: 30 }),
  )
  .map(([title, a]) => title + a.join(''));
const dateArb = fc.constantFrom(
  '2007-06-01',
  '2012-06-01',
  '2015-06-01',
  '2019-06-01',
  '2022-06-01',
  '2024-06-01',
  '2026-12-02',
);

test('applying every fix never writes 「X（X）」, a name invalid on the date, or a name outside the registry', () => {
  fc.assert(
    fc.property(docArb, dateArb, (doc, date) => {
      const settings = { ...DEFAULT_SETTINGS, referenceDate: date };
      const { findings } = analyzeText(doc, settings, engines, { today: date });
      const { text, applied } = applyFixes(doc, findings);
      for (const { fix } of applied) {
        for (const e of fix.edits) {
          if (e.newText === '') continue;
          const hit = engines.agencies.lookup(e.newText, date);
          assert.ok(hit, `“${e.newText}” is not in the registry (${date}): ${doc}`);
          assert.equal(hit.status.current, true, `“${e.newText}” is not valid on ${date}: ${doc}`);
        }
      }
      const twin = /([\u4e00-\u9fff]{2,})[（(]\1[）)]/.exec(text);
      // Only a twin the document already had may remain.
      assert.ok(!twin || doc.includes(twin[0]), `fix wrote ${twin?.[0]} into ${doc}`);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
