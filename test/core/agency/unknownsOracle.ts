// The unknown-agency scan as it was before the fast paths of issue 15 (main a983bd1), kept verbatim as the oracle of
// test/core/agency/unknowns.oracle.test.ts: the fast paths must give exactly its result.
// Unknown agencies: items of responsibility clauses （…负责，…配合） and of agency enumerations (、-separated lists
// that are mostly agencies) that no recognised name covers. Near misses of a known name are warnings with
// suggestions; well-formed but unknown bodies are information.
import type { AgencyMention, UnknownAgency } from '../../../server/src/core/agency/api';
import type { UnknownsHost } from '../../../server/src/core/agency/host';
import { levenshtein } from '../../../server/src/core/agency/levenshtein';
import { innerUnit, sameKind } from '../../../server/src/core/agency/unknowns';
import { widening } from '../../../server/src/core/agency/variants';

interface Item {
  start: number;
  end: number;
  /** Report only a near miss of a known name here (no "not in the registry" information). */
  nearOnly?: boolean;
}

/** Character classes (bits of CHAR_CLASS below, built from the class's characters). */
const AGENCY_END_CHARS = 1;
const FILLER_CHARS = 2;
const CLAUSE_SEPS = 4;
const LIST_SEPS = 8;
/** Whether code unit `c` is in class `cls` (false for NaN, past the end of a string). */
const isIn = (c: number, cls: number): boolean => (CHAR_CLASS[c] & cls) !== 0;

/** Role verbs an item may end with (/(负责|牵头|配合|参与|组成|协助|共同)+$/, all two characters long). */
const ROLE_WORDS = new Set(['负责', '牵头', '配合', '参与', '组成', '协助', '共同']);

/**
 * Length of the run of ROLE_WORDS that ends `t` (0 when none), without a regexp scan from every position: the words are
 * all two characters long, so the leftmost start of a run of them that reaches the end is found by taking words off
 * the end.
 */
function roleEndLength(t: string): number {
  let n = t.length;
  while (n >= 2 && ROLE_WORDS.has(t.slice(n - 2, n))) n -= 2;
  return t.length - n;
}
/** Words before a name in prose (由省发展改革委牵头，会同省应急管理厅…): never part of the name. */
// Single characters only where no agency name starts with them (经信局, 交通局, 同级 … stay whole).
const LEAD_IN =
  /^([一二三四五六七八九十]是|(?:成员|责任|牵头|配合|参与)(?:单位)?(?:有|包括|为|是)|包括|以及|和|及|与|由|会同|联合|指导|督促|协调|组织|依托|报送|报请|抄报|提请|商请|会商|协助|配合|请|并|向|交由|抄送|移交|通报|告知|责成|授权|委托|支持|推动|要求|牵头)/;
/**
 * Words after a name in prose (县公按局要密切配合, 省发展改革委牵头, 县民政局等部门): the item ends at the last
 * agency-shaped end before them.
 */
const PROSE_AFTER =
  /^(要|应|须|必须|将|会同|联合|指导|督促|协调|组织|依托|负责|牵头|配合|参与|协助|共同|密切|切实|积极|认真|及时|做好|加强|按照|依法|根据|结合|对|在|把|为|于|已|的|等)/;
/** PROSE_AFTER at a given offset (sticky: `lastIndex` is set), without slicing the text. */
const PROSE_AFTER_AT = new RegExp(PROSE_AFTER.source.slice(1), 'y');
/** Labels that open a list of responsible units: 责任单位：…, 牵头单位：…；配合单位：…, 成员单位包括… */
const LIST_LABEL =
  /(责任单位|牵头单位|配合单位|协办单位|参与单位|参加单位|主办单位|成员单位|责任部门|牵头部门|配合部门)(?:[:：]|包括|为|由)/g;
