// Pure syntax of plan citations: a hand-written, linear-time scanner (no regular expressions, so no
// backtracking on hostile input). It knows nothing about the plan index; core/citation/index.ts resolves
// what this file finds.
//
// ───────────────────────────── Accepted grammar (documented decision) ─────────────────────────────
// SP      := up to 4 of: space, tab, U+3000, U+00A0, U+2002–U+200B, U+202F (never a line break)
// DIGIT   := 0–9 or fullwidth ０–９             CJKNUM := 一…十 (part), 一…二十 (section, item)
// OPEN    := （ or (                           CLOSE  := ） or )
// DASH    := 0–3 of — – - ‒ ― ~ ～ － ‐ ‑ − 〜, or the word 至 (no dash at all is accepted too)
// YEARS   := OPEN SP Y1 SP [年] SP DASH SP Y2 SP 年 SP CLOSE  with (Y1, Y2) = (2013, 2020) or (2021, 2030)
// PT      := [中国]反对拐卖人口行动计划 SP YEARS                          (the plan title)
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
//  docnumber   国办发 SP BOPEN SP YEAR SP BCLOSE SP [第] SP NUMBER SP 号, only 〔2021〕13号 and 〔2013〕19号;
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
import type { PlanId } from '../types';
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
}

export const PLAN_YEARS: Readonly<Record<PlanId, readonly [number, number]>> = Object.freeze({
  '2013-2020': [2013, 2020] as const,
  '2021-2030': [2021, 2030] as const,
});
const DOC_NUMBERS: Readonly<Record<PlanId, readonly [number, number]>> = Object.freeze({
  '2013-2020': [2013, 19] as const,
  '2021-2030': [2021, 13] as const,
});

export function yearsLabel(plan: PlanId): string {
  const [a, b] = PLAN_YEARS[plan];
  return `（${a}—${b}年）`;
}
/** 行动计划（2021—2030年） */
export function shortTitle(plan: PlanId): string {
  return `行动计划${yearsLabel(plan)}`;
}
/** 中国反对拐卖人口行动计划（2021—2030年） */
export function fullTitle(plan: PlanId): string {
  return `中国反对拐卖人口${shortTitle(plan)}`;
}
/** 国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知 */
export function noticeTitle(plan: PlanId): string {
  return `国务院办公厅关于印发${fullTitle(plan)}的通知`;
}
/** 国办发〔2021〕13号 */
export function docNumber(plan: PlanId): string {
  const [y, n] = DOC_NUMBERS[plan];
  return `国办发〔${y}〕${n}号`;
}

const PART_NUMERALS = '一二三四五六七八九十';
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

