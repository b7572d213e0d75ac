// 显示覆盖地图 / Show Coverage Map: a webview panel with the coverage map of the current document or the workspace.
// Thin: the server computes the map and renders its HTML (actionPlan/coverageMap); the panel wraps it in a page with a
// strict Content-Security-Policy (no remote resources; one nonce'd inline script and stylesheet), refreshes it as the
// documents change, and on a click on a cell shows the node's text and the citing lines (each opens the document
// there). The plan tree view shows the same states (PlanTreeProvider.setCoverage).
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { openPlan } from './planDocuments';
import type { PlanTreeProvider } from './planTree';
import { CoverageMapRequest, type CoverageMapResult, type CoveragePlace, type ReviewFlag } from './protocol';
import { isServedDocument, type ServerManager } from './serverManager';
import { pickCoverageScope, type CoverageScope, type EditorTracker } from './commands';

export const COVERAGE_MAP_VIEW_TYPE = 'actionPlan.coverageMap';
const REFRESH_DELAY_MS = 400;
const MAX_DETAIL_PLACES = 500;

/** The reader's language for the server's rendering: the display language (zh* → Chinese), else English. */
export function readerLang(language: string = vscode.env.language): 'zh' | 'en' {
  return language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export class CoverageMapPanel implements vscode.Disposable {
  private static current: CoverageMapPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private result: CoverageMapResult | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cancel: vscode.CancellationTokenSource | undefined;
  /** Places of the cell shown in the detail, by index (the webview sends the index back). */
  private places: CoveragePlace[] = [];
  private selected: string | undefined;
  private loaded = false;

  /** The panel showing now (the in-editor tests read it). */
  static get active(): CoverageMapPanel | undefined {
    return CoverageMapPanel.current;
  }

  static async show(server: ServerManager, tree: PlanTreeProvider, editors: EditorTracker): Promise<void> {
    const scope = await pickCoverageScope(editors, vscode.l10n.t('Show Coverage Map'));
    if (!scope) return;
    CoverageMapPanel.current?.dispose();
    CoverageMapPanel.current = new CoverageMapPanel(server, tree, scope);
    await CoverageMapPanel.current.refresh();
  }

  private readonly panel: vscode.WebviewPanel;
  private readonly nonce = randomBytes(16).toString('base64');

  private constructor(
    private readonly server: ServerManager,
    private readonly tree: PlanTreeProvider,
    private readonly scope: CoverageScope,
  ) {
    const name = scope.document
      ? vscode.workspace.asRelativePath(scope.document.uri)
      : vscode.l10n.t('Whole workspace');
    this.panel = vscode.window.createWebviewPanel(
      COVERAGE_MAP_VIEW_TYPE,
      vscode.l10n.t('Coverage Map: {0}', name),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
    );
    this.panel.webview.html = this.page('', '');
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.covers(e.document)) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.scope.scope === 'workspace' && !isServedDocument(d)) this.schedule(); // a .docx saved from elsewhere
      }),
      server.onDidStart(() => this.schedule()),
    );
  }

  private covers(doc: vscode.TextDocument): boolean {
    if (this.scope.document) return doc.uri.toString() === this.scope.document.uri.toString();
    return isServedDocument(doc) && vscode.workspace.getWorkspaceFolder(doc.uri) !== undefined;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  /** Asks the server for the map again and shows it (a newer refresh cancels an older one). */
  async refresh(): Promise<void> {
    this.cancel?.cancel();
    const cancel = (this.cancel = new vscode.CancellationTokenSource());
    const client = await this.server.ready();
    if (!client || cancel.token.isCancellationRequested) return;
    let result: CoverageMapResult | null;
    try {
      const uris = await this.scope.uris(cancel.token);
      result = await client.sendRequest(CoverageMapRequest, { uris, lang: readerLang() }, cancel.token);
    } catch (err) {
      if (!cancel.token.isCancellationRequested)
        this.server.outputChannel.error(`actionPlan/coverageMap: ${String(err)}`);
      return;
    }
    if (cancel.token.isCancellationRequested || !result || this.disposed) return;
    this.result = result;
    this.tree.setCoverage(result);
    if (!this.loaded) {
      this.panel.webview.html = this.page(result.html, result.css);
      this.loaded = true;
    } else {
      void this.panel.webview.postMessage({ type: 'update', html: result.html });
    }
    if (this.selected) this.showDetail(this.selected);
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!m || typeof m !== 'object') return;
    const msg = m as { type?: unknown; path?: unknown; index?: unknown };
    if (msg.type === 'select' && typeof msg.path === 'string') this.showDetail(msg.path);
    else if (msg.type === 'reveal' && typeof msg.index === 'number') await this.reveal(this.places[msg.index]);
    else if (msg.type === 'openPlan' && typeof msg.path === 'string') await this.openPlanAt(msg.path);
  }

  /** The detail of a cell: its citation, state, full text and citing lines. */
  private showDetail(path: string): void {
    const r = this.result;
    const cell = r && r.map.parts.flatMap((p) => p.sections.flatMap((s) => s.cells)).find((c) => c.path === path);
    if (!r || !cell) return;
    this.selected = path;
    // At most MAX_DETAIL_PLACES lines are listed (a measure cited 10^5 times must not flood the webview).
    const all = [...cell.places, ...cell.flags.map((f) => f.place).filter((p) => !cell.places.includes(p))];
    this.places = all.slice(0, MAX_DETAIL_PLACES);
    const via: Record<Exclude<CoveragePlace['via'], 'expired'>, string> = {
      self: vscode.l10n.t('cites it'),
      item: vscode.l10n.t('cites a sub-item'),
      measure: vscode.l10n.t('cites its measure'),
      'wrong-path': vscode.l10n.t('path does not exist'),
    };
    // Through the crosswalk: the plan the place cites (its id, e.g. 2013—2020).
    const viaOf = (p: CoveragePlace) =>
      p.via === 'expired' ? vscode.l10n.t('via the {0} plan', p.plan.replace('-', '—')) : via[p.via];
    void this.panel.webview.postMessage({
      type: 'detail',
      path,
      citation: cell.citation,
      state: `${r.labels[cell.state].symbol} ${r.labels[cell.state].label}`,
      text: r.nodes[path]?.text ?? cell.heading,
      openLabel: vscode.l10n.t('Open in plan text'),
      placesLabel: all.length
        ? vscode.l10n.t('Cited at ({0})', all.length)
        : vscode.l10n.t('Not cited in these documents.'),
      flagsLabel: cell.flags.length ? vscode.l10n.t('Needs a look ({0})', cell.flags.length) : '',
      // Each flag in words: a review check's message in the reader's language, else the path that does not exist.
      flags: cell.flags.map((f) => {
        const r = f as Partial<ReviewFlag>;
        const text =
          typeof r.message === 'string'
            ? readerLang() === 'zh'
              ? r.message
              : (r.messageEn ?? r.message)
            : f.place.canonical;
        return `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.place.uri))}:${f.place.range.start.line + 1} ${f.code}: ${text}`;
      }),
      places: this.places.map((p, index) => ({
        index,
        where: `${vscode.workspace.asRelativePath(vscode.Uri.parse(p.uri))}:${p.range.start.line + 1}`,
        via: viaOf(p),
        line: p.lineText,
      })),
    });
  }

  private async reveal(place: CoveragePlace | undefined): Promise<void> {
    if (!place) return;
    const range = new vscode.Range(
      place.range.start.line,
      place.range.start.character,
      place.range.end.line,
      place.range.end.character,
    );
    const uri = vscode.Uri.parse(place.uri);
    const column =
      vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === place.uri)?.viewColumn ??
      vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, selection: range, preview: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async openPlanAt(path: string): Promise<void> {
    const r = this.result;
    const line = r?.nodes[path]?.line;
    if (!r || line === undefined) return;
    await openPlan(r.map.plan, (doc) => {
      const l = Math.min(line, doc.lineCount - 1);
      return new vscode.Range(l, 0, l, doc.lineAt(l).text.length);
    });
  }

  /** The page: CSP without remote resources, the server's stylesheet and map, the detail area and the script. */
  private page(html: string, css: string): string {
    const n = this.nonce;
    const lang = readerLang() === 'zh' ? 'zh-CN' : 'en';
    const loading = vscode.l10n.t('Building the coverage map…');
    return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width,initial-scale=1">
<style nonce="${n}">${css}
body{margin:0;padding:.8em 1.2em}button.cell{font:inherit;font-size:.8em}button.cell.item{font-size:.72em}
#detail:empty{display:none}
#detail{position:sticky;bottom:0;max-height:45vh;overflow:auto;background:var(--bg);border-top:2px solid var(--line);padding:.3em 0 .6em}
@media (min-width:1000px){body{display:grid;grid-template-columns:minmax(0,1fr) minmax(18em,26em);gap:1.2em;align-items:start}
#detail{top:0;bottom:auto;max-height:100vh;border-top:0;border-left:2px solid var(--line);padding:0 0 0 1em}}
#detail h2{font-size:1.05em;margin:.3em 0}#detail h3{font-size:.95em;margin:.6em 0 .2em}
#detail pre{white-space:pre-wrap;font:inherit;margin:.4em 0}
#detail .open,#detail .place{font:inherit;background:none;border:1px solid var(--line);border-radius:3px;color:var(--fg);cursor:pointer;
padding:.2em .5em;text-align:left;margin:.15em 0}#detail .place{display:block;width:100%}#detail .where{font-weight:600;margin-right:.5em}
#detail .via{color:var(--muted);margin-right:.5em}#detail .flags{margin:.2em 0;padding-left:1.2em;color:var(--wrong)}</style></head>
<body><div id="map" aria-busy="${html ? 'false' : 'true'}">${html || `<p class="muted">${escapeHtml(loading)}</p>`}</div>
<aside id="detail" aria-live="polite"></aside>
<script nonce="${n}">${WEBVIEW_SCRIPT}</script></body></html>`;
  }

  private disposed = false;
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (CoverageMapPanel.current === this) CoverageMapPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.cancel?.cancel();
    this.tree.setCoverage(undefined);
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The webview's script: clicks on cells and citing lines go to the extension; the detail is built with textContent. */
const WEBVIEW_SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  const map = document.getElementById('map');
  const detail = document.getElementById('detail');
  let selected = (vscode.getState() || {}).selected;
  const mark = () => {
    for (const c of map.querySelectorAll('.cell.selected')) c.classList.remove('selected');
    if (!selected) return;
    for (const c of map.querySelectorAll('.cell[data-path]')) if (c.dataset.path === selected) c.classList.add('selected');
  };
  document.addEventListener('click', (e) => {
    const t = e.target instanceof Element ? e.target : null;
    const cell = t && t.closest('.cell[data-path]');
    if (cell) {
      selected = cell.dataset.path;
      vscode.setState({ selected });
      mark();
      vscode.postMessage({ type: 'select', path: selected });
      return;
    }
    const place = t && t.closest('[data-place]');
    if (place) vscode.postMessage({ type: 'reveal', index: Number(place.dataset.place) });
    const open = t && t.closest('[data-open-plan]');
    if (open) vscode.postMessage({ type: 'openPlan', path: open.dataset.openPlan });
  });
  const el = (tag, cls, text) => { const x = document.createElement(tag); if (cls) x.className = cls; if (text !== undefined) x.textContent = text; return x; };
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m.type === 'update') { map.innerHTML = m.html; map.setAttribute('aria-busy', 'false'); mark(); }
    else if (m.type === 'detail') {
      detail.replaceChildren();
      detail.dataset.path = m.path;
      const h = el('h2', '', m.citation + ' · ' + m.state);
      const open = el('button', 'open', m.openLabel); open.type = 'button'; open.dataset.openPlan = m.path;
      const list = el('div', 'places');
      for (const p of m.places) {
        const b = el('button', 'place'); b.type = 'button'; b.dataset.place = String(p.index);
        b.append(el('span', 'where', p.where), el('span', 'via', p.via), el('span', 'line', p.line));
        list.append(b);
      }
      detail.append(h, open);
      if (m.flags.length) {
        const ul = el('ul', 'flags');
        for (const f of m.flags) ul.append(el('li', '', f));
        detail.append(el('h3', '', m.flagsLabel), ul);
      }
      detail.append(el('h3', '', m.placesLabel), list, el('pre', '', m.text));
      detail.scrollTop = 0;
    }
  });
  mark();
})();`;
