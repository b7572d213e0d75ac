// Text → findings. Ties the citation engine and the agency knowledge base together, applies the reference date,
// rule severities, the allow-list and in-document suppression comments.
//
// Work is done line by line and memoised in an AnalysisCache keyed by (line text, state carried in from the previous
// lines, reference date): after an edit only the changed lines are analysed again, and the result is exactly that of a
// fresh analysis (the carried state is part of the key). Names and citations never span lines in the documents we
// serve; the carried state is the citation state (the plan most recently named, the abbreviations defined so far).
import type { AgencyKnowledgeBase, AgencyMention, AgencyStatus } from './agency/api';
import { departmentFollows } from './agency/unknowns';
import { AGENCY_NAME_END_CHARS } from './agency/nameEnds';
import type { Citation, CitationOptions, CitationState } from './citation/api';
import { sameCitationState, stateKey } from './citation/index';
import { PLAN_CATALOG, planInForceOn, planStatusOn, type PlanCatalogEntry, type PlanStatus } from './catalog/plans';
import type { PlanIndex } from './plan/model';
import type { SimilarityModel } from './plan/similarity';
import { citationMismatches, type MismatchContext } from './review/citationMismatch';
import { clauseRepeats } from './review/repeats';
import { bracketClauses, type BracketClause } from './review/clause';
import { responsibilityMismatches, type ResponsibilityContext } from './review/responsibility';
import { localityOf } from './features/locality';
import { FIX_TITLES, RULES, type Localized, type MessageFacts } from './catalog/rules';
import { ownCopy } from './document';
import { referenceDateOf } from './referenceDate';
import { parseSuppressions, isSuppressed } from './suppression';
import { maySpace } from './text';
import {
  throwIfCancelled,
  type CancellationLike,
  type Finding,
  type Fix,
  type OffsetEdit,
  type PlanId,
  type Settings,
  type Severity,
} from './types';

export interface Engines {
  plans: PlanIndex;
  agencies: AgencyKnowledgeBase;
  findCitations(text: string, index: PlanIndex, options: CitationOptions, token?: CancellationLike): Citation[];
  /** Content similarity to the plans' provisions (citation-mismatch); without it that check is skipped. */
  similarity?: SimilarityModel;
}

export interface AnalysisResult {
  referenceDate: string;
  /** Where the reference date came from. */
  referenceDateSource: 'front-matter' | 'comment' | 'setting' | 'today';
  findings: Finding[];
  citations: Citation[];
  /** Set when the document exceeds settings.maxDocumentSize: nothing was analysed. */
  tooLarge?: { size: number; limit: number };
  /**
   * Findings beyond AnalyzeOptions.maxFindings: counted by (final) severity, not kept. `findings` then holds the
   * first maxFindings in document order.
   */
  overflow?: { count: number; bySeverity: Record<Severity, number> };
}

interface LineResult {
  /** Findings with offsets relative to the line start, before rules/allow-list/suppression. */
  findings: Finding[];
  citations: Citation[];
  /** The citation state after the line (last plan named, abbreviation bindings). */
  stateAfter: CitationState;
  /**
   * The same findings placed at the line's offset in the document where it was last used: a line that has not
   * moved is reused without copying anything.
   */
  placed?: { base: number; findings: Finding[] };
  /**
   * Without a cache, the line's result is this run's alone: its findings are placed where the line is first met by
   * moving them there (no copy), and `moved` says where; another line of the same text gets copies moved from there.
   */
  moved?: number;
}

/**
 * Memo of per-line results; keep one per document. Keyed by the context a line is analysed in (reference date, locality and
 * carried plan) and then by the line's text. It also keeps the segments of the text it last served (`last`): the next
 * analysis takes the segments before and after the edited region from there as they were — neither sliced nor looked
 * up — and looks up only the lines in between. Bounded: rebuilt from the latest segments when the entries added since
 * outnumber them (see TextAnalysis.finish).
 */
export class AnalysisCache {
  /** @internal */
  memo = new LineMemo();
  /** @internal The segments of the text last analysed with this cache. */
  last: Segments | undefined;
  /**
   * @internal The engines the memo was filled with, and their knowledge base's revision then: used with other
   * engines, or after their names changed (a custom agency file), the cache starts afresh instead of serving results
   * computed with other names.
   */
  filledBy: { engines: Engines; revision: number | undefined } | undefined;
  hits = 0;
  misses = 0;
  get(context: string, line: string): LineResult | undefined {
    return this.memo.get(context, line);
  }
  /** @internal Empties the cache unless it was filled with these engines at their current revision. */
  useWith(engines: Engines): void {
    const revision = engines.agencies.revision;
    const f = this.filledBy;
    if (f && f.engines === engines && f.revision === revision) return;
    this.memo = new LineMemo();
    this.last = undefined;
    this.filledBy = { engines, revision };
  }
}

/**
 * The segments of an analysed text in order (parallel arrays): where each starts and ends, its result and the memo
 * context it was analysed in. Lines without a segment (empty lines) have no entry.
 */
interface Segments {
  text: string;
  contextPrefix: string;
  starts: number[];
  ends: number[];
  results: LineResult[];
  contexts: string[];
}

class LineMemo {
  private byContext = new Map<string, Map<string, LineResult>>();
  /** Entries added (an upper bound on the entries held). */
  size = 0;
  get(context: string, line: string): LineResult | undefined {
    return this.byContext.get(context)?.get(line);
  }
  set(context: string, line: string, r: LineResult): void {
    let m = this.byContext.get(context);
    if (!m) this.byContext.set(context, (m = new Map()));
    m.set(line, r);
    this.size++;
  }
}

/** A date as YYYY-MM-DD in its local calendar (the caller passes the instant: core never reads the clock). */
export function todayIso(now: Date): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export interface AnalyzeOptions {
  cache?: AnalysisCache;
  token?: CancellationLike;
  /** Today (YYYY-MM-DD), from the caller's clock: the reference date when the document and settings give none. */
  today: string;
  /**
   * Keep at most this many findings (after rules, allow-list and suppressions); the rest are only counted
   * (AnalysisResult.overflow). The language server bounds its memory with it; default: keep all.
   */
  maxFindings?: number;
}

/** Analyse a whole text. `cache` (optional) makes re-analysis after an edit proportional to the changed lines. */
export function analyzeText(
  text: string,
  settings: Settings,
  engines: Engines,
  options: AnalyzeOptions,
): AnalysisResult {
  const run = new TextAnalysis(text, settings, engines, options);
  run.advance(undefined);
  return run.result();
}

/**
 * The same analysis, giving the event loop back every `sliceMs` milliseconds (between lines) so that a server stays
 * responsive to other requests while a big document is analysed. Cancellation is checked at every slice.
 */
export async function analyzeTextAsync(
  text: string,
  settings: Settings,
  engines: Engines,
  options: AnalyzeOptions & { sliceMs?: number },
): Promise<AnalysisResult> {
  const sliceMs = options.sliceMs ?? 8;
  const run = new TextAnalysis(text, settings, engines, options);
  let deadline = performance.now() + sliceMs;
  const pause = () => performance.now() >= deadline;
  while (!run.advance(pause)) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    throwIfCancelled(options.token);
    deadline = performance.now() + sliceMs;
  }
  return run.result();
}

/**
 * A line longer than this is analysed in segments of at most this many characters, cut after a sentence's end
 * (。；！？ …) where there is one, else after a comma or space, else anywhere (never inside a surrogate pair): each
 * segment is one bounded unit of work (and of memory), cached and yielded between like a line.
 */
export const MAX_SEGMENT = 2048;
const STRONG_CUT = new Set([0x3002, 0xff1b, 0xff01, 0xff1f, 0x3b, 0x21, 0x3f, 0xff0e]); // 。；！？;!?．
const WEAK_CUT = new Set([0xff0c, 0x3001, 0x2c, 0x20, 0x3000, 0x09, 0xff1a, 0x3a]); // ，、, space ideographic-space tab ：:

