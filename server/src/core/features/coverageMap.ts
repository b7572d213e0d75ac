// The coverage map: one cell per measure and sub-item of the plan in force on the reference date (and per section of
// part 三, which has no measures), laid out by part and section, each with a state and the places that cite it. A pure function of the
// documents' text and the plan index; the CLI's `report` (json, html) and the language server's actionPlan/coverageMap
// request both render this one model, so every view shows the same states.
//
// States of a cell, strongest first:
//   cited-wrong-path-nearby  a citation whose path does not exist lands here (its nearest existing ancestor is this
//                            measure), or the cell carries another flag (CoverageFlag: later checks add their own codes)
//   cited                    cited directly, or through one of its sub-items (measure), or through its measure (item)
//   expired-only             cited only through the expired plan, mapped by the 2013→2021 crosswalk (successor)
//   not-cited                nothing cites it
// Wrong paths whose nearest existing node is a section, group or part (二（一）2（99）) are listed on the section.
// When the plan in force on the date has no text in the corpus (2008—2012), or no plan was issued yet, the map has no
// cells and says why (`unavailable`) instead of showing another plan.
import type { Engines } from '../analysis';
import { coveragePlan, type CoverageUnavailable } from './coverage';
import type { Citation } from '../citation/api';
import type { PlanNode } from '../plan/model';
import { computeLineStarts, lineAt } from '../document';
import { throwIfCancelled, type CancellationLike, type PlanId, type Range } from '../types';