const TAIL = /等(部门|单位|机构|组织|国际组织|成员单位|有关|相关|部委|方面|共同|[负牵配参组])/;
/** What an agency name ends with. */
const AGENCY_END = /(部|委|办|局|厅|院|会|联|署|中心|公司|段|站|所|队|处|室|组|社|台|行|馆|委员会|办公室|政府)$/;
/** Prose that no agency name contains: 办公室设在县公安局…, …负责同志担任. */
const PROSE_INSIDE = /(设在|设于|担任|同志|下设|挂靠|[:：])/;
/** Items that refer to many bodies or to bodies below county level, not to one agency: 各县（市、区）人民政府, 乡镇 … */
const COLLECTIVE = /^(各|有关|相关|其他|其它|全体|所在地|当地|上级|下级)|乡镇|街道|村|社区|居委会|学校|医院|企业|单位$/;
/**
 * A kind of body named without its zone (开发区管委, 高新区管委会, 管委会): the committees of every zone, as in
 * 各区市政府、开发区管委, not one agency. With the zone's own name (长治高新区管委会) it is one body, still reported.
 */
const ZONE_KIND =
  /^(?:(?:经济技术|高新技术产业|经济|高新|工业|产业)?(?:开发区|园区)|高新区|经开区|新区|保税区|自贸区|综保区)?(?:管委会?|管理委员会)$/;
/**
 * A joint meeting and its office (联席会议办公室, 县反拐联席会议办公室, 联席办): a coordination mechanism of member units,
 * which the document sets up itself, not an agency the registry could list.
 */
const MECHANISM = /联席会议(办公室)?$|联席办$/;
const SPACE = /\s/;
/**
 * The character classes by UTF-16 code unit, one bit per class (a table lookup, not a set lookup: the walks below test
 * every character of a line). All the characters are in the BMP.
 */
const CHAR_CLASS = classTable([
  // Characters an agency name ends with (the last characters of AGENCY_END).
  ['部委办局厅院会联署心司段站所队处室组社台行馆府', AGENCY_END_CHARS],
  // Characters allowed between the mentions of a known item (/^[\s（）()“”"'‘’]*$/): these and \s.
  ['（）()“”"\'‘’', FILLER_CHARS],
  // Item separators in a responsibility clause, and in a list.
  ['、，；', CLAUSE_SEPS],
  ['、，\t', LIST_SEPS],
]);
function classTable(classes: Array<[string, number]>): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const [chars, bit] of classes) for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] |= bit;
  return table;
}

/** Whether f[from, to) is only filler, without slicing. */
function isFiller(f: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (!isIn(c, FILLER_CHARS) && !SPACE.test(f[i])) return false;
  }
  return true;
}

/** Splits [start,end) of text at list separators outside brackets. */
function splitItems(f: string, start: number, end: number, seps: number): Item[] {
  const items: Item[] = [];
  let depth = 0;
  let s = start;
  for (let i = start; i < end; i++) {
    const c = f.charCodeAt(i);
    if (c === 0xff08 /* （ */) depth++;
    else if (c === 0xff09 /* ） */) {
      // A closing bracket opened before the range ends it.
      if (depth === 0) {
        items.push({ start: s, end: i });
        return items;
      }
      depth--;
    } else if (depth === 0 && isIn(c, seps)) {
      items.push({ start: s, end: i });
      s = i + 1;
    }
  }
  items.push({ start: s, end });
  return items;
}

