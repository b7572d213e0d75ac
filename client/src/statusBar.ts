// Status bar: the reference date in force for the active document and its finding counts.
import * as vscode from 'vscode';
import { StatusRequest, type StatusResult } from './protocol';
import { isServedDocument, type ServerManager } from './serverManager';
import { countFindings, isIsoDate, today, type Counts } from './util';

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subs: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private statusRequestWorks = true;

  constructor(private readonly server: ServerManager) {
    this.item = vscode.window.createStatusBarItem('actionPlan.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Action plan assistant');
    this.item.command = 'workbench.actions.view.problems';
    this.subs.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule(150);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('actionPlan')) this.schedule(300);
      }),
      server.onDidStart(() => {
        this.statusRequestWorks = true;
        this.schedule(0);
      }),
    );
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const my = ++this.seq;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isServedDocument(doc)) {
      this.item.hide();
      return;
    }
    let status: StatusResult | null | undefined;
    const client = this.server.running;
    if (client && this.statusRequestWorks) {
      try {
        status = await client.sendRequest(StatusRequest, { uri: client.code2ProtocolConverter.asUri(doc.uri) });
      } catch (err) {
        // A server without actionPlan/status (method not found): fall back to VS Code's diagnostics from now on.
        if ((err as { code?: unknown })?.code === -32601) this.statusRequestWorks = false;
        this.server.outputChannel.warn(`actionPlan/status: ${String(err)}`);
      }
    }
    if (my !== this.seq) return;
    const fallbackDate = vscode.workspace.getConfiguration('actionPlan', doc.uri).get<string>('referenceDate');
    const date = status?.referenceDate || (isIsoDate(fallbackDate) ? fallbackDate : today());
    const counts: Counts = status?.counts ?? countFindings(vscode.languages.getDiagnostics(doc.uri), 0);
    this.render(date, counts);
  }

  private render(date: string, c: Counts): void {
    this.item.text = `$(law) ${date}  $(error) ${c.error}  $(warning) ${c.warning}  $(info) ${c.information + c.hint}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${vscode.l10n.t('Action plan assistant')}**\n\n`);
    md.appendMarkdown(`${vscode.l10n.t('Reference date: {0}', date)}\n\n`);
    md.appendMarkdown(
      `${vscode.l10n.t('Errors: {0}, warnings: {1}, information: {2}, hints: {3}', c.error, c.warning, c.information, c.hint)}\n\n`,
    );
    md.appendMarkdown(vscode.l10n.t('Click to open the Problems panel.'));
    this.item.tooltip = md;
    this.item.accessibilityInformation = {
      label: `${vscode.l10n.t('Reference date: {0}', date)}; ${vscode.l10n.t('Errors: {0}, warnings: {1}, information: {2}, hints: {3}', c.error, c.warning, c.information, c.hint)}`,
    };
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs.splice(0)) s.dispose();
  }
}
