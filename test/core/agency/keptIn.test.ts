// Names the 2018 local reform ended in most places but that particular provinces kept (keptIn: 内蒙古自治区 keeps
// 农牧厅/农牧局, 重庆市 经济和信息化委员会): current at a place in those provinces — the mention's own place, or the
// document's locality when it names none —, information elsewhere as before; hover, localisation and completion
// follow the place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAgencyKnowledgeBase, type KnowledgeBase } from '../../../server/src/core/agency/knowledgeBase';
import { diskDataSource, loadEngines } from '../../../server/src/node/data';
import { agencyHover } from '../../../server/src/core/features/hover';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types';
import { Registry, type RegistryFile } from '../../../server/src/core/agency/registry';

const engines = loadEngines();
const kb = engines.agencies as KnowledgeBase;
const today = '2026-12-02';

const statuses = (text: string, locality?: string, date = today) =>
  kb.scan(text, date, locality ? { locality } : undefined).map((m) => ({
    text: m.text,
    current: m.status.current,
    kept: m.status.keptAt?.place,
    replacement: m.status.replacement,
    uncertain: m.status.uncertain === true,
  }));

test('the registry declares the provinces that keep a varies name, each with a source or marked unverified', () => {
  const kept = [...kb.registry.local.values()].flatMap((t) => (t.raw.keptIn ?? []).map((k) => ({ id: t.id, ...k })));
  assert.deepEqual(
    kept.map((k) => [k.id, k.place]),
    [
      ['l-haiyu', '福建省'],
      ['l-nongmu', '内蒙古自治区'],
      ['l-jingxinwei', '重庆市'],
      ['l-jingxinwei', '上海市'],
    ],
  );
  for (const k of kept) {
    assert.ok((k.sources?.length ?? 0) > 0 || (k.unverified?.length ?? 0) > 0, `${k.id} ${k.place}`);
    assert.ok(kb.provinceCode(k.place), k.place);
  }
  // 内蒙古 keeps 农牧厅/农牧局, not the pre-2018 农牧业厅 (the names before the reform).
  assert.deepEqual(kb.registry.local.get('l-nongmu')!.raw.keptIn![0].names, ['农牧厅', '农牧局']);
});

test('provincesOf: a place by the province codes it may lie in; an outer place narrows an ambiguous one', () => {
  assert.deepEqual(kb.provincesOf('呼和浩特市'), ['15']);
  assert.deepEqual(kb.provincesOf('内蒙古'), ['15']);
  assert.deepEqual(kb.provincesOf('渝中区'), ['50']);
  assert.deepEqual(kb.provincesOf('新城区'), ['15', '61']);
  assert.deepEqual(kb.provincesOf('内蒙古自治区新城区'), ['15']);
  assert.deepEqual(kb.provincesOf('西安市新城区'), ['61']);
  assert.equal(kb.provincesOf('市'), undefined);
  assert.equal(kb.provincesOf('自治区'), undefined);
  assert.equal(kb.provinceCode('呼和浩特市'), undefined, 'a prefecture is no province-level place');
});

test('a mention whose own place lies in a keeping province is current there, with the province named', () => {
  assert.deepEqual(statuses('内蒙古自治区农牧厅、呼和浩特市农牧局'), [
    { text: '内蒙古自治区农牧厅', current: true, kept: '内蒙古自治区', replacement: [], uncertain: false },
    { text: '呼和浩特市农牧局', current: true, kept: '内蒙古自治区', replacement: [], uncertain: false },
  ]);
  for (const text of ['重庆市经济和信息化委员会', '重庆市渝中区经济和信息化委员会', '渝中区经信委', '重庆市经济信息委'])
    assert.deepEqual(
      statuses(text).map((s) => [s.current, s.kept]),
      [[true, '重庆市']],
      text,
    );
  // A place inherited from the list: 呼和浩特市公安局、农牧局.
  assert.deepEqual(
    statuses('呼和浩特市公安局、农牧局').map((s) => [s.text, s.current, s.kept]),
    [
      ['呼和浩特市公安局', true, undefined],
      ['农牧局', true, '内蒙古自治区'],
    ],
  );
});

