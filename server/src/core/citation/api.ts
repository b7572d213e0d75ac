// The interface of the citation engine (implemented in core/citation/).
import type { PlanId, Span } from '../types';
import type { PlanNode } from '../plan/model';

export interface Citation extends Span {
  /** The text as written (plan reference and path, or a document number alone). */
  text: string;
  kind: 'title' | 'path' | 'docnumber';
  plan: PlanId;
  /** Where the plan reference itself is (《…》 or the document number), for hover/links. */
  planRef: Span & { explicit: boolean };
  /** Span of the path part (kind 'path' only). */
  pathSpan?: Span;
  /** Canonical path (kind 'path' only), e.g. 二（一）2（3）第2项, whether or not it exists. */
  path?: string;
  /** The resolved node; undefined when the path does not exist (unknown-citation). */
  node?: PlanNode;
  /** Canonical form of the whole citation (CONTRACT.md). */
  canonical: string;
  /** Whether the text as written is already canonical (otherwise: citation-format). */
  isCanonical: boolean;
}

export interface CitationOptions {
  defaultPlan: PlanId;
}
