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
import { derived, type PlanIndex, type PlanNode } from '../plan/model';
import type { Citation, CitationOptions, CitationState } from './api';
import { isIdeograph } from '../agency/fold';
import { PLAN_CATALOG, PLAN_IDS, planByYears, planStatusOn } from '../catalog/plans';
import { throwIfCancelled } from '../types';
import {
  attachPaths,
  docNumber,
  formatPath,
  fullTitle,
  mayCite,
  mayCiteRaw,
  newRawCitation,
  newScanMemo,
  rawTriggers,
  noticeTitle,
  parsePathAt,
  scanText,
  shortTitle,
  type RawCitation,
  type RawDefinition,
  type RawTriggers,
  type ScanMemo,
} from './syntax';

export type { Citation, CitationOptions, CitationState } from './api';
export { scanCitations, scanText, formatPath, parsePathAt, type RawCitation, type RawDefinition } from './syntax';
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

/** The written text compared with its accepted form: ideographs as folded (traditional = simplified), the rest as written. */
function comparable(written: string, folded: string): string {
  if (written === folded) return written;
  let out = '';
  for (let k = 0; k < written.length; k++) {
    const c = written.charCodeAt(k);
    // 計畫 is how traditional-character texts (Taiwan and Hong Kong usage, and mirrors converted to it) write 计划:
    // 畫 folds to 画, but written so it is the traditional form of the title, as 計劃 is, not a non-standard one.
    // (A simplified 计画 stays non-standard.)
    out += c === 0x756b /* 畫 */ ? '划' : isIdeograph(c) ? folded[k] : written[k];
  }
  return out;
}

/** What a citation resolves to, given its plan and its path (or form without a path). */
interface Target {
  kind: Citation['kind'];
  canonical: string;
  node: PlanNode | undefined;
}

function target(index: PlanIndex, plan: PlanId, raw: RawCitation): Target {
  if (raw.path) {
    return { kind: 'path', canonical: canonicalCitation(plan, raw.path.path), node: index.get(plan, raw.path.path) };
  }
  if (raw.form === 'docnumber') return { kind: 'docnumber', canonical: docNumber(plan), node: noticeNode(index, plan) };
  if (raw.form === 'notice') return { kind: 'title', canonical: canonicalNotice(plan), node: noticeNode(index, plan) };
  return { kind: 'title', canonical: canonicalTitle(plan), node: index.get(plan, '') };
}

/**
 * The citation engine's memo, kept on the plan index (core/plan/model.ts `memo`): what the scanner keeps (syntax.ts
 * ScanMemo), each target by plan and path (or form), and whether each plan is superseded on the last reference date.
 * Bounded: a map that reaches MEMO_TARGETS entries starts again.
 */
interface CitationMemo {
  /** The triggers of the fast rejection on unfolded text, when the folder lists what it changes. */
  raw: RawTriggers | undefined;
  scan: ScanMemo;
  targets: Map<PlanId, Map<string, Target>>;
  date: string | undefined;
  superseded: Map<PlanId, boolean>;
}
const MEMO_TARGETS = 4096;
function newCitationMemo(index: PlanIndex): CitationMemo {
  const changes = index.folder ? index.folder.changes?.() : [];
  return {
    raw: changes && rawTriggers(changes),
    scan: newScanMemo(),
    targets: new Map(),
    date: undefined,
    superseded: new Map(),
  };
}
/** Map keys of the targets without a path (a path never starts with #). */
const FORM_KEY: Record<RawCitation['form'], string> = {
  full: '#title',
  'short-years': '#title',
  short: '#title',
  mention: '#title',
  notice: '#notice',
  docnumber: '#docnumber',
};

function memoTarget(memo: CitationMemo, index: PlanIndex, plan: PlanId, raw: RawCitation): Target {
  let byKey = memo.targets.get(plan);
  if (!byKey) memo.targets.set(plan, (byKey = new Map()));
  const key = raw.path ? raw.path.path : FORM_KEY[raw.form];
  let t = byKey.get(key);
  if (!t) {
    t = target(index, plan, raw);
    if (byKey.size >= MEMO_TARGETS) byKey.clear();
    byKey.set(key, t);
  }
  return t;
}

