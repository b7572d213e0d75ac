// The registry model: the JSON shapes of data/agencies/*.json (and of custom agency files), and their compiled,
// cross-referenced form used by the matcher. Pure data handling; no file access.
import type { AgencyKind } from './api';

export type Level = 'province' | 'prefecture' | 'county';

export type NameEntry = string | { name: string; from?: string; to?: string };

export interface RawReformDef {
  name: string;
  date: string;
  localDate?: string;
  summary: string;
  summaryEn?: string;
  sources?: string[];
  unverified?: string[];
}

export interface RawReformUse {
  ref?: string;
  name?: string;
  date?: string;
  summary: string;
  summaryEn?: string;
  sources?: string[];
  unverified?: string[];
}

export interface RawAgency {
  id: string;
  fullName: string;
  displayName?: string;
  shortNames?: NameEntry[];
  kind: AgencyKind;
  validFrom?: string;
  validTo?: string;
  successors?: string[];
  reform?: RawReformUse;
  parent?: string;
  sources?: string[];
  unverified?: string[];
  note?: string;
}

export interface LevelForms {
  province?: string;
  prefecture?: string;
  county?: string;
}

export interface RawLocal {
  id: string;
  mirrors?: string;
  kind: AgencyKind;
  forms: LevelForms;
  shortForms?: LevelForms;
  names: string[];
  bare?: boolean;
  /** Named without the administrative place (太原海关): replacements use the bare form. */
  placeless?: boolean;
  /** The end of this name varies by place: once outdated, information only. */
  varies?: boolean;
  /** Provinces where the name stays the current official name after `validTo` (内蒙古 keeps 农牧厅). */
  keptIn?: RawKept[];
  bareNames?: string[];
  partyPrefix?: boolean;
  wrap?: [string, string];
  fullWrap?: [string, string];
  validFrom?: string;
  validTo?: string;
  successors?: string[];
  reform?: RawReformUse;
  sources?: string[];
  unverified?: string[];
  note?: string;
}

/**
 * A province-level place (a name of the places index: 内蒙古自治区, 重庆市) where a local name the reform ended elsewhere
 * stays the current official name: `names` (default: every name of the template) until `to` (exclusive; none = still).
 */
export interface RawKept {
  place: string;
  names?: string[];
  to?: string;
  sources?: string[];
  unverified?: string[];
  note?: string;
}

/**
 * Problems of keptIn places that `provinceCode` (the places index) does not resolve to exactly one province-level
 * place, as [JSON pointer, message]; entries whose index is in `skip` are not looked at.
 */
export function keptInProblems(
  local: RawLocal[] | undefined,
  provinceCode: (place: string) => string | undefined,
  skip?: ReadonlySet<number>,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  (local ?? []).forEach((l, i) => {
    if (skip?.has(i) || !Array.isArray(l?.keptIn)) return;
    l.keptIn.forEach((k, j) => {
      if (typeof k?.place === 'string' && provinceCode(k.place) === undefined)
        out.push([
          `/local/${i}/keptIn/${j}/place`,
          `“${k.place}”不是地名索引中的省级地名 / "${k.place}" is not a province-level place of the places index`,
        ]);
    });
  });
  return out;
}

/** A name kept as a sign (加挂/对外保留牌子) of another body: 国家宗教事务局 on 中央统战部. */
export interface RawSign {
  sign: string;
  host: string;
  from?: string;
  to?: string;
  local?: boolean;
  varies?: boolean;
  sources?: string[];
  unverified?: string[];
  note?: string;
}

export interface Sign extends RawSign {
  origin: string;
}

export interface RegistryFile {
  $schema?: string;
  description?: string;
  sources?: Record<string, string>;
  reforms?: Record<string, RawReformDef>;
  agencies?: RawAgency[];
  local?: RawLocal[];
  signs?: RawSign[];
}

