// The matcher: point-in-time status, plan clauses, guards against generic words, folding, offsets, local forms and
// the two local plan excerpts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngines } from '../../../server/src/node/data';
import type { PlanIndexFile } from '../../../server/src/core/plan/model';
import { excerpt, repoRoot } from './helpers';

const kb = loadEngines().agencies;
const texts = (t: string, d = '2026-11-23') => kb.scan(t, d).map((m) => m.text);

test('point in time: 卫生部, 国家卫生计生委, 国家乡村振兴局', () => {
  assert.equal(kb.lookup('卫生部', '2012-06-01')!.status.current, true);
  const moh = kb.lookup('卫生部', '2014-01-01')!;
  assert.equal(moh.info.fullName, '中华人民共和国卫生部');
  assert.deepEqual(moh.status, {
    current: false,
    replacement: ['国家卫生计生委'],
    since: '2013-03-14',
    reform: '2013年国务院机构改革：组建国家卫生和计划生育委员会，不再保留卫生部、国家人口和计划生育委员会',
    reformEn: '2013 State Council reform (2013-03-14): “卫生部” is no longer in use; now 国家卫生计生委',
  });
  assert.equal(kb.lookup('国家卫生计生委', '2015-06-01')!.status.current, true);
  const nhfpc = kb.lookup('国家卫生计生委', '2019-01-01')!;
  assert.equal(nhfpc.status.reform, '2018年党和国家机构改革：组建国家卫生健康委员会，不再保留国家卫生和计划生育委员会');
  assert.deepEqual(nhfpc.status.replacement, ['国家卫生健康委']);
  assert.equal(kb.lookup('国家乡村振兴局', '2022-06-01')!.status.current, true);
  // Since 2023 the name is a sign (加挂牌子) of 农业农村部: valid, never replaced.
  const nrra = kb.lookup('国家乡村振兴局', '2024-01-01')!;
  assert.deepEqual(nrra.status, {
    current: true,
    replacement: [],
    sign: { host: '农业农村部', hostId: 'moara', varies: false },
  });
  assert.equal(
    nrra.info.reform?.summary,
    '国家乡村振兴局的职责划入农业农村部（加挂国家乡村振兴局牌子），不再保留单设的国家乡村振兴局',
  );
});

test('广电总局 is resolved by date', () => {
  const at = (d: string) => {
    const r = kb.lookup('广电总局', d)!;
    return [r.info.fullName, r.status.current];
  };
  assert.deepEqual(at('2012-06-01'), ['国家广播电影电视总局', true]);
  assert.deepEqual(at('2015-06-01'), ['国家新闻出版广播电影电视总局', true]);
  assert.deepEqual(at('2021-04-09'), ['国家广播电视总局', true]);
  assert.deepEqual(at('2026-11-23'), ['国家广播电视总局', true]);
});

test('every agency name of both plans’ responsibility clauses resolves, current on the plan’s date', () => {
  const root = repoRoot();
  const index = JSON.parse(readFileSync(join(root, 'data/index/plans.json'), 'utf8')) as PlanIndexFile;
  const dates: Record<string, string> = { '2013-2020': '2013-03-02', '2021-2030': '2021-04-09' };
  let count = 0;
  for (const { meta, nodes } of index.plans) {
    for (const n of nodes) {
      for (const name of [...n.lead, ...n.cooperating]) {
        const r = kb.lookup(name, dates[meta.id]);
        assert.ok(r, `${meta.id} ${n.path}: ${name}`);
        assert.equal(r.status.current, true, `${meta.id} ${n.path}: ${name}`);
        assert.equal(r.info.level, 'central', name);
        count++;
      }
    }
  }
  assert.ok(count > 300, `only ${count} clause names`);
});

test('the plan texts: nothing unknown, nothing outdated on their own dates; prose bodies recognised', () => {
  const root = repoRoot();
  for (const [file, date] of [
    ['data/plans/2013-2020.txt', '2013-03-02'],
    ['data/plans/2021-2030.txt', '2021-04-09'],
  ]) {
    const text = readFileSync(join(root, file), 'utf8');
    assert.deepEqual(kb.unknowns(text, date), [], file);
    assert.deepEqual(
      kb
        .scan(text, date)
        .filter((m) => !m.status.current)
        .map((m) => m.text),
      [],
      file,
    );
    const ids = new Set(kb.scan(text, date).map((m) => m.info.id));
    for (const id of ['state-council', 'gov-office', 'jcm', 'iom', 'unicef', 'unodc', 'interpol'])
      assert.ok(ids.has(id), `${file}: ${id}`);
    assert.ok(![...ids].some((id) => id.startsWith('l-')), `${file}: no local bodies in a national plan`);
  }
});

