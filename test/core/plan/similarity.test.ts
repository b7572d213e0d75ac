// The similarity scorer (core/plan/similarity.ts) against an oracle: the cosine computed the plain way from the
// committed model file — bigrams(text) as a Map in order of first occurrence, a Map from bigram string to vocabulary
// index, tf·idf weights, the dot product through the postings in that order, divided by the norm. The scorer's
// hash table, scratch arrays and per-sentence object must give the same numbers bit for bit (not within a
// tolerance: a threshold compare must never flip), on every provision and on generated sentences.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isProvision, provisionText, probeText } from '../../../data/build/plan-similarity';
import { loadEngines, diskDataSource, dataDir } from '../../../server/src/node/data';
import {
  bigrams,
  runIndex,
  SimilarityModel,
  type SimilarityFile,
  type SimilarityPlan,
} from '../../../server/src/core/plan/similarity';
import { plansInCorpus } from '../../../server/src/core/catalog/plans';
import { citedScore } from '../../../server/src/core/review/citationMismatch';

const engines = loadEngines();
const model = engines.similarity!;
const file = JSON.parse(diskDataSource(dataDir()).read('index/similarity.json')) as SimilarityFile;

/** The oracle: scores of every provision, and the number of distinct in-vocabulary bigrams. */
function oracle(p: SimilarityPlan, text: string): { scores: number[]; distinct: number } {
  const vocabulary = new Map<string, number>();
  for (let k = 0; 2 * k < p.bigrams.length; k++) vocabulary.set(p.bigrams.slice(2 * k, 2 * k + 2), k);
  const terms: Array<{ k: number; w: number }> = [];
  for (const [g, tf] of bigrams(text)) {
    const k = vocabulary.get(g);
    if (k !== undefined) terms.push({ k, w: tf * p.idf[k] });
  }
  const scores = new Array<number>(p.paths.length).fill(0);
  let sq = 0;
  for (const t of terms) sq += t.w * t.w;
  const norm = Math.sqrt(sq);
  if (norm === 0) return { scores, distinct: 0 };
  for (const t of terms)
    for (let j = p.offsets[t.k]; j < p.offsets[t.k + 1]; j += 2) scores[p.postings[j]] += t.w * p.postings[j + 1];
  return { scores: scores.map((s) => s / norm), distinct: terms.length };
}

function same(p: SimilarityPlan, text: string): void {
  const want = oracle(p, text);
  const got = model.score(p.plan, text);
  assert.equal(got.distinct, want.distinct, text);
  p.paths.forEach((path, i) => assert.equal(Object.is(got.score(path), want.scores[i]), true, `${path}: ${text}`));
  const ranked = want.scores
    .map((score, i) => ({ path: p.paths[i], score, i }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ path, score }) => ({ path, score }));
  assert.deepEqual(got.ranked(), ranked);
  const min = ranked.length ? ranked[ranked.length >> 1].score : 0.3;
  assert.deepEqual(
    got.ranked(min),
    ranked.filter((r) => r.score >= min),
  );
  assert.equal(got.score('不存在'), 0);
}

