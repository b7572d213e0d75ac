// Every core feature driven in-process on in-memory documents and an in-memory workspace, through the same
// service the LSP glue and the CLI use (as vscode-markdown-languageservice tests its providers).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemoryDocument } from '../../../server/src/core/document';
import { loadEngines } from '../../../server/src/node/data';
import { fixAll, quickFixes } from '../../../server/src/core/features/codeActions';
import type { FeatureContext } from '../../../server/src/core/features/common';
import { getCompletions } from '../../../server/src/core/features/completion';
import { coverageInputs } from '../../../server/src/core/features/coverage';
import { getHover } from '../../../server/src/core/features/hover';
import { definitionTarget, references } from '../../../server/src/core/features/navigation';
import { searchNodes } from '../../../server/src/core/features/planSearch';
import { planTree } from '../../../server/src/core/features/planTree';
import { agencyListEdit } from '../../../server/src/core/features/workspaceAgencies';
import { createActionPlanService, fixedClock, type WorkspaceFiles } from '../../../server/src/core/service';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types';

const TODAY = '2024-06-01';
const PATH = '二（一）2（1）';
const CITE = `《中国反对拐卖人口行动计划（2021—2030年）》${PATH}`;

/** A workspace held in memory: uri → text (undefined: listed but unreadable). */
function memoryWorkspace(files: Record<string, string | undefined>): WorkspaceFiles {
  return {
    list: async () => Object.keys(files).map((uri) => ({ uri, path: uri.replace(/^mem:\/\//, '/') })),
    read: async (f) => files[f.uri],
  };
}

const service = createActionPlanService({
  clock: fixedClock(TODAY),
  engines: loadEngines,
  workspace: memoryWorkspace({
    'mem://a.md': `按照${CITE}要求。\n`,
    'mem://b.md': '与行动计划无关。\n',
    'mem://open.md': `磁盘上的旧文本：${CITE}\n`,
    'mem://gone.md': undefined,
  }),
});

function contextOf(text: string): FeatureContext {
  const analysis = service.analyze(text, DEFAULT_SETTINGS);
  return {
    engines: service.engines(),
    settings: DEFAULT_SETTINGS,
    referenceDate: analysis.referenceDate,
    analysis,
    lang: 'zh',
  };
}

describe('core features in-process', () => {
  it('hover on a citation shows the node; on an outdated agency, its status on the reference date', () => {
    const text = `根据${CITE}，由市卫生计生委负责。\n`;
    const doc = new InMemoryDocument('mem://h.md', text);
    const ctx = contextOf(text);
    const onCite = getHover(doc, text.indexOf(PATH) + 1, ctx, (plan) => `plan:${plan}`);
    assert.ok(onCite && onCite.markdown.includes(PATH), onCite?.markdown);
    assert.equal(text.slice(onCite.start, onCite.end).includes(PATH), true);
    const onAgency = getHover(doc, text.indexOf('卫生计生委') + 1, ctx, (plan) => `plan:${plan}`);
    assert.ok(onAgency, 'hover on the agency');
    assert.equal(text.slice(onAgency.start, onAgency.end), '市卫生计生委');
    assert.equal(
      getHover(doc, 0, ctx, () => ''),
      undefined,
    );
  });

  it('completion after 《 offers the plan titles', () => {
    const text = '按照《';
    const list = getCompletions(new InMemoryDocument('mem://c.md', text), text.length, contextOf(text));
    assert.ok(
      list.items.some((i) => i.label.includes('2021—2030')),
      JSON.stringify(list.items.map((i) => i.label)),
    );
  });

  it('code actions: a quick fix for the outdated agency, and fix-all applies it', () => {
    const text = '由市卫生计生委负责。\n';
    const ctx = contextOf(text);
    const fixes = quickFixes(text, ctx.analysis!.findings, 2, 3, 'mem://q.md', 'zh');
    assert.deepEqual(
      fixes.map((f) => [f.kind, f.edits]),
      [['quickfix', [{ start: 1, end: 7, newText: '市卫健委' }]]],
    );
    const all = fixAll(text, ctx.analysis!.findings, 'zh');
    assert.deepEqual(all?.edits, [{ start: 1, end: 7, newText: '市卫健委' }]);
    assert.equal(
      quickFixes(text, ctx.analysis!.findings, 8, 9, 'mem://q.md', 'zh').length,
      0,
      'none outside the finding',
    );
  });

  it('definition and references: open documents first (their editor text), then workspace files not open', async () => {
    const text = `见${CITE}。\n`;
    const ctx = contextOf(text);
    const t = definitionTarget(text, text.indexOf(PATH) + 1, ctx);
    assert.ok(t && t.node && t.node.path === PATH && t.plan === '2021-2030');
    const open = [
      {
        uri: 'mem://open.md',
        path: '/open.md',
        text,
        citations: ctx.analysis!.citations,
        defaultPlan: DEFAULT_SETTINGS.defaultPlan,
      },
    ];
    const refs = await references(t.node!, open, service.workspace, service.engines(), DEFAULT_SETTINGS.defaultPlan);
    assert.deepEqual(
      refs.map((r) => r.uri),
      ['mem://open.md', 'mem://a.md'],
    );
    const inA = `按照${CITE}要求。\n`;
    assert.deepEqual(refs[1].range.start, { line: 0, character: inA.indexOf('《') });
    const cancelled = references(t.node!, open, service.workspace, service.engines(), 'x' as never, {
      isCancellationRequested: true,
    });
    await assert.rejects(cancelled);
  });

  it('plan search and plan tree find the node', () => {
    const hits = searchNodes(service.engines().plans, `2021-2030 ${PATH}`);
    assert.equal(hits[0]?.node.path, PATH);
    const tree = planTree(service.engines(), '2026-12-02');
    assert.deepEqual(tree.plans.map((p) => p.id).sort(), ['2008-2012', '2013-2020', '2021-2030']);
    // Plans whose text is in the corpus have nodes; the 2008—2012 plan is known by its metadata only.
    assert.ok(tree.plans.every((p) => p.nodes.length > 0 === p.textInCorpus));
  });

  it('coverage inputs: open text wins over the file, unreadable files are skipped', async () => {
    const { inputs, skipped } = await coverageInputs(
      [{ uri: 'mem://open.md' }, { uri: 'mem://a.md' }, { uri: 'mem://gone.md' }],
      (uri) => (uri === 'mem://open.md' ? 'editor text' : undefined),
      service.workspace,
    );
    assert.deepEqual(inputs, [
      { uri: 'mem://open.md', text: 'editor text' },
      { uri: 'mem://a.md', text: `按照${CITE}要求。\n` },
    ]);
    assert.deepEqual(skipped, ['mem://gone.md']);
  });

  it('add to the workspace agency list: new file, appended entry, already present, invalid JSON left alone', () => {
    const created = agencyListEdit(undefined, '市反拐办');
    assert.equal(created.kind, 'create');
    const json = JSON.parse((created as { newText: string }).newText);
    assert.deepEqual(
      json.agencies.map((a: { fullName: string }) => a.fullName),
      ['市反拐办'],
    );
    const existing = JSON.stringify(
      { description: 'mine', agencies: [{ id: 'x', fullName: '甲局', kind: 'other' }] },
      null,
      2,
    );
    const appended = agencyListEdit(existing, '乙局');
    assert.equal(appended.kind, 'replace');
    const after = JSON.parse((appended as { newText: string }).newText);
    assert.equal(after.description, 'mine');
    assert.deepEqual(
      after.agencies.map((a: { fullName: string }) => a.fullName),
      ['甲局', '乙局'],
    );
    assert.ok(after.agencies[1].id.startsWith('custom-'));
    assert.deepEqual(
      [(appended as { endLine: number }).endLine, (appended as { endCharacter: number }).endCharacter],
      [existing.split('\n').length - 1, 1],
    );
    assert.deepEqual(agencyListEdit(existing, '甲局'), { kind: 'present' });
    assert.equal(agencyListEdit('{ not json', '乙局').kind, 'invalid-json');
  });
});
