// The content checks (citation-mismatch, responsibility-mismatch): how the similarity thresholds were calibrated on
// the plans, the tests as figures, the real passages, and the cost. `npm run bench` includes this section in
// bench/results.md; `npm run bench:review` recomputes only this section (between its markers) in place.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProvision, probeText } from '../data/build/plan-similarity';
import { analyzeText } from '../server/src/core/analysis';
import { loadEngines } from '../server/src/node/data';
import type { PlanNode } from '../server/src/core/plan/model';
import { citationMismatches, sectionOf } from '../server/src/core/review/citationMismatch';
import { DEFAULT_SETTINGS, type PlanId } from '../server/src/core/types';
import { PLAN_CATALOG, plansInCorpus } from '../server/src/core/catalog/plans';
import { ROOT, median } from './util';

export const START = '<!-- review:start -->';
export const END = '<!-- review:end -->';

const SHORT = (plan: PlanId): string => PLAN_CATALOG[plan].shortTitle;
/** The plans whose text is in the corpus (the 2008—2012 plan is known by metadata only). */
const PLAN_IDS = plansInCorpus();

function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** The section as Markdown lines (with its markers). */
export function reviewSection(): string[] {
  const e = loadEngines();
  const sim = e.similarity!;
  const ctx = { similarity: sim, node: (p: PlanId, path: string) => e.plans.get(p, path) };
  const t = sim.thresholds;
  const c = sim.calibration;
  const out: string[] = [START, '## Content checks: citation-mismatch and responsibility-mismatch', ''];
  out.push(
    'Similarity (data/build/plan-similarity.ts, server/src/core/plan/similarity.ts): character bigrams, tf·idf with ' +
      "idf = ln(N/df)+1 over each plan's provisions (measures, sub-items, part-三 sections; own text without marker and " +
      'responsibility clause), cosine; a measure scores the best of itself and its sub-items, a sub-item of itself and its measure.',
    '',
    `Calibration, computed by \`npm run build:data\` on the plans themselves: for each of the ${c.probes} provisions p of both ` +
      'plans, the probe q(p) = the first half of its own text. self(p) = score of q(p) against p; noise(p) = best score of ' +
      'q(p) against any provision in another section of the same plan.',
    '',
    '| figure | value | threshold it sets |',
    '|---|---|---|',
    `| self(p): min / 5th percentile / median | ${c.selfMin} / ${c.selfP05} / ${c.selfMedian} | (must stay above \`supported\`: a correct citation is never flagged) |`,
    `| noise(p): median | ${c.noiseMedian} | \`margin\` = ${t.margin}: the better provision must lead by more |`,
    `| noise(p): 95th percentile | ${c.noiseP95} | \`supported\` = ${t.supported}: a cited provision scoring this is supported |`,
    `| noise(p): maximum | ${c.noiseMax} | \`clear\` = ${t.clear}: a better provision must score at least this |`,
    `| distinct in-vocabulary bigrams of q(p): 5th percentile / median | ${c.distinctP05} / ${c.distinctMedian} | \`minBigrams\` = ${t.minBigrams}: shorter sentences are not judged |`,
    '',
    "The issue's tests (test/core/review/citationMismatch.test.ts) as figures — sentence: 按照《…》PATH的要求，q(p)。",
    '',
    '| plan | measures + sub-items | own citation flagged | citation swapped to another section: flagged | … naming the own provision |',
    '|---|---|---|---|---|',
  );
  let sentences = 0;
  const scoreCpu = cpuMs(() => {
    for (const plan of PLAN_IDS) {
      const ps = e.plans.nodes(plan).filter((n: PlanNode) => isProvision(n) && n.kind !== 'section');
      const check = (cited: PlanNode, content: PlanNode) => {
        const line = `按照《${SHORT(plan)}》${cited.path}的要求，${probeText(content)}。`;
        sentences++;
        return citationMismatches(line, e.findCitations(line, e.plans, { defaultPlan: plan }), ctx);
      };
      const self = ps.filter((n) => check(n, n).length).length;
      let pairs = 0;
      let flagged = 0;
      let own = 0;
      for (const a of ps) {
        for (const b of ps) {
          if (sectionOf(a.path) === sectionOf(b.path)) continue;
          pairs++;
          const f = check(b, a);
          if (!f.length) continue;
          flagged++;
          const cands = (f[0].data.candidates as Array<{ citation: string }>).map((x) => x.citation);
          if (cands.some((x) => x.startsWith(a.citation) || a.citation.startsWith(x))) own++;
        }
      }
      out.push(
        `| ${plan} | ${ps.length} | ${self} | ${flagged} / ${pairs} (${((100 * flagged) / pairs).toFixed(1)} %) | ${own} / ${flagged} |`,
      );
    }
  });
  out.push('');

  // Real passages: ../shared/eval/docs and ../shared/examples (when present) and examples/.
  const dirs = [
    join(ROOT, '..', 'shared', 'eval', 'docs'),
    join(ROOT, '..', 'shared', 'examples'),
    join(ROOT, 'examples'),
  ];
  let files = 0;
  let pathCitations = 0;
  const counts = { 'citation-mismatch': 0, 'responsibility-mismatch': 0 };
  const seen: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /\.(txt|md)$/.test(n));
    } catch {
      continue;
    }
    for (const n of names) {
      const text = readFileSync(join(dir, n), 'utf8');
      files++;
      const r = analyzeText(text, DEFAULT_SETTINGS, e, { today: '2026-12-02' });
      pathCitations += r.citations.filter((x) => x.kind === 'path' && x.node).length;
      for (const f of r.findings) {
        if (f.code === 'citation-mismatch' || f.code === 'responsibility-mismatch') {
          counts[f.code]++;
          seen.push(`${n}: ${f.code} on ${text.slice(f.start, f.end)}`);
        }
      }
    }
  }
  out.push(
    `Real passages (../shared/eval/docs, ../shared/examples, examples/; reference date 2026-12-02): ${files} files, ` +
      `${pathCitations} resolved path citations, ${counts['citation-mismatch']} citation-mismatch, ` +
      `${counts['responsibility-mismatch']} responsibility-mismatch` +
      (seen.length ? ` (${seen.join('; ')})` : '') +
      '.',
    '',
  );

  // Cost: the same 30,000-line document (every line cites a measure) analysed with and without the similarity model.
  const lines: string[] = [];
  for (let i = 0; i < 30000; i++)
    lines.push(
      `第${i}行：依据《行动计划（2021—2030年）》二（一）2（${(i % 7) + 1}），由公安部、国家卫生健康委、民政部配合。`,
    );
  const text = lines.join('\n');
  const withSim: number[] = [];
  const without: number[] = [];
  for (let k = 0; k < 3; k++) {
    withSim.push(cpuMs(() => analyzeText(text, DEFAULT_SETTINGS, e, { today: '2026-12-02' })));
    without.push(
      cpuMs(() => analyzeText(text, DEFAULT_SETTINGS, { ...e, similarity: undefined }, { today: '2026-12-02' })),
    );
  }
  out.push(
    `Cost (CPU time, median of 3): ${((scoreCpu * 1000) / sentences).toFixed(0)} µs per judged sentence in the runs above ` +
      `(${sentences} sentences incl. citation parsing); a 30,000-line document whose every line cites a measure: ` +
      `${median(without).toFixed(0)} ms without the similarity model, ${median(withSim).toFixed(0)} ms with it.`,
    END,
  );
  return out;
}

if (require.main === module) {
  const file = join(ROOT, 'bench', 'results.md');
  const md = readFileSync(file, 'utf8');
  const section = reviewSection().join('\n');
  const i = md.indexOf(START);
  const j = md.indexOf(END);
  const next =
    i >= 0 && j > i ? md.slice(0, i) + section + md.slice(j + END.length) : md.replace(/\n*$/, '\n\n') + section + '\n';
  writeFileSync(file, next);
  console.log(section);
}