test('the 2013 plan names resolve to their bodies of 2013', () => {
  const ids = (names: string[]) => names.map((n) => kb.lookup(n, '2013-03-02')!.info.id);
  assert.deepEqual(
    ids([
      '中央综治办',
      '卫生部',
      '人口计生委',
      '广电总局',
      '新闻出版总署',
      '铁道部',
      '法制办',
      '扶贫办',
      '高法院',
      '高检院',
      '民航局',
      '妇儿工委办公室',
    ]),
    [
      'cpc-zongzhi-office',
      'moh',
      'npfpc',
      'sarft',
      'gapp',
      'mor',
      'legal-office',
      'cpad',
      'spc',
      'spp',
      'caac',
      'nwccw-office',
    ],
  );
  assert.deepEqual(ids(['国家乡村振兴局', '广电总局'].slice(1)), ['sarft']);
  assert.equal(kb.lookup('国家乡村振兴局', '2021-04-09')!.info.id, 'nrra');
  assert.equal(kb.lookup('广电总局', '2021-04-09')!.info.id, 'nrta');
});

test('generic words are not agency names', () => {
  assert.deepEqual(
    texts('卫生部门、文化部门、农业部门、公安部门、民政部门、公安机关、有关部门、教育部门、司法部门'),
    [],
  );
  assert.deepEqual(texts('由卫生部门负责，卫生部负责'), ['卫生部']);
  assert.deepEqual(texts('市委员会，县委托第三方，政法委员会'), []);
  assert.deepEqual(texts('国办发〔2021〕13号 国办发[2013]19号'), []);
  // place + department only at a word boundary
  assert.deepEqual(texts('加强城市公安局建设，超市场监管局，社区卫生服务中心'), []);
  assert.deepEqual(texts('全市公安局、各县公安局'), ['市公安局', '县公安局']);
  assert.deepEqual(texts('各省、自治区、直辖市人民政府，县级市公安局'), []);
});

test('traditional characters and halfwidth punctuation fold, offsets stay aligned', () => {
  const ms = kb.scan('（衛生部負責，國家衛生健康委員會、國務院婦兒工委辦公室配合）', '2012-06-01');
  assert.deepEqual(
    ms.map((m) => [m.start, m.end, m.text, m.info.id]),
    [
      [1, 4, '衛生部', 'moh'],
      [7, 16, '國家衛生健康委員會', 'nhc'],
      [17, 27, '國務院婦兒工委辦公室', 'nwccw-office'],
    ],
  );
  assert.deepEqual(texts('市委統戰部(市民宗局)'), ['市委統戰部', '市民宗局']);
});

test('a character outside the BMP before a name: offsets in UTF-16', () => {
  const ms = kb.scan('𠮷卫生部和𠮷𠮷公安部', '2026-11-23');
  assert.deepEqual(
    ms.map((m) => [m.start, m.end, m.text]),
    [
      [2, 5, '卫生部'],
      [10, 13, '公安部'],
    ],
  );
});