/** End of the segment that starts at `start` in a line ending at `end` (see MAX_SEGMENT). */
export function segmentEnd(text: string, start: number, end: number): number {
  if (end - start <= MAX_SEGMENT) return end;
  const limit = start + MAX_SEGMENT;
  const floor = start + (MAX_SEGMENT >> 1);
  for (let i = limit; i > floor; i--) if (STRONG_CUT.has(text.charCodeAt(i - 1))) return i;
  for (let i = limit; i > floor; i--) if (WEAK_CUT.has(text.charCodeAt(i - 1))) return i;
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

/** Segments served from the cache between two pause points (a pause point after every segment analysed afresh). */
const HITS_PER_PAUSE = 256;

/**
 * One analysis of a text, segment by segment. advance() runs to the end of the text (analyzeText), or stops at a
 * pause point — after every segment analysed afresh and after every HITS_PER_PAUSE segments taken from the cache —
 * when `pause()` says so, and goes on from there when called again (analyzeTextAsync gives the event loop back by
 * time whatever the text: a million identical lines are all cache hits; one 3-million-character line is many
 * segments). A plain loop rather than a generator: the synchronous run (the CLI's) resumes nothing per line, and V8
 * optimises the loop while it runs.
 */
class TextAnalysis {
  private readonly ref: ReturnType<typeof referenceDateOf>;
  private readonly tooLarge: boolean;
  private readonly findings: Finding[] = [];
  // Rules, allow-list and suppression comments, applied as findings are placed (so that a limit on the findings
  // kept bounds the memory of a document with a million of them).
  private readonly suppressions: ReturnType<typeof parseSuppressions> | undefined;
  private readonly allow: Set<string>;
  private readonly maxFindings: number;
  private readonly overflow = {
    count: 0,
    bySeverity: { error: 0, warning: 0, information: 0, hint: 0 } as Record<Severity, number>,
  };
  // The place of a local plan (setting or title): responsibility-mismatch translates national units to it.
  private readonly locality: string | undefined;
  /** What every line is analysed with (made on the first line analysed). */
  private env: LineEnv | undefined;
  /** Line-relative citations and their line's offset: made absolute only when `citations` is first read. */
  private readonly lineCitations: Array<{ citations: Citation[]; base: number }> = [];
  /** Lines analysed in this run (without a cache: the same line twice is analysed once); with one, its memo. */
  private readonly used: LineMemo;
  /** With a cache: the segments of this text, recorded for the next analysis (see Segments). */
  private readonly segs: Segments | undefined;
  /** Segments of the previous text taken as they were: [next, end) of `from`, placed `delta` units later. */
  private reuse: { from: Segments; next: number; end: number; delta: number; resume: number } | undefined;
  /**
   * The previous text's segments after the edited region (from index `next` on, `delta` units later in this text):
   * once this analysis reaches one of them in the same context, the rest is taken as it was.
   */
  private tail: { from: Segments; next: number; delta: number } | undefined;
  private state: CitationState = { bindings: {} };
  /** The memo key of a line's context (see LineMemo), rebuilt only when the carried state changes. */
  private contextPrefix = '';
  private context = '';
  /** Where the next segment starts, and the end of its line. */
  private segStart = 0;
  private lineEnd = 0;
  /** Next \n and next \r at or after the current line start (each found once by indexOf, not per character). */
  private nextLf = -1;
  private nextCr = -1;
  /** Cache hits since the last pause point. */
  private hits = 0;
  private done = false;

  constructor(
    private readonly text: string,
    private readonly settings: Settings,
    private readonly engines: Engines,
    private readonly options: AnalyzeOptions,
  ) {
    this.ref = referenceDateOf(text, settings, options.today);
    this.tooLarge = text.length > settings.maxDocumentSize;
    this.allow = new Set(settings.allow);
    this.maxFindings = options.maxFindings ?? Infinity;
    const { cache } = options;
    cache?.useWith(engines);
    this.used = cache ? cache.memo : new LineMemo();
    if (this.tooLarge) {
      this.done = true;
      return;
    }
    this.suppressions = parseSuppressions(text);
    this.locality = localityOf(text, settings);
    this.contextPrefix = `${this.ref.date}\u0000${this.locality ?? ''}\u0000${settings.defaultPlan}\u0000`;
    this.context = this.contextPrefix + stateKey(this.state);
    this.lineEnd = this.lineEndFrom(0);
    if (cache) {
      this.segs = { text, contextPrefix: this.contextPrefix, starts: [], ends: [], results: [], contexts: [] };
      const last = cache.last;
      if (last && last.contextPrefix === this.contextPrefix) this.takeOver(last);
    }
  }

  /**
   * Plans the reuse of the previous text's segments: those before the first difference (whole lines, line break
   * included) are taken at once; those after the last difference (from a line start
   * whose preceding line break is unchanged) when the analysis reaches them in the context they had.
   */
  private takeOver(last: Segments): void {
    const { text } = this;
    const old = last.text;
    const { starts, ends } = last;
    const n = starts.length;
    if (!n) return;
    const p = commonPrefix(old, text);
    const sfx = commonSuffix(old, text, Math.min(old.length, text.length) - p);
    // The segments of the lines whose line break lies before p: unchanged, and so is the line break.
    let lo = 0;
    let hi = n; // first segment ending at or after p
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    let k = lo; // segments [0, k) are taken when the last of them ends its line
    while (k > 0 && k < n && ends[k - 1] === starts[k]) k--;
    if (k > 0) this.reuse = { from: last, next: 0, end: k, delta: 0, resume: ends[k - 1] };
    // The first line start after the common suffix's first unit.
    const from = old.length - sfx + 1;
    lo = Math.max(k, 0);
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    let m = lo;
    while (m < n && m > 0 && ends[m - 1] === starts[m]) m++;
    if (m < n) this.tail = { from: last, next: m, delta: text.length - old.length };
  }

  /** The end of the line that starts at `start` (its \n or \r, or the end of the text). */
  private lineEndFrom(start: number): number {
    const { text } = this;
    if (this.nextLf !== text.length && this.nextLf < start) this.nextLf = indexOrEnd(text, '\n', start);
    if (this.nextCr !== text.length && this.nextCr < start) this.nextCr = indexOrEnd(text, '\r', start);
    return Math.min(this.nextLf, this.nextCr);
  }

  /** Analyses segments up to the end of the text (true) or up to a pause point where `pause()` is true (false). */
  advance(pause: (() => boolean) | undefined): boolean {
    for (;;) {
      if (this.done) return true;
      if (this.reuse && !this.takeSegments(pause)) return false;
      const scanned = this.scan(pause);
      if (scanned === 'paused') return false;
      if (scanned === 'done') {
        this.finish();
        return true;
      }
    }
  }

  /** Takes the planned segments of the previous text (this.reuse) as they were, moved by its delta. */
  private takeSegments(pause: (() => boolean) | undefined): boolean {
    const reuse = this.reuse!;
    const { from, end, delta } = reuse;
    const { starts, ends, results, contexts } = from;
    const segs = this.segs!;
    const cache = this.options.cache!;
    let { hits } = this;
    while (reuse.next < end) {
      const k = reuse.next++;
      const r = results[k];
      const start = starts[k] + delta;
      segs.starts.push(start);
      segs.ends.push(ends[k] + delta);
      segs.results.push(r);
      segs.contexts.push(contexts[k]);
      if (r.findings.length) this.place(r, start);
      if (r.citations.length) this.lineCitations.push({ citations: r.citations, base: start });
      cache.hits++;
      if (++hits >= HITS_PER_PAUSE) {
        hits = 0;
        throwIfCancelled(this.options.token);
        if (pause?.() && reuse.next < end) {
          this.hits = hits;
          return false;
        }
      }
    }
    this.hits = hits;
    this.reuse = undefined;
    const state = results[end - 1].stateAfter;
    if (state !== this.state) {
      this.state = state;
      this.context = this.contextPrefix + stateKey(state);
    }
    // At the end of the line of the last segment taken (or of the text): the scan goes on from the next line.
    this.segStart = reuse.resume;
    this.lineEnd = reuse.resume;
    return true;
  }

  /**
   * Analyses (or looks up) segments from this.segStart until the end of the text ('done'), a pause point where
   * `pause()` is true ('paused'), or the first segment of the previous text's tail met in its context ('reuse').
   */
  private scan(pause: (() => boolean) | undefined): 'done' | 'paused' | 'reuse' {
    const { text, used, segs, tail } = this;
    const { cache, token } = this.options;
    const env = (this.env ??= lineEnv(this.settings.defaultPlan, this.ref.date, this.engines, token, this.locality));
    let { segStart, lineEnd, hits, state, context } = this;
    let outcome: 'done' | 'paused' | 'reuse' = 'done';
    for (;;) {
      if (segStart >= lineEnd) {
        if (lineEnd >= text.length) break;
        segStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
        lineEnd = this.lineEndFrom(segStart);
        continue;
      }
      if (tail) {
        const { starts, contexts } = tail.from;
        while (tail.next < starts.length && starts[tail.next] + tail.delta < segStart) tail.next++;
        if (
          tail.next < starts.length &&
          starts[tail.next] + tail.delta === segStart &&
          contexts[tail.next] === context
        ) {
          this.reuse = {
            from: tail.from,
            next: tail.next,
            end: starts.length,
            delta: tail.delta,
            resume: text.length,
          };
          this.tail = undefined;
          outcome = 'reuse';
          break;
        }
      }
      const segEnd = segmentEnd(text, segStart, lineEnd);
      const line = text.slice(segStart, segEnd);
      let pausePoint = false;
      let r = used.get(context, line);
      if (r) {
        if (cache) cache.hits++;
        if (++hits >= HITS_PER_PAUSE) {
          hits = 0;
          throwIfCancelled(token);
          pausePoint = true;
        }
      } else {
        if (cache) cache.misses++;
        throwIfCancelled(token);
        // Analysed (and kept) as a copy of its own: what outlives this run (the cache's key, citation texts, names, and
        // without a cache the engines' memos — the agency knowledge base keeps readings by the name as written) would
        // otherwise be slices of this version's whole text and keep it alive (measured: 29 versions of a 1 MB document,
        // 22 MB, held after 90 one-line edits; 40 uncached 1 MB documents all held by the agency memo).
        // Without a cache the memo is this run's alone: its key stays the slice (hashed once, by the lookup above).
        const own = ownCopy(line);
        r = analyzeLine(own, state, env);
        used.set(context, cache ? own : line, r);
        pausePoint = true;
      }
      if (segs) {
        segs.starts.push(segStart);
        segs.ends.push(segEnd);
        segs.results.push(r);
        segs.contexts.push(context);
      }
      if (r.findings.length) this.place(r, segStart);
      if (r.citations.length) this.lineCitations.push({ citations: r.citations, base: segStart });
      if (r.stateAfter !== state) {
        state = r.stateAfter;
        context = this.contextPrefix + stateKey(state);
      }
      segStart = segEnd;
      if (pausePoint && pause?.()) {
        outcome = segStart < lineEnd || lineEnd < text.length ? 'paused' : 'done';
        break;
      }
    }
    this.segStart = segStart;
    this.lineEnd = lineEnd;
    this.hits = hits;
    this.state = state;
    this.context = context;
    return outcome;
  }

  /** The run is complete: its segments become the cache's, and the memo is rebuilt when it has grown too big. */
  private finish(): void {
    this.done = true;
    const { cache } = this.options;
    const segs = this.segs;
    if (!cache || !segs) return;
    cache.last = segs;
    const n = segs.starts.length;
    if (cache.memo.size > 2 * n + 256) {
      const memo = new LineMemo();
      const { text } = this;
      for (let k = 0; k < n; k++) {
        const line = ownCopy(text.slice(segs.starts[k], segs.ends[k]));
        if (!memo.get(segs.contexts[k], line)) memo.set(segs.contexts[k], line, segs.results[k]);
      }
      cache.memo = memo;
    }
  }

  /** The finding's final severity, or undefined when a rule, the allow-list or a suppression drops it. */
  private accept(f: Finding, start: number, end: number): Severity | undefined {
    const rule = this.settings.rules[f.code];
    if (rule === 'off') return undefined;
    const severity = rule ?? f.severity;
    // The allow-list names text that is fine as written: it never hides an error (an unknown citation stays one).
    if (this.allow.size && severity !== 'error' && this.allow.has(this.text.slice(start, end))) return undefined;
    // (Most documents have no suppression comment: no call per finding then.)
    if (this.suppressions!.regions.length && isSuppressed(this.suppressions!, f.code, start)) return undefined;
    return severity;
  }

  private count(severity: Severity): void {
    this.overflow.count++;
    this.overflow.bySeverity[severity]++;
  }

  /** Places a segment's findings at `base` in the document (or counts them past maxFindings). */
  private place(r: LineResult, base: number): void {
    const { findings, maxFindings } = this;
    if (findings.length >= maxFindings) {
      this.countOnly(r, base);
      return;
    }
    let placed: Finding[];
    if (r.moved !== undefined) placed = r.moved === base ? r.findings : shiftFindings(r.findings, base - r.moved);
    else if (!this.options.cache) {
      // Nothing outlives this run but the findings placed: those of the line's first occurrence are moved in place.
      // (A line's findings own their fixes and edits: analyzeLine and the checks make them for it, nothing shares them.)
      moveFindings(r.findings, base);
      r.moved = base;
      placed = r.findings;
    } else {
      if (r.placed?.base !== base) r.placed = { base, findings: shiftFindings(r.findings, base) };
      placed = r.placed.findings;
    }
    for (let i = 0; i < placed.length; i++) {
      let f = placed[i];
      // (A finding at the very start of a line, after a line break: rare; see cutCellTail.)
      if (f.start === base && base > 0 && (f.code === 'outdated-agency' || f.code === 'unknown-agency')) {
        const cut = this.wrappedName(f);
        if (cut === 'drop') continue;
        if (f.code === 'outdated-agency' && this.cutCellTail(f)) f = cutCellFinding(f);
        else if (cut === 'offer') f = notAutomatic(f);
      } else if (
        (f.code === 'outdated-agency' || f.code === 'unknown-agency') &&
        (this.text.charCodeAt(f.end) === 10 || this.text.charCodeAt(f.end) === 13)
      ) {
        // (At the very end of a line, before a line break: the head of a name the break may have cut.)
        const cut = this.wrappedHead(f);
        if (cut === 'drop') continue;
        if (cut === 'offer') f = notAutomatic(f);
      }
      const severity = this.accept(f, f.start, f.end);
      if (!severity) continue;
      if (findings.length < maxFindings) findings.push(severity === f.severity ? f : { ...f, severity });
      else this.count(severity);
    }
  }

  /**
   * Whether outdated finding `f`, at the start of a line, may be the tail of a name cut by a line break, as table cells
   * converted to text are (县文化广电和 / 旅游局, 县卫生和 / 计划生育局): a name without a place, right after a short line
   * (≤ CUT_CELL_MAX units, no punctuation or space) that ends with an ideograph no agency name ends with. The whole name
   * is not known, so the finding must not be confident (“旅游局已撤销” with an automatic fix wrote 县文化广电和文化和旅游局).
   * Decided on the whole text when findings are placed: a line's cached result never depends on the line before it.
   */
  private cutCellTail(f: Finding): boolean {
    const { text } = this;
    let end = f.start - 1;
    if (text.charCodeAt(end) !== 10) return false;
    if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
    const last = text.charCodeAt(end - 1);
    if (!isCjkIdeograph(last) || AGENCY_NAME_END_CHARS.includes(text.charAt(end - 1))) return false;
    let k = end - 1;
    while (k > 0 && end - k <= CUT_CELL_MAX && text.charCodeAt(k - 1) !== 10 && text.charCodeAt(k - 1) !== 13) {
      if (!isCjkIdeograph(text.charCodeAt(k - 1))) return false;
      k--;
    }
    if (end - k > CUT_CELL_MAX) return false;
    // A column label (牵头单位, 责任部门, 机构名称) is a whole cell: the name under it is whole too.
    if (CUT_CELL_LABEL.test(text.slice(Math.max(k, end - 2), end))) return false;
    const known = this.engines.agencies.lookup(text.slice(f.start, f.end), this.ref.date);
    return known?.info.level === 'generic-local';
  }

  /**
   * Whether agency finding `f`, at the start of a line, is the tail of a name the line break cut, as in text wrapped at
   * a fixed width (copied from PDF, or a hard-wrapped Markdown paragraph): the previous line ends in ideographs that,
   * with the finding's text, make a known name (市密 / 码管理局, 文化广电旅游体 / 育局, 国家 / 卫生计生委). The name is then
   * the joined one: a tail that is no name of its own is no near miss, and neither is a tail that looks outdated when
   * the whole name is current ('drop'). When the whole name is outdated too, the tail's finding stands, but its fixes
   * are applied only where they give the whole name's replacement (县 / 工商局 → 县 / 市场监管局; not 国家 / 卫生计生委 →
   * 国家 / 国家卫生健康委): 'offer' when one does not. Undefined: not a cut name, or nothing to change.
   * Decided on the whole text when findings are placed: a line's cached result never depends on the line before it.
   */
  private wrappedName(f: Finding): 'drop' | 'offer' | undefined {
    const { text } = this;
    let end = f.start - 1;
    if (text.charCodeAt(end) !== 10) return undefined;
    if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
    const tail = text.slice(f.start, f.end);
    let head = '';
    let whole: AgencyStatus | undefined;
    for (let k = 1; k <= CUT_NAME_HEAD_MAX && end - k >= 0; k++) {
      if (!isCjkIdeograph(text.charCodeAt(end - k))) break;
      const h = text.slice(end - k, end);
      const hit = this.engines.agencies.lookup(h + tail, this.ref.date);
      // The longest known name wins (长治市 / 卫生局: 长治市卫生局, not 市卫生局).
      if (hit) {
        head = h;
        whole = hit.status;
      }
    }
    if (!whole) {
      // The break cut a word of prose before a name (联 / 合教育部: 民政部联合教育部): an unknown that is a known name after
      // one or two characters is that name, read without the rest of the word.
      return f.code === 'unknown-agency' && this.knownAfter(tail) ? 'drop' : undefined;
    }
    return this.cutVerdict(f, whole, (t) => head + t);
  }

  /**
   * wrappedName for the head of a name at the end of a line (市行政审批 / 服务局, 县商务 / 局): the ideographs that start
   * the next line, with the finding's text, make a known name; or (an unknown) it is a known name with one or two
   * characters of the next word after it (县民政局联 / 合…).
   */
  private wrappedHead(f: Finding): 'drop' | 'offer' | undefined {
    const { text } = this;
    let from = f.end + 1;
    if (text.charCodeAt(f.end) === 13 && text.charCodeAt(from) === 10) from++;
    const head = text.slice(f.start, f.end);
    let rest = '';
    let whole: AgencyStatus | undefined;
    for (let k = 1; k <= CUT_NAME_HEAD_MAX && from + k <= text.length; k++) {
      if (!isCjkIdeograph(text.charCodeAt(from + k - 1))) break;
      const r = text.slice(from, from + k);
      const hit = this.engines.agencies.lookup(head + r, this.ref.date);
      if (hit) {
        rest = r;
        whole = hit.status;
      }
    }
    if (!whole) return f.code === 'unknown-agency' && this.knownBefore(head) ? 'drop' : undefined;
    return this.cutVerdict(f, whole, (t) => t + rest);
  }

  /** Whether `name` less its first one or two characters is a known name. */
  private knownAfter(name: string): boolean {
    for (let j = 1; j <= 2 && name.length - j >= 2; j++)
      if (this.engines.agencies.lookup(name.slice(j), this.ref.date)) return true;
    return false;
  }

  /** Whether `name` less its last one or two characters is a known name. */
  private knownBefore(name: string): boolean {
    for (let j = 1; j <= 2 && name.length - j >= 2; j++)
      if (this.engines.agencies.lookup(name.slice(0, name.length - j), this.ref.date)) return true;
    return false;
  }

  /**
   * The verdict on a finding on part of a cut name whose whole is known (`status`): nothing to report for an unknown or
   * a current whole ('drop'); an outdated whole keeps the finding, its automatic fixes only where each gives the whole
   * name's replacement once the rest of the name is put around its text (`around`) — else 'offer'.
   */
  private cutVerdict(f: Finding, status: AgencyStatus, around: (t: string) => string): 'drop' | 'offer' | undefined {
    if (f.code === 'unknown-agency' || (status.current && !status.notYet)) return 'drop';
    const fits = f.fixes.every((x) => {
      if (!x.unambiguous) return true;
      const e = x.edits;
      return (
        e.length === 1 &&
        e[0].start === f.start &&
        e[0].end === f.end &&
        status.replacement.includes(around(e[0].newText))
      );
    });
    return fits ? undefined : 'offer';
  }

  /** Over the limit: a segment's findings counted without placing anything. */
  private countOnly(r: LineResult, base: number): void {
    const by = base - (r.moved ?? 0);
    for (let i = 0; i < r.findings.length; i++) {
      const f = r.findings[i];
      const severity = this.accept(f, by + f.start, by + f.end);
      if (severity) this.count(severity);
    }
  }

  result(): AnalysisResult {
    const { ref, text, settings } = this;
    if (this.tooLarge) {
      return {
        referenceDate: ref.date,
        referenceDateSource: ref.source,
        findings: [],
        citations: [],
        tooLarge: { size: text.length, limit: settings.maxDocumentSize },
      };
    }
    const { overflow, lineCitations } = this;
    // Diagnostics need only the findings; the citations (for hover, links, navigation) are placed on first use, so
    // an edit near the top of a big document does not copy every citation below it.
    let citations: Citation[] | undefined;
    return {
      referenceDate: ref.date,
      referenceDateSource: ref.source,
      findings: this.findings,
      ...(overflow.count ? { overflow } : {}),
      get citations(): Citation[] {
        return (citations ??= lineCitations.flatMap((l) => l.citations.map((c) => shiftCitation(c, l.base))));
      },
    };
  }
}

/** Length of the common prefix of two texts (compared a block at a time: a slice is a view, equality a memory compare). */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 4096; step >= 16; step >>= 4) {
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of two texts, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let i = 0; // units matched from the end
  for (let step = 4096; step >= 16; step >>= 4) {
    while (i + step <= max && a.slice(a.length - i - step, a.length - i) === b.slice(b.length - i - step, b.length - i))
      i += step;
  }
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

function indexOrEnd(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

function shiftFindings(fs: readonly Finding[], by: number): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < fs.length; i++) out.push(shiftFinding(fs[i], by));
  return out;
}

