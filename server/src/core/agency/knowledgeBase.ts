// The agency knowledge base: registry + places + matcher, answering the AgencyKnowledgeBase queries of api.ts.
import { DataLoadError, readJson, type DataSource } from '../dataSource';
import { loadPlanIndex } from '../plan/index';
import type { PlanIndex } from '../plan/model';
import { PLAN_CATALOG, PLAN_IDS } from '../catalog/plans';
import type {
  AgencyCompletion,
  AgencyInfo,
  AgencyKnowledgeBase,
  AgencyMention,
  AgencyStatus,
  Reform,
  UnknownAgency,
} from './api';
import { Folder } from './fold';
import { Matcher, SCRATCH_LIMIT, type CentralRef, type Hit, type PlaceInfo } from './matcher';
import { checkPlacesData, Places, type PlacesData } from './places';
import {
  Registry,
  LEVELS,
  liveOn,
  signOn,
  establishedOn,
  keptInProblems,
  type Level,
  type LocalTemplate,
  type RegistryFile,
  type ResolvedReform,
  type Sign,
} from './registry';
import { compileSchema, formatProblems, type SchemaCheck } from './validate';
import { findUnknowns, unknownsScratch } from './unknowns';
import { localFamilies, variantOf } from './variants';
import { Completer } from './complete';
import type { CompleterHost, PlaceRef, UnknownsHost } from './host';

export interface AgencyIndexFiles {
  agencies: {
    inputsHash: string;
    files: Array<{ file: string; content: RegistryFile }>;
  };
  places: PlacesData;
  t2s: { pairs: string };
  /**
   * Pinyin and initials of every registry name (data/index/pinyin.json), read on first use: completion and fuzzy
   * suggestions only (a one-shot check of a document without an unknown name never parses it).
   */
  pinyin: () => Record<string, [string, string]>;
  /** The JSON schema (data/agencies/agency.schema.json), for custom agency files. */
  schema: object;
}

export function readAgencyIndexFiles(data: DataSource): AgencyIndexFiles {
  return {
    agencies: readJson(data, 'index/agencies.json'),
    places: readPlaces(data),
    t2s: readJson(data, 'index/t2s.json'),
    pinyin: () => readJson<{ pinyin: Record<string, [string, string]> }>(data, 'index/pinyin.json').pinyin,
    schema: readJson(data, 'agencies/agency.schema.json'),
  };
}

/** data/index/places.json, checked to be in the format Places reads (an error names the file). */
function readPlaces(data: DataSource): PlacesData {
  const file = 'index/places.json';
  const x = readJson<unknown>(data, file);
  try {
    checkPlacesData(x);
  } catch (e) {
    throw new DataLoadError(`数据文件格式不对 / data file has the wrong format: ${file}: ${(e as Error).message}`);
  }
  return x;
}

/** The bodies live on `date` that an abolished body's successors lead to, and the reforms on the way. */
function successorChain<T extends { raw: { validTo?: string; successors?: string[] }; reform?: ResolvedReform }>(
  all: Map<string, T>,
  id: string,
  date: string,
  seen = new Set<string>(),
): { current: T[]; reforms: ResolvedReform[] } {
  const x = all.get(id);
  if (!x || seen.has(id)) return { current: [], reforms: [] };
  seen.add(id);
  if (liveOn(x.raw, date)) return { current: [x], reforms: [] };
  const current: T[] = [];
  const reforms: ResolvedReform[] = x.reform ? [x.reform] : [];
  for (const s of x.raw.successors ?? []) {
    const sub = successorChain(all, s, date, seen);
    for (const c of sub.current) if (!current.includes(c)) current.push(c);
    for (const r of sub.reforms) if (!reforms.includes(r)) reforms.push(r);
  }
  return { current, reforms };
}

