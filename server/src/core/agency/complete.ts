// Completion and fuzzy suggestions: current names only, matched by characters, pinyin and initials (pinyin-pro,
// precomputed at build time for registry names) and fuzzily (fuse.js).
import type Fuse from 'fuse.js';
import type { AgencyCompletion, AgencyKind } from './api';
import type { CompleterHost } from './host';
import { liveOn, establishedOn, type Level, type LocalTemplate } from './registry';
import { levenshtein } from './levenshtein';
import { CandidateIndex } from './candidates';

interface Item {
  label: string;
  fullName: string;
  kind: AgencyKind;
}

// fuse.js and pinyin-pro are loaded on first use (completion, suggestions), not when the knowledge base loads.
const loadFuse = (): typeof Fuse => {
  const m = require('fuse.js') as typeof Fuse & { default?: typeof Fuse };
  return m.default ?? m;
};
const loadPinyin = () => (require('pinyin-pro') as typeof import('pinyin-pro')).pinyin;

/** Full pinyin and initials of a name, lower case without tones (gonganbu, gab). */
export function computePinyin(name: string): [string, string] {
  const pinyin = loadPinyin();
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase();
  return [full, initials];
}

function isAscii(s: string): boolean {
  return /^[a-z0-9]+$/i.test(s);
}

/** fuse.js options of the suggestions (the candidate filter bounds its matches by the same threshold). */
const FUZZY = { includeScore: true, threshold: 0.45, ignoreLocation: true } as const;

/** A list of items with a candidate index over one of their fields. */
interface Pool<T> {
  items: T[];
  index: CandidateIndex;
}

/**
 * fuse.js ranking of the items of `pool` close to `query`, run on the few items that can match (same order, so the
 * same scores, ties and limit as a search of the whole pool).
 */
function fuzzySearch<T>(pool: Pool<T>, key: string, query: string, limit: number): T[] {
  const ids = pool.index.fuseCandidates(query, FUZZY.threshold);
  const items = ids ? ids.map((i) => pool.items[i]) : pool.items;
  if (!items.length) return [];
  return new (loadFuse())(items, { keys: [key], ...FUZZY }).search(query, { limit }).map((r) => r.item);
}

/**
 * Appends to `out` (without repeats, until it holds `limit`) the labels of `list` by edit distance `d`, then pinyin
 * distance, then fuse.js rank `i`. The pinyin distance only breaks ties, so it is computed only for tied groups that
 * reach the output (loading pinyin-pro and converting the query only when it decides something).
 */
function addByDistance<T extends { label: string; d: number; i: number }>(
  out: string[],
  list: T[],
  limit: number,
  pinyinDistance: (x: T) => number,
): void {
  const need = limit > 0 ? limit : Infinity; // the caller keeps out[0, limit) (a negative limit: all but the last)
  list.sort((a, b) => a.d - b.d || a.i - b.i);
  for (let g = 0; g < list.length && out.length < need;) {
    let end = g + 1;
    while (end < list.length && list[end].d === list[g].d) end++;
    let group = list.slice(g, end);
    if (group.length > 1) {
      const p = new Map(group.map((x) => [x, pinyinDistance(x)]));
      group = group.sort((a, b) => p.get(a)! - p.get(b)! || a.i - b.i);
    }
    for (const x of group) if (!out.includes(x.label)) out.push(x.label);
    g = end;
  }
}

export class Completer {
  /** Names valid on a date with their index, for the last few reference dates (documents may declare their own). */
  private readonly names = new Map<string, Pool<{ name: string; local: boolean }>>();
  /** Local forms by place and date (a few places per document), with their candidate index on stems. */
  private readonly local = new Map<string, Pool<Item & { stem: string }>>();

  constructor(private readonly kb: CompleterHost) {}

  pinyinOf(name: string): [string, string] {
    return (this.kb.pinyin[name] ??= computePinyin(name));
  }

  private centralItems(date: string): Item[] {
    const items: Item[] = [];
    for (const c of this.kb.registry.central.values()) {
      if (!liveOn(c.raw, date) || !establishedOn(c.raw, date) || c.raw.kind === 'collective') continue;
      items.push({ label: c.displayName, fullName: c.fullName, kind: c.raw.kind });
    }
    return items;
  }

  private currentTemplates(date: string): LocalTemplate[] {
    return [...this.kb.registry.local.values()].filter((t) => liveOn(t.raw, date) && establishedOn(t.raw, date));
  }

