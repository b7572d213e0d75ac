// citation-mismatch against the real plans and the committed similarity model (data/index/similarity.json).
import { messageOf } from '../../../server/src/core/catalog/rules';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isProvision, probeText } from '../../../data/build/plan-similarity';
import { analyzeText } from '../../../server/src/core/analysis';
import { loadEngines } from '../../../server/src/node/data';
import type { PlanNode } from '../../../server/src/core/plan/model';
import {
  citationMismatches,
  sectionOf,
  sentenceAround,
  sentenceContent,
} from '../../../server/src/core/review/citationMismatch';
import { DEFAULT_SETTINGS, type PlanId } from '../../../server/src/core/types';
import { PLAN_CATALOG, plansInCorpus } from '../../../server/src/core/catalog/plans';

const engines = loadEngines();
const similarity = engines.similarity!;
const ctx = { similarity, node: (p: PlanId, path: string) => engines.plans.get(p, path) };
const SHORT = (plan: PlanId): string => PLAN_CATALOG[plan].shortTitle;
/** The plans whose text is in the corpus (the 2008—2012 plan is known by metadata only). */
const PLAN_IDS = plansInCorpus();

/** A local sentence citing `cited` whose content is the first half of `content`'s own text. */
function sentence(plan: PlanId, cited: PlanNode, content: PlanNode): string {
  return `按照《${SHORT(plan)}》${cited.path}的要求，${probeText(content)}。`;
}

function mismatches(line: string, plan: PlanId) {
  return citationMismatches(line, engines.findCitations(line, engines.plans, { defaultPlan: plan }), ctx);
}

describe('calibration on the plans (tests of the issue)', () => {
  for (const plan of PLAN_IDS) {
    const provisions = engines.plans.nodes(plan).filter(isProvision);

    test(`${plan}: every measure and sub-item cited by the first half of its own text → no citation-mismatch`, () => {
      const measuresAndItems = provisions.filter((n) => n.kind === 'measure' || n.kind === 'item');
      assert.ok(measuresAndItems.length > 60);
      for (const n of measuresAndItems) {
        assert.deepEqual(mismatches(sentence(plan, n, n), plan), [], n.citation);
      }
    });

    test(`${plan}: the same sentences with citations swapped across sections are flagged in ≥ 90%`, () => {
      const measuresAndItems = provisions.filter((n) => n.kind === 'measure' || n.kind === 'item');
      let pairs = 0;
      let flagged = 0;
      let namesOwn = 0;
      for (const content of measuresAndItems) {
        for (const cited of measuresAndItems) {
          if (sectionOf(cited.path) === sectionOf(content.path)) continue;
          pairs++;
          const f = mismatches(sentence(plan, cited, content), plan);
          if (f.length) {
            flagged++;
            const cands = (f[0].data.candidates as Array<{ citation: string }>).map((c) => c.citation);
            // The better provision named is the sentence's own provision or one of its family.
            if (
              cands.some(
                (c) => c === content.citation || c.startsWith(content.citation) || content.citation.startsWith(c),
              )
            )
              namesOwn++;
          }
        }
      }
      assert.ok(pairs > 3000, `${pairs} pairs`);
      assert.ok(flagged / pairs >= 0.9, `${flagged}/${pairs} flagged`);
      assert.ok(namesOwn / flagged >= 0.95, `${namesOwn}/${flagged} name the sentence's own provision`);
    });
  }
});

