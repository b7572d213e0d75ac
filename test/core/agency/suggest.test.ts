// Suggestions through the candidate index equal the former full scan (fuse.js over every name), which is kept here as
// the oracle: every registry name misspelt (a character dropped, two swapped, one replaced), traditional forms,
// place-prefixed local forms, the strings of the other agency tests, several reference dates and custom agencies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import Fuse from 'fuse.js';
import { createAgencyKnowledgeBase } from '../../../server/src/core/agency';
import { diskDataSource } from '../../../server/src/node/data';
import type { KnowledgeBase } from '../../../server/src/core/agency/knowledgeBase';
import { computePinyin } from '../../../server/src/core/agency/complete';
import { CandidateIndex, fuseMaxErrors } from '../../../server/src/core/agency/candidates';
import { levenshtein } from '../../../server/src/core/agency/levenshtein';
import { liveOn, establishedOn, type Level, type LocalTemplate } from '../../../server/src/core/agency/registry';
import { repoRoot } from './helpers';

// ------------------------------------------------------------------ the former implementation (full scan)

function currentTemplates(kb: KnowledgeBase, date: string): LocalTemplate[] {
  return [...kb.registry.local.values()].filter((t) => liveOn(t.raw, date) && establishedOn(t.raw, date));
}

const namesMemo = new Map<string, string[]>();
/** Bare local stems that are no central name (they take the query's place). */
const localOnly = new Set<string>();
function allNames(kb: KnowledgeBase, date: string): string[] {
  const key = `${kb.registry.central.size}:${kb.registry.local.size}:${date}`;
  const memo = namesMemo.get(key);
  if (memo) return memo;
  const names = new Set<string>();
  const central = new Set<string>();
  for (const c of kb.registry.central.values()) {
    if (!liveOn(c.raw, date) || !establishedOn(c.raw, date)) continue;
    for (const n of c.names) if ((!n.from || date >= n.from) && (!n.to || date < n.to)) names.add(n.name);
  }
  for (const n of names) central.add(n);
  for (const t of currentTemplates(kb, date)) {
    if (t.raw.bare === false) continue;
    for (const n of t.raw.bareNames ?? t.raw.names)
      if (n.length >= 2) {
        names.add(n);
        if (!central.has(n)) localOnly.add(`${key}\u0000${n}`);
      }
  }
  namesMemo.set(key, [...names]);
  return [...names];
}

/** The local forms of a place (the former code built them on every call; memoised here only for speed). */
const localMemo = new Map<string, Array<{ label: string; stem: string }>>();
function localItems(kb: KnowledgeBase, placed: { text: string; level: Level; municipality: boolean }, date: string) {
  const key = `${kb.registry.local.size}:${date}:${placed.text}:${placed.level}:${placed.municipality}`;
  let items = localMemo.get(key);
  if (!items) {
    items = [];
    // Where the province kept a name the reform ended elsewhere (内蒙古: 农牧局), that name instead of its successor.
    const here = kb.keptAt(placed, date);
    const templates = [...currentTemplates(kb, date).filter((t) => !here.replaced.has(t.id)), ...here.kept];
    for (const t of templates) {
      const full = kb.localName(t, placed, false);
      for (const label of new Set([full, kb.localName(t, placed, true)]))
        items.push({ label, stem: label.replace(placed.text, '') });
    }
    localMemo.set(key, items);
  }
  return items;
}

