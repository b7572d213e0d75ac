// Unit tests of the analysis layer over small in-memory engines (the real engines are covered in
// test/core/integration.test.ts). These pin what analysis.ts itself decides: messages, data, fixes, severities,
// rules, allow-list, suppression, the line memo and applyFixes.
import { messageOf } from '../../server/src/core/catalog/rules';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisCache, analyzeText, analyzeTextAsync, applyFixes, type Engines } from '../../server/src/core/analysis';
import type { AgencyKnowledgeBase, AgencyMention } from '../../server/src/core/agency/api';
import type { Citation, CitationOptions } from '../../server/src/core/citation/api';
import type { PlanIndex, PlanMeta, PlanNode } from '../../server/src/core/plan/model';
import { DEFAULT_SETTINGS, type PlanId, type Settings } from '../../server/src/core/types';
import { PLAN_CATALOG } from '../../server/src/core/catalog/plans';

const metas: Record<PlanId, PlanMeta> = {
  '2008-2012': { ...PLAN_CATALOG['2008-2012'] },
  '2013-2020': { ...PLAN_CATALOG['2013-2020'], textFile: '' },
  '2021-2030': { ...PLAN_CATALOG['2021-2030'], textFile: '' },
};

function node(plan: PlanId, path: string, successor?: PlanNode['successor']): PlanNode {
  return {
    plan,
    kind: 'measure',
    path,
    citation: `《${metas[plan].shortTitle}》${path}`,
    heading: '',
    text: '',
    lead: [],
    cooperating: [],
    start: 0,
    end: 0,
    startLine: 0,
    endLine: 0,
    children: [],
    successor,
  };
}

const nodes: Record<string, PlanNode> = {
  '2021-2030:二（一）2（1）': node('2021-2030', '二（一）2（1）'),
  '2013-2020:二（一）2（1）': node('2013-2020', '二（一）2（1）', {
    path: '二（一）2（1）',
    citation: '《行动计划（2021—2030年）》二（一）2（1）',
    score: 0.5,
  }),
};

const plans: PlanIndex = {
  meta: (p) => metas[p],
  text: () => '',
  get: (p, path) => nodes[`${p}:${path}`],
  children: () => [],
  nodes: () => Object.values(nodes),
  nodeAt: () => undefined,
};

// A toy citation finder: 《A》 names 2013-2020, 《B》 names 2021-2030, 《X》 is the short form; a path follows as
// 二（一）2（n）; a halfwidth 二(一)2(n) is recognised but not canonical.
let citationCalls = 0;
function findCitations(text: string, _index: PlanIndex, options: CitationOptions): Citation[] {
  citationCalls++;
  const out: Citation[] = [];
  const re = /《([ABX])》(二[（(]一[）)]2[（(]\d[）)])?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // The state contract of findCitations: 《X》 takes the plan named last (options.state), else the default plan.
    const plan: PlanId =
      m[1] === 'A' ? '2013-2020' : m[1] === 'B' ? '2021-2030' : (options.state?.last ?? options.defaultPlan);
    if (m[1] !== 'X' && options.state) options.state.last = plan;
    const raw = m[2];
    const path = raw?.replace(/\(/g, '（').replace(/\)/g, '）');
    const nodeHit = path ? nodes[`${plan}:${path}`] : undefined;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      kind: path ? 'path' : 'title',
      plan,
      planRef: { start: m.index, end: m.index + 3, explicit: m[1] !== 'X' },
      pathSpan: path ? { start: m.index + 3, end: m.index + m[0].length } : undefined,
      path,
      node: nodeHit,
      canonical: `《${m[1]}》${path ?? ''}`,
      isCanonical: raw === path,
    });
  }
  return out;
}