function isSuperseded(memo: CitationMemo | undefined, plan: PlanId, date: string): boolean {
  if (!memo) return planStatusOn(plan, date).state === 'superseded';
  if (memo.date !== date) {
    memo.date = date;
    memo.superseded.clear();
  }
  let v = memo.superseded.get(plan);
  if (v === undefined) memo.superseded.set(plan, (v = planStatusOn(plan, date).state === 'superseded'));
  return v;
}

function resolve(
  text: string,
  folded: string,
  raw: RawCitation,
  plan: PlanId,
  planSource: NonNullable<Citation['planSource']>,
  index: PlanIndex,
  options: CitationOptions,
  memo: CitationMemo | undefined,
): Citation {
  const written = text.slice(raw.start, raw.end);
  const { kind, canonical, node } = memo ? memoTarget(memo, index, plan, raw) : target(index, plan, raw);
  const inCorpus = PLAN_CATALOG[plan].textInCorpus;
  // List items are judged by their head; a bare title is judged only when damaged (spaces, lost dash).
  const judged = raw.listHead === undefined && (raw.standalone || raw.damaged === true);
  let isCanonical = true;
  let accepted = '';
  if (!raw.badYears && judged) {
    const ref = raw.refFixed;
    const path = raw.path ? raw.path.path : '';
    // Written exactly as accepted, ref + path (compared in place: no joined string for the usual canonical citation),
    // or so once its ideographs are folded (the accepted form's ideographs are all simplified).
    if (written.length !== ref.length + path.length || !written.startsWith(ref) || !written.endsWith(path)) {
      accepted = ref + path;
      isCanonical = comparable(written, folded.slice(raw.start, raw.end)) === accepted;
    }
  }
  const superseded = options.referenceDate ? isSuperseded(memo, plan, options.referenceDate) : undefined;
  // The usual citation (standalone, canonical, of a provision or title the corpus has, with the date's status) made
  // whole in one literal, its fields in the order they are added below: no property added one by one (each a
  // transition, and a properties array grown twice), and one shape for all of them.
  if (
    superseded !== undefined &&
    node &&
    isCanonical &&
    inCorpus &&
    raw.standalone &&
    !raw.badYears &&
    !raw.listHead &&
    !raw.implied &&
    !(raw.name !== undefined && planSource === 'definition')
  ) {
    const planRef = { start: raw.refStart, end: raw.refEnd, explicit: planSource === 'explicit' };
    const p = raw.path;
    return p
      ? {
          start: raw.start,
          end: raw.end,
          text: written,
          kind,
          plan,
          planRef,
          canonical,
          isCanonical,
          form: raw.form,
          planSource,
          superseded,
          pathSpan: { start: p.start, end: p.end },
          path: p.path,
          node,
        }
      : {
          start: raw.start,
          end: raw.end,
          text: written,
          kind,
          plan,
          planRef,
          canonical,
          isCanonical,
          form: raw.form,
          planSource,
          superseded,
          node,
        };
  }
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
  if (superseded !== undefined) c.superseded = superseded;
  if (!raw.standalone) c.inTitle = true;
  if (!inCorpus) c.unchecked = true;
  if (raw.badYears) c.badYears = raw.badYears;
  if (raw.listHead) c.listItem = true;
  if (raw.implied) c.implied = true;
  if (raw.name !== undefined && planSource === 'definition') c.abbreviation = raw.name;
  if (raw.path) {
    c.pathSpan = { start: raw.path.start, end: raw.path.end };
    c.path = raw.path.path;
  }
  if (node) c.node = node;
  if (!isCanonical) c.replacement = accepted;
  return c;
}

/** A stable string of a state (the analysis cache key). */
export function stateKey(s: CitationState): string {
  const b = Object.keys(s.bindings)
    .sort()
    .map((k) => `${k}=${s.bindings[k]}`)
    .join(';');
  return `${s.last ?? ''}|${b}`;
}

