// The interface of the agency knowledge base (implemented in core/agency/). Consumers (analysis, hover,
// completion, CLI) code against this; the registry data lives in data/agencies/ and data/index/.
import type { Span } from '../types';

export type AgencyKind =
  | 'party' // 中共中央/党委 bodies: 中央宣传部, 中央政法委 …
  | 'state-council-office' // 国务院办公厅
  | 'ministry' // 国务院组成部门
  | 'directly-affiliated' // 国务院直属机构 / 直属特设机构
  | 'office' // 国务院办事机构
  | 'institution' // 国务院直属事业单位
  | 'administration' // 部委管理的国家局
  | 'coordination' // 议事协调机构及其办公室 (国务院反拐部际联席会议, 国务院妇儿工委办公室 …)
  | 'court'
  | 'procuratorate'
  | 'legislature' // 全国人大常委会 and its bodies
  | 'supervisory' // 国家监察委员会
  | 'mass-organisation' // 全国妇联, 共青团中央, 全国总工会, 中国残联 …
  | 'enterprise' // 中国国家铁路集团有限公司 …
  | 'collective' // 国务院反拐部际联席会议各成员单位
  | 'other';

export interface Reform {
  /** e.g. 2018年党和国家机构改革 */
  name: string;
  /** YYYY-MM-DD the change took effect (for local names: when local reforms finished) */
  date: string;
  /** Chinese summary, e.g. 组建国家卫生健康委员会，不再保留国家卫生和计划生育委员会 */
  summary: string;
  sources: string[];
  unverified?: boolean;
}

export interface AgencyInfo {
  id: string;
  /** Full official name, e.g. 中华人民共和国公安部 or 国家卫生健康委员会 */
  fullName: string;
  /** The name as documents usually write it (the plan form), e.g. 公安部, 国家卫生健康委 */
  displayName: string;
  shortNames: string[];
  kind: AgencyKind;
  /** 'central' for national bodies; local counterparts are 'province' | 'prefecture' | 'county' | 'generic-local'. */
  level: 'central' | 'province' | 'prefecture' | 'county' | 'generic-local';
  validFrom?: string;
  validTo?: string;
  /** Successors with the reform that made the change. */
  successors: Array<{ id: string; name: string }>;
  reform?: Reform;
  /** Earlier bodies this one replaced (for hover history). */
  predecessors: Array<{ id: string; name: string; reform?: Reform }>;
  sources: string[];
  unverified?: string[];
  /** For a local name: the central body it mirrors (e.g. 长治市公安局 → 公安部). */
  mirrors?: { id: string; name: string };
  /** For a local name: the place prefix as written (长治市, 省, 县 …). */
  place?: string;
  /** Windows in which this name is kept as a sign (加挂/对外保留牌子) of another body. */
  signOf?: Array<{ id: string; name: string; from?: string; to?: string; varies?: boolean }>;
  /** Names other bodies keep as signs of this one (农业农村部: 国家乡村振兴局). */
  signs?: Array<{ id: string; name: string; from?: string; to?: string; varies?: boolean }>;
}

export interface AgencyStatus {
  /** Valid (live) on the reference date. */
  current: boolean;
  /** When not current: current names to use instead (with the same place prefix for local names). */
  replacement: string[];
  /** YYYY-MM-DD from which the name is outdated. */
  since?: string;
  /** The reform's name and summary, e.g. 2018年党和国家机构改革：组建国家卫生健康委员会，不再保留国家卫生和计划生育委员会 */
  reform?: string;
  /** English summary for the English message. */
  reformEn?: string;
  /**
   * The name is valid on the date only as a sign (加挂/对外保留牌子) of `host`. `varies`: only some places keep
   * the sign (local 乡村振兴局): worth an information note, never a warning or an automatic fix. `inHost`: written
   * as 「host（sign）」, the official usage: nothing to report.
   */
  sign?: { host: string; hostId: string; varies: boolean; inHost?: boolean };
  /**
   * The replacement's level or place cannot be proven (a bare 法制办 may be the State Council's or a county's office;
   * 海关 are named by city), or a name used before its body existed has a predecessor that split among several
   * bodies (省委金融办 in 2019: 省金融工作局): replacements are listed, none is applied automatically.
   */
  levelUnknown?: boolean;
  /** Outdated in most places but not everywhere (内蒙古 keeps 农牧厅): information, no automatic fix. */
  uncertain?: boolean;
  /**
   * Current only because the place of the mention (its own, or the document's locality when it names none) lies in
   * a province that kept the name the reform ended elsewhere (内蒙古自治区 keeps 农牧厅, 重庆市 经济和信息化委员会):
   * `place` is that province as the registry names it. `unverified`: no source confirms it.
   */
  keptAt?: { place: string; sources: string[]; unverified?: boolean };
  /** YYYY-MM-DD the body was established, when the name is used before it existed (`replacement`: names valid then). */
  notYet?: string;
  /**
   * A provincial department's name (…厅) written after a prefecture or county place (市公安厅, 长治市民政厅, 县司法厅):
   * the name of no body — prefectures and counties have 局, not 厅. `expected`: the name at the place's level.
   * The template is still recognised (`current` is about the body, not the form).
   */
  wrongLevel?: { expected: string[] };
}