/** Moves findings (and their fixes' edits) by `by`, in place. */
function moveFindings(fs: readonly Finding[], by: number): void {
  if (by === 0) return;
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i];
    f.start += by;
    f.end += by;
    for (let j = 0; j < f.fixes.length; j++) {
      const edits = f.fixes[j].edits;
      for (let k = 0; k < edits.length; k++) {
        edits[k].start += by;
        edits[k].end += by;
      }
    }
  }
}

function shiftFinding(f: Finding, by: number): Finding {
  if (by === 0) return f;
  return {
    ...f,
    start: f.start + by,
    end: f.end + by,
    fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) })),
  };
}

function shiftCitation(c: Citation, by: number): Citation {
  if (by === 0) return c;
  return {
    ...c,
    start: c.start + by,
    end: c.end + by,
    planRef: { ...c.planRef, start: c.planRef.start + by, end: c.planRef.end + by },
    pathSpan: c.pathSpan && { start: c.pathSpan.start + by, end: c.pathSpan.end + by },
  };
}

/** What analyzeLine needs besides the line and the state carried in: the same for every line of a run. */
interface LineEnv {
  defaultPlan: PlanId;
  referenceDate: string;
  engines: Engines;
  token: CancellationLike | undefined;
  /** The options of the agency scans ({ locality }). */
  scanOptions: { locality?: string };
  responsibility: ResponsibilityContext;
  /** citation-mismatch's context when the engines have a similarity model. */
  mismatch: MismatchContext | undefined;
  /** The run's outdated-agency parts by mention status (see OutdatedShared). */
  outdated: Map<AgencyStatus, OutdatedShared[]>;
  /** The cited plans' catalog entries and status on the reference date (see planOnDate). */
  planDates: Map<PlanId, PlanOnDate>;
}