/** Whether two carried states are equal, as stateKey would say (without building the keys): same last plan, same bindings. */
export function sameCitationState(a: CitationState, b: CitationState): boolean {
  if ((a.last ?? '') !== (b.last ?? '')) return false;
  if (a.bindings === b.bindings) return true;
  // Counted with for…in (no key arrays: this runs once per line of a document).
  let n = 0;
  for (const k in a.bindings) {
    if (!Object.prototype.hasOwnProperty.call(b.bindings, k) || a.bindings[k] !== b.bindings[k]) return false;
    n++;
  }
  for (const k in b.bindings) if (Object.prototype.hasOwnProperty.call(b.bindings, k)) n--;
  return n === 0;
}

/** Occurrences of 《name》 for abbreviations bound to a plan that the scanner does not know as plan references. */
function abbreviationRefs(
  t: string,
  names: Iterable<string>,
  token: CancellationLike | undefined,
  memo: ScanMemo | undefined,
): RawCitation[] {
  const out: RawCitation[] = [];
  for (const name of names) {
    const needle = `《${name}》`;
    for (let at = t.indexOf(needle); at >= 0; at = t.indexOf(needle, at + needle.length)) {
      throwIfCancelled(token);
      const head = newRawCitation(at, at + needle.length, 'short', undefined, true, needle);
      head.name = name;
      attachPaths(t, head, out, memo);
    }
  }
  return out;
}

/**
 * Every plan citation in `text`, in document order. Plan of a reference without years (《行动计划》): the abbreviation
 * binding in force (（以下简称《行动计划》） binds it to what was named just before — a national plan, or the
 * document's own plan, and then it is no national citation and is left out), else the plan named most recently before
 * it (by any explicit reference, document number or mention), else options.defaultPlan. `options.state`, when given,
 * is read and updated (the analysis carries it from line to line): `last` is set, and a binding made replaces
 * `state.bindings` by a copy with it (the object carried in is never mutated, so it may be shared).
 * Linear time; throws CancelledError (core/types.ts) when the token is cancelled.
 */
export function findCitations(
  text: string,
  index: PlanIndex,
  options: CitationOptions,
  token?: CancellationLike,
): Citation[] {
  return find(text, index, options, token, true);
}

/**
 * findCitations without its fast paths (no early rejection, a scan of every character): the oracle the tests compare
 * findCitations with (test/core/citation/fastpath.test.ts). Not for production use: slower, same result.
 */
export function findCitationsReference(
  text: string,
  index: PlanIndex,
  options: CitationOptions,
  token?: CancellationLike,
): Citation[] {
  return find(text, index, options, token, false);
}

function find(
  text: string,
  index: PlanIndex,
  options: CitationOptions,
  token: CancellationLike | undefined,
  fast: boolean,
): Citation[] {
  throwIfCancelled(token);
  const memo = fast ? derived(index, 'citation.memo', () => newCitationMemo(index)) : undefined;
  // Most lines hold no trigger of a reference or a definition (syntax.ts): nothing to find, the state is unchanged.
  // When the folding tells what it changes, that is seen on the text as written, before folding it.
  if (memo?.raw && !mayCiteRaw(text, memo.raw)) return [];
  const folded = index.folder ? index.folder.fold(text) : text;
  // (mayCiteRaw(text) says what mayCite(fold(text)) says: test/core/citation/fastpath.test.ts)
  if (fast && !memo?.raw && !mayCite(folded)) return [];
  const { citations: scanned, definitions } = scanText(folded, token, !fast, memo?.scan);
  // Nothing found and no 《 for an abbreviation bound earlier (《国家行动计划》): nothing to resolve, the state is unchanged.
  if (fast && scanned.length === 0 && definitions.length === 0 && folded.indexOf('《') < 0) return [];
  const state: CitationState = options.state ?? { bindings: {} };
  // Abbreviations bound to a plan, other than the forms the scanner knows (《国家行动计划》…): found by their name.
  const custom = customNames(folded, scanned, definitions, state.bindings, fast);
  const raws = custom ? withCustom(folded, scanned, custom, token, memo) : scanned;
  return resolveAll(text, folded, raws, definitions, custom, state, index, options, memo);
}