  /** Local forms of every current template for a place: full and short forms of the level. */
  private localItems(
    placeText: string,
    level: Level,
    municipality: boolean,
    date: string,
  ): Array<Item & { stem: string }> {
    const out: Array<Item & { stem: string }> = [];
    const ref = { text: placeText, level, municipality };
    // Where the province kept a name the reform ended elsewhere (内蒙古: 农牧局), that name, not the other one.
    const here = this.kb.keptAt(ref, date);
    const templates = here.kept.length
      ? [...this.currentTemplates(date).filter((t) => !here.replaced.has(t.id)), ...here.kept]
      : this.currentTemplates(date);
    for (const t of templates) {
      const full = this.kb.localName(t, ref, false);
      const forms = new Set([full, this.kb.localName(t, ref, true)]);
      // The stem is the name without the place (团长治市委 → 团委).
      for (const label of forms)
        out.push({ label, fullName: full, kind: t.raw.kind, stem: label.replace(placeText, '') });
    }
    return out;
  }

  /** `py`: the label's pinyin and initials, asked for only when the query is ASCII (typed in pinyin). */
  private score(query: string, label: string, pyOf: () => [string, string]): number {
    if (!query) return 0.5;
    if (label === query) return 1;
    if (label.startsWith(query)) return 0.95 - Math.min(0.2, (label.length - query.length) * 0.01);
    if (isAscii(query)) {
      const q = query.toLowerCase();
      const py = pyOf();
      if (py[1] === q) return 0.93;
      if (py[0] === q) return 0.92;
      if (py[0].startsWith(q)) return 0.85 - Math.min(0.2, (py[0].length - q.length) * 0.005);
      if (py[1].startsWith(q)) return 0.8 - Math.min(0.2, (py[1].length - q.length) * 0.01);
      if (q.length >= 3 && py[0].includes(q)) return 0.55;
      return 0;
    }
    if (label.includes(query)) return 0.75;
    return 0;
  }

  complete(query: string, options: { referenceDate: string; locality?: string; limit?: number }): AgencyCompletion[] {
    const q = (query ?? '').trim();
    const date = /^\d{4}-\d{2}-\d{2}$/.test(options.referenceDate) ? options.referenceDate : '9999-12-31';
    const limit = options.limit ?? 20;
    const results = new Map<string, AgencyCompletion>();
    // Pinyin is looked up (and pinyin-pro, ~15 MB, loaded for names the data build did not cover) only when it is
    // read: to score a query typed in pinyin, or from a result's pinyin/initials (filterText of an ASCII query).
    const pinyinOf = (label: string) => () => this.pinyinOf(label);
    const offer = (it: Item, score: number, py: () => [string, string]) => {
      if (score <= 0) return;
      const prev = results.get(it.label);
      if (prev && prev.score >= score) return;
      let pinyin: [string, string] | undefined;
      results.set(it.label, {
        label: it.label,
        fullName: it.fullName,
        kind: it.kind,
        get pinyin() {
          return (pinyin ??= py())[0];
        },
        get initials() {
          return (pinyin ??= py())[1];
        },
        score: Math.round(score * 1000) / 1000,
      });
    };
    // 1. Query that starts with a place (省公 → 省公安厅, 长治市公 → 长治市公安局).
    const placed = this.placePrefix(q);
    if (placed) {
      const rest = q.slice(placed.text.length);
      for (const it of this.localItems(placed.text, placed.level, placed.municipality, date)) {
        const s = rest ? this.score(rest, it.stem, pinyinOf(it.stem)) : 0.5;
        offer(it, s, pinyinOf(it.label));
      }
    }
    // 2. Central names.
    for (const it of this.centralItems(date)) {
      const py = pinyinOf(it.label);
      offer(it, this.score(q, it.label, py) * 0.99, py);
    }
    // 3. Local forms for the document's locality: in a local plan the local form ranks first (a county plan's
    //    `gongan` is that county's 公安局 before 公安部), so its stem scores undiscounted against the central 0.99.
    const loc = options.locality ? this.kb.resolvePlace(options.locality) : undefined;
    if (loc && q) {
      for (const it of this.localItems(loc.text, loc.level, loc.municipality, date)) {
        const py = pinyinOf(it.label);
        const s = Math.max(this.score(q, it.label, py), this.score(q, it.stem, pinyinOf(it.stem)));
        offer(it, s, py);
      }
    }
    // 4. Fuzzy fallback (fuse.js) when nothing matched literally.
    if (results.size === 0 && q && !isAscii(q)) {
      for (const name of this.suggest(q, limit, date)) {
        const c = this.kb.lookup(name, date);
        if (c) offer({ label: name, fullName: c.info.fullName, kind: c.info.kind }, 0.4, pinyinOf(name));
      }
    }
    return [...results.values()]
      .sort((a, b) => b.score - a.score || a.label.length - b.label.length || a.label.localeCompare(b.label))
      .slice(0, limit);
  }

