// The agency matcher: one Aho–Corasick pass over the folded text finds central names, local department stems and
// enterprise unit suffixes; place prefixes are then read backwards from each stem (bounded work per hit), and the
// candidates are chosen leftmost-longest. Bare stems (教育局 in 县发改局、教育局、公安局) inherit the place of the
// enumeration they continue.
import { AhoCorasick, Ends } from './ahoCorasick';
import { isIdeograph, type Folder } from './fold';
import { AGENCY_NAME_END_CHARS } from './nameEnds';
import type { PlaceMatch, PlaceReading, Places } from './places';
import type { Central, Level, LocalTemplate, Registry } from './registry';
import { leadInEndAt } from './unknowns';

export interface CentralRef {
  id: string;
  from?: string;
  to?: string;
}

/**
 * What a pattern stands for: a central name (C), a local stem (L), the tail of a wrapped local name such as 团市委 (W)
 * or an enterprise unit suffix (U). One object shape for every kind, so that the scan reads them monomorphically.
 */
interface Payload {
  type: 'C' | 'L' | 'W' | 'U';
  /** C: the bodies the name may designate. */
  refs: CentralRef[];
  /** C: the refs that name enterprises (set once the registry is read). */
  enterprise: CentralRef[];
  /** L, W: the local template. */
  template: LocalTemplate | undefined;
  /** L: the stem as registered, and whether it may stand without a place. */
  stem: string;
  bare: boolean;
  /** L: the template's names may be written after 中共/中国共产党 + place. */
  partyPrefix: boolean;
  /** W: the wrap's prefix (团) and whether this is the full wrap. */
  pre: string;
  full: boolean;
}

function payload(type: Payload['type'], fields: Partial<Payload>): Payload {
  return {
    type,
    refs: fields.refs ?? [],
    enterprise: [],
    template: fields.template,
    stem: fields.stem ?? '',
    bare: fields.bare ?? false,
    partyPrefix: !!fields.template?.raw.partyPrefix,
    pre: fields.pre ?? '',
    full: fields.full ?? false,
  };
}

/** The place before a stem: its span in the text (with enclosing places: 山西省长治市; without 中共) and level. */
export interface PlaceInfo {
  start: number;
  end: number;
  level: Level;
  municipality: boolean;
  form: PlaceMatch['form'];
  code?: string;
}

export type Hit =
  | {
      kind: 'central';
      start: number;
      end: number;
      refs: CentralRef[];
      alsoLocal: { template: LocalTemplate; stem: string } | undefined;
    }
  | {
      kind: 'local';
      start: number;
      end: number;
      template: LocalTemplate;
      stem: string;
      place: PlaceInfo | undefined;
      inherited: PlaceInfo | undefined;
      fullWrap: boolean | undefined;
    }
  | { kind: 'unit'; start: number; end: number; enterprise: CentralRef[]; place: PlaceInfo | undefined };

/** Enterprise sub-unit suffixes: 西安铁路集团 + 安康 + 车务段, 西部机场集团 + 安康 + 机场有限公司. */
const UNIT_SUFFIXES = [
  '车务段',
  '机务段',
  '工务段',
  '电务段',
  '车辆段',
  '客运段',
  '供电段',
  '机场有限公司',
  '机场',
  '火车站',
  '车站',
  '站',
  '分公司',
  '有限公司',
  '有限责任公司',
  '公安处',
];

/** A name ending in the key character is not a name when followed by one of these (卫生部门, 委员, 办公, 局面). */
const RIGHT_GUARD: Record<string, string> = {
  部: '门',
  委: '员托任派屈婉',
  办: '公理法事学案',
  局: '面势限',
  会: '员议谈计',
};
/**
 * The most entries a scan's scratch arrays keep for the next scan (the matcher's, the knowledge base's and unknowns'):
 * a line has far fewer; a long text scanned whole (a hover's or a lookup's text can be any length) leaves none behind.
 */
export const SCRATCH_LIMIT = 4096;
/** The bit of each RIGHT_GUARD key (部 1, 委 2 …) by its code unit. */
const RIGHT_GUARD_BITS = new Map(Object.keys(RIGHT_GUARD).map((k, i) => [k.charCodeAt(0), 1 << i]));
/**
 * The classes of a code unit, one bit each (a table lookup, not a set lookup, per hit): the RIGHT_GUARD keys it may not
 * follow (the low five bits, RIGHT_GUARD_BITS), and the bits below.
 */
