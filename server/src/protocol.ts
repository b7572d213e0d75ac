// The one declaration of every name the VS Code client and the language server share: custom request methods,
// command ids, the fix-all code action kind, URI schemes and the diagnostic source. No imports: the client bundles
// this module as it is, the server and the core import it, and nothing else spells these strings.

/** Custom requests (README › 自定义请求 / custom requests). */
export const Methods = {
  planTree: 'actionPlan/planTree',
  planText: 'actionPlan/planText',
  searchNodes: 'actionPlan/searchNodes',
  coverage: 'actionPlan/coverage',
  coverageMap: 'actionPlan/coverageMap',
  status: 'actionPlan/status',
  reviewDocx: 'actionPlan/reviewDocx',
} as const;

/** Commands the server executes (workspace/executeCommand). */
export const ServerCommands = {
  addToWorkspaceAgencies: 'actionPlan.addToWorkspaceAgencies',
} as const;

/** Commands the VS Code extension contributes (package.json `contributes.commands`). */
export const ClientCommands = {
  insertCitation: 'actionPlan.insertCitation',
  openPlan: 'actionPlan.openPlan',
  fixAll: 'actionPlan.fixAll',
  coverageReport: 'actionPlan.coverageReport',
  showCoverageMap: 'actionPlan.showCoverageMap',
  restartServer: 'actionPlan.restartServer',
  showOutput: 'actionPlan.showOutput',
  treeInsertCitation: 'actionPlan.tree.insertCitation',
  treeOpen: 'actionPlan.tree.open',
  treeRefresh: 'actionPlan.tree.refresh',
  openLink: 'actionPlan.openLink',
  reviewDocx: 'actionPlan.reviewDocx',
} as const;

/** Code action kind of "fix every unambiguous problem" (editor.codeActionsOnSave: source.fixAll.actionPlan). */
export const FIX_ALL_KIND = 'source.fixAll.actionPlan';

/** Scheme of the read-only plan texts the server serves through actionPlan/planText. */
export const PLAN_SCHEME = 'action-plan';
/** Scheme of the coverage reports the client keeps in memory. */
export const REPORT_SCHEME = 'action-plan-report';
/** `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'action-plan';
