// The AnalysisCache takes the segments before and after an edited region from the previous analysis as they were
// (analysis.ts, TextAnalysis.takeOver). Property: after any sequence of edits — insertions, deletions and replacements
// anywhere, line breaks (\n, \r\n, lone \r) added and removed, non-BMP characters, lines long enough to be cut into
// segments, and changes of the citation state carried from line to line (a plan title, an abbreviation defined with
// 以下简称, above the lines that use it) — the result with the cache is exactly that of a fresh analysis: findings,
// citations, overflow, synchronously and asynchronously.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnalysisCache, analyzeText, analyzeTextAsync, MAX_SEGMENT } from '../../server/src/core/analysis';
import { loadEngines } from '../../server/src/node/data';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/core/types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const engines = loadEngines();
const settings: Settings = { ...DEFAULT_SETTINGS, referenceDate: '2025-06-30' };
const today = '2026-12-02';

const pieces = [
  '《中国反对拐卖人口行动计划（2021—2030年）》',
  '《中国反对拐卖人口行动计划(2013-2020年)》',
  '（以下简称《行动计划》）',
  '（以下简称《国家计划》）',
  '《行动计划》二（一）2',
  '《国家计划》二(二)2(1)',
  '《行动计划》',
  '二（一）2（3）',
  '国办发〔2013〕19号',
  '卫生部',
  '市工商局',
  '国家乡村振兴局',
  '（公安部负责，民政部、全国妇联配合）',
  '由市公安局牵头，会同卫生部、民政部等部门',
  '𠮷',
  '😀卫生部',
  '，',
  '。',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '',
];
const lineArb = fc
  .array(fc.constantFrom(...pieces.filter((p) => !/[\r\n]/.test(p))), { maxLength: 6 })
  .map((a) => a.join(''));
const breakArb = fc.constantFrom('\n', '\r\n', '\r');
/** A document: lines and their breaks; sometimes one line longer than a segment. */
const docArb = fc
  .tuple(fc.array(fc.tuple(lineArb, breakArb), { minLength: 1, maxLength: 25 }), fc.boolean(), fc.nat())
  .map(([lines, long, at]) => {
    const parts = lines.map(([l, b]) => l + b);
    if (long)
      parts.splice(
        at % (parts.length + 1),
        0,
        '卫生部与民政部共同负责，'.repeat(Math.ceil((MAX_SEGMENT * 1.5) / 12)) + '\n',
      );
    return parts.join('');
  });

type Edit =
  { kind: 'span'; at: number; del: number; insert: string } | { kind: 'line'; at: number; del: number; insert: string };
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  // Anywhere in the text: may cut a line break or a surrogate pair in two.
  fc.record({
    kind: fc.constant('span' as const),
    at: fc.nat(),
    del: fc.nat({ max: 12 }),
    insert: fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })),
  }),
  // Whole lines: insert, delete or replace lines (a title or a definition above the lines that use it).
  fc.record({
    kind: fc.constant('line' as const),
    at: fc.nat(),
    del: fc.nat({ max: 2 }),
    insert: fc.oneof(
      fc.constant(''),
      lineArb.map((l) => l + '\n'),
      breakArb.map((b) => `《中国反对拐卖人口行动计划（2021—2030年）》（以下简称《国家计划》）${b}`),
    ),
  }),
);

function apply(text: string, e: Edit): string {
  if (e.kind === 'span') {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.del));
  }
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  const a = starts[e.at % starts.length];
  const b = starts[Math.min(starts.length - 1, (e.at % starts.length) + e.del)] ?? text.length;
  return text.slice(0, a) + e.insert + text.slice(e.del ? b : a);
}

function same(cached: ReturnType<typeof analyzeText>, fresh: ReturnType<typeof analyzeText>): void {
  assert.deepEqual(cached.findings, fresh.findings);
  assert.deepEqual(cached.citations, fresh.citations);
  assert.deepEqual(cached, fresh);
}

