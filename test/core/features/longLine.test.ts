// A 3-million-character line (issue #17): hover and completion look only at a window around the cursor — the
// agency scanner is never handed the whole line — and the analysis works on bounded segments, cut after a
// sentence end, with the same findings a short line gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, MAX_SEGMENT, segmentEnd, type Engines } from '../../../server/src/core/analysis';
import { InMemoryDocument } from '../../../server/src/core/document';
import { loadEngines } from '../../../server/src/node/data';
import { LINE_WINDOW } from '../../../server/src/core/features/common';
import { getCompletions } from '../../../server/src/core/features/completion';
import { getHover } from '../../../server/src/core/features/hover';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types';

const real = loadEngines();
const TODAY = '2025-06-01';

/** The real engines, recording the length of every text given to the agency scanner. */
function recording(): { engines: Engines; scanned: number[] } {
  const scanned: number[] = [];
  const agencies = Object.create(real.agencies) as Engines['agencies'];
  agencies.scan = ((text: string, ...rest: unknown[]) => {
    scanned.push(text.length);
    return (real.agencies.scan as (...a: unknown[]) => ReturnType<Engines['agencies']['scan']>).call(
      real.agencies,
      text,
      ...rest,
    );
  }) as Engines['agencies']['scan'];
  return { engines: { ...real, agencies }, scanned };
}

test('hover and completion on a 3,000,000-character line scan at most a window around the cursor', () => {
  const unit = '由市卫生局牵头，市公安局、团市委配合。';
  const text = unit.repeat(Math.ceil(3_000_000 / unit.length));
  const doc = new InMemoryDocument('file:///long.md', text);
  const { engines, scanned } = recording();
  const ctx = {
    engines,
    settings: DEFAULT_SETTINGS,
    referenceDate: TODAY,
    analysis: { ...analyzeText('', DEFAULT_SETTINGS, real, { today: TODAY }) },
  };
  const offset = unit.length * 70_000 + 2; // inside 市卫生局, far along the line
  const h = getHover(doc, offset, ctx, () => 'link');
  assert.ok(h, 'hover found');
  assert.equal(text.slice(h.start, h.end), '市卫生局');
  getCompletions(doc, offset, ctx);
  assert.ok(scanned.length > 0);
  assert.ok(Math.max(...scanned) <= 2 * LINE_WINDOW, `scanned ${Math.max(...scanned)} characters`);
});

test('segments: cut after a sentence end within MAX_SEGMENT, else a comma, else anywhere but inside a surrogate pair', () => {
  const sentence = '市公安局负责。';
  const t = sentence.repeat(1000);
  const end = segmentEnd(t, 0, t.length);
  assert.ok(end <= MAX_SEGMENT && end > MAX_SEGMENT / 2);
  assert.equal(t[end - 1], '。');
  const commas = '市公安局，'.repeat(1000);
  assert.equal(commas[segmentEnd(commas, 0, commas.length) - 1], '，');
  const astral = '𠮷'.repeat(3000);
  const cut = segmentEnd(astral, 0, astral.length);
  assert.equal(cut % 2, 0);
  assert.equal(segmentEnd('短句。', 0, 3), 3);
});

test('a long line of repeated sentences gives the findings of its sentences, each at its place', () => {
  const sentence = '一、卫生部负责。';
  const n = 2000; // 16,000 characters: several segments
  const long = sentence.repeat(n);
  const settings = { ...DEFAULT_SETTINGS };
  const one = analyzeText(sentence, settings, real, { today: TODAY }).findings;
  const all = analyzeText(long, settings, real, { today: TODAY }).findings;
  assert.equal(all.length, one.length * n);
  for (let i = 0; i < n; i += 397) {
    assert.deepEqual(
      all
        .slice(i * one.length, (i + 1) * one.length)
        .map((f) => [f.code, f.start - i * sentence.length, f.end - i * sentence.length]),
      one.map((f) => [f.code, f.start, f.end]),
    );
  }
});

test('maxFindings keeps the first findings (after rules, allow-list and suppressions) and counts the rest by severity', () => {
  const text =
    '<!-- action-plan-disable-next-line -->\n卫生部\n' +
    '卫生部\n'.repeat(999) +
    '落实《行动计划（2021—2030年）》九（九）。\n';
  const settings = { ...DEFAULT_SETTINGS, rules: { 'outdated-agency': 'information' as const } };
  const all = analyzeText(text, settings, real, { today: TODAY });
  const capped = analyzeText(text, settings, real, { today: TODAY, maxFindings: 10 });
  assert.equal(all.overflow, undefined);
  assert.equal(all.findings.length, 1000); // 999 outdated (one suppressed) + the unknown citation
  assert.deepEqual(capped.findings, all.findings.slice(0, 10));
  assert.deepEqual(capped.overflow, { count: 990, bySeverity: { error: 1, warning: 0, information: 989, hint: 0 } });
});
