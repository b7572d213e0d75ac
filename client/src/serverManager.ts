// Starts, restarts and (when the document languages change) recreates the language client.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type DocumentSelector,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { OPEN_LINK_COMMAND, RestartPolicy, rewritePlanLinks } from './util';

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
  const langs = [
    ...new Set(value.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim())),
  ];
  return langs.length > 0 ? langs : [...DEFAULT_LANGUAGES];
}

export function documentSelector(languages: readonly string[]): DocumentSelector {
  return languages.flatMap((language) => SERVED_SCHEMES.map((scheme) => ({ language, scheme })));
}

/** Whether VS Code would send this document to the server. */
export function isServedDocument(
  doc: vscode.TextDocument,
  languages: readonly string[] = configuredLanguages(),
): boolean {
  return (SERVED_SCHEMES as readonly string[]).includes(doc.uri.scheme) && languages.includes(doc.languageId);
}

/**
 * Restarts a server that died (at most 4 times in 3 minutes). vscode-languageclient's default handler shuts the
 * client down for good when the first failure it sees is a write error (EPIPE to a dead process, e.g. a request
 * sent just as the server crashed); here write/read errors only continue and the close decides.
 */
export class RestartingErrorHandler implements ErrorHandler {
  constructor(
    readonly policy: RestartPolicy,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.output.warn(`connection error (${count ?? 1}): ${error?.message ?? String(error)}`);
    // A broken connection also closes: closed() decides about the restart.
    return { action: ErrorAction.Continue, handled: true };
  }

  closed(): CloseHandlerResult {
    if (this.policy.crashed(Date.now())) {
      this.output.warn('the language server stopped unexpectedly; restarting it');
      return { action: CloseAction.Restart, handled: true };
    }
    return {
      action: CloseAction.DoNotRestart,
      message: vscode.l10n.t(
        'The language server stopped {0} times within 3 minutes and will not be restarted automatically. See the output channel 反拐行动计划助手, then run the command 重启语言服务器.',
        this.policy.max + 1,
      ),
    };
  }
}

/** Makes the server's `action-plan:` links in Markdown clickable (see rewritePlanLinks). */
function withPlanLinks<T>(value: T): T {
  if (!(value instanceof vscode.MarkdownString) || !value.value.includes('](action-plan:')) return value;
  const md = new vscode.MarkdownString(rewritePlanLinks(value.value), value.supportThemeIcons);
  md.supportHtml = value.supportHtml;
  md.baseUri = value.baseUri;
  md.isTrusted = { enabledCommands: [OPEN_LINK_COMMAND] };
  return md as T;
}

export class ServerManager implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private languages: string[] = [];
  private readonly restartPolicy = new RestartPolicy(4, 3 * 60_000);
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
            this.outputChannel.info(
              `actionPlan.languages: ${this.languages.join(', ')} → ${next.join(', ')}; restarting the client`,
            );
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
      // Size-optimised V8 heap growth: about a third less peak memory with big documents, same speed.
      run: { module, transport: TransportKind.stdio, options: { execArgv: ['--optimize-for-size'] } },
      debug: {
        module,
        transport: TransportKind.stdio,
        options: { execArgv: ['--optimize-for-size', '--nolazy', '--inspect=6019'] },
      },
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
      errorHandler: new RestartingErrorHandler(this.restartPolicy, this.outputChannel),
      middleware: {
        provideHover: async (document, position, token, next) => {
          const hover = await next(document, position, token);
          if (hover) hover.contents = hover.contents.map((c) => withPlanLinks(c));
          return hover;
        },
        provideCompletionItem: async (document, position, context, token, next) => {
          const result = await next(document, position, context, token);
          const items = Array.isArray(result) ? result : result?.items;
          for (const item of items ?? []) item.documentation = withPlanLinks(item.documentation);
          return result;
        },
        resolveCompletionItem: async (item, token, next) => {
          const resolved = await next(item, token);
          if (resolved) resolved.documentation = withPlanLinks(resolved.documentation);
          return resolved;
        },
      },
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
        void vscode.window.showErrorMessage(
          vscode.l10n.t('The language server could not be started: {0}', String(err)),
        );
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
    this.restartPolicy.reset();
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

  /**
   * Stops the current client and starts a new one (new document selector / trust / initialization options).
   * Serialised: a recreate waits for a start or recreate in flight, so none is lost or interleaved.
   */
  recreate(): Promise<void> {
    const next = this.queue.then(() => this.doRecreate());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doRecreate(): Promise<void> {
    this.restartPolicy.reset();
    if (this.starting) await this.starting.catch(() => undefined);
    const old = this.client;
    this.client = undefined;
    if (old) {
      try {
        if (old.state === State.Running) await old.stop(2000);
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