test('local forms: place + department, party, youth league, courts, procuratorates, people’s congress', () => {
  const cases: Array<[string, string, string]> = [
    ['省公安厅', 'l-gongan', 'province'],
    ['长治市卫生局', 'l-weisheng', 'prefecture'],
    ['县卫健局', 'l-weijian', 'county'],
    ['省委宣传部', 'l-party-publicity', 'province'],
    ['市委政法委', 'l-party-plac', 'prefecture'],
    ['县委统战部', 'l-party-uf', 'county'],
    ['团省委', 'l-tuan', 'province'],
    ['团市委', 'l-tuan', 'prefecture'],
    ['团县委', 'l-tuan', 'county'],
    ['团长治市委', 'l-tuan', 'prefecture'],
    ['山西省高级人民法院', 'l-court', 'province'],
    ['长治市中级人民法院', 'l-court', 'prefecture'],
    ['市中级法院', 'l-court', 'prefecture'],
    ['尤溪县人民检察院', 'l-proc', 'county'],
    ['市检察院', 'l-proc', 'prefecture'],
    ['市人大常委会法工委', 'l-rd-lac', 'prefecture'],
    ['市人大常委会监察和司法工委', 'l-rd-sj', 'prefecture'],
    ['县人大常委会内司委', 'l-rd-sj', 'county'],
    ['市教体局', 'l-jiaoti', 'prefecture'],
    ['市文旅广电局', 'l-wenlv', 'prefecture'],
    ['县市场监管局', 'l-shichang', 'county'],
    ['市行政审批服务局', 'l-shenpi', 'prefecture'],
    ['长治公安局', 'l-gongan', 'prefecture'],
    ['山西长治市公安局', 'l-gongan', 'prefecture'],
    ['中共长治市委宣传部', 'l-party-publicity', 'prefecture'],
    ['内蒙古自治区公安厅', 'l-gongan', 'province'],
    ['自治区公安厅', 'l-gongan', 'province'],
    ['州民政局', 'l-minzheng', 'prefecture'],
    ['区司法局', 'l-sifa', 'county'],
    ['恩施州公安局', 'l-gongan', 'prefecture'],
  ];
  for (const [name, template, level] of cases) {
    const r = kb.lookup(name, '2026-11-23');
    assert.ok(r, name);
    assert.equal(r.info.id.split('@')[0], template, name);
    assert.equal(r.info.level, level, name);
  }
  // Enclosing places chain only upwards: 会同 (a county) + 长治市 is not one place.
  assert.deepEqual(
    kb.scan('会同长治市公安局、北京市朝阳区公安局', '2026-11-23').map((m) => [m.text, m.info.place]),
    [
      ['长治市公安局', '长治市'],
      ['北京市朝阳区公安局', '北京市朝阳区'],
    ],
  );
  const r = kb.lookup('长治市卫生局', '2012-01-01')!;
  assert.equal(r.info.place, '长治市');
  assert.equal(r.info.fullName, '长治市卫生局');
  assert.deepEqual(r.info.mirrors, { id: 'moh', name: '卫生部' });
  assert.deepEqual(r.info.successors, [{ id: 'l-weiji@长治市', name: '长治市卫生和计划生育委员会' }]);
});

test('second names in brackets, fullwidth and halfwidth', () => {
  for (const t of ['市委统战部（市民宗局）', '市委统战部(市民宗局)']) {
    assert.deepEqual(
      kb.scan(t, '2026-11-23').map((m) => [m.text, m.info.id]),
      [
        ['市委统战部', 'l-party-uf@市'],
        ['市民宗局', 'l-minzong@市'],
      ],
    );
  }
});

test('bare forms in an enumeration inherit the place of the first prefixed item', () => {
  const ms = kb.scan(
    '县委宣传部(网信办)、统战部(民宗局)、政法委,县人大常委会内司委,县发改局、教育局、公安局、卫生局等部门',
    '2026-11-23',
  );
  assert.deepEqual(
    ms.map((m) => [m.text, m.info.id, m.status.current]),
    [
      ['县委宣传部', 'l-party-publicity@县', true],
      ['网信办', 'l-party-cac@县', true],
      ['统战部', 'l-party-uf@县', true],
      ['民宗局', 'l-minzong@县', true],
      ['政法委', 'l-party-plac@县', true],
      ['县人大常委会内司委', 'l-rd-sj@县', true],
      ['县发改局', 'l-fagai@县', true],
      ['教育局', 'l-jiaoyu@县', true],
      ['公安局', 'l-gongan@县', true],
      ['卫生局', 'l-weisheng@县', false],
    ],
  );
  // A bare outdated form is replaced by a bare current form of the same level; the list writes short forms (发改局,
  // 民宗局), so 卫生局 (the same in full and short form) gets the short form.
  assert.deepEqual(ms[9].status.replacement, ['卫健局']);
  assert.deepEqual(kb.scan('县发展和改革局、教育局、卫生局', '2026-11-23')[2].status.replacement, ['卫生健康局']);
  // Without a local context, a short name shared with a central body is the central body.
  assert.equal(kb.scan('（扶贫办、民政部负责）', '2013-03-02')[0].info.id, 'cpad');
  assert.equal(kb.scan('市公安局、扶贫办', '2020-01-01')[1].info.id, 'l-fupin@市');
});

