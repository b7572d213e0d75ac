// Unknown agencies: items of responsibility clauses （…负责，…配合） and of agency enumerations (、-separated lists
// that are mostly agencies) that no recognised name covers. Near misses of a known name are warnings with
// suggestions; well-formed but unknown bodies, and local variants of a known body's name (variants.ts), are information.
import type { AgencyMention, UnknownAgency } from './api';
import type { UnknownsHost } from './host';
import { levenshtein } from './levenshtein';
import { AGENCY_NAME_END_CHARS } from './nameEnds';
import { widening } from './variants';

interface Item {
  start: number;
  end: number;
  /** Report only a near miss of a known name here (no "not in the registry" information). */
  nearOnly?: boolean;
}

/** Character classes (bits of CHAR_CLASS below, built from the class's characters). */
const AGENCY_END_CHARS = 1;
const FILLER_CHARS = 2;
/** What /\s/ matches (ECMAScript WhiteSpace and LineTerminator). */
const SPACE_CHARS = 4;
/** Last characters of the role verbs (ROLE_LIST, CLAUSE_END): where none is, no role verb ends (no wordAt call). */
const ROLE_LAST = 8;
/** Whether code unit `c` is in class `cls` (false for NaN, past the end of a string). */
const isIn = (c: number, cls: number): boolean => (CHAR_CLASS[c] & cls) !== 0;

/** Role verbs an item may end with (/(负责|牵头|配合|参与|组成|协助|共同)+$/, all two characters long). */
const ROLE_LIST = ['负责', '牵头', '配合', '参与', '组成', '协助', '共同'];
/** Role verbs that close a responsibility clause （…负责，…配合）: /(负责|牵头|配合|参与|协助)$/ of its body. */
const CLAUSE_END = ['负责', '牵头', '配合', '参与', '协助'];

/** Whether one of the two-character `words` (ROLE_LIST, CLAUSE_END) is at f[i, i+2), without a slice. */
function wordAt(f: string, i: number, words: readonly string[]): boolean {
  const b = f.charCodeAt(i + 1);
  // Most ends are no role verb's last character: one table lookup.
  if ((CHAR_CLASS[b] & ROLE_LAST) === 0) return false;
  const a = f.charCodeAt(i);
  for (let k = 0; k < words.length; k++) if (words[k].charCodeAt(0) === a && words[k].charCodeAt(1) === b) return true;
  return false;
}

/** Words before a name in prose (由省发展改革委牵头，会同省应急管理厅…): never part of the name. */
// Single characters only where no agency name starts with them (经信局, 交通局, 同级 … stay whole). Enumerators
// (二是最高人民法院、…), list labels run into the first item (成员单位有民政局、…) and the number of a paragraph or item
// ((五)县发改局、…, 五、…, 5．…, ⑤…: no agency name starts with one) are prose too.
// 根据/按照/依据 open the object of a reform sentence: 根据县卫生局的职责整合… (对 before a known name: proseMark).
const LEAD_IN =
  /^([一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,3}[、.．]|[①-⑳]|(?:成员|责任|牵头|配合|参与)(?:单位)?(?:有|包括|为|是)|包括|以及|和|及|与|由|会同|联合|指导|督促|协调|组织|依托|报送|报请|抄报|提请|商请|会商|协助|配合|请|并|向|交由|抄送|移交|通报|告知|责成|授权|委托|支持|推动|要求|牵头|组建|成立|撤销|撤并|不再保留|整合|合并|根据|按照|依据)/;
/** LEAD_IN at a given offset (sticky: `lastIndex` is set), without slicing the text. */
const LEAD_IN_AT = new RegExp(LEAD_IN.source.slice(1), 'y');
/** The end of the prose word (LEAD_IN) at `at` in `f`, or -1: 会同 in 要会同县卫健局 (the matcher reads no place into it). */
export function leadInEndAt(f: string, at: number): number {
  LEAD_IN_AT.lastIndex = at;
  return LEAD_IN_AT.test(f) ? LEAD_IN_AT.lastIndex : -1;
}
/**
 * Words after a name in prose (县公按局要密切配合, 省发展改革委牵头, 县民政局等部门): the item ends at the last
 * agency-shaped end before them.
 */
const PROSE_AFTER =
  /^(要|应|须|必须|将|会同|联合|指导|督促|协调|组织|依托|负责|牵头|配合|参与|协助|共同|密切|切实|积极|认真|及时|做好|加强|按照|依法|根据|结合|整合|合并|组建|更名|改名|划入|并入|对|在|把|为|于|已|的|等)/;
/** PROSE_AFTER at a given offset (sticky: `lastIndex` is set), without slicing the text. */
const PROSE_AFTER_AT = new RegExp(PROSE_AFTER.source.slice(1), 'y');
/** Labels that open a list of responsible units: 责任单位：…, 牵头单位：…；配合单位：…, 成员单位包括… */
const LIST_LABEL =
  /(责任单位|牵头单位|配合单位|协办单位|参与单位|参加单位|主办单位|成员单位|责任部门|牵头部门|配合部门)(?:[:：]|包括|为|由)/g;
