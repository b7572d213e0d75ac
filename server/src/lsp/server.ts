// Entry of the language server (bundled to dist/server.js): LSP 3.17 over stdio (or node-ipc / socket, as
// vscode-languageserver decides from the command line), for any LSP editor.
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { FrameReader, LifecycleGate } from './transport';
import { EncodingMessageWriter } from './encoding';
import { loadEngines } from '../node/data';
import type { Engines } from '../core/analysis';
import { registerCodeActions, COMMANDS } from './codeActions';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../protocol';
import { registerCompletion, COMPLETION_TRIGGERS } from './completion';
import { registerCustomRequests } from './customRequests';
import { registerDiagnostics, revalidateAll } from './diagnostics';
import { registerHover } from './hover';
import { registerNavigation } from './navigation';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './documents';
import { Session } from './session';
import { setServerFlags } from './v8Flags';
import { registerSymbols } from './symbols';

// The server's V8 flags (v8Flags.ts), set before the first large allocations; editors need not pass any node flag.
// bin/action-plan-language-server.js has set them already, before this bundle was compiled (its code cache).
setServerFlags();

/**
 * The connection: over stdio (what every editor uses, and the default without a transport argument) through the
 * strict framing and lifecycle gate of transport.ts, written by encoding.ts (diagnostics encoded once); --node-ipc, --socket and --pipe are left to the library.
 */
function connect(): Connection {
  const args = process.argv.slice(2);
  if (args.some((a) => a === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(a)))
    return createConnection(ProposedFeatures.all);
  const writer = new EncodingMessageWriter(process.stdout);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const frames = new FrameReader(process.stdin, (reason) => {
    log(`[action-plan] malformed LSP header (${reason}); exiting with status 1 so that the client restarts the server`);
    process.exit(1);
  });
  const gate = new LifecycleGate(frames, writer, log);
  // As the library does for stdio: the server ends with its client, and nothing but LSP goes to stdout.
  const end = () => process.exit(gate.shutdownReceived ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  for (const k of ['log', 'info', 'debug', 'warn'] as const) console[k] = console.error;
  return createConnection(ProposedFeatures.all, gate, writer);
}

export function startServer(load: () => Engines): Session {
  const connection = connect();
  const session = new Session(connection, load);
  let pull = false;

  connection.onInitialize((params): InitializeResult => {
    session.initialize(params);
    pull = !!params.capabilities?.textDocument?.diagnostic;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: { label: '反拐行动计划助手' },
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: COMMANDS },
        ...(params.capabilities?.workspace?.workspaceFolders
          ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } }
          : {}),
        ...(pull
          ? {
              diagnosticProvider: {
                identifier: DIAGNOSTIC_SOURCE,
                interFileDependencies: false,
                workspaceDiagnostics: false,
              },
            }
          : {}),
      },
      serverInfo: { name: 'action-plan-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(
    session.requests.guardNotification('initialized', () => {
      if (session.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        void connection.client
          .register(DidChangeConfigurationNotification.type, { section: 'actionPlan' })
          .catch((e: unknown) => session.requests.logError('register didChangeConfiguration', e));
      }
      if (session.capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          session.requests.guardNotification('workspace/didChangeWorkspaceFolders', (e) => {
            const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
            const added = e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
            session.workspaceFolders = [...session.workspaceFolders.filter((f) => !removed.has(f)), ...added];
          }),
        );
      }
      // Load the data now rather than on the first keystroke.
      try {
        session.engines();
      } catch (e) {
        session.requests.logError('loading engines', e);
      }
    }),
  );

  registerDiagnostics(session);
  registerHover(session);
  registerCompletion(session);
  registerCodeActions(session);
  registerNavigation(session);
  registerSymbols(session);
  registerCustomRequests(session);

  connection.onDidChangeConfiguration(
    session.requests.guardNotification('workspace/didChangeConfiguration', (params) => {
      session.settings.changed(params?.settings);
      revalidateAll(session, pull);
    }),
  );

  session.documents.open.onDidChangeContent(
    session.requests.guardNotification('textDocument/didChangeContent', (e: { document: TextDocument }) =>
      session.changed(e.document),
    ),
  );
  session.documents.open.onDidClose(
    session.requests.guardNotification('textDocument/didClose', (e: { document: TextDocument }) => {
      session.closed(e.document.uri);
      session.settings.forget(e.document.uri);
      if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(() => undefined);
    }),
  );

  process.on('uncaughtException', (e) => session.requests.logError('uncaught exception', e));
  process.on('unhandledRejection', (e) => session.requests.logError('unhandled rejection', e));

  session.documents.open.listen(connection);
  connection.listen();
  return session;
}

startServer(loadEngines);
