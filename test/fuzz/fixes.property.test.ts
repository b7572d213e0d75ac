// Fix invariants (issue #13), property-tested with fast-check on generated responsibility clauses and agency lists,
// and checked on the examples: applying every automatic fix until nothing changes (as `--fix` does)
//  1. reaches a fixed point (applying all fixes again changes nothing);
//  2. leaves no outdated name that has a single automatic successor;
//  3. leaves no repeat of a body in a clause or list (no duplicate-agency finding);
//  4. writes no 「X（X）」;
//  5. writes no name that is invalid on the reference date (every outdated name left was there before);
//  6. writes only the replacement in the form of the name it replaces (short forms stay short, full names full).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeText, applyFixes } from '../../server/src/core/analysis';
import { loadEngines } from '../../server/src/node/data';
import { DEFAULT_SETTINGS, type Finding } from '../../server/src/core/types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const engines = loadEngines();
const DATE = '2026-12-02';
const settings = { ...DEFAULT_SETTINGS, referenceDate: DATE };
const analyse = (text: string): Finding[] => analyzeText(text, settings, engines, { today: DATE }).findings;

/** Current names (short and full forms of the same bodies among them). */
const CURRENT = [
  '县公安局',
  '县民政局',
  '县妇联',
  '县农业农村局',
  '县市场监管局',
  '县市场监督管理局',
  '县卫健局',
  '县卫生健康局',
  '县委政法委',
  '县人社局',
  '县教育局',
  '团县委',
  '县司法局',
  '县人民法院',
  '县检察院',
];
/** Outdated names with one successor, and the form the fix must write (short stays short, full stays full). */
const OUTDATED: Record<string, string> = {
  县扶贫办: '县农业农村局',
  县工商局: '县市场监管局',
  县质监局: '县市场监管局',
  县食药监局: '县市场监管局',
  县卫计局: '县卫健局',
  县卫生局: '县卫生健康局',
  县卫生和计划生育局: '县卫生健康局',
  县综治办: '县委政法委',
  县农业局: '县农业农村局',
  县文化局: '县文化和旅游局',
};
/** Short and full forms of one body. */
const FORMS = [
  ['县市场监管局', '县市场监督管理局'],
  ['县卫健局', '县卫生健康局'],
];
/** Names no fix may touch automatically: two successors, a sign of another body. */
const OTHER = ['县人口计生局', '县乡村振兴局'];
const POOL = [...CURRENT, ...Object.keys(OUTDATED), ...OTHER];

const names = (min: number, max: number) => fc.array(fc.constantFrom(...POOL), { minLength: min, maxLength: max });
const clause = fc
  .record({
    by: fc.boolean(),
    lead: names(1, 3),
    leadWord: fc.constantFrom('负责', '牵头', '牵头负责'),
    coop: names(0, 3),
    coopWord: fc.constantFrom('配合', '参与'),
    etc: fc.boolean(),
    sep: fc.constantFrom('，', '；'),
  })
  .map(
    (c) =>
      `（${c.by ? '由' : ''}${c.lead.join('、')}${c.leadWord}` +
      (c.coop.length ? `${c.sep}${c.coop.join('、')}${c.etc ? '等部门' : ''}${c.coopWord}` : '') +
      '）',
  );
const list = names(2, 4).map((ns) => `${ns.join('、')}要加强协作。`);
const sentence = fc
  .tuple(fc.constantFrom('加强宣传教育', '严厉打击拐卖犯罪', '做好被拐妇女儿童救助'), clause)
  .map(([s, c]) => `${s}${c}。`);
const textArb = fc.array(fc.oneof(sentence, list), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('\n'));

/** Applies every automatic fix until nothing changes (at most `max` passes); returns the text and the passes used. */
function fixAll(text: string, max = 10): { text: string; passes: number } {
  let t = text;
  for (let pass = 0; pass < max; pass++) {
    const { text: next } = applyFixes(t, analyse(t), true);
    if (next === t) return { text: t, passes: pass };
    t = next;
  }
  return { text: t, passes: max };
}

const count = (text: string, s: string) => text.split(s).length - 1;

