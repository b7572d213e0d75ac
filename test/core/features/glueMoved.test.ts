// The feature logic that used to live in the LSP glue, driven in-process on in-memory documents: “add to the
// workspace agency list” (decisions and messages), plan-text requests, search hits, the coverage map view.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/core/analysis';
import { coverageMapView } from '../../../server/src/core/features/coverageMapView';
import { mapCells } from '../../../server/src/core/features/coverageMap';
import { planSymbols, searchHits, searchNodes } from '../../../server/src/core/features/planSearch';
import { planTextRange } from '../../../server/src/core/features/navigation';
import { planWithText } from '../../../server/src/core/features/planTree';
import {
  agencyListOutcome,
  agencyListStep,
  validAgencyName,
} from '../../../server/src/core/features/workspaceAgencies';
import { PLAN_CATALOG, PLAN_IDS } from '../../../server/src/core/catalog/plans';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types';
import { loadEngines } from '../../../server/src/node/data';

const engines = loadEngines();
const TODAY = '2024-06-01';

describe('add to the workspace agency list', () => {
  const target = { path: '/w/.vscode/action-plan-agencies.json', configured: false };
  const base = { name: '长治市反拐宣传中心', target, trusted: true, existingText: undefined, canCreate: true };

  it('accepts a trimmed name of 2–60 characters without spaces or list punctuation', () => {
    assert.equal(validAgencyName('  长治市反拐宣传中心 '), '长治市反拐宣传中心');
    for (const bad of [undefined, 3, '', '甲', '公安局、民政局', '公安局，民政局', 'a b', '长'.repeat(61)]) {
      assert.equal(validAgencyName(bad), undefined, String(bad));
    }
  });

  it('creates the default list file when there is none and the editor can create files', () => {
    const step = agencyListStep({ ...base, lang: 'zh' });
    assert.equal(step.kind, 'apply');
    if (step.kind !== 'apply') return;
    assert.equal(step.label, '加入工作区机构清单：长治市反拐宣传中心');
    assert.equal(step.edit.kind, 'create');
    const json = JSON.parse(step.edit.newText);
    assert.equal(json.agencies[0].fullName, '长治市反拐宣传中心');
    assert.match(json.agencies[0].id, /^custom-[a-z0-9-]+$/);
  });

  it('replaces the whole existing file, keeping its other entries; the end position is in UTF-16 units (𠀀 counts 2)', () => {
    const existing = '{"agencies":[{"id":"x","fullName":"甲乙机构","kind":"other"}],\n"note":"𠀀"}';
    const step = agencyListStep({ ...base, existingText: existing, lang: 'en' });
    assert.ok(step.kind === 'apply' && step.edit.kind === 'replace');
    assert.equal(step.label, 'Add to the workspace agency list: 长治市反拐宣传中心');
    assert.deepEqual([step.edit.endLine, step.edit.endCharacter], [1, 12]);
    const json = JSON.parse(step.edit.newText);
    assert.deepEqual(
      json.agencies.map((a: { fullName: string }) => a.fullName),
      ['甲乙机构', '长治市反拐宣传中心'],
    );
    assert.equal(json.note, '𠀀');
  });

  it('says why not, and changes nothing: no folder, restricted mode, invalid JSON, already listed, cannot create', () => {
    const why = (over: Partial<Parameters<typeof agencyListStep>[0]>) => {
      const step = agencyListStep({ ...base, lang: 'zh', ...over });
      assert.equal(step.kind, 'message');
      return step.kind === 'message' ? step.message : undefined;
    };
    assert.equal(why({ target: undefined })?.level, 'warning');
    assert.match(why({ target: undefined })!.message, /没有打开的工作区文件夹.*No workspace folder is open/);
    assert.match(why({ trusted: false })!.message, /受限模式.*restricted mode/);
    const invalid = why({ existingText: '{"agencies": [' })!;
    assert.equal(invalid.level, 'error');
    assert.match(invalid.message, /不是有效的 JSON，未修改.*not valid JSON; not changed/);
    const present = why({ existingText: JSON.stringify({ agencies: [{ id: 'a', fullName: base.name }] }) })!;
    assert.equal(present.level, 'info');
    assert.match(present.message, /已在机构清单/);
    const cannot = why({ canCreate: false })!;
    assert.equal(cannot.level, 'warning');
    assert.match(cannot.message, /编辑器不支持创建文件.*"fullName": "长治市反拐宣传中心"/s);
  });

  it('reports the outcome: added to the configured file, created the default one (with how to enable it), failed', () => {
    const configured = { path: '/w/agencies.json', configured: true };
    assert.deepEqual(agencyListOutcome('甲乙机构', configured, { applied: true }), {
      level: 'info',
      message: '已将“甲乙机构”加入 /w/agencies.json / "甲乙机构" added to /w/agencies.json',
    });
    const created = agencyListOutcome('甲乙机构', target, { applied: true });
    assert.match(created.message, /请将设置 actionPlan.customAgencies 设为 .vscode\/action-plan-agencies.json/);
    const failed = agencyListOutcome('甲乙机构', configured, { applied: false, failureReason: '只读' });
    assert.equal(failed.level, 'warning');
    assert.match(failed.message, /^未能写入机构清单 \/w\/agencies.json：只读 \/ could not update/);
  });
});

