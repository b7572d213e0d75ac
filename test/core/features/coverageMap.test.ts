// core/features/coverageMap.ts: the layout data of the coverage map and the state of each cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngines } from '../../../server/src/node/data';
import { coverageMap, mapCells, stateOf, type CoverageMap } from '../../../server/src/core/features/coverageMap';

const engines = loadEngines();
const NEW = '《行动计划（2021—2030年）》';
const OLD = '《行动计划（2013—2020年）》';

function map(...texts: string[]): CoverageMap {
  return coverageMap(
    texts.map((text, i) => ({ uri: `doc${i}.md`, text })),
    engines,
    { defaultPlan: '2021-2030' },
  );
}
function cell(m: CoverageMap, path: string) {
  const c = mapCells(m).find((x) => x.path === path);
  assert.ok(c, `no cell ${path}`);
  return c;
}

test('layout: one cell per measure and sub-item of the plan, by part and section; part 三 by section', () => {
  const m = map('');
  const nodes = engines.plans.nodes('2021-2030');
  const measures = nodes.filter((n) => n.kind === 'measure');
  const items = nodes.filter((n) => n.kind === 'item');
  const cells = mapCells(m);
  assert.equal(cells.filter((c) => c.kind === 'measure').length, measures.length);
  assert.equal(cells.filter((c) => c.kind === 'item').length, items.length);
  assert.deepEqual(
    cells.filter((c) => c.kind !== 'section').map((c) => c.path),
    nodes.filter((n) => n.kind === 'measure' || n.kind === 'item').map((n) => n.path),
    'plan order, each measure followed by its items',
  );
  assert.deepEqual(
    cells.filter((c) => c.kind === 'section').map((c) => c.path),
    ['三（一）', '三（二）', '三（三）'],
  );
  assert.equal(m.counts.cells, cells.length);
  assert.equal(m.counts['not-cited'], cells.length);
  assert.deepEqual(
    m.parts.map((p) => [p.path, p.sections.map((s) => s.path)]),
    [
      ['二', ['二（一）', '二（二）', '二（三）', '二（四）', '二（五）', '二（六）']],
      ['三', ['三']],
    ],
  );
  const c = cell(m, '二（一）2（3）第2项');
  assert.equal(c.label, '2');
  assert.equal(c.parent, '二（一）2（3）');
  assert.equal(c.citation, `${NEW}二（一）2（3）第2项`);
  assert.equal(cell(m, '二（一）2（3）').label, '（3）');
  assert.equal(cell(m, '三（二）').label, '（二）');
  assert.equal(m.planTitle, '中国反对拐卖人口行动计划（2021—2030年）');
});

test('states: an item cites its measure; a measure cites its items; neighbours stay not cited', () => {
  const m = map(`落实${NEW}二（一）2（3）第2项。`, `按照${NEW}二（二）2（1）的要求。`);
  const item = cell(m, '二（一）2（3）第2项');
  assert.equal(item.state, 'cited');
  assert.deepEqual(
    item.places.map((p) => [p.uri, p.via, p.range.start.line]),
    [['doc0.md', 'self', 0]],
  );
  assert.equal(item.places[0].lineText, `落实${NEW}二（一）2（3）第2项。`);
  assert.equal(item.places[0].canonical, `${NEW}二（一）2（3）第2项`);
  const measure = cell(m, '二（一）2（3）');
  assert.equal(measure.state, 'cited');
  assert.deepEqual(
    measure.places.map((p) => p.via),
    ['item'],
  );
  assert.equal(cell(m, '二（一）2（3）第1项').state, 'not-cited');
  assert.equal(cell(m, '二（二）2（1）').state, 'cited');
  for (const child of engines.plans.children('2021-2030', '二（二）2（1）')) {
    const c = cell(m, child.path);
    assert.equal(c.state, 'cited');
    assert.deepEqual(
      c.places.map((p) => [p.uri, p.via]),
      [['doc1.md', 'measure']],
    );
  }
  assert.deepEqual(m.documents, [
    { uri: 'doc0.md', citations: 1 },
    { uri: 'doc1.md', citations: 1 },
  ]);
  assert.equal(m.counts.cited, 2 + engines.plans.children('2021-2030', '二（二）2（1）').length + 1);
});

