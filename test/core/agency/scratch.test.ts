// The scratch arrays the agency scan reuses from line to line (the matcher's ends and candidates, the knowledge base's
// hits and readings, unknowns' splits): a text far longer than a line leaves none of its entries behind, and the scans
// after it are those of a fresh knowledge base.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskDataSource } from '../../../server/src/node/data';
import { createAgencyKnowledgeBase, type KnowledgeBase } from '../../../server/src/core/agency/knowledgeBase';
import { SCRATCH_LIMIT } from '../../../server/src/core/agency/matcher';

interface Scratch {
  matcher: { cands: { list: unknown[] }; ends: { buffer: Int32Array } };
  scanHits: unknown[];
  scanReadings: unknown[];
  unknownsScratch: { items: number[]; known: boolean[]; brackets: number[]; open: number[] };
}

const sizes = (kb: KnowledgeBase) => {
  const s = kb as unknown as Scratch;
  return [
    s.matcher.cands.list.length,
    s.matcher.ends.buffer.length / 2,
    s.scanHits.length,
    s.scanReadings.length,
    s.unknownsScratch.items.length,
    s.unknownsScratch.known.length,
    s.unknownsScratch.brackets.length,
    s.unknownsScratch.open.length,
  ];
};

test('a long text leaves no scratch entries behind, and later scans equal fresh ones', () => {
  const kb = createAgencyKnowledgeBase(diskDataSource());
  const date = '2025-06-30';
  const lines = ['由县公安局负责，县民政局、县卫生局、县教育局配合。', '（县公安局负责，县名政局、县教育局配合）'];
  for (const l of lines) kb.unknowns(l, date);
  // Many hits, items, clauses and brackets in one text.
  const long = '（县公安局负责，县民政局、县卫生局配合）'.repeat(3000) + '县教育局、'.repeat(3000) + '（'.repeat(3000);
  const ms = kb.scan(long, date);
  assert.ok(ms.length > 2 * SCRATCH_LIMIT, `${ms.length} mentions`);
  kb.unknowns(long, date);
  for (const n of sizes(kb)) assert.ok(n <= 2 * SCRATCH_LIMIT, `${sizes(kb)}`);
  const fresh = createAgencyKnowledgeBase(diskDataSource());
  for (const l of lines) {
    assert.deepEqual(kb.scan(l, date), fresh.scan(l, date));
    assert.deepEqual(kb.unknowns(l, date), fresh.unknowns(l, date));
  }
});
