// Request guarding: every handler runs inside a guard, so that no exception, cancellation or malformed request can
// take the server down; errors are logged to the client's console; tests inject faults by name.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { CancelledError } from '../core/types';

/** Where errors go (the connection's console). */
export interface ErrorConsole {
  error(message: string): void;
}

export class RequestGuard {
  /**
   * Test hook (fault injection): ACTION_PLAN_FAULT=<method>[,<method>…] (or `*`) makes the first call of each named
   * guarded handler throw, so tests can prove that any exception is contained and logged. Unset in normal use.
   */
  private readonly faults: Set<string>;
  private readonly faultsFired = new Set<string>();

  constructor(
    private readonly console: ErrorConsole,
    faults: string = process.env.ACTION_PLAN_FAULT ?? '',
  ) {
    this.faults = new Set(faults.split(',').filter(Boolean));
  }

  logError(where: string, e: unknown): void {
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
    this.console.error(`[action-plan] ${where}: ${msg}`);
  }

  /** Throws the injected fault of `name` the first time it is reached (see `faults`); a no-op otherwise. */
  injectFault(name: string): void {
    if (!(this.faults.has(name) || this.faults.has('*')) || this.faultsFired.has(name)) return;
    this.faultsFired.add(name);
    throw new Error(`ACTION_PLAN_FAULT: injected fault in ${name}`);
  }

  /**
   * Wrap a request handler: cancellation → RequestCancelled error; any other exception is logged and answered with
   * `fallback` (ResponseErrors pass through), so that no request can take the server down.
   */
  guard<P, R>(
    name: string,
    fallback: R,
    fn: (params: P, token: CancellationToken) => R | Promise<R>,
  ): (params: P, token: CancellationToken) => Promise<R> {
    return async (params: P, token: CancellationToken) => {
      const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, '请求已取消 / request cancelled');
      if (token?.isCancellationRequested) throw cancelled();
      try {
        this.injectFault(name);
        const r = await fn(params, token);
        if (token?.isCancellationRequested) throw cancelled();
        return r;
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        if (token?.isCancellationRequested) throw cancelled();
        if (e instanceof CancelledError) {
          // Not cancelled by the client: the document changed while the request waited for its analysis.
          throw new ResponseError(LSPErrorCodes.ContentModified, '文档已更改 / content modified');
        }
        this.logError(name, e);
        return fallback;
      }
    };
  }

  /** Wrap a notification handler: exceptions are logged. */
  guardNotification<P>(name: string, fn: (params: P) => void | Promise<void>): (params: P) => void {
    return (params: P) => {
      try {
        this.injectFault(name);
        const r = fn(params);
        if (r && typeof (r as Promise<void>).catch === 'function') {
          (r as Promise<void>).catch((e) => this.logError(name, e));
        }
      } catch (e) {
        this.logError(name, e);
      }
    };
  }
}

/** Validate an LSP position param. */
export function positionOf(params: unknown): { line: number; character: number } {
  const p = (params as { position?: { line?: unknown; character?: unknown } } | undefined)?.position;
  if (!p || typeof p.line !== 'number' || typeof p.character !== 'number' || p.line < 0 || p.character < 0) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'position 无效 / invalid position');
  }
  return { line: p.line, character: p.character };
}

/** The `textDocument.uri` of request params, or an InvalidParams error. */
export function documentUriOf(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
  if (typeof uri !== 'string')
    throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri 缺失 / missing textDocument.uri');
  return uri;
}
