// Read-only documents: the plan texts (scheme action-plan:, served by the language server) and the coverage
// reports (scheme action-plan-report:, kept in memory by the client).
import * as vscode from 'vscode';
import { PLAN_SCHEME, PlanTextRequest, REPORT_SCHEME, type PlanId } from './protocol';
import { planIdOfPath } from './util';
import type { ServerManager } from './serverManager';

export class PlanTextProvider implements vscode.TextDocumentContentProvider {
  private readonly cache = new Map<PlanId, string>();

  constructor(private readonly server: ServerManager) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const plan = planIdOfPath(uri.path);
    if (!plan) return vscode.l10n.t('Unknown plan: {0}', uri.toString());
    const cached = this.cache.get(plan);
    if (cached !== undefined) return cached;
    const client = await this.server.ready();
    if (!client) return vscode.l10n.t('The language server is not running.');
    const result = await client.sendRequest(PlanTextRequest, { plan }, token);
    if (!result || typeof result.text !== 'string') return vscode.l10n.t('Unknown plan: {0}', plan);
    this.cache.set(plan, result.text);
    return result.text;
  }

  /** The text of a plan (through the same cache). */
  async text(plan: PlanId): Promise<string> {
    const src = new vscode.CancellationTokenSource();
    try {
      return await this.provideTextDocumentContent(vscode.Uri.parse(`${PLAN_SCHEME}:/${plan}.txt`), src.token);
    } finally {
      src.dispose();
    }
  }
}

/** Language of the plan texts (contributed in package.json: word wrap on, read-only). */
export const PLAN_LANGUAGE = 'action-plan-text';

/** Gives every opened plan text (however it was opened: tree, command, F12, link) the plan-text language. */
export function registerPlanLanguage(): vscode.Disposable {
  const apply = (doc: vscode.TextDocument) => {
    if (doc.uri.scheme === PLAN_SCHEME && doc.languageId !== PLAN_LANGUAGE) {
      void vscode.languages.setTextDocumentLanguage(doc, PLAN_LANGUAGE).then(undefined, () => undefined);
    }
  };
  vscode.workspace.textDocuments.forEach(apply);
  return vscode.workspace.onDidOpenTextDocument(apply);
}

export function planDocumentUri(plan: PlanId): vscode.Uri {
  return vscode.Uri.parse(`${PLAN_SCHEME}:/${plan}.txt`);
}

/** Opens a plan text, optionally selecting a range in it. */
export async function openPlan(
  plan: PlanId,
  locate?: (doc: vscode.TextDocument) => vscode.Range | undefined,
  options?: { preview?: boolean },
): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(planDocumentUri(plan));
  const selection = locate?.(doc);
  const editor = await vscode.window.showTextDocument(doc, { preview: options?.preview ?? true, selection });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** In-memory Markdown reports (coverage), shown in the Markdown preview. */
export class ReportProvider implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  set(name: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}` });
    this.reports.set(uri.path, markdown);
    this.emitter.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.path) ?? '';
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
