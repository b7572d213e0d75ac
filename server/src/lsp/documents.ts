// Open documents and their per-document analysis state: content revisions, the line cache, the last analysis and
// the one in progress, and the settings generation that makes every cached analysis stale at once.
import { fileURLToPath } from 'node:url';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, type AnalysisResult } from '../core/analysis';
import type { Settings } from '../core/types';
import { documentUriOf } from './guard';

export interface DocState {
  cache: AnalysisCache;
  /**
   * The document's content revision: a fresh number from a store-wide counter at every open and change, so
   * analyses and resultIds are keyed by the content actually held, never by the client's version alone (a change
   * that keeps or lowers the version, or a second didOpen with the same version, is new content all the same).
   */
  rev: number;
  result?: { rev: number; generation: number; analysis: AnalysisResult; settings: Settings };
  timer?: NodeJS.Timeout;
  /** performance.now() of the latest change (push scheduling: see DEBOUNCE_MS in session.ts). */
  changedAt?: number;
  /** The "only the first N problems are shown" notice was shown for this open document (again after a reopen). */
  tooManyWarned?: boolean;
  /** The analysis in progress (one per document; a newer revision cancels it). */
  running?: {
    rev: number;
    generation: number;
    cancel: { isCancellationRequested: boolean };
    promise: Promise<{ analysis: AnalysisResult; settings: Settings }>;
  };
}

export class DocumentStore {
  /** The documents the client has open (synced by `open.listen(connection)`). */
  readonly open = new TextDocuments(TextDocument);
  /** Bumped whenever settings or the agency registry change: every cached analysis is stale. */
  generation = 0;
  private states = new Map<string, DocState>();
  private revCounter = 0;

  get(uri: string): TextDocument | undefined {
    return this.open.get(uri);
  }

  all(): TextDocument[] {
    return this.open.all();
  }

  /** The open document named by request params (`textDocument.uri`; missing → InvalidParams), if open. */
  ofParams(params: unknown): TextDocument | undefined {
    return this.open.get(documentUriOf(params));
  }

  /** The analysis state of a document (created empty on first use). */
  state(uri: string): DocState {
    let s = this.states.get(uri);
    if (!s) this.states.set(uri, (s = { cache: new AnalysisCache(), rev: 0 }));
    return s;
  }

  /** The content revision of an open document (see DocState.rev). */
  revision(uri: string): number {
    return this.state(uri).rev;
  }

  /**
   * New content for `uri`: a fresh revision; the analysis of older content is cancelled (it yields to the event
   * loop between slices) and the last result dropped.
   */
  touch(uri: string): { state: DocState; rev: number } {
    const s = this.state(uri);
    const rev = (s.rev = ++this.revCounter);
    if (s.running && s.running.rev !== rev) s.running.cancel.isCancellationRequested = true;
    s.result = undefined;
    return { state: s, rev };
  }

  /** Whether `rev` is still the content of the open document `uri`. */
  isCurrent(uri: string, rev: number): boolean {
    return !!this.open.get(uri) && this.states.get(uri)?.rev === rev;
  }

  /** The document was closed: its pending and running analyses stop and its state is forgotten. */
  closed(uri: string): void {
    const s = this.states.get(uri);
    if (s?.timer) clearTimeout(s.timer);
    if (s?.running) s.running.cancel.isCancellationRequested = true;
    this.states.delete(uri);
  }

  /** Forget every cached analysis (settings or registry changed). */
  invalidateAll(): void {
    this.generation++;
    for (const s of this.states.values()) {
      s.cache = new AnalysisCache();
      s.result = undefined;
    }
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