/** A reform resolved for one body: name, date, body-specific summary, sources (addresses). */
export interface ResolvedReform {
  name: string;
  nameEn?: string;
  date: string;
  summary: string;
  summaryEn?: string;
  sources: string[];
  unverified?: boolean;
}

export interface Central {
  raw: RawAgency;
  id: string;
  fullName: string;
  displayName: string;
  /** Names matched for this body with their date windows (undefined = always). */
  names: Array<{ name: string; from?: string; to?: string }>;
  sources: string[];
  reform?: ResolvedReform;
  /** File the entry came from (built-in registry or a custom file). */
  origin: string;
}

export interface LocalTemplate {
  raw: RawLocal;
  id: string;
  sources: string[];
  reform?: ResolvedReform;
  origin: string;
}

export const LEVELS: readonly Level[] = ['province', 'prefecture', 'county'];

/** Whether a name is live on `date` (validTo is the first day it is not). */
export function liveOn(raw: { validTo?: string }, date: string): boolean {
  return !raw.validTo || date < raw.validTo;
}

/** Whether a name is valid on `date` as a sign (from inclusive, to exclusive). */
export function signOn(s: { from?: string; to?: string }, date: string): boolean {
  return (!s.from || date >= s.from) && (!s.to || date < s.to);
}

/** Whether a body existed on `date` (validFrom is its first day). */
export function establishedOn(raw: { validFrom?: string }, date: string): boolean {
  return !raw.validFrom || date >= raw.validFrom;
}

/** English names of the reforms of the built-in registry (for English messages). */
const REFORM_NAMES_EN: Record<string, string> = {
  r2008: '2008 State Council reform',
  r2013: '2013 State Council reform',
  r2018: '2018 reform of Party and State institutions',
  r2021: '2021 establishment of the National Rural Revitalization Administration',
  r2023: '2023 reform of Party and State institutions',
  r2019rail: '2019 restructuring of China Railway Corporation',
};

/**
 * The compiled registry. `add` merges a file (built-in or custom); later files may not redefine ids.
 * Source keys and reform references resolve against every file added so far.
 */
export class Registry {
  readonly sources = new Map<string, string>();
  readonly reforms = new Map<string, RawReformDef>();
  readonly central = new Map<string, Central>();
  readonly local = new Map<string, LocalTemplate>();
  /** Signs by the id of the body whose name is kept (central and local ids are disjoint). */
  readonly signs = new Map<string, Sign[]>();

  /** Which file defined a source or reform key. */
  private readonly keyOrigin = new Map<string, string>();

  /** Removes everything a file added (a custom agency file being reloaded). */
  remove(origin: string): void {
    for (const [id, c] of this.central) if (c.origin === origin) this.central.delete(id);
    for (const [id, t] of this.local) if (t.origin === origin) this.local.delete(id);
    for (const [id, list] of this.signs) {
      const kept = list.filter((x) => x.origin !== origin);
      if (kept.length) this.signs.set(id, kept);
      else this.signs.delete(id);
    }
    for (const [key, o] of this.keyOrigin) {
      if (o !== origin) continue;
      this.keyOrigin.delete(key);
      if (key.startsWith('s:')) this.sources.delete(key.slice(2));
      else this.reforms.delete(key.slice(2));
    }
  }

