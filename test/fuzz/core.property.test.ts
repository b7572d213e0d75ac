// Property tests (fast-check) over the core with the real engines. Fixed seed; FUZZ_RUNS raises the number of
// cases (`npm run fuzz`). Properties:
//  1. analysis never throws, and every finding and fix edit lies inside the text on UTF-16 boundaries
//     (never between the two halves of a surrogate pair);
//  2. every citation's canonical form is a fixed point of the citation engine;
//  3. applying fix-all twice equals applying it once;
//  4. a random sequence of incremental edits analysed with the per-document cache gives exactly the result of a
//     fresh analysis of the final text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnalysisCache, analyzeText, applyFixes } from '../../server/src/core/analysis';
import { loadEngines } from '../../server/src/node/data';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/core/types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const engines = loadEngines();
const settings: Settings = { ...DEFAULT_SETTINGS };
const today = '2026-11-23';

// Fragments drafters actually write, plus hostile ones; text is a random concatenation.
const fragments = [
  '《中国反对拐卖人口行动计划（2021—2030年）》',
  '《中国反对拐卖人口行动计划(2013-2020年)》',
  '《行动计划》',
  '《行动计划（2021-2030年）》',
  '国办发〔2021〕13号',
  '国办发[2013]19号',
  '二（一）2（3）',
  '二(二)2(1)第2项',
  '第三（二）',
  '二、（一）',
  '（公安部负责，民政部、全国妇联配合）',
  '（市公安局牵头，市卫健委、团市委参与）',
  '卫生部',
  '市工商局',
  '国家乡村振兴局',
  '人力资源和社保部',
  '衛生部',
  '卫生部门',
  '公安机关',
  '长治市卫生局',
  '县委统战部（县民宗局）',
  '、',
  '，',
  '。',
  '《',
  '》',
  '（',
  '）',
  '(',
  ')',
  '𠮷',
  '\n',
  '\r\n',
  ' ',
  '——',
  '<!-- action-plan-disable-next-line outdated-agency -->\n',
  '---\ndate: 2012-06-01\n---\n',
];
const textArb = fc
  .array(
    fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''));

function onBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return offset === 0 || offset === text.length;
  const prev = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return !(prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}

test('analysis never throws and every range lies inside the text on UTF-16 boundaries', () => {
  fc.assert(
    fc.property(textArb, (text) => {
      const r = analyzeText(text, settings, engines, { today });
      for (const f of r.findings) {
        assert.ok(0 <= f.start && f.start <= f.end && f.end <= text.length, `${f.code} ${f.start}-${f.end}`);
        assert.ok(onBoundary(text, f.start) && onBoundary(text, f.end), `surrogate split by ${f.code}`);
        for (const fix of f.fixes) {
          for (const e of fix.edits) {
            assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length);
            assert.ok(onBoundary(text, e.start) && onBoundary(text, e.end));
          }
        }
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('canonical citation forms are fixed points', () => {
  fc.assert(
    fc.property(textArb, (text) => {
      for (const c of engines.findCitations(text, engines.plans, { defaultPlan: '2021-2030' })) {
        const again = engines.findCitations(c.canonical, engines.plans, { defaultPlan: c.plan });
        assert.equal(again.length, 1, `${c.canonical} → ${again.length} citations`);
        assert.equal(again[0].canonical, c.canonical);
        assert.equal(again[0].isCanonical, true, c.canonical);
        assert.equal(again[0].plan, c.plan);
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('fix-all twice equals fix-all once', () => {
  fc.assert(
    fc.property(textArb, (text) => {
      const once = applyFixes(text, analyzeText(text, settings, engines, { today }).findings).text;
      const twice = applyFixes(once, analyzeText(once, settings, engines, { today }).findings).text;
      assert.equal(twice, once);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

const editArb = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 8 }),
  insert: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 3 })),
});

test('incremental re-analysis after random edits equals a fresh analysis', () => {
  fc.assert(
    fc.property(textArb, fc.array(editArb, { minLength: 1, maxLength: 12 }), (initial, edits) => {
      const cache = new AnalysisCache();
      let text = initial;
      analyzeText(text, settings, engines, { today, cache });
      for (const e of edits) {
        const at = text.length ? e.at % (text.length + 1) : 0;
        text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.del));
        const incremental = analyzeText(text, settings, engines, { today, cache });
        assert.deepEqual(incremental, analyzeText(text, settings, engines, { today }));
      }
    }),
    { numRuns: Math.max(50, Math.floor(RUNS / 3)), seed: SEED },
  );
});
