// Pure syntax of plan citations: a hand-written, linear-time scanner (no regular expressions, so no
// backtracking on hostile input). It knows nothing about the plan index; core/citation/index.ts resolves
// what this file finds.
//
// ───────────────────────────── Accepted grammar (documented decision) ─────────────────────────────
// SP      := up to 4 of: space, tab, U+3000, U+00A0, U+2002–U+200B, U+202F (never a line break)
// DIGIT   := 0–9 or fullwidth ０–９             CJKNUM := 一…十 (part), 一…二十 (section, item)
// OPEN    := （ or (                           CLOSE  := ） or )
// DASH    := 0–3 of — – - ‒ ― ~ ～ － ‐ ‑ − 〜, or the word 至 (no dash at all is accepted too)
// YEARS   := OPEN SP Y1 SP [年] SP DASH SP Y2 SP 年 SP CLOSE  with (Y1, Y2) the term of a plan of the catalog
//            (core/catalog/plans.ts: 2008—2012, 2013—2020, 2021—2030); other years inside a 《》 title are kept as
//            "impossible years" (unknown-citation, best-guess plan)
// PT      := [中国] CORE SP YEARS   CORE: a title core of the catalog (反对拐卖人口行动计划, 反对拐卖妇女儿童行动计划);
//            SP may also stand between the characters of 中国 and CORE (a .docx export), 画 for 划 (行动计画)
// The scanner runs on folded text (traditional → simplified, halfwidth → fullwidth punctuation; one UTF-16 unit per
// unit, so every offset is an offset of the original text).
//
// Plan references
//  full        《 SP PT SP 》                                   explicit plan
//  short-years 《 SP 行动计划 SP YEARS SP 》                    explicit plan (the canonical short title)
//  (years after the title, 《中国反对拐卖人口行动计划》（2021—2030年）, count as full/short-years: the
//  replacement moves them inside: 《中国反对拐卖人口行动计划（2021—2030年）》)
//  short       《 SP 行动计划 SP 》 or 《 SP [中国]反对拐卖人口行动计划 SP 》
//              plan resolved by context: the plan named most recently before it, else the default plan
//  notice      《 SP 国务院办公厅关于印发 PT 的通知 SP 》, and the same without 《》
//  mention     PT anywhere else: inside another document's title (《安康市贯彻落实〈PT〉实施细则》,
//              《福建省贯彻PT实施细则》) or in prose
//  docnumber   国办发 SP BOPEN SP YEAR SP BCLOSE SP [第] SP NUMBER SP 号, only the catalog's (〔2007〕69号, 〔2013〕19号, 〔2021〕13号);
//              BOPEN/BCLOSE: any of 〔[【(（〖［｛{ / 〕]】)）〗］｝}. Other numbers are not ours.
//  〈…〉 may stand for 《…》 (full, short-years, short): outside any 《》 it is a wrongly bracketed citation,
//  inside 《》 it is the usual nested title.
// Every reference except the short form names its plan explicitly (planRef.explicit); the short form takes the
// plan of the most recent explicit reference before it in the scanned text (mentions and document numbers
// included), else options.defaultPlan (core/citation/index.ts). Nesting of 《》 is tracked per line.
//
// Which references may be flagged (citation-format): only a *standalone* citation of the plan itself —
// a 《…》 or 〈…〉 reference that is not nested in another 《…》 on the same line and is not part of a local
// document's title (directly followed by 实施细则, 实施方案, … — see LOCAL_TITLE_WORDS), a document number.
// Mentions (titles inside other titles or in prose), unbracketed notice titles and nested references are
// legitimate parts of other documents' titles and are never flagged (isCanonical true).
//
// A path is accepted only right after a 《…》/〈…〉 reference (full, short-years, short), after SP:
//   PATH    := [第] SP PART SP [部分] SP [、] SP SECTION-PART?
//   PART    := 一…十            — a part alone needs 部分 (第二部分) or, without 第, a boundary right after the
//                                numeral (end, space, punctuation but not an opening bracket: 《行动计划》三。),
//                                so that 《行动计划》一经…, 十年来 do not match; a part alone followed by
//                                第+numeral (第二部分第一项) is left alone (ambiguous).
//   SECTION := OPEN SP CJKNUM SP CLOSE  then  SP GROUP? SP MEASURE? SP ITEM?
//            | 第 SP OPEN CJKNUM CLOSE SP (项|条|款)   — the prose form 第（一）项 = section （一）, nothing after it
//   GROUP   := DIGIT (not followed by a digit) [. ．、] (a '.' followed by a digit is a decimal, not a group)
//   MEASURE := OPEN SP DIGIT{1,2} SP CLOSE — written without a group (二（一）（3）) it means group 2 (行动措施),
//              the only group with measures in both plans; the canonical form then inserts the 2
//   ITEM    := 第 SP (DIGIT{1,2} | CJKNUM) SP 项     — only after a measure
// A section never starts a path on its own (《行动计划》（一） is not accepted), and bare numbering without a
// plan reference right before it (二（一）) is the document's own numbering, not a citation.
// Canonical path: fullwidth brackets, ASCII digits, no spaces, no 第 before the part, no 部分, no 、 or '.':
//   二（一）2（3）第2项.
//
// Replacement rule for non-canonical standalone citations: keep the writer's title form (short 《行动计划》,
// short with years, full title with or without 中国, notice) and fix only punctuation: 《》 brackets,
// fullwidth （）, the dash —, ASCII digits, no spaces, and the canonical path. 《行动计划》 alone is fine.
import { PLAN_CATALOG, PLAN_IDS, planByDocNumber, planByYears, titleCores, type PlanId } from '../catalog/plans';
import { ownCopy } from '../document';
import { CancelledError, type CancellationLike } from '../types';

export type CitationForm = 'full' | 'short-years' | 'short' | 'notice' | 'mention' | 'docnumber';

export interface RawPath {
  start: number;
  end: number;
  /** Canonical path, e.g. 二（一）2（3）第2项. */
  path: string;
}

export interface RawCitation {
  /** Whole citation (reference and path), half-open UTF-16 offsets. */
  start: number;
  end: number;
  /** The plan reference alone. */
  refStart: number;
  refEnd: number;
  form: CitationForm;
  /** The plan the reference names explicitly; undefined for the short form (resolved by context). */
  plan?: PlanId;
  /** False for references that are part of another title or prose (never flagged). */
  standalone: boolean;
  /** The reference in the writer's form with canonical punctuation (for the replacement). */
  refFixed: string;
  path?: RawPath;
  /** Short forms: the name inside 《》 (行动计划, 反对拐卖人口行动计划, or a defined abbreviation). */
  name?: string;
  /** Impossible years in the title (2021—2023年): [first, last]; `plan` is the best guess, if any. */
  badYears?: [number, number];
  /** A bare title damaged by spaces or a lost dash (中国反对拐卖人口 行动计划(20212030年)): refFixed repairs it. */
  damaged?: boolean;
  /** An item of a list or range of paths: the citation that starts the list. */
  listHead?: RawCitation;
  /** An item between the ends of a range (二（一）2（1）至（5） → （2）…（4）): its span is the whole range. */
  implied?: boolean;
  /**
   * Set by findCitations while it resolves (core/citation/index.ts): the plan this reference stands for (undefined:
   * the document's own plan, no national citation) and how it was found; list items take their head's.
   */
  resolved?: { plan: PlanId | undefined; source: 'explicit' | 'definition' | 'context' | 'default' };
}

/**
 * A RawCitation with every field present (the optional ones undefined), in one order: every reference has the same
 * shape, so the finder's reads and its store of `resolved` see one hidden class (no megamorphic access per reference).
 */