  /**
   * Adds a (schema-valid) file; returns cross-reference problems as [JSON pointer, message] (empty when fine).
   * With problems nothing of the file's agencies is added (the caller may drop the faulty entries and retry).
   */
  add(file: RegistryFile, origin: string): Array<[string, string]> {
    const problems: Array<[string, string]> = [];
    for (const [k, v] of Object.entries(file.sources ?? {})) {
      const o = this.keyOrigin.get(`s:${k}`);
      if (o !== undefined && o !== origin)
        problems.push([`/sources/${k}`, `来源键“${k}”已在 ${o} 中定义 / source key "${k}" already defined in ${o}`]);
      else {
        this.sources.set(k, v);
        this.keyOrigin.set(`s:${k}`, origin);
      }
    }
    for (const [k, v] of Object.entries(file.reforms ?? {})) {
      const o = this.keyOrigin.get(`r:${k}`);
      if (o !== undefined && o !== origin)
        problems.push([`/reforms/${k}`, `改革键“${k}”已在 ${o} 中定义 / reform key "${k}" already defined in ${o}`]);
      else {
        this.reforms.set(k, v);
        this.keyOrigin.set(`r:${k}`, origin);
      }
    }
    // This file's entries by id (a Map: the duplicate and cross-reference checks below look ids up, no list scans).
    const newCentral = new Map<string, Central>();
    const newLocal = new Map<string, LocalTemplate>();
    (file.agencies ?? []).forEach((a, i) => {
      const ptr = `/agencies/${i}`;
      if (this.central.has(a.id) || this.local.has(a.id) || newCentral.has(a.id)) {
        problems.push([`${ptr}/id`, `机构标识“${a.id}”重复 / duplicate id "${a.id}"`]);
        return;
      }
      const names: Central['names'] = [];
      const seen = new Set<string>();
      const push = (e: NameEntry) => {
        const n = typeof e === 'string' ? { name: e } : e;
        if (!seen.has(n.name) || typeof e !== 'string') names.push(n);
        seen.add(n.name);
      };
      push(a.fullName);
      if (a.displayName) push(a.displayName);
      for (const s of a.shortNames ?? []) push(s);
      // A windowed short name replaces an unwindowed duplicate.
      const windowed = new Set(names.filter((n) => n.from || n.to).map((n) => n.name));
      const finalNames = names.filter((n) => n.from || n.to || !windowed.has(n.name));
      const c: Central = {
        raw: a,
        id: a.id,
        fullName: a.fullName,
        displayName: a.displayName ?? a.fullName,
        names: finalNames,
        sources: this.resolveSources(a.sources),
        origin,
      };
      if (a.reform) c.reform = this.resolveReform(a.reform, a.validTo, false, `${ptr}/reform`, problems);
      newCentral.set(c.id, c);
    });
    (file.local ?? []).forEach((l, i) => {
      const ptr = `/local/${i}`;
      if (this.central.has(l.id) || this.local.has(l.id) || newLocal.has(l.id) || newCentral.has(l.id)) {
        problems.push([`${ptr}/id`, `机构标识“${l.id}”重复 / duplicate id "${l.id}"`]);
        return;
      }
      if (l.names.length === 0 && !l.wrap)
        problems.push([`${ptr}/names`, '至少需要一个名称 / at least one name is required']);
      const t: LocalTemplate = { raw: l, id: l.id, sources: this.resolveSources(l.sources), origin };
      if (l.reform) t.reform = this.resolveReform(l.reform, l.validTo, true, `${ptr}/reform`, problems);
      newLocal.set(t.id, t);
    });
    // Cross references (against everything known including this file).
    const knownCentral = (id: string) => this.central.has(id) || newCentral.has(id);
    const knownLocal = (id: string) => this.local.has(id) || newLocal.has(id);
    (file.agencies ?? []).forEach((a, i) => {
      (a.successors ?? []).forEach((s, j) => {
        if (!knownCentral(s))
          problems.push([`/agencies/${i}/successors/${j}`, `未知的后继机构“${s}” / unknown successor "${s}"`]);
      });
      if (a.parent && !knownCentral(a.parent))
        problems.push([`/agencies/${i}/parent`, `未知的上级机构“${a.parent}” / unknown parent "${a.parent}"`]);
      if (a.successors?.length && !a.validTo)
        problems.push([`/agencies/${i}/validTo`, '有后继机构时须写明 validTo / successors require validTo']);
      if (a.validFrom && a.validTo && a.validFrom >= a.validTo)
        problems.push([`/agencies/${i}/validTo`, 'validTo 须晚于 validFrom / validTo must be after validFrom']);
    });
    (file.local ?? []).forEach((l, i) => {
      (l.successors ?? []).forEach((s, j) => {
        if (!knownLocal(s))
          problems.push([`/local/${i}/successors/${j}`, `未知的后继地方机构“${s}” / unknown local successor "${s}"`]);
      });
      if (l.mirrors && !knownCentral(l.mirrors))
        problems.push([`/local/${i}/mirrors`, `未知的中央机构“${l.mirrors}” / unknown central body "${l.mirrors}"`]);
      if (l.successors?.length && !l.validTo)
        problems.push([`/local/${i}/validTo`, '有后继机构时须写明 validTo / successors require validTo']);
      (l.keptIn ?? []).forEach((k, j) => {
        const ptr = `/local/${i}/keptIn/${j}`;
        if (!l.validTo) problems.push([ptr, 'keptIn 须有 validTo（其他地方不再使用的日期）/ keptIn requires validTo']);
        else if (k.to && k.to <= l.validTo)
          problems.push([`${ptr}/to`, 'to 须晚于 validTo / to must be after validTo']);
        (k.names ?? []).forEach((n, m) => {
          if (!l.names.includes(n))
            problems.push([`${ptr}/names/${m}`, `“${n}”不是该模板的名称 / "${n}" is not a name of this template`]);
        });
      });
    });
    (file.signs ?? []).forEach((g, i) => {
      const known = g.local ? knownLocal : knownCentral;
      if (!known(g.sign)) problems.push([`/signs/${i}/sign`, `未知的机构“${g.sign}” / unknown body "${g.sign}"`]);
      if (!known(g.host)) problems.push([`/signs/${i}/host`, `未知的挂牌机构“${g.host}” / unknown host "${g.host}"`]);
      if (g.from && g.to && g.from >= g.to) problems.push([`/signs/${i}/to`, 'to 须晚于 from / to must be after from']);
    });
    if (problems.length === 0) {
      for (const c of newCentral.values()) this.central.set(c.id, c);
      for (const t of newLocal.values()) this.local.set(t.id, t);
      for (const g of file.signs ?? []) {
        const list = this.signs.get(g.sign) ?? [];
        list.push({ ...g, origin });
        this.signs.set(g.sign, list);
      }
    }
    return problems;
  }

