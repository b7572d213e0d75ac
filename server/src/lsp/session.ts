// The language server's composition root and analysis scheduling: it wires the open documents (documents.ts),
// settings (config.ts), the custom agency file (customAgencies.ts), request guarding (guard.ts) and plan-text URIs
// (planTexts.ts) to the core service, and schedules the per-document analyses (debounced for push, shared by the
// requests for the same content, cancelled by newer content) that the feature handlers read. The handlers use the
// modules it holds (`session.documents`, `.requests`, `.planTexts`, `.settings`) directly: nothing is passed through.
import { langOf, type Lang } from '../core/catalog/rules';
import { dirname, join, resolve } from 'node:path';
import {
  MessageType,
  ShowMessageNotification,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeTextAsync, type AnalysisResult, type Engines } from '../core/analysis';
import { createActionPlanService, type ActionPlanService } from '../core/service';
import { diskWorkspace, systemClock } from '../node/environment';
import { dataDir } from '../node/data';
import { localityOf } from '../core/features/locality';
import type { FeatureContext } from '../core/features/common';
import { CancelledError, type Settings } from '../core/types';
import { SettingsStore } from './config';
import { CustomAgencyLoader } from './customAgencies';
import { DocumentStore, uriToPath, type DocState } from './documents';
import { RequestGuard } from './guard';
import { PlanTexts } from './planTexts';

/**
 * Quiet time after an edit before push diagnostics are computed, when the edit follows another one within this
 * time (a burst: paste, undo, fast typing). The first edit after a quiet spell is analysed at once: re-analysis only
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

export interface InitOptions {
  planTextScheme: 'action-plan' | 'file';
  trusted: boolean;
}

export class Session {
  readonly documents = new DocumentStore();
  readonly settings: SettingsStore;
  readonly customAgencies: CustomAgencyLoader;
  readonly requests: RequestGuard;
  readonly planTexts: PlanTexts;
  capabilities: ClientCapabilities = {};
  init: InitOptions = { planTextScheme: 'file', trusted: true };
  workspaceFolders: string[] = [];
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
    this.requests = new RequestGuard(connection.console);
    const messages = {
      invalidateAll: () => this.invalidateAll(),
      showMessage: (type: MessageType, message: string) => this.showMessage(type, message),
      logError: (where: string, e: unknown) => this.requests.logError(where, e),
    };
    const trusted = () => this.init.trusted;
    this.settings = new SettingsStore({ connection, capabilities: () => this.capabilities, trusted, ...messages });
    this.customAgencies = new CustomAgencyLoader({
      trusted,
      workspaceFolders: () => this.workspaceFolders,
      engines: () => this.engines(),
      logToConsole: (message) => connection.console.error(message),
      ...messages,
    });
    this.planTexts = new PlanTexts(
      () => this.engines(),
      () => this.init.planTextScheme,
    );
    this.service = createActionPlanService({
      clock: systemClock(),
      engines: () => this.engines(),
      workspace: diskWorkspace(() => this.workspaceFolders),
      logger: { error: (where, e) => this.requests.logError(where, e) },
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
    this.documents.invalidateAll();
  }

  closed(uri: string): void {
    this.documents.closed(uri);
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
    // A fresh revision; the analysis of older content is stopped (documents.ts).
    const { state: s, rev } = this.documents.touch(doc.uri);
    if (s.timer) clearTimeout(s.timer);
    const at = performance.now();
    const burst = s.changedAt !== undefined && at - s.changedAt < DEBOUNCE_MS;
    s.changedAt = at;
    s.timer = setTimeout(
      () => {
        s.timer = undefined;
        void this.runScheduled(doc.uri, rev);
      },
      burst ? DEBOUNCE_MS : 0,
    );
  }

  private async runScheduled(uri: string, rev: number): Promise<void> {
    try {
      const doc = this.documents.get(uri);
      // A stale run (the document changed or closed meanwhile) is dropped: the newer change scheduled its own.
      if (!doc || !this.documents.isCurrent(uri, rev)) return;
      if (!(await this.serves(doc))) return;
      const { analysis, settings } = await this.analysis(doc);
      if (!this.documents.isCurrent(uri, rev)) return;
      this.onAnalysed(doc, analysis, settings);
    } catch (e) {
      if (!(e instanceof CancelledError)) this.requests.logError(`analysis of ${uri}`, e);
    }
  }

  /** The analysis of the document's current version (cached per version and settings generation). */
  async analysis(
    doc: TextDocument,
    token?: CancellationToken,
  ): Promise<{ analysis: AnalysisResult; settings: Settings }> {
    const settings = await this.settings.forUri(doc.uri);
    await this.customAgencies.ensure(settings);
    const s = this.documents.state(doc.uri);
    if (s.result && s.result.rev === s.rev && s.result.generation === this.documents.generation) {
      return { analysis: s.result.analysis, settings: s.result.settings };
    }
    if (!(s.running && s.running.rev === s.rev && s.running.generation === this.documents.generation)) {
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
    const generation = this.documents.generation;
    const rev = s.rev;
    const cancel = { isCancellationRequested: false };
    const running: NonNullable<DocState['running']> = {
      rev,
      generation,
      cancel,
      promise: (async () => {
        this.requests.injectFault('analysis');
        return analyzeTextAsync(doc.getText(), settings, this.engines(), {
          cache: s.cache,
          token: cancel,
          maxFindings: MAX_KEPT_FINDINGS,
          today: this.service.today(),
        });
      })().then(
        (analysis) => {
          if (s.running === running) s.running = undefined;
          if (generation === this.documents.generation && rev === s.rev)
            s.result = { rev, generation, analysis, settings };
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

  /** window/showMessage as a notification: never waits for the user. */
  showMessage(type: MessageType, message: string): void {
    this.connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined);
  }
}