function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x3000 ||
    c === 0xa0 ||
    (c >= 0x2002 && c <= 0x200b) ||
    c === 0x202f
  );
}
/** Skips at most MAX_GAP spaces; returns the new position. */
function skipSp(t: string, p: number): number {
  let k = 0;
  while (k < MAX_GAP && p < t.length && isSpace(t.charCodeAt(p))) {
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
  while (k < max) {
    const d = digitAt(t, p + k);
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
  const a = PART_NUMERALS.indexOf(t[p]);
  if (a < 0) return undefined;
  if (maxValue <= 10) return [a + 1, p + 1];
  const b = p + 1 < t.length ? PART_NUMERALS.indexOf(t[p + 1]) : -1;
  if (a === 9 /* 十 */) {
    if (b >= 0 && b < 9) return [10 + b + 1, p + 2]; // 十一…十九
    return [10, p + 1];
  }
  if (b === 9 && a === 1 /* 二十 */) {
    return [20, p + 2];
  }
  return [a + 1, p + 1];
}

/** YEARS at p (p is at the opening bracket) → [plan, end] or undefined. */
function years(t: string, p: number): [PlanId, number] | undefined {
  if (!isOpen(t.charCodeAt(p))) return undefined;
  p = skipSp(t, p + 1);
  const y1 = number(t, p, 4, 4, true); // 20212030: no dash at all
  if (!y1) return undefined;
  p = skipSp(t, y1[1]);
  if (t.charCodeAt(p) === 0x5e74 /* 年 */) p = skipSp(t, p + 1);
  if (t.charCodeAt(p) === 0x81f3 /* 至 */) p++;
  else {
    let k = 0;
    while (k < 3 && isDashChar(t.charCodeAt(p))) {
      p++;
      k++;
    }
  }
  p = skipSp(t, p);
  const y2 = number(t, p, 4, 4);
  if (!y2) return undefined;
  p = skipSp(t, y2[1]);
  if (t.charCodeAt(p) !== 0x5e74 /* 年 */) return undefined;
  p = skipSp(t, p + 1);
  if (!isClose(t.charCodeAt(p))) return undefined;
  let plan: PlanId | undefined;
  if (y1[0] === 2013 && y2[0] === 2020) plan = '2013-2020';
  else if (y1[0] === 2021 && y2[0] === 2030) plan = '2021-2030';
  if (!plan) return undefined;
  return [plan, p + 1];
}

const TITLE_CORE = '反对拐卖人口行动计划';
const TITLE_ZG = '中国' + TITLE_CORE;
const SHORT = '行动计划';
const NOTICE_HEAD = '国务院办公厅关于印发';
const NOTICE_TAIL = '的通知';

interface TitleMatch {
  end: number;
  plan?: PlanId;
  zhongguo: boolean;
}
/** [中国]反对拐卖人口行动计划 SP [YEARS] at p. requireYears: the plan title must carry its years. */
function planTitle(t: string, p: number, requireYears: boolean): TitleMatch | undefined {
  let zhongguo = false;
  let q: number;
  if (t.startsWith(TITLE_ZG, p)) {
    zhongguo = true;
    q = p + TITLE_ZG.length;
  } else if (t.startsWith(TITLE_CORE, p)) q = p + TITLE_CORE.length;
  else return undefined;
  const y = years(t, skipSp(t, q));
  if (y) return { end: y[1], plan: y[0], zhongguo };
  if (requireYears) return undefined;
  return { end: q, zhongguo };
}

function titleText(m: TitleMatch): string {
  return (m.zhongguo ? '中国' : '') + TITLE_CORE + (m.plan ? yearsLabel(m.plan) : '');
}

interface BracketMatch {
  end: number;
  form: 'full' | 'short-years' | 'short' | 'notice';
  plan?: PlanId;
  /** The reference with canonical punctuation (always with 《》). */
  fixed: string;
}
/** A 《…》 (or 〈…〉) reference starting at p (t[p] is the opening bracket). */
function bracketRef(t: string, p: number, close: number): BracketMatch | undefined {
  const q = skipSp(t, p + 1);
  const finish = (e: number): number | undefined => {
    e = skipSp(t, e);
    return t.charCodeAt(e) === close ? e + 1 : undefined;
  };
  if (t.startsWith(SHORT, q)) {
    const r = skipSp(t, q + SHORT.length);
    const y = years(t, r);
    if (y) {
      const end = finish(y[1]);
      if (end !== undefined) return { end, form: 'short-years', plan: y[0], fixed: `《${shortTitle(y[0])}》` };
      return undefined;
    }
    const end = finish(q + SHORT.length);
    if (end !== undefined) return { end, form: 'short', fixed: `《${SHORT}》` };
    return undefined;
  }
  if (t.startsWith(NOTICE_HEAD, q)) {
    const m = planTitle(t, q + NOTICE_HEAD.length, true);
    if (!m) return undefined;
    const r = skipSp(t, m.end);
    if (!t.startsWith(NOTICE_TAIL, r)) return undefined;
    const end = finish(r + NOTICE_TAIL.length);
    if (end === undefined) return undefined;
    return { end, form: 'notice', plan: m.plan, fixed: `《${NOTICE_HEAD}${titleText(m)}${NOTICE_TAIL}》` };
  }
  const m = planTitle(t, q, false);
  if (!m) return undefined;
  const end = finish(m.end);
  if (end === undefined) return undefined;
  return { end, form: m.plan ? 'full' : 'short', plan: m.plan, fixed: `《${titleText(m)}》` };
}

/** Unbracketed notice title 国务院办公厅关于印发 PT 的通知 at p. */
function bareNotice(t: string, p: number): { end: number; plan: PlanId } | undefined {
  if (!t.startsWith(NOTICE_HEAD, p)) return undefined;
  const m = planTitle(t, p + NOTICE_HEAD.length, true);
  if (!m || !m.plan) return undefined;
  const r = skipSp(t, m.end);
  if (!t.startsWith(NOTICE_TAIL, r)) return undefined;
  return { end: r + NOTICE_TAIL.length, plan: m.plan };
}

/** 国办发〔2021〕13号 and its variants at p. */
function docNumberAt(t: string, p: number): { end: number; plan: PlanId } | undefined {
  if (!t.startsWith('国办发', p)) return undefined;
  let q = skipSp(t, p + 3);
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
  for (const plan of Object.keys(DOC_NUMBERS) as PlanId[]) {
    const [yy, nn] = DOC_NUMBERS[plan];
    if (y[0] === yy && n[0] === nn) return { end: q + 1, plan };
  }
  return undefined;
}

// ───────────────────────────── paths ─────────────────────────────
interface PathLevels {
  part: number;
  section?: number;
  group?: number;
  measure?: number;
  item?: number;
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
// A local plan's own title often contains the national title in 《》 without an outer 《》, e.g. the heading
// 安康市贯彻落实《中国反对拐卖人口行动计划(2021—2030年)》实施细则. Such a reference is part of another document's
// title (written as that document was issued), so it is not flagged. It is recognised by what follows the 》
// directly: [的] + one of the words below (prose such as 《…》实施以来 does not match).
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
function localTitleSuffix(t: string, p: number): boolean {
  if (t.charCodeAt(p) === 0x7684 /* 的 */) p++;
  for (const w of LOCAL_TITLE_WORDS) if (t.startsWith(w, p)) return true;
  return false;
}

// ───────────────────────────── the scanner ─────────────────────────────
const C_LT = 0x300a; // 《
const C_GT = 0x300b; // 》
const C_ALT = 0x3008; // 〈
const C_AGT = 0x3009; // 〉
const C_GUO = 0x56fd; // 国
const C_ZHONG = 0x4e2d; // 中
const C_FAN = 0x53cd; // 反

/**
 * Every plan reference in `text`, in document order (linear time: each attempt reads a bounded number of
 * characters). Throws CancelledError when the token is cancelled.
 */
export function scanCitations(text: string, token?: CancellationLike): RawCitation[] {
  const out: RawCitation[] = [];
  const t = text;
  const n = t.length;
  let depth = 0; // unclosed 《 on the current line
  let i = 0;
  let budget = 0;
  if (token?.isCancellationRequested) throw new CancelledError();
  while (i < n) {
    if (++budget >= 8192) {
      budget = 0;
      if (token?.isCancellationRequested) throw new CancelledError();
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
        const m = bracketRef(t, i, c === C_LT ? C_GT : C_AGT);
        if (m && m.form === 'short') {
          // years written after the title: 《中国反对拐卖人口行动计划》（2021—2030年） names the plan explicitly
          const y = years(t, skipSp(t, m.end));
          if (y) {
            m.plan = y[0];
            m.end = y[1];
            m.form = m.fixed === `《${SHORT}》` ? 'short-years' : 'full';
            m.fixed = `${m.fixed.slice(0, -1)}${yearsLabel(y[0])}》`;
          }
        }
        if (!m) {
          if (c === C_LT) depth++;
          i++;
          continue;
        }
        const standalone = depth === 0 && !localTitleSuffix(t, m.end);
        const raw: RawCitation = {
          start: i,
          end: m.end,
          refStart: i,
          refEnd: m.end,
          form: m.form,
          plan: m.plan,
          standalone,
          refFixed: m.fixed,
        };
        if (m.form !== 'notice') {
          const ps = skipSp(t, m.end);
          const path = parsePathAt(t, ps);
          if (path) {
            raw.path = { start: ps, end: path.end, path: formatPath(path.levels) };
            raw.end = path.end;
          }
        }
        out.push(raw);
        i = raw.end;
        continue;
      }
      case C_GUO: {
        const d = docNumberAt(t, i);
        if (d) {
          out.push({
            start: i,
            end: d.end,
            refStart: i,
            refEnd: d.end,
            form: 'docnumber',
            plan: d.plan,
            standalone: true,
            refFixed: docNumber(d.plan),
          });
          i = d.end;
          continue;
        }
        const b = bareNotice(t, i);
        if (b) {
          out.push({
            start: i,
            end: b.end,
            refStart: i,
            refEnd: b.end,
            form: 'notice',
            plan: b.plan,
            standalone: false,
            refFixed: t.slice(i, b.end),
          });
          i = b.end;
          continue;
        }
        i++;
        continue;
      }
      case C_ZHONG:
      case C_FAN: {
        const m = planTitle(t, i, true);
        if (m && m.plan) {
          out.push({
            start: i,
            end: m.end,
            refStart: i,
            refEnd: m.end,
            form: 'mention',
            plan: m.plan,
            standalone: false,
            refFixed: t.slice(i, m.end),
          });
          i = m.end;
          continue;
        }
        i++;
        continue;
      }
      default:
        i++;
    }
  }
  return out;
}