  private resolveSources(list: string[] | undefined): string[] {
    return (list ?? []).map((s) => this.sources.get(s) ?? s);
  }

  private resolveReform(
    use: RawReformUse,
    validTo: string | undefined,
    local: boolean,
    ptr: string,
    problems: Array<[string, string]>,
  ): ResolvedReform | undefined {
    const def = use.ref ? this.reforms.get(use.ref) : undefined;
    if (use.ref && !def) {
      problems.push([`${ptr}/ref`, `未知的改革“${use.ref}” / unknown reform "${use.ref}"`]);
      return undefined;
    }
    const name = use.name ?? def?.name;
    const date = use.date ?? (local ? (validTo ?? def?.localDate) : (validTo ?? def?.date)) ?? def?.date;
    if (!name || !date) {
      problems.push([ptr, '改革须有名称和日期（name/date 或 ref）/ the reform needs a name and a date (or ref)']);
      return undefined;
    }
    const unverified =
      (use.unverified?.length ?? 0) > 0 ||
      (def?.unverified?.some((u) => u === 'date' || (local && u === 'localDate')) ?? false);
    const r: ResolvedReform = {
      name,
      date,
      summary: use.summary,
      sources: this.resolveSources([...(use.sources ?? []), ...(def?.sources ?? [])]).filter(
        (s, i, all) => all.indexOf(s) === i,
      ),
    };
    const en = use.ref ? REFORM_NAMES_EN[use.ref] : undefined;
    if (en) r.nameEn = en;
    if (use.summaryEn) r.summaryEn = use.summaryEn;
    if (unverified) r.unverified = true;
    return r;
  }
}
