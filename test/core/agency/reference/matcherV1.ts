// The agency matcher as it was before the allocation-light rewrite (main a983bd1), kept as the oracle of
// matcherOracle.test.ts: the production matcher must choose exactly the hits this one chooses. Its place search is
// the former Places.endingAt (two-character tail strings, bare prefixes tried longest first). Not used by the product.
import { AhoCorasick } from '../../../../server/src/core/agency/ahoCorasick';
import type { Folder } from '../../../../server/src/core/agency/fold';
import { isIdeograph } from '../../../../server/src/core/agency/fold';
import { AGENCY_NAME_END_CHARS } from '../../../../server/src/core/agency/nameEnds';
import { leadInEndAt } from '../../../../server/src/core/agency/unknowns';
import type { PlaceEntry, PlaceMatch, PlacesIndex } from '../../../../server/src/core/agency/places';
import type { Central, Level, LocalTemplate, Registry } from '../../../../server/src/core/agency/registry';

const LEVEL_ORDER: Level[] = ['province', 'prefecture', 'county'];
const BARE: Record<string, Level> = {
  省: 'province',
  自治区: 'province',
  市: 'prefecture',
  州: 'prefecture',
  自治州: 'prefecture',
  盟: 'prefecture',
  县: 'county',
  自治县: 'county',
  旗: 'county',
  区: 'county',
};
const BARE_LONGEST_FIRST = Object.entries(BARE).sort((a, b) => b[0].length - a[0].length);

/** Two-character words ending in a level character that are not "<level> + agency" (城市公安局 is not 市公安局). */
const ORDINARY_BEFORE_BARE = new Set(
  (
    '辖市 级市 级县 级区 城市 都市 超市 门市 股市 夜市 集市 菜市 上市 闹市 街市 楼市 车市 黑市 早市 开市 罢市 城区 社区 小区 园区 景区 街区 片区 辖区 ' +
    '山区 牧区 湾区 矿区 灾区 校区 市区 郊区 林区 营区 军区 学区 厂区 港区 禁区 误区 专区 新区 老区 边区 城县 郡县 ' +
    '神州 九州 全州 节省 反省 行省 外省 吾省 不省 自省 民州 红旗 国旗 党旗 团旗 彩旗 锦旗 旌旗 联盟 同盟 加盟 结盟 盟旗'
  )
    .split(/\s+/)
    .filter(Boolean),
);
/** Words that may stand right before a bare prefix although they form a word with it (全市公安局 = the city's bureau). */
const FINE_BEFORE_BARE = new Set('本全各该我外'.split(''));