const TAIL = /等(部门|单位|机构|组织|国际组织|成员单位|有关|相关|部委|方面|共同|[负牵配参组])/;
/** What follows 等 in TAIL, at a given offset (sticky: `lastIndex` is set). */
const TAIL_AT = new RegExp(TAIL.source.slice(1), 'y');
/** What an agency name ends with. */
const AGENCY_END = /(部|委|办|局|厅|院|会|联|署|中心|公司|段|站|所|队|处|室|组|社|台|行|馆|委员会|办公室|政府)$/;
/** Words ending like a name that are none: 部署 (国务院有关决策部署 ends with 署 like 海关总署, but is a noun of prose). */
const NOT_AGENCY_END = /部署$/;
/**
 * Whether the item's last character starts a word of prose with the character after it (the item's two last and the
 * next, folded): 行为/行动/行业/行政/行使/行驶 (…打击防控采血鉴定胎儿性别行|为的措施), 局面/局势 — no name ends there. A bank (银行,
 * 分行, 支行, 总行) keeps its 行: 县某银行为牵头单位.
 */
function wordGoesOn(three: string): boolean {
  return three.length === 3 && WORD_GOES_ON.test(three);
}
const WORD_GOES_ON = /^(?:[^银分支总]行[为动业政使驶程]|.局[面势])$/;
/** Prose that no agency name contains: 办公室设在县公安局…, …负责同志担任, a label (牵头单位：县公安局  配合单位：…). */
const PROSE_INSIDE = /(设在|设于|担任|同志|下设|挂靠|[:：])/;
/** Last characters of bodies of another kind than an office (电视台, 派出所, 大队 …): 县广播电视台 is no misspelt 县广播电视局. */
const OTHER_KIND_END = '台站所院馆社队心';
/** Whether `suggestion` names a body of the same kind as `written` (folded): their last characters agree, or `written`'s is no other kind's. */
export function sameKind(written: string, suggestion: string): boolean {
  const a = written.charAt(written.length - 1);
  return a === suggestion.charAt(suggestion.length - 1) || !OTHER_KIND_END.includes(a);
}
/**
 * A unit inside a recognised body: 县公安局 + 刑侦大队 / 城关派出所, 县司法局 + 城关司法所, + 办公室, 市公安局 + 朝阳分局 /
 * 开发区分局 (a branch office named after the body).
 */
const INNER_UNIT = /^[\u4e00-\u9fff]{1,8}(大队|支队|中队|所|科|股|室|处|中心|分局)$/;
/**
 * A department of a body that has departments of its own (a name ending 部 or 部队: 解放军总后勤部 + 卫生部, 武警部队 +
 * 后勤部卫生部): one or two words of at most three ideographs and 部, as the matcher reads a unit (matcher.ts unitOfOwner).
 */
const DEPARTMENT_OWNER = /部[队隊]?$/;
const DEPARTMENT_UNIT = /^(?:(?![等和与及或各有的为在对向由])[\u4e00-\u9fff]{1,3}部(?![门署分长位委属])){1,2}$/;
/** The same word right after a name (a function word — 等部门, 统一部署, 副部长 — is prose, not a department). */
const DEPARTMENT_AFTER = /^(?![等和与及或各有的为在对向由])[\u4e00-\u9fff]{1,3}部(?![门署分长位委属])/;
/** Whether `text[start, end)` is a recognised name (a mention starting at `start`) followed by a unit of that body. */
export function innerUnit(mentions: readonly AgencyMention[], text: string, start: number, end: number): boolean {
  for (const m of mentions)
    if (m.start === start && m.end < end) {
      const rest = text.slice(m.end, end);
      return INNER_UNIT.test(rest) || (DEPARTMENT_OWNER.test(m.text) && DEPARTMENT_UNIT.test(rest));
    }
  return false;
}
/**
 * Whether the name `name` ending at `end` of `text` is followed by a department of its own (解放军总后勤部卫生部): the
 * successor's departments have other names (军委后勤保障部卫生局), so a replacement of the owner's name is not proven.
 */
export function departmentFollows(name: string, text: string, end: number): boolean {
  if (!DEPARTMENT_OWNER.test(name)) return false;
  return DEPARTMENT_AFTER.test(text.slice(end, end + 5));
}
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
/**
 * The character classes by UTF-16 code unit, one bit per class (a table lookup, not a set lookup: the walks below test
 * every character of a line). All the characters are in the BMP.
 */
const CHAR_CLASS = classTable([
  // Characters an agency name ends with (the last characters of AGENCY_END).
  [AGENCY_NAME_END_CHARS, AGENCY_END_CHARS],
  // Characters allowed between the mentions of a known item (/^[\s（）()“”"'‘’]*$/): these and \s.
  ['（）()“”"\'‘’', FILLER_CHARS],
  // The last characters of the role verbs.
  [ROLE_LIST.map((w) => w.charAt(1)).join('') + CLAUSE_END.map((w) => w.charAt(1)).join(''), ROLE_LAST],
  [
    '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff',
    SPACE_CHARS,
  ],
]);

/** Whether code unit `c` is whitespace, as /\s/ tests it (a table lookup). */
export function isSpaceCode(c: number): boolean {
  return isIn(c, SPACE_CHARS);
}
function classTable(classes: Array<[string, number]>): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const [chars, bit] of classes) for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] |= bit;
  return table;
}