export function newRawCitation(
  start: number,
  end: number,
  form: CitationForm,
  plan: PlanId | undefined,
  standalone: boolean,
  refFixed: string,
): RawCitation {
  return {
    start,
    end,
    refStart: start,
    refEnd: end,
    form,
    plan,
    standalone,
    refFixed,
    path: undefined,
    name: undefined,
    badYears: undefined,
    damaged: undefined,
    listHead: undefined,
    implied: undefined,
    resolved: undefined,
  };
}

/** The term of each plan (from the catalog, core/catalog/plans.ts). */
export const PLAN_YEARS: Readonly<Record<PlanId, readonly [number, number]>> = Object.freeze(
  Object.fromEntries(PLAN_IDS.map((id) => [id, PLAN_CATALOG[id].years])) as Record<PlanId, readonly [number, number]>,
);

export function yearsLabel(plan: PlanId): string {
  const [a, b] = PLAN_YEARS[plan];
  return `（${a}—${b}年）`;
}
/** 行动计划（2021—2030年） */
export function shortTitle(plan: PlanId): string {
  return PLAN_CATALOG[plan].shortTitle;
}
/** 中国反对拐卖人口行动计划（2021—2030年） */
export function fullTitle(plan: PlanId): string {
  return PLAN_CATALOG[plan].title;
}
/** 国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知 */
export function noticeTitle(plan: PlanId): string {
  return PLAN_CATALOG[plan].noticeTitle;
}
/** 国办发〔2021〕13号 */
export function docNumber(plan: PlanId): string {
  return PLAN_CATALOG[plan].docNumber;
}

const PART_NUMERALS = '一二三四五六七八九十';
/** The code units of PART_NUMERALS (looked up by code: no one-character string per lookup). */
const PART_CODES: readonly number[] = Object.freeze(Array.from(PART_NUMERALS, (ch) => ch.charCodeAt(0)));
/** The code units of the characters of a string, as a set (never changed). */
function codeSet(chars: string): ReadonlySet<number> {
  return new Set(Array.from(chars, (ch) => ch.charCodeAt(0)));
}
/** 1…20 → 一…二十 (the range used by parts, sections and items). */
export function toCjkNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  let s = '';
  if (tens > 0) s += (tens > 1 ? PART_NUMERALS[tens - 1] : '') + '十';
  if (ones > 0) s += PART_NUMERALS[ones - 1];
  return s;
}

// ───────────────────────────── character classes ─────────────────────────────
const MAX_GAP = 4;

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || (c >= 0x2002 && c <= 0x200b) || c === 0x202f;
}
/**
 * isSpace by code unit, as a table (1: SP; test/core/citation checks it against isSpace for every unit): the loops that
 * skip SP read it without a call per unit (they run at every reference, mostly to find no space at all).
 */
export const SPACE_TABLE: Readonly<Uint8Array> = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of [0x20, 0x09, 0x3000, 0xa0, 0x202f]) table[c] = 1;
  for (let c = 0x2002; c <= 0x200b; c++) table[c] = 1;
  return table;
})();
/** Skips at most MAX_GAP spaces; returns the new position. */
function skipSp(t: string, p: number): number {
  let k = 0;
  while (k < MAX_GAP && p < t.length && SPACE_TABLE[t.charCodeAt(p)] === 1) {
    p++;
    k++;
  }
  return p;
}
function digitAt(t: string, p: number): number {
  const c = t.charCodeAt(p);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}
function isDashChar(c: number): boolean {
  return (
    c === 0x2014 || // —
    c === 0x2013 || // –
    c === 0x2d || // -
    c === 0x2012 || // ‒
    c === 0x2015 || // ―
    c === 0x7e || // ~
    c === 0xff5e || // ～
    c === 0xff0d || // －
    c === 0x2010 || // ‐
    c === 0x2011 || // ‑
    c === 0x2212 || // −
    c === 0x301c // 〜
  );
}
const isOpen = (c: number) => c === 0xff08 /* （ */ || c === 0x28; /* ( */
const isClose = (c: number) => c === 0xff09 /* ） */ || c === 0x29; /* ) */
const DOC_OPEN = new Set([0x3014, 0x5b, 0x3010, 0x28, 0xff08, 0x3016, 0xff3b, 0xff5b, 0x7b]);
const DOC_CLOSE = new Set([0x3015, 0x5d, 0x3011, 0x29, 0xff09, 0x3017, 0xff3d, 0xff5d, 0x7d]);

/** min…max digits at p (not followed by another digit unless `glued`) → [value, end] or undefined. */
function number(t: string, p: number, min: number, max: number, glued = false): [number, number] | undefined {
  let v = 0;
  let k = 0;
  // (digitAt written out: no call per digit.)
  while (k < max) {
    const c = t.charCodeAt(p + k);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0xff10 && c <= 0xff19 ? c - 0xff10 : -1;
    if (d < 0) break;
    v = v * 10 + d;
    k++;
  }
  if (k < min || (!glued && digitAt(t, p + k) >= 0)) return undefined;
  return [v, p + k];
}

/** A CJK numeral 一…二十 (or 一…十 when maxValue is 10) at p → [value, end]. */
function cjkNumber(t: string, p: number, maxValue: number): [number, number] | undefined {
  if (p >= t.length) return undefined;
  const a = PART_CODES.indexOf(t.charCodeAt(p));
  if (a < 0) return undefined;
  if (maxValue <= 10) return [a + 1, p + 1];
  const b = p + 1 < t.length ? PART_CODES.indexOf(t.charCodeAt(p + 1)) : -1;
  if (a === 9 /* 十 */) {
    if (b >= 0 && b < 9) return [10 + b + 1, p + 2]; // 十一…十九
    return [10, p + 1];
  }
  if (b === 9 && a === 1 /* 二十 */) {
    return [20, p + 2];
  }
  return [a + 1, p + 1];
}

interface YearsMatch {
  /** The plan with exactly these years; undefined for impossible years (2021—2023年). */
  plan?: PlanId;
  y1: number;
  y2: number;
  end: number;
  /** Written without a dash (20212030年) or with spaces: damaged (e.g. by a .docx export). */
  damaged: boolean;
}
/** YEARS at p (p is at the opening bracket). Years of no plan are returned with plan undefined. */
function years(t: string, p: number): YearsMatch | undefined {
  if (!isOpen(t.charCodeAt(p))) return undefined;
  let damaged = false;
  const sp = (q: number): number => {
    const r = skipSp(t, q);
    if (r !== q) damaged = true;
    return r;
  };
  p = sp(p + 1);
  const y1 = number(t, p, 4, 4, true); // 20212030: no dash at all
  if (!y1 || y1[0] < 2000 || y1[0] > 2099) return undefined;
  p = sp(y1[1]);
  if (t.charCodeAt(p) === 0x5e74 /* 年 */) p = sp(p + 1);
  if (t.charCodeAt(p) === 0x81f3 /* 至 */) p++;
  else {
    let k = 0;
    while (k < 3 && isDashChar(t.charCodeAt(p))) {
      p++;
      k++;
    }
    if (k === 0) damaged = true;
  }
  p = sp(p);
  const y2 = number(t, p, 4, 4);
  if (!y2 || y2[0] < y1[0] || y2[0] > 2099) return undefined;
  p = sp(y2[1]);
  if (t.charCodeAt(p) !== 0x5e74 /* 年 */) return undefined;
  p = sp(p + 1);
  if (!isClose(t.charCodeAt(p))) return undefined;
  return { plan: planByYears(y1[0], y2[0]), y1: y1[0], y2: y2[0], end: p + 1, damaged };
}

/**
 * `w` at p, allowing SP between its characters (a .docx export or a line break turned into a space: 中国反对拐卖人口
 * 行动计划) and 画 for 划 (行动计画, the usage of traditional-character texts). → [end, spaced] or undefined.
 */
