// `action-plan-lint report --format html`: one self-contained page with the coverage map (one cell per measure and
// sub-item of the 2021—2030 plan, plus the sections of part 三), the per-measure table and the findings; every cell
// carries data-citation and data-state, and shows the same states as `report --format json`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, lint } from './helpers';

const planIndex = JSON.parse(readFileSync(join(ROOT, 'data', 'index', 'plans.json'), 'utf8')) as {
  plans: Array<{ meta: { id: string }; nodes: Array<{ kind: string; path: string; citation: string }> }>;
};
const nodes2021 = planIndex.plans.find((p) => p.meta.id === '2021-2030')!.nodes;
const measuresAndItems = nodes2021.filter((n) => n.kind === 'measure' || n.kind === 'item');

interface HtmlCell {
  citation: string;
  path: string;
  kind: string;
  state: string;
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The map cells of each file section of the page, read from their data attributes. */
function cellsByFile(html: string): Map<string, HtmlCell[]> {
  const out = new Map<string, HtmlCell[]>();
  const sections = html.split('<section class="file" data-file="').slice(1);
  for (const s of sections) {
    const file = unescape(s.slice(0, s.indexOf('"')));
    const map = s.slice(s.indexOf('<div class="map"'), s.indexOf('<table class="measures"'));
    const cells: HtmlCell[] = [];
    for (const m of map.matchAll(
      /<a class="cell [a-z]+" data-citation="([^"]*)" data-path="([^"]*)" data-kind="([a-z]+)" data-state="([a-z-]+)"/g,
    )) {
      cells.push({ citation: unescape(m[1]), path: unescape(m[2]), kind: m[3], state: m[4] });
    }
    out.set(file, cells);
  }
  return out;
}

test('report --format html: one cell per measure and sub-item (and part 三 section), with the same states as json', () => {
  const files = ['docs/a-plan.md', 'docs/b-notes.txt', join(ROOT, 'examples', 'changzhi-2025-draft.md')];
  const html = lint(['report', '--format', 'html', ...files]);
  assert.equal(html.status, 0, html.stderr);
  assert.equal(html.stderr, '');
  const json = lint(['report', '--format', 'json', ...files]);
  assert.equal(json.status, 0, json.stderr);
  const entries = JSON.parse(json.stdout) as Array<{
    file: string;
    cells: Array<{ citation: string; state: string; kind: string }>;
  }>;
  const byFile = cellsByFile(html.stdout);
  assert.deepEqual(
    [...byFile.keys()],
    entries.map((e) => e.file),
  );
  for (const e of entries) {
    const cells = byFile.get(e.file)!;
    const mi = cells.filter((c) => c.kind === 'measure' || c.kind === 'item');
    assert.equal(mi.length, measuresAndItems.length, `${e.file}: cells = the plan's measures + sub-items`);
    assert.deepEqual(
      mi.map((c) => c.path),
      measuresAndItems.map((n) => n.path),
    );
    assert.deepEqual(
      mi.map((c) => c.citation),
      measuresAndItems.map((n) => n.citation),
    );
    assert.deepEqual(
      cells.filter((c) => c.kind === 'section').map((c) => c.path),
      ['三（一）', '三（二）', '三（三）'],
    );
    assert.deepEqual(
      cells.map((c) => [c.citation, c.state]),
      e.cells.map((c) => [c.citation, c.state]),
      `${e.file}: same states as json`,
    );
  }
  // The fixtures' states: a-plan cites 二（一）2（3） (so its items too) and a wrong section 二（九）; b-notes only the
  // expired plan's 二（一）2（3）, mapped through the crosswalk.
  const a = byFile.get('docs/a-plan.md')!;
  assert.deepEqual(
    a.filter((c) => c.state !== 'not-cited').map((c) => [c.path, c.state]),
    nodes2021.filter((n) => n.path.startsWith('二（一）2（3）')).map((n) => [n.path, 'cited']),
  );
  const b = byFile.get('docs/b-notes.txt')!;
  assert.deepEqual(
    b.filter((c) => c.state !== 'not-cited').map((c) => [c.path, c.state]),
    nodes2021.filter((n) => n.path.startsWith('二（一）2（3）')).map((n) => [n.path, 'expired-only']),
  );
  // The example draft: a wrong measure of 二（三） is listed on its section's row.
  const draft = entries.find((e) => e.file.endsWith('changzhi-2025-draft.md'))!;
  const sec = (JSON.parse(json.stdout) as Array<{ file: string; sections: Array<{ path: string; flags: string[] }> }>)
    .find((x) => x.file === draft.file)!
    .sections.find((s) => s.path === '二（三）')!;
  assert.deepEqual(sec.flags, ['《行动计划（2021—2030年）》二（三）2（9）']);
  assert.match(html.stdout, /<div class="row" data-section="二（三）" data-flags="1">/);
});

test('report --format html: self-contained, readable without scripts, legend in words, light and dark, findings listed', () => {
  const r = lint(['report', '--format', 'html', '--lang', 'both', 'docs/a-plan.md']);
  assert.equal(r.status, 0, r.stderr);
  const html = r.stdout;
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//i, 'no remote resources');
  assert.doesNotMatch(html, /@import|url\(/i);
  assert.match(html, /@media \(prefers-color-scheme:dark\)/);
  for (const label of [
    '已引用 / cited',
    '路径有误或需核对 / wrong path or flagged',
    '仅引用已失效计划 / expired plan only',
    '未引用 / not cited',
  ]) {
    assert.ok(html.includes(label), label);
  }
  // Each cell links to its row in the per-measure table, which lists the citing line.
  const m =
    /<a class="cell measure" data-citation="《行动计划（2021—2030年）》二（一）2（3）"[^>]*href="#(f0-c\d+)"/.exec(
      html,
    );
  assert.ok(m, 'cell of 二（一）2（3）');
  const row = new RegExp(`<tr id="${m[1]}"[^]*?</tr>`).exec(html)![0];
  assert.match(row, /data-state="cited"/);
  assert.ok(
    row.includes(
      'docs/a-plan.md:4（直接引用 / cites it）一、按照《行动计划》二（一）2（3）要求，由市公安局、市卫生计生委负责。',
    ),
    row,
  );
  // The findings of the file: the outdated agency, the wrong path, the citation format.
  const findings = html.slice(html.indexOf('<table class="findings"'));
  for (const code of ['outdated-agency', 'unknown-citation', 'citation-format'])
    assert.match(findings, new RegExp(`data-code="${code}"`));
  // Text in the page is escaped.
  assert.doesNotMatch(html.replace(/<[^>]*>/g, ''), /<|>/);
});

test('report --format html: one language per reader (--lang, else the system locale)', () => {
  const zh = lint(['report', '--format', 'html', 'docs/a-plan.md']); // helpers: LANG=zh_CN.UTF-8
  assert.match(zh.stdout, /<html lang="zh-CN">/);
  assert.ok(zh.stdout.includes('<title>国家行动计划覆盖地图</title>'));
  assert.ok(!zh.stdout.includes('not cited'));
  const en = lint(['report', '--format', 'html', 'docs/a-plan.md'], { env: { LANG: 'en_US.UTF-8' } });
  assert.match(en.stdout, /<html lang="en">/);
  assert.ok(en.stdout.includes('<title>Coverage map of the national plan</title>'));
  assert.ok(!en.stdout.includes('未引用'));
  const forced = lint(['report', '--format', 'html', '--lang', 'en', 'docs/a-plan.md']);
  assert.equal(forced.stdout, en.stdout);
});

test('report --format html: a file that cannot be read is shown with its error and exit status 2', () => {
  const r = lint(['report', '--format', 'html', 'docs/a-plan.md', 'docs/missing.md']);
  assert.equal(r.status, 2);
  assert.match(
    r.stdout,
    /<section class="file" data-file="docs\/missing.md">\s*<h2>docs\/missing.md<\/h2>\s*<p class="error">/,
  );
});

test('report --format html and json: the map follows the plan in force on each file’s reference date', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-date-'));
  writeFileSync(
    join(dir, 'y2015.md'),
    '---\ndate: 2015-06-01\n---\n按照《行动计划（2013—2020年）》二（一）2（1）要求。\n',
  );
  writeFileSync(join(dir, 'y2010.md'), '---\ndate: 2010-05-01\n---\n按照《行动计划》要求。\n');
  writeFileSync(join(dir, 'y2024.md'), '按照《行动计划（2021—2030年）》二（一）2（3）要求。\n');
  const files = ['y2015.md', 'y2010.md', 'y2024.md'];
  const html = lint(['report', '--format', 'html', '--lang', 'zh', ...files], { cwd: dir });
  assert.equal(html.status, 0, html.stderr);
  const byFile = cellsByFile(html.stdout);
  const section = (f: string) => html.stdout.split(`<section class="file" data-file="${f}">`)[1].split('</section>')[0];
  // 2015: the 2013—2020 plan, every measure and item of it.
  const nodes2013 = planIndex.plans.find((p) => p.meta.id === '2013-2020')!.nodes;
  assert.ok(section('y2015.md').includes('参照日期：2015-06-01'));
  assert.deepEqual(
    byFile
      .get('y2015.md')!
      .filter((c) => c.kind !== 'section')
      .map((c) => c.path),
    nodes2013.filter((n) => n.kind === 'measure' || n.kind === 'item').map((n) => n.path),
  );
  assert.equal(byFile.get('y2015.md')!.find((c) => c.path === '二（一）2（1）')!.state, 'cited');
  assert.ok(byFile.get('y2015.md')!.every((c) => c.citation.startsWith('《行动计划（2013—2020年）》')));
  // 2010: the 2008—2012 plan, whose text is not in the corpus: a notice, no map and no table.
  const s2010 = section('y2010.md');
  assert.ok(s2010.includes('参照日期 2010-05-01 现行的《中国反对拐卖妇女儿童行动计划（2008—2012年）》'), s2010);
  assert.ok(s2010.includes('原文未收录'));
  assert.doesNotMatch(s2010, /class="cell |<table class="measures"/);
  // Today (ACTION_PLAN_TODAY 2025-06-01): the 2021—2030 plan.
  assert.equal(byFile.get('y2024.md')!.length, measuresAndItems.length + 3);

  const json = JSON.parse(lint(['report', '--format', 'json', ...files], { cwd: dir }).stdout) as Array<{
    file: string;
    plan: string;
    cells?: Array<{ path: string; state: string }>;
    mapUnavailable?: { plan: string; reason: string };
    sections: Array<{ units: Array<{ path: string; state?: string }> }>;
  }>;
  const j = (f: string) => json.find((e) => e.file === f)!;
  assert.equal(j('y2015.md').plan, '2013-2020');
  assert.equal(j('y2015.md').cells!.find((c) => c.path === '二（一）2（1）')!.state, 'cited');
  assert.equal(
    j('y2015.md')
      .sections.flatMap((s) => s.units)
      .find((u) => u.path === '二（一）2（1）')!.state,
    'cited',
    'the per-measure states come from the map of the same plan',
  );
  assert.deepEqual(j('y2010.md').mapUnavailable, { plan: '2008-2012', reason: 'text-not-in-corpus' });
  assert.equal(j('y2010.md').cells, undefined);
  assert.equal(j('y2024.md').mapUnavailable, undefined);
});