const CODE_CLASS = new Uint16Array(0x10000);
const DOC_NUMBER_FIRST = 0x20;
const BARE_LEFT = 0x40;
const BARE_RIGHT = 0x80;
/** isIdeograph (fold.ts), set first: ranges written natively at load, the other bits added to them. */
const IDEOGRAPH = 0x100;
CODE_CLASS.fill(IDEOGRAPH, 0x4e00, 0xa000);
CODE_CLASS.fill(IDEOGRAPH, 0x3400, 0x4dc0);
CODE_CLASS.fill(IDEOGRAPH, 0xf900, 0xfb00);
CODE_CLASS.fill(IDEOGRAPH, 0xd840, 0xd87f);
CODE_CLASS.fill(IDEOGRAPH, 0xdc00, 0xe000);
/** Whether the table reads code unit `c` as an ideograph (tests: the same as isIdeograph for every code unit). */
export function tableIdeograph(c: number): boolean {
  return (CODE_CLASS[c] & IDEOGRAPH) !== 0;
}
function addClass(chars: string, bit: number): void {
  for (let i = 0; i < chars.length; i++) CODE_CLASS[chars.charCodeAt(i)] |= bit;
}
for (const [k, v] of Object.entries(RIGHT_GUARD)) addClass(v, RIGHT_GUARD_BITS.get(k.charCodeAt(0))!);
addClass('发函电', DOC_NUMBER_FIRST);
/** 国办发〔2021〕13号: an issuing-body abbreviation inside a document number is not a mention (发函电 + 〔［ at `at`). */
function docNumberAt(f: string, at: number): boolean {
  if (at + 1 >= f.length || (CODE_CLASS[f.charCodeAt(at)] & DOC_NUMBER_FIRST) === 0) return false;
  const c = f.charCodeAt(at + 1);
  return c === 0x3014 /* 〔 */ || c === 0xff3b; /* ［ */
}
/** Whether `place` (a full place, 会同县) is the document's own place `own` (会同县, 湖南省会同县, 会同). */
function ownPlaceIs(own: string, place: string): boolean {
  return own.endsWith(place) || place.startsWith(own);
}
/** Clause marks after which a word of prose may start (牵头，会同县民政局). */
const CLAUSE_MARKS = '，；：,;:';
/** Characters after which a bare stem may start (besides punctuation; 成员单位有民政局、…, 二是民政局、…). */
// 由、和 … and the last character of verbs that take an agency as object: 请, 会同, 联合, 指导, 督促, 报送, 移交, 向, 给.
addClass('由和与及或、请同合导促送交向给托调织有是', BARE_LEFT);
/** Characters that may follow a bare stem (besides punctuation). */
addClass('等和及与或负牵配参为的要应将在对会共联按依是已开做加落组协督指推抓', BARE_RIGHT);
/**
 * The characters that may stand between two items of one enumeration: 、，；（）和及与 and the code units JavaScript's
 * \s matches (a table of their own: every bit of CODE_CLASS is taken).
 */
const LIST_GAP = new Uint8Array(0x10000);
for (const c of '、，；（）和及与\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff')
  LIST_GAP[c.charCodeAt(0)] = 1;
for (let c = 0x2000; c <= 0x200a; c++) LIST_GAP[c] = 1;
const YI = '以'.charCodeAt(0);
const JI = '及'.charCodeAt(0);
const HE = '和'.charCodeAt(0);
const YU = '与'.charCodeAt(0);
const NAME_END = new Uint8Array(0x10000);
for (let i = 0; i < AGENCY_NAME_END_CHARS.length; i++) NAME_END[AGENCY_NAME_END_CHARS.charCodeAt(i)] = 1;
/**
 * Whether the 和/与/及 (or 以及) just before `start` sits inside a compound name: it follows an ideograph that ends no
 * agency name and that occurs inside some registered name (`inName`: 化 of 文化和旅游局, 电 of 文化广电和旅游局, 视 of
 * 广播电视局, 体 of 体育局), so a bare stem after it (县文体广电和旅游局, 县文化广播电视和旅游局, 文化与旅游局: 旅游局) is
 * that name's tail, not a second name as in 县卫生局和旅游局, 县卫生局以及旅游局 or prose 指导基层与综治办 (层 is in no
 * name). (db2b55c took only the characters right before a 和 of a registered name: the current local names of a
 * family the registry does not list whole — 县文化广播电视和旅游局 — then lost their tail to “旅游局已撤销”.)
 */