test('安康 excerpt (2021-12-10): every member unit recognised; only 市乡村振兴局 (now at most a sign) noted today', () => {
  const text = excerpt('ankang-2021-excerpt.txt');
  const start = text.indexOf('市联席会议由') + '市联席会议由'.length;
  const end = text.indexOf('等部门和单位组成');
  const members = kb.scan(text.slice(start, end), '2026-11-23');
  assert.deepEqual(
    members.map((m) => m.text),
    [
      '市委宣传部',
      '市委统战部',
      '市民宗局',
      '市委政法委',
      '市委网信办',
      '市人大常委会法工委',
      '市人大常委会监察和司法工委',
      '市中级法院',
      '市检察院',
      '市公安局',
      '市发改委',
      '市教体局',
      '市工信局',
      '市民政局',
      '市司法局',
      '市财政局',
      '市人社局',
      '市住建局',
      '市交通局',
      '市农业农村局',
      '市商务局',
      '市文旅广电局',
      '市卫健委',
      '市市场监管局',
      '市行政审批服务局',
      '市乡村振兴局',
      '市总工会',
      '团市委',
      '市妇联',
      '市关工委',
      '市妇儿工委办公室',
      '市残联',
      '西部机场集团安康机场有限公司',
      '西安铁路集团安康车务段',
    ],
  );
  assert.deepEqual(kb.unknowns(text, '2026-11-23'), []);
  assert.deepEqual(kb.unknowns(text, '2021-12-10'), []);
  assert.deepEqual(
    kb.scan(text, '2026-11-23').filter((m) => !m.status.current),
    [],
  );
  const signs = kb.scan(text, '2026-11-23').filter((m) => m.status.sign);
  assert.deepEqual(
    signs.map((m) => [m.text, m.status.sign]),
    [['市乡村振兴局', { host: '市农业农村局', hostId: 'l-nongye', varies: true }]],
  );
  assert.equal(
    signs[0].info.reform?.summary,
    '地方乡村振兴局职责划入农业农村部门（加挂乡村振兴局牌子），不再保留单设的乡村振兴局',
  );
  assert.deepEqual(
    kb.scan(text, '2021-12-10').filter((m) => !m.status.current),
    [],
  );
});

test('尤溪 excerpt (2022-05-13): bare forms recognised, nothing unknown or outdated', () => {
  const text = excerpt('youxi-2022-excerpt.txt');
  const start = text.indexOf('成员单位由') + '成员单位由'.length;
  const end = text.indexOf('等部门组成');
  assert.deepEqual(
    kb.scan(text.slice(start, end), '2026-11-23').map((m) => m.text),
    [
      '县委宣传部',
      '网信办',
      '统战部',
      '民宗局',
      '政法委',
      '县人大常委会内司委',
      '县发改局',
      '教育局',
      '公安局',
      '民政局',
      '司法局',
      '财政局',
      '人社局',
      '住建局',
      '交通运输局',
      '农业农村局',
      '商务局',
      '文旅局',
      '卫健局',
      '市场监管局',
      '信访局',
      '外办',
      '县法院',
      '检察院',
      '县总工会',
      '团县委',
      '妇联',
      '残联',
      '关工委',
    ],
  );
  assert.deepEqual(kb.unknowns(text, '2026-11-23'), []);
  assert.deepEqual(
    kb.scan(text, '2026-11-23').filter((m) => !m.status.current),
    [],
  );
  assert.deepEqual(
    kb.scan(text, '2022-05-13').filter((m) => !m.status.current),
    [],
  );
});

test('bad input never throws', () => {
  assert.deepEqual(kb.scan('', '2026-11-23'), []);
  assert.deepEqual(kb.scan('卫生部', 'not a date').length, 1);
  assert.equal(kb.lookup('', '2026-11-23'), undefined);
  assert.equal(kb.lookup('公安部门', '2026-11-23'), undefined);
  assert.deepEqual(kb.unknowns('（、，负责）', '2026-11-23'), []);
  assert.deepEqual(kb.scan('\uD842', '2026-11-23'), []);
  const anyKb = kb as unknown as Record<string, (...a: unknown[]) => unknown>;
  assert.deepEqual(anyKb.scan(undefined, '2026-11-23'), []);
  assert.equal(anyKb.lookup(42, '2026-11-23'), undefined);
  assert.equal(anyKb.localize(null, 7), undefined);
  assert.deepEqual(anyKb.suggest({}), []);
  assert.deepEqual(anyKb.complete(undefined, { referenceDate: '2026-11-23' }), []);
  assert.deepEqual(
    kb.complete('公安', { referenceDate: 'garbage', limit: 1 }).map((c) => c.label),
    ['公安部'],
  );
});

test('a two-character county after the verbs that take an agency as object (报送、抄送、告知 …)', () => {
  assert.deepEqual(texts('报送沁县农委'), ['沁县农委']);
  assert.deepEqual(texts('抄送沁县公安局'), ['沁县公安局']);
  assert.deepEqual(texts('及时告知沁县民政局'), ['沁县民政局']);
  assert.deepEqual(texts('由市民政局会同长治市卫生局检查'), ['市民政局', '长治市卫生局']);
  // ordinary words before a short place name still block it
  assert.deepEqual(texts('城市公安局'), []);
});
