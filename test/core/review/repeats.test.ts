// duplicate-agency and consistent replacement fixes (core/review/repeats.ts) through the whole analysis, real engines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, applyFixes } from '../../../server/src/core/analysis';
import { messageOf } from '../../../server/src/core/catalog/rules';
import { loadEngines } from '../../../server/src/node/data';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/core/types';
import type { AgencyKnowledgeBase } from '../../../server/src/core/agency/api';
import { clauseRepeats } from '../../../server/src/core/review/repeats';

const engines = loadEngines();
const DATE = '2026-12-02';
const lint = (text: string): Finding[] =>
  analyzeText(text, { ...DEFAULT_SETTINGS, referenceDate: DATE }, engines, { today: DATE }).findings;

test('a body both lead and cooperating: duplicate-agency on the cooperating one, keep lead, fix removes it', () => {
  const text = '（县公安局、县民政局负责，县妇联、县公安局配合）';
  const f = lint(text).filter((x) => x.code === 'duplicate-agency');
  assert.equal(f.length, 1);
  assert.equal(text.slice(f[0].start, f[0].end), '县公安局');
  assert.equal(f[0].start, text.lastIndexOf('县公安局'));
  assert.equal(f[0].severity, 'warning');
  assert.deepEqual(f[0].data, { name: '县公安局', keep: 'lead' });
  assert.equal(messageOf(f[0], 'zh'), '删除重复的“县公安局”：已是牵头单位');
  assert.equal(messageOf(f[0], 'en'), 'Remove the repeated "县公安局": it is already the lead unit');
  assert.equal(f[0].fixes.length, 1);
  assert.equal(f[0].fixes[0].unambiguous, true);
  assert.equal(applyFixes(text, f).text, '（县公安局、县民政局负责，县妇联配合）');
});

test('two forms of one body (公安部 / 中华人民共和国公安部) are a repeat; the message names both', () => {
  const text = '（公安部负责，中华人民共和国公安部、民政部配合）';
  const f = lint(text).filter((x) => x.code === 'duplicate-agency');
  assert.equal(f.length, 1);
  assert.equal(messageOf(f[0], 'zh'), '删除重复的“中华人民共和国公安部”（即“公安部”）：已是牵头单位');
  assert.equal(applyFixes(text, f).text, '（公安部负责，民政部配合）');
});

test('repeats in the same role keep the first; a sign and its host, or two places, are not repeats', () => {
  const f = lint('（县公安局、县民政局、县公安局负责）').filter((x) => x.code === 'duplicate-agency');
  assert.deepEqual(
    f.map((x) => [x.start, x.data]),
    [[11, { name: '县公安局', keep: 'first' }]],
  );
  assert.deepEqual(
    lint('（县农业农村局、县乡村振兴局负责）').filter((x) => x.code === 'duplicate-agency'),
    [],
  );
  assert.deepEqual(
    lint('（县公安局负责，沁源县公安局配合）').filter((x) => x.code === 'duplicate-agency'),
    [],
  );
  assert.deepEqual(
    lint('县公安局负责宣传。县公安局负责打击。').filter((x) => x.code === 'duplicate-agency'),
    [],
  );
});

test('a replacement that would repeat a body removes the repeat in the same fix, and says so', () => {
  const text = '（县扶贫办、县乡村振兴局负责，县农业农村局、县妇联配合）';
  const f = lint(text).find((x) => x.code === 'outdated-agency' && text.slice(x.start, x.end) === '县扶贫办')!;
  assert.equal(f.fixes.length, 1);
  assert.deepEqual(f.fixes[0].title, {
    zh: '替换为“县农业农村局”并删除重复的“县农业农村局”',
    en: 'Replace with "县农业农村局" and remove the repeated "县农业农村局"',
  });
  assert.equal(f.fixes[0].unambiguous, true);
  assert.equal(applyFixes(text, [f]).text, '（县农业农村局、县乡村振兴局负责，县妇联配合）');
  // The repeat is the cooperating outdated name: its fix removes it (the lead stays).
  const t2 = '（县农业农村局负责，县扶贫办配合）';
  const g = lint(t2).find((x) => x.code === 'outdated-agency')!;
  assert.equal(g.fixes[0].title.zh, '删除“县扶贫办”（即“县农业农村局”，本句已列出）');
  assert.equal(applyFixes(t2, [g]).text, '（县农业农村局负责）');
});

