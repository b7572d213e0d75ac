// Parses a normalised plan text (data/plans/*.txt, see plan-text.ts) into the PlanNode tree of
// server/src/core/plan/model.ts. Every node's span starts at the beginning of its first line and ends at the
// end of its last line (the "\n" excluded); the root spans the whole file.
import type { PlanNode, PlanNodeKind } from '../../server/src/core/plan/model';
import { PLAN_CATALOG } from '../../server/src/core/catalog/plans';
import type { PlanId } from '../../server/src/core/types';

export function citationOf(plan: PlanId, path: string): string {
  return `《${PLAN_CATALOG[plan].shortTitle}》${path}`;
}

export interface Clause {
  lead: string[];
  cooperating: string[];
  /** Offset of the clause's opening bracket within the line, and the clause text with brackets. */
  index: number;
  raw: string;
}

const LEAD_WORDS = ['负责', '牵头'];
const COOP_WORDS = ['配合', '参与'];

/**
 * The responsibility clause at the very end of a line: a fullwidth parenthesis whose comma-separated parts
 * each end in 负责/牵头 (lead) or 配合/参与 (cooperating), names separated by 、 and kept exactly as written.
 * Returns undefined when the line does not end in such a parenthesis.
 */
export function parseClause(line: string): Clause | undefined {
  const m = /（([^（）]+)）$/.exec(line);
  if (!m) return undefined;
  const parts = m[1].split('，');
  const lead: string[] = [];
  const cooperating: string[] = [];
  for (const part of parts) {
    const lw = LEAD_WORDS.find((w) => part.endsWith(w));
    const cw = COOP_WORDS.find((w) => part.endsWith(w));
    const word = lw ?? cw;
    if (!word) return undefined;
    const names = part.slice(0, -word.length).split('、');
    if (names.some((n) => n === '' || /[，。；：]/.test(n))) return undefined;
    (lw ? lead : cooperating).push(...names);
  }
  return { lead, cooperating, index: m.index, raw: m[0] };
}

/** A parenthesis at the end of a line that mentions a responsibility keyword (used to check parsing). */
export function looksLikeClause(line: string): boolean {
  const m = /（([^（）]+)）$/.exec(line);
  return !!m && /负责|牵头|配合|参与/.test(m[1]);
}

/** The text of a measure or item line without its marker and without its clause. */
export function bodyOf(line: string): string {
  const clause = parseClause(line);
  const withoutClause = clause ? line.slice(0, clause.index) : line;
  return withoutClause.replace(/^（\d+）|^——/, '');
}

function firstSentence(body: string): string {
  const i = body.indexOf('。');
  return i >= 0 ? body.slice(0, i) : body;
}

const PART = /^([一二三四五六七八九十]+)、(.+)$/;
const SECTION = /^（([一二三四五六七八九十]+)）([^。]+)。/;
const GROUP = /^([12])\.(工作目标|行动措施)。$/;
const MEASURE = /^（(\d+)）/;
const ITEM = /^——/;

export interface ParsedPlan {
  nodes: PlanNode[];
  title: string;
  noticeTitle: string;
  docNumber: string;
  issued: string;
}

