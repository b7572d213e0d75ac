// The one entry point of the core: createActionPlanService(env), called by the LSP glue (session.ts) and the CLI
// (cli/pool.ts, cli/worker.ts, cli/review.ts). Everything that depends on the outside world comes in through `env`
// (modelled on vscode-markdown-languageservice's createLanguageService(init)): the clock ("today"), the data
// (a DataSource the engines are built from, or the engines the host already built), the workspace's files for
// features that read them (references), and a logger. core/ itself never reads the wall clock, the file system or
// process.env.
import { analyzeText, analyzeTextAsync, type AnalysisResult, type AnalyzeOptions, type Engines } from './analysis';
import type { DataSource } from './dataSource';
import { createEngines } from './engines';
import type { CancellationLike, Settings } from './types';

/** Today's date as the user sees it. */
export interface Clock {
  /** YYYY-MM-DD. */
  today(): string;
}

/** A clock that always says `date` (a fixed reference run: ACTION_PLAN_TODAY, a CLI worker, a test). */
export function fixedClock(date: string): Clock {
  return { today: () => date };
}

/** A text file of the workspace (not open in the editor). */
export interface WorkspaceFile {
  uri: string;
  /** File-system path, when the file has one (used to tell an open document and its file apart). */
  path?: string;
}

/** The workspace's files, for features that look beyond the open documents (references). */
export interface WorkspaceFiles {
  /** The workspace's text files (bounded and cancellable by the implementation). */
  list(token?: CancellationLike): Promise<WorkspaceFile[]>;
  /** The text of a file, or undefined when it cannot be read (too large, not a regular file, gone). */
  read(file: WorkspaceFile): Promise<string | undefined>;
}

export interface Logger {
  error(where: string, e: unknown): void;
}

export interface ActionPlanEnvironment {
  clock: Clock;
  /** The data files; the service builds its engines from them on first use (unless `engines` is given). */
  data?: DataSource;
  /** The engines the host built (plan index, agency knowledge base, citation finder; may throw a load error). */
  engines?: () => Engines;
  /** Needed only by workspace-wide features (references); an empty workspace when absent. */
  workspace?: WorkspaceFiles;
  logger?: Logger;
}

export type ServiceAnalyzeOptions = Omit<AnalyzeOptions, 'today'> & { today?: string };

export interface ActionPlanService {
  readonly env: Readonly<ActionPlanEnvironment>;
  engines(): Engines;
  workspace: WorkspaceFiles;
  /** Today from the injected clock. */
  today(): string;
  /** The analysis of a text on the clock's today (unless options.today is given). */
  analyze(text: string, settings: Settings, options?: ServiceAnalyzeOptions): AnalysisResult;
  analyzeAsync(
    text: string,
    settings: Settings,
    options?: ServiceAnalyzeOptions & { sliceMs?: number },
  ): Promise<AnalysisResult>;
}

const EMPTY_WORKSPACE: WorkspaceFiles = { list: async () => [], read: async () => undefined };

export function createActionPlanService(env: ActionPlanEnvironment): ActionPlanService {
  const today = () => env.clock.today();
  const { data } = env;
  if (!env.engines && !data) throw new Error('createActionPlanService: env.data or env.engines is required');
  let built: Engines | undefined;
  const engines: () => Engines = env.engines ?? (() => (built ??= createEngines(data!)));
  return {
    env,
    engines,
    workspace: env.workspace ?? EMPTY_WORKSPACE,
    today,
    analyze: (text, settings, options = {}) =>
      analyzeText(text, settings, engines(), { ...options, today: options.today ?? today() }),
    analyzeAsync: (text, settings, options = {}) =>
      analyzeTextAsync(text, settings, engines(), { ...options, today: options.today ?? today() }),
  };
}