function word(t: string, p: number, w: string): [number, boolean] | undefined {
  // Written as is (nearly every match): one native comparison instead of a skip and a compare per character. The loop
  // below finds the same (w holds no space, so no gap is skipped), and the rest: spaces between characters, 画 for 划.
  if (t.startsWith(w, p)) return [p + w.length, false];
  let q = p;
  let spaced = false;
  let gaps = 0;
  for (let k = 0; k < w.length; k++) {
    if (k > 0) {
      const r = skipSp(t, q);
      if (r !== q) {
        spaced = true;
        gaps += r - q;
        if (gaps > MAX_GAP) return undefined;
        q = r;
      }
    }
    const c = t.charCodeAt(q);
    const wc = w.charCodeAt(k);
    if (c !== wc && !(wc === 0x5212 /* 划 */ && c === 0x753b) /* 画 */) return undefined;
    q++;
  }
  return [q, spaced];
}

const ZG = '中国';
const SHORT = '行动计划';
const NOTICE_HEAD = '国务院办公厅关于印发';
const NOTICE_TAIL = '的通知';
/** Title cores of the catalog, longest first (computed once; pure data). */
const CORES = titleCores();

interface TitleMatch {
  end: number;
  /** The plan named: by its years, else by a title core only one plan has (反对拐卖妇女儿童行动计划 → 2008—2012). */
  plan?: PlanId;
  zhongguo: boolean;
  core: string;
  /** Years present but of no plan (2021—2023年): [y1, y2]; `plan` is then the best guess, if any. */
  badYears?: [number, number];
  /** Spaces inside the title, years without a dash, or a core that is not the plan's own. */
  damaged: boolean;
  hasYears: boolean;
}
/**
 * [中国]<title core> SP [YEARS] at p. requireYears: the plan title must carry its years (valid ones unless
 * allowBadYears).
 */
function planTitle(t: string, p: number, requireYears: boolean, allowBadYears = false): TitleMatch | undefined {
  let q = p;
  let zhongguo = false;
  let damaged = false;
  const zg = word(t, q, ZG);
  if (zg) {
    zhongguo = true;
    q = skipSp(t, zg[0]);
    if (q !== zg[0]) damaged = true;
  }
  let core: { core: string; plans: PlanId[] } | undefined;
  for (const c of CORES) {
    const m = word(t, q, c.core);
    if (m) {
      core = c;
      q = m[0];
      if (m[1]) damaged = true;
      break;
    }
  }
  if (!core) return undefined;
  const r = skipSp(t, q);
  const y = years(t, r);
  if (y && y.plan) {
    const own = PLAN_CATALOG[y.plan];
    const coreOk = own.titleCore === core.core || own.titleVariants.includes(core.core);
    return {
      end: y.end,
      plan: y.plan,
      zhongguo,
      core: core.core,
      damaged: damaged || y.damaged || r !== q || !coreOk,
      hasYears: true,
    };
  }
  if (y && allowBadYears) {
    // The best guess: the plan of this title whose first (else last) year is right, else the only plan of the core.
    const guess =
      core.plans.find((id) => PLAN_CATALOG[id].years[0] === y.y1) ??
      core.plans.find((id) => PLAN_CATALOG[id].years[1] === y.y2) ??
      (core.plans.length === 1 ? core.plans[0] : undefined);
    return {
      end: y.end,
      plan: guess,
      zhongguo,
      core: core.core,
      badYears: [y.y1, y.y2],
      damaged: true,
      hasYears: true,
    };
  }
  if (requireYears) return undefined;
  return {
    end: q,
    plan: core.plans.length === 1 ? core.plans[0] : undefined,
    zhongguo,
    core: core.core,
    damaged,
    hasYears: false,
  };
}

/** The title as it should be written: the plan's own core, 中国 kept as the writer had it, canonical years. */
function titleText(m: TitleMatch): string {
  const core = m.plan && (m.hasYears || m.damaged) ? PLAN_CATALOG[m.plan].titleCore : m.core;
  return (m.zhongguo ? ZG : '') + core + (m.plan && m.hasYears ? yearsLabel(m.plan) : '');
}

export interface BracketMatch {
  end: number;
  form: 'full' | 'short-years' | 'short' | 'notice';
  plan?: PlanId;
  /** The reference with canonical punctuation (always with 《》). */
  fixed: string;
  /** Short forms: the name inside the brackets (spaces removed), for abbreviation bindings. */
  name?: string;
  /** Impossible years: the reference ends after the years (its closing bracket comes later). */
  badYears?: [number, number];
  /** Span of the title inside (for the fix of impossible years). */
  titleStart?: number;
}
/** A 《…》 (or 〈…〉) reference starting at p (t[p] is the opening bracket). */
function bracketRef(t: string, p: number, close: number): BracketMatch | undefined {
  const q = skipSp(t, p + 1);
  const finish = (e: number): number | undefined => {
    e = skipSp(t, e);
    return t.charCodeAt(e) === close ? e + 1 : undefined;
  };
  const sh = word(t, q, SHORT);
  if (sh) {
    const r = skipSp(t, sh[0]);
    const y = years(t, r);
    if (y && y.plan) {
      const end = finish(y.end);
      if (end !== undefined) return { end, form: 'short-years', plan: y.plan, fixed: `《${shortTitle(y.plan)}》` };
      return undefined;
    }
    const end = finish(sh[0]);
    if (end !== undefined) return { end, form: 'short', fixed: `《${SHORT}》`, name: SHORT };
    return undefined;
  }
  const nh = word(t, q, NOTICE_HEAD);
  if (nh) {
    // 〈〉 around the title inside a notice title: 《国务院办公厅关于印发〈中国反对拐卖人口行动计划(2021—2030年)〉的通知》
    let a = skipSp(t, nh[0]);
    const angled = t.charCodeAt(a) === C_ALT;
    if (angled) a = skipSp(t, a + 1);
    const m = planTitle(t, a, true);
    if (!m || !m.plan) return undefined;
    let r = skipSp(t, m.end);
    if (angled) {
      if (t.charCodeAt(r) !== C_AGT) return undefined;
      r = skipSp(t, r + 1);
    }
    const tail = word(t, r, NOTICE_TAIL);
    if (!tail) return undefined;
    const end = finish(tail[0]);
    if (end === undefined) return undefined;
    return { end, form: 'notice', plan: m.plan, fixed: `《${NOTICE_HEAD}${titleText(m)}${NOTICE_TAIL}》` };
  }
  const m = planTitle(t, q, false, true);
  if (!m) return undefined;
  if (m.badYears) return { end: m.end, form: 'full', plan: m.plan, fixed: '', badYears: m.badYears, titleStart: q };
  const end = finish(m.end);
  if (end === undefined) return undefined;
  if (!m.hasYears) {
    const name = t.slice(q, m.end).replace(/[\s\u3000]/g, '');
    // A title core only one plan has (《中国反对拐卖妇女儿童行动计划》) names that plan; the others are resolved by context.
    return { end, form: m.plan ? 'full' : 'short', plan: m.plan, fixed: `《${titleText(m)}》`, name };
  }
  return { end, form: 'full', plan: m.plan, fixed: `《${titleText(m)}》` };
}

/** Unbracketed notice title 国务院办公厅关于印发 PT 的通知 at p. */
function bareNotice(t: string, p: number): { end: number; plan: PlanId } | undefined {
  const nh = word(t, p, NOTICE_HEAD);
  if (!nh) return undefined;
  const m = planTitle(t, nh[0], true);
  if (!m || !m.plan) return undefined;
  const r = skipSp(t, m.end);
  const tail = word(t, r, NOTICE_TAIL);
  if (!tail) return undefined;
  return { end: tail[0], plan: m.plan };
}