/** Whether f[from, to) is only filler, without slicing. */
function isFiller(f: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = f.charCodeAt(i);
    if (!isIn(c, FILLER_CHARS | SPACE_CHARS)) return false;
  }
  return true;
}

/** Whether f[from, to) is a conjunction between two names (县残联和县妇联, 民政部及公安部), spaces aside. */
function isJoin(f: string, from: number, to: number): boolean {
  while (from < to && isIn(f.charCodeAt(from), SPACE_CHARS)) from++;
  while (to > from && isIn(f.charCodeAt(to - 1), SPACE_CHARS)) to--;
  return JOINS.includes(f.slice(from, to));
}
const JOINS = ['和', '及', '与', '以及', '或'];

/** Brackets and the item separators of a responsibility clause, and of a list. */
const CLAUSE_MARKS = /[（）、，；]/g;
// A tab separates items too: the cells of a table copied as text (县公安局<TAB>县民政局).
const LIST_MARKS = /[（）、，\t]/g;

/**
 * Splits [start,end) of text at the separators of `marks` (CLAUSE_MARKS, LIST_MARKS) outside brackets: the items'
 * starts and ends, flat (start, end, start, end …), written to `items` from index 0 (a line's scans reuse one array;
 * entries past the count returned are left over from before). Returns the count of entries written (twice the items).
 * A closing bracket whose opening one lies before `start` ends the range.
 */
function splitItems(f: string, start: number, end: number, marks: RegExp, items: number[]): number {
  let n = 0;
  let depth = 0;
  let s = start;
  // From mark to mark (a regexp scan, not a walk over every character).
  for (marks.lastIndex = start; marks.test(f);) {
    const i = marks.lastIndex - 1;
    if (i >= end) break;
    const c = f.charCodeAt(i);
    if (c === 0xff08 /* （ */) depth++;
    else if (c === 0xff09 /* ） */) {
      // A closing bracket opened before the range ends it: （牵头单位：县财政局） — the item is 县财政局, not 县财政局）.
      if (depth === 0) {
        end = i;
        break;
      }
      depth--;
    } else if (depth === 0) {
      items[n] = s;
      items[n + 1] = i;
      n += 2;
      s = i + 1;
    }
  }
  items[n] = s;
  items[n + 1] = end;
  return n + 2;
}

/**
 * Trims lead-in words, trailing 等部门… and role verbs and whitespace from an item (never inside a mention). Reads the
 * line in place: sticky regexps at offsets of `f`, a slice of the item only where a word runs past its end.
 */
function trimItem(f: string, it: Item, cov: Coverage): Item {
  let { start, end } = it;
  // The first list tail (等部门 …) in the item (from 等 to 等: indexOf, not a walk over every character).
  for (let i = f.indexOf('等', start); i >= 0 && i < end; i = f.indexOf('等', i + 1)) {
    TAIL_AT.lastIndex = i + 1;
    if (!TAIL_AT.test(f)) continue;
    // The tail word runs past the item: a shorter one may end inside it.
    if (TAIL_AT.lastIndex > end && !tailWithin(f, i, end)) continue;
    end = i;
    break;
  }
  while (end - start >= 2 && wordAt(f, end - 2, ROLE_LIST)) end -= 2;
  // The last 由 of the item.
  const you = cov.firstYou >= 0 && cov.firstYou < end ? f.lastIndexOf('由', end - 1) : -1;
  if (you >= start && you < end - 1 && !cov.inside(you)) start = you + 1;
  for (;;) {
    // 将/把 before a name (将县扶贫办的职责整合…) is prose, unless a listed place starts there (将乐县).
    if (proseMark(f, start, end, cov)) {
      start++;
      continue;
    }
    LEAD_IN_AT.lastIndex = start;
    if (!LEAD_IN_AT.test(f)) break;
    const len = LEAD_IN_AT.lastIndex > end ? leadInWithin(f, start, end) : LEAD_IN_AT.lastIndex - start;
    if (len < 0 || cov.inside(start) || len >= end - start) break;
    // 和平区某某局, 和田地区某某局: the 和 starts a listed place (和县 is none: 县卫健局和县民政局 are two names).
    if (f.charCodeAt(start) === HE && cov.placeFrom(f, start)) break;
    start += len;
  }
  // Cut prose after the name: the first agency-shaped end (not inside a mention) followed by a prose word.
  for (let p = start + 2; p < end; p++) {
    if (!isIn(f.charCodeAt(p - 1), AGENCY_END_CHARS)) continue;
    PROSE_AFTER_AT.lastIndex = p;
    if (!PROSE_AFTER_AT.test(f)) continue;
    if (PROSE_AFTER_AT.lastIndex > end && !PROSE_AFTER.test(f.slice(p, end))) continue;
    if (cov.inside(p)) continue;
    end = p;
    break;
  }
  end = beforeJoinedKnown(f, start, end, cov);
  while (start < end && isIn(f.charCodeAt(start), SPACE_CHARS)) start++;
  while (end > start && isIn(f.charCodeAt(end - 1), SPACE_CHARS)) end--;
  return { start, end };
}