/**
 * The names bound (in `bindings`) or defined on this line that the scanner did not find as 《name》, if any. Only a
 * name written 《name》 on this line can add a reference (and only added references are looked up in the set): the
 * others are passed over without a set, a needle or a search (the reference path, !fast, keeps them all: the oracle).
 */
function customNames(
  folded: string,
  scanned: RawCitation[],
  definitions: RawDefinition[],
  bindings: CitationState['bindings'],
  fast: boolean,
): Set<string> | undefined {
  let custom: Set<string> | undefined;
  for (const k in bindings) {
    if (bindings[k] !== 'local' && (!fast || bracketedIn(folded, k)) && !namedIn(scanned, k))
      (custom ??= new Set()).add(k);
  }
  for (let k = 0; k < definitions.length; k++) {
    const name = definitions[k].name;
    if (!namedIn(scanned, name)) (custom ??= new Set()).add(name);
  }
  return custom;
}

/** `scanned` with the references 《name》 of the custom names added (where they overlap none), in text order. */
function withCustom(
  folded: string,
  scanned: RawCitation[],
  custom: Set<string>,
  token: CancellationLike | undefined,
  memo: CitationMemo | undefined,
): RawCitation[] {
  const extra = abbreviationRefs(folded, custom, token, memo?.scan).filter(
    (e) => !scanned.some((r) => r.start < e.end && e.start < r.end),
  );
  return extra.length ? [...scanned, ...extra].sort((a, b) => a.start - b.start) : scanned;
}

/** The citations of the references `raws` (in text order), resolving each one's plan; `state` is updated. */
function resolveAll(
  text: string,
  folded: string,
  raws: RawCitation[],
  definitions: RawDefinition[],
  custom: Set<string> | undefined,
  state: CitationState,
  index: PlanIndex,
  options: CitationOptions,
  memo: CitationMemo | undefined,
): Citation[] {
  // Room for every reference, cut to the citations made (a pushed array keeps room for 16).
  const out: Citation[] = new Array(raws.length);
  let n = 0;
  let di = 0;
  let previous: RawCitation | undefined;
  // The bindings carried in are not written: the first binding made here copies them (copy on write), so a caller may
  // hand over the bindings of the state before (shared, never mutated) and compare them by identity.
  let own = false;
  for (let r = 0; r < raws.length; r++) {
    const raw = raws[r];
    // Definitions up to this point take effect (a definition's own 《X》 gets the new binding).
    while (di < definitions.length && definitions[di].start <= raw.start) {
      const d = definitions[di++];
      own = bind(state, own, d.name, definedAs(folded, d, previous) ?? 'local');
    }
    let plan: PlanId | undefined;
    let source: NonNullable<Citation['planSource']>;
    if (raw.listHead) {
      plan = raw.listHead.resolved?.plan;
      if (plan === undefined) continue;
      source = raw.listHead.resolved!.source;
    } else if (raw.plan) {
      plan = raw.plan;
      source = 'explicit';
    } else if (raw.name !== undefined && state.bindings[raw.name] !== undefined) {
      const b = state.bindings[raw.name];
      if (b === 'local') {
        raw.resolved = LOCAL;
        continue;
      }
      plan = b;
      source = 'definition';
    } else if (raw.name !== undefined && custom?.has(raw.name)) {
      continue; // 《X》 before X is defined: not a plan reference
    } else if (state.last) {
      plan = state.last;
      source = 'context';
    } else {
      plan = options.defaultPlan;
      source = 'default';
    }
    raw.resolved = RESOLVED[plan]?.[source] ?? { plan, source };
    if (raw.plan && !raw.listHead) state.last = raw.plan;
    if (!raw.listHead && !raw.implied) previous = raw;
    out[n++] = resolve(text, folded, raw, plan, source, index, options, memo);
  }
  while (di < definitions.length) {
    const d = definitions[di++];
    own = bind(state, own, d.name, definedAs(folded, d, previous) ?? 'local');
  }
  if (n < out.length) out.length = n;
  return out;
}