function conjunctionInName(f: string, start: number, inName: Uint8Array): boolean {
  const c = f.charCodeAt(start - 1);
  if (c !== HE && c !== YU && c !== JI) return false;
  let k = start - 2;
  if (c === JI && k >= 0 && f.charCodeAt(k) === YI) k--;
  if (k < 0) return false;
  const p = f.charCodeAt(k);
  return (CODE_CLASS[p] & IDEOGRAPH) !== 0 && NAME_END[p] === 0 && inName[p] === 1;
}
/** The characters a department ends with that has departments of its own (总后勤部 + 卫生部, 某局 + 办公室 …). */
const OWNER_END = new Uint8Array(0x10000);
for (const c of '部局厅署') OWNER_END[c.charCodeAt(0)] = 1;
/** The first character of a level word 各级, 两级, 县级 … (级 follows it). */
const LEVEL_FIRST = new Uint8Array(0x10000);
for (const c of '各两三四五六省市县区州盟旗乡镇村本同上下') LEVEL_FIRST[c.charCodeAt(0)] = 1;
const JI_LEVEL = '级'.charCodeAt(0);
/**
 * Whether a name starting at `start` is the name of a unit inside another department written right before it
 * (解放军总后勤部卫生部, 武警部队后勤部卫生部: the department's own 卫生部, not the former Ministry of Health): the
 * code unit before is 部/局/厅/署 ending a word of ideographs. A registered central name that starts with its owner
 * (国务院扶贫办) is matched whole.
 */
export function unitOfOwner(f: string, start: number, end: number): boolean {
  return (
    start >= 2 &&
    end - start <= UNIT_NAME_MAX &&
    OWNER_END[f.charCodeAt(start - 1)] === 1 &&
    (CODE_CLASS[f.charCodeAt(start - 2)] & IDEOGRAPH) !== 0 &&
    !nationalName(f, start)
  );
}
/**
 * The longest name read as a department's unit: a function word and 部/局 (卫生部, 政治部). A ministry's full name
 * (住房城乡建设部, 银保监会) is never one, and dropping it read the old name inside it alone: 财政部住房城乡建设部 became
 * “建设部已撤销” with an automatic fix writing 财政部住房城乡住房城乡建设部 (review6).
 */
const UNIT_NAME_MAX = 3;
/** The bare local stem among a pattern's payloads, if any (扶贫办: 国务院扶贫办's short form and a local stem). */
function bareStemOf(list: readonly Payload[]): { template: LocalTemplate; stem: string } | undefined {
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (p.type === 'L' && p.bare) return { template: p.template!, stem: p.stem };
  }
  return undefined;
}
/** Whether a pattern's payloads include a local name (卫生计生委: also a bare local stem). */
function hasLocal(list: readonly Payload[]): boolean {
  for (let i = 0; i < list.length; i++) if (list[i].type === 'L') return true;
  return false;
}
/**
 * Whether the name at `start` begins as only a national body's name does (国家卫生计生委, 国务院扶贫办, 中央编办,
 * 全国妇联, 中华人民共和国公安部, 中国残联): no department's unit is named so, so 财政部国家卫生计生委 is two bodies.
 */
function nationalName(f: string, start: number): boolean {
  const c = f.charCodeAt(start);
  if (c !== GUO && c !== ZHONG && c !== QUAN) return false;
  for (let i = 0; i < NATIONAL_PREFIXES.length; i++) if (f.startsWith(NATIONAL_PREFIXES[i], start)) return true;
  return false;
}
const NATIONAL_PREFIXES = ['国家', '国务院', '中央', '中华人民共和国', '中国', '全国'];
const GUO = '国'.charCodeAt(0);
const QUAN = '全'.charCodeAt(0);
/**
 * Whether a level word (各级, 两级, 市、区两级, 县级) stands right before `start`: the name after it is the local bodies
 * of those levels (市、区两级卫生计生委), never the national body of the same short name, and a bare stem may start there.
 * (A central name is dropped there only when its pattern is also a local stem: 各级住房城乡建设部 keeps its name, not
 * the old 建设部 inside it.)
 */
