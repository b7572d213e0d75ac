// The commands of category 反拐行动计划. All analysis is the server's; these only ask and show.
import * as vscode from 'vscode';
import {
  CoverageRequest,
  FIX_ALL_KIND,
  ReviewDocxRequest,
  PLAN_SCHEME,
  REPORT_SCHEME,
  SearchNodesRequest,
  type PlanTreeNode,
  type SearchHit,
} from './protocol';
import { openPlan, type ReportProvider } from './planDocuments';
import { locateNode, type PlanTreeProvider, type TreeElement } from './planTree';
import { isServedDocument, type ServerManager } from './serverManager';
import { PLAN_IDS, PLAN_TITLES, REPORT_EXCLUDE, REPORT_GLOB, parsePlanLink, type PlanId } from './util';

interface CitationItem extends vscode.QuickPickItem {
  citation: string;
}

/** Where commands insert or which document they work on: a writable text editor's document and its column. */
export interface EditTarget {
  document: vscode.TextDocument;
  viewColumn: vscode.ViewColumn | undefined;
}

function writable(e: vscode.TextEditor | undefined): e is vscode.TextEditor {
  return !!e && ![PLAN_SCHEME, REPORT_SCHEME, 'output'].includes(e.document.uri.scheme);
}

/**
 * Remembers the last writable text editor, the target of 插入引用 from the tree view even after a click on a node
 * has put the (read-only) plan text in front of it.
 */
export class EditorTracker implements vscode.Disposable {
  private last: EditTarget | undefined;
  private readonly sub: vscode.Disposable;
  constructor() {
    this.note(vscode.window.activeTextEditor);
    this.sub = vscode.window.onDidChangeActiveTextEditor((e) => this.note(e));
  }
  private note(e: vscode.TextEditor | undefined): void {
    if (writable(e)) this.last = { document: e.document, viewColumn: e.viewColumn };
  }
  /** The active writable editor's document, else the last one that is still open. */
  target(): EditTarget | undefined {
    const active = vscode.window.activeTextEditor;
    if (writable(active)) return { document: active.document, viewColumn: active.viewColumn };
    if (this.last && !this.last.document.isClosed) return this.last;
    return undefined;
  }
  dispose(): void {
    this.sub.dispose();
  }
}

/** Brings the target's document to the front (its selections are kept) and returns its editor. */
export function showTarget(t: EditTarget): Thenable<vscode.TextEditor> {
  return vscode.window.showTextDocument(t.document, { viewColumn: t.viewColumn, preserveFocus: false });
}

export async function insertText(editor: vscode.TextEditor, text: string): Promise<boolean> {
  const ok = await editor.edit((b) => {
    for (const sel of editor.selections) b.replace(sel, text);
  });
  if (ok) {
    // Leave the cursors after the inserted text.
    editor.selections = editor.selections.map((s) => new vscode.Selection(s.end, s.end));
  }
  return ok;
}

function flatten(nodes: readonly PlanTreeNode[], out: CitationItem[]): CitationItem[] {
  for (const n of nodes) {
    if (n.citation) {
      out.push({ label: n.citation, description: n.heading, citation: n.citation, detail: undefined });
    }
    flatten(n.children ?? [], out);
  }
  return out;
}

function hitItem(hit: SearchHit): CitationItem {
  const text = (hit.text ?? '').replace(/\s+/g, ' ').trim();
  return {
    label: hit.citation,
    description: hit.heading,
    detail: text.length > 90 ? `${text.slice(0, 90)}…` : text || undefined,
    citation: hit.citation,
    // The server has matched path, words and pinyin: keep its results even when the label does not contain the query.
    alwaysShow: true,
  };
}