function lineEnv(
  defaultPlan: PlanId,
  referenceDate: string,
  engines: Engines,
  token: CancellationLike | undefined,
  locality: string | undefined,
): LineEnv {
  const { similarity } = engines;
  return {
    defaultPlan,
    referenceDate,
    engines,
    token,
    scanOptions: { locality },
    responsibility: { plans: engines.plans, agencies: engines.agencies, referenceDate, locality },
    mismatch: similarity && { similarity, node: (p, path) => engines.plans.get(p, path) },
    outdated: new Map(),
    planDates: new Map(),
  };
}

/**
 * The findings of one line (offsets relative to it). Runs for every line: rare work (a line's citations, a mention with
 * a finding) is done in functions of its own, so that this one is small and quick to compile, and loops are indexed
 * (a one-shot run interprets them first: for…of makes an iterator and a result per step).
 */
function analyzeLine(line: string, stateIn: CitationState, env: LineEnv): LineResult {
  const { engines, referenceDate } = env;
  const findings: Finding[] = [];
  // The bindings are handed over, not copied: findCitations copies them before it makes a binding (most lines make
  // none), so stateIn is never changed and an unchanged state is seen by identity.
  const state: CitationState = { bindings: stateIn.bindings };
  if (stateIn.last) state.last = stateIn.last;
  // The agencies first: the matcher's pass over the line tells whether anything in it folds, so the citation finder
  // reads the folded line from the folder's memo instead of testing every unit again (their findings are pushed below,
  // after the citations' as before; the checks of the citations scan other texts, which would evict the line's scan).
  const mentions = engines.agencies.scan(line, referenceDate, env.scanOptions);
  const unknowns = engines.agencies.unknowns(line, referenceDate, env.scanOptions);
  const citations = engines.findCitations(
    line,
    engines.plans,
    { defaultPlan: env.defaultPlan, referenceDate, state },
    env.token,
  );
  const stateAfter = sameCitationState(state, stateIn) ? stateIn : state;
  // The line's bracketed clauses, parsed once for both clause checks.
  const brackets = citations.length ? citationChecks(line, citations, env, findings) : undefined;
  // The line as the former/founded marks read it (traditional and halfwidth folded, offsets kept), made on the first
  // mention that is not current.
  let marks: string | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const s = mentions[i].status;
    if (s.current && !s.wrongLevel && !s.sign) continue;
    // The issuer in a cited document's title (《省卫生厅关于…的通知》): quoted as the document was issued, no finding;
    // nor a name the text itself calls former (原县卫生局, 撤销县工商局、县质监局) or puts in a past year — unless its body did
    // not exist yet on the reference date (县乡村振兴局的职责整合 in 2009: no body of that name had ended).
    // A name the text founds (组建国家数据局, 新设X) before its body existed: the text announces it, no finding. The issuers
    // of a document cited right after them (食品药品监管总局《…办法》, 劳动保障部、建设部等中央六部门《…》): as issued.
    if (!s.current) {
      marks ??= markedLine(line, env.engines.plans.folder);
      if (
        issuerInTitle(line, mentions[i].start, mentions[i].end) ||
        issuersBeforeTitle(marks, mentions, i) ||
        signKept(marks, mentions, i) ||
        (s.notYet
          ? foundedHere(marks, mentions, i)
          : namedAsFormer(marks, mentions, i) || pastYear(line, mentions, i, referenceDate))
      )
        continue;
    }
    const f = mentionFinding(mentions[i], env);
    if (f)
      findings.push(
        departmentFollows(mentions[i].text, line, mentions[i].end) ||
          postTitleClash(f, mentions[i].text, line, mentions[i].end) ||
          ownYearAfter(line, mentions[i], referenceDate)
          ? notAutomatic(f)
          : f,
      );
  }
  for (let i = 0; i < unknowns.length; i++) {
    const u = unknowns[i];
    findings.push(
      unknownAgencyFinding(
        u,
        u.spacedBy
          ? { name: u.text, suggestions: u.suggestions, nearMiss: u.nearMiss, spacedBy: u.spacedBy }
          : { name: u.text, suggestions: u.suggestions, nearMiss: u.nearMiss },
      ),
    );
  }
  // Clause consistency: repeats of a body (duplicate-agency), and replacement fixes that remove the repeat they would make.
  const repeats = clauseRepeats(
    line,
    mentions,
    findings,
    engines.agencies,
    referenceDate,
    brackets ?? bracketClauses(line),
  );
  for (let i = 0; i < repeats.length; i++) findings.push(repeats[i]);
  // Kept (the line's result) as an array of their number: a pushed array keeps room for 16, copied by every
  // collection that finds it alive.
  return { findings: findings.length ? findings.slice() : findings, citations, stateAfter };
}