/**
 * Binds `name` in `state`, first replacing its bindings by a copy unless `own` (they were already copied in this call):
 * the bindings object carried in is never mutated. Returns true (the bindings are now this call's own).
 */
function bind(state: CitationState, own: boolean, name: string, value: PlanId | 'local'): true {
  if (!own) state.bindings = { ...state.bindings };
  state.bindings[name] = value;
  return true;
}

/** Whether `t` holds 《name》 (found by a native search for the name; no needle string built). */
function bracketedIn(t: string, name: string): boolean {
  if (name.length === 0) return t.indexOf('《》') >= 0;
  for (let at = t.indexOf(name, 1); at >= 0; at = t.indexOf(name, at + 1)) {
    if (t.charCodeAt(at - 1) === 0x300a /* 《 */ && t.charCodeAt(at + name.length) === 0x300b /* 》 */) return true;
  }
  return false;
}

/** Whether a reference (not a list item) of `raws` is written 《name》. */
function namedIn(raws: readonly RawCitation[], name: string): boolean {
  for (let k = 0; k < raws.length; k++) if (raws[k].name === name && raws[k].listHead === undefined) return true;
  return false;
}

/** raw.resolved of a plan and a source, one (frozen) object each: no object per reference. */
const RESOLVED: Readonly<Record<PlanId, Readonly<Record<NonNullable<Citation['planSource']>, ResolvedTo>>>> =
  Object.freeze(
    Object.fromEntries(
      PLAN_IDS.map((plan) => [
        plan,
        Object.freeze({
          explicit: Object.freeze({ plan, source: 'explicit' as const }),
          definition: Object.freeze({ plan, source: 'definition' as const }),
          context: Object.freeze({ plan, source: 'context' as const }),
          default: Object.freeze({ plan, source: 'default' as const }),
        }),
      ]),
    ) as Record<PlanId, Record<NonNullable<Citation['planSource']>, ResolvedTo>>,
  );
type ResolvedTo = Readonly<NonNullable<RawCitation['resolved']>>;

/** A reference bound to the document's own plan (not a national citation). */
const LOCAL: Readonly<NonNullable<RawCitation['resolved']>> = Object.freeze({ plan: undefined, source: 'definition' });

/** The plan a definition binds its name to: that of the reference named just before it, if any. */
function definedAs(text: string, d: RawDefinition, previous: RawCitation | undefined): PlanId | undefined {
  // Only a citation of a national plan itself binds; a title inside another document's title (《长治市反对拐卖妇女儿童
  // 行动计划（2008—2012年）》) names that other document: then the abbreviation is the document's own ('local').
  if (!previous || previous.start >= d.start || !previous.standalone) return undefined;
  // Inside the parenthesis (国办发〔2021〕13号，以下简称…) or ending right before it, spaces apart (…》（以下简称…).
  const inside = previous.start > d.anchor;
  const adjacent =
    previous.end <= d.anchor &&
    d.anchor - previous.end <= 4 &&
    /^[\s\u3000]*$/.test(text.slice(previous.end, d.anchor));
  if (!inside && !adjacent) return undefined;
  return previous.resolved?.plan;
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
  const plan = planByYears(y1[0], y2[0]);
  return plan ? { plan, end: p } : undefined;
}

function shift(c: Citation, d: number): Citation {
  if (d === 0) return c;
  const s = (x: Span) => ({ ...x, start: x.start + d, end: x.end + d });
  const r: Citation = {
    ...c,
    start: c.start + d,
    end: c.end + d,
    planRef: { ...s(c.planRef), explicit: c.planRef.explicit },
  };
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
  if (
    head &&
    head.start === 0 &&
    head.kind === 'title' &&
    (head.form === 'short' || head.form === 'short-years' || head.form === 'full')
  ) {
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
  if (options.referenceDate) c.superseded = planStatusOn(plan, options.referenceDate).state === 'superseded';
  if (!PLAN_CATALOG[plan].textInCorpus) c.unchecked = true;
  if (path !== undefined) {
    c.path = path;
    c.pathSpan = { start: a + pathStart, end: b };
  }
  if (node) c.node = node;
  if (!c.isCanonical) c.replacement = canonical;
  return c;
}