/** Quick pick over every node of both plans; the server searches by path, words and pinyin as the user types. */
export async function pickCitation(server: ServerManager, tree: PlanTreeProvider): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<CitationItem>();
  qp.title = vscode.l10n.t('Insert Action Plan Citation');
  qp.placeholder = vscode.l10n.t('Search by path (二（一）2（1）), words or pinyin (daji guaimai)');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.busy = true;
  let all: CitationItem[] = [];
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let searchAvailable = true;

  const showAll = () => {
    qp.items = all;
  };
  void tree.tree().then((t) => {
    all = [];
    for (const p of t?.plans ?? []) flatten(p.nodes ?? [], all);
    if (qp.value.trim() === '' || !searchAvailable) showAll();
    qp.busy = false;
  });

  const search = async (query: string, my: number) => {
    const client = await server.ready();
    if (!client || my !== seq) return;
    try {
      qp.busy = true;
      const hits = await client.sendRequest(SearchNodesRequest, { query });
      if (my !== seq) return;
      qp.items = Array.isArray(hits) && hits.length > 0 ? hits.map(hitItem) : all;
    } catch (err) {
      // An older server without actionPlan/searchNodes: VS Code's own filtering over all nodes.
      searchAvailable = false;
      server.outputChannel.warn(`actionPlan/searchNodes: ${String(err)}`);
      showAll();
    } finally {
      if (my === seq) qp.busy = false;
    }
  };

  qp.onDidChangeValue((value) => {
    const my = ++seq;
    if (timer) clearTimeout(timer);
    if (value.trim() === '' || !searchAvailable) {
      showAll();
      return;
    }
    timer = setTimeout(() => void search(value.trim(), my), 120);
  });

  return new Promise<string | undefined>((resolve) => {
    let done = false;
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (!item) return;
      done = true;
      resolve(item.citation);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (timer) clearTimeout(timer);
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

export async function insertCitationCommand(
  server: ServerManager,
  tree: PlanTreeProvider,
  editors: EditorTracker,
): Promise<void> {
  const editor = editors.target();
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a document to insert a citation into.'));
    return;
  }
  const citation = await pickCitation(server, tree);
  if (!citation) return;
  await insertText(await showTarget(editor), citation);
}

export async function openPlanCommand(tree: PlanTreeProvider): Promise<void> {
  const t = await tree.tree().catch(() => undefined);
  const titles = new Map<PlanId, string>(t?.plans.map((p) => [p.id, p.title]) ?? []);
  // The status on the reference date comes from the server (the plan catalog's rule), when it answered.
  const statuses = new Map<PlanId, string>(t?.plans.map((p) => [p.id, p.statusLabel ?? '']) ?? []);
  const items = PLAN_IDS.map((id) => ({
    label: `《${titles.get(id) ?? PLAN_TITLES[id]}》`,
    description: statuses.get(id) ?? '',
    id,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Open Action Plan Text'),
    placeHolder: vscode.l10n.t('Choose a plan'),
  });
  if (pick) await openPlan(pick.id, undefined, { preview: false });
}

function countEdits(edit: vscode.WorkspaceEdit | undefined): number {
  if (!edit) return 0;
  return edit.entries().reduce((n, [, edits]) => n + edits.length, 0);
}

export async function fixAllCommand(editors: EditorTracker): Promise<void> {
  const editor = editors.target();
  if (!editor || !isServedDocument(editor.document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a document checked by the assistant first.'));
    return;
  }
  const doc = (await showTarget(editor)).document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      FIX_ALL_KIND,
      50,
    )) ?? [];
  const kind = vscode.CodeActionKind.SourceFixAll.append('actionPlan');
  const mine = actions.filter((a) => a.kind && kind.contains(a.kind));
  let changed = 0;
  for (const action of mine) {
    if (action.edit) {
      changed += countEdits(action.edit);
      await vscode.workspace.applyEdit(action.edit);
    }
    if (action.command)
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
  if (changed === 0 && !mine.some((a) => a.command)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to fix automatically in this document.'));
  } else if (changed > 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Fixed {0} place(s).', changed));
  }
}

/** The documents a coverage view covers: the current document, or every .md/.txt/.docx file of the workspace. */
export interface CoverageScope {
  scope: 'document' | 'workspace';
  /** The current document (scope 'document'). */
  document?: vscode.TextDocument;
  /** The URIs to send to the server (the workspace is listed again each time). */
  uris(token?: vscode.CancellationToken): Promise<string[]>;
}

/** Asks for the scope when both are possible (title of the quick pick given); undefined when cancelled or none. */
export async function pickCoverageScope(editors: EditorTracker, title: string): Promise<CoverageScope | undefined> {
  const editor = editors.target();
  type Scope = vscode.QuickPickItem & { scope: 'document' | 'workspace' };
  const scopes: Scope[] = [];
  if (editor && isServedDocument(editor.document)) {
    scopes.push({
      label: vscode.l10n.t('Current document'),
      description: vscode.workspace.asRelativePath(editor.document.uri),
      scope: 'document',
    });
  }
  if (vscode.workspace.workspaceFolders?.length) {
    scopes.push({
      label: vscode.l10n.t('Whole workspace'),
      description: vscode.l10n.t('.md, .txt and .docx files'),
      scope: 'workspace',
    });
  }
  if (scopes.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a document or a folder first.'));
    return undefined;
  }
  const pick = scopes.length === 1 ? scopes[0] : await vscode.window.showQuickPick(scopes, { title });
  if (!pick) return undefined;
  if (pick.scope === 'document' && editor) {
    const document = editor.document;
    return { scope: 'document', document, uris: async () => [document.uri.toString()] };
  }
  return {
    scope: 'workspace',
    uris: async (token) =>
      (await vscode.workspace.findFiles(REPORT_GLOB, REPORT_EXCLUDE, 10000, token)).map((u) => u.toString()).sort(),
  };
}

export async function coverageCommand(
  server: ServerManager,
  reports: ReportProvider,
  editors: EditorTracker,
): Promise<void> {
  const editor = editors.target();
  const scope = await pickCoverageScope(editors, vscode.l10n.t('Citation and Coverage Report'));
  if (!scope) return;
  const client = await server.ready();
  if (!client) return;
  const markdown = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Building the citation and coverage report…'),
      cancellable: true,
    },
    async (_progress, token) => {
      const uris = await scope.uris(token);
      const result = await client.sendRequest(CoverageRequest, { uris }, token);
      return result?.markdown;
    },
  );
  if (typeof markdown !== 'string') return;
  const name =
    scope.scope === 'document' && editor ? `${basename(editor.document.uri)}-coverage.md` : 'workspace-coverage.md';
  const uri = reports.set(name, markdown);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: false });
  }
}

