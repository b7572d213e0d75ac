// The language server's state: open documents, settings, engines, per-document analysis (debounced, cached per
// version), plan-text URIs and the guard that keeps every handler from taking the server down.
import { langOf, type Lang } from '../core/catalog/rules';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, analyzeTextAsync, type AnalysisResult, type Engines } from '../core/analysis';
import { createActionPlanService, type ActionPlanService } from '../core/service';
import { diskWorkspace, systemClock } from '../node/environment';
import { dataDir } from '../node/data';
import { localityOf } from '../core/features/locality';
import type { FeatureContext, PlanLinker } from '../core/features/common';
import type { PlanNode } from '../core/plan/model';
import { CancelledError, type PlanId, type Settings } from '../core/types';
import { planTextRange } from '../core/features/navigation';
import { SettingsStore } from './config';

/**
 * Quiet time after an edit before push diagnostics are computed. Short, because re-analysis after an edit only
 * analyses the changed lines (AnalysisCache) and runs asynchronously, cancelled by the next edit.
 */
export const DEBOUNCE_MS = 30;
/**
 * Findings kept per document (the rest are counted by severity): a million findings would hold ~300 MB and make
 * every garbage collection long. Diagnostics show the first 20,000 anyway; fix-all and quick fixes cover the kept ones.
 */
export const MAX_KEPT_FINDINGS = 100_000;
export { PLAN_SCHEME } from '../protocol';
import { PLAN_SCHEME } from '../protocol';

interface DocState {
  cache: AnalysisCache;
  /**
   * The document's content revision: a fresh number from a session-wide counter at every open and change, so
   * analyses and resultIds are keyed by the content actually held, never by the client's version alone (a change
   * that keeps or lowers the version, or a second didOpen with the same version, is new content all the same).
   */
  rev: number;
  result?: { rev: number; generation: number; analysis: AnalysisResult; settings: Settings };
  timer?: NodeJS.Timeout;
  /** The analysis in progress (one per document; a newer revision cancels it). */
  running?: {
    rev: number;
    generation: number;
    cancel: { isCancellationRequested: boolean };
    promise: Promise<{ analysis: AnalysisResult; settings: Settings }>;
  };
}

