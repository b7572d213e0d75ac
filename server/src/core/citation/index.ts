// The citation engine: finds plan citations in a text (syntax.ts) and resolves them against the plan index.
// The grammar, the flagging rule (what counts as citation-format) and the replacement rule are documented at
// the top of syntax.ts.
//
// Canonical forms (CONTRACT.md), all fixed points of findCitations:
//   path        《行动计划（2021—2030年）》二（一）2（3）
//   title       《中国反对拐卖人口行动计划（2021—2030年）》 (also for 《行动计划》 alone, resolved by context)
//   notice      《国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知》
//   docnumber   国办发〔2021〕13号
import type { CancellationLike, PlanId, Span } from '../types';
import type { PlanIndex, PlanNode } from '../plan/model';
import type { Citation, CitationOptions } from './api';
import {
  docNumber,
  formatPath,
  fullTitle,
  noticeTitle,
  parsePathAt,
  PLAN_YEARS,
  scanCitations,
  shortTitle,
  type RawCitation,
} from './syntax';

export type { Citation, CitationOptions } from './api';
export { scanCitations, formatPath, parsePathAt, type RawCitation } from './syntax';
export { fullTitle, shortTitle, noticeTitle, docNumber, toCjkNumeral, yearsLabel } from './syntax';

/** 《行动计划（2021—2030年）》 + path, e.g. 《行动计划（2021—2030年）》二（一）2（3）. */
export function canonicalCitation(plan: PlanId, path: string): string {
  return `《${shortTitle(plan)}》${path}`;
}
/** 《中国反对拐卖人口行动计划（2021—2030年）》 */
export function canonicalTitle(plan: PlanId): string {
  return `《${fullTitle(plan)}》`;
}
/** 《国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知》 */
export function canonicalNotice(plan: PlanId): string {
  return `《${noticeTitle(plan)}》`;
}
export { docNumber as canonicalDocNumber };


function noticeNode(index: PlanIndex, plan: PlanId): PlanNode | undefined {
  return index.get(plan, '通知') ?? index.get(plan, '');
}

function resolve(
  text: string,
  raw: RawCitation,
  plan: PlanId,
  planSource: 'explicit' | 'context' | 'default',
  index: PlanIndex,
): Citation {
  const written = text.slice(raw.start, raw.end);
  let canonical: string;
  let node: PlanNode | undefined;
  let kind: Citation['kind'];
  if (raw.path) {
    kind = 'path';
    canonical = canonicalCitation(plan, raw.path.path);
    node = index.get(plan, raw.path.path);
  } else if (raw.form === 'docnumber') {
    kind = 'docnumber';
    canonical = docNumber(plan);
    node = noticeNode(index, plan);
  } else if (raw.form === 'notice') {
    kind = 'title';
    canonical = canonicalNotice(plan);
    node = noticeNode(index, plan);
  } else {
    kind = 'title';
    canonical = canonicalTitle(plan);
    node = index.get(plan, '');
  }
  const accepted = raw.refFixed + (raw.path ? raw.path.path : '');
  const isCanonical = !raw.standalone || written === accepted;
  const c: Citation = {
    start: raw.start,
    end: raw.end,
    text: written,
    kind,
    plan,
    planRef: { start: raw.refStart, end: raw.refEnd, explicit: planSource === 'explicit' },
    canonical,
    isCanonical,
    form: raw.form,
    planSource,
  };
  if (raw.path) {
    c.pathSpan = { start: raw.path.start, end: raw.path.end };
    c.path = raw.path.path;
  }
  if (node) c.node = node;
  if (!isCanonical) c.replacement = accepted;
  return c;
}

/**
 * Every plan citation in `text`, in document order. 《行动计划》 without years is resolved to the plan named
 * most recently before it (by any explicit reference, document number or mention), else options.defaultPlan.
 * Linear time; throws CancelledError (core/types.ts) when the token is cancelled.
 */
export function findCitations(
  text: string,
  index: PlanIndex,
  options: CitationOptions,
  token?: CancellationLike,
): Citation[] {
  const raws = scanCitations(text, token);
  const out: Citation[] = [];
  let last: PlanId | undefined;
  for (const raw of raws) {
    let plan: PlanId;
    let source: 'explicit' | 'context' | 'default';
    if (raw.plan) {
      plan = raw.plan;
      source = 'explicit';
      last = raw.plan;
    } else if (last) {
      plan = last;
      source = 'context';
    } else {
      plan = options.defaultPlan;
      source = 'default';
    }
    out.push(resolve(text, raw, plan, source, index));
  }
  return out;
}