/**
 * The end of an item that joins a known name after another name (市密码管理局和市发展改革委, 县某某局及县民政局): the
 * 和/及/与/以及/或 after an agency-shaped end, outside a mention, when mentions cover the rest — the item is the first
 * name alone (the known one is read as it is). Else `end`.
 */
function beforeJoinedKnown(f: string, start: number, end: number, cov: Coverage): number {
  for (let j = start + 2; j < end - 1; j++) {
    const c = f.charCodeAt(j);
    const len = c === HE || c === JI || c === YU || c === HUO ? 1 : c === YI && f.charCodeAt(j + 1) === JI ? 2 : 0;
    if (len === 0 || !isIn(f.charCodeAt(j - 1), AGENCY_END_CHARS) || cov.inside(j)) continue;
    if (cov.covers(f, j + len, end)) return j;
  }
  return end;
}
const HE = '和'.charCodeAt(0);
const JIANG = '将'.charCodeAt(0);
const BA = '把'.charCodeAt(0);
const DUI = '对'.charCodeAt(0);
/** 将, 把 or 对: the object marker before a name (将县扶贫办的职责整合，组建…, 对县工商局、县质监局的职责进行整合). */
function isProseMarkChar(c: number): boolean {
  return c === JIANG || c === BA || c === DUI;
}
/**
 * Whether the item f[start, end) starts with 将/把/对 as prose, not inside a mention: 将/把 unless a listed place starts
 * there (将乐县); 对 only right before a known name (对口支援办公室, 对台办 keep their 对).
 */
function proseMark(f: string, start: number, end: number, cov: Coverage): boolean {
  const c = f.charCodeAt(start);
  if (end - start <= 1 || !isProseMarkChar(c) || cov.inside(start)) return false;
  if (c !== DUI) return !cov.placeFrom(f, start);
  const k = cov.firstEndingAfter(start + 1);
  return k < cov.mentions.length && cov.mentions[k].start === start + 1;
}
const JI = '及'.charCodeAt(0);
const YU = '与'.charCodeAt(0);
const HUO = '或'.charCodeAt(0);
const YI = '以'.charCodeAt(0);

/** Whether f[at, end) (at: a 等) holds a whole list tail (等部门 …): trimItem's rare case, a tail word past the item. */
function tailWithin(f: string, at: number, end: number): boolean {
  TAIL_AT.lastIndex = 1;
  return TAIL_AT.test(f.slice(at, end));
}

/** The length of the lead-in word that starts f[start, end), -1 for none (a word past the item: trimItem's rare case). */
function leadInWithin(f: string, start: number, end: number): number {
  const own = LEAD_IN.exec(f.slice(start, end));
  return own ? own[0].length : -1;
}

class Coverage {
  /** The line's first 由 (-1 for none), so that items before it do not search back to the line's start for one. */
  readonly firstYou: number;
  /** The line's first and last 等 (-1 for none): an item before the first or after the last holds none. */
  readonly firstDeng: number;
  readonly lastDeng: number;

  /** `f`: the folded line. `mentions`: sorted by start, not overlapping. `host`: the places (placeFrom). */
  constructor(
    f: string,
    readonly mentions: AgencyMention[],
    private readonly host: UnknownsHost,
  ) {
    this.firstYou = f.indexOf('由');
    this.firstDeng = f.indexOf('等');
    this.lastDeng = this.firstDeng < 0 ? -1 : f.lastIndexOf('等');
  }