/** Characters after which a place name may start inside running text. */
// Characters after which a short place name (沁县) may start: function words and the verbs that take an agency as
// object in plans (报送、抄送、移交、告知、商 …).
const LEFT_FUNCTION = new Set(
  '由和与及或各全本该原新在向对从经同会为是将把被请按据以于至到了的即并、送交给知抄报商'.split(''),
);

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export class ReferencePlaces {
  private readonly cache: Array<PlaceEntry | undefined> = [];
  private readonly readings = new Map<string, Pick<PlaceMatch, 'form' | 'entries' | 'level' | 'municipality'>>();

  constructor(
    private readonly index: PlacesIndex,
    private readonly folder: Folder,
  ) {}

  private entry(i: number): PlaceEntry {
    let e = this.cache[i];
    if (!e) {
      const [code, name, lv] = this.index.entries[i];
      e = this.cache[i] = {
        code,
        name,
        level: lv === 'x' ? 'county' : lv === 'c' ? 'prefecture' : 'province',
        municipality: lv === 'm',
      };
    }
    return e;
  }

  /** How a folded place name reads (the same every time: computed once per name). */
  private reading(key: string): Pick<PlaceMatch, 'form' | 'entries' | 'level' | 'municipality'> {
    let r = this.readings.get(key);
    if (!r) {
      const readings = this.index.names[key];
      // Prefer the full-form reading, then the highest level.
      const full = readings.filter((x) => x % 2 === 0);
      const use = (full.length ? full : readings).map((x) => this.entry(x >> 1));
      let top = use[0];
      for (const e of use) if (LEVEL_ORDER.indexOf(e.level) < LEVEL_ORDER.indexOf(top.level)) top = e;
      r = { form: full.length ? 'full' : 'short', entries: use, level: top.level, municipality: top.municipality };
      this.readings.set(key, r);
    }
    return r;
  }

  /** Entries for a place written as `name` (full or short form, not bare). */
  lookup(name: string): PlaceEntry[] {
    const m = this.parse(name);
    return m ? [...m.entries] : [];
  }

  /** Place written as a whole string: a named place or a bare prefix. */
  parse(text: string): PlaceMatch | undefined {
    const m = this.endingAt(this.folder.fold(text), text.length, 0, true);
    return m && m.start === 0 ? m : undefined;
  }

  /**
   * The longest place (named or bare) that ends exactly at `end` in the folded text `f`, not starting before
   * `minStart`. `allowBare` false restricts to named places (used when chaining 山西省长治市).
   */
  endingAt(f: string, end: number, minStart: number, allowBare: boolean): PlaceMatch | undefined {
    if (end - minStart >= 2) {
      const tail = f.slice(end - 2, end);
      for (const key of own(this.index.tails, tail) ? this.index.tails[tail] : []) {
        if (key.length > end - minStart || !f.startsWith(key, end - key.length)) continue;
        const r = this.reading(key);
        return {
          start: end - key.length,
          end,
          form: r.form,
          entries: r.entries,
          level: r.level,
          municipality: r.municipality,
        };
      }
    }
    if (!allowBare) return undefined;
    for (const [b, level] of BARE_LONGEST_FIRST) {
      if (end - minStart >= b.length && f.startsWith(b, end - b.length))
        return { start: end - b.length, end, form: 'bare', entries: [], level, municipality: false };
    }
    return undefined;
  }

  /**
   * Whether a place match may start at its position: named short forms (and two-character full names) need a
   * word boundary before them; bare prefixes must not be the end of an ordinary word (城市, 社区 …).
   */
  leftBoundaryOk(f: string, m: PlaceMatch): boolean {
    if (m.start === 0) return true;
    const prev = f.charCodeAt(m.start - 1);
    const prevCh = f[m.start - 1];
    if (m.form === 'bare') {
      if (FINE_BEFORE_BARE.has(prevCh)) return true;
      return !ORDINARY_BEFORE_BARE.has(prevCh + f.slice(m.start, m.start + 1));
    }
    if (m.form === 'full' && m.end - m.start >= 3) return true;
    return !isIdeograph(prev) || LEFT_FUNCTION.has(prevCh);
  }
}

interface CentralRef {
  id: string;
  from?: string;
  to?: string;
}

type Payload =
  | {
      type: 'C';
      refs: CentralRef[];
      /** The refs that name enterprises (set once the registry is read). */ enterprise?: CentralRef[];
    }
  | { type: 'L'; template: LocalTemplate; stem: string; bare: boolean }
  | { type: 'W'; template: LocalTemplate; pre: string; full: boolean }
  | { type: 'U' };

/** The place before a stem: its span in the text (with enclosing places: 山西省长治市; without 中共) and level. */
interface PlaceInfo {
  start: number;
  end: number;
  level: Level;
  municipality: boolean;
  form: PlaceMatch['form'];
  code?: string;
}

export type ReferenceHit =
  | {
      kind: 'central';
      start: number;
      end: number;
      refs: CentralRef[];
      alsoLocal?: { template: LocalTemplate; stem: string };
    }
  | {
      kind: 'local';
      start: number;
      end: number;
      template: LocalTemplate;
      stem: string;
      place?: PlaceInfo;
      inherited?: PlaceInfo;
      fullWrap?: boolean;
    }
  | { kind: 'unit'; start: number; end: number; enterprise: CentralRef[]; place?: PlaceInfo };

