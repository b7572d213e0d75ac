// Oracle tests of the allocation-light matcher: the production Matcher (flat Aho–Corasick ends, place readings
// without match objects, candidates that are hits, insertion sort, listGap) chooses exactly the hits of the former
// matcher (reference/matcherV1.ts) on every registry name form, alone, after place prefixes and in enumerations, on
// the plan excerpts, on random concatenations (fast-check, fixed seed), and with a custom agency file; Places.readingAt
// and endingAt agree with the former endingAt on every place name; listGap agrees with the former regex.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diskDataSource } from '../../../server/src/node/data';
import {
  createAgencyKnowledgeBase,
  readAgencyIndexFiles,
  type KnowledgeBase,
} from '../../../server/src/core/agency/knowledgeBase';
import { Matcher, listGap, tableIdeograph, type Hit } from '../../../server/src/core/agency/matcher';
import { isIdeograph } from '../../../server/src/core/agency/fold';
import type { PlaceMatch } from '../../../server/src/core/agency/places';
import { ReferenceMatcher, ReferencePlaces, type ReferenceHit } from './reference/matcherV1';
import { placesTables } from './reference/placesTables';
import { excerpt } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = 20261202;
const files = readAgencyIndexFiles(diskDataSource());
/** The place index as the former tables (the reference reads them). */
const placeTables = placesTables(files.places);

/** A hit as plain data: templates and refs by id, no undefined fields. */
function plain(h: Hit | ReferenceHit): unknown {
  return JSON.parse(
    JSON.stringify(h, (k, v) =>
      k === 'template' ? v.id : k === 'refs' || k === 'enterprise' ? v.map((r: { id: string }) => r.id) : v,
    ),
  );
}

function pair(kb: KnowledgeBase) {
  return {
    now: new Matcher(kb.registry, kb.places, kb.folder),
    ref: new ReferenceMatcher(kb.registry, new ReferencePlaces(placeTables, kb.folder), kb.folder),
  };
}

function check(m: ReturnType<typeof pair>, text: string): void {
  assert.deepEqual(m.now.scan(text).map(plain), m.ref.scan(text).map(plain), text);
}

/** Every name form of the registry: central names, local names, short and full forms, bare names, wraps. */
function nameForms(kb: KnowledgeBase): string[] {
  const out = new Set<string>();
  for (const c of kb.registry.central.values()) for (const n of c.names) out.add(n.name);
  for (const t of kb.registry.local.values()) {
    for (const n of t.raw.names) out.add(n);
    for (const n of t.raw.bareNames ?? []) out.add(n);
    for (const f of [t.raw.forms, t.raw.shortForms]) for (const v of Object.values(f ?? {})) if (v) out.add(v);
    if (t.raw.wrap) out.add(`${t.raw.wrap[0]}市${t.raw.wrap[1]}`).add(`${t.raw.wrap[0]}长治市${t.raw.wrap[1]}`);
    if (t.raw.fullWrap) out.add(`${t.raw.fullWrap[0]}长治市${t.raw.fullWrap[1]}`);
  }
  return [...out];
}

const PREFIXES = [
  '',
  '市',
  '县',
  '省',
  '区',
  '自治区',
  '自治州',
  '长治市',
  '长治',
  '山西省长治市',
  '福建省三明市尤溪县',
  '恩施州',
];
const PREFIXES_MORE = [
  '中共长治市委',
  '中国共产党长治市',
  '城市',
  '全市',
  '会同',
  '和县',
  '西藏自治区',
  '西部机场集团安康',
];
const LEFT = ['', '由', '会同', '请', '，', '和', '要会同', '，会同'];
const RIGHT = ['', '负责', '门', '等部门', '员', '发〔2021〕', '、市教育局', '（县乡村振兴局）'];

test('oracle: every registry name form, with and without place prefixes and context, gives the former hits', () => {
  const kb = createAgencyKnowledgeBase(diskDataSource());
  const m = pair(kb);
  const names = nameForms(kb);
  assert.ok(names.length > 300, `${names.length} name forms`);
  for (const n of names) {
    for (const p of PREFIXES) for (const l of LEFT) check(m, `${l}${p}${n}`);
    for (const p of PREFIXES_MORE) check(m, `${p}${n}`);
    for (const r of RIGHT) check(m, `市${n}${r}`);
  }
  // Enumerations: a place-led item followed by bare items, gaps of every kind.
  for (let i = 0; i + 2 < names.length; i += 3)
    for (const gap of ['、', '，', '和', '以及', ' ', '（', '、和', '；'])
      check(m, `长治市${names[i]}${gap}${names[i + 1]}${gap}${names[i + 2]}配合`);
});

test('oracle: the plan excerpts, line by line and whole', () => {
  const kb = createAgencyKnowledgeBase(diskDataSource());
  const m = pair(kb);
  for (const name of ['ankang-2021-excerpt.txt', 'youxi-2022-excerpt.txt']) {
    const text = excerpt(name);
    check(m, text);
    for (const line of text.split('\n')) check(m, line);
  }
});

