// An AnalysisCache serves only what its engines would compute now: used with other engines, or after the knowledge
// base's names changed (a custom agency file added, replaced or removed), it starts afresh. The language server also
// replaces its caches when settings or custom files change (lsp/documents.ts invalidateAll); this pins the core's
// own guarantee, which every other caller (tests, the CLI, a future host) relies on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisCache, analyzeText, type AnalysisResult } from '../../server/src/core/analysis';
import { createEngines } from '../../server/src/core/engines';
import { diskDataSource, sharedPlanIndex } from '../../server/src/node/data';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/core/types';

const settings: Settings = { ...DEFAULT_SETTINGS, referenceDate: '2025-06-30' };
const TODAY = '2026-12-02';
const TEXT = '一、加强预防\n（市反诈中心、市公安局负责，市民政局配合）\n市卫生局负责宣传。\n';
const CUSTOM = {
  agencies: [{ id: 'custom-fz', fullName: '长治市反诈骗中心', shortNames: ['市反诈中心'], kind: 'other' }],
  local: [],
};
const codes = (r: AnalysisResult) => r.findings.map((f) => `${f.code}@${f.start}`);

test('after a custom agency file changes the names, a cached analysis equals a fresh one', () => {
  const engines = createEngines(diskDataSource(), { plans: sharedPlanIndex() });
  const cache = new AnalysisCache();
  const before = analyzeText(TEXT, settings, engines, { today: TODAY, cache });
  assert.ok(
    before.findings.some((f) => f.code === 'unknown-agency'),
    `市反诈中心 is unknown before: ${codes(before)}`,
  );
  assert.deepEqual(engines.agencies.addCustom(CUSTOM, 'custom.json'), []);
  const cached = analyzeText(TEXT, settings, engines, { today: TODAY, cache });
  const fresh = analyzeText(TEXT, settings, engines, { today: TODAY });
  assert.deepEqual(cached.findings, fresh.findings);
  assert.ok(!cached.findings.some((f) => f.code === 'unknown-agency'), `known after: ${codes(cached)}`);
  // Removing the file (replacing it with an empty one) changes the names back.
  assert.deepEqual(engines.agencies.addCustom({ agencies: [], local: [] }, 'custom.json'), []);
  assert.deepEqual(
    analyzeText(TEXT, settings, engines, { today: TODAY, cache }).findings,
    analyzeText(TEXT, settings, engines, { today: TODAY }).findings,
  );
});

test('a cache used with other engines starts afresh; with the same engines it keeps serving', () => {
  const plain = createEngines(diskDataSource(), { plans: sharedPlanIndex() });
  const custom = createEngines(diskDataSource(), { plans: sharedPlanIndex() });
  assert.deepEqual(custom.agencies.addCustom(CUSTOM, 'custom.json'), []);
  const cache = new AnalysisCache();
  analyzeText(TEXT, settings, plain, { today: TODAY, cache });
  const misses = cache.misses;
  analyzeText(TEXT, settings, plain, { today: TODAY, cache });
  assert.equal(cache.misses, misses, 'same engines, same text: nothing analysed again');
  const other = analyzeText(TEXT, settings, custom, { today: TODAY, cache });
  assert.ok(cache.misses > misses, 'other engines: the lines are analysed again');
  assert.deepEqual(other.findings, analyzeText(TEXT, settings, custom, { today: TODAY }).findings);
});
