// Oracle test of the scan's memos (the readings of hits by date and text written, matchStyle's restyled status, the
// sign ids by info): a scan served from memos warmed by every other text, in a shuffled order, equals a scan of the
// same text with every memo emptied first — on every registry name form, with and without place prefixes, in
// enumerations (inherited places), with sign brackets, at several dates and localities, and with a custom agency file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diskDataSource } from '../../../server/src/node/data';
import {
  createAgencyKnowledgeBase,
  writtenKey,
  type KnowledgeBase,
} from '../../../server/src/core/agency/knowledgeBase';

const DATES = ['2008-06-01', '2013-03-02', '2016-01-01', '2019-06-01', '2025-06-30', 'not a date'];
const LOCALITIES = ['', '长治市', '县', '北京市'];
const LISTS = ['县', '市', '长治市', '太原市', '晋城市', '尤溪县', '沁源县', '北京市', '山西省'];
const PREFIXES = ['', '市', '县', '长治市', '山西省长治市', '尤溪县', '西藏自治区', '中共长治市委'];

function nameForms(kb: KnowledgeBase): string[] {
  const out = new Set<string>();
  for (const c of kb.registry.central.values()) for (const n of c.names) out.add(n.name);
  for (const t of kb.registry.local.values()) {
    for (const n of t.raw.names) out.add(n);
    for (const f of [t.raw.forms, t.raw.shortForms]) for (const v of Object.values(f ?? {})) if (v) out.add(v);
  }
  return [...out];
}

function texts(kb: KnowledgeBase): string[] {
  const names = nameForms(kb);
  const out: string[] = [];
  for (const n of names) for (const p of PREFIXES) out.push(`由${p}${n}负责`);
  // Enumerations: the place of the first item is inherited by the bare ones (places of one level but different
  // names: the inherited place's text matters); short and full forms mixed.
  for (let i = 0; i + 2 < names.length; i += 2) {
    out.push(`${LISTS[i % LISTS.length]}${names[i]}、${names[i + 1]}、${names[i + 2]}配合`);
    out.push(`${LISTS[(i + 3) % LISTS.length]}${names[i]}和${names[i + 1]}（${names[i + 2]}）`);
  }
  for (const t of kb.registry.local.values())
    for (const p of LISTS) out.push(`${p}公安局、${t.raw.names[0]}、${t.raw.names[t.raw.names.length - 1]}负责`);
  out.push(
    '农业农村部（国家乡村振兴局）、县农业农村局（县乡村振兴局）',
    '县乡村振兴局（县农业农村局）、县人口计生局、县卫生局、县教育局',
    '中央统战部（国家宗教事务局、国务院侨办）负责',
    '法制办、扶贫办、卫计委配合',
  );
  return out;
}

/** The same array shuffled by a seeded generator. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const clear = (kb: KnowledgeBase) => (kb as unknown as { clearScanMemos(): void }).clearScanMemos();

/**
 * `warm` scans every text first (shuffled), then each text again from its memos; `fresh` scans it with every memo
 * emptied first. Every text at the first date and locality, every eighth at the others.
 */
function compare(warm: KnowledgeBase, fresh: KnowledgeBase, all: string[], seed: number): void {
  let combo = 0;
  for (const date of DATES) {
    for (const locality of LOCALITIES) {
      const sample = combo++ === 0 ? all : all.filter((_, i) => i % 8 === combo % 8);
      for (const t of shuffled(sample, seed + combo)) warm.scan(t, date, { locality });
      for (const t of shuffled(sample, seed + combo + 1)) {
        clear(fresh);
        assert.deepEqual(
          warm.scan(t, date, { locality }),
          fresh.scan(t, date, { locality }),
          `${t} @ ${date} ${locality}`,
        );
      }
    }
  }
}