/**
 * The findings of a line's citations (pushed to `findings`): their own, then the content checks. Returns the line's
 * bracketed clauses when responsibility-mismatch parsed them.
 */
function citationChecks(
  line: string,
  citations: Citation[],
  env: LineEnv,
  findings: Finding[],
): BracketClause[] | undefined {
  for (let i = 0; i < citations.length; i++) citationFindings(citations[i], env, findings, line);
  // The content checks judge what is cited as written: not the items a range implies (they span the whole range) nor
  // plan titles inside document titles (no citations).
  // One loop, no closures: whether a path is cited, and whether one names a node.
  let n = 0;
  let path = false;
  let node = false;
  for (let i = 0; i < citations.length; i++) {
    const c = citations[i];
    if (c.implied || c.inTitle) continue;
    n++;
    if (c.kind === 'path') {
      path = true;
      if (c.node) node = true;
    }
  }
  if (!path) return undefined;
  // (An array of their number: a pushed one keeps room for 16.)
  const cited: Citation[] = n === citations.length ? citations : new Array(n);
  if (cited !== citations)
    for (let i = 0, k = 0; i < citations.length; i++)
      if (!citations[i].implied && !citations[i].inTitle) cited[k++] = citations[i];
  if (env.mismatch) pushAll(findings, citationMismatches(line, cited, env.mismatch));
  if (!node) return undefined;
  const brackets = bracketClauses(line);
  pushAll(findings, responsibilityMismatches(line, cited, env.responsibility, brackets));
  return brackets;
}

/** The longest line read as a table cell cut by a line break (TextAnalysis.cutCellTail). */
const CUT_CELL_MAX = 16;
/** How many ideographs before a line break may begin a name the break cut (see wrappedName). */
const CUT_NAME_HEAD_MAX = 16;
/** The end of a table's column label (牵头单位, 配合单位, 主管部门, 机构名称): no name is cut there. */
const CUT_CELL_LABEL = /(?:单位|部门|名称)$/;

function isCjkIdeograph(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/**
 * The finding of a name that may be the tail of a cut one: information that says so, its replacements offered, never
 * applied. New facts and data objects (a reader may key a message by the data object it shares with other findings).
 */
function cutCellFinding(f: Finding): Finding {
  const facts: MessageFacts['outdated-agency'] = { ...(f.facts as MessageFacts['outdated-agency']), cutOff: true };
  return {
    ...notAutomatic(f),
    code: 'outdated-agency',
    facts,
    severity: 'information',
    data: { ...f.data, cutAtLineBreak: true },
  };
}

/**
 * A post title right after the name (省卫生厅副厅长, 市卫生局局长, 县卫计委主任; 市卫生局长, where the title shares the
 * name's last character: also 市卫生局长期…, where not applying is merely cautious). A replacement of another kind (厅 → 委员会,
 * 局 → 委) would write a title the new body does not have (省卫生健康委员会副厅长): offered, not applied by fix-all.
 */
const POST_TITLE = /^(?:长|(?:党组|党委)?(?:常务)?副?(?:厅长|局长|主任|处长|科长|司长|部长|书记|巡视员|调研员|秘书长))/;
/** The first character of every POST_TITLE match: 长 党 常 副 厅 局 主 处 科 司 部 书 巡 调 秘. */
const POST_TITLE_FIRST = new Set([...'长党常副厅局主处科司部书巡调秘'].map((ch) => ch.charCodeAt(0)));

export function postTitleClash(f: Finding, name: string, line: string, end: number): boolean {
  const fixes = f.fixes;
  if (fixes.length === 0 || !fixes.some((x) => x.unambiguous)) return false;
  // (Every POST_TITLE match starts with one of POST_TITLE_FIRST: other names are passed without a slice.)
  if (!POST_TITLE_FIRST.has(line.charCodeAt(end)) || !POST_TITLE.test(line.slice(end, end + 8))) return false;
  const kind = name.charAt(name.length - 1);
  return fixes.some((x) => {
    const t = x.edits[x.edits.length - 1]?.newText ?? '';
    return t.charAt(t.length - 1) !== kind;
  });
}

/**
 * A year right after the name, before the reference date's and before the body ended (国务院医改办2015年度…评价,
 * 市卫生局2012年工作总结): the sentence reports what the body did in its own time, so replacing its name would rewrite
 * history. The finding stays; its fix is offered, not applied by fix-all.
 */
const OWN_YEAR = /^([12][0-9]{3})年/;

function ownYearAfter(line: string, m: AgencyMention, referenceDate: string): boolean {
  const y = OWN_YEAR.exec(line.slice(m.end, m.end + 5));
  if (!y) return false;
  const year = Number(y[1]);
  const to = m.info.validTo;
  return year < Number(referenceDate.slice(0, 4)) && to !== undefined && year < Number(to.slice(0, 4));
}

/** `f` with its fixes offered, not applied by fix-all (a copy: a finding's parts may be shared). */
function notAutomatic(f: Finding): Finding {
  return { ...f, fixes: f.fixes.map((x) => (x.unambiguous ? { ...x, unambiguous: false } : x)) };
}

function pushAll(out: Finding[], fs: readonly Finding[]): void {
  for (let i = 0; i < fs.length; i++) out.push(fs[i]);
}

/**
 * The finding of an agency mention, or undefined for a current name (most of them: analyzeLine skips those without
 * a call). Kept out of analyzeLine so that the per-line loop stays small.
 */
function mentionFinding(m: AgencyMention, env: LineEnv): Finding | undefined {
  const s = m.status;
  if (s.current) return currentNameFinding(m);
  return s.notYet
    ? notYetFinding(m, simplifiedName(m.text, env.engines.plans.folder))
    : outdatedFinding(m, outdatedShared(m, env));
}

/** A name written in traditional characters (衛生計生委): the simplified replacement is offered, never applied by fix-all. */
function simplifiedName(text: string, folder: PlanIndex['folder']): boolean {
  return !folder || folder.fold(text) === text;
}

/** The finding of a current name: a sign kept by some places only, or a name at the wrong level; else undefined. */
function currentNameFinding(m: AgencyMention): Finding | undefined {
  const sign = m.status.sign;
  if (sign?.varies && !sign.inHost) {
    // A local name many places keep only as a sign of another body (县乡村振兴局 on 县农业农村局): inform, never fix.
    return {
      code: 'outdated-agency',
      facts: { name: m.text, replacement: [], signOf: sign.host },
      severity: 'information',
      start: m.start,
      end: m.end,
      data: {
        replacement: [],
        since: m.info.validTo ?? null,
        reform: m.info.reform ? `${m.info.reform.name}：${m.info.reform.summary}` : '',
        sign: { host: sign.host },
      },
      fixes: [],
    };
  }
  const wrongLevel = m.status.wrongLevel;
  if (!wrongLevel) return undefined;
  // 市公安厅: a provincial department's name under a prefecture or county — the name of no body. Suggested, never fixed.
  return unknownAgencyFinding(m, {
    name: m.text,
    suggestions: wrongLevel.expected,
    nearMiss: true,
    wrongLevel: true,
  });
}

/** An outdated name used before the body it names existed on the reference date. */
function notYetFinding(m: AgencyMention, simplified: boolean): Finding {
  const repl = m.status.replacement;
  return {
    code: 'outdated-agency',
    facts: { name: m.text, replacement: repl, notYet: m.status.notYet },
    severity: RULES['outdated-agency'].defaultSeverity,
    start: m.start,
    end: m.end,
    data: { replacement: repl, since: null, reform: '', notYetEstablished: m.status.notYet },
    fixes: replaceFixes(m, repl, repl.length === 1 && simplified && !m.status.levelUnknown),
  };
}

/** An outdated name (the most common finding): its replacements offered as fixes. */
function outdatedFinding(m: AgencyMention, o: OutdatedShared): Finding {
  // Most names have one replacement: an array literal of one (a grown array keeps room for 17 per finding).
  const fixes: Fix[] =
    o.titles.length === 1 ? [replaceFix(m, o, 0)] : o.titles.length === 0 ? [] : replaceFixesOf(m, o);
  return {
    code: 'outdated-agency',
    facts: o.facts,
    severity: o.severity,
    start: m.start,
    end: m.end,
    data: o.data,
    fixes,
  };
}

function replaceFix(m: AgencyMention, o: OutdatedShared, i: number): Fix {
  // Flat literals (a literal holding literals is copied from its boilerplate by a runtime call before optimisation).
  const edit = { start: m.start, end: m.end, newText: o.replacement[i] };
  const edits = [edit];
  return { title: o.titles[i], edits, unambiguous: o.unambiguous };
}

function replaceFixesOf(m: AgencyMention, o: OutdatedShared): Fix[] {
  const fixes: Fix[] = new Array(o.titles.length); // made to its size (a pushed array keeps room for 16)
  for (let i = 0; i < o.titles.length; i++) fixes[i] = replaceFix(m, o, i);
  return fixes;
}

/**
 * What every outdated-agency finding of one name as written with one status shares in a run: its facts, data, severity
 * and fix titles, made once (a name is usually outdated many times in a document). Shared objects are never changed:
 * the clause checks replace a finding's fixes, never edit them, and readers only read them (the language server keys
 * a finding's message by its data object, which says the same for every finding that shares it).
 */
interface OutdatedShared {
  text: string;
  facts: MessageFacts['outdated-agency'];
  severity: Severity;
  data: Record<string, unknown>;
  replacement: readonly string[];
  titles: Localized[];
  unambiguous: boolean;
}

/** The shared parts of mention `m`'s outdated-agency finding, from the run's memo (made on first sight). */
function outdatedShared(m: AgencyMention, env: LineEnv): OutdatedShared {
  const list = env.outdated.get(m.status);
  if (list) for (let i = 0; i < list.length; i++) if (list[i].text === m.text) return list[i];
  return newOutdatedShared(m, env, list);
}

function newOutdatedShared(m: AgencyMention, env: LineEnv, list: OutdatedShared[] | undefined): OutdatedShared {
  const s = m.status;
  const repl = s.replacement;
  const reform = s.reform ?? '';
  const uncertain = s.uncertain === true;
  const titles: Localized[] = [];
  for (let i = 0; i < repl.length; i++) titles.push(FIX_TITLES.replace(repl[i]));
  const o: OutdatedShared = {
    text: m.text,
    // Outdated in most places but not everywhere (内蒙古 keeps 农牧厅): inform, never fix automatically.
    facts: outdatedFacts(m.text, repl, s.since, reform, uncertain),
    severity: uncertain ? 'information' : RULES['outdated-agency'].defaultSeverity,
    data: uncertain
      ? { replacement: repl, since: s.since ?? null, reform, variesByPlace: true }
      : { replacement: repl, since: s.since ?? null, reform },
    replacement: repl,
    titles,
    unambiguous: repl.length === 1 && !uncertain && !s.levelUnknown && simplifiedName(m.text, env.engines.plans.folder),
  };
  if (list) list.push(o);
  else env.outdated.set(s, [o]);
  return o;
}

/** One fix per replacement of a mention's text. */
function replaceFixes(m: AgencyMention, repl: readonly string[], unambiguous: boolean): Fix[] {
  const fixes: Fix[] = [];
  for (let i = 0; i < repl.length; i++) {
    const r = repl[i];
    fixes.push({ title: FIX_TITLES.replace(r), edits: [{ start: m.start, end: m.end, newText: r }], unambiguous });
  }
  return fixes;
}

/** An unknown-agency finding at `span`: its suggestions are offered as fixes, never applied automatically. */
function unknownAgencyFinding(span: { start: number; end: number }, facts: MessageFacts['unknown-agency']): Finding {
  return {
    code: 'unknown-agency',
    facts,
    severity: RULES['unknown-agency'].severityOf!(facts),
    start: span.start,
    end: span.end,
    data: { suggestions: facts.suggestions },
    fixes: facts.suggestions.map((s) => ({
      title: FIX_TITLES.change(s),
      edits: [{ start: span.start, end: span.end, newText: s }],
      unambiguous: false,
    })),
  };
}

/** Whether two citation states are equal (same stateKey), compared without building the keys. */
/**
 * Whether every traditional CJK ideograph of the plan reference as written (its 《…》, else the whole text: a document
 * number) also occurs in `replacement`: no traditional form (《行動計劃》, 國辦發) would be simplified. The path (第二…)
 * may change, and so may simplified title words (人口 ↔ 妇女儿童: the writer's script stays). Without `folder` (which
 * tells traditional forms), any ideograph counts.
 */
export function keepsIdeographs(written: string, replacement: string, folder?: PlanIndex['folder']): boolean {
  const open = written.indexOf('《');
  const close = written.indexOf('》', open + 1);
  const titled = open >= 0 && close > open;
  const to = titled ? close : written.length;
  // Code units, not a string per character: an ideograph (U+4E00–U+9FFF) is one unit, and no surrogate is one.
  // Each is looked for in `replacement` from just after the previous one found (a corrected title keeps the
  // order of the writer's characters: usually found at once), round the whole of it.
  const n = replacement.length;
  let j = 0;
  for (let i = titled ? open : 0; i < to; i++) {
    const c = written.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) continue;
    let k = j;
    let found = false;
    for (let step = 0; step < n; step++) {
      if (replacement.charCodeAt(k) === c) {
        found = true;
        break;
      }
      if (++k === n) k = 0;
    }
    if (found) j = k + 1 === n ? 0 : k + 1;
    else if (!folder || changedByFolding(written[i], folder)) return false;
  }
  return true;
}