test('property: random edits analysed with the cache give exactly the fresh findings and citations', async () => {
  await fc.assert(
    fc.asyncProperty(
      docArb,
      fc.array(editArb, { minLength: 1, maxLength: 10 }),
      fc.boolean(),
      async (initial, edits, useAsync) => {
        const cache = new AnalysisCache();
        let text = initial;
        analyzeText(text, settings, engines, { today, cache });
        for (const e of edits) {
          text = apply(text, e);
          const fresh = analyzeText(text, settings, engines, { today });
          const cached = useAsync
            ? await analyzeTextAsync(text, settings, engines, { today, cache, sliceMs: 0 })
            : analyzeText(text, settings, engines, { today, cache });
          same(cached, fresh);
          // maxFindings bounds what is kept the same way with and without the cache
          same(
            analyzeText(text, settings, engines, { today, cache, maxFindings: 3 }),
            analyzeText(text, settings, engines, { today, maxFindings: 3 }),
          );
        }
      },
    ),
    { numRuns: RUNS, seed: SEED },
  );
});

test('an edit looks up only the lines of its region: the lines above and below are taken as they were', () => {
  const lines = Array.from({ length: 400 }, (_, i) => `第${i}行：卫生部与《行动计划》二（一）2`);
  lines[0] = '《中国反对拐卖人口行动计划（2021—2030年）》（以下简称《行动计划》）';
  const cache = new AnalysisCache();
  analyzeText(lines.join('\n'), settings, engines, { today, cache });
  let lookups = 0;
  const get = cache.memo.get.bind(cache.memo);
  cache.memo.get = (context, line) => {
    lookups++;
    return get(context, line);
  };
  lines[200] = '卫生部' + lines[200];
  const text = lines.join('\n');
  const misses = cache.misses;
  const r = analyzeText(text, settings, engines, { today, cache });
  assert.equal(cache.misses - misses, 1);
  assert.equal(lookups, 1);
  same(r, analyzeText(text, settings, engines, { today }));
  // The title removed: every line below is in another context now and is analysed again (not taken as it was).
  lookups = 0;
  const untitled = text.replace(/^.*\n/, '\n');
  same(analyzeText(untitled, settings, engines, { today, cache }), analyzeText(untitled, settings, engines, { today }));
  assert.ok(lookups >= 399, `${lookups} lookups`);
});

test('paused inside the segments taken over, or cancelled there, the next results are still the fresh ones', async () => {
  // 1,500 lines: more than one pause point's worth of segments taken as they were (above and below the edit).
  const lines = Array.from({ length: 1500 }, (_, i) => (i % 3 ? `第${i}行：卫生部与《行动计划》二（一）2` : ''));
  lines[0] = '《中国反对拐卖人口行动计划（2021—2030年）》（以下简称《行动计划》）';
  const cache = new AnalysisCache();
  analyzeText(lines.join('\r\n'), settings, engines, { today, cache });
  for (const [at, insert] of [
    [700, '卫生部'],
    [300, '😀\n'],
    [1200, ''],
  ] as const) {
    lines[at] = insert + lines[at];
    const text = lines.join('\r\n');
    // cancelled after its first pause point: half of the arrays taken over may be moved already
    const token = { isCancellationRequested: false };
    const cancelled = analyzeTextAsync(text, settings, engines, { today, cache, token, sliceMs: 0 });
    token.isCancellationRequested = true;
    await assert.rejects(cancelled, /cancelled/);
    same(analyzeText(text, settings, engines, { today, cache }), analyzeText(text, settings, engines, { today }));
    lines[at + 1] = '卫生部' + lines[at + 1];
    const next = lines.join('\r\n');
    same(
      await analyzeTextAsync(next, settings, engines, { today, cache, sliceMs: 0 }),
      analyzeText(next, settings, engines, { today }),
    );
  }
});