const CUSTOM = {
  agencies: [{ id: 'custom-fz', fullName: '长治市反诈骗中心', shortNames: ['市反诈中心'], kind: 'other' }],
  local: [
    {
      id: 'l-custom-fz',
      kind: 'other',
      forms: { province: '反诈骗中心', prefecture: '反诈骗中心', county: '反诈骗中心' },
      names: ['反诈骗中心', '反诈中心'],
    },
  ],
};

test('memoised scans equal fresh scans on every name form, at several dates and localities', () => {
  const warm = createAgencyKnowledgeBase(diskDataSource());
  const all = texts(warm);
  assert.ok(all.length > 3000, `${all.length} texts`);
  compare(warm, createAgencyKnowledgeBase(diskDataSource()), all, 7);
});

test('readings of different texts under one memo key (same length, first two and last two code units) stay apart', () => {
  // writtenKey reads a few code units of the text written: these texts share a key, and the memo tells them apart by
  // the text itself. Traditional characters and halfwidth brackets fold to the same name but are other texts written.
  const groups = [
    ['长治市公安局', '长治县公安局'],
    ['县卫生局', '县卫生局'],
    ['县人口计生局', '县人口计生局', '县人口計生局'],
    ['长治市教育局', '长治县教育局'],
  ];
  for (const g of groups) {
    const lines = g.map((n) => `由${n}负责`);
    const keys = new Set(lines.map((l) => writtenKey(l, 1, l.length - 2)));
    assert.equal(keys.size, 1, g.join(' '));
  }
  const warm = createAgencyKnowledgeBase(diskDataSource());
  const fresh = createAgencyKnowledgeBase(diskDataSource());
  const all = groups.flat().map((n) => `由${n}负责，${n}、县民政局配合`);
  for (const date of DATES) {
    for (const t of all) warm.scan(t, date);
    for (const t of all) {
      clear(fresh);
      const got = warm.scan(t, date);
      assert.deepEqual(got, fresh.scan(t, date), `${t} @ ${date}`);
      // The text of each mention is what the line says there.
      for (const m of got) assert.equal(m.text, t.slice(m.start, m.end));
    }
  }
});

test('memoised scans equal fresh scans with a custom agency file', () => {
  const warm = createAgencyKnowledgeBase(diskDataSource());
  const fresh = createAgencyKnowledgeBase(diskDataSource());
  const before = warm.scan('由市反诈中心、县卫生局负责', '2025-06-30');
  assert.deepEqual(warm.addCustom(CUSTOM, 'custom.json'), []);
  assert.deepEqual(fresh.addCustom(CUSTOM, 'custom.json'), []);
  // The registry changed: nothing memoised before is served after.
  const after = warm.scan('由市反诈中心、县卫生局负责', '2025-06-30');
  assert.notDeepEqual(after, before);
  assert.deepEqual(after, fresh.scan('由市反诈中心、县卫生局负责', '2025-06-30'));
  const all = [
    ...texts(warm).filter((_, i) => i % 7 === 0),
    '县反诈中心、公安局和市反诈中心负责',
    '长治市反诈骗中心（县卫生局）',
  ];
  compare(warm, fresh, all, 11);
});

test('memoised scans equal fresh scans on random enumerations (fast-check)', () => {
  // `kb` keeps its memos across all runs; `fresh` starts every run empty.
  const kb = createAgencyKnowledgeBase(diskDataSource());
  const fresh = createAgencyKnowledgeBase(diskDataSource());
  const names = nameForms(kb);
  const piece = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom(...PREFIXES),
    fc.constantFrom('、', '，', '（', '）', '和', '负责', '配合', '。'),
  );
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 16 }),
      fc.constantFrom(...DATES),
      fc.constantFrom(...LOCALITIES),
      (parts, date, locality) => {
        const t = parts.join('');
        clear(fresh);
        assert.deepEqual(kb.scan(t, date, { locality }), fresh.scan(t, date, { locality }));
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) * 5, seed: 20261202 },
  );
});
