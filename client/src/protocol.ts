// The custom requests the language server answers (server/src/*.ts implements them). Only shapes here: the client
// does no analysis of its own.
import { RequestType } from 'vscode-languageclient/node';
import type { PlanId } from './util';

export type { PlanId } from './util';

export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface PlanTreeNode {
  path: string;
  citation: string;
  kind: string;
  heading: string;
  children: PlanTreeNode[];
  /** The node's span in the plan text (action-plan:/<plan>.txt); optional (older servers). */
  range?: LspRange;
}
export interface PlanTreeResult {
  plans: Array<{ id: PlanId; title: string; nodes: PlanTreeNode[] }>;
}
export const PlanTreeRequest = new RequestType<Record<string, never>, PlanTreeResult, void>('actionPlan/planTree');

export interface PlanTextResult {
  uri: string;
  text: string;
}
export const PlanTextRequest = new RequestType<{ plan: string }, PlanTextResult | null, void>('actionPlan/planText');

export interface SearchHit {
  plan: PlanId;
  path: string;
  citation: string;
  heading: string;
  text: string;
}
export const SearchNodesRequest = new RequestType<{ query: string }, SearchHit[], void>('actionPlan/searchNodes');

export const CoverageRequest = new RequestType<{ uris: string[] }, { markdown: string }, void>('actionPlan/coverage');

export interface StatusResult {
  referenceDate: string;
  counts: { error: number; warning: number; information: number; hint: number };
}
export const StatusRequest = new RequestType<{ uri: string }, StatusResult | null, void>('actionPlan/status');

/** Scheme of the read-only plan texts served by the language server. */
export const PLAN_SCHEME = 'action-plan';
/** Scheme of the coverage reports the client keeps in memory. */
export const REPORT_SCHEME = 'action-plan-report';