test('states: a wrong item path flags its measure; a wrong measure path is listed on its section', () => {
  const m = map(`${NEW}二（一）2（3）第99项\n${NEW}二（三）2（99）\n${NEW}二（一）2（3）第1项`);
  const measure = cell(m, '二（一）2（3）');
  assert.equal(measure.state, 'cited-wrong-path-nearby', 'flags win over a correct citation of the same measure');
  assert.deepEqual(
    measure.flags.map((f) => [f.code, f.place.canonical, f.place.range.start.line]),
    [['unknown-citation', `${NEW}二（一）2（3）第99项`, 0]],
  );
  assert.equal(cell(m, '二（一）2（3）第1项').state, 'cited');
  const section = m.parts[0].sections.find((s) => s.path === '二（三）')!;
  assert.deepEqual(
    section.flags.map((f) => [f.place.canonical, f.place.via]),
    [[`${NEW}二（三）2（99）`, 'wrong-path']],
  );
  assert.ok(
    mapCells(m)
      .filter((c) => c.path.startsWith('二（三）'))
      .every((c) => c.state === 'not-cited'),
  );
  assert.equal(m.counts['cited-wrong-path-nearby'], 1);
  assert.equal(m.documents[0].citations, 1, 'only resolved citations of the mapped plan count');
});

test('states: a citation of the expired plan maps through the crosswalk and counts only when nothing else does', () => {
  const old = engines.plans.get('2013-2020', '二（一）2（3）')!;
  assert.equal(old.successor?.path, '二（一）2（3）');
  let m = map(`${OLD}二（一）2（3）确定的措施`);
  assert.equal(cell(m, '二（一）2（3）').state, 'expired-only');
  assert.deepEqual(
    cell(m, '二（一）2（3）').places.map((p) => [p.plan, p.via]),
    [['2013-2020', 'expired']],
  );
  assert.equal(cell(m, '二（一）2（3）第1项').state, 'expired-only');
  m = map(`${OLD}二（一）2（3）确定的措施`, `${NEW}二（一）2（3）第1项`);
  assert.equal(cell(m, '二（一）2（3）').state, 'cited');
  assert.equal(cell(m, '二（一）2（3）第1项').state, 'cited');
  assert.equal(cell(m, '二（一）2（3）第2项').state, 'expired-only');
  // An expired node without a counterpart (successor null) reaches no cell.
  const orphan = engines.plans.nodes('2013-2020').find((n) => n.successor === null)!;
  m = map(`${OLD}${orphan.path}`);
  assert.equal(m.counts['not-cited'], m.counts.cells);
  assert.deepEqual(
    m.unplaced.map((p) => [p.canonical, p.via]),
    [[orphan.citation, 'expired']],
  );
});

test('sections: part 三 sections are cells; citations of a section of part 二 or of a group colour no cell', () => {
  const m = map(`${NEW}三（二）`, `${NEW}二（一）\n${NEW}二（一）1`);
  assert.equal(cell(m, '三（二）').state, 'cited');
  assert.equal(cell(m, '三（一）').state, 'not-cited');
  const s = m.parts[0].sections[0];
  assert.deepEqual(
    s.places.map((p) => [p.canonical, p.range.start.line]),
    [
      [`${NEW}二（一）`, 0],
      [`${NEW}二（一）1`, 1],
    ],
  );
  assert.ok(s.cells.every((c) => c.state === 'not-cited'));
  // Part 一 is not on the map: a citation of it is unplaced.
  const m1 = map(`${NEW}一（二）`);
  assert.deepEqual(
    m1.unplaced.map((p) => p.canonical),
    [`${NEW}一（二）`],
  );
});

test('places: ranges are 0-based lines and UTF-16 characters (non-BMP characters count two)', () => {
  const m = map(`第一行\n𠀀𠀀按照${NEW}二（四）2（1）办理\r\n`);
  const p = cell(m, '二（四）2（1）').places[0];
  assert.deepEqual(p.range.start, { line: 1, character: 6 });
  assert.equal(p.range.end.character - p.range.start.character, `${NEW}二（四）2（1）`.length);
  assert.equal(p.lineText, `𠀀𠀀按照${NEW}二（四）2（1）办理`);
});

