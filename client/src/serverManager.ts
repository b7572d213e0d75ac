// Starts, restarts and (when the document languages change) recreates the language client.
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

export const CLIENT_ID = 'actionPlan';
/** The product's name: the output channel and the language client's name. */
export const CLIENT_NAME = '反拐行动计划助手';
/** Schemes whose documents the server analyses. `action-plan:` (the plan texts) is deliberately not one. */
export const SERVED_SCHEMES = ['file', 'untitled', 'vscode-vfs'] as const;
export const DEFAULT_LANGUAGES = ['markdown', 'plaintext'];

/** The document languages to serve, from the setting `actionPlan.languages` (bad values fall back to the default). */
export function configuredLanguages(): string[] {
  const value = vscode.workspace.getConfiguration('actionPlan').get<unknown>('languages');
  if (!Array.isArray(value)) return [...DEFAULT_LANGUAGES];
  const langs = [...new Set(value.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()))];
  return langs.length > 0 ? langs : [...DEFAULT_LANGUAGES];
}

export function documentSelector(languages: readonly string[]): DocumentSelector {
  return languages.flatMap((language) => SERVED_SCHEMES.map((scheme) => ({ language, scheme })));
}

/** Whether VS Code would send this document to the server. */
export function isServedDocument(doc: vscode.TextDocument, languages: readonly string[] = configuredLanguages()): boolean {
  return (SERVED_SCHEMES as readonly string[]).includes(doc.uri.scheme) && languages.includes(doc.languageId);
}

export class ServerManager implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private languages: string[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDidStartEmitter = new vscode.EventEmitter<LanguageClient>();
  /** Fires every time a (re)started server has finished initialising. */
  readonly onDidStart = this.onDidStartEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly outputChannel: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.onDidStartEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('actionPlan.languages')) {
          const next = configuredLanguages();
          if (next.join('\n') !== this.languages.join('\n')) {
            this.outputChannel.info(`actionPlan.languages: ${this.languages.join(', ')} → ${next.join(', ')}; restarting the client`);
            void this.recreate();
          }
        }
      }),
      // Custom agency files are read only in trusted workspaces: tell the server by restarting it.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.outputChannel.info('workspace trusted; restarting the server (custom agencies may now be read)');
        void this.recreate();
      }),
    );
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    this.languages = configuredLanguages();
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(this.languages),
      outputChannel: this.outputChannel,
      synchronize: { configurationSection: 'actionPlan' },
      initializationOptions: () => ({
        // Custom agency files (workspace-controlled paths) are read only in trusted workspaces.
        trusted: vscode.workspace.isTrusted,
        // Definitions and links point at action-plan:/<plan>.txt, served by PlanTextProvider.
        planTextScheme: 'action-plan',
        locale: vscode.env.language,
      }),
      diagnosticCollectionName: CLIENT_ID,
      // The default error handler restarts a server that dies (up to 4 times in 3 minutes).
      connectionOptions: { maxRestartCount: 4 },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    // Every (re)start, including the error handler's automatic restart after a crash, reaches Running here.
    client.onDidChangeState((e) => {
      if (e.newState !== State.Running || this.client !== client) return;
      this.outputChannel.info(`started for ${this.languages.join(', ')} (trusted: ${vscode.workspace.isTrusted})`);
      this.onDidStartEmitter.fire(client);
    });
    return client;
  }

  /** Starts the server if it is not running; resolves to the running client (undefined when it cannot start). */
  start(): Promise<LanguageClient | undefined> {
    if (this.client && this.client.state === State.Running) return Promise.resolve(this.client);
    if (this.starting) return this.starting;
    const client = (this.client ??= this.create());
    this.starting = (async () => {
      try {
        await client.start();
        return client;
      } catch (err) {
        this.outputChannel.error(vscode.l10n.t('The language server could not be started: {0}', String(err)));
        void vscode.window.showErrorMessage(vscode.l10n.t('The language server could not be started: {0}', String(err)));
        return undefined;
      } finally {
        this.starting = undefined;
      }
    })();
    return this.starting;
  }

  /** The running client, starting it first when needed. */
  async ready(): Promise<LanguageClient | undefined> {
    if (this.client?.state === State.Running) return this.client;
    if (this.client?.state === State.Starting && this.starting) return this.starting;
    return this.start();
  }

  get running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  async restart(): Promise<void> {
    const client = this.client;
    if (!client) {
      await this.start();
      return;
    }
    try {
      if (client.state === State.Running) {
        await client.restart();
        return;
      }
    } catch (err) {
      this.outputChannel.warn(`restart: ${String(err)}`);
    }
    await this.recreate();
  }

  /** Stops the current client and starts a new one (new document selector / trust / initialization options). */
  async recreate(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    if (old) {
      try {
        if (old.state !== State.Stopped) await old.stop(2000);
      } catch (err) {
        this.outputChannel.warn(`stop: ${String(err)}`);
      }
      try {
        await old.dispose(2000);
      } catch {
        // already stopped
      }
    }
    await this.start();
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables.splice(0)) d.dispose();
    const client = this.client;
    this.client = undefined;
    if (client) await client.dispose(2000).catch(() => undefined);
  }
}