function checkInvariants(original: string, fixed: string, passes: number, expected?: Record<string, string>): void {
  const why = `\n${original}\n→\n${fixed}`;
  // 1. a fixed point, reached in a few passes
  assert.ok(passes < 10, `no fixed point${why}`);
  assert.equal(applyFixes(fixed, analyse(fixed), true).text, fixed, `not idempotent${why}`);
  const after = analyse(fixed);
  // 2. no outdated name with a single automatic successor
  const left = after.filter((f) => f.code === 'outdated-agency' && f.fixes.length === 1 && f.fixes[0].unambiguous);
  assert.deepEqual(
    left.map((f) => fixed.slice(f.start, f.end)),
    [],
    `outdated names left${why}`,
  );
  // 3. no repeat
  const repeats = after.filter((f) => f.code === 'duplicate-agency');
  assert.deepEqual(
    repeats.map((f) => fixed.slice(f.start, f.end)),
    [],
    `repeats left${why}`,
  );
  // 4. no X（X）
  const xx = /([\u4e00-\u9fff]{2,})（\1）/u;
  if (!xx.test(original)) assert.doesNotMatch(fixed, xx, `X（X）${why}`);
  // 5. every outdated name left was written by the drafter
  for (const f of after.filter((x) => x.code === 'outdated-agency')) {
    const name = fixed.slice(f.start, f.end);
    assert.ok(count(fixed, name) <= count(original, name), `new outdated name ${name}${why}`);
  }
  // 6. a name the fixes wrote more often is a form of the expected successor of a name that was there (in a list the
  //    replacements follow the list's one style, so 县卫生和计划生育局 may become 县卫健局 among short forms)
  if (expected) {
    const sameBody = (a: string, b: string) => a === b || FORMS.some((f) => f.includes(a) && f.includes(b));
    for (const n of new Set([...CURRENT, ...Object.values(expected)])) {
      if (count(fixed, n) <= count(original, n)) continue;
      const from = Object.keys(expected).filter((k) => sameBody(expected[k], n) && original.includes(k));
      assert.ok(from.length, `${n} written, but no name it replaces was there${why}`);
    }
  }
}

test('property: fixes on generated clauses and lists keep every invariant', () => {
  fc.assert(
    fc.property(textArb, (text) => {
      const { text: fixed, passes } = fixAll(text);
      checkInvariants(text, fixed, passes, OUTDATED);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test("the issue's clauses: no body written twice, a lead keeps its role", () => {
  const cases: Array<[string, string]> = [
    ['（县扶贫办、县乡村振兴局负责，县农业农村局、县妇联配合）', '（县农业农村局、县乡村振兴局负责，县妇联配合）'],
    ['（县工商局负责，县市场监管局配合）', '（县市场监管局负责）'],
    ['（县工商局负责，县质监局配合）', '（县市场监管局负责）'],
    ['（县农业农村局负责，县扶贫办配合）', '（县农业农村局负责）'],
    ['（县公安局、县民政局负责，县公安局配合）', '（县公安局、县民政局负责）'],
    ['（县公安局负责，县民政局、县公安局、县妇联配合）', '（县公安局负责，县民政局、县妇联配合）'],
    ['县公安局、县民政局、县公安局要加强协作。', '县公安局、县民政局要加强协作。'],
    ['（县市场监督管理局负责，县市场监管局配合）', '（县市场监督管理局负责）'],
    // A single name keeps its form: short stays short, full stays full.
    ['（县卫生局负责）', '（县卫生健康局负责）'],
    ['（县卫计局负责）', '（县卫健局负责）'],
    ['（县工商局负责）', '（县市场监管局负责）'],
  ];
  for (const [text, want] of cases) {
    const { text: fixed, passes } = fixAll(text);
    assert.equal(fixed, want, text);
    checkInvariants(text, fixed, passes, OUTDATED);
  }
});

test('the examples: every invariant holds after --fix', () => {
  const dir = join(__dirname, '..', '..', '..', 'examples');
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), 'utf8');
    const { text: fixed, passes } = fixAll(text);
    checkInvariants(text, fixed, passes);
  }
});