export function parsePlan(plan: PlanId, text: string, planTitle: string): ParsedPlan {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const lineStart: number[] = [];
  let off = 0;
  for (const l of lines) {
    lineStart.push(off);
    off += l.length + 1;
  }
  const lineEnd = (i: number) => lineStart[i] + lines[i].length;

  interface Draft {
    kind: PlanNodeKind;
    path: string;
    heading: string;
    firstLine: number;
    lastLine: number;
    parent?: Draft;
    children: Draft[];
    clause?: Clause;
  }
  const root: Draft = {
    kind: 'root',
    path: '',
    heading: planTitle,
    firstLine: 0,
    lastLine: lines.length - 1,
    children: [],
  };
  const drafts: Draft[] = [root];
  const add = (d: Omit<Draft, 'children' | 'lastLine'>): Draft => {
    const node: Draft = { ...d, lastLine: d.firstLine, children: [] };
    d.parent!.children.push(node);
    drafts.push(node);
    return node;
  };
  const extend = (d: Draft | undefined, line: number) => {
    for (let x = d; x && x !== root; x = x.parent) x.lastLine = Math.max(x.lastLine, line);
  };

  const titleLine = lines.indexOf(planTitle);
  if (titleLine < 0) throw new Error(`${plan}: plan title line ${planTitle} not found`);
  const noticeTitle = lines[0];
  const docNumber = lines[1];
  if (!/^国办发〔\d{4}〕\d+号$/.test(docNumber)) throw new Error(`${plan}: document number line not found`);
  const dateLine = lines.slice(0, titleLine).find((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l));
  if (!dateLine) throw new Error(`${plan}: notice date not found`);
  const [, y, mo, da] = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(dateLine)!;
  const issued = `${y}-${mo.padStart(2, '0')}-${da.padStart(2, '0')}`;

  const notice = add({ kind: 'notice', path: '通知', heading: noticeTitle, firstLine: 0, parent: root });
  notice.lastLine = titleLine - 1;
  if (!PART.test(lines[titleLine + 1]) && titleLine + 1 < lines.length) {
    const pre = add({ kind: 'preamble', path: '序言', heading: '序言', firstLine: titleLine + 1, parent: root });
    let i = titleLine + 2;
    while (i < lines.length && !PART.test(lines[i])) i++;
    pre.lastLine = i - 1;
  }

  let part: Draft | undefined;
  let section: Draft | undefined;
  let group: Draft | undefined;
  let measure: Draft | undefined;
  let current: Draft | undefined; // innermost node that body paragraphs belong to
  const start = drafts[drafts.length - 1].lastLine + 1;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    let m: RegExpExecArray | null;
    if ((m = PART.exec(line))) {
      part = add({ kind: 'part', path: m[1], heading: m[2], firstLine: i, parent: root });
      section = group = measure = undefined;
      current = part;
    } else if ((m = SECTION.exec(line))) {
      if (!part) throw new Error(`${plan}: section outside a part at line ${i}`);
      section = add({ kind: 'section', path: `${part.path}（${m[1]}）`, heading: m[2], firstLine: i, parent: part });
      group = measure = undefined;
      current = section;
    } else if ((m = GROUP.exec(line))) {
      if (!section) throw new Error(`${plan}: group outside a section at line ${i}`);
      group = add({ kind: 'group', path: `${section.path}${m[1]}`, heading: m[2], firstLine: i, parent: section });
      measure = undefined;
      current = group;
    } else if ((m = MEASURE.exec(line))) {
      if (!group || group.heading !== '行动措施') throw new Error(`${plan}: measure outside 行动措施 at line ${i}`);
      measure = add({
        kind: 'measure',
        path: `${group.path}（${m[1]}）`,
        heading: firstSentence(bodyOf(line)),
        firstLine: i,
        parent: group,
        clause: parseClause(line),
      });
      current = measure;
    } else if (ITEM.test(line)) {
      if (!measure) throw new Error(`${plan}: —— item outside a measure at line ${i}`);
      const n = measure.children.length + 1;
      current = add({
        kind: 'item',
        path: `${measure.path}第${n}项`,
        heading: firstSentence(bodyOf(line)),
        firstLine: i,
        parent: measure,
        clause: parseClause(line),
      });
    } else {
      if (!current || current.kind === 'measure' || current.kind === 'item') {
        throw new Error(`${plan}: unexpected paragraph at line ${i}: ${line.slice(0, 20)}`);
      }
    }
    extend(current, i);
  }

  // Check numbering: parts, sections and measures count up from 一 / （一） / （1） without gaps.
  const CN = '一二三四五六七八九十';
  for (const d of drafts) {
    const kids = d.children.filter((c) => c.kind === 'part' || c.kind === 'section' || c.kind === 'measure');
    kids.forEach((c, k) => {
      const label = c.kind === 'measure' ? `（${k + 1}）` : c.kind === 'section' ? `（${CN[k]}）` : CN[k];
      if (!c.path.endsWith(label)) throw new Error(`${plan}: numbering gap at ${c.path}`);
    });
  }

  const nodes: PlanNode[] = drafts.map((d) => {
    const s = d.kind === 'root' ? 0 : lineStart[d.firstLine];
    const e = d.kind === 'root' ? text.length : lineEnd(d.lastLine);
    const node: PlanNode = {
      plan,
      kind: d.kind,
      path: d.path,
      citation: citationOf(plan, d.path),
      heading: d.heading,
      text: text.slice(s, e),
      lead: d.clause?.lead ?? [],
      cooperating: d.clause?.cooperating ?? [],
      start: s,
      end: e,
      startLine: d.kind === 'root' ? 0 : d.firstLine,
      endLine: d.kind === 'root' ? lines.length : d.lastLine,
      children: d.children.map((c) => c.path),
    };
    if (d.parent) node.parent = d.parent.path;
    return node;
  });
  // Document order = order of start offsets (drafts are created in reading order).
  return { nodes, title: planTitle, noticeTitle, docNumber, issued };
}
