// The plan index model. The data build (data/build/) writes data/index/plans.json in exactly this shape;
// core/plan/index.ts loads it (no parsing of plan text at run time).
import type { PlanCatalogEntry } from '../catalog/plans';
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

/**
 * A plan's metadata: the catalog entry (core/catalog/plans.ts — titles, 文号, issue date, term, successor) plus, for a
 * plan whose text is in the corpus, the text file. Status is not a field: it depends on the reference date
 * (planStatusOn in the catalog).
 */
export interface PlanMeta extends PlanCatalogEntry {
  /** Repository-relative path of the normalised plan text, e.g. data/plans/2021-2030.txt; absent when not in the corpus. */
  textFile?: string;
}

/** What data/index/plans.json records about each plan in the corpus (checked against the catalog by the build). */
export interface PlanFileMeta {
  id: PlanId;
  title: string;
  docNumber: string;
  noticeTitle: string;
  issued: string;
  textFile: string;
}

/**
 * A node as data/index/plans.json records it: without `text`, which is the plan text file between `start` and `end`
 * (the loader slices it: the file is a quarter of the size, and no text is decoded and parsed twice at start-up).
 */
export type PlanNodeFile = Omit<PlanNode, 'text'>;

/** The JSON file data/index/plans.json. */
export interface PlanIndexFile {
  /** sha256 of the inputs the index was built from; a test compares it to detect a stale index. */
  inputsHash: string;
  plans: Array<{ meta: PlanFileMeta; nodes: PlanNodeFile[] }>;
}

/** Read access to the plans (implemented by core/plan/index.ts over data/index/plans.json). */
export interface PlanIndex {
  /** Metadata of any plan of the catalog (also one whose text is not in the corpus). */
  meta(plan: PlanId): PlanMeta;
  /** The normalised plan text (contents of meta.textFile); '' for a plan whose text is not in the corpus. */
  text(plan: PlanId): string;
  /** Node by canonical path ('' = root). */
  get(plan: PlanId, path: string): PlanNode | undefined;
  /** Children of a node, in order. */
  children(plan: PlanId, path: string): PlanNode[];
  /** Every node of a plan (or of both), in document order. */
  nodes(plan?: PlanId): PlanNode[];
  /** The innermost node whose span contains the plan-text offset. */
  nodeAt(plan: PlanId, offset: number): PlanNode | undefined;
  /**
   * Character folding used to recognise citations (traditional → simplified, as the agency matcher's): one UTF-16
   * unit per unit, so offsets are kept. Absent in test doubles: no folding then.
   */
  readonly folder?: {
    fold(text: string): string;
    /** Every (code unit, folded code unit) pair that folding changes (core/agency/fold.ts), when the folder tells. */
    changes?(): Array<[number, number]>;
  };
  /**
   * A value derived from this index (a plan text's line starts, the pinyin of the headings), computed by `compute` on
   * the first call with `key` and kept as long as the index lives: per-index caches live here, not in module state.
   * Absent in test doubles: `derived()` below computes the value on every call then.
   */
  memo?<T>(key: string, compute: () => T): T;
}

/** `index.memo(key, compute)`, or `compute()` for an index without a memo. */
export function derived<T>(index: PlanIndex, key: string, compute: () => T): T {
  return index.memo ? index.memo(key, compute) : compute();
}

/**
 * Where a path that does not exist fails: its deepest existing ancestor ('' = the plan's root) and that ancestor's
 * children, without the notice and the preamble (二（九） → 二 and （一）…（六）).
 */
export function existingSiblings(index: PlanIndex, plan: PlanId, path: string): { parent: string; kids: PlanNode[] } {
  let parent = '';
  for (let k = path.length - 1; k > 0; k--) {
    if (index.get(plan, path.slice(0, k))) {
      parent = path.slice(0, k);
      break;
    }
  }
  const kids = index.children(plan, parent).filter((n) => n.kind !== 'notice' && n.kind !== 'preamble');
  return { parent, kids };
}
