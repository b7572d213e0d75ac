// The place index file (data/index/places.json, PlacesData): the data build reproduces the committed file, it holds
// exactly the compiled tables (PlacesIndex), Places decodes it only when a text meets a place, and a file in another
// format is an error that names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlaces } from '../../../data/build/agencies';
import { Folder } from '../../../server/src/core/agency/fold';
import {
  checkPlacesData,
  compactPlaces,
  compilePlaces,
  Places,
  type PlacesData,
} from '../../../server/src/core/agency/places';
import { createAgencyKnowledgeBase } from '../../../server/src/core/agency/knowledgeBase';
import { inMemoryDataSource } from '../../../server/src/core/dataSource';
import { diskDataSource } from '../../../server/src/node/data';
import { placesTables } from './reference/placesTables';

const ROOT = join(__dirname, '..', '..', '..', '..');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
const folder = () => new Folder(JSON.parse(read('data/index/t2s.json')).pairs);

test('buildPlaces reproduces the committed data/index/places.json byte for byte', () => {
  assert.equal(
    JSON.stringify(buildPlaces(ROOT, folder())) + '\n',
    read('data/index/places.json'),
    'run npm run build:data',
  );
});

test('the file holds exactly the compiled tables (decoded on their own by the reference)', () => {
  const file = JSON.parse(read('data/index/places.json')) as PlacesData;
  const tables = placesTables(file);
  assert.ok(tables.entries.length > 3000 && Object.keys(tables.names).length > 6000);
  assert.deepEqual(compactPlaces(tables, file.source), file);
  assert.equal(tables.entries[0].join(), '11,北京市,m');
});

const ROWS: Array<[string, string, string, string]> = [
  ['14', '山西省', 'p', '山西'],
  ['11', '北京市', 'm', '北京'],
  ['1404', '长治市', 'c', '长治'],
  ['140430', '沁县', 'x', ''],
  ['4228', '恩施土家族苗族自治州', 'c', '恩施'],
  ['140404', '上党区', 'x', '上党'],
  ['999', '长治', 'x', ''],
];

test('compactPlaces and placesTables are inverse; Places reads the compact form like the tables', () => {
  const f = new Folder('');
  const index = compilePlaces(ROWS, f);
  const data = compactPlaces(index, 'test');
  assert.deepEqual(placesTables(data), index);
  const places = new Places(data, f);
  const parsed = (s: string) => {
    const m = places.parse(s);
    return m && [m.form, m.level, m.municipality, m.entries.map((e) => `${e.code}${e.name}${e.level}`).join()];
  };
  assert.deepEqual(parsed('长治市'), ['full', 'prefecture', false, '1404长治市prefecture']);
  // 长治 is a short form of 长治市 and the full name of an (invented) county: the full reading wins.
  assert.deepEqual(parsed('长治'), ['full', 'county', false, '999长治county']);
  assert.deepEqual(parsed('北京'), ['short', 'province', true, '11北京市province']);
  assert.deepEqual(parsed('恩施州'), ['full', 'prefecture', false, '4228恩施土家族苗族自治州prefecture']);
  assert.deepEqual(parsed('沁县'), ['full', 'county', false, '140430沁县county']);
  assert.deepEqual(parsed('市'), ['bare', 'prefecture', false, '']);
  assert.equal(places.parse('党区'), undefined);
  assert.equal(places.parse('晋城'), undefined);
  // The longest name ending at a position, within minStart.
  assert.equal(places.endingAt('山西省长治市上党区', 9, 0, false)?.start, 6);
  assert.equal(places.endingAt('山西省长治市', 6, 0, false)?.start, 3);
  assert.equal(places.readingAt('恩施土家族苗族自治州', 10, 0, false)?.length, 10);
  assert.equal(places.readingAt('恩施土家族苗族自治州', 10, 1, false), undefined);
  // The same reading object every time (decoded once).
  assert.equal(places.readingAt('x长治市', 4, 0, true), places.readingAt('长治市', 3, 0, true));
});

test('Places reads nothing of the index until a text meets a place, then only what it needs', () => {
  const f = new Folder('');
  const data = compactPlaces(compilePlaces(ROWS, f), 'test');
  const touched = new Set<string>();
  const watched = new Proxy(data, {
    get(target, key: string) {
      touched.add(key);
      return target[key as keyof PlacesData];
    },
  });
  const places = new Places(watched, f);
  assert.deepEqual([...touched], []);
  assert.equal(places.readingAt('公安局', 3, 0, false), undefined);
  assert.deepEqual([...touched], ['tails'], 'a pair no name ends in is looked up in the tails only');
  assert.equal(places.parse('沁县')?.entries[0].name, '沁县');
  assert.ok(touched.has('entries') && touched.has('readings'));
});

test('a places file that is not in the compact format is an error that names the file', () => {
  const files = Object.fromEntries(
    ['index/agencies.json', 'index/t2s.json', 'agencies/agency.schema.json'].map((p) => [p, diskDataSource().read(p)]),
  );
  const good = JSON.parse(read('data/index/places.json')) as PlacesData;
  const former = JSON.stringify({ source: 's', ...placesTables(good) });
  const truncated = JSON.stringify({ ...good, keyEnds: good.keyEnds.slice(1) });
  for (const bad of [former, truncated, 'null', '[]', JSON.stringify({ ...good, tails: good.tails.slice(1) })]) {
    assert.throws(() => checkPlacesData(JSON.parse(bad)), /npm run build:data/);
    assert.throws(
      () => createAgencyKnowledgeBase(inMemoryDataSource({ ...files, 'index/places.json': bad })),
      (e: Error) => e.name === 'DataLoadError' && /index\/places\.json/.test(e.message),
    );
  }
  assert.doesNotThrow(() => checkPlacesData(good));
});
