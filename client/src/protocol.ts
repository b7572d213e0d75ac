// The custom requests the language server answers (server/src/*.ts implements them). Only shapes here: the client
// does no analysis of its own.
import { RequestType } from 'vscode-languageclient/node';
import { Methods } from '../../server/src/protocol';
import type { PlanTree as PlanTreeResult } from '../../server/src/core/features/planTree';
import type { CoverageMapResult, SearchHit, StatusResult } from '../../server/src/lsp/customRequests';
import type { ReviewDocxParams, ReviewDocxResult } from '../../server/src/lsp/reviewRequest';

export type { PlanId } from './util';

// The result shapes are the server's own types (type-only imports: nothing of the server is bundled into the client).
export type { PlanTreeNode } from '../../server/src/core/features/planTree';
export type { CoverageMapResult, SearchHit, StatusResult } from '../../server/src/lsp/customRequests';
export type { CoverageCell, CoveragePlace, CoverageState } from '../../server/src/core/features/coverageMap';
export type { ReviewFlag } from '../../server/src/core/features/coverageReview';
export type { PlanTree as PlanTreeResult } from '../../server/src/core/features/planTree';

export { ClientCommands, FIX_ALL_KIND, PLAN_SCHEME, REPORT_SCHEME } from '../../server/src/protocol';

export const PlanTreeRequest = new RequestType<Record<string, never>, PlanTreeResult, void>(Methods.planTree);

export interface PlanTextResult {
  uri: string;
  text: string;
}
export const PlanTextRequest = new RequestType<{ plan: string }, PlanTextResult | null, void>(Methods.planText);

export const SearchNodesRequest = new RequestType<{ query: string }, SearchHit[], void>(Methods.searchNodes);

export const CoverageRequest = new RequestType<{ uris: string[] }, { markdown: string }, void>(Methods.coverage);

export const CoverageMapRequest = new RequestType<
  { uris: string[]; lang?: 'zh' | 'en' | 'both' },
  CoverageMapResult | null,
  void
>(Methods.coverageMap);

export const StatusRequest = new RequestType<{ uri: string }, StatusResult | null, void>(Methods.status);

export const ReviewDocxRequest = new RequestType<ReviewDocxParams, ReviewDocxResult | null, void>(Methods.reviewDocx);