export const COVERAGE_STATES = ['cited', 'cited-wrong-path-nearby', 'expired-only', 'not-cited'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

/** How a place reaches the cell it is listed on. */
export type CoverageVia =
  | 'self' // cites this node
  | 'item' // cites one of this measure's sub-items
  | 'measure' // cites this item's measure as a whole
  | 'expired' // cites a 2013—2020 node whose 2021—2030 counterpart is this node (or its measure / item)
  | 'wrong-path'; // cites a path that does not exist; this node is its nearest existing ancestor

export interface CoveragePlace {
  uri: string;
  /** The citation's range in the document (0-based lines, UTF-16 characters). */
  range: Range;
  /** The citing line as written (trimmed, at most 200 characters). */
  lineText: string;
  /** The citation as written. */
  text: string;
  /** Canonical form of what it cites (for a wrong path: the path as it would be written canonically). */
  canonical: string;
  plan: PlanId;
  via: CoverageVia;
}

/** Something wrong about a cell that a reviewer should look at. Other checks add their own codes. */
export interface CoverageFlag {
  code: 'unknown-citation' | (string & {});
  place: CoveragePlace;
}

export interface CoverageCell {
  kind: 'measure' | 'item' | 'section';
  path: string;
  citation: string;
  heading: string;
  /** Short label shown in the cell: （3） for a measure, 2 for its 第2项, （二） for a section of part 三. */
  label: string;
  /** The measure of an item. */
  parent?: string;
  state: CoverageState;
  places: CoveragePlace[];
  flags: CoverageFlag[];
}

export interface CoverageMapSection {
  path: string;
  citation: string;
  heading: string;
  /** Measures (each followed by its items), or for part 三 the part's sections, in plan order. */
  cells: CoverageCell[];
  /** Citations of the section itself or of its groups (二（一）、二（一）1): shown, but they colour no cell. */
  places: CoveragePlace[];
  /** Wrong paths whose nearest existing node is this section (or a group in it). */
  flags: CoverageFlag[];
}

export interface CoverageMapPart {
  path: string;
  heading: string;
  sections: CoverageMapSection[];
}

export interface CoverageMap {
  plan: PlanId;
  planTitle: string;
  shortTitle: string;
  /** The reference date the plan was chosen on (absent when the caller named the plan or gave no date). */
  date?: string;
  /**
   * Why the map has no cells: the plan in force on `date` has no text in the corpus, or no plan was issued yet
   * (`plan` is then the first plan). Absent when the map is drawn.
   */
  unavailable?: CoverageUnavailable;
  documents: Array<{ uri: string; citations: number }>;
  parts: CoverageMapPart[];
  /** Cells per state, and in all. */
  counts: Record<CoverageState, number> & { cells: number };
  /** Citations that reach no cell and no section of the map (expired nodes without a counterpart, wrong parts …). */
  unplaced: CoveragePlace[];
}

export interface CoverageMapOptions {
  defaultPlan: PlanId;
  /** The reference date: the map shows the plan in force on it (core/catalog/plans.ts planStatusOn). */
  date?: string;
  /** The plan the map shows (overrides `date`; without both: the newest plan). */
  plan?: PlanId;
  token?: CancellationLike;
}

/** Every cell of a map, in layout order. */
export function mapCells(map: CoverageMap): CoverageCell[] {
  return map.parts.flatMap((p) => p.sections.flatMap((s) => s.cells));
}

const LAST_LEVEL = /(第\d+项|（\d+）|\d+|（[一二三四五六七八九十]+）)$/;

/** The nearest existing node at or above `path` (paths are canonical, so dropping the last level goes up). */
function nearestExisting(engines: Engines, plan: PlanId, path: string): PlanNode | undefined {
  let p = path;
  for (let i = 0; i < 6 && p; i++) {
    const n = engines.plans.get(plan, p);
    if (n) return n;
    const m = LAST_LEVEL.exec(p);
    if (!m) return undefined;
    p = p.slice(0, m.index);
  }
  return p ? engines.plans.get(plan, p) : undefined;
}

function labelOf(node: PlanNode): string {
  const m = LAST_LEVEL.exec(node.path);
  if (!m) return node.path;
  // Items are drawn right after their measure: the number alone is enough (第2项 → 2).
  return node.kind === 'item' ? m[1].replace(/^第(\d+)项$/, '$1') : m[1];
}

export function coverageMap(
  docs: ReadonlyArray<{ uri: string; text: string }>,
  engines: Engines,
  options: CoverageMapOptions,
): CoverageMap {
  const chosen = coveragePlan(options.date, options.plan);
  const plan: PlanId = chosen.plan;
  const idx = engines.plans;
  const meta = idx.meta(plan);
  const head = {
    plan,
    planTitle: meta.title,
    shortTitle: meta.shortTitle,
    ...(options.date && !options.plan ? { date: options.date } : {}),
  };
  if (chosen.unavailable) {
    // Nothing to draw: say so, and count the documents' citations of that plan (none can be checked).
    const documents = docs.map((d) => {
      throwIfCancelled(options.token);
      const cites = engines.findCitations(d.text, idx, { defaultPlan: options.defaultPlan }, options.token);
      return { uri: d.uri, citations: cites.filter((c) => c.kind === 'path' && c.plan === plan).length };
    });
    const counts = { cited: 0, 'cited-wrong-path-nearby': 0, 'expired-only': 0, 'not-cited': 0, cells: 0 };
    return { ...head, unavailable: chosen.unavailable, documents, parts: [], counts, unplaced: [] };
  }

  // Layout: parts → sections → cells.
  const cells = new Map<string, CoverageCell>();
  const sections = new Map<string, CoverageMapSection>();
  const parts: CoverageMapPart[] = [];
  const newCell = (n: PlanNode, kind: CoverageCell['kind']): CoverageCell => {
    const c: CoverageCell = {
      kind,
      path: n.path,
      citation: n.citation,
      heading: n.heading,
      label: labelOf(n),
      state: 'not-cited',
      places: [],
      flags: [],
    };
    if (kind === 'item' && n.parent) c.parent = n.parent;
    cells.set(n.path, c);
    return c;
  };
  for (const part of idx.children(plan, '')) {
    if (part.kind !== 'part') continue;
    const out: CoverageMapPart = { path: part.path, heading: part.heading, sections: [] };
    const measureless: PlanNode[] = [];
    for (const section of idx.children(plan, part.path)) {
      if (section.kind !== 'section') continue;
      const s: CoverageMapSection = {
        path: section.path,
        citation: section.citation,
        heading: section.heading,
        cells: [],
        places: [],
        flags: [],
      };
      const walk = (n: PlanNode, depth: number): void => {
        if (depth > 6) return;
        for (const child of idx.children(plan, n.path)) {
          if (child.kind === 'measure') {
            s.cells.push(newCell(child, 'measure'));
            for (const item of idx.children(plan, child.path))
              if (item.kind === 'item') s.cells.push(newCell(item, 'item'));
          } else if (child.kind === 'group') walk(child, depth + 1);
        }
      };
      walk(section, 0);
      if (s.cells.length) {
        out.sections.push(s);
        sections.set(section.path, s);
      } else measureless.push(section);
    }
    // A part whose sections have no measures (三 保障措施) is one row whose cells are its sections. Part 一 (指导思想和
    // 总体目标) has no measures either, but it is not implemented by measures: it is not on the map.
    if (measureless.length && out.sections.length === 0 && part.path !== '一') {
      const s: CoverageMapSection = {
        path: part.path,
        citation: part.citation,
        heading: part.heading,
        cells: [],
        places: [],
        flags: [],
      };
      for (const section of measureless) s.cells.push(newCell(section, 'section'));
      out.sections.push(s);
      sections.set(part.path, s);
    }
    if (out.sections.length) parts.push(out);
  }

  // Places. Each citation is looked at once and reaches each cell at most once, so no place is listed twice; cells
  // reached the same way share one place object (a measure cited 10^5 times stays linear and small).
  const add = (list: CoveragePlace[], place: CoveragePlace): void => {
    list.push(place);
  };
  const unplaced: CoveragePlace[] = [];
  /** The section row a node belongs to (for part 三: the part's row). */
  const sectionOf = (n: PlanNode): CoverageMapSection | undefined => {
    for (let p: PlanNode | undefined = n, i = 0; p && i < 8; i++) {
      const s = sections.get(p.path);
      if (s) return s;
      p = p.parent !== undefined ? idx.get(plan, p.parent) : undefined;
    }
    return undefined;
  };
  /** Marks the node reached by a place: its cell (and the related measure/items), or its section row. */
  const reach = (node: PlanNode, place: Omit<CoveragePlace, 'via'>, expired: boolean): boolean => {
    const cell = cells.get(node.path);
    const via = (v: CoverageVia): CoveragePlace => ({ ...place, via: expired ? 'expired' : v });
    if (cell) {
      add(cell.places, via('self'));
      if (cell.kind === 'item' && cell.parent) {
        const m = cells.get(cell.parent);
        if (m) add(m.places, via('item'));
      } else if (cell.kind === 'measure') {
        const shared = via('measure');
        for (const child of idx.children(plan, cell.path)) {
          const c = cells.get(child.path);
          if (c) add(c.places, shared);
        }
      }
      return true;
    }
    const s = sectionOf(node);
    if (s && node.kind !== 'part') {
      add(s.places, via('self'));
      return true;
    }
    return false;
  };

  const documents: CoverageMap['documents'] = [];
  for (const d of docs) {
    throwIfCancelled(options.token);
    const cites: Citation[] = engines.findCitations(d.text, idx, { defaultPlan: options.defaultPlan }, options.token);
    let starts: number[] | undefined;
    let count = 0;
    for (const c of cites) {
      if (c.kind !== 'path' || !c.path) continue;
      starts ??= computeLineStarts(d.text);
      const pos = (offset: number) => {
        const line = lineAt(starts!, offset);
        return { line, character: offset - starts![line] };
      };
      const range = { start: pos(c.start), end: pos(c.end) };
      const line = range.start.line;
      const lineEnd = line + 1 < starts.length ? starts[line + 1] : d.text.length;
      const lineText = d.text
        .slice(starts[line], lineEnd)
        .replace(/[\r\n]+$/, '')
        .trim()
        .slice(0, 200);
      const base = { uri: d.uri, range, lineText, text: c.text, canonical: c.canonical, plan: c.plan };
      if (c.plan === plan) {
        if (c.node) {
          count++;
          if (!reach(c.node, base, false)) unplaced.push({ ...base, via: 'self' });
          continue;
        }
        // A path that does not exist: flag the nearest existing measure, else list it on the section.
        const near = nearestExisting(engines, plan, c.path);
        const place: CoveragePlace = { ...base, via: 'wrong-path' };
        const cell = near && cells.get(near.path);
        if (cell) {
          add(cell.places, place);
          cell.flags.push({ code: 'unknown-citation', place });
          continue;
        }
        const s = near && sectionOf(near);
        if (s) s.flags.push({ code: 'unknown-citation', place });
        else unplaced.push(place);
        continue;
      }
      // Another plan: through the crosswalk when its node has a counterpart in this plan.
      const succ = c.node?.successor;
      const target = succ ? idx.get(plan, succ.path) : undefined;
      if (target && reach(target, base, true)) continue;
      unplaced.push({ ...base, via: c.node ? 'expired' : 'wrong-path' });
    }
    documents.push({ uri: d.uri, citations: count });
  }

  const counts = { cited: 0, 'cited-wrong-path-nearby': 0, 'expired-only': 0, 'not-cited': 0, cells: 0 };
  for (const cell of cells.values()) {
    cell.state = stateOf(cell);
    counts[cell.state]++;
    counts.cells++;
  }
  return { ...head, documents, parts, counts, unplaced };
}

/** The state of a cell from its places and flags (exported so that checks adding flags can recompute it). */
export function stateOf(cell: Pick<CoverageCell, 'places' | 'flags'>): CoverageState {
  if (cell.flags.length) return 'cited-wrong-path-nearby';
  if (cell.places.some((p) => p.via !== 'expired' && p.via !== 'wrong-path')) return 'cited';
  if (cell.places.some((p) => p.via === 'expired')) return 'expired-only';
  return 'not-cited';
}