/** Whether folding changes a character (a traditional form): the rare case of keepsIdeographs, in a function of its own. */
function changedByFolding(ch: string, folder: NonNullable<PlanIndex['folder']>): boolean {
  return folder.fold(ch) !== ch;
}

/**
 * Whether the text itself names the body as a former one: 原县卫生局, 撤销县工商局, 前身为县扶贫办, 县卫生局（现县卫健委）,
 * 县卫计局更名为…, …划入/并入…, 改革前由县工商局…, 县工商局、县质监局整合组建…, 县扶贫办的职责整合…: the name is meant as
 * past; “已撤销，应为…” and its fix would be wrong there.
 */
export function namedAsFormer(line: string, ms: ReadonlyArray<{ start: number; end: number }>, i: number): boolean {
  const end = ms[i].end;
  // (Every FORMER_AFTER match starts with one of FORMER_FIRST or white space: other names are passed without a slice.)
  const c = line.charCodeAt(end);
  if ((FORMER_FIRST.has(c) || maySpace(c)) && FORMER_AFTER.test(line.slice(end, end + 10))) return true;
  // 将县卫生局的职责与县人口计生局的职责整合: the first body's duties are merged too.
  if (c === 0x7684 /* 的 */ && DUTIES_WITH.test(line.slice(end, end + 40))) return true;
  // The bodies of a list merged or whose duties move (县工商局、县质监局、县食药监局整合组建县市场监管局, …等部门的职责整合):
  // every name of it.
  const e = ms[lastOfList(line, ms, i)].end;
  const d = line.charCodeAt(e);
  if ((MERGED_FIRST.has(d) || maySpace(d)) && MERGED_AFTER.test(line.slice(e, e + 10))) return true;
  // 原/撤销 before the name, or before any name of the list before it (撤销县工商局、县质监局).
  for (let k = i, first = firstOfList(line, ms, i); k >= first; k--) {
    const start = ms[k].start;
    // (Every FORMER_BEFORE match ends with one of FORMER_LAST: other names are passed without a slice.)
    if (FORMER_LAST.has(line.charCodeAt(start - 1)) && FORMER_BEFORE.test(line.slice(Math.max(0, start - 6), start)))
      return true;
  }
  return false;
}
/** The line folded (繁→简, halfwidth → fullwidth; offsets kept) when it holds anything to fold, else the line itself. */
function markedLine(line: string, folder: PlanIndex['folder']): string {
  return folder ? folder.fold(line) : line;
}
/** Whether a founding verb stands right before the first name of mention i's list: 组建国家数据局, 新设X、Y. */
export function foundedHere(line: string, ms: ReadonlyArray<{ start: number; end: number }>, i: number): boolean {
  const start = ms[firstOfList(line, ms, i)].start;
  return FOUNDED_BEFORE.test(line.slice(Math.max(0, start - 4), start));
}
const FOUNDED_BEFORE = /(?:组建|新设|设立|成立|筹建)$/;
/**
 * Whether the list of mention i is followed by a cited document's title, as its issuers: X《…》, X、Y等部门《…》,
 * X、Y等中央六部门联合印发的《…》. The document was issued under those names; they are quoted as issued.
 */
export function issuersBeforeTitle(
  line: string,
  ms: ReadonlyArray<{ start: number; end: number }>,
  i: number,
): boolean {
  const e = ms[lastOfList(line, ms, i)].end;
  const c = line.charCodeAt(e);
  if (c === 0x300a /* 《 */) return true;
  return (
    (c === 0x7b49 /* 等 */ || c === 0x8054 /* 联 */ || c === 0x5370) /* 印 */ &&
    ISSUERS_AFTER.test(line.slice(e, e + 16))
  );
}
const ISSUERS_AFTER =
  /^(?:等(?:中央|国家|省|市|县)?[0-9０-９一二三四五六七八九十两]*个?(?:部门|单位|部委|厅局|委办局)?)?(?:联合)?(?:印发|发布|制定|出台)?(?:的)?《/;