/** 国办发〔2021〕13号 and its variants at p (any plan of the catalog). */
function docNumberAt(t: string, p: number): { end: number; plan: PlanId } | undefined {
  const head = word(t, p, '国办发');
  if (!head) return undefined;
  let q = skipSp(t, head[0]);
  if (!DOC_OPEN.has(t.charCodeAt(q))) return undefined;
  q = skipSp(t, q + 1);
  const y = number(t, q, 4, 4);
  if (!y) return undefined;
  q = skipSp(t, y[1]);
  if (!DOC_CLOSE.has(t.charCodeAt(q))) return undefined;
  q = skipSp(t, q + 1);
  if (t.charCodeAt(q) === 0x7b2c /* 第 */) q = skipSp(t, q + 1);
  const n = number(t, q, 1, 3);
  if (!n) return undefined;
  q = skipSp(t, n[1]);
  if (t.charCodeAt(q) !== 0x53f7 /* 号 */) return undefined;
  const plan = planByDocNumber(y[0], n[0]);
  return plan ? { end: q + 1, plan } : undefined;
}

// ───────────────────────────── paths ─────────────────────────────
interface PathLevels {
  part: number;
  section?: number;
  group?: number;
  measure?: number;
  item?: number;
}

/**
 * What scanText may keep between calls (core/citation/index.ts keeps one on the plan index, bounded): a 《…》
 * reference by its text up to its 》 (bracketRef reads nothing past it), a canonical path by its levels.
 */
export interface ScanMemo {
  refs: Map<string, Readonly<BracketMatch> | null>;
  paths: Map<number, string>;
  /** The paths after a reference by the run of path characters that holds them (see pathEntriesMemo). */
  pathRuns: Map<string, readonly PathEntry[]>;
}
/** Entries a ScanMemo map holds at most (then it starts again): a server's memory stays bounded. */
const MEMO_MAX = 4096;
/** The longest 《…》 text memoised (longer ones are parsed each time). */
const MEMO_REF_MAX = 96;

export function newScanMemo(): ScanMemo {
  return { refs: new Map(), paths: new Map(), pathRuns: new Map() };
}

/** formatPath, memoised by the levels (each level fits its bits: part ≤ 10, section ≤ 20, group ≤ 9, measure and item ≤ 99). */
function pathText(l: PathLevels, memo: ScanMemo | undefined): string {
  if (!memo) return formatPath(l);
  const key = (((l.part * 32 + (l.section ?? 0)) * 16 + (l.group ?? 0)) * 128 + (l.measure ?? 0)) * 128 + (l.item ?? 0);
  let s = memo.paths.get(key);
  if (s === undefined) {
    s = formatPath(l);
    if (memo.paths.size >= MEMO_MAX) memo.paths.clear();
    memo.paths.set(key, s);
  }
  return s;
}

/**
 * bracketRef for a 《 at p, through the memo when the 》 at `close` (the first after p, or -1) is near: the match with
 * its offsets (end, titleStart) relative to p, shared (never changed: bracketAt adds p, no copy per reference).
 */
function bracketRefMemo(t: string, p: number, close: number, memo: ScanMemo): Readonly<BracketMatch> | undefined {
  if (close < 0 || close - p > MEMO_REF_MAX) return relativeMatch(bracketRef(t, p, C_GT), p);
  const key = t.slice(p, close + 1);
  let m = memo.refs.get(key);
  if (m === undefined) {
    // A string of its own (not a slice of the line, which the memo would keep alive), parsed as the text.
    const own = ownCopy(key);
    m = bracketRef(own, 0, C_GT) ?? null;
    if (memo.refs.size >= MEMO_MAX) memo.refs.clear();
    memo.refs.set(own, m);
  }
  return m === null ? undefined : m;
}

/** A match found in place (offsets in t) with its offsets made relative to p, as the memo keeps them. */
function relativeMatch(m: BracketMatch | undefined, p: number): BracketMatch | undefined {
  if (!m) return undefined;
  m.end -= p;
  if (m.titleStart !== undefined) m.titleStart -= p;
  return m;
}

export function formatPath(l: PathLevels): string {
  let s = toCjkNumeral(l.part);
  if (l.section === undefined) return s;
  s += `（${toCjkNumeral(l.section)}）`;
  if (l.group !== undefined) s += String(l.group);
  if (l.measure !== undefined) s += `（${l.measure}）`;
  if (l.item !== undefined) s += `第${l.item}项`;
  return s;
}

const DI = 0x7b2c; // 第

/**
 * PATH at p (p is where the path would start, spaces already skipped) → levels and end, or undefined.
 * relaxed: the whole string is a citation (parseCitation), so a part alone needs no 部分.
 */
export function parsePathAt(t: string, p: number, relaxed = false): { levels: PathLevels; end: number } | undefined {
  let q = p;
  if (t.charCodeAt(q) === DI) q = skipSp(t, q + 1);
  const part = cjkNumber(t, q, 10);
  if (!part) return undefined;
  const levels: PathLevels = { part: part[0] };
  let end = part[1];
  q = skipSp(t, end);
  let bufen = false;
  if (t.startsWith('部分', q)) {
    bufen = true;
    end = q + 2;
    q = skipSp(t, end);
  }
  let r = q;
  if (t.charCodeAt(r) === 0x3001 /* 、 */) r = skipSp(t, r + 1);
  // section, plain form
  const sec = section(t, r);
  if (sec) {
    levels.section = sec[0];
    end = sec[1];
    return { levels, end: deeper(t, end, levels) };
  }
  // section, prose form 第（一）项 / 第（一）条 / 第（一）款
  if (t.charCodeAt(r) === DI) {
    const s2 = section(t, skipSp(t, r + 1));
    if (s2) {
      const k = skipSp(t, s2[1]);
      const c = t.charCodeAt(k);
      if (c === 0x9879 /* 项 */ || c === 0x6761 /* 条 */ || c === 0x6b3e /* 款 */) {
        levels.section = s2[0];
        return { levels, end: k + 1 };
      }
    }
    // 第二部分第一项: ambiguous, leave it alone
    if (bufen) {
      const k = skipSp(t, r + 1);
      if (cjkNumber(t, k, 20) || digitAt(t, k) >= 0) return undefined;
    }
  }
  if (bufen || relaxed) return { levels, end };
  // A part alone (the canonical 《行动计划（2021—2030年）》三) needs a boundary right after the numeral: the end of
  // the text, a space or punctuation other than an opening bracket — not a word (一经, 十年来) and not 第.
  if (t.charCodeAt(p) !== DI && isBoundary(t, part[1])) return { levels, end };
  return undefined;
}

function isBoundary(t: string, p: number): boolean {
  if (p >= t.length) return true;
  const c = t.charCodeAt(p);
  if (isOpen(c)) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral ideographs (𠮷)
  if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) return false; // CJK ideographs
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return false;
  if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return false;
  return true;
}

function section(t: string, p: number): [number, number] | undefined {
  if (!isOpen(t.charCodeAt(p))) return undefined;
  const q = skipSp(t, p + 1);
  const n = cjkNumber(t, q, 20);
  if (!n) return undefined;
  const r = skipSp(t, n[1]);
  if (!isClose(t.charCodeAt(r))) return undefined;
  return [n[0], r + 1];
}

function measure(t: string, p: number): [number, number] | undefined {
  if (!isOpen(t.charCodeAt(p))) return undefined;
  const q = skipSp(t, p + 1);
  const n = number(t, q, 1, 2);
  if (!n || n[0] === 0) return undefined;
  const r = skipSp(t, n[1]);
  if (!isClose(t.charCodeAt(r))) return undefined;
  return [n[0], r + 1];
}