function oracle(kb: KnowledgeBase, name: string, limit: number, date: string): string[] {
  const pinyinOf = (n: string) => (kb.pinyin[n] ??= computePinyin(n));
  const q = (name ?? '').trim();
  if (!q) return [];
  const out: string[] = [];
  let placed: { text: string; level: Level; municipality: boolean } | undefined;
  for (let len = Math.min(q.length, 20); len >= 1 && !placed; len--) {
    const m = kb.places.parse(q.slice(0, len));
    if (m) placed = { text: q.slice(0, len), level: m.level, municipality: m.municipality };
  }
  if (placed && placed.text.length < q.length) {
    const rest = q.slice(placed.text.length);
    const items = localItems(kb, placed, date);
    const fuse = new Fuse(items, { keys: ['stem'], includeScore: true, threshold: 0.45, ignoreLocation: true });
    const restPy = computePinyin(rest)[0];
    const ranked = fuse
      .search(rest, { limit: limit * 2 })
      .map((r, i) => ({
        label: r.item.label,
        d: levenshtein(rest, r.item.stem),
        p: levenshtein(restPy, pinyinOf(r.item.stem)[0]),
        i,
      }))
      .sort((a, b) => a.d - b.d || a.p - b.p || a.i - b.i);
    for (const r of ranked) if (!out.includes(r.label)) out.push(r.label);
  }
  const fuse = new Fuse(
    allNames(kb, date).map((n) => ({ name: n })),
    { keys: ['name'], includeScore: true, threshold: 0.45, ignoreLocation: true },
  );
  const qPy = computePinyin(q)[0];
  const key = `${kb.registry.central.size}:${kb.registry.local.size}:${date}`;
  const prefix = placed && placed.text.length < q.length ? placed.text : '';
  const ranked = fuse
    .search(q, { limit: limit * 3 })
    .map((r) => (prefix && localOnly.has(`${key}\u0000${r.item.name}`) ? prefix + r.item.name : r.item.name))
    // A placed stem that is no valid name there (县文化和旅游厅) is left out, and so is any 厅 but 办公厅 below a
    // province outside the municipalities (市旅游和文化广电体育厅: 市、县的部门称局).
    .filter((name) => {
      if (!prefix || !name.startsWith(prefix)) return true;
      const stem = name.slice(prefix.length);
      if (!localOnly.has(`${key}\u0000${stem}`)) return true;
      if (placed!.level !== 'province' && !placed!.municipality && stem.endsWith('厅') && !stem.endsWith('办公厅'))
        return false;
      const hit = kb.lookup(name, date);
      return hit !== undefined && hit.status.current && !hit.status.wrongLevel;
    })
    .map((name, i) => ({ name, d: levenshtein(q, name), i }))
    .map((x) => ({ ...x, p: levenshtein(qPy, pinyinOf(x.name)[0]) }))
    .sort((a, b) => a.d - b.d || a.p - b.p || a.i - b.i);
  for (const r of ranked) if (!out.includes(r.name)) out.push(r.name);
  return out.slice(0, limit);
}

// ------------------------------------------------------------------ inputs

/** mulberry32, for reproducible misspellings. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters drafters confuse (same sound or shape), and characters of other agency names.
const SIMILAR = '安按案政正证整育肓教较局居委萎会汇卫为生声部步厅庁办半管官理里监坚督都检捡察查法发展战改革科技';

function misspellings(name: string, r: () => number): string[] {
  const out: string[] = [];
  const k = Math.floor(r() * name.length);
  out.push(name.slice(1), name.slice(0, k) + name.slice(k + 1));
  const i = Math.floor(r() * (name.length - 1));
  out.push(name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2));
  const j = Math.floor(r() * name.length);
  out.push(name.slice(0, j) + SIMILAR[Math.floor(r() * SIMILAR.length)] + name.slice(j + 1));
  out.push(name + name[name.length - 1]);
  return out.filter((s) => s.trim().length > 0);
}

const root = repoRoot();
const kb = createAgencyKnowledgeBase(diskDataSource());
const DATE = '2026-11-23';

/** A traditional form of `text` (the first traditional character folding to each simplified one). */
const toTraditional = (() => {
  const pairs = (JSON.parse(readFileSync(join(root, 'data/index/t2s.json'), 'utf8')) as { pairs: string }).pairs;
  const s2t = new Map<string, string>();
  for (let i = 0; i + 1 < pairs.length; i += 2) if (!s2t.has(pairs[i + 1])) s2t.set(pairs[i + 1], pairs[i]);
  return (text: string) => [...text].map((c) => s2t.get(c) ?? c).join('');
})();

/** The Chinese strings of the other agency tests (split at punctuation), as drafted text to suggest for. */
function testStrings(): string[] {
  const dir = join(root, 'test/core/agency');
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts') && x !== 'suggest.test.ts'))
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/[\u4e00-\u9fff（）]{2,30}/g))
      for (const part of m[0].split(/[、，（）]/)) if (part.length >= 2) out.add(part);
  return [...out];
}

