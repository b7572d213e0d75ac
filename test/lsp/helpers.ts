// In-process doubles for the LSP glue's unit tests: a connection that only records what the modules register or
// send, so documents, guards, settings and custom agency files are tested without spawning a server.
import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver/node';
import type { MessageType } from 'vscode-languageserver/node';

type Handler = (params: never) => unknown;

/** The text-document sync part of a connection (what TextDocuments.listen uses); `open`/`change`/`close` drive it. */
export class FakeSyncConnection {
  private handlers = new Map<string, Handler>();
  private on = (name: string) => (h: Handler) => {
    this.handlers.set(name, h);
    return { dispose: () => this.handlers.delete(name) };
  };
  onDidOpenTextDocument = this.on('open');
  onDidChangeTextDocument = this.on('change');
  onDidCloseTextDocument = this.on('close');
  onWillSaveTextDocument = this.on('willSave');
  onWillSaveTextDocumentWaitUntil = this.on('willSaveWaitUntil');
  onDidSaveTextDocument = this.on('save');

  private fire(name: string, params: unknown): void {
    const h = this.handlers.get(name);
    if (!h) throw new Error(`no ${name} handler`);
    h(params as never);
  }
  open(uri: string, text: string, version = 1): void {
    const p: DidOpenTextDocumentParams = { textDocument: { uri, languageId: 'markdown', version, text } };
    this.fire('open', p);
  }
  change(uri: string, text: string, version: number): void {
    const p: DidChangeTextDocumentParams = { textDocument: { uri, version }, contentChanges: [{ text }] };
    this.fire('change', p);
  }
  close(uri: string): void {
    this.fire('close', { textDocument: { uri } });
  }
}

/** Records showMessage, console and invalidation calls of the modules under test. */
export class Recorder {
  messages: { type: MessageType; message: string }[] = [];
  console: string[] = [];
  errors: { where: string; e: unknown }[] = [];
  invalidations = 0;
  invalidateAll = () => {
    this.invalidations++;
  };
  showMessage = (type: MessageType, message: string) => {
    this.messages.push({ type, message });
  };
  logError = (where: string, e: unknown) => {
    this.errors.push({ where, e });
  };
  logToConsole = (message: string) => {
    this.console.push(message);
  };
}
