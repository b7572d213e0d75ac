// Completion of a query typed in characters never needs pinyin: pinyin-pro (~15 MB of dictionaries) stays unloaded
// until a query typed in pinyin (or a result's pinyin) asks for it. Its own file: a process of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngines } from '../../../server/src/node/data';

const pinyinLoaded = () => Object.keys(require.cache).some((k) => /[\\/]pinyin-pro[\\/]/.test(k));

test('a character query with a locality completes local forms without loading pinyin-pro; pinyin loads it', () => {
  const kb = loadEngines().agencies;
  assert.equal(pinyinLoaded(), false);
  const local = kb.complete('公安', { referenceDate: '2025-06-30', locality: '长治市', limit: 5 });
  assert.ok(local.some((c) => c.label === '长治市公安局'));
  const placed = kb.complete('长治市卫', { referenceDate: '2025-06-30', limit: 5 });
  assert.ok(placed.some((c) => c.label.startsWith('长治市卫')));
  assert.equal(pinyinLoaded(), false, 'no pinyin needed for a query in characters');
  // Read lazily, the pinyin of a local form is the same as computed eagerly.
  const gongan = local.find((c) => c.label === '长治市公安局')!;
  assert.equal(gongan.pinyin, 'changzhishigonganju');
  assert.equal(gongan.initials, 'czsgaj');
  assert.equal(pinyinLoaded(), true);
  const typed = kb.complete('czsga', { referenceDate: '2025-06-30', locality: '长治市', limit: 5 });
  assert.equal(typed[0].label, '长治市公安局');
});