/** Group, measure and item after a section; returns the end of the last accepted level. */
function deeper(t: string, end: number, levels: PathLevels): number {
  let q = skipSp(t, end);
  const g = digitAt(t, q);
  if (g >= 1 && digitAt(t, q + 1) < 0) {
    let r = q + 1;
    const c = t.charCodeAt(r);
    if (c === 0x2e /* . */ || c === 0xff0e /* ． */) {
      if (digitAt(t, r + 1) >= 0) return end; // a decimal number, not a group
      r++;
    } else if (c === 0x3001 /* 、 */) r++;
    levels.group = g;
    end = r;
    q = skipSp(t, end);
  }
  const m = measure(t, q);
  if (!m) {
    // "2." or "2、" with nothing after: the punctuation belongs to the prose, not to the path
    if (levels.group !== undefined) end = trimGroupPunct(t, end);
    return end;
  }
  levels.group ??= 2;
  levels.measure = m[0];
  end = m[1];
  q = skipSp(t, end);
  if (t.charCodeAt(q) === DI) {
    const r = skipSp(t, q + 1);
    const n = number(t, r, 1, 2) ?? cjkNumber(t, r, 20);
    if (n && n[0] > 0) {
      const k = skipSp(t, n[1]);
      if (t.charCodeAt(k) === 0x9879 /* 项 */) {
        levels.item = n[0];
        end = k + 1;
      }
    }
  }
  return end;
}

function trimGroupPunct(t: string, end: number): number {
  const c = t.charCodeAt(end - 1);
  return c === 0x2e || c === 0xff0e || c === 0x3001 ? end - 1 : end;
}

// ───────────────────────────── local document titles ─────────────────────────────
// The document's own title and headings, and other local documents' titles, name the national plan they implement:
// 关于贯彻落实《中国反对拐卖人口行动计划（2013—2020年）》的实施意见, 安康市贯彻落实《…》实施细则, 《福建省贯彻〈…〉实施细则》.
// Decision (README, contract section): such a reference is NOT a citation — it is recognised (hover, links; it names
// the plan a later 《行动计划》 refers to) but draws no diagnostic at any reference date (no superseded-citation, no
// citation-format): a title is quoted as the document was issued. Recognised by
//  - what follows the 》 directly: [的] + one of LOCAL_TITLE_WORDS (prose such as 《…》实施以来 does not match);
//  - what precedes the 《 directly: 关于 + 贯彻/落实/执行/实施/认真 (关于贯彻落实《…》… is always a document title;
//    为贯彻落实《…》 is prose and cites);
//  - being nested in another 《…》 on the same line (《安康市贯彻落实〈…〉实施细则》), or being a bare title without 《》.
const LOCAL_TITLE_WORDS = [
  '实施细则',
  '实施方案',
  '实施意见',
  '实施办法',
  '实施计划',
  '工作方案',
  '行动方案',
  '任务分工',
  '分工方案',
  '落实方案',
];
const LOCAL_TITLE_FIRSTS = codeSet(LOCAL_TITLE_WORDS.map((w) => w[0]).join(''));
function localTitleSuffix(t: string, p: number): boolean {
  if (t.charCodeAt(p) === 0x7684 /* 的 */) p++;
  if (!LOCAL_TITLE_FIRSTS.has(t.charCodeAt(p))) return false;
  for (const w of LOCAL_TITLE_WORDS) if (t.startsWith(w, p)) return true;
  return false;
}
const TITLE_VERB_CODES = codeSet('认真贯彻落实执行实施');
function localTitlePrefix(t: string, p: number): boolean {
  let q = p;
  while (q > 0 && p - q < MAX_GAP && SPACE_TABLE[t.charCodeAt(q - 1)] === 1) q--;
  let k = q;
  while (k > 0 && q - k < 8 && TITLE_VERB_CODES.has(t.charCodeAt(k - 1))) k--;
  return k < q && k >= 2 && t.startsWith('关于', k - 2);
}

/**
 * 重庆市实施《中国反对拐卖妇女儿童行动计划》（2008—2012年）的意见: a document title (实施/贯彻/落实/执行 right before
 * the 《, [的]意见 right after the reference and its years). Prose cites with 为贯彻落实《…》, never with …的意见.
 */
function implementingOpinion(t: string, open: number, end: number): boolean {
  // The verb first (a code unit compared before any slice): most references have none before them.
  let q = open;
  while (q > 0 && open - q < MAX_GAP && SPACE_TABLE[t.charCodeAt(q - 1)] === 1) q--;
  if (q < 2 || !OPINION_VERB_LASTS.has(t.charCodeAt(q - 1)) || !OPINION_VERBS.includes(t.slice(q - 2, q))) return false;
  let p = end;
  while (p < t.length && p - end < MAX_GAP && SPACE_TABLE[t.charCodeAt(p)] === 1) p++;
  // The years may follow the 》: （2008—2012年）. (Looked for only after an opening bracket, which the pattern starts
  // with: no slice and no match for the usual reference.)
  const years = isOpen(t.charCodeAt(p)) ? /^[（(][\d\s—―–\-~～至年]{4,16}[）)]/.exec(t.slice(p, p + 18)) : null;
  if (years) p += years[0].length;
  if (t.charCodeAt(p) === 0x7684 /* 的 */) p++;
  return t.startsWith('意见', p) || t.startsWith('若干意见', p);
}
const OPINION_VERBS = ['实施', '贯彻', '落实', '执行', '實施', '貫徹', '落實', '執行'];
const OPINION_VERB_LASTS = codeSet(OPINION_VERBS.map((w) => w[1]).join(''));

// ───────────────────────────── abbreviation definitions ─────────────────────────────
/** （以下简称《X》）: the 《X》 defined, and where the parenthesis (or the phrase) starts. */
export interface RawDefinition {
  /** Span of 《X》. */
  start: number;
  end: number;
  /** X without spaces (folded text). */
  name: string;
  /** The opening bracket of the parenthesis containing the phrase, else the start of the phrase: what is named
   *  "just before" ends here (or starts inside the parenthesis, like a document number). */
  anchor: number;
}
export const DEF_WORDS: readonly string[] = Object.freeze(['以下简称', '以下称', '下称', '简称']);
const C_CHENG = 0x79f0; // 称
const DEF_LEADS = codeSet('为：:“"');
const ANCHOR_TRIM = codeSet('，,、 \u3000');
function definitionAt(t: string, i: number): RawDefinition | undefined {
  let q = i;
  while (q > 0 && i - q < MAX_GAP && SPACE_TABLE[t.charCodeAt(q - 1)] === 1) q--;
  if (q > 0 && DEF_LEADS.has(t.charCodeAt(q - 1))) q--;
  while (q > 0 && i - q < 2 * MAX_GAP && SPACE_TABLE[t.charCodeAt(q - 1)] === 1) q--;
  if (t.charCodeAt(q - 1) !== C_CHENG) return undefined; // every one of DEF_WORDS ends with 称 (the tests check it)
  let w: string | undefined;
  for (let k = 0; k < DEF_WORDS.length && !w; k++) {
    const d = DEF_WORDS[k];
    if (q >= d.length && t.startsWith(d, q - d.length)) w = d;
  }
  if (!w) return undefined;
  const phrase = q - w.length;
  let close = -1;
  for (let k = i + 1; k < t.length && k <= i + 40; k++) {
    const c = t.charCodeAt(k);
    if (c === C_GT) {
      close = k;
      break;
    }
    if (c === C_LT || c === 10 || c === 13) return undefined;
  }
  if (close <= i + 1) return undefined;
  const name = t.slice(i + 1, close).replace(/[\s\u3000\u00a0]/g, '');
  if (!name) return undefined;
  let anchor = -1;
  for (let k = phrase - 1; k >= 0 && k >= phrase - 80; k--) {
    const c = t.charCodeAt(k);
    if (isOpen(c)) {
      anchor = k;
      break;
    }
    if (isClose(c) || c === 10 || c === 13 || c === C_GT) break;
  }
  if (anchor < 0) {
    anchor = phrase;
    while (anchor > 0 && ANCHOR_TRIM.has(t.charCodeAt(anchor - 1))) anchor--;
  }
  return { start: i, end: close + 1, name, anchor };
}