  /** A place at the start of the query (longest), when something or nothing follows it. */
  private placePrefix(q: string): { text: string; level: Level; municipality: boolean } | undefined {
    for (let len = Math.min(q.length, 20); len >= 1; len--) {
      const m = this.kb.places.parse(q.slice(0, len));
      if (m) return { text: q.slice(0, len), level: m.level, municipality: m.municipality };
    }
    return undefined;
  }

  /** Names valid on `date` (central names, bare local forms) and their candidate index. */
  private namePool(date: string): Pool<{ name: string; local: boolean }> {
    const known = this.names.get(date);
    if (known) return known;
    const names = new Map<string, boolean>(); // name → a local stem (no central name)
    for (const c of this.kb.registry.central.values()) {
      if (!liveOn(c.raw, date) || !establishedOn(c.raw, date)) continue;
      for (const n of c.names) if ((!n.from || date >= n.from) && (!n.to || date < n.to)) names.set(n.name, false);
    }
    // Bare local forms too (教育局 for 教肓局 in 县发改局、教肓局、公安局).
    for (const t of this.currentTemplates(date)) {
      if (t.raw.bare === false) continue;
      for (const n of t.raw.bareNames ?? t.raw.names) if (n.length >= 2 && !names.has(n)) names.set(n, true);
    }
    const list = [...names.keys()];
    const pool = {
      items: list.map((name) => ({ name, local: names.get(name)! })),
      index: new CandidateIndex(list.map((n) => n.toLowerCase())),
    };
    if (this.names.size >= 8) this.names.clear();
    this.names.set(date, pool);
    return pool;
  }

  /** Whether `name` (a place and a local stem) is a current name at its place's level on `date`. */
  private validHere(name: string, date: string): boolean {
    const hit = this.kb.lookup(name, date);
    return hit !== undefined && hit.status.current && !hit.status.wrongLevel;
  }

  /** The local forms of a place on a date, with a candidate index on their stems. */
  private localPool(placeText: string, level: Level, municipality: boolean, date: string) {
    const key = `${date}\u0000${level}\u0000${municipality}\u0000${placeText}`;
    let pool = this.local.get(key);
    if (!pool) {
      const items = this.localItems(placeText, level, municipality, date);
      pool = { items, index: new CandidateIndex(items.map((x) => x.stem.toLowerCase())) };
      if (this.local.size >= 100) this.local.clear();
      this.local.set(key, pool);
    }
    return pool;
  }

  /**
   * Current names close to `name` (fuse.js ranking). A place prefix is kept: 长治市公按局 → 长治市公安局.
   */
  suggest(name: string, limit: number, date: string): string[] {
    const q = (name ?? '').trim();
    if (!q) return [];
    const out: string[] = [];
    const placed = this.placePrefix(q);
    if (placed && placed.text.length < q.length) {
      const rest = q.slice(placed.text.length);
      const pool = this.localPool(placed.text, placed.level, placed.municipality, date);
      let restPy: string | undefined; // not cached: document text
      addByDistance(
        out,
        fuzzySearch(pool, 'stem', rest, limit * 2).map((item, i) => ({
          label: item.label,
          stem: item.stem,
          d: levenshtein(rest, item.stem),
          i,
        })),
        limit,
        // Equal edit distance: the one that sounds the same first (民正局 → 民政局 before 民宗局).
        (x) => levenshtein((restPy ??= computePinyin(rest)[0]), this.pinyinOf(x.stem)[0]),
      );
    }
    // fuse.js finds the candidates; the closest in edit distance come first (公安部 before 中华人民共和国公安部). A local
    // stem keeps the query's place (县文化广电和旅油局 → 县文化广电和旅游局, not 文化广电和旅游局 without 县).
    let qPy: string | undefined; // not cached: document text
    // One that is no valid name there (县文化和旅游厅: a provincial 厅 under a county) is left out, also when the 厅 is
    // one of a template's other names rather than its provincial form (市旅游和文化广电体育厅: 市、县的部门称局).
    const prefix = placed && placed.text.length < q.length ? placed.text : '';
    const below = placed !== undefined && placed.level !== 'province' && !placed.municipality;
    const list: Array<{ label: string; d: number; i: number }> = [];
    for (const item of fuzzySearch(this.namePool(date), 'name', q, limit * 3)) {
      const label = prefix && item.local ? prefix + item.name : item.name;
      if (label !== item.name && (!this.validHere(label, date) || (below && provincialHall(item.name)))) continue;
      list.push({ label, d: levenshtein(q, label), i: list.length });
    }
    addByDistance(out, list, limit, (x) => levenshtein((qPy ??= computePinyin(q)[0]), this.pinyinOf(x.label)[0]));
    return out.slice(0, limit);
  }
}

/** A provincial department's 厅 (not 办公厅, which a municipality's or any level's government office may be). */
function provincialHall(stem: string): boolean {
  return stem.endsWith('厅') && !stem.endsWith('办公厅');
}
