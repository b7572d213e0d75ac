// The folder (0 = unchanged in its table, no identity table filled on start-up) against the former identity-table
// folding on every BMP code unit and on random mixed texts (fast-check, fixed seed); offsets are kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diskDataSource } from '../../../server/src/node/data';
import { readAgencyIndexFiles } from '../../../server/src/core/agency/knowledgeBase';
import { Folder } from '../../../server/src/core/agency/fold';
import { analyzeText } from '../../../server/src/core/analysis';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types';
import { loadEngines } from '../../../server/src/node/data';

const pairs = readAgencyIndexFiles(diskDataSource()).t2s.pairs;

/** The former table: identity, then the pairs, halfwidth punctuation and “ → ” written over it. */
function referenceTable(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) t[i] = i;
  for (let i = 0; i + 1 < pairs.length; i += 2) t[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  const half: Record<string, string> = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '!': '！', '?': '？' };
  Object.assign(half, { '[': '［', ']': '］', '"': '”', '~': '～' });
  for (const [h, f] of Object.entries(half)) t[h.charCodeAt(0)] = f.charCodeAt(0);
  t['“'.charCodeAt(0)] = '”'.charCodeAt(0);
  // 乾 is a simplified character too (乾县, 乾安县): never folded to 干.
  t['乾'.charCodeAt(0)] = '乾'.charCodeAt(0);
  return t;
}
const ref = referenceTable();
const refFold = (s: string) =>
  Array.from({ length: s.length }, (_, i) => String.fromCharCode(ref[s.charCodeAt(i)])).join('');

test('every BMP code unit folds as with the former identity table', () => {
  const folder = new Folder(pairs);
  let changed = 0;
  for (let c = 0; c < 65536; c++) {
    assert.equal(folder.code(c), ref[c], `U+${c.toString(16)}`);
    const s = String.fromCharCode(c);
    assert.equal(folder.fold(s), String.fromCharCode(ref[c]));
    if (ref[c] !== c) changed++;
  }
  assert.ok(changed > 1000, `${changed} code units fold`);
});

test('random texts fold as with the former table, offsets kept (fast-check)', () => {
  const folder = new Folder(pairs);
  const unit = fc.oneof(
    fc.constantFrom('衛', '生', '部', '(', ')', ',', '“', '”', 'a', ' ', '局', '𠮷', '\uD842', '\uDFB7', '國', '务'),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  );
  fc.assert(
    fc.property(fc.array(unit, { maxLength: 60 }), (xs) => {
      const s = xs.join('');
      const f = folder.fold(s);
      assert.equal(f.length, s.length);
      assert.equal(f, refFold(s));
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200) * 5, seed: 20261202 },
  );
});

test('a single folding unit is found at every offset (the scan tests four units per step)', () => {
  const folder = new Folder(pairs);
  for (let len = 1; len <= 40; len++) {
    for (let at = 0; at < len; at++) {
      for (const unit of ['衛', '(', '“']) {
        // Lines of 16 units and more are remembered: a different text each time.
        const s = '生'.repeat(at) + unit + '部'.repeat(len - at - 1);
        assert.equal(folder.fold(s), refFold(s), `${len} ${at} ${unit}`);
      }
    }
    assert.equal(folder.fold('务'.repeat(len)), '务'.repeat(len));
  }
});

test('changes() lists exactly the code units folding changes, with their folding', () => {
  const folder = new Folder(pairs);
  const listed = new Map(folder.changes());
  for (let c = 0; c < 65536; c++) assert.equal(listed.get(c), ref[c] !== c ? ref[c] : undefined, `U+${c.toString(16)}`);
  // Computed once: the same array on every call, frozen so that no caller can change what the next one reads.
  assert.equal(folder.changes(), folder.changes());
  assert.ok(Object.isFrozen(folder.changes()));
  assert.throws(() => folder.changes().push([1, 2]), TypeError);
  // unchanged() remembers the text like a folded line.
  const line = '由长治市公安局、县教育局负责，市民政局配合。';
  assert.equal(folder.unchanged(line), line);
  assert.equal(folder.fold(line), line);
});

test('乾 is not folded to 干: 乾县 and 乾安县 keep their names in replacements (not 干县)', () => {
  const folder = new Folder(pairs);
  assert.equal(folder.fold('乾县卫生局'), '乾县卫生局');
  assert.equal(folder.fold('乾縣衛生局'), '乾县卫生局');
  const engines = loadEngines();
  const today = '2026-12-02';
  for (const place of ['乾县', '乾安县']) {
    const text = `date: 2025-06-30\n由${place}卫生局牵头，${place}公安局配合。`;
    const r = analyzeText(text, DEFAULT_SETTINGS, engines, { today });
    const f = r.findings.find((x) => x.code === 'outdated-agency')!;
    assert.equal(text.slice(f.start, f.end), `${place}卫生局`);
    // Before: “应为‘干县卫生健康局’”, a place that does not exist, written by fix-all.
    assert.deepEqual(
      f.fixes.map((x) => [x.edits[0].newText, x.unambiguous]),
      [[`${place}卫生健康局`, true]],
    );
  }
});