interface Cand {
  start: number;
  end: number;
  central?: CentralRef[];
  local?: { template: LocalTemplate; stem: string; place?: PlaceInfo; fullWrap?: boolean };
  /** A bare local stem (no place). */
  bare?: { template: LocalTemplate; stem: string };
  /** Of a central candidate: the bare local stem its pattern also is (扶贫办), whatever the boundaries. */
  alsoBare?: { template: LocalTemplate; stem: string };
  unit?: { enterprise: CentralRef[]; place?: PlaceInfo };
}

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
/** RIGHT_GUARD by code unit (no one-character string per hit). */
const RIGHT_GUARD_CODES = new Map(
  Object.entries(RIGHT_GUARD).map(([k, v]) => [k.charCodeAt(0), new Set([...v].map((c) => c.charCodeAt(0)))]),
);
const LEVEL_RANK: Record<Level, number> = { province: 0, prefecture: 1, county: 2 };
const codesOf = (s: string) => new Set([...s].map((c) => c.charCodeAt(0)));
const DOC_NUMBER_FIRST = codesOf('发函电');
const DOC_NUMBER_SECOND = codesOf('〔［');
/** 国办发〔2021〕13号: an issuing-body abbreviation inside a document number is not a mention (发函电 + 〔［ at `at`). */
function docNumberAt(f: string, at: number): boolean {
  return at + 1 < f.length && DOC_NUMBER_FIRST.has(f.charCodeAt(at)) && DOC_NUMBER_SECOND.has(f.charCodeAt(at + 1));
}
/** Characters after which a bare stem may start (besides punctuation). */
// 由、和 … and the last character of verbs that take an agency as object: 请, 会同, 联合, 指导, 督促, 报送, 移交, 向, 给.
const BARE_LEFT = codesOf('由和与及或、请同合导促送交向给托调织有是');
/** Characters that may follow a bare stem (besides punctuation). */
const BARE_RIGHT = codesOf('等和及与或负牵配参为的要应将在对会共联按依是已开做加落组协督指推抓');
/** What may stand between two items of one enumeration. */
const LIST_GAP = /^[、，；\s（）和及与]*$|^以及$|^[、，]?和$/;

export class ReferenceMatcher {
  private readonly ac = new AhoCorasick();
  private readonly payloads: Payload[][] = [];
  private readonly index = new Map<string, number>();

  constructor(
    registry: Registry,
    private readonly places: ReferencePlaces,
    private readonly folder: Folder,
  ) {
    for (const c of registry.central.values()) this.addCentral(c);
    for (const t of registry.local.values()) this.addLocal(t);
    for (const u of UNIT_SUFFIXES) this.add(u, { type: 'U' });
    for (const list of this.payloads)
      for (const p of list ?? [])
        if (p.type === 'C') p.enterprise = p.refs.filter((r) => registry.central.get(r.id)?.raw.kind === 'enterprise');
    this.ac.build();
  }

  /** Added in session 6: the characters inside registered names, last ones excepted (conjunctionInsideName). */
  private readonly beforeConjunction = new Set<string>();

