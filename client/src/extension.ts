// Entry of the VS Code extension 反拐行动计划助手: a thin client of the language server (dist/server.js).
// Everything the user sees about plans and agencies is computed by the server; the client starts it, wires up the
// commands, the tree view and the status bar, and shows what the server answers.
import * as vscode from 'vscode';
import {
  EditorTracker,
  coverageCommand,
  fixAllCommand,
  insertCitationCommand,
  openLinkCommand,
  openPlanCommand,
  restartCommand,
  treeInsertCommand,
  treeOpenCommand,
  reviewDocxCommand,
} from './commands';
import { CoverageMapPanel } from './coverageMap';
import { PlanTextProvider, ReportProvider, registerPlanLanguage } from './planDocuments';
import { PlanTreeProvider, type TreeElement } from './planTree';
import { ClientCommands, PLAN_SCHEME, REPORT_SCHEME } from './protocol';
import { CLIENT_NAME, ServerManager } from './serverManager';
import { StatusBar } from './statusBar';

let manager: ServerManager | undefined;

/** What the extension exports (used by the in-editor tests of test/vscode). */
export interface ActionPlanApi {
  server: ServerManager;
  tree: PlanTreeProvider;
}

export async function activate(context: vscode.ExtensionContext): Promise<ActionPlanApi> {
  const activatedAt = Date.now();
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  // One line in the output channel: how long from activation to the first diagnostics of the language server
  // (npm run bench and the e2e test read it; bench/results.md records it with the machine's load).
  const firstDiagnostics = vscode.languages.onDidChangeDiagnostics((e) => {
    const ours = e.uris.some((u) => vscode.languages.getDiagnostics(u).some((d) => d.source === 'action-plan'));
    if (!ours) return;
    firstDiagnostics.dispose();
    output.info(`first diagnostics ${Date.now() - activatedAt} ms after activation`);
  });
  context.subscriptions.push(firstDiagnostics);
  const server = (manager = new ServerManager(context, output));
  context.subscriptions.push({ dispose: () => void server.dispose() });

  const planText = new PlanTextProvider(server);
  const reports = new ReportProvider();
  const tree = new PlanTreeProvider(server);
  const editors = new EditorTracker();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, planText),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    registerPlanLanguage(),
    reports,
    tree,
    editors,
    vscode.window.createTreeView<TreeElement>('actionPlan.plans', { treeDataProvider: tree, showCollapseAll: true }),
    new StatusBar(server),
    vscode.commands.registerCommand(ClientCommands.insertCitation, () => insertCitationCommand(server, tree, editors)),
    vscode.commands.registerCommand(ClientCommands.openPlan, () => openPlanCommand(tree)),
    vscode.commands.registerCommand(ClientCommands.fixAll, () => fixAllCommand(editors)),
    vscode.commands.registerCommand(ClientCommands.coverageReport, () => coverageCommand(server, reports, editors)),
    vscode.commands.registerCommand(ClientCommands.showCoverageMap, () => CoverageMapPanel.show(server, tree, editors)),
    { dispose: () => CoverageMapPanel.active?.dispose() },
    vscode.commands.registerCommand(ClientCommands.restartServer, () => restartCommand(server)),
    vscode.commands.registerCommand(ClientCommands.treeOpen, (e?: TreeElement) => treeOpenCommand(e)),
    vscode.commands.registerCommand(ClientCommands.treeInsertCitation, (e?: TreeElement) =>
      treeInsertCommand(e, editors),
    ),
    vscode.commands.registerCommand(ClientCommands.treeRefresh, () => tree.refresh()),
    vscode.commands.registerCommand(ClientCommands.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(ClientCommands.openLink, (uri?: unknown) => openLinkCommand(uri)),
    vscode.commands.registerCommand(ClientCommands.reviewDocx, (uri?: unknown) => reviewDocxCommand(server, uri)),
  );

  await server.start();
  return { server, tree };
}

export async function deactivate(): Promise<void> {
  const m = manager;
  manager = undefined;
  if (m) await m.dispose();
}