export interface InitOptions {
  planTextScheme: 'action-plan' | 'file';
  trusted: boolean;
}

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly settings: SettingsStore;
  capabilities: ClientCapabilities = {};
  init: InitOptions = { planTextScheme: 'file', trusted: true };
  workspaceFolders: string[] = [];
  /** Bumped whenever settings or the agency registry change: every cached analysis is stale. */
  generation = 0;
  private states = new Map<string, DocState>();
  private revCounter = 0;
  private enginesValue: Engines | undefined;
  private enginesError: string | undefined;
  private tooLargeWarned = new Set<string>();
  /** Called after a document was analysed (push diagnostics). */
  onAnalysed: (doc: TextDocument, analysis: AnalysisResult, settings: Settings) => void = () => {};
  /** The language of diagnostics, fix titles and hovers: the client's `initialize.locale` (zh* → zh, else en). */
  lang: Lang = 'en';
  /** The core service: clock (ACTION_PLAN_TODAY fixes "today" for tests), engines, workspace files, logger. */
  readonly service: ActionPlanService;

  constructor(
    readonly connection: Connection,
    private readonly loadEngines: () => Engines,
  ) {
    this.settings = new SettingsStore(this);
    this.service = createActionPlanService({
      clock: systemClock(),
      engines: () => this.engines(),
      workspace: diskWorkspace(() => this.workspaceFolders),
      logger: { error: (where, e) => this.logError(where, e) },
    });
  }

  initialize(params: InitializeParams): void {
    this.capabilities = params.capabilities ?? {};
    this.lang = langOf(params.locale);
    const o = (params.initializationOptions ?? {}) as Record<string, unknown>;
    this.init = {
      planTextScheme: o.planTextScheme === 'action-plan' ? 'action-plan' : 'file',
      trusted: o.trusted !== false,
    };
    this.settings.initial(o.settings);
    const folders: string[] = [];
    // Malformed entries (not an array, a folder without a string uri) are skipped, never fatal.
    for (const f of Array.isArray(params.workspaceFolders) ? params.workspaceFolders : []) {
      const p = typeof f?.uri === 'string' ? uriToPath(f.uri) : undefined;
      if (p) folders.push(p);
    }
    if (!folders.length && typeof params.rootUri === 'string') {
      const p = uriToPath(params.rootUri);
      if (p) folders.push(p);
    }
    if (!folders.length && typeof params.rootPath === 'string' && params.rootPath) folders.push(params.rootPath);
    this.workspaceFolders = folders;
  }

  /** The engines (plan index, citations, agencies), loaded on first use. Throws a clear error when unavailable. */
  engines(): Engines {
    if (this.enginesValue) return this.enginesValue;
    if (this.enginesError) throw new Error(this.enginesError);
    try {
      this.enginesValue = this.loadEngines();
      return this.enginesValue;
    } catch (e) {
      this.enginesError = `无法加载计划索引或机构库，请运行 npm run build:data / cannot load the plan index or agency registry: ${
        (e as Error).message
      }`;
      this.showMessage(MessageType.Error, this.enginesError);
      throw new Error(this.enginesError);
    }
  }

  /** Forget every cached analysis (settings or registry changed). */
  invalidateAll(): void {
    this.generation++;
    for (const s of this.states.values()) {
      s.cache = new AnalysisCache();
      s.result = undefined;
    }
  }

  private state(uri: string): DocState {
    let s = this.states.get(uri);
    if (!s) this.states.set(uri, (s = { cache: new AnalysisCache(), rev: 0 }));
    return s;
  }

  /** The content revision of an open document (see DocState.rev). */
  revision(uri: string): number {
    return this.state(uri).rev;
  }

  closed(uri: string): void {
    const s = this.states.get(uri);
    if (s?.timer) clearTimeout(s.timer);
    if (s?.running) s.running.cancel.isCancellationRequested = true;
    this.states.delete(uri);
    this.tooLargeWarned.delete(uri);
  }

  /** Whether the server analyses this document at all. */
  async serves(doc: TextDocument): Promise<boolean> {
    if (doc.uri.startsWith(PLAN_SCHEME + ':')) return false;
    const path = uriToPath(doc.uri);
    if (path && this.isShippedPlanText(path)) return false;
    const settings = await this.settings.forUri(doc.uri);
    const lang = doc.languageId === 'text' ? 'plaintext' : doc.languageId;
    return settings.languages.includes(lang) || settings.languages.includes(doc.languageId);
  }

  private isShippedPlanText(path: string): boolean {
    try {
      const plans = join(dataDir(), 'plans');
      return resolve(dirname(path)) === resolve(plans);
    } catch {
      return false;
    }
  }

  /** A document changed: remember when, and schedule a (debounced) analysis for push diagnostics. */
  changed(doc: TextDocument): void {
    const s = this.state(doc.uri);
    const rev = (s.rev = ++this.revCounter);
    // The analysis of older content is stale: stop it (it yields to the event loop between slices).
    if (s.running && s.running.rev !== rev) s.running.cancel.isCancellationRequested = true;
    s.result = undefined;
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      void this.runScheduled(doc.uri, rev);
    }, DEBOUNCE_MS);
  }

  /** Whether `rev` is still the content of the open document `uri`. */
  isCurrent(uri: string, rev: number): boolean {
    return !!this.documents.get(uri) && this.states.get(uri)?.rev === rev;
  }

  private async runScheduled(uri: string, rev: number): Promise<void> {
    try {
      const doc = this.documents.get(uri);
      // A stale run (the document changed or closed meanwhile) is dropped: the newer change scheduled its own.
      if (!doc || !this.isCurrent(uri, rev)) return;
      if (!(await this.serves(doc))) return;
      const { analysis, settings } = await this.analysis(doc);
      if (!this.isCurrent(uri, rev)) return;
      this.onAnalysed(doc, analysis, settings);
    } catch (e) {
      if (!(e instanceof CancelledError)) this.logError(`analysis of ${uri}`, e);
    }
  }

  /** The analysis of the document's current version (cached per version and settings generation). */
  async analysis(
    doc: TextDocument,
    token?: CancellationToken,
  ): Promise<{ analysis: AnalysisResult; settings: Settings }> {
    const settings = await this.settings.forUri(doc.uri);
    await this.settings.ensureCustomAgencies(settings);
    const s = this.state(doc.uri);
    if (s.result && s.result.rev === s.rev && s.result.generation === this.generation) {
      return { analysis: s.result.analysis, settings: s.result.settings };
    }
    if (!(s.running && s.running.rev === s.rev && s.running.generation === this.generation)) {
      if (s.running) s.running.cancel.isCancellationRequested = true;
      s.running = this.startAnalysis(doc, s, settings);
    }
    const result = await s.running.promise;
    if (token?.isCancellationRequested) throw new CancelledError();
    return result;
  }

  /**
   * Analyse a document version off the request path (analyzeTextAsync yields every few ms), so that hovers and
   * completions are answered meanwhile; requests for the same version share it.
   */
  private startAnalysis(doc: TextDocument, s: DocState, settings: Settings): NonNullable<DocState['running']> {
    const generation = this.generation;
    const rev = s.rev;
    const cancel = { isCancellationRequested: false };
    const running: NonNullable<DocState['running']> = {
      rev,
      generation,
      cancel,
      promise: (async () => {
        this.injectFault('analysis');
        return analyzeTextAsync(doc.getText(), settings, this.engines(), {
          cache: s.cache,
          token: cancel,
          maxFindings: MAX_KEPT_FINDINGS,
          today: this.service.today(),
        });
      })().then(
        (analysis) => {
          if (s.running === running) s.running = undefined;
          if (generation === this.generation && rev === s.rev) s.result = { rev, generation, analysis, settings };
          this.warnTooLarge(doc.uri, analysis);
          return { analysis, settings };
        },
        (e: unknown) => {
          if (s.running === running) s.running = undefined;
          throw e;
        },
      ),
    };
    running.promise.catch(() => undefined);
    return running;
  }

  private warnTooLarge(uri: string, analysis: AnalysisResult): void {
    if (analysis.tooLarge && !this.tooLargeWarned.has(uri)) {
      this.tooLargeWarned.add(uri);
      const { size, limit } = analysis.tooLarge;
      this.showMessage(
        MessageType.Warning,
        `文档过大（${size} 字符，上限 ${limit}），反拐行动计划助手未检查此文档：${uri}。可调整设置 actionPlan.maxDocumentSize。 / ` +
          `The document is too large (${size} characters, limit ${limit}); it was not checked. See actionPlan.maxDocumentSize.`,
      );
    } else if (!analysis.tooLarge) this.tooLargeWarned.delete(uri);
  }

  /** Everything a core feature needs for a document. */
  async context(doc: TextDocument, token?: CancellationToken): Promise<FeatureContext> {
    const engines = this.engines();
    if (!(await this.serves(doc))) {
      const settings = await this.settings.forUri(doc.uri);
      return { engines, settings, referenceDate: this.service.today(), token, lang: this.lang };
    }
    const { analysis, settings } = await this.analysis(doc, token);
    return {
      engines,
      settings,
      referenceDate: analysis.referenceDate,
      locality: localityOf(doc.getText(), settings),
      analysis,
      token,
      lang: this.lang,
    };
  }

  // ---- plan texts ----

  /** File of a shipped plan text. */
  planTextFile(plan: PlanId): string {
    const meta = this.engines().plans.meta(plan);
    const fromMeta = meta.textFile ? join(dataDir(), '..', meta.textFile) : undefined;
    return fromMeta && existsSync(fromMeta) ? fromMeta : join(dataDir(), 'plans', `${plan}.txt`);
  }

  /** URI of a plan text: action-plan:/<plan>.txt, or the shipped file for clients that do not know the scheme. */
  planTextUri(plan: PlanId): string {
    if (this.init.planTextScheme === PLAN_SCHEME) return `${PLAN_SCHEME}:/${plan}.txt`;
    return pathToFileURL(this.planTextFile(plan)).href;
  }

  /** Link (with a #L<line> fragment) that opens the plan text at a node. */
  readonly planLink: PlanLinker = (plan: PlanId, node?: PlanNode) => {
    const base = this.planTextUri(plan);
    if (!node) return base;
    const range = planTextRange(this.engines(), plan, node);
    return `${base}#L${range.start.line + 1}`;
  };

  /** window/showMessage as a notification: never waits for the user. */
  showMessage(type: MessageType, message: string): void {
    this.connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined);
  }

  // ---- robustness ----

  logError(where: string, e: unknown): void {
    const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
    this.connection.console.error(`[action-plan] ${where}: ${msg}`);
  }

  /**
   * Test hook (fault injection): ACTION_PLAN_FAULT=<method>[,<method>…] (or `*`) makes the first call of each named
   * guarded handler throw, so tests can prove that any exception is contained and logged. Unset in normal use.
   */
  private readonly faults = new Set((process.env.ACTION_PLAN_FAULT ?? '').split(',').filter(Boolean));
  private readonly faultsFired = new Set<string>();
  private injectFault(name: string): void {
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

  /** The open document for a URI, or an InvalidParams error. */
  doc(params: unknown): TextDocument | undefined {
    const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    if (typeof uri !== 'string')
      throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri 缺失 / missing textDocument.uri');
    return this.documents.get(uri);
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
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