describe('plan texts and search hits', () => {
  it('planWithText accepts a plan whose text is in the corpus and explains the others', () => {
    for (const id of PLAN_IDS) {
      const r = planWithText(id);
      if (PLAN_CATALOG[id].textInCorpus) assert.deepEqual(r, { plan: id });
      else assert.match((r as { error: string }).error, new RegExp(`原文未收录 / the text of the ${id} plan`));
    }
    assert.match((planWithText('2030-2040') as { error: string }).error, /^未知的计划 \/ unknown plan: 2030-2040/);
    assert.ok('error' in planWithText(undefined));
  });

  it('searchHits are the search results as the request answers them, the query cut to 200 characters', () => {
    const hits = searchHits(engines.plans, '二（一）2', { limit: 5 });
    assert.ok(hits.length > 0);
    const nodes = searchNodes(engines.plans, '二（一）2', { limit: 5 });
    assert.deepEqual(
      hits,
      nodes.map(({ node }) => ({
        plan: node.plan,
        path: node.path,
        citation: node.citation,
        heading: node.heading,
        text: node.text,
      })),
    );
    assert.deepEqual(searchHits(engines.plans, '二（一）2' + '　'.repeat(300), { limit: 5 }), hits);
  });
  it('planSymbols: each hit as `citation heading`, its kind, its range in the plan text and its plan’s title', () => {
    const symbols = planSymbols(engines, '2021-2030 二（一）2（1）', { limit: 3 });
    assert.ok(symbols.length > 0);
    const node = searchNodes(engines.plans, '2021-2030 二（一）2（1）', { limit: 3 })[0].node;
    assert.deepEqual(symbols[0], {
      name: `${node.citation} ${node.heading}`,
      kind: node.kind,
      plan: '2021-2030',
      range: planTextRange(engines, '2021-2030', node),
      container: PLAN_CATALOG['2021-2030'].title,
    });
    assert.deepEqual(planSymbols(engines, '   '), []);
  });
});

describe('coverage map view', () => {
  const C21 = '《行动计划（2021—2030年）》';
  const TEXT =
    `# 某县实施方案\n\n` +
    `（一）按照${C21}二（一）2（2）的要求，规范婚姻登记管理，严防借婚姻登记拐卖妇女。\n` +
    `（二）加强对本县拐卖人口犯罪形势的分析研判（${C21}二（一）2（2））。\n`;

  it('holds the map with the review flags, the text of each cell’s node and the labels in the reader’s language', async () => {
    const analysed: string[] = [];
    const view = await coverageMapView([{ uri: 'mem://a.md', text: TEXT }], engines, {
      defaultPlan: '2021-2030',
      lang: 'en',
      analyse: async (input) => {
        analysed.push(input.uri);
        return analyzeText(input.text, DEFAULT_SETTINGS, engines, { today: TODAY });
      },
    });
    assert.deepEqual(analysed, ['mem://a.md']);
    const cell = mapCells(view.map).find((c) => c.path === '二（一）2（2）')!;
    assert.equal(cell.state, 'cited-wrong-path-nearby', 'the citation-mismatch flag counts');
    const node = engines.plans.get('2021-2030', '二（一）2（2）')!;
    assert.deepEqual(view.nodes['二（一）2（2）'], { text: node.text, line: node.startLine });
    assert.equal(Object.keys(view.nodes).length, mapCells(view.map).length);
    assert.equal(view.labels['not-cited'].label, 'not cited');
    assert.ok(view.html.includes('data-path="二（一）2（2）"'), 'cells are buttons with their path');
    assert.ok(view.css.length > 0);
  });

  it('shows the plan in force on the given reference date', async () => {
    const analyse = async () => ({ findings: [], citations: [] });
    const on = (date: string) =>
      coverageMapView([{ uri: 'a', text: TEXT }], engines, { defaultPlan: '2021-2030', date, lang: 'zh', analyse });
    assert.equal((await on('2015-06-01')).map.plan, '2013-2020');
    assert.equal((await on(TODAY)).map.plan, '2021-2030');
  });

  it('analyses no document for a map without cells (a plan whose text is not in the corpus)', async () => {
    let analysed = 0;
    const analyse = async () => (analysed++, { findings: [], citations: [] });
    const view = await coverageMapView([{ uri: 'a', text: TEXT }], engines, {
      defaultPlan: '2021-2030',
      date: '2010-06-01',
      lang: 'zh',
      analyse,
    });
    assert.equal(view.map.plan, '2008-2012');
    assert.ok(view.map.unavailable);
    assert.equal(analysed, 0);
    assert.equal(
      (
        await coverageMapView([{ uri: 'a', text: TEXT }], engines, {
          defaultPlan: '2021-2030',
          date: TODAY,
          lang: 'zh',
          analyse,
        })
      ).map.plan,
      '2021-2030',
    );
    assert.equal(analysed, 1);
  });

  it('stops when cancelled', async () => {
    const token = { isCancellationRequested: false };
    await assert.rejects(
      coverageMapView(
        [
          { uri: 'a', text: TEXT },
          { uri: 'b', text: TEXT },
        ],
        engines,
        {
          defaultPlan: '2021-2030',
          lang: 'zh',
          token,
          analyse: async (input) => {
            token.isCancellationRequested = true;
            return analyzeText(input.text, DEFAULT_SETTINGS, engines, { today: TODAY });
          },
        },
      ),
      (e: Error) => e.name === 'CancelledError' || /cancel/i.test(e.message),
    );
  });
});
