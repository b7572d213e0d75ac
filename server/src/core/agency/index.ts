// Public entry of the agency knowledge base.
export * from './api';
export {
  getAgencyKnowledgeBase,
  createAgencyKnowledgeBase,
  readAgencyIndexFiles,
  KnowledgeBase,
} from './knowledgeBase';
export type { AgencyIndexFiles } from './knowledgeBase';
export { levenshtein } from './levenshtein';