test('a place is listed once per cell even when a citation repeats on many lines; stateOf is the documented order', () => {
  const text = Array.from({ length: 2000 }, () => `${NEW}二（五）2（1）`).join('\n');
  const m = map(text);
  assert.equal(cell(m, '二（五）2（1）').places.length, 2000);
  const place = cell(m, '二（五）2（1）').places[0];
  assert.equal(stateOf({ places: [], flags: [] }), 'not-cited');
  assert.equal(stateOf({ places: [{ ...place, via: 'expired' }], flags: [] }), 'expired-only');
  assert.equal(stateOf({ places: [{ ...place, via: 'expired' }, place], flags: [] }), 'cited');
  assert.equal(stateOf({ places: [place], flags: [{ code: 'citation-mismatch', place }] }), 'cited-wrong-path-nearby');
});

test('the plan in force on the reference date: 2015 → the 2013—2020 plan, 2024 → 2021—2030, no date → the newest', () => {
  const doc = [{ uri: 'a.md', text: `按照${OLD}二（一）2（1）要求。\n按照${NEW}二（一）2（1）要求。` }];
  const m15 = coverageMap(doc, engines, { defaultPlan: '2013-2020', date: '2015-06-01' });
  assert.equal(m15.plan, '2013-2020');
  assert.equal(m15.date, '2015-06-01');
  assert.equal(m15.planTitle, '中国反对拐卖人口行动计划（2013—2020年）');
  assert.equal(m15.unavailable, undefined);
  const nodes = engines.plans.nodes('2013-2020');
  assert.equal(
    mapCells(m15).filter((c) => c.kind === 'measure').length,
    nodes.filter((n) => n.kind === 'measure').length,
  );
  assert.equal(cell(m15, '二（一）2（1）').state, 'cited');
  assert.equal(m15.documents[0].citations, 1, 'only citations of the map plan count');
  // The day the 2021—2030 plan was issued it is the plan in force; the day before, the 2013—2020 plan still is.
  assert.equal(coverageMap(doc, engines, { defaultPlan: '2021-2030', date: '2021-04-08' }).plan, '2013-2020');
  assert.equal(coverageMap(doc, engines, { defaultPlan: '2021-2030', date: '2021-04-09' }).plan, '2021-2030');
  assert.equal(coverageMap(doc, engines, { defaultPlan: '2021-2030', date: '2024-01-01' }).plan, '2021-2030');
  assert.equal(coverageMap(doc, engines, { defaultPlan: '2021-2030' }).plan, '2021-2030');
  // An explicit plan wins over the date.
  const named = coverageMap(doc, engines, { defaultPlan: '2021-2030', date: '2015-06-01', plan: '2021-2030' });
  assert.equal(named.plan, '2021-2030');
  assert.equal(named.date, undefined);
});

test('2010: the 2008—2012 plan is in force but its text is not in the corpus — no cells, and the map says why', () => {
  const text = `按照${OLD}二（一）2（1）要求。\n按照《中国反对拐卖妇女儿童行动计划（2008—2012年）》三（一）要求。`;
  const m = coverageMap([{ uri: 'a.md', text }], engines, { defaultPlan: '2021-2030', date: '2010-05-01' });
  assert.equal(m.plan, '2008-2012');
  assert.equal(m.unavailable, 'text-not-in-corpus');
  assert.equal(m.planTitle, '中国反对拐卖妇女儿童行动计划（2008—2012年）');
  assert.deepEqual(m.parts, []);
  assert.equal(m.counts.cells, 0);
  assert.deepEqual(m.unplaced, [], 'nothing is listed as misplaced: nothing could be placed');
  assert.deepEqual(m.documents, [{ uri: 'a.md', citations: 1 }]);
  // Before the first plan was issued (2007-12-13) no plan was in force.
  const before = coverageMap([{ uri: 'a.md', text }], engines, { defaultPlan: '2021-2030', date: '2007-12-12' });
  assert.equal(before.unavailable, 'no-plan-in-force');
  assert.equal(before.plan, '2008-2012');
  assert.equal(
    coverageMap([], engines, { defaultPlan: '2021-2030', date: '2007-12-13' }).unavailable,
    'text-not-in-corpus',
  );
});