export function afterLevelWord(f: string, start: number): boolean {
  return start >= 2 && f.charCodeAt(start - 1) === JI_LEVEL && LEVEL_FIRST[f.charCodeAt(start - 2)] === 1;
}
/**
 * Whether f[from, to) may stand between two items of one enumeration: /^[、，；\s（）和及与]*$|^以及$|^[、，]?和$/
 * tested on the code units in place (no slice; the third alternative is part of the first).
 */
export function listGap(f: string, from: number, to: number): boolean {
  let all = true;
  for (let k = from; k < to; k++) {
    if (LIST_GAP[f.charCodeAt(k)] !== 1) {
      all = false;
      break;
    }
  }
  return all || (to - from === 2 && f.charCodeAt(from) === YI && f.charCodeAt(from + 1) === JI);
}

export class Matcher {
  private readonly ac = new AhoCorasick();
  private readonly payloads: Payload[][] = [];
  private readonly index = new Map<string, number>();
  /** Per pattern: its length, and the RIGHT_GUARD set of its last code unit (the same for every match). */
  private readonly lengths: number[] = [];
  private readonly guards: number[] = [];
  /** The characters inside a registered name, its last one excepted (conjunctionInName). */
  private readonly beforeConjunction = new Uint8Array(0x10000);

  constructor(
    registry: Registry,
    private readonly places: Places,
    private readonly folder: Folder,
  ) {
    for (const c of registry.central.values()) this.addCentral(c);
    for (const t of registry.local.values()) this.addLocal(t);
    for (const u of UNIT_SUFFIXES) this.add(u, payload('U', {}));
    // The refs that name enterprises (a few bodies): a central payload keeps its empty list unless one of its refs
    // names one (no filter and closure per central name).
    const enterprises = new Set<string>();
    for (const c of registry.central.values()) if (c.raw.kind === 'enterprise') enterprises.add(c.id);
    const payloads = this.payloads;
    for (let i = 0; i < payloads.length; i++) {
      const list = payloads[i];
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const p = list[k];
        if (p.type !== 'C') continue;
        let named = false;
        for (let r = 0; r < p.refs.length && !named; r++) named = enterprises.has(p.refs[r].id);
        if (named) p.enterprise = p.refs.filter((r) => enterprises.has(r.id));
      }
    }
    this.ac.build();
    this.aliased = this.ac.alias(folder.changes());
  }

  /** The automaton reads traditional characters and halfwidth punctuation as folded (see AhoCorasick.alias). */
  private readonly aliased: boolean;
  /** The buffer of the automaton's ends, reused by every scan. */
  private readonly ends = new Ends();
  /** The list of candidates, reused by every scan. */
  private readonly cands = new Candidates();

  private add(pattern: string, payload: Payload) {
    const key = this.folder.fold(pattern);
    let i = this.index.get(key);
    if (i === undefined) {
      // Every character inside a registered name (not its last): 化 of 文化和旅游局, and 视 of 广播电视局 for the
      // unregistered 县文化广播电视和旅游局 (a local name of the same family: 和 inside it is no conjunction).
      for (let k = 0; k < key.length - 1; k++) this.beforeConjunction[key.charCodeAt(k)] = 1;
      i = this.ac.add(key);
      this.index.set(key, i);
      this.payloads[i] = [];
      this.lengths[i] = key.length;
      this.guards[i] = RIGHT_GUARD_BITS.get(key.charCodeAt(key.length - 1)) ?? 0;
    }
    const list = this.payloads[i];
    if (payload.type === 'C') {
      const existing = list.find((p) => p.type === 'C');
      if (existing) existing.refs.push(...payload.refs);
      else list.push(payload);
    } else list.push(payload);
  }

  private addCentral(c: Central) {
    for (const n of c.names) this.add(n.name, payload('C', { refs: [{ id: c.id, from: n.from, to: n.to }] }));
  }

  private addLocal(t: LocalTemplate) {
    const bareOk = t.raw.bare !== false;
    const bareNames = new Set(t.raw.bareNames ?? (bareOk ? t.raw.names : []));
    for (const n of t.raw.names) this.add(n, payload('L', { template: t, stem: n, bare: bareOk && bareNames.has(n) }));
    // 中国共产党长治市委员会宣传部: the party committee written in full (委 → 委员会).
    if (t.raw.partyPrefix)
      for (const n of t.raw.names)
        if (n.startsWith('委') && n.length > 1 && !n.startsWith('委员会'))
          this.add(`委员会${n.slice(1)}`, payload('L', { template: t, stem: `委员会${n.slice(1)}`, bare: false }));
    for (const n of bareNames)
      if (!t.raw.names.includes(n)) this.add(n, payload('L', { template: t, stem: n, bare: true }));
    if (t.raw.wrap) this.add(t.raw.wrap[1], payload('W', { template: t, pre: t.raw.wrap[0], full: false }));
    if (t.raw.fullWrap) this.add(t.raw.fullWrap[1], payload('W', { template: t, pre: t.raw.fullWrap[0], full: true }));
  }

  /** The place chain (山西省长治市, 长治市, 市 …) ending at `end`, with its left boundary checked. */
  private placeBefore(f: string, end: number, needBoundary: boolean, minStemLen: number): PlaceInfo | undefined {
    const places = this.places;
    let first = places.readingAt(f, end, 0, true);
    if (!first) return undefined;
    if (first.form === 'full' && first.length > 2) first = this.verbOff(f, end, first);
    if (first.form === 'short' && minStemLen < 2) return undefined;
    // Chain enclosing places of a higher level: 山西省长治市, 福建省三明市尤溪县 (not 会同 + 长治市).
    let outer: PlaceReading = first;
    let outerStart = end - first.length;
    if (first.form !== 'bare') {
      for (;;) {
        const more = places.readingAt(f, outerStart, 0, false);
        if (!more || more.rank >= outer.rank) break;
        const moreStart = outerStart - more.length;
        if (needBoundary && !places.boundaryOkAt(f, moreStart, more.length, more.form)) break;
        outer = more;
        outerStart = moreStart;
      }
    }
    if (needBoundary && !places.boundaryOkAt(f, outerStart, outer.length, outer.form)) return undefined;
    return {
      start: outerStart,
      end,
      level: first.level,
      municipality: first.municipality,
      form: first.form,
      code: first.entries[0]?.code,
    };
  }

  /**
   * A full place that is a word of prose and a bare place (会同 + 县: 会同县), written after a word or a clause mark
   * (县卫生局要会同县卫健局, 牵头，会同县民政局), is the verb and the bare place, as 和县 is never read in 市和县公安局;
   * at the start of a line, a list item or a bracket it stays the place (会同县公安局、延长县公安局).
   */
  private verbOff(f: string, end: number, r: PlaceReading): PlaceReading {
    const start = end - r.length;
    if (start === 0 || !(isIdeograph(f.charCodeAt(start - 1)) || CLAUSE_MARKS.includes(f.charAt(start - 1)))) return r;
    // In the document of that very place (its locality: 会同县…实施方案) 会同县X names the county's own body, and so
    // does 会同 + 县X there: the place is kept, the name is read whole as the document writes it.
    if (this.ownPlace.length >= 2 && ownPlaceIs(this.ownPlace, f.slice(start, end))) return r;
    // After a place of a higher level it is the county of that place (湖南省会同县, 怀化市会同县).
    const outer = this.places.readingAt(f, start, 0, false);
    if (outer && outer.rank < r.rank) return r;
    const verbEnd = leadInEndAt(f, start);
    if (verbEnd < 0 || verbEnd >= end) return r;
    const rest = this.places.readingAt(f, end, verbEnd, true);
    return rest && rest.form === 'bare' && rest.length === end - verbEnd ? rest : r;
  }

  /** The document's own place (its locality, folded: 会同县, 湖南省会同县) during a scan, for verbOff; '' for none. */
  private ownPlace = '';

  /**
   * Every agency hit in `text` (original, unfolded), leftmost-longest, non-overlapping. `ownPlace`: the document's own
   * place (its locality, folded), which verbOff keeps as the place. (scan never runs inside itself.)
   */
  scan(text: string, ownPlace = ''): Hit[] {
    this.ownPlace = ownPlace;
    // One pass over the unfolded text; the text is folded (for places, guards, slices) only when it has a unit that
    // folds, which the pass reports.
    // The ends go to the matcher's own buffer, read before scan returns (nothing here scans again meanwhile).
    const ends = this.ends;
    let f: string;
    if (this.aliased) f = this.ac.findEndsInto(text, ends) ? this.folder.fold(text) : this.folder.unchanged(text);
    else this.ac.findEndsInto((f = this.folder.fold(text)), ends);
    const raw = ends.buffer;
    const rawLength = ends.length;
    // The candidates are hits already (the chosen ones are returned as they are).
    // The candidates go to the matcher's own list (read by select before scan returns; nothing scans again meanwhile).
    const cands = this.cands;
    cands.n = 0;
    let enterpriseEnds: Map<number, Array<{ start: number; refs: CentralRef[] }>> | undefined;
    const { payloads, lengths, guards } = this;
    // Whether a place may end before a stem (Places.readingAt's first test, read here: no call where none can).
    const placeEnds = this.places.placeEndTable();
    const n = f.length;
    for (let r = 0; r < rawLength; r += 2) {
      const end = raw[r];
      const pattern = raw[r + 1];
      const start = end - lengths[pattern];
      // The classes of the code unit after the match: RIGHT_GUARD (卫生部门, 委员, 办公 …), a document number.
      const after = end < n ? CODE_CLASS[f.charCodeAt(end)] : 0;
      const guardOk = (after & guards[pattern]) === 0;
      const list = payloads[pattern];
      for (let k = 0; k < list.length; k++) {
        const p = list[k];
        if (p.type === 'C') {
          if (!guardOk || ((after & DOC_NUMBER_FIRST) !== 0 && docNumberAt(f, end))) continue;
          if (start >= 2 && (unitOfOwner(f, start, end) || (afterLevelWord(f, start) && hasLocal(list)))) continue;
          // A short form that is also a bare local stem (扶贫办, 法制办, 卫计委) names a body of unknown level even where the
          // words around it keep the bare stem from being read on its own (县政府与扶贫办研究…): select() keeps this
          // unless its sentence names central bodies only.
          cands.list[cands.n++] = { kind: 'central', start, end, refs: p.refs, alsoLocal: bareStemOf(list) };
          const ent = p.enterprise;
          if (ent.length) {
            enterpriseEnds ??= new Map();
            let l = enterpriseEnds.get(end);
            if (!l) enterpriseEnds.set(end, (l = []));
            l.push({ start, refs: ent });
          }
        } else if (p.type === 'L') {
          if (!guardOk) continue;
          const place =
            start > 0 && placeEnds[f.charCodeAt(start - 1)] !== 0
              ? this.placeBefore(f, start, true, p.stem.length)
              : undefined;
          // Local candidates written as localHit() writes them (one object shape), without a call per hit.
          if (place) {
            let s = place.start;
            if (p.partyPrefix) s -= f.startsWith('中国共产党', s - 5) ? 5 : zhongGongAt(f, s - 2) ? 2 : 0;
            const h: LocalHit = {
              kind: 'local',
              start: s,
              end,
              template: p.template!,
              stem: p.stem,
              place,
              inherited: undefined,
              fullWrap: undefined,
            };
            cands.list[cands.n++] = h;
          }
          // A bare stem between a boundary and a boundary: not inside a word of ideographs (isIdeograph, read from the
          // table) unless after a word such as 由、和、会同 (BARE_LEFT) or before one such as 等、负责 (BARE_RIGHT); nor
          // after a 和 inside a compound name (conjunctionInName).
          if (
            p.bare &&
            (start === 0 ||
              (CODE_CLASS[f.charCodeAt(start - 1)] & (IDEOGRAPH | BARE_LEFT)) !== IDEOGRAPH ||
              afterLevelWord(f, start)) &&
            (end >= n || (after & (IDEOGRAPH | BARE_RIGHT)) !== IDEOGRAPH) &&
            !conjunctionInName(f, start, this.beforeConjunction)
          ) {
            const h: LocalHit = {
              kind: 'local',
              start,
              end,
              template: p.template!,
              stem: p.stem,
              place: undefined,
              inherited: undefined,
              fullWrap: undefined,
            };
            cands.list[cands.n++] = h;
          }
        } else if (p.type === 'W') {
          if (guardOk) this.wrapCandidate(f, p, start, end, cands);
        } else if (enterpriseEnds) this.unitCandidate(f, start, end, enterpriseEnds, cands);
      }
    }
    const hits = this.select(f, cands);
    // A long text's candidates are not kept past its scan (what a line needs is, again, allocated by the next one).
    if (cands.list.length > SCRATCH_LIMIT) cands.list = [];
    if (ends.buffer.length > 2 * SCRATCH_LIMIT) ends.buffer = new Int32Array(256);
    return hits;
  }

  /** A wrapped local name (团市委, 团长治市委) ending with wrap pattern `p` at `end`, if any. */
  private wrapCandidate(f: string, p: Payload, start: number, end: number, cands: Candidates): void {
    // The wrap's prefix (团) ends before the place, which ends at `start`: most lines have none (the place is read only
    // when they have).
    const pre = p.pre;
    const from = start - 1 - pre.length;
    if (from < 0 || f.lastIndexOf(pre, from) < 0) return;
    const place = this.placeBefore(f, start, false, 2);
    if (!place || !endsWithAt(f, pre, place.start)) return;
    cands.add(localHit(place.start - pre.length, end, p.template!, f.slice(start, end), place, p.full));
  }

  /** An enterprise unit: <enterprise>[<place>]<suffix>, the suffix at [start, end). */
  private unitCandidate(
    f: string,
    start: number,
    end: number,
    enterpriseEnds: Map<number, Array<{ start: number; refs: CentralRef[] }>>,
    cands: Candidates,
  ): void {
    const place = this.placeBefore(f, start, false, 2);
    const ents = enterpriseEnds.get(place ? place.start : start);
    if (!ents) return;
    let ent = ents[0];
    for (let e = 1; e < ents.length; e++) if (ents[e].start < ent.start) ent = ents[e];
    cands.add({ kind: 'unit', start: ent.start, end, enterprise: ent.refs, place });
  }

  private select(f: string, candidates: Candidates): Hit[] {
    // Leftmost-longest; candidates of the same span are weighed together below (a central short name that is
    // also a bare local stem: 扶贫办, 发改委 — local when the enumeration has a place).
    const cands = candidates.list;
    const n = candidates.n;
    sortCandidates(cands, n);
    const hits: Hit[] = [];
    let lastEnd = 0;
    let context: PlaceInfo | undefined; // place of the enumeration the previous hit belongs to
    let prevEnd = -1;
    let ambiguous = false; // some central hit is also a bare local stem
    for (let i = 0; i < n; i++) {
      const c = cands[i];
      if (c.start < lastEnd) continue;
      const single = i + 1 < n ? cands[i + 1] : undefined;
      if (!single || single.start !== c.start || single.end !== c.end) {
        // The only candidate of its span (most are): it is the hit, as the weighing below would choose it alone — a
        // bare stem takes the enumeration's place; a central hit has no local alternative.
        if (c.kind === 'local') {
          if (!c.place)
            c.inherited = prevEnd >= 0 && c.start - prevEnd <= 3 && listGap(f, prevEnd, c.start) ? context : undefined;
          context = c.place ?? c.inherited;
        } else if (c.kind === 'central') {
          context = undefined;
          // A short form that is also a bare local stem, as below (in a list of central bodies: the central body).
          if (c.alsoLocal) {
            const prev = hits[hits.length - 1];
            const inList = prevEnd >= 0 && c.start - prevEnd <= 3 && listGap(f, prevEnd, c.start);
            if (inList && prev?.kind === 'central' && !prev.alsoLocal) c.alsoLocal = undefined;
            else ambiguous = true;
          }
        }
        hits.push(c);
        lastEnd = c.end;
        prevEnd = c.end;
        continue;
      }
      // Alternatives of exactly this span (sorted by rank: the first of each kind is the one weighed).
      let local: LocalHit | undefined;
      let unit: UnitHit | undefined;
      let central: CentralHit | undefined;
      let bare: LocalHit | undefined;
      for (let j = i; ; j++) {
        const x = cands[j];
        if (x.kind === 'local') {
          if (x.place) local ??= x;
          else bare ??= x;
        } else if (x.kind === 'unit') unit ??= x;
        else central ??= x;
        const next = j + 1 < n ? cands[j + 1] : undefined;
        if (!next || next.start !== c.start || next.end !== c.end) {
          i = j;
          break;
        }
      }
      const inList = prevEnd >= 0 && c.start - prevEnd <= 3 && listGap(f, prevEnd, c.start);
      const inherited = inList ? context : undefined;
      let hit: Hit | undefined;
      if (local) hit = local;
      // A full central name (中国国家铁路集团有限公司) is not a unit of its own short name (中国国家铁路集团 + 有限公司).
      else if (unit && !central) hit = unit;
      else if (bare && (inherited || !central)) {
        bare.inherited = inherited;
        hit = bare;
      } else if (central) {
        hit = central;
        // A bare short form that is also a local stem (法制办, 扶贫办, 卫计委): the level is not known.
        if (bare) hit.alsoLocal = { template: bare.template, stem: bare.stem };
      }
      if (!hit) continue;
      // In a list of central bodies (卫生部、人口计生委、扶贫办 …) a bare short form is the central body.
      const prev = hits[hits.length - 1];
      if (hit.kind === 'central' && hit.alsoLocal && inList && prev?.kind === 'central' && !prev.alsoLocal)
        hit.alsoLocal = undefined;
      if (hit.kind === 'central' && hit.alsoLocal) ambiguous = true;
      hits.push(hit);
      lastEnd = c.end;
      prevEnd = c.end;
      if (hit.kind === 'local') context = hit.place ?? hit.inherited;
      else if (hit.kind === 'central') context = undefined;
    }
    // …and when the other bodies of its sentence are central ones and none is local （人口计生委负责，公安部、卫生部配合）.
    if (ambiguous) this.dropAlsoLocal(f, hits);
    return hits;
  }

  /** A central short form that is also a local stem is central when its sentence names central bodies only. */
  private dropAlsoLocal(f: string, hits: Hit[]): void {
    const drop: number[] = [];
    for (let k = 0; k < hits.length; k++) {
      const h = hits[k];
      if (h.kind !== 'central' || !h.alsoLocal) continue;
      let central = false;
      let local = false;
      for (const dir of [-1, 1]) {
        for (let j = k + dir; j >= 0 && j < hits.length; j += dir) {
          const o = hits[j];
          const between = dir < 0 ? f.slice(o.end, hits[j + 1].start) : f.slice(hits[j - 1].end, o.start);
          if (/[。！？；]/.test(between)) break;
          if (o.kind === 'central' && !o.alsoLocal) central = true;
          if (o.kind !== 'central') local = true;
        }
      }
      if (central && !local) drop.push(k);
    }
    for (const k of drop) (hits[k] as CentralHit).alsoLocal = undefined;
  }
}

