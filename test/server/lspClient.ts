// A real JSON-RPC client for the real language server: spawns `node dist/server.js --stdio` and speaks LSP over
// the child's stdio with vscode-jsonrpc. Used by every test in test/server/.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export const ROOT = findRoot();
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'server');
/** The fixed "today" of every test server (ACTION_PLAN_TODAY). */
export const TODAY = '2026-06-01';

function findRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server'))) return dir;
    dir = join(dir, '..');
  }
  throw new Error('repository root not found');
}

/** The environment of a child process: without node:test's NODE_TEST_CONTEXT (which would make a child node
 * report to the test runner over its stdout). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

export function fixtureUri(name: string): string {
  return pathToFileURL(join(FIXTURES, name)).href;
}
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  data?: unknown;
}

/** How long a test waits for an event before calling it a hang (not a performance expectation). */
export const HANG_LIMIT_MS = 300_000;

export interface StartOptions {
  /** Advertise pull diagnostics (textDocument.diagnostic). Default false: push. */
  pull?: boolean;
  initializationOptions?: Record<string, unknown>;
  /** `initialize.locale` (messages follow it: zh* → Chinese, else English). */
  locale?: string;
  /** The actionPlan section answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  workspaceFolders?: string[];
  /** Extra client capabilities merged in. */
  capabilities?: Record<string, unknown>;
  env?: Record<string, string>;
  /** The script to run instead of dist/server.js (e.g. the bin wrapper). */
  command?: string;
}

export class TestServer {
  readonly published = new Map<string, Array<{ version?: number; diagnostics: Diag[] }>>();
  readonly messages: Array<{ type: number; message: string }> = [];
  readonly logs: string[] = [];
  readonly appliedEdits: unknown[] = [];
  settings: Record<string, unknown>;
  applyEditResult = { applied: true };
  private waiters: Array<() => void> = [];
  /** Rejects when the server process exits. */
  exited: Promise<never> = new Promise(() => undefined);
  private stderr = '';

  private constructor(
    readonly child: ChildProcess,
    readonly conn: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<TestServer> {
    const server = options.command ?? join(ROOT, 'dist', 'server.js');
    const child = spawn(process.execPath, [server, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: childEnv({ ACTION_PLAN_TODAY: TODAY, ...options.env }),
    });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const t = new TestServer(child, conn, options.settings ?? {});
    child.stderr!.on('data', (d) => (t.stderr += String(d)));
    conn.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
        let list = t.published.get(p.uri);
        if (!list) t.published.set(p.uri, (list = []));
        list.push({ version: p.version, diagnostics: p.diagnostics });
        t.wake();
      },
    );
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      t.messages.push(p);
      t.wake();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      t.logs.push(p.message);
    });
    conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
      p.items.map((i) => (i.section === 'actionPlan' ? t.settings : null)),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => {
      t.logs.push('refresh');
      t.wake();
      return null;
    });
    conn.onRequest('workspace/applyEdit', (p: unknown) => {
      t.appliedEdits.push(p);
      t.wake();
      return t.applyEditResult;
    });
    conn.listen();
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`server exited (${code}): ${t.stderr}`))),
    );
    exited.catch(() => undefined);
    t.exited = exited;
    const folders = options.workspaceFolders ?? [];
    const capabilities = {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: false },
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        diagnostics: options.pull ? { refreshSupport: true } : undefined,
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false } },
        publishDiagnostics: { versionSupport: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
      ...options.capabilities,
    };
    await Promise.race([
      exited,
      conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
        workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: f })),
        capabilities,
        ...(options.locale !== undefined ? { locale: options.locale } : {}),
        initializationOptions: options.initializationOptions,
      }),
    ]);
    await conn.sendNotification('initialized', {});
    return t;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /**
   * Resolve when `pred` holds (checked after every notification), or reject after `ms`: a limit against hangs only,
   * never a deadline a test asserts (CI is a loaded 2-core machine; no test asserts a duration).
   */
  async until<T>(pred: () => T | undefined | false, ms = HANG_LIMIT_MS, what = 'condition'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = pred();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0 || this.child.exitCode !== null) {
        throw new Error(
          `${this.child.exitCode !== null ? 'server exited' : 'timed out'} waiting for ${what}; stderr: ${this.stderr}`,
        );
      }
      await new Promise<void>((r) => {
        const timer = setTimeout(r, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }

  /** The diagnostics pushed for `uri` at `version` (waits for them). */
  diagnostics(uri: string, version = 1): Promise<Diag[]> {
    return this.until(
      () => this.published.get(uri)?.find((p) => p.version === version)?.diagnostics,
      HANG_LIMIT_MS,
      `diagnostics of ${uri} v${version}`,
    );
  }

  open(uri: string, text: string, languageId = 'markdown', version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: Array<{ range?: Diag['range']; text: string }>): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return Promise.race([this.exited, this.conn.sendRequest(method, params) as Promise<R>]);
  }

  /** Send a request and cancel it right away; resolves with the response or rejects with its error. */
  requestAndCancel<R = any>(method: string, params: unknown, afterMs = 0): Promise<R> {
    const source = new CancellationTokenSource();
    const p = this.conn.sendRequest(method, params, source.token) as Promise<R>;
    if (afterMs) setTimeout(() => source.cancel(), afterMs);
    else source.cancel();
    return p;
  }

  hover(uri: string, line: number, character: number): Promise<any> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  alive(): boolean {
    return this.child.exitCode === null;
  }

  get stderrText(): string {
    return this.stderr;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((r) => {
      if (this.child.exitCode !== null) return r();
      const timer = setTimeout(() => {
        this.child.kill();
        r();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        r();
      });
    });
    this.conn.dispose();
  }
}