describe('similarity scorer = the plain cosine over the model file, exactly', () => {
  for (const id of plansInCorpus()) {
    const p = file.plans.find((x) => x.plan === id)!;
    const provisions = engines.plans.nodes(id).filter(isProvision);

    test(`${id}: every provision's own text, probe, heading and pairs of provisions`, () => {
      assert.equal(provisions.length, p.paths.length);
      provisions.forEach((n, i) => {
        const next = provisions[(i + 7) % provisions.length];
        for (const text of [
          provisionText(n),
          probeText(n),
          n.heading,
          `按照${n.path}的要求，${probeText(n)}，${probeText(next)}。`,
          provisionText(n) + provisionText(next),
          '',
          '。，',
        ])
          same(p, text);
      });
    });

    test(`${id}: generated sentences (plan characters, digits, Latin letters, punctuation, non-BMP)`, () => {
      const chars = [...new Set([...provisions.map(provisionText).join(''), ...'0123456789AZaz，。、 （）—𠀀'])];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 120 }), (cs) => same(p, cs.join(''))),
        { numRuns: 400 },
      );
    });

    test(`${id}: repeated scoring leaves no state behind (the scratch counts are zeroed)`, () => {
      const text = provisionText(provisions[0]) + provisionText(provisions[0]);
      const first = model.score(id, text).ranked();
      model.score(id, provisionText(provisions[1]));
      assert.deepEqual(model.score(id, text).ranked(), first);
    });

    test(`${id}: scores summed on first read, after other sentences were scored, and memoised by text`, () => {
      const fresh = new SimilarityModel(file);
      const texts = provisions.slice(0, 12).map((n, i) => `按照${n.path}的要求，${probeText(n)}，${i}。`);
      // Every sentence scored first, read afterwards in reverse order: nothing of one leaks into another.
      const scored = texts.map((t) => fresh.score(id, t));
      for (let i = texts.length - 1; i >= 0; i--) {
        const want = oracle(p, texts[i]);
        assert.equal(scored[i].distinct, want.distinct);
        p.paths.forEach((path, k) => assert.equal(Object.is(scored[i].score(path), want.scores[k]), true, path));
      }
      // The same text (also as a slice of a longer string) gives the memoised sentence, with the same scores.
      const long = `前文${texts[3]}后文`;
      const again = fresh.score(id, long.slice(2, 2 + texts[3].length));
      assert.equal(again, scored[3]);
      // A sentence too short to judge is memoised too, and still scores exactly when read.
      assert.equal(fresh.score(id, '反拐'), fresh.score(id, '反拐'));
      same(p, '反拐');
    });

    test(`${id}: the sentence memo is bounded (starts again when full) and stays exact`, () => {
      const fresh = new SimilarityModel(file);
      const first = fresh.score(id, `${probeText(provisions[0])}0`);
      for (let i = 1; i <= 1100; i++) fresh.score(id, `${probeText(provisions[i % provisions.length])}${i}`);
      const again = fresh.score(id, `${probeText(provisions[0])}0`);
      assert.notEqual(again, first, 'the memo was cleared when full');
      assert.deepEqual(again.ranked(), first.ranked());
      // A sentence longer than the memo keeps is scored afresh each time, exactly.
      const long = provisions.map(probeText).join('，').slice(0, 600);
      assert.equal(long.length, 600);
      assert.notEqual(fresh.score(id, long), fresh.score(id, long));
      same(p, long);
    });
  }

  for (const id of plansInCorpus()) {
    test(`${id}: family(node) + familyScore = citedScore over familyOf (the old way), for every node and sentence`, () => {
      const fresh = new SimilarityModel(file);
      const nodes = engines.plans.nodes(id);
      const provisions = nodes.filter(isProvision);
      const texts = provisions
        .slice(0, 40)
        .map((n, i) => `按照${n.path}的要求，${probeText(n)}，${probeText(provisions[(i + 5) % provisions.length])}。`);
      texts.push('', '反拐', provisionText(provisions[3]));
      for (const node of nodes) {
        const f = fresh.family(id, node);
        // Undefined exactly when the node itself is not a provision of the model.
        assert.equal(f !== undefined, fresh.has(id, node.path), node.path);
        // Found once per node.
        assert.equal(fresh.family(id, node), f);
        if (!f) continue;
        for (const text of texts) {
          const scored = fresh.score(id, text);
          const want = citedScore(node, (path) => scored.score(path));
          assert.equal(Object.is(scored.familyScore(f), want), true, `${node.path} ${text}`);
        }
      }
      // A node of no model (a path the plan does not have) has no family; a plan without a model neither.
      assert.equal(fresh.family(id, { path: '九（九）', kind: 'measure', children: [] }), undefined);
      assert.equal(fresh.family('2008-2012', provisions[0]), undefined);
    });
  }

  test('a plan without a model scores nothing', () => {
    const s = model.score('2008-2012', '打击拐卖妇女儿童犯罪');
    assert.equal(s.distinct, 0);
    assert.deepEqual(s.ranked(), []);
  });
});

test('runIndex is c >= 0x3400 ? c - 0x3400 : c + 0x6c00 for every code unit (the form the model constructor writes out)', () => {
  for (let c = 0; c < 0x10000; c++)
    assert.equal(runIndex(c), c >= 0x3400 ? c - 0x3400 : c + 0x6c00, `U+${c.toString(16)}`);
});