/**
 * Whether the text keeps the name as a sign of another body: 保留市金融工作办公室牌子, 加挂县扶贫开发办公室、县移民局牌子 — the
 * sign is a valid name there (不再保留…牌子 is no such mark: the sign is removed, and namedAsFormer reads it).
 */
export function signKept(line: string, ms: ReadonlyArray<{ start: number; end: number }>, i: number): boolean {
  const e = ms[lastOfList(line, ms, i)].end;
  const sign = line.indexOf('牌子', e);
  if (sign < 0 || sign > e + 20 || !SIGN_AFTER.test(line.slice(e, sign + 2))) return false;
  const start = ms[firstOfList(line, ms, i)].start;
  return SIGN_BEFORE.test(line.slice(Math.max(0, start - 6), start));
}
/** Up to the sign: 牌子 itself, or the rest of the list of signs (、县移民局的牌子). */
const SIGN_AFTER = /^(?:[、和及与][^，。；,;]{2,16})?的?牌子$/;
const SIGN_BEFORE = /(?:(?:^|[^再])保留|加挂|挂)$/;
/** The first mention of the list mention i ends: each name joined to the next by one of 、，,和及与 alone. */
function firstOfList(line: string, ms: ReadonlyArray<{ start: number; end: number }>, i: number): number {
  let k = i;
  while (k > 0 && ms[k].start - ms[k - 1].end === 1 && LIST_JOIN.has(line.charCodeAt(ms[k].start - 1))) k--;
  return k;
}
/** The last mention of the list mention i starts, read forward: joined by 、和及与 alone (a comma may end a clause). */
function lastOfList(line: string, ms: ReadonlyArray<{ start: number; end: number }>, i: number): number {
  let k = i;
  while (k + 1 < ms.length && ms[k + 1].start - ms[k].end === 1 && LIST_NEXT.has(line.charCodeAt(ms[k].end))) k++;
  return k;
}
/**
 * Whether a year before the reference date's puts the name in the past: 2010年前由县卫生局负责, 县卫生局、县人口计生局在
 * 2010年以前负责… (the year, with 前/以前/之前, right before the first name of the name's list or right after its last).
 * A deadline (到2025年前) after a later reference date is in the future of that date and does not count.
 */
export function pastYear(
  line: string,
  ms: ReadonlyArray<{ start: number; end: number }>,
  i: number,
  referenceDate: string,
): boolean {
  const refYear = Number(referenceDate.slice(0, 4));
  const start = ms[firstOfList(line, ms, i)].start;
  // (Every YEAR_BEFORE match ends with 前 and at most two units after it, and every YEAR_AFTER match starts with
  // 在, 于 or a digit after white space: other names, most of them, are passed without a slice or a RegExp.)
  const c = line.charCodeAt(start - 1);
  if (c === 0x524d || line.charCodeAt(start - 2) === 0x524d || line.charCodeAt(start - 3) === 0x524d) {
    const before = YEAR_BEFORE.exec(line.slice(Math.max(0, start - 12), start));
    if (before && yearOf(before[1]) < refYear) return true;
  }
  const end = ms[lastOfList(line, ms, i)].end;
  let p = end;
  while (p < end + 12 && maySpace(line.charCodeAt(p))) p++;
  if (!YEAR_AFTER_FIRST.has(line.charCodeAt(p))) return false;
  const after = YEAR_AFTER.exec(line.slice(end, end + 12));
  return !!after && yearOf(after[1]) < refYear;
}
const YEAR_BEFORE = /([12１２][0-9０-９]{3})年(?:以|之)?前[，,]?(?:由|的)?$/;
const YEAR_AFTER = /^\s*(?:在|于)?([12１２][0-9０-９]{3})年(?:以|之)?前/;
/** What a YEAR_AFTER match starts with after its white space: 在 于 1 2 １ ２. */
const YEAR_AFTER_FIRST = new Set([0x5728, 0x4e8e, 0x31, 0x32, 0xff11, 0xff12]);
/** A year written with ASCII or fullwidth digits. */
function yearOf(digits: string): number {
  let y = 0;
  for (let k = 0; k < digits.length; k++) {
    const c = digits.charCodeAt(k);
    y = y * 10 + (c >= 0xff10 ? c - 0xff10 : c - 0x30);
  }
  return y;
}

const LIST_JOIN = new Set([0x3001, 0xff0c, 0x2c, 0x548c, 0x53ca, 0x4e0e]); // 、，,和及与
/** Between two names of one list read forward (、和及与: a comma may end a clause). */
const LIST_NEXT = new Set([0x3001, 0x548c, 0x53ca, 0x4e0e]);
/** The first character of every FORMER_AFTER match but white space: （ ( 更 改 调 并 划 撤 已 的 整 合 基 正 不. */
const FORMER_FIRST = new Set([
  0xff08, 0x28, 0x66f4, 0x6539, 0x8c03, 0x5e76, 0x5212, 0x64a4, 0x5df2, 0x7684, 0x6574, 0x5408, 0x57fa, 0x6b63, 0x4e0d,
]);
/** The first character of every MERGED_AFTER match but white space: 整 合 等 的 正 已 不. */
const MERGED_FIRST = new Set([0x6574, 0x5408, 0x7b49, 0x7684, 0x6b63, 0x5df2, 0x4e0d]);
/** The last character of every FORMER_BEFORE match: 原 的 销 留 为 是 并 前 由 代. */
const FORMER_LAST = new Set([0x539f, 0x7684, 0x9500, 0x7559, 0x4e3a, 0x662f, 0x5e76, 0x524d, 0x7531, 0x4ee3]);
// 原 ends place names too (太原, 平原, 阳原, 五原, 镇原, 固原): after one of those characters it is no “former” mark.
const FORMER_BEFORE =
  /(?:^|[^平阳武太五镇固])原(?:来的)?$|撤销$|不再保留$|[取替]代$|前身[为是]$|撤并$|(?:改革|调整)以?前(?:由|的)?$/;
// (组建 alone is no mark: 县公安局组建专案组. Merged: 整合组建, 合并为, …; duties moved: 的职责划入/整合/划归/划转.)
const MERGED =
  '(?:整合|合并)(?:组建|为|成立)|的(?:相关)?职责(?:进行)?(?:划入|整合|划归|划转)|(?:正式|已)?合并(?=[。，；！]|$)|不再(?:保留|单设|单独设立)';
const FORMER_AFTER = new RegExp(
  `^(?:\\s*[（(]\\s*现|已?更名|已?改名|改称|调整(?:设置)?为|改为|已?并入|已?划入|已?撤销|的?基础上(?:重新)?(?:组建|成立|设立)|${MERGED})`,
);
const DUTIES_WITH = /^的(?:相关)?职责[与和及、][^。，；]{1,24}?的(?:相关)?职责(?:进行)?(?:整合|划入|划转|合并)/;
/** After the last name of a list: its bodies merged or their duties moved (等 may close the list). */
const MERGED_AFTER = new RegExp(`^\\s*(?:等(?:部门|单位|机构)?)?(?:${MERGED})`);

/**
 * Whether line[start, end) lies inside a 《…》 title and 关于 follows it in that title: the issuing body of a cited
 * document (《福建省公安厅福建省人口计生委关于建立…的通知》), whose title is quoted as issued, never renamed.
 */
export function issuerInTitle(line: string, start: number, end: number): boolean {
  const open = line.lastIndexOf('《', start);
  if (open < 0 || line.lastIndexOf('》', start) > open) return false;
  const close = line.indexOf('》', end);
  if (close < 0) return false;
  const next = line.indexOf('《', end);
  if (next >= 0 && next < close) return false;
  const about = Math.max(line.lastIndexOf('关于', close), line.lastIndexOf('關於', close));
  return about >= end;
}

/** The facts of an outdated-agency message: the reform's year from its name (2018年党和国家机构改革), else from `since`. */
function outdatedFacts(
  name: string,
  replacement: string[],
  since: string | undefined,
  reform: string,
  variesByPlace = false,
) {
  const facts: { name: string; replacement: string[]; since?: string; reformYear?: string; variesByPlace?: boolean } = {
    name,
    replacement,
  };
  if (variesByPlace) facts.variesByPlace = true;
  if (since) facts.since = since;
  // (^\d{4}年 and ^\d{4}, compared without a RegExp.)
  const year =
    fourDigits(reform) && reform.charCodeAt(4) === 0x5e74 /* 年 */
      ? reform.slice(0, 4)
      : since && fourDigits(since)
        ? since.slice(0, 4)
        : undefined;
  if (year) facts.reformYear = year;
  return facts;
}

/** Whether a text starts with four ASCII digits. */
function fourDigits(s: string): boolean {
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return false;
  }
  return true;
}

/**
 * Whether the plan named just before `end` is spoken of as past (《…（2013—2020年）》实施以来 / 实施期间 / 实施情况 …):
 * a look back at the old plan, not a citation of it — no superseded-citation.
 */