/** A recognised agency name in a text. */
export interface AgencyMention extends Span {
  /** The text as written. */
  text: string;
  info: AgencyInfo;
  status: AgencyStatus;
}

/** An item of a responsibility clause or agency enumeration that the registry does not know. */
export interface UnknownAgency extends Span {
  text: string;
  /** near miss of a known name (warning) vs. an unrecognised well-formed local body (information) */
  nearMiss: boolean;
  suggestions: string[];
  /**
   * A known name with spaces (市民 政局, text copied from a PDF) or invisible characters (U+200B zero-width space, from
   * web pages) inside: `suggestions` is the name without them, in the writer's script.
   */
  spacedBy?: 'space' | 'invisible';
}

export interface AgencyCompletion {
  /** Name to insert. */
  label: string;
  fullName: string;
  kind: AgencyKind;
  /** pinyin of the label, for filterText */
  pinyin: string;
  initials: string;
  score: number;
}

export interface AgencyKnowledgeBase {
  /**
   * Changes whenever the names the knowledge base knows change (a custom agency file added, replaced or removed):
   * what was derived from it before is stale. Absent: the names never change.
   */
  readonly revision?: number;
  /** Every known agency mention in `text` (one linear pass, longest match first), with its status on `referenceDate`. */
  /**
   * `locality`: the place the document is written for (setting or title, e.g. 尤溪县): a bare short form that may be
   * central or local (法制办, 扶贫办, 卫计委) is then the local body of that level.
   */
  scan(text: string, referenceDate: string, options?: { locality?: string }): AgencyMention[];
  /** Items of responsibility clauses / agency enumerations in `text` that the registry does not know. */
  unknowns(text: string, referenceDate: string, options?: { locality?: string }): UnknownAgency[];
  /** Look up one name (as written, any form the matcher accepts). */
  lookup(name: string, referenceDate: string): { info: AgencyInfo; status: AgencyStatus } | undefined;
  /** Plan measures a central body leads or cooperates in: citations, e.g. 《行动计划（2021—2030年）》二（一）2（3）. */
  measuresOf(id: string): { lead: string[]; cooperating: string[] };
  /** Current names for completion: query by characters, pinyin, initials or fuzzy; local forms when `locality` is set. */
  complete(query: string, options: { referenceDate: string; locality?: string; limit?: number }): AgencyCompletion[];
  /** Translate a central name to the local form for a place: 公安部 + 长治市 → 长治市公安局. */
  localize(centralName: string, locality: string, referenceDate?: string): string | undefined;
  /** Fuzzy suggestions (fuse.js) for an unknown name: names valid on `referenceDate`. */
  suggest(name: string, limit?: number, referenceDate?: string): string[];
  /** Add names from a custom agency file (same schema); returns the problems found (empty when valid). */
  addCustom(json: unknown, source: string): string[];
  /**
   * A value another module derives from this knowledge base (e.g. a memo of its answers), made by `compute` once
   * and kept until the names it knows change (a custom agency file). Optional: without it, callers compute.
   */
  memo?<T>(key: string, compute: () => T): T;
}