  /** Index of the first mention that ends after `pos`. */
  firstEndingAfter(pos: number): number {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid].end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether a listed place is written from `at` (UnknownsHost.placeFrom). */
  placeFrom(f: string, at: number): boolean {
    return this.host.placeFrom(f, at);
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

  /** Whether the mentions cover every non-filler character of [start,end) (a conjunction may join two of them). */
  covers(f: string, start: number, end: number): boolean {
    if (end <= start) return false;
    let pos = start;
    let any = false;
    // Mentions are sorted and do not overlap.
    for (let k = this.firstEndingAfter(start); k < this.mentions.length; k++) {
      const m = this.mentions[k];
      if (m.start >= end) break;
      if (m.start < start || m.end > end) return false;
      if (!isFiller(f, pos, m.start) && !(any && isJoin(f, pos, m.start))) return false;
      pos = m.end;
      any = true;
    }
    return any && isFiller(f, pos, end);
  }
}

/** （ ）, and what ends the sentences their brackets close in (。 and line breaks). */
const BRACKET_MARKS = /[（）\n。]/g;

/**
 * The responsibility clauses of `f`, as offsets of （ and ）, flat (（, ）, （, ） …) in text order: brackets closed before the end of
 * their sentence (。 or a line break; one pass with a stack), less than 600 apart, whose body ends with a CLAUSE_END
 * word. Clauses inside clauses are included (the caller skips them). Written to `out` from index 0 (a scratch array;
 * `open` is another, for the stack); returns the count of entries written.
 */
function clauseBrackets(f: string, out: number[], open: number[]): number {
  let n = 0;
  // The stack of open brackets: open[0, depth).
  let depth = 0;
  let sorted = true;
  for (let pos = 0; ;) {
    let j: number;
    // Outside brackets only the next （ matters (a ） or a sentence end there changes nothing).
    if (depth === 0) j = f.indexOf('（', pos);
    else {
      BRACKET_MARKS.lastIndex = pos;
      j = BRACKET_MARKS.test(f) ? BRACKET_MARKS.lastIndex - 1 : -1;
    }
    if (j < 0) break;
    pos = j + 1;
    const c = f.charCodeAt(j);
    if (c === 0xff08 /* （ */) open[depth++] = j;
    else if (c === 0xff09 /* ） */) {
      if (depth === 0) continue;
      const i = open[--depth];
      if (j - i >= 600 || j - i < 3 || !wordAt(f, j - 2, CLAUSE_END)) continue;
      // A bracket closes after the brackets inside it: found in order of ）, wanted in order of （.
      if (n && out[n - 2] > i) sorted = false;
      out[n] = i;
      out[n + 1] = j;
      n += 2;
    } else depth = 0;
  }
  if (!sorted) sortPairs(out, n);
  return n;
}

/** Sorts the first `n` entries of `flat`, pairs (（, ）), by their first offset (clauseBrackets' rare case). */
function sortPairs(flat: number[], n: number): void {
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < n; k += 2) pairs.push([flat[k], flat[k + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  for (let k = 0; k < pairs.length; k++) {
    flat[2 * k] = pairs[k][0];
    flat[2 * k + 1] = pairs[k][1];
  }
}

/**
 * The arrays the splits of a line write to (their entries past the counts returned are left over from earlier splits):
 * the knowledge base keeps one set for every line it scans (findUnknowns is not re-entered), so no line allocates them.
 */
export interface UnknownsScratch {
  items: number[];
  known: boolean[];
  brackets: number[];
  /** clauseBrackets' stack of open brackets. */
  open: number[];
}

/** A new, empty set of scratch arrays. */
export function unknownsScratch(): UnknownsScratch {
  return { items: [], known: [], brackets: [], open: [] };
}

/** 。；！？ and line breaks end a labelled list (global: searched from `lastIndex`). */
const LIST_END = /[。；！？\n\r;]/g;

/** Whether `items` are in order of start already (the clauses, then the labelled lists, usually are). */
function sortedItems(items: Item[]): boolean {
  for (let k = 1; k < items.length; k++) if (items[k].start < items[k - 1].start) return false;
  return true;
}

/** 。；！？\n： end the sentences the enumeration pass looks at. */
const SENTENCE_END = /[。；！？\n：]/g;

/** The mentions in order of start (a scan's are already: then no copy). */
function sortedByStart(mentions: AgencyMention[]): AgencyMention[] {
  for (let i = 1; i < mentions.length; i++) if (mentions[i].start < mentions[i - 1].start) return sortCopy(mentions);
  return mentions;
}

/** A copy of `mentions` sorted by start (sortedByStart's rare case, in a function of its own). */
function sortCopy(mentions: AgencyMention[]): AgencyMention[] {
  return [...mentions].sort((a, b) => a.start - b.start);
}

/**
 * Whether trimItem(f, [start,end)) is covered by mentions, when that is sure without trimItem; else undefined.
 * trimItem cuts the item at its first list tail (等部门 …), then role verbs off the end; then after the last 由 outside
 * a mention; lead-in words at the start outside a mention; the prose after the first agency-shaped end outside a
 * mention; whitespace. So, with no 由 to cut after:
 * - an item with no mention inside is never covered;
 * - an item that starts (after whitespace) outside a mention, on a character that is no filler and no lead-in word,
 *   keeps that start: not covered;
 * - an item that starts inside a mention is covered through its run of mentions with filler between them; when only
 *   filler follows the run, or a prose word right after the run's agency-shaped end (trimItem cuts there), the
 *   trimmed item is the run: covered when the run is.
 */
function coveredFast(
  f: string,
  start: number,
  end: number,
  cov: Coverage,
  // The first mention that ends after `start` (callers walking items in order keep it).
  first = cov.firstEndingAfter(start),
): boolean | undefined {
  const ms = cov.mentions;
  let k = first;
  // The common item: a mention, then role verbs (市公安局负责), where the line has no 等.
  if (k < ms.length && ms[k].start === start && (cov.firstDeng >= end || cov.lastDeng < start)) {
    const m = ms[k].end;
    let e = end;
    while (e - m >= 2 && wordAt(f, e - 2, ROLE_LIST)) e -= 2;
    if (e === m && (CHAR_CLASS[f.charCodeAt(start)] & SPACE_CHARS) === 0 && !wordAt(f, m - 2, ROLE_LIST)) return true;
  }
  let any = false;
  for (let x = k; x < ms.length && ms[x].start < end; x++) if ((any = ms[x].start >= start && ms[x].end <= end)) break;
  if (!any) return false;
  // The list tail (等部门 …) trimItem cuts at (from 等 to 等), and the last 由 before it.
  let e = end;
  for (let i = f.indexOf('等', start); i >= 0 && i < end; i = f.indexOf('等', i + 1)) {
    TAIL_AT.lastIndex = i + 1;
    if (!TAIL_AT.test(f)) continue;
    // A tail word that runs past the item: trimItem may still see a shorter one in it.
    if (TAIL_AT.lastIndex > end) return undefined;
    e = i;
    break;
  }
  const lastYou = cov.firstYou >= 0 && cov.firstYou < e ? f.lastIndexOf('由', e - 1) : -1;
  const you = lastYou >= start ? lastYou : -1;
  while (e - start >= 2 && wordAt(f, e - 2, ROLE_LIST)) e -= 2;
  // The last 由 of the item is before its role verbs (none holds 由): trimItem cuts after it unless inside a mention.
  if (you >= start && you < e - 1 && !cov.inside(you)) return undefined;
  let s = start;
  while (s < e && isIn(f.charCodeAt(s), SPACE_CHARS)) s++;
  if (s === e) return false;
  // The mention holding s, if any: the first one that ends after s.
  while (k < ms.length && ms[k].end <= s) k++;
  if (k === ms.length || ms[k].start > s) {
    if (isIn(f.charCodeAt(s), FILLER_CHARS)) return undefined;
    LEAD_IN_AT.lastIndex = s;
    return s === start && (LEAD_IN_AT.test(f) || isProseMarkChar(f.charCodeAt(s))) ? undefined : false;
  }
  // A mention that starts before the item (after whitespace): left to trimItem.
  if (ms[k].start !== s) return undefined;
  // The run of mentions with filler between them, from s.
  let run = ms[k].end;
  if (run > e) return undefined;
  for (k++; k < ms.length && ms[k].start < e && isFiller(f, run, ms[k].start); k++) {
    if (ms[k].end > e) return undefined;
    run = ms[k].end;
  }
  let cut = run;
  while (cut < e && isIn(f.charCodeAt(cut), FILLER_CHARS | SPACE_CHARS)) cut++;
  if (cut < e) {
    // Prose right after the run: trimItem cuts there when it starts with a prose word after an agency-shaped end.
    if (cut !== run || run - start < 2 || !isIn(f.charCodeAt(run - 1), AGENCY_END_CHARS)) return undefined;
    if (k < ms.length && ms[k].start <= run) return undefined;
    PROSE_AFTER_AT.lastIndex = run;
    if (!PROSE_AFTER_AT.test(f) || PROSE_AFTER_AT.lastIndex > e) return undefined;
  }
  while (cut > s && isIn(f.charCodeAt(cut - 1), SPACE_CHARS)) cut--;
  // Covered: the run starts at s, and only filler follows it up to the cut.
  return cut >= run ? true : undefined;
}

/** Whether trimItem(f, it) is covered by mentions (the fast answer when there is one). */
function coveredItem(f: string, start: number, end: number, cov: Coverage, first: number): boolean {
  const fast = coveredFast(f, start, end, cov, first);
  if (fast !== undefined) return fast;
  const t = trimItem(f, { start, end }, cov);
  return t.end > t.start && cov.covers(f, t.start, t.end);
}

/**
 * The unknown items of the sentence [s,i) when it is an enumeration of agencies: at least two known items (covered
 * by mentions after trimItem), mostly known between the first and the last; with the agency-shaped items around them.
 * Items are trimmed only where the result is used (an item's coverage has a fast answer: coveredFast).
 */
function enumeration(
  f: string,
  s: number,
  i: number,
  cov: Coverage,
  clauses: Item[],
  candidates: Item[],
  scratch: UnknownsScratch,
): void {
  const raw = scratch.items;
  const n = splitItems(f, s, i, LIST_MARKS, raw) >> 1;
  // Three items at least are reported on.
  if (n < 3) return;
  const known = scratch.known;
  let first = -1;
  let last = -1;
  let nKnown = 0;
  let nReform = 0;
  const ms = cov.mentions;
  for (let k = 0, m = cov.firstEndingAfter(s); k < n; k++) {
    while (m < ms.length && ms[m].end <= raw[2 * k]) m++;
    // A reform clause (组建…, 不再保留…) is no list item: it neither makes the sentence a list nor is a candidate.
    if (reformItem(f, raw[2 * k], raw[2 * k + 1])) {
      known[k] = true;
      nReform++;
      continue;
    }
    if (!(known[k] = coveredItem(f, raw[2 * k], raw[2 * k + 1], cov, m))) continue;
    if (first < 0) first = k;
    last = k;
    nKnown++;
  }
  // Mostly agencies between the first and the last known item (the items around them do not change that). When every
  // item is known, none is a candidate (no unknown item between the known ones, none around them).
  if (nKnown < 2 || nKnown + nReform === n) return;
  let inside = nKnown;
  if (nReform > 0)
    for (let k = first; k <= last; k++) if (known[k] && reformItem(f, raw[2 * k], raw[2 * k + 1])) inside++;
  if (inside / (last - first + 1) < 0.6) return;
  enumerationCandidates(f, raw, n, known, first, last, cov, clauses, candidates);
}

/**
 * The candidates of an enumeration (`raw`: its `n` items, flat; known[k]: item k is covered) that is mostly agencies
 * between its first and last known items: the unknown items between them, and the agency-shaped items around them.
 */
function enumerationCandidates(
  f: string,
  raw: number[],
  n: number,
  known: boolean[],
  first: number,
  last: number,
  cov: Coverage,
  clauses: Item[],
  candidates: Item[],
): void {
  let lo = first;
  let hi = last;
  // Items are trimmed only where the result is used, without closures or a memo array per enumeration (trimItem is
  // pure: an item trimmed twice is the same).
  while (lo > 0 && !known[lo - 1] && shapedItem(f, raw[2 * lo - 2], raw[2 * lo - 1], cov)) lo--;
  while (hi < n - 1 && !known[hi + 1] && shapedItem(f, raw[2 * hi + 2], raw[2 * hi + 3], cov)) hi++;
  if (hi - lo + 1 >= 3) {
    for (let k = lo; k <= hi; k++) {
      if (known[k]) continue;
      const t = trimItem(f, { start: raw[2 * k], end: raw[2 * k + 1] }, cov);
      if (!inClause(clauses, t)) candidates.push(t);
    }
  }
}

/**
 * Whether item f[start, end) opens with a reform verb (组建县乡村振兴局, 不再保留县扶贫办, 撤销县物价局): a clause of a
 * reform sentence (将县扶贫办的职责整合，组建…，不再保留…), not an item of a list of agencies.
 */
function reformItem(f: string, start: number, end: number): boolean {
  let p = start;
  while (p < end && isIn(f.charCodeAt(p), SPACE_CHARS)) p++;
  REFORM_AT.lastIndex = p;
  return REFORM_AT.test(f) && REFORM_AT.lastIndex < end;
}
const REFORM_AT = /组建|成立|撤销|撤并|不再保留|整合|合并/y;

/** Whether item f[start, end) is agency-shaped after trimItem: 2 to 30 code units ending as an agency name does. */
function shapedItem(f: string, start: number, end: number, cov: Coverage): boolean {
  // An item with no agency-shaped end in it (past its first character) is none after trimItem either (a substring).
  if (!endsInside(f, start + 1, end)) return false;
  const x = trimItem(f, { start, end }, cov);
  return x.end - x.start >= 2 && x.end - x.start <= 30 && AGENCY_END.test(f.slice(x.start, x.end));
}

/** Whether f[from, to) has a character an agency name ends with (AGENCY_END_CHARS). */
function endsInside(f: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((CHAR_CLASS[f.charCodeAt(i)] & AGENCY_END_CHARS) !== 0) return true;
  return false;
}

/** Whether `it` overlaps one of the sorted, disjoint `clauses` (found by binary search). */
function inClause(clauses: Item[], it: Item): boolean {
  let lo = 0;
  let hi = clauses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (clauses[mid].end <= it.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < clauses.length && clauses[lo].start < it.end;
}

/** Spaces and invisible characters (zero-width space/joiners, word joiner, BOM) inside an item. */
const SPACE_INSIDE = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]/;
const SPACES = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/;

export function findUnknowns(
  kb: UnknownsHost,
  text: string,
  mentions: AgencyMention[],
  date: string,
  scratch: UnknownsScratch = unknownsScratch(),
): UnknownAgency[] {
  const f = kb.folder.fold(text);
  const cov = new Coverage(f, sortedByStart(mentions), kb);
  const ms = cov.mentions;
  const candidates: Item[] = [];
  const clauseRanges: Item[] = [];

  // 1. Responsibility clauses: （…负责，…配合） / （…牵头，…参与）
  // （…负责，…配合）, and also clauses with one role only: （县公按局、县名政局配合）, （县公安局负责）.
  let after = -1;
  const brackets = scratch.brackets;
  const nBrackets = clauseBrackets(f, brackets, scratch.open);
  for (let b = 0; b < nBrackets; b += 2) {
    const i = brackets[b];
    const j = brackets[b + 1];
    // A clause inside a clause is part of it.
    if (i <= after) continue;
    // Without 负责/牵头 and without a known name, only near misses of known names are reported (decided when needed).
    let nearOnly: boolean | undefined;
    clauseRanges.push({ start: i, end: j + 1 });
    const items = scratch.items;
    const nItems = splitItems(f, i + 1, j, CLAUSE_MARKS, items);
    for (let k = 0, m = cov.firstEndingAfter(i + 1); k < nItems; k += 2) {
      while (m < ms.length && ms[m].end <= items[k]) m++;
      if (coveredFast(f, items[k], items[k + 1], cov, m) === true) continue;
      const t = trimItem(f, { start: items[k], end: items[k + 1] }, cov);
      if (t.end <= t.start || cov.covers(f, t.start, t.end)) continue;
      nearOnly ??= !/(负责|牵头)/.test(f.slice(i + 1, j)) && !cov.atLeast(1, i, j);
      candidates.push(nearOnly ? { ...t, nearOnly } : t);
    }
    after = j;
  }

  // 1b. Labelled lists: 责任单位：县卫生局、县公按局、县名政局 / 牵头单位：…；配合单位：… / 成员单位包括…
  // (every label has 单位 or 部门).
  LIST_LABEL.lastIndex = 0;
  const labelled = f.includes('单位') || f.includes('部门');
  for (let m = labelled ? LIST_LABEL.exec(f) : null; m; m = LIST_LABEL.exec(f)) {
    const from = m.index + m[0].length;
    let to = from;
    // The first list end within 600 code units (a RegExp search, not a walk over every character).
    LIST_END.lastIndex = from;
    to = Math.min(LIST_END.test(f) ? LIST_END.lastIndex - 1 : f.length, from + 600);
    // The list ends at 等部门/等单位 … (成员单位由…等部门组成，县公安局为牵头单位，…): only where it holds a 等.
    const tail = cov.firstDeng < to && cov.lastDeng >= from ? TAIL.exec(f.slice(from, to)) : null;
    if (tail) to = from + tail.index + 1;
    if (to === from) continue;
    clauseRanges.push({ start: from, end: to });
    const items = scratch.items;
    const nItems = splitItems(f, from, to, LIST_MARKS, items);
    for (let k = 0, mi = cov.firstEndingAfter(from); k < nItems; k += 2) {
      while (mi < ms.length && ms[mi].end <= items[k]) mi++;
      if (coveredFast(f, items[k], items[k + 1], cov, mi) === true) continue;
      const t = trimItem(f, { start: items[k], end: items[k + 1] }, cov);
      if (t.end > t.start && !cov.covers(f, t.start, t.end)) candidates.push(t);
    }
    LIST_LABEL.lastIndex = to;
  }
  if (clauseRanges.length > 1 && !sortedItems(clauseRanges)) clauseRanges.sort((a, b) => a.start - b.start);

  // 2. Enumerations: sentences whose 、/，-separated items are mostly agencies.
  // An enumeration needs at least two known items, so two mentions in one sentence.
  // Sentences with fewer than two mentions starting in them are skipped at once. k: the first mention that ends after
  // the sentence's start; only it can start before (mentions are sorted and do not overlap).
  for (let s = 0, k = 0; s <= f.length;) {
    while (k < ms.length && ms[k].end <= s) k++;
    const x = k < ms.length && ms[k].start < s ? k + 1 : k;
    if (x + 1 >= ms.length) break;
    SENTENCE_END.lastIndex = s;
    const i = SENTENCE_END.test(f) ? SENTENCE_END.lastIndex - 1 : f.length;
    if (ms[x + 1].start < i) enumeration(f, s, i, cov, clauseRanges, candidates, scratch);
    s = i + 1;
  }

  // 3. Classify.
  if (candidates.length === 0) return [];
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
      wordGoesOn(kb.folder.fold(text.slice(c.end - 2, c.end + 1)))
    )
      continue;
    // Spaces inside a name (市民 政局, 市科学 技术 工业信息化局: text copied from a PDF, justified) are no part of it. A
    // current name so written is a near miss of itself (the space is the slip; an outdated or not-yet one is left to the
    // outdated check's reading of the text), and an unlisted one is judged as written without them (the spaces would
    // make any name a near miss of another).
    const name = SPACE_INSIDE.test(written) ? written.replace(SPACES, '') : written;
    if (name !== written) {
      const known = kb.lookup(name, date);
      if (known) {
        if (known.status.current && !known.status.notYet)
          out.push({
            start: c.start,
            end: c.end,
            text: written,
            nearMiss: true,
            suggestions: [name],
            spacedBy: INVISIBLE.test(written) ? 'invisible' : 'space',
          });
        continue;
      }
    }
    // Suggestions for the folded name (traditional → simplified): the registry's names are simplified, and a name in
    // traditional characters must get what its simplified form gets (省發展改革委員會 had only 省发展改革委: a near
    // miss, where 省发展改革委员会 is an unlisted variant).
    const folded = kb.folder.fold(name);
    const suggestions = kb.suggest(folded, 5, date);
    const limit = Math.max(1, Math.floor(name.length * 0.3));
    const close: string[] = [];
    const closeFolded: string[] = [];
    for (const x of suggestions) {
      const fx = kb.folder.fold(x);
      if (fx === folded || levenshtein(folded, fx) > limit || !sameKind(folded, fx)) continue;
      close.push(x);
      closeFolded.push(fx);
    }
    // Another local way of naming the body of a suggestion (县文体广电和旅游局 for 文化广电和旅游局): no misspelling, but
    // an unlisted name (information, below), without the suggestion (it would drop a function of the body).
    // A name widening a suggestion with a word of its own (县委外宣办 for 县委外办) is likely another body, unless it is
    // another suggestion with a character left out (县市场监管理局): no misspelling either (variants.ts).
    // A department of a recognised body (解放军总后勤部卫生部) is neither a misspelling of the body nor unknown.
    if (innerUnit(ms, text, c.start, c.end)) continue;
    if (close.length && !closeFolded.some((x) => kb.localVariant(folded, x)) && !widening(folded, closeFolded)) {
      out.push({ start: c.start, end: c.end, text: written, nearMiss: true, suggestions: close });
      continue;
    }
    if (!c.nearOnly && AGENCY_END.test(folded) && !NOT_AGENCY_END.test(folded))
      out.push({ start: c.start, end: c.end, text: written, nearMiss: false, suggestions: [] });
  }
  return out;
}