// A toy agency KB: 卫生部 is outdated from 2013-03-10 with one successor; 文化部 has two; 公按部 is a near miss.
const agencies = {
  scan(text: string, date: string): AgencyMention[] {
    const out: AgencyMention[] = [];
    for (const [name, repl, since] of [
      ['卫生部', ['国家卫生健康委员会'], '2013-03-10'],
      ['文化部', ['文化和旅游部', '中央宣传部'], '2018-03-21'],
    ] as const) {
      for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
        const current = date < since;
        out.push({
          start: i,
          end: i + name.length,
          text: name,
          info: { id: name } as never,
          status: current
            ? { current: true, replacement: [] }
            : {
                current: false,
                replacement: [...repl],
                since,
                reform: '某年机构改革：示例',
                reformEn: 'example reform',
              },
        });
      }
    }
    return out.sort((a, b) => a.start - b.start);
  },
  lookup: () => undefined,
  unknowns(text: string) {
    const i = text.indexOf('公按部');
    return i < 0 ? [] : [{ start: i, end: i + 3, text: '公按部', nearMiss: true, suggestions: ['公安部'] }];
  },
} as unknown as AgencyKnowledgeBase;

const engines: Engines = { plans, agencies, findCitations };
const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });
const today = '2026-11-23';

test('outdated agency: message, data and one unambiguous fix per single successor', () => {
  const r = analyzeText('由卫生部负责。', settings(), engines, { today });
  assert.equal(r.findings.length, 1);
  const f = r.findings[0];
  assert.equal(f.code, 'outdated-agency');
  assert.equal(f.severity, 'warning');
  assert.equal(messageOf(f, 'zh'), '“卫生部”已撤销，应为“国家卫生健康委员会”（2013年机构改革）');
  assert.equal(messageOf(f, 'en'), 'Replace "卫生部" with "国家卫生健康委员会": abolished (2013 reform)');
  assert.deepEqual(f.data, { replacement: ['国家卫生健康委员会'], since: '2013-03-10', reform: '某年机构改革：示例' });
  assert.deepEqual([f.start, f.end], [1, 4]);
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].unambiguous, true);
});

test('two successors give two fixes, neither unambiguous', () => {
  const f = analyzeText('文化部', settings(), engines, { today }).findings[0];
  assert.deepEqual(
    f.fixes.map((x) => [x.edits[0].newText, x.unambiguous]),
    [
      ['文化和旅游部', false],
      ['中央宣传部', false],
    ],
  );
});

test('the reference date decides: front matter before the reform makes the name current', () => {
  const r = analyzeText('---\ndate: 2012-06-01\n---\n卫生部', settings(), engines, { today });
  assert.equal(r.referenceDate, '2012-06-01');
  assert.equal(r.referenceDateSource, 'front-matter');
  assert.deepEqual(r.findings, []);
});

test('citations: unknown path is an error on the path, superseded has the successor, halfwidth is a format finding', () => {
  const text = '《B》二（一）2（9）\n《A》二（一）2（1）\n《B》二(一)2(1)';
  const r = analyzeText(text, settings(), engines, { today });
  assert.deepEqual(
    r.findings.map((f) => [f.code, f.severity, text.slice(f.start, f.end), f.data]),
    [
      ['unknown-citation', 'error', '二（一）2（9）', { plan: '2021-2030' }],
      [
        'superseded-citation',
        'warning',
        '《A》二（一）2（1）',
        { successor: '《行动计划（2021—2030年）》二（一）2（1）' },
      ],
      ['citation-format', 'information', '《B》二(一)2(1)', { replacement: '《B》二（一）2（1）' }],
    ],
  );
});

test('the short form follows the plan named on an earlier line, else the default plan', () => {
  const text = '《X》二（一）2（1）\n《A》\n《X》二（一）2（1）';
  const r = analyzeText(text, settings(), engines, { today });
  assert.deepEqual(
    r.citations.map((c) => [c.text, c.plan]),
    [
      ['《X》二（一）2（1）', '2021-2030'],
      ['《A》', '2013-2020'],
      ['《X》二（一）2（1）', '2013-2020'],
    ],
  );
  const withDefault = analyzeText('《X》二（一）2（1）', settings({ defaultPlan: '2013-2020' }), engines, { today });
  assert.equal(withDefault.citations[0].plan, '2013-2020');
});

test('near-miss unknown agency is a warning with suggestions and a fix per suggestion', () => {
  const f = analyzeText('（公按部负责）', settings(), engines, { today }).findings[0];
  assert.equal(f.code, 'unknown-agency');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.data, { suggestions: ['公安部'] });
  assert.equal(f.fixes[0].edits[0].newText, '公安部');
});

