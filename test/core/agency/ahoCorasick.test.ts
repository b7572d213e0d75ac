// The Aho–Corasick automaton against a naive search (fast-check, fixed seed): every occurrence of every pattern,
// duplicates and patterns inside patterns included, ordered by end offset, over a small alphabet (so that failure
// links are exercised) with CJK, halfwidth and astral (surrogate pair) code units; and against the former automaton
// (reference/ahoCorasickV1.ts): the same ends in the same order, on random patterns and on the registry's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AhoCorasick, type AcMatch } from '../../../server/src/core/agency/ahoCorasick';
import { createAgencyKnowledgeBase } from '../../../server/src/core/agency/knowledgeBase';
import { diskDataSource } from '../../../server/src/node/data';
import { ReferenceAhoCorasick } from './reference/ahoCorasickV1';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = 20261202;
const UNITS = ['a', 'b', '局', '部', '委', '（', '\uD842', '\uDFB7'];
const unitString = (min: number, max: number) =>
  fc.array(fc.constantFrom(...UNITS), { minLength: min, maxLength: max }).map((xs) => xs.join(''));

function naive(patterns: string[], text: string): AcMatch[] {
  const out: AcMatch[] = [];
  patterns.forEach((p, pattern) => {
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1))
      out.push({ start: at, end: at + p.length, pattern });
  });
  return out;
}

const byEndStartPattern = (x: AcMatch, y: AcMatch) => x.end - y.end || x.start - y.start || x.pattern - y.pattern;

test('findAll finds exactly the occurrences a naive search finds, ordered by end offset', () => {
  fc.assert(
    fc.property(fc.array(unitString(1, 6), { minLength: 1, maxLength: 25 }), unitString(0, 80), (patterns, text) => {
      const ac = new AhoCorasick();
      patterns.forEach((p, i) => assert.equal(ac.add(p), i));
      const found = ac.findAll(text);
      for (let i = 1; i < found.length; i++) assert.ok(found[i - 1].end <= found[i].end);
      assert.deepEqual([...found].sort(byEndStartPattern), naive(patterns, text).sort(byEndStartPattern));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('a code unit outside every pattern sends the automaton back to the root', () => {
  const ac = new AhoCorasick();
  ac.add('公安局');
  ac.add('安局长');
  assert.deepEqual(ac.findAll('公安x局 公安局长'), [
    { start: 5, end: 8, pattern: 0 },
    { start: 6, end: 9, pattern: 1 },
  ]);
});

test('no pattern can be added once the automaton is built', () => {
  const ac = new AhoCorasick();
  ac.add('部');
  ac.build();
  assert.throws(() => ac.add('局'), /already built/);
});

test('alias: the automaton over unfolded text finds what it finds over the folded text, and reports aliased units', () => {
  // 'a' folds to '局', 'b' to 'a' (a target that is itself aliased), '\uDFB7' to '部'.
  const pairs: Array<[number, number]> = [
    ['a'.charCodeAt(0), '局'.charCodeAt(0)],
    ['b'.charCodeAt(0), 'a'.charCodeAt(0)],
    [0xdfb7, '部'.charCodeAt(0)],
  ];
  const fold = (s: string) =>
    s.replace(/[ab\uDFB7]/g, (c) => String.fromCharCode(pairs.find(([f]) => f === c.charCodeAt(0))![1]));
  fc.assert(
    fc.property(fc.array(unitString(1, 6), { minLength: 1, maxLength: 25 }), unitString(0, 80), (patterns, text) => {
      const plain = new AhoCorasick();
      const aliased = new AhoCorasick();
      for (const p of patterns) {
        plain.add(p);
        aliased.add(p);
      }
      assert.equal(aliased.alias(pairs), true);
      const want: number[] = [];
      assert.equal(plain.findEnds(fold(text), want), false);
      const got: number[] = [];
      assert.equal(aliased.findEnds(text, got), /[ab\uDFB7]/.test(text));
      assert.deepEqual(got, want);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('oracle: the same ends, in the same order, as the former automaton (trie in a Map, built breadth-first)', () => {
  const pairs: Array<[number, number]> = [
    ['a'.charCodeAt(0), '局'.charCodeAt(0)],
    [0xdfb7, '部'.charCodeAt(0)],
  ];
  fc.assert(
    fc.property(
      fc.array(unitString(0, 7), { minLength: 0, maxLength: 30 }),
      unitString(0, 100),
      fc.boolean(),
      (patterns, text, alias) => {
        const now = new AhoCorasick();
        const ref = new ReferenceAhoCorasick();
        // Duplicates on purpose: a pattern added twice reports both indices, in the order added.
        for (const p of [...patterns, ...patterns.slice(0, 3)]) assert.equal(now.add(p), ref.add(p));
        if (alias) assert.equal(now.alias(pairs), ref.alias(pairs));
        const a: number[] = [];
        const b: number[] = [];
        assert.equal(now.findEnds(text, a), ref.findEnds(text, b));
        assert.deepEqual(a, b);
        // A second text on the same automaton (nothing left over from the first).
        assert.deepEqual(now.findAll(text + text), ref.findAll(text + text));
      },
    ),
    { numRuns: RUNS, seed: SEED },
  );
});

test('oracle: the registry patterns of the matcher, over the plan texts and the bench documents', () => {
  const kb = createAgencyKnowledgeBase(diskDataSource());
  const names = new Set<string>();
  for (const c of kb.registry.central.values()) for (const n of c.names) names.add(kb.folder.fold(n.name));
  for (const t of kb.registry.local.values()) for (const n of t.raw.names) names.add(kb.folder.fold(n));
  const now = new AhoCorasick();
  const ref = new ReferenceAhoCorasick();
  for (const n of names) assert.equal(now.add(n), ref.add(n));
  assert.equal(now.alias(kb.folder.changes()), ref.alias(kb.folder.changes()));
  const ROOT = join(__dirname, '..', '..', '..', '..');
  const texts = [
    readFileSync(join(ROOT, 'data/plans/2013-2020.txt'), 'utf8'),
    readFileSync(join(ROOT, 'data/plans/2021-2030.txt'), 'utf8'),
  ];
  for (const text of texts) {
    const a: number[] = [];
    const b: number[] = [];
    assert.equal(now.findEnds(text, a), ref.findEnds(text, b));
    assert.ok(a.length > 100);
    assert.deepEqual(a, b);
  }
});