test('a replacement that would repeat a body named elsewhere in the sentence is not automatic and says why', () => {
  const text = '县扶贫办要联合县农业农村局做好工作。';
  const f = lint(text).find((x) => x.code === 'outdated-agency')!;
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].unambiguous, false);
  assert.deepEqual(f.fixes[0].why, {
    zh: '本句已有“县农业农村局”，替换后会重复',
    en: 'this sentence already names "县农业农村局"; the replacement would repeat it',
  });
  assert.match(f.fixes[0].title.zh, /不自动修复/);
  assert.equal(applyFixes(text, lint(text)).text, text);
  // In another sentence it is a plain replacement.
  const g = lint('县扶贫办要做好工作。县农业农村局要配合。').find((x) => x.code === 'outdated-agency')!;
  assert.equal(g.fixes[0].unambiguous, true);
});

test('applyFixes applies a fix whole or not at all', () => {
  const text = 'abcdef';
  const mk = (edits: Array<[number, number, string]>): Finding => ({
    code: 'citation-format',
    facts: { replacement: '' },
    severity: 'information',
    start: edits[0][0],
    end: edits[0][1],
    data: {},
    fixes: [
      {
        title: { zh: '', en: '' },
        edits: edits.map(([start, end, newText]) => ({ start, end, newText })),
        unambiguous: true,
      },
    ],
  });
  // The second fix overlaps the first in one of its two edits: it is skipped entirely.
  const r = applyFixes(text, [
    mk([[0, 1, 'A']]),
    mk([
      [0, 1, 'X'],
      [4, 5, 'E'],
    ]),
    mk([[2, 3, 'C']]),
  ]);
  assert.equal(r.text, 'AbCdef');
  assert.equal(r.applied.length, 2);
});

test('body keys of replacement names are kept by the knowledge base per date (kb.memo), emptied when its names change', () => {
  const kb = engines.agencies;
  // A knowledge base that counts lookups and keeps memos as the real one does (emptied by `changed`).
  let lookups = 0;
  let memos = new Map<string, unknown>();
  const counting: AgencyKnowledgeBase = Object.assign(Object.create(kb) as AgencyKnowledgeBase, {
    lookup: (name: string, date: string) => (lookups++, kb.lookup(name, date)),
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  });
  const plain: AgencyKnowledgeBase = Object.assign(Object.create(kb) as AgencyKnowledgeBase, { memo: undefined });
  const line = '（县扶贫办、县乡村振兴局负责，县农业农村局、县妇联配合）县扶贫办要联合县农业农村局做好工作。';
  const run = (k: AgencyKnowledgeBase, date: string) => {
    const mentions = kb.scan(line, date);
    const findings = mentions
      .filter((m) => !m.status.current)
      .map((m): Finding => ({
        code: 'outdated-agency',
        facts: { name: m.text, replacement: m.status.replacement },
        severity: 'warning',
        start: m.start,
        end: m.end,
        data: {},
        fixes: m.status.replacement.map((r) => ({
          title: { zh: r, en: r },
          edits: [{ start: m.start, end: m.end, newText: r }],
          unambiguous: m.status.replacement.length === 1,
        })),
      }));
    const out = clauseRepeats(line, mentions, findings, k, date);
    return { out, findings };
  };
  const want = run(plain, DATE);
  // Something to make consistent: the replacement of 县扶贫办 would repeat 县农业农村局 (in the clause, in the sentence).
  assert.ok(want.findings.some((f) => f.fixes.some((x) => x.edits.length > 1 || !x.unambiguous)));
  assert.deepEqual(run(counting, DATE), want);
  const first = lookups;
  assert.ok(first > 0);
  assert.deepEqual(run(counting, DATE), want);
  assert.equal(lookups, first, 'the second line looks up no name again');
  // Another date: its own keys.
  assert.deepEqual(run(counting, '2016-05-01'), run(plain, '2016-05-01'));
  assert.ok(lookups > first);
  // The names changed (the knowledge base empties its memos): looked up again.
  const before = lookups;
  memos = new Map();
  assert.deepEqual(run(counting, DATE), want);
  assert.ok(lookups > before);
});