test('rules: off removes, a severity overrides', () => {
  const text = '卫生部 《B》二(一)2(1)';
  const r = analyzeText(text, settings({ rules: { 'citation-format': 'off', 'outdated-agency': 'error' } }), engines, {
    today,
  });
  assert.deepEqual(
    r.findings.map((f) => [f.code, f.severity]),
    [['outdated-agency', 'error']],
  );
});

test('allow-list and suppression comments', () => {
  assert.deepEqual(analyzeText('卫生部', settings({ allow: ['卫生部'] }), engines, { today }).findings, []);
  const text = '<!-- action-plan-disable-next-line outdated-agency -->\n卫生部\n卫生部';
  const r = analyzeText(text, settings(), engines, { today });
  assert.deepEqual(
    r.findings.map((f) => f.start),
    [text.lastIndexOf('卫生部')],
  );
});

test('offsets are UTF-16 code units: an astral character before a name shifts it by two', () => {
  const r = analyzeText('𠮷卫生部', settings(), engines, { today });
  assert.deepEqual([r.findings[0].start, r.findings[0].end], [2, 5]);
});

test('the line memo: an edit re-analyses only the changed line and gives the fresh result', () => {
  const lines = Array.from({ length: 50 }, (_, i) => `第${i}行：卫生部与《B》二（一）2（1）`);
  const cache = new AnalysisCache();
  const before = analyzeText(lines.join('\n'), settings(), engines, { today, cache });
  lines[20] = '第20行：《A》二（一）2（1）文化部';
  citationCalls = 0;
  const text = lines.join('\r\n');
  const after = analyzeText(text, settings(), engines, { today, cache });
  // the changed line, and the next one (the plan carried into it changed from B to A); later lines name B again
  assert.equal(citationCalls, 2);
  assert.deepEqual(after, analyzeText(text, settings(), engines, { today }));
  assert.notDeepEqual(after.findings, before.findings);
});

test('without a cache, repeated lines get findings of their own at their own place (moved, not shared)', () => {
  // The same line three times (analysed once: the run's memo), between other lines, at \n and \r\n breaks.
  const line = '卫生部、文化部与公按部；《B》二(一)2(1)';
  const text = [line, '其他', line, '', '卫生部', line].join('\n') + '\r\n' + line;
  const uncached = analyzeText(text, settings(), engines, { today });
  const cached = analyzeText(text, settings(), engines, { today, cache: new AnalysisCache() });
  assert.deepEqual(uncached.findings, cached.findings);
  assert.equal(uncached.findings.length, 4 * 4 + 1);
  const objects = new Set<object>();
  for (const f of uncached.findings) {
    assert.ok(['卫生部', '文化部', '公按部', '《B》二(一)2(1)'].includes(text.slice(f.start, f.end)));
    for (const x of [f, ...f.fixes, ...f.fixes.flatMap((x) => x.edits)]) {
      assert.ok(!objects.has(x), 'no finding, fix or edit placed twice');
      objects.add(x);
    }
    for (const x of f.fixes)
      for (const e of x.edits) assert.equal(text.slice(e.start, e.end), text.slice(f.start, f.end));
  }
  // Past a limit, the rest is counted the same way whether a line was placed before or not (the allow-list reads the
  // text at each finding's place).
  for (const [over, total] of [
    [{}, 17],
    [{ allow: ['卫生部'] }, 12],
  ] as Array<[Partial<Settings>, number]>) {
    for (const maxFindings of [0, 3, 6, 9]) {
      const a = analyzeText(text, settings(over), engines, { today, maxFindings });
      const b = analyzeText(text, settings(over), engines, { today, maxFindings, cache: new AnalysisCache() });
      assert.deepEqual(a, b);
      assert.equal(a.findings.length + (a.overflow?.count ?? 0), total);
    }
  }
});

test('a plan named on a changed line re-keys the lines after it', () => {
  const cache = new AnalysisCache();
  analyzeText('《B》\n《X》二（一）2（1）', settings(), engines, { today, cache });
  const r = analyzeText('《A》\n《X》二（一）2（1）', settings(), engines, { today, cache });
  assert.equal(r.citations[1].plan, '2013-2020');
});