describe('what is judged', () => {
  const plan: PlanId = '2021-2030';
  const wrong = '《行动计划（2021—2030年）》二（一）2（2）';

  test('the motivating case: 婚姻登记 cited as the measure on 拐卖犯罪形势分析', () => {
    const line = `按照${wrong}的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。`;
    const f = mismatches(line, plan);
    assert.equal(f.length, 1);
    assert.equal(f[0].code, 'citation-mismatch');
    assert.equal(f[0].severity, 'information');
    assert.equal(line.slice(f[0].start, f[0].end), wrong);
    const data = f[0].data as { score: number; candidates: Array<{ citation: string; score: number }> };
    assert.equal(data.candidates[0].citation, '《行动计划（2021—2030年）》二（一）2（3）第1项');
    assert.ok(data.score < similarity.thresholds.supported);
    assert.ok(data.candidates[0].score >= similarity.thresholds.clear);
    assert.match(messageOf(f[0], 'zh'), /^核对引用：.*二（一）2（3）第1项/);
    assert.match(messageOf(f[0], 'en'), /^Check the citation/);
    // The quick fix replaces the path only, and is never automatic.
    assert.equal(f[0].fixes.length, data.candidates.length);
    assert.equal(f[0].fixes[0].unambiguous, false);
    const e = f[0].fixes[0].edits[0];
    assert.equal(
      line.slice(0, e.start) + e.newText + line.slice(e.end),
      line.replace('二（一）2（2）的', '二（一）2（3）第1项的'),
    );
  });

  test('a correct citation of a paraphrase is not flagged', () => {
    assert.deepEqual(mismatches(`加强对本县拐卖人口犯罪形势的分析研判（${wrong}）。`, plan), []);
  });

  test('short sentences and sentences that are mostly the citation are not judged', () => {
    assert.deepEqual(mismatches(`见${wrong}。`, plan), []);
    assert.deepEqual(mismatches(`落实${wrong}的要求。规范婚姻登记管理，严防借婚姻登记拐卖妇女。`, plan), []);
    assert.deepEqual(mismatches(`按照${wrong}，规范婚姻登记。`, plan), []);
  });

  test('citations of a section or part, and unknown paths, are not judged', () => {
    assert.deepEqual(
      mismatches('按照《行动计划（2021—2030年）》二（一）的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。', plan),
      [],
    );
    assert.deepEqual(
      mismatches(
        '按照《行动计划（2021—2030年）》二（一）2（99）的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。',
        plan,
      ),
      [],
    );
  });

  test('two citations in one sentence: no finding when one of them is supported', () => {
    const line = `按照${wrong}和《行动计划（2021—2030年）》二（一）2（3）第1项的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。`;
    assert.deepEqual(mismatches(line, plan), []);
  });

  test('the responsibility clause and other sentences of the line do not count', () => {
    const line = `加强对本县拐卖人口犯罪形势的分析研判。按照${wrong}的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。（县民政局负责，县公安局配合）`;
    const f = mismatches(line, plan);
    assert.equal(f.length, 1);
    const c = engines.findCitations(line, engines.plans, { defaultPlan: plan })[0];
    const s = sentenceAround(line, c.start, c.end);
    assert.equal(sentenceContent(line, s.from, s.to, [c]), '按照，的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。');
    assert.equal(sentenceContent('规范婚姻登记（县民政局负责，县公安局配合）。', 0, 22, []), '规范婚姻登记，。');
  });

  test('through analyzeText: information by default, off and severity by rule, positions in UTF-16', () => {
    const text = `# 𠮷县实施方案\n\n按照${wrong}的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。\n`;
    const r = analyzeText(text, DEFAULT_SETTINGS, engines, { today: '2026-12-02' });
    const f = r.findings.filter((x) => x.code === 'citation-mismatch');
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), wrong);
    const off = analyzeText(text, { ...DEFAULT_SETTINGS, rules: { 'citation-mismatch': 'off' } }, engines, {
      today: '2026-12-02',
    });
    assert.equal(off.findings.filter((x) => x.code === 'citation-mismatch').length, 0);
    const hint = analyzeText(text, { ...DEFAULT_SETTINGS, rules: { 'citation-mismatch': 'hint' } }, engines, {
      today: '2026-12-02',
    });
    assert.equal(hint.findings.find((x) => x.code === 'citation-mismatch')?.severity, 'hint');
  });

  test('2013—2020 citations are judged against the 2013—2020 plan', () => {
    const line = '按照《行动计划（2013—2020年）》二（一）2（1）的要求，规范婚姻登记工作，规范收养渠道。';
    const f = mismatches(line, '2021-2030');
    assert.equal(f.length, 1);
    const data = f[0].data as { candidates: Array<{ citation: string }> };
    assert.equal(data.candidates[0].citation, '《行动计划（2013—2020年）》二（一）2（3）第2项');
  });
});
