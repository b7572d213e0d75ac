// In-editor cases (Extension Development Host). They go through VS Code's own provider commands, so they test the
// client wiring and the server together exactly as a user's editor uses them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ActionPlanApi } from '../../../client/src/extension';

export interface Case {
  name: string;
  fn: () => Promise<void>;
  timeoutMs?: number;
}

const ROOT = join(__dirname, '../../../..');
const EXTENSION_ID = 'action-plan.action-plan-assistant';
const FIXTURE = '长治市实施方案.md';

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function until<T>(fn: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await fn();
  while (!v && Date.now() < deadline) {
    await sleep(200);
    v = await fn();
  }
  return v;
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function openFixture(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(FIXTURE));
  return vscode.window.showTextDocument(doc);
}

function positionOf(doc: vscode.TextDocument, needle: string): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} in the document`);
  return doc.positionAt(at + 1);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

async function findings(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return until(() => {
    const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'action-plan');
    return ds.length ? ds : undefined;
  }, 30_000).then((ds) => ds ?? []);
}

let api: ActionPlanApi | undefined;

export const cases: Case[] = [
  {
    name: 'the extension activates and starts the language server',
    timeoutMs: 60_000,
    fn: async () => {
      const ext = vscode.extensions.getExtension<ActionPlanApi>(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is installed`);
      await openFixture();
      api = await ext.activate();
      assert.ok(await until(() => api!.server.running, 30_000), 'the language client is running');
    },
  },
  {
    name: 'every contributed command is registered',
    fn: async () => {
      const all = new Set(await vscode.commands.getCommands(true));
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      for (const c of pkg.contributes.commands as Array<{ command: string }>) assert.ok(all.has(c.command), c.command);
    },
  },
  {
    name: 'the fixture gets an outdated-agency diagnostic on 卫生部',
    fn: async () => {
      const editor = await openFixture();
      const ds = await findings(editor.document.uri);
      const d = ds.find((x) => codeOf(x) === 'outdated-agency' && editor.document.getText(x.range) === '卫生部');
      assert.ok(d, `diagnostics: ${ds.map((x) => `${codeOf(x)} ${x.message}`).join('; ')}`);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    },
  },
  {
    name: 'hover on 卫生部 names its successor; hover on a citation shows the measure',
    fn: async () => {
      const editor = await openFixture();
      const doc = editor.document;
      const agency = hoverText(
        await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          doc.uri,
          positionOf(doc, '卫生部'),
        ),
      );
      assert.ok(agency.includes('国家卫生健康委'), agency);
      const citation = hoverText(
        await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          doc.uri,
          positionOf(doc, '二（一）2（1）'),
        ),
      );
      assert.ok(citation.includes('深化部门协同联动'), citation);
    },
  },
  {
    name: 'completion offers 公安部 after gab in a responsibility clause',
    fn: async () => {
      const editor = await openFixture();
      const doc = editor.document;
      const line = doc.lineCount - 1;
      const lastLine = doc.lineAt(line).text ? line : line - 1;
      const end = doc.lineAt(lastLine).range.end;
      assert.ok(doc.lineAt(lastLine).text.endsWith('负责，'));
      await editor.edit((b) => b.insert(end, 'gab'));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        end.translate(0, 3),
      );
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('公安部'), labels.join('、'));
      await editor.edit((b) => b.delete(new vscode.Range(end, end.translate(0, 3))));
    },
  },
  {
    name: 'a quick fix replaces 卫生部',
    fn: async () => {
      const editor = await openFixture();
      const doc = editor.document;
      const ds = await findings(doc.uri);
      const d = ds.find((x) => codeOf(x) === 'outdated-agency' && doc.getText(x.range) === '卫生部');
      assert.ok(d);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.edit && a.title.includes('国家卫生健康委'));
      assert.ok(fix, actions.map((a) => a.title).join('; '));
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.ok(!doc.getText().includes('落实卫生部'));
      assert.ok(doc.getText().includes('落实国家卫生健康委'));
      await vscode.commands.executeCommand('undo');
    },
  },
  {
    name: 'action-plan:/2021-2030.txt shows the shipped plan text',
    fn: async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('action-plan:/2021-2030.txt'));
      assert.equal(doc.getText(), readFileSync(join(ROOT, 'data/plans/2021-2030.txt'), 'utf8'));
    },
  },
  {
    name: 'the plan tree holds both plans, part → section',
    fn: async () => {
      assert.ok(api);
      const roots = await api.tree.getChildren();
      assert.deepEqual(
        roots.map((r) => (r.type === 'plan' ? r.plan : '')),
        ['2021-2030', '2013-2020'],
      );
      const parts = await api.tree.getChildren(roots[0]);
      const two = parts.find((p) => p.type === 'node' && p.node.path === '二');
      assert.ok(two);
      const sections = await api.tree.getChildren(two);
      assert.ok(sections.some((s) => s.type === 'node' && s.node.path === '二（一）'));
    },
  },
  {
    name: '修复本文件全部过时名称 replaces every outdated name that has one successor',
    fn: async () => {
      const editor = await openFixture();
      await vscode.commands.executeCommand('actionPlan.fixAll');
      const text = editor.document.getText();
      assert.ok(!text.includes('落实卫生部'), text);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  },
  {
    name: '重启语言服务器 restarts the server, which answers again',
    timeoutMs: 60_000,
    fn: async () => {
      await vscode.commands.executeCommand('actionPlan.restartServer');
      assert.ok(await until(() => api!.server.running, 30_000));
      const editor = await openFixture();
      const doc = editor.document;
      const text = await until(async () =>
        hoverText(
          await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            doc.uri,
            positionOf(doc, '卫生部'),
          ),
        ),
      );
      assert.ok(text.includes('国家卫生健康委'), text);
    },
  },
];