/** The citation whose span contains `offset` (end inclusive, for a cursor right after it), if any. */
export function citationAt(citations: readonly Citation[], offset: number): Citation | undefined {
  let lo = 0;
  let hi = citations.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = citations[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset > c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

// ───────────────────────────── parseCitation ─────────────────────────────
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0;
}

/** Optional （ then YYYY [年] dash YYYY [年] then optional ）, e.g. 2013-2020, （2013—2020年）, 2021—2030. */
function planPrefix(t: string): { plan: PlanId; end: number } | undefined {
  let p = 0;
  const open = t.charCodeAt(0);
  const bracketed = open === 0xff08 || open === 0x28;
  if (bracketed) p++;
  const year = (q: number): [number, number] | undefined => {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = t.charCodeAt(q + k);
      const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0xff10 && c <= 0xff19 ? c - 0xff10 : -1;
      if (d < 0) return undefined;
      v = v * 10 + d;
    }
    return [v, q + 4];
  };
  const y1 = year(p);
  if (!y1) return undefined;
  p = y1[1];
  if (t[p] === '年') p++;
  let dashes = 0;
  while (dashes < 3 && p < t.length && '—–-‒―~～－‐‑−〜至'.includes(t[p])) {
    p++;
    dashes++;
  }
  if (dashes === 0) return undefined;
  const y2 = year(p);
  if (!y2) return undefined;
  p = y2[1];
  if (t[p] === '年') p++;
  if (bracketed) {
    const c = t.charCodeAt(p);
    if (c !== 0xff09 && c !== 0x29) return undefined;
    p++;
  }
  for (const plan of Object.keys(PLAN_YEARS) as PlanId[]) {
    const [a, b] = PLAN_YEARS[plan];
    if (y1[0] === a && y2[0] === b) return { plan, end: p };
  }
  return undefined;
}

function shift(c: Citation, d: number): Citation {
  if (d === 0) return c;
  const s = (x: Span) => ({ ...x, start: x.start + d, end: x.end + d });
  const r: Citation = { ...c, start: c.start + d, end: c.end + d, planRef: { ...s(c.planRef), explicit: c.planRef.explicit } };
  if (c.pathSpan) r.pathSpan = s(c.pathSpan);
  return r;
}

/**
 * One citation given on its own (the `show` command, the 插入引用 command). Accepts everything findCitations
 * accepts when it is the whole string (《行动计划（2013—2020年）》二（一）2（2）第1项, 国办发〔2021〕13号, …), and
 * also a bare path (default plan: 二（一）2（3）, 三, 第二部分) or a plan id or years before a path
 * (2013-2020 二（一）2（1）, 2021—2030：三（二）, （2013—2020年）二（一）). Offsets are into `s`.
 * For the bare and plan-id forms, isCanonical means `text === canonical`.
 */
export function parseCitation(s: string, index: PlanIndex, options: CitationOptions): Citation | undefined {
  let a = 0;
  let b = s.length;
  while (a < b && isBlank(s.charCodeAt(a))) a++;
  while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
  if (a === b) return undefined;
  const t = s.slice(a, b);

  // 1. A citation as written in a document, covering the whole string.
  const found = findCitations(t, index, options);
  if (found.length === 1 && found[0].start === 0 && found[0].end === t.length) return shift(found[0], a);

  // 2. A reference followed by a path that is only accepted when it is the whole string (《行动计划》三).
  const head = found[0];
  if (head && head.start === 0 && head.kind === 'title' && (head.form === 'short' || head.form === 'short-years' || head.form === 'full')) {
    let p = head.end;
    while (p < t.length && isBlank(t.charCodeAt(p))) p++;
    const r = parsePathAt(t, p, true);
    if (r && r.end === t.length) {
      const path = formatPath(r.levels);
      const accepted = (head.replacement ?? head.text) + path;
      const node = index.get(head.plan, path);
      const c: Citation = {
        ...head,
        end: t.length,
        text: t,
        kind: 'path',
        pathSpan: { start: p, end: t.length },
        path,
        canonical: canonicalCitation(head.plan, path),
        isCanonical: t === accepted,
      };
      delete c.node;
      delete c.replacement;
      if (node) c.node = node;
      if (!c.isCanonical) c.replacement = accepted;
      return shift(c, a);
    }
  }

  // 3. Plan id / years, then separators, then an optional path; or a bare path (default plan).
  let plan = options.defaultPlan;
  let explicit = false;
  let refEnd = 0;
  let p = 0;
  const pre = planPrefix(t);
  if (pre) {
    plan = pre.plan;
    explicit = true;
    refEnd = pre.end;
    p = pre.end;
    while (p < t.length && ' \t\u3000:：/，,'.includes(t[p])) p++;
  }
  let path: string | undefined;
  let pathStart = p;
  if (p < t.length) {
    const r = parsePathAt(t, p, true);
    if (!r || r.end !== t.length) return undefined;
    path = formatPath(r.levels);
    pathStart = p;
  } else if (!pre) return undefined;

  const canonical = path !== undefined ? canonicalCitation(plan, path) : canonicalTitle(plan);
  const node = path !== undefined ? index.get(plan, path) : index.get(plan, '');
  const c: Citation = {
    start: a,
    end: b,
    text: t,
    kind: path !== undefined ? 'path' : 'title',
    plan,
    planRef: { start: a, end: a + refEnd, explicit },
    canonical,
    isCanonical: t === canonical,
    planSource: explicit ? 'explicit' : 'default',
  };
  if (path !== undefined) {
    c.path = path;
    c.pathSpan = { start: a + pathStart, end: b };
  }
  if (node) c.node = node;
  if (!c.isCanonical) c.replacement = canonical;
  return c;
}