/** Trims lead-in words, trailing 等部门… and role verbs and whitespace from an item (never inside a mention). */
function trimItem(f: string, it: Item, cov: Coverage): Item {
  let { start, end } = it;
  let t = f.slice(start, end);
  const tail = TAIL.exec(t);
  if (tail) {
    end = start + tail.index;
    t = t.slice(0, tail.index);
  }
  const role = roleEndLength(t);
  if (role) {
    end -= role;
    t = t.slice(0, t.length - role);
  }
  const you = t.lastIndexOf('由');
  if (you >= 0 && you < t.length - 1 && !cov.inside(start + you)) {
    start += you + 1;
    t = t.slice(you + 1);
  }
  for (let lead = LEAD_IN.exec(t); lead && !cov.inside(start) && lead[0].length < t.length; lead = LEAD_IN.exec(t)) {
    // 和平区某某局: a 和 that starts a listed place is no lead-in word.
    if (lead[0] === '和' && cov.kb.placeFrom(f, start)) break;
    start += lead[0].length;
    t = t.slice(lead[0].length);
  }
  // Cut prose after the name: the first agency-shaped end (not inside a mention) followed by a prose word.
  for (let k = 2; k < t.length; k++) {
    if (!isIn(t.charCodeAt(k - 1), AGENCY_END_CHARS)) continue;
    PROSE_AFTER_AT.lastIndex = k;
    if (!PROSE_AFTER_AT.test(t) || cov.inside(start + k)) continue;
    end = start + k;
    t = t.slice(0, k);
    break;
  }
  // Added in session 6 with the product's beforeJoinedKnown: 市密码管理局和市发展改革委 → 市密码管理局.
  const join = /(以及|[和及与或])/g;
  for (let m = join.exec(t); m; m = join.exec(t)) {
    const j = start + m.index;
    if (m.index < 2 || j + m[0].length >= end || !isIn(f.charCodeAt(j - 1), AGENCY_END_CHARS) || cov.inside(j))
      continue;
    if (cov.covers(f, { start: j + m[0].length, end })) {
      end = j;
      break;
    }
  }
  while (start < end && /\s/.test(f[start])) start++;
  while (end > start && /\s/.test(f[end - 1])) end--;
  return { start, end };
}

class Coverage {
  constructor(
    private readonly mentions: AgencyMention[],
    readonly kb: UnknownsHost,
  ) {}

  /** Index of the first mention that ends after `pos`. */
  private firstEndingAfter(pos: number): number {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid].end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether offset `pos` lies inside a mention (和平区公安局: its 和 is no lead-in word). */
  inside(pos: number): boolean {
    const m = this.mentions[this.firstEndingAfter(pos)];
    return !!m && m.start <= pos;
  }

  /** Whether at least `n` mentions lie inside [start,end). */
  atLeast(n: number, start: number, end: number): boolean {
    let count = 0;
    for (let k = this.firstEndingAfter(start); k < this.mentions.length && count < n; k++) {
      const m = this.mentions[k];
      if (m.start >= end) break;
      if (m.start >= start) count++;
    }
    return count >= n;
  }

  /** Whether the mentions cover every non-filler character of [start,end). */
  covers(f: string, it: Item): boolean {
    if (it.end <= it.start) return false;
    let pos = it.start;
    let any = false;
    // Mentions are sorted and do not overlap.
    for (let k = this.firstEndingAfter(it.start); k < this.mentions.length; k++) {
      const m = this.mentions[k];
      if (m.start >= it.end) break;
      if (m.start < it.start || m.end > it.end) return false;
      if (!isFiller(f, pos, m.start) && !(any && /^\s*(和|及|与|以及|或)\s*$/.test(f.slice(pos, m.start))))
        return false;
      pos = m.end;
      any = true;
    }
    return any && isFiller(f, pos, it.end);
  }
}

/**
 * Offset of the matching （ → ）, for every （ whose bracket closes before the end of its sentence (。 or a line
 * break); one pass with a stack.
 */
function matchingParens(f: string): Map<number, number> {
  const out = new Map<number, number>();
  const open: number[] = [];
  for (let j = f.indexOf('（'); j >= 0 && j < f.length; j++) {
    const c = f.charCodeAt(j);
    if (c === 0xff08 /* （ */) open.push(j);
    else if (c === 0xff09 /* ） */) {
      const i = open.pop();
      if (i !== undefined) out.set(i, j);
    } else if (c === 10 || c === 0x3002 /* 。 */) open.length = 0;
  }
  return out;
}