test('documents over the size limit are not analysed', () => {
  const r = analyzeText('卫生部'.repeat(10), settings({ maxDocumentSize: 10 }), engines, { today });
  assert.deepEqual(r.tooLarge, { size: 30, limit: 10 });
  assert.deepEqual(r.findings, []);
});

test('applyFixes applies unambiguous fixes only, once', () => {
  const text = '卫生部、文化部、《B》二(一)2(1)';
  const r = analyzeText(text, settings(), engines, { today });
  const fixed = applyFixes(text, r.findings);
  assert.equal(fixed.text, '国家卫生健康委员会、文化部、《B》二（一）2（1）');
  assert.equal(fixed.applied.length, 2);
  const again = applyFixes(fixed.text, analyzeText(fixed.text, settings(), engines, { today }).findings);
  assert.equal(again.text, fixed.text);
  assert.equal(again.applied.length, 0);
});

test('cancellation stops a long analysis', () => {
  const text = Array.from({ length: 1000 }, (_, i) => `${i}卫生部`).join('\n');
  assert.throws(
    () => analyzeText(text, settings(), engines, { today, token: { isCancellationRequested: true } }),
    /cancelled/,
  );
});

test('the asynchronous analysis gives the same result and lets other work run meanwhile', async () => {
  const text = Array.from({ length: 3000 }, (_, i) => `第${i}行：卫生部与《B》二(一)2(1)`).join('\n');
  let ranMeanwhile = false;
  setImmediate(() => (ranMeanwhile = true));
  const r = await analyzeTextAsync(text, settings(), engines, { today, sliceMs: 0 });
  assert.equal(ranMeanwhile, true);
  assert.deepEqual(r, analyzeText(text, settings(), engines, { today }));
});

test('paused at every pause point, the asynchronous analysis equals the synchronous one (line ends, long lines, cache hits)', async () => {
  // \r\n, lone \r, empty lines, a line cut into segments, 600 identical lines (cache hits past a pause point), no
  // final newline; then the same with a trailing \n.
  const long = '卫生部与民政部共同负责，'.repeat(500);
  const lines = ['第一行：卫生部', '', `长行：${long}`, ...Array.from({ length: 600 }, () => '重复：卫生部'), '末行'];
  for (const text of [lines.join('\r\n'), lines.join('\r'), lines.join('\n') + '\n']) {
    const syncCache = new AnalysisCache();
    const asyncCache = new AnalysisCache();
    const sync = analyzeText(text, settings(), engines, { today, cache: syncCache });
    const paused = await analyzeTextAsync(text, settings(), engines, { today, cache: asyncCache, sliceMs: 0 });
    assert.deepEqual(paused, sync);
    assert.deepEqual(paused.citations, sync.citations);
    assert.deepEqual([asyncCache.hits, asyncCache.misses], [syncCache.hits, syncCache.misses]);
    assert.ok(sync.findings.length > 600);
    assert.deepEqual(await analyzeTextAsync(text, settings(), engines, { today, sliceMs: 0 }), sync);
  }
});

test('the asynchronous analysis stops when cancelled', async () => {
  const text = Array.from({ length: 3000 }, (_, i) => `第${i}行：卫生部`).join('\n');
  const token = { isCancellationRequested: false };
  const p = analyzeTextAsync(text, settings(), engines, { today, token, sliceMs: 0 });
  token.isCancellationRequested = true;
  await assert.rejects(p, /cancelled/);
});

test('lines that did not move are reused without copying; moved lines are shifted', () => {
  const lines = Array.from({ length: 20 }, (_, i) => `第${i}行：卫生部`);
  const cache = new AnalysisCache();
  const first = analyzeText(lines.join('\n'), settings(), engines, { today, cache });
  const again = analyzeText(lines.join('\n'), settings(), engines, { today, cache });
  assert.equal(again.findings[5], first.findings[5]);
  const moved = analyzeText(`新的一行\n${lines.join('\n')}`, settings(), engines, { today, cache });
  assert.notEqual(moved.findings[5], first.findings[5]);
  assert.equal(moved.findings[5].start, first.findings[5].start + '新的一行\n'.length);
});
