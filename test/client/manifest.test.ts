// The VS Code manifest (package.json contributes), its translations and the client's runtime strings agree.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PLAN_CATALOG, latestPlan, plansInCorpus } from '../../server/src/core/catalog/plans';
import { DEFAULT_SETTINGS, DIAGNOSTIC_CODES } from '../../server/src/core/types';
import { ClientCommands } from '../../server/src/protocol';

const ROOT = join(__dirname, '../../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const pkg = JSON.parse(read('package.json'));
const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
const nlsZh = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
const bundleZh = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
const clientSources = readdirSync(join(ROOT, 'client/src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => read(`client/src/${f}`))
  .join('\n');

function placeholders(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(/^%([^%]+)%$/g)) out.add(m[1]);
  else if (Array.isArray(value)) value.forEach((v) => placeholders(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => placeholders(v, out));
  return out;
}

describe('VS Code manifest', () => {
  it('every %key% has an English and a Chinese string, and no translation is unused', () => {
    const used = [...placeholders(pkg)].sort();
    assert.deepEqual(Object.keys(nls).sort(), used);
    assert.deepEqual(Object.keys(nlsZh).sort(), used);
    for (const k of used) {
      assert.ok(nls[k].trim(), k);
      assert.ok(/[\u4e00-\u9fff]/.test(nlsZh[k]), `zh-cn ${k} should be Chinese`);
    }
    assert.equal(nlsZh['category'], '反拐行动计划');
    // Commands are found by 反拐 in an English UI (the category); a Chinese UI matches VS Code's original English
    // titles and categories of localized extension commands as well.
    assert.equal(nls['category'], 'Anti-Trafficking Action Plan (反拐)');
    assert.equal(nlsZh['command.insertCitation'], '插入行动计划引用');
    assert.equal(nlsZh['command.openPlan'], '打开行动计划原文');
    assert.equal(nlsZh['command.fixAll'], '修复本文件全部过时名称');
    assert.equal(nlsZh['command.coverageReport'], '生成引用与覆盖报告');
    assert.equal(nlsZh['command.showCoverageMap'], '显示覆盖地图');
    assert.equal(nls['command.showCoverageMap'], 'Show Coverage Map');
    assert.equal(nlsZh['command.restartServer'], '重启语言服务器');
    assert.equal(nlsZh['view.plans'], '行动计划');
  });

  it('every runtime string (vscode.l10n.t) has a Chinese translation, and none is unused', () => {
    const keys = new Set<string>();
    for (const m of clientSources.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.add(m[1]);
    assert.ok(keys.size > 10);
    assert.deepEqual(Object.keys(bundleZh).sort(), [...keys].sort());
    for (const [k, v] of Object.entries(bundleZh)) {
      const args = (s: string) =>
        [...s.matchAll(/\{(\d+)\}/g)]
          .map((m) => m[1])
          .sort()
          .join();
      assert.equal(args(v), args(k), `placeholders of ${k}`);
    }
  });

  it('contributes the settings of section actionPlan with the core defaults', () => {
    const props = pkg.contributes.configuration.properties as Record<
      string,
      { default?: unknown; enum?: string[]; properties?: Record<string, { enum: string[] }> }
    >;
    assert.deepEqual(Object.keys(props).sort(), [
      'actionPlan.allow',
      'actionPlan.customAgencies',
      'actionPlan.defaultPlan',
      'actionPlan.languages',
      'actionPlan.locality',
      'actionPlan.maxDocumentSize',
      'actionPlan.referenceDate',
      'actionPlan.rules',
      'actionPlan.trace.server',
    ]);
    assert.deepEqual(props['actionPlan.languages'].default, DEFAULT_SETTINGS.languages);
    assert.equal(props['actionPlan.defaultPlan'].default, DEFAULT_SETTINGS.defaultPlan);
    // The plans 《行动计划》 can default to: those whose text is in the corpus (core/catalog/plans.ts), newest first,
    // each described with its catalog title and 文号 in both languages.
    assert.deepEqual(props['actionPlan.defaultPlan'].enum, plansInCorpus());
    assert.equal(DEFAULT_SETTINGS.defaultPlan, latestPlan());
    const described = (props['actionPlan.defaultPlan'] as { enumDescriptions?: string[] }).enumDescriptions!;
    assert.equal(described.length, plansInCorpus().length);
    plansInCorpus().forEach((id, i) => {
      const key = /^%([^%]+)%$/.exec(described[i])![1];
      for (const text of [nls[key], nlsZh[key]]) {
        assert.ok(text.includes(PLAN_CATALOG[id].title), `${key}: ${PLAN_CATALOG[id].title}`);
        assert.ok(text.includes(PLAN_CATALOG[id].docNumber), `${key}: ${PLAN_CATALOG[id].docNumber}`);
      }
    });
    assert.equal(props['actionPlan.maxDocumentSize'].default, DEFAULT_SETTINGS.maxDocumentSize);
    assert.deepEqual(props['actionPlan.allow'].default, DEFAULT_SETTINGS.allow);
    assert.deepEqual(Object.keys(props['actionPlan.rules'].properties!).sort(), [...DIAGNOSTIC_CODES].sort());
    for (const r of Object.values(props['actionPlan.rules'].properties!)) {
      assert.deepEqual(r.enum, ['off', 'error', 'warning', 'information', 'hint']);
    }
    assert.deepEqual(props['actionPlan.trace.server'].enum, ['off', 'messages', 'verbose']);
  });

  it('contributes exactly the commands the extension registers, all in the category', () => {
    const registered = [...clientSources.matchAll(/registerCommand\(ClientCommands\.(\w+)/g)]
      .map((m) => ClientCommands[m[1] as keyof typeof ClientCommands])
      .sort();
    const contributed = (pkg.contributes.commands as Array<{ command: string; category: string }>)
      .map((c) => c.command)
      .sort();
    assert.deepEqual(contributed, registered);
    assert.deepEqual(
      Object.values(ClientCommands).sort(),
      contributed,
      'protocol.ts declares exactly the contributed commands',
    );
    assert.doesNotMatch(clientSources, /registerCommand\('/, 'command ids come from protocol.ts');
    for (const c of pkg.contributes.commands) assert.equal(c.category, '%category%');
  });

  it('declares the tree view, workspace trust and l10n', () => {
    assert.deepEqual(
      pkg.contributes.views.explorer.map((v: { id: string }) => v.id),
      ['actionPlan.plans'],
    );
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['actionPlan.customAgencies']);
    assert.equal(pkg.l10n, './l10n');
    assert.equal(pkg.main, './dist/extension.js');
    assert.ok(pkg.activationEvents.includes('onLanguage:markdown'));
    assert.ok(pkg.activationEvents.includes('onLanguage:plaintext'));
  });

  it('.vscodeignore ships only the bundles, data, manifest, translations and docs', () => {
    const lines = read('.vscodeignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**');
    assert.ok(lines.slice(1).every((l) => l.startsWith('!')));
    assert.ok(!lines.some((l) => l.includes('.map')));
    assert.ok(lines.includes('!dist/server.js') && lines.includes('!dist/extension.js'));
    assert.ok(lines.includes(`!${pkg.icon}`));
  });
});