// ───────────────────────────── lists and ranges of paths ─────────────────────────────
// After a path, a list 二（一）2（3）、（4）和（6） or a range 二（一）2（1）至（5） (至, 到, — – - ~ ～) cites every item.
// An item continues the previous path at the level it starts with: a measure （4） (arabic digits) replaces the
// measure, a section （二） (CJK numeral) the section, 2（3） the group and measure, 第3项 the item; a part numeral
// starts a new full path (三（一）). A range expands to every value between its ends when both ends are at the same
// level under the same parent (at most 50); the items between are cited by the range as a whole.
const LIST_SEPS = ['以及', '、', '和', '及', '与'];
const RANGE_SEPS = ['至', '到'];
const SEP_FIRSTS = codeSet([...LIST_SEPS, ...RANGE_SEPS].map((w) => w[0]).join(''));
/** Separator at p → [end, isRange] or undefined. */
function separator(t: string, p: number): [number, boolean] | undefined {
  if (SEP_FIRSTS.has(t.charCodeAt(p))) {
    for (const s of LIST_SEPS) if (t.startsWith(s, p)) return [p + s.length, false];
    for (const s of RANGE_SEPS) if (t.startsWith(s, p)) return [p + s.length, true];
  }
  let k = 0;
  while (k < 2 && isDashChar(t.charCodeAt(p + k))) k++;
  return k ? [p + k, true] : undefined;
}

function itemAt(t: string, q: number): [number, number] | undefined {
  if (t.charCodeAt(q) !== DI) return undefined;
  const r = skipSp(t, q + 1);
  const n = number(t, r, 1, 2) ?? cjkNumber(t, r, 20);
  if (!n || n[0] <= 0) return undefined;
  const k = skipSp(t, n[1]);
  return t.charCodeAt(k) === 0x9879 /* 项 */ ? [n[0], k + 1] : undefined;
}

function continuation(t: string, q: number, prev: PathLevels): { levels: PathLevels; end: number } | undefined {
  if (cjkNumber(t, q, 10)) {
    const r = parsePathAt(t, q);
    return r && r.levels.section !== undefined ? r : undefined;
  }
  if (prev.section === undefined) return undefined;
  const sec = section(t, q);
  if (sec) {
    const levels: PathLevels = { part: prev.part, section: sec[0] };
    return { levels, end: deeper(t, sec[1], levels) };
  }
  const g = digitAt(t, q);
  if (g >= 1 && digitAt(t, q + 1) < 0) {
    const m = measure(t, skipSp(t, q + 1));
    if (!m) return undefined;
    const levels: PathLevels = { part: prev.part, section: prev.section, group: g, measure: m[0] };
    const it = itemAt(t, skipSp(t, m[1]));
    if (it) levels.item = it[0];
    return { levels, end: it ? it[1] : m[1] };
  }
  if (prev.measure !== undefined) {
    const m = measure(t, q);
    if (m) {
      const levels: PathLevels = { part: prev.part, section: prev.section, group: prev.group, measure: m[0] };
      const it = itemAt(t, skipSp(t, m[1]));
      if (it) levels.item = it[0];
      return { levels, end: it ? it[1] : m[1] };
    }
  }
  if (prev.item !== undefined) {
    const it = itemAt(t, q);
    if (it) return { levels: { ...prev, item: it[0] }, end: it[1] };
  }
  return undefined;
}

/** The deepest level of a path and the same path with that level set to v. */
function lastLevel(l: PathLevels): [keyof PathLevels, number] {
  if (l.item !== undefined) return ['item', l.item];
  if (l.measure !== undefined) return ['measure', l.measure];
  if (l.group !== undefined) return ['group', l.group];
  if (l.section !== undefined) return ['section', l.section];
  return ['part', l.part];
}
function sameParent(a: PathLevels, b: PathLevels): boolean {
  const [ka] = lastLevel(a);
  const [kb] = lastLevel(b);
  if (ka !== kb) return false;
  const order: Array<keyof PathLevels> = ['part', 'section', 'group', 'measure', 'item'];
  for (const k of order) {
    if (k === ka) return true;
    if (a[k] !== b[k]) return false;
  }
  return true;
}
const MAX_RANGE = 50;

/** One path after a reference, in the order cited: the reference's own, then the items of its list or range. */
interface PathEntry {
  start: number;
  end: number;
  path: string;
  implied: boolean;
}
const NO_PATHS: readonly PathEntry[] = Object.freeze([]);

/** The path at ps (spaces skipped) and its list and range continuations (offsets into t). */
function pathEntries(t: string, ps: number, memo: ScanMemo | undefined): readonly PathEntry[] {
  const first = parsePathAt(t, ps);
  if (!first) return NO_PATHS;
  const out: PathEntry[] = [{ start: ps, end: first.end, path: pathText(first.levels, memo), implied: false }];
  let prev = first.levels;
  let prevStart = ps;
  let end = first.end;
  for (let guard = 0; guard < 200; guard++) {
    const sq = skipSp(t, end);
    const sep = separator(t, sq);
    if (!sep) break;
    const cq = skipSp(t, sep[0]);
    const c = continuation(t, cq, prev);
    if (!c) break;
    const path = pathText(c.levels, memo);
    if (sep[1] && sameParent(prev, c.levels)) {
      const [key, a] = lastLevel(prev);
      const b = c.levels[key]!;
      if (b > a + 1 && b - a <= MAX_RANGE) {
        for (let v = a + 1; v < b; v++) {
          const levels = { ...c.levels, [key]: v } as PathLevels;
          out.push({ start: prevStart, end: c.end, path: pathText(levels, memo), implied: true });
        }
      }
    }
    out.push({ start: cq, end: c.end, path, implied: false });
    prev = c.levels;
    prevStart = cq;
    end = c.end;
  }
  return out;
}

/** Every character the path grammar (paths, lists, ranges) consumes: the parse reads at most one past a run of them. */
const PATH_CODES = codeSet('第一二三四五六七八九十部分、（()）.．项条款以及和与至到0123456789０１２３４５６７８９');
export function isPathChar(c: number): boolean {
  return PATH_CODES.has(c) || isSpace(c) || isDashChar(c);
}
/**
 * isPathChar by code unit, as a table (1: a path character; test/core/citation checks it against isPathChar for every
 * unit): the run loop below reads it without a call per unit. Filled from the lists, not by a call per unit.
 */
export const PATH_TABLE: Readonly<Uint8Array> = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of PATH_CODES) table[c] = 1;
  for (const c of [0x20, 0x09, 0x3000, 0xa0, 0x202f]) table[c] = 1; // isSpace
  for (let c = 0x2002; c <= 0x200b; c++) table[c] = 1; // isSpace
  for (const ch of '—–-‒―~～－‐‑−〜') table[ch.charCodeAt(0)] = 1; // isDashChar
  return table;
})();
/** The longest run of path characters memoised (longer ones are parsed each time). */
const MEMO_PATH_MAX = 64;

/**
 * pathEntries through the memo: what follows a reference is parsed once per distinct run of path characters (and the
 * one character after it, which the parse may look at). → the entries, their offsets relative to ps.
 */
function pathEntriesMemo(t: string, ps: number, memo: ScanMemo | undefined): readonly PathEntry[] {
  const c = t.charCodeAt(ps);
  if (c !== DI && PART_CODES.indexOf(c) < 0) return NO_PATHS; // a path starts with 第 or a part numeral
  if (!memo) return relativeTo(pathEntries(t, ps, undefined), ps);
  let e = ps;
  const n = t.length;
  while (e < n && e - ps <= MEMO_PATH_MAX && PATH_TABLE[t.charCodeAt(e)] === 1) e++;
  if (e - ps > MEMO_PATH_MAX) return relativeTo(pathEntries(t, ps, memo), ps);
  const key = t.slice(ps, e + 1);
  let entries = memo.pathRuns.get(key);
  if (entries === undefined) {
    const own = ownCopy(key);
    entries = pathEntries(own, 0, memo);
    if (memo.pathRuns.size >= MEMO_MAX) memo.pathRuns.clear();
    memo.pathRuns.set(own, entries);
  }
  return entries;
}