test('elsewhere, and for an ambiguous place, the name stays an uncertain outdated name as before', () => {
  assert.deepEqual(statuses('长治市农牧局'), [
    { text: '长治市农牧局', current: false, kept: undefined, replacement: ['长治市农业农村局'], uncertain: true },
  ]);
  assert.deepEqual(
    statuses('青海省农牧厅、北京市经济和信息化委员会').map((s) => [s.current, s.uncertain]),
    [
      [false, true],
      [false, true],
    ],
  );
  // 新城区 is in 呼和浩特 and in 西安: not provably a keeping place.
  assert.deepEqual(
    statuses('新城区农牧局').map((s) => [s.current, s.uncertain]),
    [[false, true]],
  );
  // Before the reform the name was live everywhere: nothing changes.
  assert.deepEqual(
    statuses('长治市农牧局', undefined, '2015-01-01').map((s) => [s.current, s.kept]),
    [[true, undefined]],
  );
});

test('a name the province did not keep gets the name it kept as its replacement there', () => {
  // 农牧业局 was 内蒙古's name before 2018; there it is now 农牧局, not 农业农村局.
  assert.deepEqual(statuses('呼和浩特市农牧业局'), [
    {
      text: '呼和浩特市农牧业局',
      current: false,
      kept: undefined,
      replacement: ['呼和浩特市农牧局'],
      uncertain: true,
    },
  ]);
  assert.match(kb.scan('呼和浩特市农牧业局', today)[0].status.reformEn ?? '', /now 呼和浩特市农牧局$/);
  assert.deepEqual(statuses('市农牧业局', '呼和浩特市')[0].replacement, ['市农牧局']);
  assert.deepEqual(statuses('长治市农牧业局')[0].replacement, ['长治市农业农村局']);
});

test('an older name that led to a kept one is replaced by the kept one there (上海市经委 → 上海市经信委)', () => {
  const repl = (text: string, locality?: string) => statuses(text, locality).map((s) => [s.text, s.replacement]);
  assert.deepEqual(repl('上海市经济委员会'), [['上海市经济委员会', ['上海市经济和信息化委员会']]]);
  assert.deepEqual(repl('重庆市经委、长治市经委'), [
    ['重庆市经委', ['重庆市经信委']],
    ['长治市经委', ['长治市工信局']],
  ]);
  // A line written in short forms restyles its names; the kept name survives the restyling.
  assert.deepEqual(repl('上海市经济委员会、上海市闵行区经委'), [
    ['上海市经济委员会', ['上海市经信委']],
    ['上海市闵行区经委', ['上海市闵行区经信委']],
  ]);
  assert.deepEqual(repl('（市经委、市农牧业局配合）', '呼和浩特市'), [
    ['市经委', ['市工信局']],
    ['市农牧业局', ['市农牧局']],
  ]);
  assert.deepEqual(repl('（市经委、市农牧业局配合）', '重庆市'), [
    ['市经委', ['市经信委']],
    ['市农牧业局', ['市农业农村局']],
  ]);
});

test('without a place of its own, the document locality decides', () => {
  const at = (loc?: string) =>
    statuses('（自治区农牧厅、市农牧局、市经信委配合）', loc).map((s) => [s.text, s.current, s.kept ?? null]);
  assert.deepEqual(at('呼和浩特市'), [
    ['自治区农牧厅', true, '内蒙古自治区'],
    ['市农牧局', true, '内蒙古自治区'],
    ['市经信委', false, null],
  ]);
  assert.deepEqual(at('重庆市'), [
    ['自治区农牧厅', false, null],
    ['市农牧局', false, null],
    ['市经信委', true, '重庆市'],
  ]);
  for (const loc of [undefined, '长治市', '县'])
    assert.deepEqual(
      at(loc).map((x) => x[1]),
      [false, false, false],
      String(loc),
    );
  // A place written in the mention wins over the locality.
  assert.deepEqual(
    statuses('长治市农牧局', '呼和浩特市').map((s) => s.current),
    [false],
  );
});

test('hover says the name is current in the province that kept it (zh, en); elsewhere it stays outdated', () => {
  const hover = (text: string, lang: 'zh' | 'en', locality?: string) => {
    const m = kb.scan(text, today, locality ? { locality } : undefined)[0];
    return agencyHover(m, {
      engines,
      settings: { ...DEFAULT_SETTINGS, referenceDate: today },
      referenceDate: today,
      locality,
      lang,
    });
  };
  assert.match(hover('呼和浩特市农牧局', 'zh'), /现行有效\*\*（2026-12-02）：内蒙古自治区的现行名称/);
  assert.match(hover('呼和浩特市农牧局', 'en'), /\*\*current\*\* \(2026-12-02\): the current name in 内蒙古自治区/);
  assert.match(hover('市农牧局', 'zh', '呼和浩特市'), /内蒙古自治区的现行名称/);
  assert.match(hover('重庆市经济和信息化委员会', 'zh'), /重庆市的现行名称.*（待核实）/);
  assert.match(hover('长治市农牧局', 'zh'), /已不再使用/);
});