/** Whether `d` is written YYYY-MM-DD (/^\d{4}-\d{2}-\d{2}$/; code units compared: no RegExp run per line scanned). */
export function isValidDate(d: string): boolean {
  if (typeof d !== 'string') return /^\d{4}-\d{2}-\d{2}$/.test(d);
  if (d.length !== 10 || d.charCodeAt(4) !== 45 /* - */ || d.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = d.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The optional validity fields of an AgencyInfo (central body or local template), set only when the entry has them. */
function addValidity(
  info: AgencyInfo,
  raw: { validFrom?: string; validTo?: string; unverified?: string[] },
  reform: ResolvedReform | undefined,
): void {
  if (raw.validFrom) info.validFrom = raw.validFrom;
  if (raw.validTo) info.validTo = raw.validTo;
  const r = reformOf(reform);
  if (r) info.reform = r;
  if (raw.unverified?.length) info.unverified = raw.unverified;
}

function reformOf(r: ResolvedReform | undefined): Reform | undefined {
  if (!r) return undefined;
  const out: Reform = { name: r.name, date: r.date, summary: r.summary, sources: r.sources };
  if (r.unverified) out.unverified = true;
  return out;
}

export class KnowledgeBase implements AgencyKnowledgeBase, CompleterHost, UnknownsHost {
  readonly folder: Folder;
  readonly places: Places;
  readonly registry = new Registry();
  /** See AgencyKnowledgeBase.revision: counts the changes of the names (refresh). */
  revision = 0;
  private matcher: Matcher;
  private readonly centralInfo = new Map<string, AgencyInfo>();
  private readonly predecessorsOf = new Map<string, Array<{ id: string; name: string; reform?: Reform }>>();
  private readonly localPredecessorsOf = new Map<string, LocalTemplate[]>();
  /** Signs by host id. */
  private readonly signsOn = new Map<string, Sign[]>();
  private completer: Completer | undefined;
  /** Memo of suggest() (fuzzy search is the costliest step of unknowns()); emptied when the registry changes. */
  private suggestions = new Map<string, string[]>();
  /**
   * Memo of lookup() by (date, name): clause checks look the same few names up for every clause of a document.
   * Bounded, emptied when the registry changes.
   */
  private lookups = new Map<string, Map<string, { info: AgencyInfo; status: AgencyStatus } | null>>();
  private lookupsSize = 0;
  /** The provinces that keep each template's name (keptIn resolved against the places index; built on first use). */
  private keeperMap: Map<string, Keeper[]> | undefined;
  /** The current status of a name at each keeper (one object per keeper: the analysis memoises by status). */
  private readonly keptStatuses = new Map<Keeper, AgencyStatus>();
  /** Memo of localize() by (date, locality, name), like `lookups`. */
  private localized = new Map<string, string | null>();
  /** Values other modules derive from this knowledge base (memo()), emptied when the registry changes. */
  private readonly derived = new Map<string, unknown>();
  private measures: Map<string, { lead: string[]; cooperating: string[] }> | undefined;
  /** The pinyin table (AgencyIndexFiles.pinyin), read on the first `pinyin` read; completion adds names to it. */
  private pinyinTable: Record<string, [string, string]> | undefined;
  private readonly readPinyin: () => Record<string, [string, string]>;
  get pinyin(): Record<string, [string, string]> {
    return (this.pinyinTable ??= this.readPinyin());
  }
  private readonly schema: object;
  /** The schema compiled on the first custom file (ajv is loaded then). */
  private schemaCheck?: SchemaCheck;

  /**
   * @param plans the plan index, read (once) by measuresOf() only: the plan measures a body leads or cooperates in.
   *   Its load errors surface there.
   * @param folder a folder built from the same pairs (the plan index's), shared instead of building a second table;
   *   one built from other pairs is not used.
   */
  constructor(
    files: AgencyIndexFiles,
    private readonly plans: () => PlanIndex,
    folder?: Folder,
  ) {
    this.folder = folder && folder.pairs === files.t2s.pairs ? folder : new Folder(files.t2s.pairs);
    this.places = new Places(files.places, this.folder);
    this.schema = files.schema;
    this.readPinyin = files.pinyin;
    for (const { file, content } of files.agencies.files) {
      const problems = this.registry.add(content, file);
      if (problems.length) throw new Error(formatProblems(file, problems).join('\n'));
    }
    this.matcher = new Matcher(this.registry, this.places, this.folder);
    this.indexRelations();
  }

  private indexRelations() {
    this.centralInfo.clear();
    this.predecessorsOf.clear();
    this.localPredecessorsOf.clear();
    // Hover histories list a body as a predecessor of its first (main) successor only: 质检总局 is not a predecessor
    // of 海关总署, 县委防范办 not of 县公安局 (they only took over some duties).
    for (const c of this.registry.central.values()) {
      for (const s of (c.raw.successors ?? []).slice(0, 1)) {
        let l = this.predecessorsOf.get(s);
        if (!l) this.predecessorsOf.set(s, (l = []));
        const p: { id: string; name: string; reform?: Reform } = { id: c.id, name: c.fullName };
        const r = reformOf(c.reform);
        if (r) p.reform = r;
        l.push(p);
      }
    }
    for (const t of this.registry.local.values()) {
      for (const s of (t.raw.successors ?? []).slice(0, 1)) {
        let l = this.localPredecessorsOf.get(s);
        if (!l) this.localPredecessorsOf.set(s, (l = []));
        l.push(t);
      }
    }
    this.signsOn.clear();
    for (const list of this.registry.signs.values()) {
      for (const g of list) {
        const l = this.signsOn.get(g.host) ?? [];
        l.push(g);
        this.signsOn.set(g.host, l);
      }
    }
    this.completer = undefined;
    this.suggestions.clear();
    this.lookups.clear();
    this.lookupsSize = 0;
    this.localized.clear();
    this.derived.clear();
    this.mirrors = undefined;
    this.keeperMap = undefined;
    this.keptViaMap = undefined;
    this.keptStatuses.clear();
  }

  memo<T>(key: string, compute: () => T): T {
    if (!this.derived.has(key)) this.derived.set(key, compute());
    return this.derived.get(key) as T;
  }

  // ---------------------------------------------------------------- central bodies

  /** Static information about a central body (no date involved). */
  info(id: string): AgencyInfo | undefined {
    const cached = this.centralInfo.get(id);
    if (cached) return cached;
    const c = this.registry.central.get(id);
    if (!c) return undefined;
    const info: AgencyInfo = {
      id: c.id,
      fullName: c.fullName,
      displayName: c.displayName,
      shortNames: c.names.map((n) => n.name).filter((n) => n !== c.fullName && n !== c.displayName),
      kind: c.raw.kind,
      level: 'central',
      successors: (c.raw.successors ?? []).map((s) => ({
        id: s,
        name: this.registry.central.get(s)?.displayName ?? s,
      })),
      predecessors: this.predecessorsOf.get(c.id) ?? [],
      sources: c.sources,
    };
    addValidity(info, c.raw, c.reform);
    this.addSigns(info, c.id, (x) => this.registry.central.get(x)?.displayName);
    this.centralInfo.set(id, info);
    return info;
  }

  /** Sign facts for hover: where this name hangs as a sign, and which signs hang on this body. */
  private addSigns(info: AgencyInfo, id: string, nameOf: (id: string) => string | undefined): void {
    const win = (g: Sign, other: string) => {
      const w: { id: string; name: string; from?: string; to?: string; varies?: boolean } = {
        id: other,
        name: nameOf(other) ?? other,
      };
      if (g.from) w.from = g.from;
      if (g.to) w.to = g.to;
      if (g.varies) w.varies = true;
      return w;
    };
    const of = (this.registry.signs.get(id) ?? []).map((g) => win(g, g.host));
    if (of.length) info.signOf = of;
    const on = (this.signsOn.get(id) ?? []).map((g) => win(g, g.sign));
    if (on.length) info.signs = on;
  }

  /** The sign of body `id` that hangs on `date`, if any. */
  private liveSign(id: string, date: string): Sign | undefined {
    return this.registry.signs.get(id)?.find((g) => signOn(g, date));
  }

  /** The body a (possibly ambiguous) name designates on `date`. */
  private resolveRefs(refs: CentralRef[], date: string): string {
    if (refs.length === 1) return refs[0].id;
    const inWindow = refs.filter((r) => (!r.from || date >= r.from) && (!r.to || date < r.to));
    if (inWindow.length) return inWindow[0].id;
    const sorted = [...refs].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
    return date < (sorted[0].to ?? sorted[0].from ?? '9999') ? sorted[0].id : sorted[sorted.length - 1].id;
  }

  centralStatus(id: string, date: string): AgencyStatus {
    const c = this.registry.central.get(id);
    if (!c) return { current: true, replacement: [] };
    if (!establishedOn(c.raw, date)) {
      // Used before the body existed: the names valid then are its predecessors live on the date.
      const before = this.livePredecessors(this.registry.central, (x) => x.raw.successors ?? [], id, date).map(
        (x) => x.displayName,
      );
      return { current: false, replacement: before, notYet: c.raw.validFrom! };
    }
    if (liveOn(c.raw, date)) return { current: true, replacement: [] };
    const sign = this.liveSign(id, date);
    if (sign) {
      const host = this.registry.central.get(sign.host);
      if (host && liveOn(host.raw, date))
        return {
          current: true,
          replacement: [],
          sign: { host: host.displayName, hostId: host.id, varies: !!sign.varies },
        };
    }
    const chain = successorChain(this.registry.central, id, date);
    const replacement = chain.current.map((x) => x.displayName);
    return this.outdatedStatus(c.raw.validTo!, chain.reforms, replacement, c.displayName);
  }

  /** Bodies live on `date` whose successors lead (transitively) to `id`: what a name meant before `id` existed. */
  private livePredecessors<T extends { id: string; raw: { validFrom?: string; validTo?: string; kind: string } }>(
    all: Map<string, T>,
    successorsOf: (x: T) => string[],
    id: string,
    date: string,
  ): T[] {
    const out: T[] = [];
    const seen = new Set<string>([id]);
    let frontier = [id];
    while (frontier.length) {
      const next: string[] = [];
      for (const x of all.values()) {
        if (seen.has(x.id) || !successorsOf(x).some((s) => frontier.includes(s))) continue;
        seen.add(x.id);
        if (liveOn(x.raw, date) && establishedOn(x.raw, date)) out.push(x);
        else next.push(x.id);
      }
      frontier = next;
    }
    // What a ministry was called before: the ministry (国家卫生计生委), not a coordination office merged into it.
    const kind = all.get(id)?.raw.kind;
    const same = out.filter((x) => x.raw.kind === kind);
    return same.length ? same : out;
  }

  private outdatedStatus(since: string, reforms: ResolvedReform[], replacement: string[], name: string): AgencyStatus {
    const s: AgencyStatus = { current: false, replacement, since };
    if (reforms.length) {
      s.reform = reforms.map((r) => `${r.name}：${r.summary}`).join('；');
      // Shape kept stable: other modules' tests pin it.
      const first = reforms[0];
      s.reformEn = `${first.nameEn ?? first.name} (${first.date}): “${name}” is no longer in use${replacement.length ? `; now ${replacement.join(', ')}` : ''}`;
    }
    return s;
  }

  // ---------------------------------------------------------------- local bodies

  private localForm(t: LocalTemplate, level: Level, municipality: boolean, short: boolean): string {
    const lv: Level = municipality ? 'prefecture' : level;
    return (short ? pickForm(t.raw.shortForms, lv) : undefined) ?? pickForm(t.raw.forms, lv) ?? t.raw.names[0] ?? '';
  }

  /** `<place><form>` honouring wrap templates (团市委). */
  localName(t: LocalTemplate, place: PlaceRef, short: boolean): string {
    if (t.raw.wrap)
      return short || !t.raw.fullWrap
        ? `${t.raw.wrap[0]}${place.text}${t.raw.wrap[1]}`
        : `${t.raw.fullWrap[0]}${place.text}${t.raw.fullWrap[1]}`;
    return place.text + this.localForm(t, place.level, place.municipality, short);
  }

  /**
   * The name of template `t` at a place; for a bare name (no place) the template's own bare stem, so that a bare
   * 综治办 becomes 政法委, never the malformed 委政法委. Undefined when the template has no bare form.
   */
  private bareSafeName(t: LocalTemplate, place: PlaceRef, short: boolean): string | undefined {
    // Bodies named without the administrative place (太原海关, not 山西省海关): only the bare form is safe.
    if (t.raw.placeless) return t.raw.forms[place.level] ?? t.raw.names[0];
    if (place.text) return this.localName(t, place, short);
    if (t.raw.bare === false || t.raw.wrap) return undefined;
    const form = this.localForm(t, place.level, place.municipality, short);
    const bare = new Set(t.raw.bareNames ?? t.raw.names);
    if (bare.has(form)) return form;
    // 委政法委 → 政法委: the bare stem the form ends with.
    const tail = [...bare].filter((b) => form.endsWith(b)).sort((a, b) => b.length - a.length)[0];
    return tail;
  }

  /**
   * The name at the place's level when `stem` is a provincial department's own form ending in 厅 (公安厅, 工信厅) and
   * the place is a prefecture or a county, named (长治市, 尤溪县) or bare (市, 县, 区, 州, 盟, 旗): no such body exists
   * there. Not for 办公厅 (a municipality's 市政府办公厅 and 市委办公厅 are right), provinces and municipalities,
   * templates whose form varies by place, or a stem some lower level also uses.
   */
  private provincialFormBelow(
    t: LocalTemplate,
    place: PlaceRef | undefined,
    stem: string,
    fullWrap: boolean,
    forceShort: boolean,
  ) {
    if (!place || place.municipality || place.level === 'province') return undefined;
    if (t.raw.varies || t.raw.wrap || t.raw.placeless) return undefined;
    if (!stem.endsWith('厅') || stem.endsWith('办公厅')) return undefined;
    // The provincial form only: no lower level names its body so.
    const stemLevels = stemLevelsOf(t, stem);
    if (stemLevels.length !== 1 || stemLevels[0] !== 'province') return undefined;
    const expected = this.localName(t, place, forceShort || this.writtenShort(t, stem, fullWrap));
    return expected && !expected.endsWith(stem) ? [expected] : undefined;
  }

  /** Whether the stem as written is a short form (replacements then use short forms too). */
  private writtenShort(t: LocalTemplate, stem: string, fullWrap: boolean): boolean {
    if (t.raw.wrap) return !fullWrap;
    return !LEVELS.some((l) => t.raw.forms[l] === stem);
  }

  localInfo(t: LocalTemplate, place: PlaceRef | undefined, written: string): AgencyInfo {
    const level: AgencyInfo['level'] = place ? place.level : 'generic-local';
    const p = place ?? { text: '', level: 'prefecture' as Level, municipality: false };
    const key = place ? `${t.id}@${place.text}` : t.id;
    const info: AgencyInfo = {
      id: key,
      fullName: this.localName(t, p, false),
      displayName: written,
      shortNames: [],
      kind: t.raw.kind,
      level,
      successors: this.localSuccessors(t, place, p),
      predecessors: this.localPredecessors(t, place, p),
      sources: t.sources,
    };
    addValidity(info, t.raw, t.reform);
    if (t.raw.mirrors) {
      const m = this.registry.central.get(t.raw.mirrors);
      if (m) info.mirrors = { id: m.id, name: m.displayName };
    }
    if (place) info.place = place.written ?? place.text;
    // Most templates hang no sign and carry none: no closure for addSigns to call.
    if (this.registry.signs.has(t.id) || this.signsOn.has(t.id))
      this.addSigns(info, t.id, (x) => {
        const lt = this.registry.local.get(x);
        return lt ? this.localName(lt, p, false) : undefined;
      });
    return info;
  }

  /** localInfo's successors of `t` at `place` (`p`: the place or a bare prefecture), in the template's order. */
  private localSuccessors(t: LocalTemplate, place: PlaceRef | undefined, p: PlaceRef): AgencyInfo['successors'] {
    const out: AgencyInfo['successors'] = [];
    const list = t.raw.successors;
    if (!list) return out;
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      const st = this.registry.local.get(s);
      if (st) out.push({ id: place ? `${s}@${place.text}` : s, name: this.localName(st, p, false) });
    }
    return out;
  }

  /** localInfo's predecessors of `t` at `place`, as localPredecessorsOf lists them. */
  private localPredecessors(t: LocalTemplate, place: PlaceRef | undefined, p: PlaceRef): AgencyInfo['predecessors'] {
    const out: AgencyInfo['predecessors'] = [];
    const list = this.localPredecessorsOf.get(t.id);
    if (!list) return out;
    for (let i = 0; i < list.length; i++) {
      const pt = list[i];
      const x: { id: string; name: string; reform?: Reform } = {
        id: place ? `${pt.id}@${place.text}` : pt.id,
        name: this.localName(pt, p, false),
      };
      const r = reformOf(pt.reform);
      if (r) x.reform = r;
      out.push(x);
    }
    return out;
  }

  /** Whether the stem as written is the same in full and short form (卫生局): the document's style decides. */
  neutralStem(t: LocalTemplate, stem: string): boolean {
    if (t.raw.wrap) return false;
    return !LEVELS.some((l) => t.raw.shortForms?.[l] === stem && t.raw.forms[l] !== stem);
  }

  /** Whether the stem is a distinct short form (人口计生局, 卫健局): the list it stands in is written in short forms. */
  distinctShort(t: LocalTemplate, stem: string): boolean {
    return !t.raw.wrap && LEVELS.some((l) => t.raw.shortForms?.[l] === stem && t.raw.forms[l] !== stem);
  }

  localStatus(
    t: LocalTemplate,
    place: PlaceRef | undefined,
    stem: string,
    fullWrap: boolean,
    date: string,
    written: string,
    forceShort = false,
  ): AgencyStatus {
    // The usual answer (a body live on the date) first, computing only what it needs.
    if (establishedOn(t.raw, date) && liveOn(t.raw, date)) {
      const expected = this.provincialFormBelow(t, place, stem, fullWrap, forceShort);
      return expected
        ? { current: true, replacement: [], wrongLevel: { expected } }
        : { current: true, replacement: [] };
    }
    return this.localStatusNotLive(t, place, stem, fullWrap, date, written, forceShort);
  }

  // ---------------------------------------------------------------- names kept by some provinces (keptIn)

  /** The provinces keeping each template's name, by template id (only templates with keptIn). */
  private keepers(): Map<string, Keeper[]> {
    if (this.keeperMap) return this.keeperMap;
    const map = new Map<string, Keeper[]>();
    for (const t of this.registry.local.values()) {
      for (const k of t.raw.keptIn ?? []) {
        const province = this.provinceCode(k.place);
        if (province === undefined) continue;
        const keeper: Keeper = {
          province,
          place: k.place,
          names: k.names ? new Set(k.names) : undefined,
          to: k.to,
          sources: (k.sources ?? []).map((x) => this.registry.sources.get(x) ?? x),
          unverified: (k.unverified?.length ?? 0) > 0,
        };
        const list = map.get(t.id);
        if (list) list.push(keeper);
        else map.set(t.id, [keeper]);
      }
    }
    return (this.keeperMap = map);
  }

  /** The code (two digits) of the province-level place named `place`, undefined unless exactly one. */
  provinceCode(place: string): string | undefined {
    const m = this.places.parse(place);
    if (!m || m.level !== 'province') return undefined;
    const codes = provinceSet(m.entries);
    return codes.length === 1 ? codes[0] : undefined;
  }

  /**
   * The provinces a place written as `written` (a named place, possibly with its enclosing places: 内蒙古自治区呼和浩特市,
   * 渝中区) may lie in, by their two-digit codes; undefined for a bare prefix (市, 县) or no place. An outer place
   * narrows an ambiguous inner one (新城区 is in 呼和浩特 and 西安; 内蒙古新城区 only in 内蒙古).
   */
  provincesOf(written: string): string[] | undefined {
    const f = this.folder.fold(written);
    let end = f.length;
    const inner = end > 0 ? this.places.readingAt(f, end, 0, false) : undefined;
    if (!inner || inner.form === 'bare' || inner.entries.length === 0) return undefined;
    let set = provinceSet(inner.entries);
    end -= inner.length;
    while (end > 0) {
      const outer = this.places.readingAt(f, end, 0, false);
      if (!outer || outer.entries.length === 0) break;
      const outerSet = provinceSet(outer.entries);
      const both = set.filter((p) => outerSet.includes(p));
      if (both.length) set = both;
      end -= outer.length;
    }
    return set;
  }

  /**
   * The current status of template `t`'s name `stem` at a place in `provinces` on `date`, when every one of them keeps
   * it (an ambiguous place some of whose readings do not keep the name stays outdated).
   */
  private keptFor(
    t: LocalTemplate,
    stem: string,
    provinces: readonly string[] | undefined,
    date: string,
  ): AgencyStatus | undefined {
    const list = this.keepers().get(t.id);
    if (!list || !provinces || provinces.length === 0) return undefined;
    let first: Keeper | undefined;
    for (const p of provinces) {
      const k = list.find((x) => x.province === p && (!x.names || x.names.has(stem)) && (!x.to || date < x.to));
      if (!k) return undefined;
      first ??= k;
    }
    let status = this.keptStatuses.get(first!);
    if (!status) {
      const keptAt: NonNullable<AgencyStatus['keptAt']> = { place: first!.place, sources: first!.sources };
      if (first!.unverified) keptAt.unverified = true;
      status = { current: true, replacement: [], keptAt };
      this.keptStatuses.set(first!, status);
    }
    return status;
  }

  /**
   * The templates with keptIn that `t` is or leads to through its successors (l-jingwei: l-jingxinwei), by template
   * id; only templates that reach one are keys. Built with the keepers.
   */
  private keptViaMap: Map<string, LocalTemplate[]> | undefined;

  private keptVia(): Map<string, LocalTemplate[]> {
    if (this.keptViaMap) return this.keptViaMap;
    const keepers = this.keepers();
    const map = new Map<string, LocalTemplate[]>();
    for (const t of this.registry.local.values()) {
      const found: LocalTemplate[] = [];
      const seen = new Set<string>();
      let frontier = [t];
      while (frontier.length) {
        const next: LocalTemplate[] = [];
        for (const x of frontier) {
          if (seen.has(x.id)) continue;
          seen.add(x.id);
          if (keepers.has(x.id)) found.push(x);
          for (const s of x.raw.successors ?? []) {
            const y = this.registry.local.get(s);
            if (y) next.push(y);
          }
        }
        frontier = next;
      }
      if (found.length) map.set(t.id, found);
    }
    return (this.keptViaMap = map);
  }

  /**
   * The status at a place in `provinces` of outdated name `stem` of `t` (status `outdated`): current where they keep
   * it; where they keep another name of `t` or of a successor (呼和浩特市农牧业局: 农牧局; 上海市经委: 经济和信息化委员会),
   * that name at `place` replaces it instead of the one other places took (呼和浩特市农业农村局, 上海市工信局).
   * Undefined when the provinces keep nothing `t` leads to.
   */
  private atKeeper(
    t: LocalTemplate,
    stem: string,
    provinces: readonly string[] | undefined,
    date: string,
    outdated: AgencyStatus,
    place: PlaceRef | undefined,
    forceShort: boolean,
  ): AgencyStatus | undefined {
    const kept = this.keptFor(t, stem, provinces, date);
    if (kept || outdated.notYet || !place || t.raw.wrap) return kept;
    const short = forceShort || this.writtenShort(t, stem, false);
    let name: string | undefined;
    for (const k of this.keptVia().get(t.id) ?? []) {
      if (k.raw.wrap) continue;
      const n = this.localName(k, place, short);
      const form = n.slice(place.text.length);
      if ((k !== t || form !== stem) && this.keptFor(k, form, provinces, date)) {
        name = n;
        break;
      }
    }
    if (name === undefined) return undefined;
    const status: AgencyStatus = { ...outdated, replacement: [name] };
    const now = `; now ${outdated.replacement.join(', ')}`;
    if (status.reformEn?.endsWith(now)) status.reformEn = `${status.reformEn.slice(0, -now.length)}; now ${name}`;
    return status;
  }

  /**
   * `status` of local hit `h` at its named place (own or inherited; 呼和浩特市农牧局): atKeeper() there when its
   * province keeps a name `h` leads to, else `status` (depends only on what the reading depends on).
   */
  private keptByNamedPlace(
    text: string,
    h: Extract<Hit, { kind: 'local' }>,
    status: AgencyStatus,
    replacePlace: PlaceRef | undefined,
    date: string,
    short: boolean,
  ): AgencyStatus {
    const named = h.place ?? h.inherited;
    if (status.current || !named || named.form === 'bare' || !this.keptVia().has(h.template.id)) return status;
    const provinces = this.provincesOf(text.slice(named.start, named.end));
    return this.atKeeper(h.template, h.stem, provinces, date, status, replacePlace, short) ?? status;
  }

  /** atKeeper() of mention `h` (reading `r`, keepable) without a named place, at the document's provinces. */
  private keptInDocument(
    text: string,
    h: Hit,
    r: MentionReading,
    status: AgencyStatus,
    provinces: readonly string[],
    date: string,
    short: boolean,
  ): AgencyStatus | undefined {
    const place = h.kind === 'local' && h.place ? this.placeRef(text, h.place) : undefined;
    return this.atKeeper(r.template!, r.stem!, provinces, date, status, place, short);
  }

  keptAt(place: PlaceRef, date: string): { kept: LocalTemplate[]; replaced: Set<string> } {
    const kept: LocalTemplate[] = [];
    const replaced = new Set<string>();
    const keepers = this.keepers();
    if (keepers.size === 0 || !place.text) return { kept, replaced };
    const provinces = this.provincesOf(place.text);
    if (!provinces) return { kept, replaced };
    for (const id of keepers.keys()) {
      const t = this.registry.local.get(id);
      if (!t || liveOn(t.raw, date) || t.raw.wrap) continue;
      if (!this.keptFor(t, this.localForm(t, place.level, place.municipality, false), provinces, date)) continue;
      kept.push(t);
      for (const s of t.raw.successors ?? []) replaced.add(s);
    }
    return { kept, replaced };
  }

  /** localStatus() of a body not (yet or any more) live on `date`. */
  private localStatusNotLive(
    t: LocalTemplate,
    place: PlaceRef | undefined,
    stem: string,
    fullWrap: boolean,
    date: string,
    written: string,
    forceShort: boolean,
  ): AgencyStatus {
    const short = forceShort || this.writtenShort(t, stem, fullWrap);
    // A bare stem that only one level uses (公安消防支队: prefecture) names that level.
    const stemLevels = stemLevelsOf(t, stem);
    const bareLevels: Level[] = stemLevels.length === 1 ? stemLevels : ['prefecture', 'county'];
    const places: PlaceRef[] = place
      ? writtenLevelPlaces(place, stemLevels)
      : bareLevels.map((level) => ({ text: '', level, municipality: false }));
    const names = (list: LocalTemplate[]) => {
      const out: string[] = [];
      for (const ct of list)
        for (const pl of places) {
          const n = this.bareSafeName(ct, pl, short);
          if (n && !out.includes(n)) out.push(n);
        }
      return out;
    };
    if (!establishedOn(t.raw, date)) {
      const before = this.livePredecessors(this.registry.local, (x) => x.raw.successors ?? [], t.id, date);
      const st: AgencyStatus = { current: false, replacement: names(before), notYet: t.raw.validFrom! };
      // A predecessor split among several bodies (省金融工作局 → 地方金融管理局 and 省委金融办) is no provable
      // earlier name of this one: listed, never applied automatically.
      if (before.some((b) => (b.raw.successors ?? []).length > 1)) st.levelUnknown = true;
      return st;
    }
    const sign = this.liveSign(t.id, date);
    const host = sign && this.registry.local.get(sign.host);
    if (sign && host && liveOn(host.raw, date)) {
      const hostName = names([host])[0] ?? this.localForm(host, places[0].level, places[0].municipality, short);
      return { current: true, replacement: [], sign: { host: hostName, hostId: host.id, varies: !!sign.varies } };
    }
    const chain = successorChain(this.registry.local, t.id, date);
    const replacement: string[] = [];
    for (const ct of chain.current) {
      for (const pl of places) {
        const n = this.bareSafeName(ct, pl, short);
        if (n && !replacement.includes(n)) replacement.push(n);
      }
    }
    const st = this.outdatedStatus(t.raw.validTo!, chain.reforms, replacement, written);
    if (t.raw.varies) st.uncertain = true;
    // 太原海关 is named by its city, not by the place written here: the bare 海关 is no provable fix.
    if (chain.current.some((ct) => ct.raw.placeless)) st.levelUnknown = true;
    return st;
  }

  // ---------------------------------------------------------------- scanning

  private placeRef(text: string, p: PlaceInfo | undefined): PlaceRef | undefined {
    if (!p) return undefined;
    const written = text.slice(p.start, p.end);
    // Names, ids and replacements use the simplified form; `place` keeps what the text says.
    return { text: this.folder.fold(written), written, level: p.level, municipality: p.municipality };
  }

  /**
   * Info and status of a hit depend only on what is written, how the matcher classified it and the date; documents
   * repeat the same names many times, so they are memoised (emptied when the registry changes).
   */
  // Keyed by date, then by a number made of a few code units of the text written and its length (writtenKey: no
  // slice of the text and no string hash per mention); the readings under one key — of one text written, or of texts
  // whose keys collide — are told apart by the text written (compared in place) and the fields the reading depends on
  // (kind, refs or template and stem, the place's offsets in the text written or the inherited place's text, level and
  // form).
  private mentionMemo = new Map<string, Map<number, MentionReading[]>>();
  private mentionMemoSize = 0;
  /** The last date's map (a document is scanned at one date). */
  private memoDate: string | undefined;
  private memoByKey: Map<number, MentionReading[]> | undefined;

  /**
   * The memoised reading of hit `h` (computed on first sight); its info is null when the hit names no body. Its
   * `written` is text.slice(h.start, h.end), made once per reading.
   */
  private reading(text: string, h: Hit, date: string): MentionReading {
    let byKey = this.memoDate === date ? this.memoByKey : undefined;
    if (!byKey) {
      byKey = this.mentionMemo.get(date);
      if (!byKey) this.mentionMemo.set(date, (byKey = new Map()));
      this.memoDate = date;
      this.memoByKey = byKey;
    }
    const start = h.start;
    const length = h.end - start;
    const key = writtenKey(text, start, h.end);
    const list = byKey.get(key);
    if (list) {
      for (let i = 0; i < list.length; i++) {
        const r = list[i];
        if (r.written.length === length && text.startsWith(r.written, start) && sameReading(r, h, text)) return r;
      }
    }
    return this.readingFresh(text, h, date, key, byKey, list);
  }

  /** reading() on first sight: computed and remembered (its own function: the memo's hit path stays small). */
  private readingFresh(
    text: string,
    h: Hit,
    date: string,
    key: number,
    byKey: Map<number, MentionReading[]>,
    known: MentionReading[] | undefined,
  ): MentionReading {
    let list = known;
    const written = text.slice(h.start, h.end);
    const r = newReading(h, text, written);
    const m = this.computeMention(text, h, date, written);
    if (m) {
      r.info = m.info;
      r.status = m.status;
      r.signId = this.signIdOf(m.info);
      if (h.kind === 'local') {
        r.distinctShort = this.distinctShort(h.template, h.stem);
        r.neutral = this.neutralStem(h.template, h.stem);
        // No named place (自治区农牧厅, 农牧局 alone): the document's locality may keep the name.
        const named = h.place ?? h.inherited;
        r.keepable =
          !m.status.current &&
          !m.status.notYet &&
          !(named && named.form !== 'bare') &&
          this.keptVia().has(h.template.id);
      }
    }
    if (this.mentionMemoSize >= 20000) {
      this.mentionMemo.clear();
      this.mentionMemoSize = 0;
      this.mentionMemo.set(date, (byKey = new Map()));
      this.memoByKey = byKey;
      list = undefined;
    }
    if (list) list.push(r);
    else byKey.set(key, [r]);
    this.mentionMemoSize++;
    return r;
  }

  /**
   * A bare short form in a local plan (法制办 in a county plan) is the body of the document's level: the mention of
   * central hit `h` (with alsoLocal) read at `docLevel`, undefined when the local reading names no body.
   */
  private docLevelMention(
    text: string,
    h: Extract<Hit, { kind: 'central' }>,
    also: { template: LocalTemplate; stem: string },
    date: string,
    docLevel: PlaceRef,
    written: string,
  ): AgencyMention | undefined {
    const local: Hit = {
      kind: 'local',
      start: h.start,
      end: h.end,
      template: also.template,
      stem: also.stem,
      place: undefined,
      inherited: undefined,
      fullWrap: undefined,
    };
    const r = this.reading(text, local, date);
    if (!r.info) return undefined;
    const status = r.status!.current
      ? r.status!
      : this.localStatus(also.template, docLevel, also.stem, false, date, written);
    return { start: h.start, end: h.end, text: written, info: r.info, status };
  }

  /** Empties the memos of the scan (tests compare memoised scans with fresh ones). */
  private clearScanMemos(): void {
    this.lastScan = undefined;
    this.mentionMemo.clear();
    this.mentionMemoSize = 0;
    this.memoDate = undefined;
    this.memoByKey = undefined;
    this.docLevelMemo = undefined;
  }

  private computeMention(text: string, h: Hit, date: string, written: string): AgencyMention | undefined {
    if (h.kind === 'central') {
      const id = this.resolveRefs(h.refs, date);
      const info = this.info(id);
      if (!info) return undefined;
      let status = this.centralStatus(id, date);
      if (h.alsoLocal && !status.current) {
        // 法制办 alone may be the State Council's or a county's office: offer both, fix neither automatically.
        const local = this.localStatus(h.alsoLocal.template, undefined, h.alsoLocal.stem, false, date, written);
        const replacement = [...status.replacement];
        for (const r of local.current ? [] : local.replacement) if (!replacement.includes(r)) replacement.push(r);
        status = { ...status, replacement, levelUnknown: true };
      }
      return { start: h.start, end: h.end, text: written, info, status };
    }
    if (h.kind === 'local') {
      const place = this.placeRef(text, h.place ?? h.inherited);
      const info = this.localInfo(h.template, place, written);
      // A bare form (教育局 after 县发改局、) is replaced by a bare form of the inherited level.
      const replacePlace = h.place ? place : place ? { ...place, text: '' } : undefined;
      const status = this.localStatus(h.template, replacePlace, h.stem, h.fullWrap ?? false, date, written);
      return {
        start: h.start,
        end: h.end,
        text: written,
        info,
        status: this.keptByNamedPlace(text, h, status, replacePlace, date, false),
      };
    }
    const id = this.resolveRefs(h.enterprise, date);
    const ent = this.info(id);
    if (!ent) return undefined;
    const place = this.placeRef(text, h.place);
    const info: AgencyInfo = {
      ...ent,
      id: `${id}#${written}`,
      fullName: written,
      displayName: written,
      shortNames: [],
      level: place ? place.level : 'generic-local',
      mirrors: { id: ent.id, name: ent.displayName },
      predecessors: [],
    };
    if (place) info.place = place.written ?? place.text;
    return { start: h.start, end: h.end, text: written, info, status: this.centralStatus(id, date) };
  }

  /** The last scan, so that unknowns() right after scan() of the same text (as the analysis does) scans once. */
  private lastScan: { text: string; date: string; locality: string; mentions: AgencyMention[] } | undefined;

  scan(text: string, referenceDate: string, options?: { locality?: string }): AgencyMention[] {
    return this.scanShared(text, referenceDate, options).slice();
  }

  /** scan() without the copy: the memo's own array, for callers that only read it. */
  private scanShared(text: string, referenceDate: string, options?: { locality?: string }): AgencyMention[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const date = isValidDate(referenceDate) ? referenceDate : '9999-12-31';
    const locality = typeof options?.locality === 'string' ? options.locality : '';
    if (
      this.lastScan &&
      this.lastScan.text === text &&
      this.lastScan.date === date &&
      this.lastScan.locality === locality
    )
      return this.lastScan.mentions;
    const out = this.scanFresh(text, date, locality);
    this.lastScan = { text, date, locality, mentions: out };
    return out;
  }

  /** The last locality's document level and provinces (a document's lines share one locality; places never change). */
  private docLevelMemo:
    { locality: string; level: PlaceRef | undefined; provinces: readonly string[] | undefined } | undefined;

  /**
   * The document's level, as a bare place (replacements stay bare: 法制办 → 司法局), and the provinces its locality
   * may lie in (names kept there are current).
   */
  private docLevelOf(locality: string): { level: PlaceRef | undefined; provinces: readonly string[] | undefined } {
    const memo = this.docLevelMemo;
    if (memo && memo.locality === locality) return memo;
    const docPlace = this.resolvePlace(locality);
    const level: PlaceRef | undefined = docPlace
      ? { text: '', level: docPlace.municipality ? 'prefecture' : docPlace.level, municipality: false }
      : undefined;
    const provinces = this.provincesOf(locality.trim());
    this.docLevelMemo = { locality, level, provinces };
    return this.docLevelMemo;
  }

  /** scan() without its one-entry memo (lookups do not evict the line being analysed). */
  private scanFresh(text: string, referenceDate: string, locality = ''): AgencyMention[] {
    const date = isValidDate(referenceDate) ? referenceDate : '9999-12-31';
    const doc = locality ? this.docLevelOf(locality) : undefined;
    const out: AgencyMention[] = [];
    // Each mention's hit and reading, for matchStyle and markSignsInHost: arrays the knowledge base keeps (entries
    // [0, out.length) are this scan's), new ones only for a scan inside a scan.
    const nested = this.scanning;
    const hits: Hit[] = nested ? [] : this.scanHits;
    const readings: Array<MentionReading | undefined> = nested ? [] : this.scanReadings;
    this.scanning = true;
    try {
      this.scanLine(
        text,
        date,
        doc?.level,
        doc?.provinces,
        out,
        hits,
        readings,
        locality && this.folder.fold(locality.trim()),
      );
    } finally {
      this.scanning = nested;
    }
    // A long text's hits and readings are not kept past its scan.
    if (!nested && hits.length > SCRATCH_LIMIT) {
      this.scanHits = [];
      this.scanReadings = [];
    }
    return out;
  }

  /** Whether scanFresh is running (its arrays in use). */
  private scanning = false;
  private scanHits: Hit[] = [];
  private scanReadings: Array<MentionReading | undefined> = [];

  /** scanFresh's loop: the mentions of `text` pushed to `out`, their hits and readings written to `hits`, `readings`. */
  private scanLine(
    text: string,
    date: string,
    docLevel: PlaceRef | undefined,
    docProvinces: readonly string[] | undefined,
    out: AgencyMention[],
    hits: Hit[],
    readings: Array<MentionReading | undefined>,
    ownPlace: string,
  ): void {
    const found = this.matcher.scan(text, ownPlace);
    // Whether a mention names a body kept as a sign (most lines name none: nothing to mark), whether a local one is
    // written in a distinct short form (人口计生局: matchStyle's question; only local readings have distinctShort).
    let signs = false;
    let short = false;
    for (let i = 0; i < found.length; i++) {
      const h = found[i];
      if (docLevel && h.kind === 'central' && h.alsoLocal) {
        const m = this.docLevelMention(text, h, h.alsoLocal, date, docLevel, text.slice(h.start, h.end));
        if (m) {
          hits[out.length] = h;
          readings[out.length] = undefined;
          out.push(m);
          if (this.signIdOf(m.info) !== null) signs = true;
          continue;
        }
      }
      // The text written is the reading's (the same code units: no slice per mention).
      const r = this.reading(text, h, date);
      if (!r.info) continue;
      hits[out.length] = h;
      readings[out.length] = r;
      const kept =
        r.keepable && docProvinces ? this.keptInDocument(text, h, r, r.status!, docProvinces, date, false) : undefined;
      out.push({ start: h.start, end: h.end, text: r.written, info: r.info, status: kept ?? r.status! });
      if (r.signId !== null) signs = true;
      if (r.distinctShort) short = true;
    }
    // Only a line with a distinct short form is restyled (matchStyle keeps each mention's info).
    if (short) this.matchStyle(text, hits, readings, out, date, docProvinces);
    if (signs) this.markSignsInHost(text, out, readings, date);
  }

  /**
   * 「host（sign）」 and 「host（sign、sign）」 are the official way to write a body with its signs: the signs in the
   * bracket right after their host are not reported (农业农村部（国家乡村振兴局）, 县农业农村局（县乡村振兴局）).
   */
  private markSignsInHost(
    text: string,
    ms: AgencyMention[],
    readings: Array<MentionReading | undefined>,
    date: string,
  ): void {
    // signIdOf each mention's info (kept by its reading when it has one; inHost keeps the info).
    const ids = ms.map((m, i) => {
      const r = readings[i];
      return r ? r.signId : this.signIdOf(m.info);
    });
    for (let i = 1; i < ms.length; i++) {
      const m = ms[i];
      const signId = ids[i];
      if (signId === null) continue;
      const signs = this.registry.signs.get(signId)!;
      // Walk back over 、-separated signs to the mention before the opening bracket.
      let k = i;
      let gap = text.slice(ms[k - 1].end, m.start);
      while (k > 1 && /^\s*[、,，]\s*$/.test(gap) && ids[k - 1] !== null) {
        k--;
        gap = text.slice(ms[k - 1].end, ms[k].start);
      }
      if (!/^\s*[（(]\s*$/.test(gap)) continue;
      const host = ms[k - 1];
      if (this.hostMatch(signs, host, signId, date)) ms[i] = inHost(m, host);
    }
    // 「sign（host）」: 县乡村振兴局（县农业农村局）.
    for (let i = 0; i + 1 < ms.length; i++) {
      const m = ms[i];
      const signId = ids[i];
      if (signId === null) continue;
      const signs = this.registry.signs.get(signId)!;
      const host = ms[i + 1];
      if (!/^\s*[（(]\s*$/.test(text.slice(m.end, host.start))) continue;
      if (this.hostMatch(signs, host, signId, date)) ms[i] = inHost(m, host);
    }
  }

  /**
   * The registry id of a mention's body when that body is kept as a sign of another (else null). Readings keep it
   * (computed once per reading).
   */
  private signIdOf(info: AgencyInfo): string | null {
    const base = baseId(info.id);
    return this.registry.signs.has(base) ? base : null;
  }

  /** Whether `host` is the body that carries one of `signs` (or did when the sign name was given up). */
  private hostMatch(signs: Sign[], host: AgencyMention, signId: string, date: string): boolean {
    const hostId = baseId(host.info.id);
    return signs.some((x) => x.host === hostId && (signOn(x, date) || !liveOn(this.rawOf(signId) ?? {}, date)));
  }

  /**
   * Replacements in the document's own terms: when a line writes local names in short forms (县人口计生局), an
   * outdated name that reads the same in full and short form (县卫生局) gets the short form too (县卫健局), so one
   * list is never fixed into a mix of 县卫生健康局 and 县卫健局. hits[i] and readings[i] are mention ms[i]'s (entries past
   * ms.length are left over from other scans).
   */
  private matchStyle(
    text: string,
    hits: Hit[],
    readings: Array<MentionReading | undefined>,
    ms: AgencyMention[],
    date: string,
    docProvinces: readonly string[] | undefined,
  ): void {
    // A local hit always has its memoised reading, which knows whether its stem is a distinct short form.
    let short = false;
    for (let i = 0; i < ms.length && !short; i++) short = hits[i].kind === 'local' && readings[i]!.distinctShort;
    if (!short) return;
    for (let i = 0; i < ms.length; i++) {
      const h = hits[i];
      const m = ms[i];
      if (h.kind !== 'local' || m.status.current) continue;
      const r = readings[i]!;
      if (!r.neutral) continue;
      // The restyled status depends on what the reading depends on: kept with it.
      let status = r.shortStatus;
      if (!status) {
        const place = this.placeRef(text, h.place ?? h.inherited);
        const replacePlace = h.place ? place : place ? { ...place, text: '' } : undefined;
        status = r.shortStatus = this.keptByNamedPlace(
          text,
          h,
          this.localStatus(h.template, replacePlace, h.stem, h.fullWrap ?? false, date, m.text, true),
          replacePlace,
          date,
          true,
        );
      }
      // Without a named place, the document's province (市农牧业局 in a 呼和浩特市 plan: 市农牧局).
      if (r.keepable && docProvinces)
        status = this.keptInDocument(text, h, r, status, docProvinces, date, true) ?? status;
      ms[i] = { start: m.start, end: m.end, text: m.text, info: m.info, status };
    }
  }

  private rawOf(id: string): { validTo?: string } | undefined {
    return this.registry.central.get(id)?.raw ?? this.registry.local.get(id)?.raw;
  }

  lookup(name: string, referenceDate: string): { info: AgencyInfo; status: AgencyStatus } | undefined {
    if (typeof name !== 'string') return undefined;
    const trimmed = name.trim();
    if (!trimmed) return undefined;
    // By date, then by name (no key string built per lookup).
    let byName = this.lookups.get(referenceDate);
    if (!byName) this.lookups.set(referenceDate, (byName = new Map()));
    let hit = byName.get(trimmed);
    if (hit === undefined) {
      const ms = this.scanFresh(trimmed, referenceDate);
      hit =
        ms.length === 1 && ms[0].start === 0 && ms[0].end === trimmed.length
          ? { info: ms[0].info, status: ms[0].status }
          : null;
      if (this.lookupsSize >= 10000) {
        this.lookups.clear();
        this.lookupsSize = 0;
        this.lookups.set(referenceDate, (byName = new Map()));
      }
      byName.set(trimmed, hit);
      this.lookupsSize++;
    }
    return hit ? { info: hit.info, status: hit.status } : undefined;
  }

  /** The arrays findUnknowns splits lines into (one set for every line: it is not re-entered). */
  private unknownsScratch = unknownsScratch();

  unknowns(text: string, referenceDate: string, options?: { locality?: string }): UnknownAgency[] {
    if (typeof text !== 'string' || text.length === 0) return [];
    const date = isValidDate(referenceDate) ? referenceDate : '9999-12-31';
    const scratch = this.unknownsScratch;
    const found = findUnknowns(this, text, this.scanShared(text, date, options), date, scratch);
    // A long text's splits are not kept past its scan.
    if (
      scratch.items.length > SCRATCH_LIMIT ||
      scratch.known.length > SCRATCH_LIMIT ||
      scratch.brackets.length > SCRATCH_LIMIT ||
      scratch.open.length > SCRATCH_LIMIT
    )
      this.unknownsScratch = unknownsScratch();
    return found;
  }

  // ---------------------------------------------------------------- plan measures

  measuresOf(id: string): { lead: string[]; cooperating: string[] } {
    if (!this.measures) this.measures = this.buildMeasures();
    const m = this.measures.get(id);
    return m ? { lead: [...m.lead], cooperating: [...m.cooperating] } : { lead: [], cooperating: [] };
  }

  private buildMeasures(): Map<string, { lead: string[]; cooperating: string[] }> {
    const result = new Map<string, { lead: string[]; cooperating: string[] }>();
    const nodes = this.plans().nodes();
    const issued: Record<string, string> = {};
    for (const id of PLAN_IDS) issued[id] = PLAN_CATALOG[id].issued;
    for (const n of nodes) {
      const date = issued[n.plan];
      for (const [role, names] of [
        ['lead', n.lead],
        ['cooperating', n.cooperating],
      ] as const) {
        for (const name of names) {
          const hit = this.lookup(name, date);
          if (!hit) continue;
          let entry = result.get(hit.info.id);
          if (!entry) result.set(hit.info.id, (entry = { lead: [], cooperating: [] }));
          if (!entry[role].includes(n.citation)) entry[role].push(n.citation);
        }
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- completion, localisation, suggestions

  private getCompleter(): Completer {
    return (this.completer ??= new Completer(this));
  }

  complete(query: string, options: { referenceDate: string; locality?: string; limit?: number }): AgencyCompletion[] {
    if (typeof query !== 'string') return [];
    return this.getCompleter().complete(query, options ?? { referenceDate: '' });
  }

  /** The place a locality setting names: 长治市, 长治, 山西省, 市, 县 … */
  resolvePlace(locality: string): PlaceRef | undefined {
    if (typeof locality !== 'string') return undefined;
    const loc = locality.trim();
    if (!loc) return undefined;
    const m = this.places.parse(loc);
    if (!m) return undefined;
    return { text: loc, level: m.level, municipality: m.municipality };
  }

  /**
   * The local counterpart of a national body at a place on a date: 公安部 + 长治市 → 长治市公安局. Without a date the
   * latest known names are used. The national name may be one valid on `referenceDate` or an older one (it is
   * resolved to the body live on the date first).
   */
  localize(centralName: string, locality: string, referenceDate?: string): string | undefined {
    if (typeof centralName !== 'string' || typeof locality !== 'string') return undefined;
    const key = `${referenceDate ?? ''}\u0000${locality}\u0000${centralName}`;
    let r = this.localized.get(key);
    if (r === undefined) {
      r = this.localizeFresh(centralName, locality, referenceDate) ?? null;
      if (this.localized.size >= 10000) this.localized.clear();
      this.localized.set(key, r);
    }
    return r ?? undefined;
  }

  private localizeFresh(centralName: string, locality: string, referenceDate?: string): string | undefined {
    const place = this.resolvePlace(locality);
    if (!place) return undefined;
    const date = referenceDate && isValidDate(referenceDate) ? referenceDate : '9999-12-31';
    const hit = this.lookup(centralName, date);
    if (!hit || hit.info.level !== 'central') return undefined;
    const id = hit.status.current
      ? (hit.status.sign?.hostId ?? hit.info.id)
      : this.lookup(hit.status.replacement[0] ?? '', date)?.info.id;
    if (!id || (!hit.status.current && hit.status.replacement.length !== 1)) return undefined;
    // 农业农村部 at 呼和浩特市: 呼和浩特市农牧局, the name its province kept.
    const t = this.keptAt(place, date).kept.find((x) => x.raw.mirrors === id) ?? this.templateFor(id, date);
    if (!t) return undefined;
    const short = t.raw.shortForms !== undefined && ['mass-organisation', 'coordination'].includes(t.raw.kind);
    return this.localName(t, place, short || t.raw.wrap !== undefined);
  }

  /** The local templates by the central body they mirror, in registry order (built on first use; emptied on refresh). */
  private mirrors: Map<string, LocalTemplate[]> | undefined;

  private mirroring(): Map<string, LocalTemplate[]> {
    if (!this.mirrors) {
      const byId = new Map<string, LocalTemplate[]>();
      for (const t of this.registry.local.values()) {
        const m = t.raw.mirrors;
        if (m === undefined) continue;
        const l = byId.get(m);
        if (l) l.push(t);
        else byId.set(m, [t]);
      }
      this.mirrors = byId;
    }
    return this.mirrors;
  }

  /** The local template mirroring central body `id` (a current one when there is one). */
  templateFor(id: string, date = '9999-12-31'): LocalTemplate | undefined {
    const all = this.mirroring().get(id) ?? [];
    const current = all.filter((t) => liveOn(t.raw, date) && establishedOn(t.raw, date));
    const pool = current.length ? current : all;
    // Prefer the template whose first name is its standard form (公安局 rather than a combined 教体局).
    return pool.find((t) => LEVELS.some((l) => t.raw.names.includes(t.raw.forms[l] ?? ''))) ?? pool[0];
  }

  /**
   * Whether `written` (folded), which the registry does not list, is another local way of naming the local body of
   * `suggestion` (folded; variants.ts): the same last character, made of pieces of the names of that body's reform
   * family after its place (variantOf), and no provincial 厅 under a prefecture or county.
   */
  localVariant(written: string, suggestion: string): boolean {
    const end = written.charAt(written.length - 1);
    if (end !== suggestion.charAt(suggestion.length - 1)) return false;
    const w = this.afterPlace(written);
    const s = this.afterPlace(suggestion);
    if (end === '厅' && w.place && w.place.level !== 'province' && !w.place.municipality) return false;
    const names = this.memo('agency/localFamilies', () => localFamilies(this.registry.local.values())).get(s.rest);
    return names !== undefined && variantOf(w.rest, names);
  }

  placeFrom(f: string, at: number): boolean {
    // A place ends at most 20 code units after its start (afterPlace's limit too); the longest reading ending at each
    // end, not starting before `at`, starts at `at` when its length says so.
    for (let end = at + 3, last = Math.min(f.length, at + 20); end <= last; end++) {
      const r = this.places.readingAt(f, end, at, false);
      if (r && r.form === 'full' && r.length === end - at) return true;
    }
    return false;
  }

  /** The longest place that starts `name` (长治市, 县), when something follows it, and the rest. */
  private afterPlace(name: string): { place?: { level: Level; municipality: boolean }; rest: string } {
    for (let len = Math.min(name.length - 1, 20); len >= 1; len--) {
      const m = this.places.parse(name.slice(0, len));
      if (m) return { place: m, rest: name.slice(len) };
    }
    return { rest: name };
  }

  suggest(name: string, limit = 5, referenceDate?: string): string[] {
    if (typeof name !== 'string') return [];
    const date = referenceDate && isValidDate(referenceDate) ? referenceDate : '9999-12-31';
    const key = `${limit}\u0000${date}\u0000${name}`;
    let r = this.suggestions.get(key);
    if (!r) {
      if (this.suggestions.size >= 10000) this.suggestions.clear();
      r = this.getCompleter().suggest(name, limit, date);
      this.suggestions.set(key, r);
    }
    return [...r];
  }

  /**
   * Adds (or, for a `source` added before, replaces) the entries of a custom agency file. Entries with problems are
   * left out and reported; the valid ones and the built-in registry stay in use.
   */
  addCustom(json: unknown, source: string): string[] {
    const file = source || '(custom agencies)';
    this.registry.remove(file);
    const problems: Array<[string, string]> = [];
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      this.refresh();
      return formatProblems(file, [['/', '应为 JSON 对象 / must be a JSON object']]);
    }
    const obj = json as Record<string, unknown>;
    const schemaFaults = (this.schemaCheck ??= compileSchema(this.schema))(json);
    problems.push(...schemaFaults);
    // Entries named by a problem pointer are dropped; the rest are used.
    const bad = { agencies: new Set<number>(), local: new Set<number>() };
    const mark = (ptr: string): boolean => {
      const m = /^\/(agencies|local)\/(\d+)/.exec(ptr);
      if (m) bad[m[1] as 'agencies' | 'local'].add(Number(m[2]));
      return !!m;
    };
    for (const [ptr] of schemaFaults) mark(ptr);
    const pick = (key: 'agencies' | 'local') =>
      (Array.isArray(obj[key]) ? (obj[key] as unknown[]) : [])
        .map((e, i) => ({ e, i }))
        .filter((x) => !bad[key].has(x.i));
    const sourcesOk = !schemaFaults.some(([p]) => p.startsWith('/sources') || p.startsWith('/reforms'));
    for (let round = 0; round < 20; round++) {
      const ag = pick('agencies');
      const lo = pick('local');
      const candidate: RegistryFile = {
        sources: sourcesOk ? (obj.sources as Record<string, string>) : undefined,
        reforms: sourcesOk ? (obj.reforms as RegistryFile['reforms']) : undefined,
        agencies: ag.map((x) => x.e) as RegistryFile['agencies'],
        local: lo.map((x) => x.e) as RegistryFile['local'],
      };
      const cross = this.registry.add(candidate, file);
      if (cross.length === 0) break;
      this.registry.remove(file);
      let progressed = false;
      for (const [ptr, msg] of cross) {
        // Map the pointer back to the entry's index in the file as written.
        const m = /^\/(agencies|local)\/(\d+)(.*)$/.exec(ptr);
        if (m) {
          const key = m[1] as 'agencies' | 'local';
          const orig = (key === 'agencies' ? ag : lo)[Number(m[2])]?.i ?? Number(m[2]);
          if (!bad[key].has(orig)) progressed = true;
          bad[key].add(orig);
          problems.push([`/${key}/${orig}${m[3]}`, msg]);
        } else problems.push([ptr, msg]);
      }
      if (!progressed) break;
    }
    // A keptIn place the places index does not name as one province: the entry is used, that place is not.
    if (Array.isArray(obj.local))
      problems.push(...keptInProblems(obj.local as RegistryFile['local'], (p) => this.provinceCode(p), bad.local));
    this.refresh();
    const unique = [...new Map(problems.map((p) => [`${p[0]}\u0000${p[1]}`, p])).values()];
    return formatProblems(file, unique);
  }

  private refresh() {
    this.revision++;
    this.matcher = new Matcher(this.registry, this.places, this.folder);
    this.clearScanMemos();
    this.measures = undefined;
    this.indexRelations();
  }
}

/** A province that kept a template's name (RawKept resolved: its province code, its sources as addresses). */
interface Keeper {
  province: string;
  place: string;
  names: Set<string> | undefined;
  to: string | undefined;
  sources: string[];
  unverified: boolean;
}

/** The distinct provinces (two-digit codes) of place entries. */
function provinceSet(entries: readonly { code: string }[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const p = e.code.slice(0, 2);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/**
 * One memoised reading of a hit: the fields it depends on besides the date and the text written, and what it gives
 * (info null: the hit names no body). `distinctShort`/`neutral` and `shortStatus` serve matchStyle.
 */
interface MentionReading {
  kind: Hit['kind'];
  /** Central refs or an enterprise unit's enterprise refs (the matcher hands out the same arrays). */
  refs: readonly CentralRef[] | undefined;
  /** The local template, or a central short form's alsoLocal template. */
  template: LocalTemplate | undefined;
  stem: string | undefined;
  fullWrap: boolean | undefined;
  /** The place inside the hit, by offsets from the hit's start. */
  place: PlaceInfo | undefined;
  placeStart: number;
  placeEnd: number;
  /** The place inherited from the enumeration, by its text. */
  inherited: PlaceInfo | undefined;
  inheritedText: string;
  /** The text written (the memo's readings under one key are told apart by it first). */
  written: string;
  info: AgencyInfo | null;
  status: AgencyStatus | null;
  distinctShort: boolean;
  neutral: boolean;
  shortStatus: AgencyStatus | undefined;
  /** signIdOf(info) (null without info). */
  signId: string | null;
  /** An outdated local name without a named place whose name some province keeps: the locality decides. */
  keepable: boolean;
}

function newReading(h: Hit, text: string, written: string): MentionReading {
  const place = h.kind === 'central' ? undefined : h.place;
  const inherited = h.kind === 'local' ? h.inherited : undefined;
  return {
    kind: h.kind,
    refs: h.kind === 'central' ? h.refs : h.kind === 'unit' ? h.enterprise : undefined,
    template: h.kind === 'local' ? h.template : h.kind === 'central' ? h.alsoLocal?.template : undefined,
    stem: h.kind === 'local' ? h.stem : h.kind === 'central' ? h.alsoLocal?.stem : undefined,
    fullWrap: h.kind === 'local' ? h.fullWrap : undefined,
    place,
    placeStart: place ? place.start - h.start : 0,
    placeEnd: place ? place.end - h.start : 0,
    inherited,
    inheritedText: inherited ? text.slice(inherited.start, inherited.end) : '',
    written,
    info: null,
    status: null,
    distinctShort: false,
    neutral: false,
    shortStatus: undefined,
    signId: null,
    keepable: false,
  };
}

/**
 * The memo key of the text written at text[start, end): its length and its first two and last two code units, mixed
 * into a small integer (no intermediate leaves the small-integer range, so an interpreted run allocates no number).
 * Equal texts have equal keys; texts of one key are told apart by the reading's `written`.
 */
export function writtenKey(text: string, start: number, end: number): number {
  // A hit is at least two code units long; a shorter text is keyed by its length alone (no code unit outside it read).
  if (end - start < 2) return end - start;
  const mix =
    (text.charCodeAt(start) * 2531) ^
    (text.charCodeAt(start + 1) * 97) ^
    (text.charCodeAt(end - 2) * 7) ^
    (text.charCodeAt(end - 1) << 4);
  return ((mix & 0xfffff) << 5) | ((end - start) & 31);
}

/** The form of level `lv`, else the first of prefecture, county, province that is given. */
function pickForm(forms: LocalTemplate['raw']['forms'] | undefined, lv: Level): string | undefined {
  return forms?.[lv] ?? forms?.prefecture ?? forms?.county ?? forms?.province;
}

/** The levels whose form or short form is `stem`. */
/**
 * The places whose forms name the successors of a body written at `place`: the place itself and, when the name as
 * written is the form of the other of the two lower levels only (昌平区卫生计生委: a district of Beijing writing the
 * prefecture form 委 where the county form is 卫计局; 市卫计局), that level too — the writer's own form says how the
 * place names its bodies, the place's level says how most such places do: both are offered (the written level first),
 * so the replacement is never automatic (昌平区卫健局 was written by fix-all; Beijing's districts have 卫健委).
 */
function writtenLevelPlaces(place: PlaceRef, stemLevels: Level[]): PlaceRef[] {
  if (place.municipality || stemLevels.length === 0 || stemLevels.includes(place.level)) return [place];
  const other: Level | undefined =
    place.level === 'county' ? 'prefecture' : place.level === 'prefecture' ? 'county' : undefined;
  return other && stemLevels.includes(other) ? [{ ...place, level: other }, place] : [place];
}

function stemLevelsOf(t: LocalTemplate, stem: string): Level[] {
  return LEVELS.filter((l) => t.raw.forms[l] === stem || t.raw.shortForms?.[l] === stem);
}

/** Whether two places read alike (level, municipality and form; their text is compared by the caller). */
function samePlaceReading(a: PlaceInfo, b: PlaceInfo): boolean {
  return a.level === b.level && a.municipality === b.municipality && a.form === b.form;
}

/** Whether memoised reading `r` (of the same text written, on the same date) is the reading of hit `h`. */
function sameReading(r: MentionReading, h: Hit, text: string): boolean {
  if (r.kind !== h.kind) return false;
  if (h.kind === 'central') {
    const also = h.alsoLocal;
    return r.refs === h.refs && r.template === also?.template && r.stem === also?.stem;
  }
  if (h.kind === 'local') {
    if (r.template !== h.template || r.stem !== h.stem || r.fullWrap !== h.fullWrap) return false;
    const i = h.inherited;
    const ri = r.inherited;
    if (i === undefined || ri === undefined) {
      if (i !== ri) return false;
    } else if (
      !samePlaceReading(ri, i) ||
      i.end - i.start !== r.inheritedText.length ||
      !text.startsWith(r.inheritedText, i.start)
    )
      return false;
  } else if (r.refs !== h.enterprise) return false;
  const p = h.place;
  const rp = r.place;
  if (p === undefined || rp === undefined) return p === rp;
  return samePlaceReading(rp, p) && r.placeStart === p.start - h.start && r.placeEnd === p.end - h.start;
}

/** A sign written with its host: valid, nothing to report. */
function inHost(m: AgencyMention, host: AgencyMention): AgencyMention {
  return {
    ...m,
    status: {
      current: true,
      replacement: [],
      sign: { host: host.text, hostId: baseId(host.info.id), varies: false, inHost: true },
    },
  };
}

/** The registry id of a mention's info (local infos are `<template>@<place>`, enterprise units `<id>#<name>`). */
function baseId(id: string): string {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c === 64 /* @ */ || c === 35 /* # */) return id.slice(0, i);
  }
  return id;
}

/**
 * A knowledge base read from the data source. `plans` is the plan index for measuresOf() (the engines pass theirs);
 * without it the index is read from the same source on the first measuresOf() call.
 */
export function createAgencyKnowledgeBase(data: DataSource, plans?: PlanIndex): KnowledgeBase {
  let index = plans;
  // The plan index's folding table when it has one (loadPlanIndex: the same t2s.json): built once per process.
  const folder = plans?.folder instanceof Folder ? plans.folder : undefined;
  return new KnowledgeBase(readAgencyIndexFiles(data), () => (index ??= loadPlanIndex(data)), folder);
}