  private add(pattern: string, payload: Payload) {
    const key = this.folder.fold(pattern);
    // (review6: every character inside a registered name, not only those right before a 和/与/及 of one.)
    for (const ch of key.slice(0, -1)) this.beforeConjunction.add(ch);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.ac.add(key);
      this.index.set(key, i);
      this.payloads[i] = [];
    }
    const list = this.payloads[i];
    if (payload.type === 'C') {
      const existing = list.find((p) => p.type === 'C') as Extract<Payload, { type: 'C' }> | undefined;
      if (existing) existing.refs.push(...payload.refs);
      else list.push(payload);
    } else list.push(payload);
  }

  private addCentral(c: Central) {
    for (const n of c.names) this.add(n.name, { type: 'C', refs: [{ id: c.id, from: n.from, to: n.to }] });
  }

  private addLocal(t: LocalTemplate) {
    const bareOk = t.raw.bare !== false;
    const bareNames = new Set(t.raw.bareNames ?? (bareOk ? t.raw.names : []));
    for (const n of t.raw.names) this.add(n, { type: 'L', template: t, stem: n, bare: bareOk && bareNames.has(n) });
    // 中国共产党长治市委员会宣传部: the party committee written in full (委 → 委员会).
    if (t.raw.partyPrefix)
      for (const n of t.raw.names)
        if (n.startsWith('委') && n.length > 1 && !n.startsWith('委员会'))
          this.add(`委员会${n.slice(1)}`, { type: 'L', template: t, stem: `委员会${n.slice(1)}`, bare: false });
    for (const n of bareNames)
      if (!t.raw.names.includes(n)) this.add(n, { type: 'L', template: t, stem: n, bare: true });
    if (t.raw.wrap) this.add(t.raw.wrap[1], { type: 'W', template: t, pre: t.raw.wrap[0], full: false });
    if (t.raw.fullWrap) this.add(t.raw.fullWrap[1], { type: 'W', template: t, pre: t.raw.fullWrap[0], full: true });
  }

  private guardOk(f: string, end: number): boolean {
    const guard = RIGHT_GUARD_CODES.get(f.charCodeAt(end - 1));
    return !(guard && end < f.length && guard.has(f.charCodeAt(end)));
  }

  /** The place chain (山西省长治市, 长治市, 市 …) ending at `end`, with its left boundary checked. */
  private placeBefore(f: string, end: number, needBoundary: boolean, minStemLen: number): PlaceInfo | undefined {
    let first = this.places.endingAt(f, end, 0, true);
    if (!first) return undefined;
    // A full place that is a word of prose and a bare place (会同 + 县), after a word or a clause mark: the bare place.
    if (first.form === 'full' && first.end - first.start > 2 && first.start > 0) {
      const before = f.charAt(first.start - 1);
      const verbEnd =
        isIdeograph(before.charCodeAt(0)) || '，；：,;:'.includes(before) ? leadInEndAt(f, first.start) : -1;
      const rest = verbEnd > 0 && verbEnd < end ? this.places.endingAt(f, end, verbEnd, true) : undefined;
      // (review6: not after a place of a higher level: 湖南省会同县, 怀化市会同县 are the county.)
      const outer = this.places.endingAt(f, first.start, 0, false);
      const county = outer !== undefined && LEVEL_RANK[outer.level] < LEVEL_RANK[first.level];
      if (!county && rest && rest.form === 'bare' && rest.start === verbEnd) first = rest;
    }
    if (first.form === 'short' && minStemLen < 2) return undefined;
    // Chain enclosing places of a higher level: 山西省长治市, 福建省三明市尤溪县 (not 会同 + 长治市).
    let outer: PlaceMatch = first;
    if (first.form !== 'bare') {
      for (;;) {
        const more = this.places.endingAt(f, outer.start, 0, false);
        if (!more || LEVEL_RANK[more.level] >= LEVEL_RANK[outer.level]) break;
        if (needBoundary && !this.places.leftBoundaryOk(f, more)) break;
        outer = more;
      }
    }
    if (needBoundary && !this.places.leftBoundaryOk(f, outer)) return undefined;
    return {
      start: outer.start,
      end,
      level: first.level,
      municipality: first.municipality,
      form: first.form,
      code: first.entries[0]?.code,
    };
  }

  /** Every agency hit in `text` (original, unfolded), leftmost-longest, non-overlapping. */
  scan(text: string): ReferenceHit[] {
    const f = this.folder.fold(text);
    const raw = this.ac.findAll(f);
    const cands: Cand[] = [];
    const enterpriseEnds = new Map<number, Array<{ start: number; refs: CentralRef[] }>>();
    for (const m of raw) {
      for (const p of this.payloads[m.pattern]) {
        if (p.type === 'C') {
          if (!this.guardOk(f, m.end) || docNumberAt(f, m.end)) continue;
          // (review6: a unit's name is short; after a level word only a name that is also a local stem is dropped.)
          if (
            (m.end - m.start <= 3 && unitOfOwnerRef(f, m.start)) ||
            (afterLevelWordRef(f, m.start) && this.payloads[m.pattern].some((x) => x.type === 'L'))
          )
            continue;
          // (acc-left3: a short form that is also a bare local stem keeps that stem even where the bare stem's own
          // boundary test fails: 县政府与扶贫办研究.)
          const alsoBare = this.payloads[m.pattern].find((x) => x.type === 'L' && x.bare);
          cands.push({
            start: m.start,
            end: m.end,
            central: p.refs,
            ...(alsoBare?.type === 'L' ? { alsoBare: { template: alsoBare.template, stem: alsoBare.stem } } : {}),
          });
          const ent = p.enterprise!;
          if (ent.length) {
            let l = enterpriseEnds.get(m.end);
            if (!l) enterpriseEnds.set(m.end, (l = []));
            l.push({ start: m.start, refs: ent });
          }
        } else if (p.type === 'L') {
          if (!this.guardOk(f, m.end)) continue;
          const place = this.placeBefore(f, m.start, true, p.stem.length);
          if (place) {
            let start = place.start;
            if (p.template.raw.partyPrefix)
              start -= f.startsWith('中国共产党', start - 5) ? 5 : f.slice(start - 2, start) === '中共' ? 2 : 0;
            cands.push({ start, end: m.end, local: { template: p.template, stem: p.stem, place } });
          }
          if (p.bare && this.bareBoundaryOk(f, m.start, m.end))
            cands.push({ start: m.start, end: m.end, bare: { template: p.template, stem: p.stem } });
        } else if (p.type === 'W') {
          const place = this.placeBefore(f, m.start, false, 2);
          if (!place || f.slice(place.start - p.pre.length, place.start) !== p.pre) continue;
          if (!this.guardOk(f, m.end)) continue;
          cands.push({
            start: place.start - p.pre.length,
            end: m.end,
            local: { template: p.template, stem: f.slice(m.start, m.end), place, fullWrap: p.full },
          });
        } else {
          // Enterprise unit: <enterprise>[<place>]<suffix>
          const place = this.placeBefore(f, m.start, false, 2);
          const entEnd = place ? place.start : m.start;
          const ents = enterpriseEnds.get(entEnd);
          if (!ents) continue;
          const ent = ents.reduce((a, b) => (b.start < a.start ? b : a));
          cands.push({ start: ent.start, end: m.end, unit: { enterprise: ent.refs, place } });
        }
      }
    }
    return this.select(f, cands);
  }

  private bareBoundaryOk(f: string, start: number, end: number): boolean {
    const left =
      start === 0 ||
      !isIdeograph(f.charCodeAt(start - 1)) ||
      BARE_LEFT.has(f.charCodeAt(start - 1)) ||
      afterLevelWordRef(f, start);
    const right = end >= f.length || !isIdeograph(f.charCodeAt(end)) || BARE_RIGHT.has(f.charCodeAt(end));
    return left && right && !conjunctionInsideName(f, start, this.beforeConjunction);
  }

  private select(f: string, cands: Cand[]): ReferenceHit[] {
    // Leftmost-longest; candidates of the same span are weighed together below (a central short name that is
    // also a bare local stem: 扶贫办, 发改委 — local when the enumeration has a place).
    cands.sort((a, b) => a.start - b.start || b.end - a.end || rank(a) - rank(b));
    const hits: ReferenceHit[] = [];
    let lastEnd = 0;
    let context: PlaceInfo | undefined; // place of the enumeration the previous hit belongs to
    let prevEnd = -1;
    for (let i = 0; i < cands.length; i++) {
      const c = cands[i];
      if (c.start < lastEnd) continue;
      // Alternatives of exactly this span.
      const same: Cand[] = [c];
      while (i + 1 < cands.length && cands[i + 1].start === c.start && cands[i + 1].end === c.end)
        same.push(cands[++i]);
      const inList = prevEnd >= 0 && c.start - prevEnd <= 3 && LIST_GAP.test(f.slice(prevEnd, c.start));
      const inherited = inList ? context : undefined;
      const local = same.find((x) => x.local);
      const unit = same.find((x) => x.unit);
      const central = same.find((x) => x.central);
      const bare = same.find((x) => x.bare);
      let hit: ReferenceHit | undefined;
      if (local?.local) hit = { kind: 'local', start: c.start, end: c.end, ...local.local };
      // A full central name (中国国家铁路集团有限公司) is not a unit of its own short name (中国国家铁路集团 + 有限公司).
      else if (unit?.unit && !central)
        hit = { kind: 'unit', start: c.start, end: c.end, enterprise: unit.unit.enterprise, place: unit.unit.place };
      else if (bare?.bare && (inherited || !central))
        hit = {
          kind: 'local',
          start: c.start,
          end: c.end,
          template: bare.bare.template,
          stem: bare.bare.stem,
          inherited,
        };
      else if (central?.central) {
        hit = { kind: 'central', start: c.start, end: c.end, refs: central.central };
        // A bare short form that is also a local stem (法制办, 扶贫办, 卫计委): the level is not known.
        if (bare?.bare) hit.alsoLocal = bare.bare;
        else if (central.alsoBare) hit.alsoLocal = central.alsoBare;
      }
      if (!hit) continue;
      // In a list of central bodies (卫生部、人口计生委、扶贫办 …) a bare short form is the central body.
      const prev = hits[hits.length - 1];
      if (hit.kind === 'central' && hit.alsoLocal && inList && prev?.kind === 'central' && !prev.alsoLocal)
        delete hit.alsoLocal;
      hits.push(hit);
      lastEnd = c.end;
      prevEnd = c.end;
      if (hit.kind === 'local') context = hit.place ?? hit.inherited;
      else if (hit.kind === 'central') context = undefined;
    }
    // …and when the other bodies of its sentence are central ones and none is local （人口计生委负责，公安部、卫生部配合）.
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
    for (const k of drop) delete (hits[k] as Extract<ReferenceHit, { kind: 'central' }>).alsoLocal;
    return hits;
  }
}