function same(queries: Iterable<string>, date: string, limit = 5): void {
  const differ: string[] = [];
  for (const q of queries) {
    const got = kb.suggest(q, limit, date);
    const want = oracle(kb, q, limit, date);
    if (JSON.stringify(got) !== JSON.stringify(want))
      differ.push(`${q}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  }
  assert.deepEqual(differ, [], differ.slice(0, 20).join('\n'));
}

// ------------------------------------------------------------------ tests

test('candidate filter: fuse.js error bound and multiset sharing', () => {
  assert.equal(fuseMaxErrors(3, 0.45), 1);
  assert.equal(fuseMaxErrors(20, 0.45), 9);
  assert.equal(fuseMaxErrors(1, 0.45), 0);
  const index = new CandidateIndex(['公安部', '公安局', '民政部', '部部部']);
  assert.deepEqual(index.sharing('公按部', 2), [0]);
  assert.deepEqual(index.sharing('部部', 2), [3]);
  assert.deepEqual(index.sharing('部', 1), [0, 2, 3]);
  assert.deepEqual(index.fuseCandidates('公按局', 0.45), [1]);
  assert.equal(index.fuseCandidates('公'.repeat(33), 0.45), undefined);
});

test('candidate filter keeps every name fuse.js matches (property, arbitrary strings of registry characters)', () => {
  const names = allNames(kb, DATE);
  const index = new CandidateIndex(names.map((n) => n.toLowerCase()));
  const fuse = new Fuse(names, { includeScore: true, threshold: 0.45, ignoreLocation: true });
  const chars = [...new Set(names.join('') + 'ABcd')];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 32 }), (a) => {
      const q = a.join('');
      const ids = new Set(index.fuseCandidates(q, 0.45));
      for (const r of fuse.search(q)) assert.ok(ids.has(r.refIndex), `${q}: ${r.item} missing`);
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
  );
});

test('suggestions equal the full scan: every name misspelt, on the reference date', () => {
  const r = rng(15);
  const queries = new Set<string>();
  for (const n of allNames(kb, DATE)) for (const q of misspellings(n, r)) queries.add(q);
  same(queries, DATE);
});

test('suggestions equal the full scan: traditional forms and the strings of the other agency tests', () => {
  same(
    allNames(kb, DATE).map((n) => toTraditional(n)),
    DATE,
  );
  same(testStrings(), DATE);
  same(testStrings(), DATE, 20);
});

test('suggestions equal the full scan: place-prefixed local forms misspelt (province, city, county, municipality)', () => {
  const r = rng(7);
  const stems = [...new Set(currentTemplates(kb, DATE).flatMap((t) => t.raw.names))];
  for (const place of ['长治市', '山西省', '县', '北京市', '潞州区']) {
    const queries: string[] = [];
    stems.forEach((s, i) => {
      if (i % 3 === 0) for (const q of misspellings(s, r).slice(-3)) queries.push(place + q);
    });
    same(queries, DATE);
  }
});

test('suggestions equal the full scan on other reference dates (names valid on that date only)', () => {
  const r = rng(3);
  for (const date of ['2005-01-01', '2010-06-01', '2016-03-01', '2018-06-01', '2020-01-01', '9999-12-31']) {
    const names = allNames(kb, date);
    const queries: string[] = [];
    names.forEach((n, i) => {
      if (i % 6 === 0) queries.push(...misspellings(n, r).slice(-3));
    });
    queries.push('长治市公按局', '县民正局', '省卫声厅', '国家工商行政管里总局', '卫生计生委');
    same(queries, date);
    // Interleaved with the reference date (the pools of several dates are kept): fresh strings, no memo answers.
    same(
      allNames(kb, DATE)
        .filter((_, i) => i % 50 === 0)
        .map((n) => `${n}${date.slice(2, 4)}`),
      DATE,
    );
  }
});

test('suggestions equal the full scan after a custom agency file (the index is rebuilt)', () => {
  const k = createAgencyKnowledgeBase(diskDataSource());
  assert.deepEqual(k.suggest('长治市反诈编中心', 5, DATE), oracle(k, '长治市反诈编中心', 5, DATE));
  const file = {
    agencies: [{ id: 'custom-fanzha', fullName: '长治市反诈骗中心', shortNames: ['市反诈中心'], kind: 'other' }],
  };
  assert.deepEqual(k.addCustom(file, 'agencies.json'), []);
  for (const q of ['长治市反诈编中心', '市反炸中心', '反诈中心'])
    assert.deepEqual(k.suggest(q, 5, DATE), oracle(k, q, 5, DATE), q);
  assert.equal(k.suggest('长治市反诈编中心', 5, DATE)[0], '长治市反诈骗中心');
});

test('suggestions equal the full scan for arbitrary strings (property, with place prefixes and ASCII)', () => {
  const names = allNames(kb, DATE);
  const chars = [...new Set(names.join(''))];
  const prefix = fc.constantFrom('', '长治市', '山西省', '县', '市', 'x');
  fc.assert(
    fc.property(
      prefix,
      fc.array(fc.constantFrom(...chars, 'a', 'B', ' '), { minLength: 1, maxLength: 12 }),
      fc.constantFrom(5, 20, 1, 0, -1),
      (p, a, limit) => {
        const q = p + a.join('');
        assert.deepEqual(kb.suggest(q, limit, DATE), oracle(kb, q, limit, DATE), q);
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
  );
});