/** Entries with offsets relative to ps (what the memo holds), for the paths parsed in place (no memo, long runs). */
function relativeTo(entries: readonly PathEntry[], ps: number): readonly PathEntry[] {
  if (entries.length === 0) return NO_PATHS;
  return entries.map((e) => ({ start: e.start - ps, end: e.end - ps, path: e.path, implied: e.implied }));
}

/**
 * Parses the path (and its list/range continuations) after a reference `head` (not yet in `out`), pushes head and
 * continuations to `out`, and returns where scanning goes on.
 */
export function attachPaths(t: string, head: RawCitation, out: RawCitation[], memo?: ScanMemo): number {
  // (SP after the reference is rare: skipSp is called only when the next unit is one.)
  const r = head.refEnd;
  const off = r < t.length && SPACE_TABLE[t.charCodeAt(r)] === 1 ? skipSp(t, r) : r;
  const entries = pathEntriesMemo(t, off, memo); // offsets relative to off
  out.push(head);
  if (entries.length === 0) return head.end;
  const e0 = entries[0];
  head.path = { start: e0.start + off, end: e0.end + off, path: e0.path };
  head.end = e0.end + off;
  for (let k = 1; k < entries.length; k++) {
    const e = entries[k];
    const start = e.start + off;
    const end = e.end + off;
    const item = newRawCitation(start, end, head.form, head.plan, head.standalone, head.refFixed);
    item.refStart = head.refStart;
    item.refEnd = head.refEnd;
    item.path = { start, end, path: e.path };
    item.listHead = head;
    item.name = head.name;
    if (e.implied) item.implied = true;
    out.push(item);
  }
  return entries[entries.length - 1].end + off;
}

// ───────────────────────────── the scanner ─────────────────────────────
// Fast rejection: scanText finds something (a reference or a definition) only where the folded text contains one of
// ANY_TRIGGERS (《 〈, or the first character of a title core: every bare title, notice and mention holds a core) or,
// for a document number 国办发〔…〕…号, each of DOC_TRIGGERS. Most lines of a plan hold none of them and are rejected
// by a few native indexOf scans, before any allocation or per-character loop.
/** Characters of the folded text one of which every plan reference and definition but a document number holds. */
export const ANY_TRIGGERS: readonly string[] = Object.freeze(['《', '〈', ...new Set(CORES.map((c) => c.core[0]))]);
/** Characters of the folded text every document number (国办发〔2021〕13号) holds, each of them. */
export const DOC_TRIGGERS: readonly string[] = Object.freeze(['办', '号']);

/** Whether the folded text `t` may hold a plan reference or a definition: false only when scanText finds nothing. */
export function mayCite(t: string): boolean {
  // Written out (a loop over the arrays costs more than the scans in a cold run); the tests check it against them.
  return (
    t.indexOf('《') >= 0 ||
    t.indexOf('〈') >= 0 ||
    t.indexOf('反') >= 0 ||
    (t.indexOf('办') >= 0 && t.indexOf('号') >= 0)
  );
}

/** The triggers of mayCite for unfolded text: every unit that folds to one of ANY_TRIGGERS, and to each of DOC_TRIGGERS. */
export interface RawTriggers {
  any: readonly string[];
  doc: ReadonlyArray<readonly string[]>;
}

/** RawTriggers of a folding given by the pairs it changes (a unit not changed folds to itself). */
export function rawTriggers(changes: ReadonlyArray<readonly [number, number]>): RawTriggers {
  // One pass over the pairs comparing with the triggers' few codes: no set or map of every change (thousands of
  // pairs, once per plan index in a one-shot run). Units in the order of the pairs, as a map per trigger would list them.
  const all = [...ANY_TRIGGERS, ...DOC_TRIGGERS];
  const codes = all.map((x) => x.charCodeAt(0));
  const changed = all.map(() => false);
  const into: string[][] = all.map(() => []);
  // A pair neither of whose units is a trigger (nearly all) is passed over after one table read.
  const trigger = new Uint8Array(0x10000);
  for (const c of codes) trigger[c] = 1;
  for (let j = 0; j < changes.length; j++) {
    const c = changes[j][0];
    const f = changes[j][1];
    if ((trigger[c] | trigger[f]) === 0) continue;
    for (let k = 0; k < codes.length; k++) {
      if (c === codes[k]) changed[k] = true;
      if (f === codes[k]) into[k].push(String.fromCharCode(c));
    }
  }
  const pre = (k: number): string[] => [...new Set([...(changed[k] ? [] : [all[k]]), ...into[k]])];
  return {
    any: ANY_TRIGGERS.flatMap((_, k) => pre(k)),
    doc: DOC_TRIGGERS.map((_, k) => pre(ANY_TRIGGERS.length + k)),
  };
}

/** mayCite(fold(t)) without folding t: whether t holds a unit of `any`, or a unit of each group of `doc`. */
export function mayCiteRaw(t: string, triggers: RawTriggers): boolean {
  const { any, doc } = triggers;
  for (let k = 0; k < any.length; k++) if (t.indexOf(any[k]) >= 0) return true;
  for (let g = 0; g < doc.length; g++) {
    const group = doc[g];
    let found = false;
    for (let k = 0; k < group.length && !found; k++) found = t.indexOf(group[k]) >= 0;
    if (!found) return false;
  }
  return doc.length > 0;
}

const C_LT = 0x300a; // 《
const C_GT = 0x300b; // 》
const C_ALT = 0x3008; // 〈
const C_AGT = 0x3009; // 〉
const C_GUO = 0x56fd; // 国
const C_ZHONG = 0x4e2d; // 中
const C_FAN = 0x53cd; // 反
const C_DUI = 0x5bf9; // 对: the second character of every title core (the tests check it)
const C_BAN = 0x529e; // 办
const C_WU = 0x52a1; // 务

/**
 * t.charCodeAt(p), -1 past the end: the scan's loop never reads out of bounds (optimised code that does is thrown
 * away, deoptimised, and compiled again: a 反 or 国 at the end of a line did that once per run).
 */
function codeAt(t: string, p: number): number {
  return p < t.length ? t.charCodeAt(p) : -1;
}

/**
 * Every plan reference in `text`, in document order (linear time: each attempt reads a bounded number of
 * characters). Throws CancelledError when the token is cancelled.
 */
export function scanCitations(text: string, token?: CancellationLike): RawCitation[] {
  return scanText(text, token).citations;
}

/**
 * Plan references and abbreviation definitions of `text` (already folded: simplified characters; the offsets are
 * those of the original text). Throws CancelledError when the token is cancelled. everyCharacter: the reference scan
 * that visits every character and skips nothing (the oracle of the fast paths in test/core/citation/fastpath.test.ts).
 */