function rank(c: Cand): number {
  return c.local ? 0 : c.unit ? 1 : c.central ? 2 : 3;
}

/**
 * Added in session 5 with the product's conjunctionInName: a 和/与/及/以及 after an ideograph that ends no agency name
 * sits inside a compound name (教育和体育局, 文体广电和旅游局), so no bare stem starts after it.
 */
function conjunctionInsideName(f: string, start: number, beforeConjunction: Set<string>): boolean {
  const m = /(以及|[和与及])$/.exec(f.slice(Math.max(0, start - 2), start));
  if (!m) return false;
  const k = start - m[1].length - 1;
  // Session 6: and the ideograph stands before 和/与/及 in some registered name (化 of 文化和旅游局; not 层 of 基层与).
  return k >= 0 && isIdeograph(f.charCodeAt(k)) && !AGENCY_NAME_END_CHARS.includes(f[k]) && beforeConjunction.has(f[k]);
}

/**
 * Added in session 6 with the product's unitOfOwner / afterLevelWord: a central name right after 部/局/厅/署 ending a
 * word (总后勤部卫生部) is that department's unit; after a level word (各级, 两级, 县级) a name is the local bodies.
 */
function unitOfOwnerRef(f: string, start: number): boolean {
  // (review6: not a name only a national body has: 财政部国家卫生计生委 is two bodies.)
  return (
    start >= 2 &&
    /[部局厅署]/.test(f[start - 1]) &&
    isIdeograph(f.charCodeAt(start - 2)) &&
    !/^(国家|国务院|中央|中华人民共和国|中国|全国)/.test(f.slice(start))
  );
}
function afterLevelWordRef(f: string, start: number): boolean {
  return /[各两三四五六省市县区州盟旗乡镇村本同上下]级$/.test(f.slice(Math.max(0, start - 2), start));
}
