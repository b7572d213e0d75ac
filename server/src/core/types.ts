// Shared types of the editor-independent core. No `vscode` and no LSP-connection imports anywhere in core/.
// Offsets are JavaScript string indices, i.e. UTF-16 code units, exactly like LSP `character`s.
import type { DiagnosticCode, FindingFacts, Localized, Severity } from './catalog/rules';

// Plan ids and every fact about the plans: core/catalog/plans.ts.
export { PLAN_IDS, type PlanId } from './catalog/plans';
import { latestPlan, type PlanId } from './catalog/plans';

/** 0-based line and UTF-16 character, exactly as LSP. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
/** Half-open span of UTF-16 offsets into a text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The tiny text-document interface the core works on. `vscode-languageserver-textdocument`'s TextDocument
 * satisfies it, and so does `InMemoryDocument` (core/document.ts) used by the CLI and tests.
 */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  readonly lineCount: number;
}

/** Cooperative cancellation, structurally compatible with vscode-languageserver's CancellationToken. */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
}
export const NEVER_CANCELLED: CancellationLike = Object.freeze({ isCancellationRequested: false });

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
export function throwIfCancelled(token: CancellationLike | undefined): void {
  if (token?.isCancellationRequested) throw new CancelledError();
}

export type { DiagnosticCode, Lang, Localized, Severity } from './catalog/rules';
export { DIAGNOSTIC_CODES } from './catalog/rules';

/** A replacement of `span` (offsets into the analysed text) by `newText`. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Title shown to the user in their language, e.g. 替换为“国家卫生健康委员会” (core/catalog/rules.ts FIX_TITLES). */
  title: Localized;
  edits: OffsetEdit[];
  /**
   * True when this fix is the only sensible one for its finding (single successor, canonical citation form):
   * `source.fixAll.actionPlan` and `action-plan-lint --fix` apply exactly these.
   */
  unambiguous: boolean;
  /** Why a fix that looks like the only sensible one is not automatic (its result cannot be proven consistent). */
  why?: Localized;
}

/**
 * A finding of the core: one future diagnostic. Spans are offsets; the glue converts them to ranges. It carries the
 * facts of its message (`code` + `facts`); readers build the text in their language with `messageOf` (catalog/rules).
 */
export type Finding = FindingFacts & {
  severity: Severity;
  start: number;
  end: number;
  /** The machine-readable `data` of CONTRACT.md for this code. */
  data: Record<string, unknown>;
  fixes: Fix[];
};

export type RuleSetting = 'off' | Severity;

/** The `actionPlan` settings section (CONTRACT.md plus product extensions). */
export interface Settings {
  /** YYYY-MM-DD; empty/undefined means today. */
  referenceDate?: string;
  defaultPlan: PlanId;
  rules: Partial<Record<DiagnosticCode, RuleSetting>>;
  /** Path of a JSON file of extra agencies (same schema as data/agencies). */
  customAgencies?: string;
  languages: string[];
  /** Place of a local plan, e.g. 长治市; otherwise inferred from the document title. */
  locality?: string;
  /** Names never reported (allow-list). */
  allow: string[];
  /** Documents larger than this many UTF-16 units are not analysed (a clear message instead). */
  maxDocumentSize: number;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  referenceDate: undefined,
  defaultPlan: latestPlan(),
  rules: {},
  customAgencies: undefined,
  languages: ['markdown', 'plaintext'],
  locality: undefined,
  allow: [],
  maxDocumentSize: 8 * 1024 * 1024,
}) as Settings;
