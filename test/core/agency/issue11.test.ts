// The texts quoted in issue #11 ("Agency knowledge that holds on real documents"), through the whole analysis with
// the real engines: signs, prose, misspellings in every layout, outdated names, dates both ways, replacements in the
// document's own terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, applyFixes } from '../../../server/src/core/analysis';
import { loadEngines } from '../../../server/src/core/engines';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/core/types';

const engines = loadEngines();

function lint(text: string, date: string): Finding[] {
  return analyzeText(text, { ...DEFAULT_SETTINGS, referenceDate: date }, engines, { today: date }).findings.filter(
    (f) => f.code === 'outdated-agency' || f.code === 'unknown-agency',
  );
}

function fixed(text: string, date: string): string {
  return applyFixes(text, analyzeText(text, { ...DEFAULT_SETTINGS, referenceDate: date }, engines, { today: date }).findings).text;
}

const brief = (fs: Finding[]) => fs.map((f) => [f.code, f.severity, f.message.match(/“([^”]+)”/)?.[1]]);

test('signs: 「host（sign）」 gets nothing and --fix leaves it alone', () => {
  for (const text of [
    '农业农村部（国家乡村振兴局）负责。',
    '中央统战部（国家宗教事务局）负责。',
    '人力资源社会保障部（国家外国专家局）负责。',
    '县农业农村局（县乡村振兴局）负责。',
  ]) {
    assert.deepEqual(lint(text, '2026-12-02'), [], text);
    assert.equal(fixed(text, '2026-12-02'), text);
  }
});

test('signs: a national sign standing alone is valid; a local 乡村振兴局 gets an information note naming its host, no fix', () => {
  assert.deepEqual(lint('国家宗教事务局、国务院侨务办公室负责。', '2026-12-02'), []);
  const f = lint('（县公安局、县乡村振兴局配合）', '2026-12-02');
  assert.deepEqual(brief(f), [['outdated-agency', 'information', '县乡村振兴局']]);
  assert.deepEqual(f[0].fixes, []);
  assert.deepEqual(f[0].data.replacement, []);
  assert.deepEqual(f[0].data.sign, { host: '县农业农村局' });
  assert.equal(fixed('（县公安局、县乡村振兴局配合）', '2026-12-02'), '（县公安局、县乡村振兴局配合）');
});