test('localisation and completion at a keeping place name the kept body, never the other name', () => {
  assert.equal(kb.localize('农业农村部', '呼和浩特市', today), '呼和浩特市农牧局');
  assert.equal(kb.localize('农业农村部', '内蒙古自治区', today), '内蒙古自治区农牧厅');
  assert.equal(kb.localize('工业和信息化部', '重庆市', today), '重庆市经济和信息化委员会');
  assert.equal(kb.localize('农业农村部', '长治市', today), '长治市农业农村局');
  assert.equal(kb.localize('工业和信息化部', '内蒙古自治区', today), '内蒙古自治区工业和信息化厅');
  const labels = (q: string, locality?: string) =>
    kb.complete(q, { referenceDate: today, locality }).map((c) => c.label);
  assert.ok(labels('农', '呼和浩特市').includes('呼和浩特市农牧局'));
  assert.ok(!labels('农', '呼和浩特市').includes('呼和浩特市农业农村局'));
  assert.ok(labels('呼和浩特市农', undefined).includes('呼和浩特市农牧局'));
  assert.ok(!labels('呼和浩特市农', undefined).includes('呼和浩特市农业农村局'));
  assert.ok(labels('农', '长治市').includes('长治市农业农村局'));
  assert.ok(!labels('农', '长治市').includes('长治市农牧局'));
  assert.ok(labels('经', '重庆市').includes('重庆市经济和信息化委员会'));
  assert.ok(!labels('工', '重庆市').includes('重庆市工业和信息化局'));
  assert.ok(labels('工', '长治市').includes('长治市工业和信息化局'));
  assert.deepEqual(kb.suggest('呼和浩特市农牧居', 3, today), ['呼和浩特市农牧局']);
});

test('keptIn is checked: its names belong to the template, it needs validTo, its place is one province', () => {
  const file = (keptIn: unknown, validTo: string | null = '2019-03-31'): RegistryFile =>
    ({
      local: [
        {
          id: 'x-nm',
          kind: 'ministry',
          forms: { prefecture: '农牧局' },
          names: ['农牧局'],
          ...(validTo ? { validTo } : {}),
          keptIn,
        },
      ],
    }) as RegistryFile;
  assert.deepEqual(new Registry().add(file([{ place: '内蒙古自治区' }]), 'a.json'), []);
  assert.deepEqual(
    new Registry().add(file([{ place: '内蒙古自治区', names: ['农牧厅'] }]), 'a.json').map(([p]) => p),
    ['/local/0/keptIn/0/names/0'],
  );
  assert.deepEqual(
    new Registry().add(file([{ place: '内蒙古自治区' }], null), 'a.json').map(([p]) => p),
    ['/local/0/keptIn/0'],
  );
  assert.deepEqual(
    new Registry().add(file([{ place: '内蒙古自治区', to: '2019-01-01' }]), 'a.json').map(([p]) => p),
    ['/local/0/keptIn/0/to'],
  );
  // A custom agency file: a place that is no province is reported, the entry is still used.
  const k = createAgencyKnowledgeBase(diskDataSource());
  const problems = k.addCustom(
    {
      local: [
        {
          id: 'x-nm',
          kind: 'ministry',
          forms: { prefecture: '牧业局' },
          names: ['牧业局'],
          validTo: '2019-03-31',
          keptIn: [
            { place: '呼和浩特市', unverified: ['place'] },
            { place: '内蒙古自治区', unverified: ['place'] },
          ],
        },
      ],
    },
    'custom.json',
  );
  assert.equal(problems.length, 1);
  assert.match(problems[0], /keptIn\/0\/place/);
  assert.deepEqual(
    k.scan('呼和浩特市牧业局、长治市牧业局', today).map((m) => [m.status.current, m.status.keptAt?.place]),
    [
      [true, '内蒙古自治区'],
      [false, undefined],
    ],
  );
});
