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
  /**
   * explicit: named by the reference; definition: an abbreviation bound by （以下简称《X》）; context: the plan named
   * most recently before; default: options.defaultPlan.
   */
  planSource?: 'explicit' | 'definition' | 'context' | 'default';
  /** Set when options.referenceDate was given: the plan is superseded on that date (core/catalog/plans.ts). */
  superseded?: boolean;
  /**
   * Part of a document title (the document's own title or heading — 关于贯彻落实《…》的实施意见 —, another local
   * document's title, a nested 〈…〉, a bare title without 《》): recognised, but not a citation; no diagnostics.
   */
  inTitle?: boolean;
  /** The plan's text is not in the corpus (2008—2012): the path is not checked and `node` is absent. */
  unchecked?: boolean;
  /** A title with years of no plan (2021—2023年): [first, last]; `plan` is the best guess. unknown-citation. */
  badYears?: [number, number];
  /** An item of a list or range after the first path (二（一）2（3）、（4）: the （4）). */
  listItem?: boolean;
  /** An item between the ends of a range, not written out (（1）至（5） → （2）（3）（4）); its span is the range's. */
  implied?: boolean;
  /** The abbreviation (as defined in the document) this reference was resolved through. */
  abbreviation?: string;
}

export interface CitationOptions {
  defaultPlan: PlanId;
  /** When given, `superseded` is set from the plan's status on this date. */
  referenceDate?: string;
  /** State carried in from the text before (read and updated): see findCitations. */
  state?: CitationState;
}

/** The state carried from one part of a document to the next: the last plan named and the abbreviations defined. */
export interface CitationState {
  last?: PlanId;
  /** name → plan, or 'local' (the document's own plan: not a national citation). */
  bindings: Record<string, PlanId | 'local'>;
}