function basename(uri: vscode.Uri): string {
  const b = uri.path.split('/').pop() || 'document';
  return b.replace(/\.[^.]+$/, '');
}

export async function restartCommand(server: ServerManager): Promise<void> {
  await server.restart();
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Action plan language server restarted.'), 3000);
}

export async function treeOpenCommand(element: TreeElement | undefined): Promise<void> {
  if (!element) return;
  if (element.type === 'plan') {
    await openPlan(element.plan);
    return;
  }
  await openPlan(element.plan, (doc) => locateNode(element, doc));
}

export async function treeInsertCommand(element: TreeElement | undefined, editors: EditorTracker): Promise<void> {
  if (!element || element.type !== 'node') return;
  const editor = editors.target();
  if (!editor) {
    await vscode.env.clipboard.writeText(element.node.citation);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No open document: copied {0} to the clipboard.', element.node.citation),
    );
    return;
  }
  await insertText(await showTarget(editor), element.node.citation);
}

/** Opens an `action-plan:/<plan>.txt#L<n>` link (from a hover or completion documentation) at its line. */
export async function openLinkCommand(uri: unknown): Promise<void> {
  const link = typeof uri === 'string' ? parsePlanLink(uri) : undefined;
  if (!link) return;
  await openPlan(link.plan, (doc) => {
    if (link.line === undefined) return undefined;
    const line = Math.min(link.line, doc.lineCount - 1);
    return new vscode.Range(line, 0, line, 0);
  });
}

interface DocxItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

/**
 * 生成审阅稿: the server writes IN（审阅）.docx beside a .docx of the workspace (a Word comment per finding, tracked
 * changes for the automatic fixes). From the explorer's context menu (the file) or the palette (pick one).
 */
export async function reviewDocxCommand(server: ServerManager, arg?: unknown): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  if (!uri) {
    const files = await vscode.workspace.findFiles('**/*.docx', '**/{node_modules,.git}/**', 2000);
    const items: DocxItem[] = files
      .filter((f) => !/^~\$/.test(f.path.split('/').pop() ?? '') && !/（审阅）\.docx$/i.test(f.path))
      .map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f }))
      .sort((a, b) => a.label.localeCompare(b.label));
    if (items.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No .docx files in the workspace.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Generate Reviewed Copy'),
      placeHolder: vscode.l10n.t('Choose a Word document'),
    });
    if (!picked) return;
    uri = picked.uri;
  }
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Only local .docx files can be reviewed.'));
    return;
  }
  const client = await server.ready();
  if (!client) return;
  const name = uri.path.split('/').pop() ?? '';
  try {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Generating the reviewed copy of {0}…', name),
      },
      () =>
        client.sendRequest(ReviewDocxRequest, {
          uri: uri.toString(),
          lang: vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en',
        }),
    );
    if (!result) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The reviewed copy could not be written (see the output).'));
      return;
    }
    const output = vscode.Uri.parse(result.output);
    const reveal = vscode.l10n.t('Reveal in File Explorer');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Wrote {0}: {1} comment(s), {2} tracked change(s).',
        output.path.split('/').pop() ?? '',
        result.comments,
        result.revisions,
      ),
      reveal,
    );
    if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', output);
  } catch (e) {
    void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
  }
}
