// The engines the analysis needs, built from an injected data source (core/dataSource.ts). No cache here: the host
// keeps what it built (server/src/node/data.ts: one set per process or worker thread; tests: their own).
import type { Engines } from './analysis';
import { createAgencyKnowledgeBase, type KnowledgeBase } from './agency/knowledgeBase';
import { findCitations } from './citation';
import type { DataSource } from './dataSource';
import { loadPlanIndex, loadSimilarityModel } from './plan';
import type { PlanIndex } from './plan/model';
import type { SimilarityModel } from './plan/similarity';

/** Engines as built here: the concrete knowledge base (custom agency files, tests) and the similarity model. */
export interface LoadedEngines extends Engines {
  agencies: KnowledgeBase;
  readonly similarity: SimilarityModel;
}

/**
 * Reads the plan index (unless `parts.plans` is given) and the agency knowledge base from `data` now; the similarity
 * model is read on first use only (a document that cites no provision by path never needs it). Load errors throw.
 */
export function createEngines(data: DataSource, parts: { plans?: PlanIndex } = {}): LoadedEngines {
  const plans = parts.plans ?? loadPlanIndex(data);
  let similarity: SimilarityModel | undefined;
  return {
    plans,
    agencies: createAgencyKnowledgeBase(data, plans),
    findCitations,
    get similarity() {
      return (similarity ??= loadSimilarityModel(data));
    },
  };
}
