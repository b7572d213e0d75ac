// The injected data source (core/dataSource.ts): the engines and the service are built from whatever the host hands
// in — here files held in memory — and a missing or broken data file is a clear error naming it, never swallowed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAgencyKnowledgeBase } from '../../server/src/core/agency';
import { inMemoryDataSource, type DataSource } from '../../server/src/core/dataSource';
import { createEngines } from '../../server/src/core/engines';
import { loadPlanIndex } from '../../server/src/core/plan';
import { Folder } from '../../server/src/core/agency/fold';
import { createActionPlanService, fixedClock } from '../../server/src/core/service';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { diskDataSource, loadEngines } from '../../server/src/node/data';

const DATA = join(__dirname, '../../../data');
const FILES = [
  'index/plans.json',
  'index/t2s.json',
  'index/agencies.json',
  'index/pinyin.json',
  'index/places.json',
  'index/similarity.json',
  'agencies/agency.schema.json',
  'plans/2013-2020.txt',
  'plans/2021-2030.txt',
];
const ALL: Record<string, string> = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(DATA, f), 'utf8')]));

/** The real data files in memory, without `omit`, and with `override` replacing some; counts reads per file. */
function memory(omit: string[] = [], override: Record<string, string> = {}): DataSource & { reads: string[] } {
  const files = { ...ALL, ...override };
  for (const f of omit) delete files[f];
  const inner = inMemoryDataSource(files);
  const reads: string[] = [];
  return { reads, read: (p) => (reads.push(p), inner.read(p)) };
}

const TEXT = '按照《行动计划》二（一）2（1）要求，由市卫生计生委负责，民政部配合。\n';

test('a service built on an in-memory data source analyses exactly like the engines read from disk', () => {
  const settings = { ...DEFAULT_SETTINGS, referenceDate: '2024-06-01' };
  const fromMemory = createActionPlanService({ clock: fixedClock('2024-06-01'), data: memory() });
  const fromDisk = createActionPlanService({ clock: fixedClock('2024-06-01'), engines: loadEngines });
  const a = fromMemory.analyze(TEXT, settings);
  assert.ok(a.findings.some((f) => f.code === 'outdated-agency'));
  assert.deepEqual(a, fromDisk.analyze(TEXT, settings));
  assert.equal(fromMemory.engines(), fromMemory.engines(), 'built once per service');
});

test('the plan index and the knowledge base share one folding table when built from the same pairs', () => {
  const engines = createEngines(memory());
  assert.ok(engines.plans.folder instanceof Folder);
  assert.equal(engines.agencies.folder, engines.plans.folder);
  // A plan index whose folder was built from other pairs does not lend it: the knowledge base builds its own.
  const plans = loadPlanIndex(memory([], { 'index/t2s.json': JSON.stringify({ pairs: '國国' }) }));
  const kb = createAgencyKnowledgeBase(memory(), plans);
  assert.notEqual(kb.folder, plans.folder);
  assert.equal(kb.folder.pairs, JSON.parse(ALL['index/t2s.json']).pairs);
  assert.equal(kb.folder.fold('衛生部'), '卫生部');
  // A plan index without a folder (a test double) neither.
  assert.ok(createAgencyKnowledgeBase(memory(), { ...plans, folder: undefined } as typeof plans).folder);
});

test('the similarity model is read on first use only, not when the engines are built', () => {
  const data = memory();
  const engines = createEngines(data);
  assert.ok(!data.reads.includes('index/similarity.json'));
  assert.ok(engines.similarity);
  assert.equal(engines.similarity, engines.similarity);
  assert.equal(data.reads.filter((r) => r === 'index/similarity.json').length, 1);
});

test('the pinyin table is read on its first use only (completion, suggestions), not when the engines are built', () => {
  const data = memory();
  const engines = createEngines(data);
  assert.ok(engines.agencies.scan('由民政部牵头，公安部配合。', '2024-06-01').length === 2);
  engines.agencies.unknowns('由民政部牵头，公安部配合。', '2024-06-01');
  assert.ok(!data.reads.includes('index/pinyin.json'));
  const kb = createAgencyKnowledgeBase(data);
  assert.deepEqual(kb.pinyin['公安部'], JSON.parse(ALL['index/pinyin.json']).pinyin['公安部']);
  assert.equal(kb.pinyin, kb.pinyin);
  assert.equal(data.reads.filter((r) => r === 'index/pinyin.json').length, 1);
  assert.ok(kb.complete('gonganbu', { referenceDate: '2024-06-01' }).some((c) => c.label === '公安部'));
  // Missing: an error naming the file on first use; the knowledge base itself loads.
  const noPinyin = createAgencyKnowledgeBase(memory(['index/pinyin.json']));
  assert.throws(() => noPinyin.pinyin, /index\/pinyin\.json/);
});

test('a missing data file is an error that names it', () => {
  assert.throws(() => createEngines(memory(['index/agencies.json'])), /index\/agencies\.json/);
  assert.throws(() => createEngines(memory(['plans/2013-2020.txt'])), /plans\/2013-2020\.txt/);
  const noModel = createEngines(memory(['index/similarity.json']));
  assert.throws(() => noModel.similarity, /index\/similarity\.json/);
  assert.throws(() => diskDataSource('/nonexistent-data-dir').read('index/plans.json'), /nonexistent-data-dir/);
});

test('a data file that is not JSON is an error that names it', () => {
  assert.throws(
    () => createEngines(memory([], { 'index/places.json': '{' })),
    /index\/places\.json.*JSON|JSON.*index\/places\.json/,
  );
});

test('the knowledge base reads the plan measures from the injected plan index and surfaces its load error', () => {
  const engines = createEngines(memory());
  assert.ok(engines.agencies.measuresOf('mps').lead.length > 50);
  // Without a plan index the knowledge base reads one from its own source: a missing index is not "no measures".
  const kb = createAgencyKnowledgeBase(memory(['index/plans.json']));
  assert.throws(() => kb.measuresOf('mps'), /index\/plans\.json/);
});

test('the service needs a data source or engines', () => {
  assert.throws(() => createActionPlanService({ clock: fixedClock('2024-01-01') }), /env\.data or env\.engines/);
});

test('the Node host builds the engines once per process', () => {
  assert.equal(loadEngines(), loadEngines());
});
