// The agency names of the benchmark dictionaries, taken from the product's registry (data/agencies/*.json and
// data/index/*) and classified with the product's own knowledge base (AgencyKnowledgeBase.lookup on the reference
// date), so the peer's prh dictionary and the floor's automaton know exactly the names the core knows.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgencyKnowledgeBase } from '../server/src/core/agency/api';
import type { OutdatedName } from './peer';
import { ROOT } from './util';

export interface RegistryNames {
  /** Every name form the registry lists that the knowledge base recognises. */
  all: string[];
  /** Names not current on the reference date, with the knowledge base's replacements. */
  outdated: OutdatedName[];
  /** Files the names were read from. */
  sources: string[];
  /** Strings found in the files that lookup() does not recognise (not counted). */
  unrecognised: number;
}

const NAME_KEYS = new Set([
  'name',
  'names',
  'fullName',
  'displayName',
  'shortNames',
  'aliases',
  'alias',
  'forms',
  'variants',
  'oldNames',
  'localForms',
  'localNames',
  'short',
  'abbreviations',
]);

/** Collect the strings under name-like keys of a JSON value (any nesting). */
function collect(v: unknown, key: string | undefined, out: Set<string>): void {
  if (typeof v === 'string') {
    if (key !== undefined && NAME_KEYS.has(key) && v.length >= 2 && v.length <= 40 && /[\u4e00-\u9fff]/.test(v))
      out.add(v);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) collect(x, key, out);
    return;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      // A map keyed by name (e.g. an index { "卫生部": … }) counts too.
      if (/^[\u4e00-\u9fff（）()·]{2,40}$/.test(k)) out.add(k);
      collect(x, k, out);
    }
  }
}

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    if (name.isDirectory()) out.push(...jsonFiles(p));
    else if (name.name.endsWith('.json') && !/plans?\.json$|plan-/.test(name.name)) out.push(p);
  }
  return out;
}

export function registryNames(kb: AgencyKnowledgeBase, referenceDate: string): RegistryNames {
  const files = [...jsonFiles(join(ROOT, 'data', 'agencies')), ...jsonFiles(join(ROOT, 'data', 'index'))];
  const candidates = new Set<string>();
  for (const f of files) {
    try {
      collect(JSON.parse(readFileSync(f, 'utf8')), undefined, candidates);
    } catch {
      /* not JSON: skip */
    }
  }
  const all: string[] = [];
  const outdated: OutdatedName[] = [];
  let unrecognised = 0;
  for (const name of [...candidates].sort()) {
    let hit: ReturnType<AgencyKnowledgeBase['lookup']>;
    try {
      hit = kb.lookup(name, referenceDate);
    } catch {
      hit = undefined;
    }
    if (!hit) {
      unrecognised++;
      continue;
    }
    all.push(name);
    if (!hit.status.current) outdated.push({ name, replacement: hit.status.replacement });
  }
  return { all, outdated, sources: files.map((f) => f.slice(ROOT.length + 1)), unrecognised };
}

/**
 * The dictionary of the peer and the floor: the registry's names, plus the local forms the registry derives from
 * patterns (place prefix + body, e.g. 长治市工商局), which are not literal strings in the data files — every distinct
 * name the knowledge base recognises in the benchmark documents — so both cover exactly what the core finds.
 */
export function benchDictionary(
  agencies: AgencyKnowledgeBase,
  texts: readonly string[],
  date: string,
): { registry: RegistryNames; derived: number; outdated: OutdatedName[]; all: string[] } {
  const registry = registryNames(agencies, date);
  const outdated = new Map(registry.outdated.map((o) => [o.name, o]));
  const all = new Set(registry.all);
  let derived = 0;
  for (const text of texts) {
    for (const m of agencies.scan(text, date)) {
      if (!all.has(m.text)) {
        all.add(m.text);
        derived++;
      }
      if (!m.status.current && !outdated.has(m.text))
        outdated.set(m.text, { name: m.text, replacement: m.status.replacement });
    }
  }
  return { registry, derived, outdated: [...outdated.values()], all: [...all] };
}
