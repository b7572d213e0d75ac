// A minimal LSP client over stdio for the benchmark (vscode-jsonrpc), speaking to the language server as an editor
// would: initialize → initialized → didOpen, answers workspace/configuration, and records every publishDiagnostics
// with its arrival time.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { now } from './util';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  count: number;
  at: number;
}

export interface LspSessionOptions {
  command: string;
  args: string[];
  cwd: string;
  /** The `actionPlan` settings answered to workspace/configuration. */
  settings: Record<string, unknown>;
  rootUri: string;
}

export class LspSession {
  readonly child: ChildProcess;
  readonly conn: MessageConnection;
  readonly spawnedAt: number;
  initializeResult: any;
  initializedAt = NaN;
  readonly published: PublishedDiagnostics[] = [];
  private waiters: Array<{ pred: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }> =
    [];
  stderr = '';
  exited = false;
  /** The parameters of the latest publishDiagnostics (for payload statistics). */
  lastPublish: { uri: string; version?: number; diagnostics: unknown[] } | undefined;

  constructor(private readonly opts: LspSessionOptions) {
    this.spawnedAt = now();
    this.child = spawn(opts.command, opts.args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString('utf8')).slice(-4096);
    });
    this.child.on('exit', () => {
      this.exited = true;
    });
    this.child.on('error', (e) => {
      this.stderr += String(e);
      this.exited = true;
    });
    this.conn = createMessageConnection(
      new StreamMessageReader(this.child.stdout!),
      new StreamMessageWriter(this.child.stdin!),
    );
    this.conn.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
        const rec: PublishedDiagnostics = { uri: p.uri, version: p.version, count: p.diagnostics.length, at: now() };
        this.lastPublish = p;
        this.published.push(rec);
        if (this.published.length > 10000) this.published.splice(0, 5000);
        const keep: typeof this.waiters = [];
        for (const w of this.waiters) {
          if (w.pred(rec)) w.resolve(rec);
          else keep.push(w);
        }
        this.waiters = keep;
      },
    );
    this.conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((it) => (it.section === 'actionPlan' || it.section === undefined ? opts.settings : null)),
    );
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.onRequest('workspace/semanticTokens/refresh', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.onNotification(() => undefined);
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  /**
   * initialize → initialized; returns ms from spawn to the initialize result. `pull`: advertise pull diagnostics
   * (textDocument.diagnostic) like VS Code; without it the server pushes (publishDiagnostics), like Neovim/Helix.
   */
  async initialize(pull = false): Promise<number> {
    this.initializeResult = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.opts.rootUri,
      workspaceFolders: [{ uri: this.opts.rootUri, name: 'bench' }],
      initializationOptions: { trusted: true },
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          ...(pull ? { diagnostics: { refreshSupport: false } } : {}),
        },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: {
            versionSupport: true,
            relatedInformation: true,
            codeDescriptionSupport: true,
            dataSupport: true,
          },
          ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
          definition: { linkSupport: true },
        },
        general: { positionEncodings: ['utf-16'] },
      },
    });
    const ms = now() - this.spawnedAt;
    this.initializedAt = now();
    await this.conn.sendNotification('initialized', {});
    return ms;
  }

  /** Resolve at the first publishDiagnostics (from now on, or already received after `since`) matching `pred`. */
  waitDiagnostics(
    pred: (p: PublishedDiagnostics) => boolean,
    timeoutMs: number,
    since = -Infinity,
  ): Promise<PublishedDiagnostics> {
    const already = this.published.find((p) => p.at >= since && pred(p));
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no publishDiagnostics within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (p: PublishedDiagnostics) => {
        clearTimeout(timer);
        resolve(p);
      };
      this.waiters.push({ pred, resolve: done });
    });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async shutdown(): Promise<void> {
    if (this.exited) return;
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    await new Promise<void>((r) => {
      if (this.exited) return r();
      const t = setTimeout(() => {
        if (!this.exited) this.child.kill('SIGKILL');
        r();
      }, 2000);
      this.child.on('exit', () => {
        clearTimeout(t);
        r();
      });
    });
    this.conn.dispose();
  }
}