export function retrospective(line: string, end: number, folder?: PlanIndex['folder']): boolean {
  const after = line.slice(end, end + 12);
  // Read folded (實施以來 → 实施以来): the look back is the same in traditional characters.
  return RETROSPECTIVE.test(folder ? folder.fold(after) : after);
}
const RETROSPECTIVE =
  /^\s*(?:的)?(?:颁布|印发|出台|发布)?(?:实施|执行|施行|落实|贯彻)?(?:以来|期间|十年来|八年来|五年来|情况|中期评估|终期评估|收官|到期)/;

/**
 * The findings of one citation on the reference date, pushed to `out`. A reference inside a document title (c.inTitle)
 * draws none but a repair of a damaged title; an item implied by a range draws only unknown-citation; a path into a
 * plan whose text is not in the corpus is not checked (c.unchecked).
 */
function citationFindings(c: Citation, env: LineEnv, out: Finding[], line: string): void {
  if (c.badYears) {
    badYearsFinding(c, out);
    return;
  }
  if (c.inTitle && c.isCanonical) return;
  const p = planOnDate(env, c.plan);
  if (c.kind === 'path' && !c.node && !c.unchecked) {
    out.push({
      code: 'unknown-citation',
      facts: { path: c.path ?? '', plan: c.plan, planTitle: p.meta.shortTitle },
      severity: RULES['unknown-citation'].defaultSeverity,
      start: c.implied ? c.start : (c.pathSpan?.start ?? c.start),
      end: c.implied ? c.end : (c.pathSpan?.end ?? c.end),
      data: { plan: c.plan },
      fixes: [],
    });
  }
  const state = p.status.state;
  if (
    !c.inTitle &&
    !c.implied &&
    state === 'superseded' &&
    (c.kind !== 'path' || c.node || c.unchecked) &&
    // (Read only where it matters: most citations are of a plan in force.)
    !retrospective(line, c.end, env.engines.plans.folder)
  )
    out.push(supersededFinding(c, p, env.referenceDate));
  // Only a plan the text names (not the setting's default for a bare 《行动计划》) can be "not issued yet".
  if (!c.inTitle && !c.implied && state === 'not-issued' && c.planSource !== 'default') {
    // A plan that did not exist yet on the reference date: most likely a wrong reference date — inform only.
    const meta = p.meta;
    out.push({
      code: 'unknown-citation',
      facts: {
        path: c.path ?? '',
        plan: c.plan,
        planTitle: meta.shortTitle,
        notIssued: { issued: meta.issued, date: env.referenceDate },
      },
      severity: 'information',
      start: c.start,
      end: c.end,
      data: { plan: c.plan },
      fixes: [],
    });
  }
  if (!c.isCanonical) out.push(formatFinding(c, env.engines.plans.folder, line));
}

/** A plan's catalog entry and its status on the run's reference date: looked up once per run (LineEnv.planDates). */
interface PlanOnDate {
  meta: PlanCatalogEntry;
  status: PlanStatus;
  /** The plan in force on the date (null: none), when a superseded citation first asked. */
  inForce?: PlanId | null;
}

function planOnDate(env: LineEnv, plan: PlanId): PlanOnDate {
  let p = env.planDates.get(plan);
  if (!p) env.planDates.set(plan, (p = { meta: PLAN_CATALOG[plan], status: planStatusOn(plan, env.referenceDate) }));
  return p;
}

/** A title with years of no plan (2021—2023年): the fix is the right title, offered, never automatic. */
function badYearsFinding(c: Citation, out: Finding[]): void {
  const right = PLAN_CATALOG[c.plan].title;
  out.push({
    code: 'unknown-citation',
    facts: { path: '', plan: c.plan, planTitle: right, badYears: c.badYears },
    severity: RULES['unknown-citation'].defaultSeverity,
    start: c.start,
    end: c.end,
    data: { plan: c.plan },
    fixes: [
      {
        title: FIX_TITLES.change(right),
        edits: [{ start: c.start, end: c.end, newText: right }],
        unambiguous: false,
      },
    ],
  });
}

/** The superseded-citation of a citation of plan `p` (superseded on `date`). */
function supersededFinding(c: Citation, p: PlanOnDate, date: string): Finding {
  const { meta, status } = p;
  // (The plan in force on the date: looked up once per run and plan.)
  const inForce = p.inForce === undefined ? (p.inForce = planInForceOn(date) ?? null) : p.inForce;
  const next = PLAN_CATALOG[status.successor!];
  // The counterpart of a node in the plan in force (the crosswalk maps a plan to its direct successor).
  const successor = inForce && next.id === inForce ? (c.node?.successor?.citation ?? null) : null;
  const fixes: Fix[] = successor
    ? [
        {
          title: FIX_TITLES.cite(successor),
          edits: [{ start: c.start, end: c.end, newText: successor }],
          unambiguous: false,
        },
      ]
    : [];
  if (c.kind !== 'path' && inForce) {
    const current = PLAN_CATALOG[inForce];
    const replacement = c.kind === 'docnumber' ? current.docNumber : `《${current.title}》`;
    fixes.push({
      title: FIX_TITLES.cite(replacement),
      edits: [{ start: c.start, end: c.end, newText: replacement }],
      unambiguous: false,
    });
  }
  const facts: MessageFacts['superseded-citation'] = {
    title: meta.shortTitle,
    date,
    since: status.since!,
    successorTitle: next.shortTitle,
    successorDoc: next.docNumber,
    path: c.kind === 'path' && !!c.node,
    successor,
  };
  if (inForce && inForce !== next.id) facts.currentTitle = PLAN_CATALOG[inForce].shortTitle;
  return {
    code: 'superseded-citation',
    facts,
    severity: RULES['superseded-citation'].defaultSeverity,
    start: c.start,
    end: c.end,
    data: { successor },
    fixes,
  };
}

/**
 * Whether a path's standard form can replace the path as written without changing how the sentence reads: not a part
 * alone written out (《行动计划》第二部分的要求 → 《行动计划》二的要求 reads as a numeral in prose), and not a path the text goes
 * on writing in words the citation grammar does not take (第二部分（一）第1项, 第（一）项第2条, 第二部分“行动措施…”: the
 * fix would leave a path half in each form). The finding and the offered fix stay.
 */
function pathFixReads(c: Citation, line: string): boolean {
  if (c.path !== undefined && c.path.length === 1 && c.text.includes('部分')) return false;
  let i = c.end;
  while (i < line.length && maySpace(line.charCodeAt(i))) i++;
  return !PATH_GOES_ON.test(line.charAt(i));
}
/** The first character of a path's continuation the citation did not take: 第…, （…）, a number, a quoted title. */
const PATH_GOES_ON = /[第（(0-9０-９一二三四五六七八九十“"‘'「『]/;

/** citation-format: the writer's own title form, corrected (《行动计划 》 → 《行动计划》), not the full canonical title. */
function formatFinding(c: Citation, folder: PlanIndex['folder'], line: string): Finding {
  const replacement = c.replacement ?? c.canonical;
  return {
    code: 'citation-format',
    facts: { replacement },
    severity: RULES['citation-format'].defaultSeverity,
    start: c.start,
    end: c.end,
    data: { replacement },
    fixes: [
      {
        title: FIX_TITLES.canonical(replacement),
        edits: [{ start: c.start, end: c.end, newText: replacement }],
        // Offered, not automatic, when it would change the writer's characters (《行動計劃》 → simplified), or when the
        // new path would not read as the sentence goes on (pathFixReads).
        unambiguous: keepsIdeographs(c.text, replacement, folder) && (c.kind !== 'path' || pathFixReads(c, line)),
      },
    ],
  };
}

/**
 * Apply fixes to a text. With `onlyUnambiguous` (fix-all, `--fix`) only fixes marked unambiguous are taken, one per
 * finding; overlapping edits are skipped. Returns the new text and the findings whose fix was applied.
 */
export function applyFixes(
  text: string,
  findings: Finding[],
  onlyUnambiguous = true,
): { text: string; applied: Array<{ finding: Finding; fix: Fix }> } {
  const chosen: Array<{ finding: Finding; fix: Fix }> = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.unambiguous || !onlyUnambiguous);
    if (fix && fix.edits.length) chosen.push({ finding: f, fix });
  }
  // A fix is applied whole or not at all: one whose edits overlap an edit already taken is skipped (a later pass, or
  // the user, takes it up on the new text), so a fix never lands half-way.
  chosen.sort((a, b) => firstStart(a.fix) - firstStart(b.fix));
  const taken: OffsetEdit[] = [];
  const applied: Array<{ finding: Finding; fix: Fix }> = [];
  for (const c of chosen) {
    const edits = c.fix.edits.filter((e) => text.slice(e.start, e.end) !== e.newText);
    if (!edits.length) continue;
    if (
      edits.some((e) =>
        taken.some(
          (t) =>
            (e.start < t.end && t.start < e.end) ||
            (e.start === e.end && e.start === t.start) ||
            (t.start === t.end && t.start === e.start),
        ),
      )
    )
      continue;
    taken.push(...edits);
    applied.push(c);
  }
  taken.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of taken) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, applied };
}

function firstStart(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.start));
}
