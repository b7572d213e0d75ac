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
  // ── additive extensions (core/citation/syntax.ts documents the rules) ──
  /**
   * When isCanonical is false: the text to write instead of `text` (the citation-format replacement). It keeps
   * the writer's title form (《行动计划》, 《行动计划（…）》, the full title with or without 中国, the notice title)
   * and fixes punctuation, dashes, spaces, 第 and the path; document numbers become 国办发〔2021〕13号.
   * Note: isCanonical is true for an accepted title form (e.g. 《行动计划》二（一）) although `text !== canonical`.
   */
  replacement?: string;
  /**
   * How the plan is named: full title, short title with years, short title 《行动计划》 (resolved by context),
   * notice title, a mention inside another title or prose (never flagged), or a document number.
   */
  form?: 'full' | 'short-years' | 'short' | 'notice' | 'mention' | 'docnumber';
  /** explicit: named by the reference; context: the plan named most recently before; default: options.defaultPlan. */
  planSource?: 'explicit' | 'context' | 'default';
}

export interface CitationOptions {
  defaultPlan: PlanId;
}