test('oracle: random concatenations of names, places and glue (fast-check)', () => {
  const kb = createAgencyKnowledgeBase(diskDataSource());
  const m = pair(kb);
  const names = nameForms(kb);
  const glue = [
    '、',
    '，',
    ',',
    '（',
    '）',
    '(',
    ')',
    '和',
    '以及',
    '及',
    '由',
    '负责',
    '配合',
    '门',
    '员',
    '。',
    ' ',
    '𠮷',
    '\uD842',
    '衛生部',
    '有限公司',
    '车务段',
    '发〔',
  ];
  const piece = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom(...PREFIXES, ...PREFIXES_MORE),
    fc.constantFrom(...glue),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (parts) => check(m, parts.join(''))),
    { numRuns: RUNS * 5, seed: SEED },
  );
});

test('oracle: with a custom agency file (central and local entries)', () => {
  const kb = createAgencyKnowledgeBase(diskDataSource());
  const problems = kb.addCustom(
    {
      agencies: [
        { id: 'custom-fz', fullName: '长治市反诈骗中心', shortNames: ['市反诈中心', '反诈办'], kind: 'other' },
      ],
      local: [
        {
          id: 'l-custom-fz',
          kind: 'other',
          forms: { province: '反诈骗中心', prefecture: '反诈骗中心', county: '反诈骗中心' },
          shortForms: { province: '反诈中心', prefecture: '反诈中心', county: '反诈中心' },
          names: ['反诈骗中心', '反诈中心'],
        },
      ],
    },
    'custom.json',
  );
  assert.deepEqual(problems, []);
  const m = pair(kb);
  for (const n of ['反诈骗中心', '反诈中心', '市反诈中心', '反诈办', '长治市反诈骗中心'])
    for (const p of PREFIXES) for (const r of RIGHT) check(m, `由${p}${n}${r}`);
  check(m, '县反诈中心、公安局、反诈办和市反诈中心负责');
});

test('oracle: Places.readingAt / endingAt agree with the former endingAt on every place name', () => {
  const kb = createAgencyKnowledgeBase(diskDataSource());
  const ref = new ReferencePlaces(placeTables, kb.folder);
  const keys = Object.keys(placeTables.names);
  assert.ok(keys.length > 3000);
  const same = (a: PlaceMatch | undefined, b: PlaceMatch | undefined) =>
    a === b ||
    (!!a &&
      !!b &&
      a.start === b.start &&
      a.end === b.end &&
      a.form === b.form &&
      a.level === b.level &&
      a.municipality === b.municipality &&
      a.entries.map((e) => e.code).join() === b.entries.map((e) => e.code).join());
  for (const key of keys) {
    for (const pre of ['', '山西省', '自治', '和', '城', '全']) {
      for (const post of ['', '自治区']) {
        const f = `${pre}${key}${post}`;
        for (let end = 0; end <= f.length; end++) {
          for (const minStart of [0, Math.max(0, end - 2)]) {
            for (const bare of [true, false]) {
              const want = ref.endingAt(f, end, minStart, bare);
              assert.ok(same(kb.places.endingAt(f, end, minStart, bare), want), `${f} ${end}`);
              const r = kb.places.readingAt(f, end, minStart, bare);
              assert.equal(r?.length, want ? want.end - want.start : undefined);
              if (want) {
                const ok = ref.leftBoundaryOk(f, want);
                assert.equal(kb.places.leftBoundaryOk(f, want), ok);
                assert.equal(kb.places.boundaryOkAt(f, want.start, r!.length, r!.form), ok);
              }
            }
          }
        }
      }
    }
  }
});

test('listGap agrees with the former regex on every code unit and on short gaps', () => {
  const LIST_GAP = /^[、，；\s（）和及与]*$|^以及$|^[、，]?和$/;
  const gap = (s: string) => listGap(`x${s}y`, 1, 1 + s.length);
  for (let c = 0; c < 65536; c++) {
    const s = String.fromCharCode(c);
    assert.equal(gap(s), LIST_GAP.test(s), `U+${c.toString(16)}`);
  }
  assert.equal(gap(''), true);
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('、', '，', '；', ' ', '\u3000', '（', '）', '和', '及', '与', '以', '局', ',', '\n'), {
        maxLength: 4,
      }),
      (xs) => assert.equal(gap(xs.join('')), LIST_GAP.test(xs.join(''))),
    ),
    { numRuns: RUNS * 5, seed: SEED },
  );
});

test("the matcher's code-unit table reads ideographs as isIdeograph does, for every code unit", () => {
  const wrong: number[] = [];
  for (let c = 0; c < 0x10000; c++) if (tableIdeograph(c) !== isIdeograph(c)) wrong.push(c);
  assert.deepEqual(wrong, []);
});