/** 。；！？ and line breaks end a labelled list. */
function isListEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f || c === 10 || c === 13 || c === 0x3b;
}

/** 。；！？\n： end the sentences the enumeration pass looks at. */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f || c === 10 || c === 0xff1a;
}

/** The mentions in order of start (a scan's are already: then no copy). */
function sortedByStart(mentions: AgencyMention[]): AgencyMention[] {
  for (let i = 1; i < mentions.length; i++)
    if (mentions[i].start < mentions[i - 1].start) return [...mentions].sort((a, b) => a.start - b.start);
  return mentions;
}

export function findUnknownsOracle(
  kb: UnknownsHost,
  text: string,
  mentions: AgencyMention[],
  date: string,
): UnknownAgency[] {
  const f = kb.folder.fold(text);
  const cov = new Coverage(sortedByStart(mentions), kb);
  const candidates: Item[] = [];
  const clauseRanges: Item[] = [];

  // 1. Responsibility clauses: （…负责，…配合） / （…牵头，…参与）
  const closing = matchingParens(f);
  for (let i = f.indexOf('（'); i >= 0 && i < f.length; i = f.indexOf('（', i + 1)) {
    const j = closing.get(i);
    if (j === undefined || j - i >= 600) continue;
    const body = f.slice(i + 1, j);
    // （…负责，…配合）, and also clauses with one role only: （县公按局、县名政局配合）, （县公安局负责）.
    if (!/(负责|牵头|配合|参与|协助)$/.test(body)) continue;
    // Without 负责/牵头 and without a known name, only near misses of known names are reported.
    const nearOnly = !/(负责|牵头)/.test(body) && !cov.atLeast(1, i, j);
    clauseRanges.push({ start: i, end: j + 1 });
    for (const it of splitItems(f, i + 1, j, CLAUSE_SEPS)) {
      const t = trimItem(f, it, cov);
      if (t.end > t.start && !cov.covers(f, t)) candidates.push(nearOnly ? { ...t, nearOnly } : t);
    }
    i = j;
  }

  // 1b. Labelled lists: 责任单位：县卫生局、县公按局、县名政局 / 牵头单位：…；配合单位：… / 成员单位包括…
  LIST_LABEL.lastIndex = 0;
  for (let m = LIST_LABEL.exec(f); m; m = LIST_LABEL.exec(f)) {
    const from = m.index + m[0].length;
    let to = from;
    while (to < f.length && to - from < 600 && !isListEnd(f.charCodeAt(to))) to++;
    // The list ends at 等部门/等单位 … (成员单位由…等部门组成，县公安局为牵头单位，…).
    const tail = TAIL.exec(f.slice(from, to));
    if (tail) to = from + tail.index + 1;
    if (to === from) continue;
    clauseRanges.push({ start: from, end: to });
    for (const it of splitItems(f, from, to, LIST_SEPS)) {
      const t = trimItem(f, it, cov);
      if (t.end > t.start && !cov.covers(f, t)) candidates.push(t);
    }
    LIST_LABEL.lastIndex = to;
  }
  clauseRanges.sort((a, b) => a.start - b.start);

  // 2. Enumerations: sentences whose 、/，-separated items are mostly agencies.
  // Clause ranges are sorted and disjoint: the one that could overlap an item is found by binary search.
  const inClause = (it: Item) => {
    let lo = 0;
    let hi = clauseRanges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (clauseRanges[mid].end <= it.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < clauseRanges.length && clauseRanges[lo].start < it.end;
  };
  let s = 0;
  for (let i = 0; i <= f.length; i++) {
    if (i < f.length && !isSentenceEnd(f.charCodeAt(i))) continue;
    // An enumeration needs at least two known items: sentences with fewer mentions are skipped at once.
    if (i > s && cov.atLeast(2, s, i)) {
      const items = splitItems(f, s, i, LIST_SEPS).map((it) => ({ raw: it, t: trimItem(f, it, cov) }));
      const known = items.map((x) => x.t.end > x.t.start && cov.covers(f, x.t));
      const first = known.indexOf(true);
      const last = known.lastIndexOf(true);
      if (first >= 0) {
        let lo = first;
        let hi = last;
        const shaped = (k: number) => {
          const x = items[k]?.t;
          return !!x && x.end - x.start >= 2 && x.end - x.start <= 30 && AGENCY_END.test(f.slice(x.start, x.end));
        };
        // Mostly agencies between the first and the last known item; then the agency-shaped items around it.
        const nKnown = known.slice(lo, hi + 1).filter(Boolean).length;
        const core = hi - lo + 1;
        while (lo > 0 && shaped(lo - 1)) lo--;
        while (hi < items.length - 1 && shaped(hi + 1)) hi++;
        if (nKnown >= 2 && hi - lo + 1 >= 3 && nKnown / core >= 0.6) {
          for (let k = lo; k <= hi; k++) if (!known[k] && !inClause(items[k].t)) candidates.push(items[k].t);
        }
      }
    }
    s = i + 1;
  }

  // 3. Classify.
  const out: UnknownAgency[] = [];
  const seen = new Set<string>();
  for (const c of candidates.sort((a, b) => a.start - b.start)) {
    const key = `${c.start}:${c.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const written = text.slice(c.start, c.end);
    const len = written.length;
    if (
      len < 2 ||
      len > 30 ||
      !/[\u4e00-\u9fff]/.test(written) ||
      COLLECTIVE.test(kb.folder.fold(written)) ||
      ZONE_KIND.test(kb.folder.fold(written)) ||
      MECHANISM.test(kb.folder.fold(written)) ||
      PROSE_INSIDE.test(kb.folder.fold(written)) ||
      // 行为/行动/行业…, 局面/局势: the last character starts a word of prose with the next (not a bank's 行).
      /^(?:[^银分支总]行[为动业政使驶程]|.局[面势])$/.test(kb.folder.fold(text.slice(c.end - 2, c.end + 1)))
    )
      continue;
    // Spaces inside are no part of a name: a current known name so written is a near miss of itself; an unlisted one
    // is judged without them.
    const gaps = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+/g;
    const name = written.replace(gaps, '');
    if (name !== written) {
      const known = kb.lookup(name, date);
      if (known) {
        if (known.status.current && !known.status.notYet) {
          const spacedBy = /[\u200b-\u200d\u2060\ufeff]/.test(written) ? 'invisible' : 'space';
          out.push({ start: c.start, end: c.end, text: written, nearMiss: true, suggestions: [name], spacedBy });
        }
        continue;
      }
    }
    const suggestions = kb.suggest(kb.folder.fold(name), 5, date);
    const limit = Math.max(1, Math.floor(name.length * 0.3));
    // The kind and inner-unit rules are the product's own (classification, not a fast path).
    const close = suggestions.filter(
      (x) =>
        kb.folder.fold(x) !== kb.folder.fold(name) &&
        levenshtein(kb.folder.fold(name), kb.folder.fold(x)) <= limit &&
        sameKind(kb.folder.fold(name), kb.folder.fold(x)),
    );
    // So is the local-variant rule (县文体广电和旅游局: information, not a near miss).
    if (
      close.length &&
      !close.some((x) => kb.localVariant(kb.folder.fold(name), kb.folder.fold(x))) &&
      !widening(
        kb.folder.fold(name),
        close.map((x) => kb.folder.fold(x)),
      )
    ) {
      out.push({ start: c.start, end: c.end, text: written, nearMiss: true, suggestions: close });
      continue;
    }
    if (!c.nearOnly && AGENCY_END.test(kb.folder.fold(name)) && !innerUnit(mentions, text, c.start, c.end))
      out.push({ start: c.start, end: c.end, text: written, nearMiss: false, suggestions: [] });
  }
  return out;
}