export function scanText(
  text: string,
  token?: CancellationLike,
  everyCharacter = false,
  memo?: ScanMemo,
): { citations: RawCitation[]; definitions: RawDefinition[] } {
  const out: RawCitation[] = [];
  const definitions: RawDefinition[] = [];
  const t = text;
  const n = t.length;
  let depth = 0; // unclosed 《 on the current line
  let i = 0;
  let budget = 0;
  if (token?.isCancellationRequested) throw new CancelledError();
  // The next occurrence, at or after i, of each character the switch below acts on (found by a native indexOf and
  // looked for again only once passed): the loop visits those characters, not every character of the text.
  let nLf = -1;
  let nCr = -1;
  let nGt = -1;
  let nLt = -1;
  let nAlt = -1;
  let nGuo = -1;
  let nZhong = -1;
  let nFan = -1;
  let nClose = -1; // the next 》 of any depth (for the memo)
  while (i < n) {
    if (++budget >= 8192) {
      budget = 0;
      if (token?.isCancellationRequested) throw new CancelledError();
    }
    if (!everyCharacter) {
      // (indexOf written out, -1 read as n: no call per look-up in a one-shot run, which interprets this loop.)
      if (nLt < i && (nLt = t.indexOf('《', i)) < 0) nLt = n;
      if (nAlt < i && (nAlt = t.indexOf('〈', i)) < 0) nAlt = n;
      if (nGuo < i && (nGuo = t.indexOf('国', i)) < 0) nGuo = n;
      if (nFan < i && (nFan = t.indexOf('反', i)) < 0) nFan = n;
      // A 中 more than 2 + 2 SP before the next 反 starts no title (see below): looked for only from there.
      if (nZhong < i && (nZhong = nFan === n ? n : t.indexOf('中', Math.max(i, nFan - (2 + 2 * MAX_GAP)))) < 0)
        nZhong = n;
      // 》 and line breaks matter only inside an unclosed 《.
      if (depth > 0) {
        if (nGt < i && (nGt = t.indexOf('》', i)) < 0) nGt = n;
        if (nLf < i && (nLf = t.indexOf('\n', i)) < 0) nLf = n;
        if (nCr < i && (nCr = t.indexOf('\r', i)) < 0) nCr = n;
        i = Math.min(nLt, nAlt, nGuo, nZhong, nFan, nGt, nLf, nCr);
      } else i = Math.min(nLt, nAlt, nGuo, nZhong, nFan);
      if (i >= n) break;
    }
    const c = t.charCodeAt(i);
    switch (c) {
      case 10:
      case 13:
        depth = 0;
        i++;
        continue;
      case C_GT:
        if (depth > 0) depth--;
        i++;
        continue;
      case C_LT:
      case C_ALT: {
        if (c === C_LT && memo && nClose < i && (nClose = t.indexOf('》', i)) < 0) nClose = n;
        const r = bracketAt(t, i, c, depth, nClose < n ? nClose : -1, memo, out, definitions);
        // ~next: a 《 that stays open (what follows is inside it).
        if (r < 0) {
          depth++;
          i = ~r;
        } else i = r;
        continue;
      }
      case C_GUO: {
        // 国办发… and 国务院办公厅关于印发…: spaces apart, 办 or 务 comes next (else neither can match).
        // (The unit right after is read in place: SP there is rare, skipSp is called only then.)
        let next = i + 1 < n ? t.charCodeAt(i + 1) : -1;
        if (next >= 0 && SPACE_TABLE[next] === 1) next = codeAt(t, skipSp(t, i + 1));
        if (!everyCharacter && next !== C_BAN && next !== C_WU) {
          i++;
          continue;
        }
        i = guoAt(t, i, out);
        continue;
      }
      case C_ZHONG:
      case C_FAN: {
        // A title core (反对…) starts at most 2 + 2 SP after 中 (中 SP 国 SP 反…): else 中 starts no title.
        if (!everyCharacter) {
          // 对 (spaces apart) after the next 反: the unit after it read in place, skipSp called only for SP.
          let dui = nFan + 1 < n ? t.charCodeAt(nFan + 1) : -1;
          if (dui >= 0 && SPACE_TABLE[dui] === 1) dui = codeAt(t, skipSp(t, nFan + 1));
          if ((c === C_ZHONG && nFan > i + 2 + 2 * MAX_GAP) || dui !== C_DUI) {
            i++;
            continue;
          }
        }
        i = mentionAt(t, i, out);
        continue;
      }
      default:
        i++;
    }
  }
  return { citations: out, definitions };
}

/**
 * The 《 or 〈 (code c) at i, `depth` 《 open before it on the line, `close` the next 》 (or -1; for the memo): pushes
 * the definition and the reference found there to `definitions` and `out`. → where scanning goes on, or ~that when the
 * 《 stays open (nothing found, or impossible years whose closing bracket comes later).
 */
function bracketAt(
  t: string,
  i: number,
  c: number,
  depth: number,
  close: number,
  memo: ScanMemo | undefined,
  out: RawCitation[],
  definitions: RawDefinition[],
): number {
  if (c === C_LT && depth === 0) {
    const d = definitionAt(t, i);
    if (d) definitions.push(d);
  }
  // Through the memo, the match is shared and its offsets are relative to i (base); else it is made here, in place.
  const relative = c === C_LT && memo !== undefined;
  const m = relative ? bracketRefMemo(t, i, close, memo) : bracketRef(t, i, c === C_LT ? C_GT : C_AGT);
  if (!m) return c === C_LT ? ~(i + 1) : i + 1;
  const base = relative ? i : 0;
  // Years written after a short title name the plan explicitly (rare: looked at only when a bracket follows).
  const y = m.form === 'short' && isOpen(codeAt(t, skipSp(t, m.end + base))) ? yearsAfter(t, m, base) : undefined;
  const end = y ? y.end : m.end + base;
  const standalone =
    depth === 0 && !localTitleSuffix(t, end) && !localTitlePrefix(t, i) && !implementingOpinion(t, i, end);
  if (m.badYears) {
    // 《中国反对拐卖人口行动计划（2021—2023年）…》: a title of no plan. Its closing bracket comes later.
    const raw = newRawCitation(m.titleStart! + base, end, 'full', m.plan, standalone, m.plan ? fullTitle(m.plan) : '');
    raw.badYears = m.badYears;
    out.push(raw);
    return c === C_LT ? ~end : end;
  }
  const raw = y
    ? newRawCitation(i, end, y.form, y.plan, standalone, y.fixed)
    : newRawCitation(i, end, m.form, m.plan, standalone, m.fixed);
  if (!y) raw.name = m.name;
  if (m.form === 'notice') {
    out.push(raw);
    return raw.end;
  }
  return attachPaths(t, raw, out, memo);
}

/**
 * Years written after a short title (m, offsets relative to base): 《中国反对拐卖人口行动计划》（2021—2030年） names the
 * plan explicitly — the reference then ends after the years, without a name. Undefined when no plan's years follow.
 */
function yearsAfter(
  t: string,
  m: Readonly<BracketMatch>,
  base: number,
): { end: number; form: 'short-years' | 'full'; plan: PlanId; fixed: string } | undefined {
  const y = years(t, skipSp(t, m.end + base));
  if (!y || !y.plan) return undefined;
  return {
    end: y.end,
    form: m.fixed === `《${SHORT}》` ? 'short-years' : 'full',
    plan: y.plan,
    fixed: `${m.fixed.slice(0, -1)}${yearsLabel(y.plan)}》`,
  };
}

/** A document number or an unbracketed notice title at the 国 at i, pushed to `out`. → where scanning goes on. */
function guoAt(t: string, i: number, out: RawCitation[]): number {
  const d = docNumberAt(t, i);
  if (d) {
    out.push(newRawCitation(i, d.end, 'docnumber', d.plan, true, docNumber(d.plan)));
    return d.end;
  }
  const b = bareNotice(t, i);
  if (b) {
    out.push(newRawCitation(i, b.end, 'notice', b.plan, false, t.slice(i, b.end)));
    return b.end;
  }
  return i + 1;
}

/** A bare plan title (a mention) at the 中 or 反 at i, pushed to `out`. → where scanning goes on. */
function mentionAt(t: string, i: number, out: RawCitation[]): number {
  const m = planTitle(t, i, true);
  if (!m || !m.plan) return i + 1;
  const raw = newRawCitation(i, m.end, 'mention', m.plan, false, m.damaged ? titleText(m) : t.slice(i, m.end));
  if (m.damaged) raw.damaged = true;
  out.push(raw);
  return m.end;
}