/**
 * A scan's candidates: list[0, n) (entries past n are left over from earlier scans). The hot loop of scan writes them
 * in place (no call per candidate before the loop is optimised); the rare paths call add().
 */
class Candidates {
  list: Hit[] = [];
  n = 0;
  add(h: Hit): void {
    this.list[this.n++] = h;
  }
}

type LocalHit = Extract<Hit, { kind: 'local' }>;
type UnitHit = Extract<Hit, { kind: 'unit' }>;
type CentralHit = Extract<Hit, { kind: 'central' }>;

/** A local candidate (one object shape for every local hit). */
function localHit(
  start: number,
  end: number,
  template: LocalTemplate,
  stem: string,
  place: PlaceInfo | undefined,
  fullWrap: boolean | undefined,
): LocalHit {
  return { kind: 'local', start, end, template, stem, place, inherited: undefined, fullWrap };
}

/** Whether `s` is written in `f` right before `at` (the wrap prefix 团 of 团市委), without a slice. */
function endsWithAt(f: string, s: string, at: number): boolean {
  return at >= s.length && f.startsWith(s, at - s.length);
}

const ZHONG = '中'.charCodeAt(0);
const GONG = '共'.charCodeAt(0);
/** Whether 中共 is written at `at` (false before the start), without a slice. */
function zhongGongAt(f: string, at: number): boolean {
  return at >= 0 && f.charCodeAt(at) === ZHONG && f.charCodeAt(at + 1) === GONG;
}

/** Local with a place first, then enterprise units, central bodies, bare local stems. */
function rank(c: Hit): number {
  return c.kind === 'local' ? (c.place ? 0 : 3) : c.kind === 'unit' ? 1 : 2;
}

/**
 * Sorts the first `n` candidates by start, then longest first, then rank; stable. Insertion sort: the candidates arrive ordered by
 * end offset, so each moves back past the few overlapping it only.
 */
function sortCandidates(a: Hit[], n: number): void {
  for (let i = 1; i < n; i++) {
    const x = a[i];
    const rx = rank(x);
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = a[j];
      const d = y.start - x.start || x.end - y.end || rank(y) - rx;
      if (d <= 0) break;
      a[j + 1] = y;
    }
    a[j + 1] = x;
  }
}
