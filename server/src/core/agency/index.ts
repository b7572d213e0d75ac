// Public entry of the agency knowledge base.
export * from './api';
export { createAgencyKnowledgeBase, readAgencyIndexFiles, KnowledgeBase } from './knowledgeBase';
export type { AgencyIndexFiles } from './knowledgeBase';
export { levenshtein } from './levenshtein';
