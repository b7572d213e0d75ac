// The plan index model. The data build (data/build/) writes data/index/plans.json in exactly this shape;
// core/plan/index.ts loads it (no parsing of plan text at run time).
import type { PlanId } from '../types';

export type PlanNodeKind =
  | 'root' // the whole plan; path ''
  | 'notice' // the 国务院办公厅 notice that issues the plan; path '通知'
  | 'preamble' // the opening paragraph of the plan; path '序言'
  | 'part' // 一、 二、 三、          path '一'
  | 'section' // （一） …               path '一（一）', '二（三）', '三（二）'
  | 'group' // 1.工作目标 / 2.行动措施  path '二（一）1', '二（一）2'
  | 'measure' // （1） …                path '二（一）2（3）'
  | 'item'; // n-th —— bullet         path '二（一）2（3）第2项'

export interface PlanNode {
  plan: PlanId;
  kind: PlanNodeKind;
  /** Canonical path without the plan title, fullwidth brackets, no spaces: 二（一）2（3）第2项. */
  path: string;
  /** Canonical citation: 《行动计划（2021—2030年）》 + path. */
  citation: string;
  /** Heading as written (e.g. 健全预防犯罪机制; for measures/items: the first sentence, for lists). */
  heading: string;
  /** Full text of the node including its children, as in the plan text file. */
  text: string;
  /** Lead agencies (负责/牵头) exactly as the node's own clause writes them, in order; [] if no own clause. */
  lead: string[];
  /** Cooperating agencies (配合/参与) exactly as written, in order. */
  cooperating: string[];
  /** Offsets into the plan text file (UTF-16). */
  start: number;
  end: number;
  /** 0-based line of `start` and of `end` in the plan text file. */
  startLine: number;
  endLine: number;
  /** Path of the parent node ('' for top-level nodes; undefined for the root). */
  parent?: string;
  /** Paths of the children, in order. */
  children: string[];
  /** 2013—2020 measures and items only: closest 2021—2030 counterpart, or null when none is close enough. */
  successor?: { path: string; citation: string; score: number } | null;
}

export interface PlanMeta {
  id: PlanId;
  /** 中国反对拐卖人口行动计划（2021—2030年） */
  title: string;
  /** 行动计划（2021—2030年） (used in canonical citations) */
  shortTitle: string;
  /** 国办发〔2021〕13号 */
  docNumber: string;
  /** 国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知 */
  noticeTitle: string;
  /** YYYY-MM-DD the notice was issued */
  issued: string;
  status: 'in-force' | 'expired';
  /** Last day of validity for an expired plan (YYYY-MM-DD). */
  expired?: string;
  replacedBy?: PlanId;
  /** Repository-relative path of the normalised plan text, e.g. data/plans/2021-2030.txt */
  textFile: string;
}

/** The JSON file data/index/plans.json. */
export interface PlanIndexFile {
  /** sha256 of the inputs the index was built from; a test compares it to detect a stale index. */
  inputsHash: string;
  plans: Array<{ meta: PlanMeta; nodes: PlanNode[] }>;
}

/** Read access to both plans (implemented by core/plan/index.ts over data/index/plans.json). */
export interface PlanIndex {
  meta(plan: PlanId): PlanMeta;
  /** The normalised plan text (contents of meta.textFile). */
  text(plan: PlanId): string;
  /** Node by canonical path ('' = root). */
  get(plan: PlanId, path: string): PlanNode | undefined;
  /** Children of a node, in order. */
  children(plan: PlanId, path: string): PlanNode[];
  /** Every node of a plan (or of both), in document order. */
  nodes(plan?: PlanId): PlanNode[];
  /** The innermost node whose span contains the plan-text offset. */
  nodeAt(plan: PlanId, offset: number): PlanNode | undefined;
}
