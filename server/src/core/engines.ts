// The three engines the analysis needs, loaded once per process (or worker thread) from data/index/.
import type { Engines } from './analysis';
import { getAgencyKnowledgeBase } from './agency';
import { findCitations } from './citation';
import { getPlanIndex, getSimilarityModel } from './plan';

let engines: Engines | undefined;

/** The shared engines (plan index, agency knowledge base, citation finder). Cached. */
export function loadEngines(): Engines {
  return (engines ??= {
    plans: getPlanIndex(),
    agencies: getAgencyKnowledgeBase(),
    findCitations,
    // Read (and loaded) only when a line cites a provision by path: a document without one never needs it.
    get similarity() {
      return getSimilarityModel();
    },
  });
}
