// The texts quoted in issue #11 ("Agency knowledge that holds on real documents"), through the whole analysis with
// the real engines: signs, prose, misspellings in every layout, outdated names, dates both ways, replacements in the
// document's own terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, applyFixes } from '../../../server/src/core/analysis';
import { loadEngines } from '../../../server/src/node/data';
import { agencyHover } from '../../../server/src/core/features/hover';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/core/types';

const engines = loadEngines();

function lint(text: string, date: string): Finding[] {
  return analyzeText(text, { ...DEFAULT_SETTINGS, referenceDate: date }, engines, { today: date }).findings.filter(
    (f) => f.code === 'outdated-agency' || f.code === 'unknown-agency',
  );
}

function fixed(text: string, date: string): string {
  return applyFixes(
    text,
    analyzeText(text, { ...DEFAULT_SETTINGS, referenceDate: date }, engines, { today: date }).findings,
  ).text;
}

const brief = (fs: Finding[]) => fs.map((f) => [f.code, f.severity, (f.facts as { name: string }).name]);

test('signs: 「host（sign）」 gets nothing and --fix leaves it alone', () => {
  for (const text of [
    '农业农村部（国家乡村振兴局）负责。',
    '中央统战部（国家宗教事务局）负责。',
    '人力资源社会保障部（国家外国专家局）负责。',
    '县农业农村局（县乡村振兴局）负责。',
  ]) {
    assert.deepEqual(lint(text, '2026-12-02'), [], text);
    assert.equal(fixed(text, '2026-12-02'), text);
  }
});

test('signs: a national sign standing alone is valid; a local 乡村振兴局 gets an information note naming its host, no fix', () => {
  assert.deepEqual(lint('国家宗教事务局、国务院侨务办公室负责。', '2026-12-02'), []);
  const f = lint('（县公安局、县乡村振兴局配合）', '2026-12-02');
  assert.deepEqual(brief(f), [['outdated-agency', 'information', '县乡村振兴局']]);
  assert.deepEqual(f[0].fixes, []);
  assert.deepEqual(f[0].data.replacement, []);
  assert.deepEqual(f[0].data.sign, { host: '县农业农村局' });
  assert.equal(fixed('（县公安局、县乡村振兴局配合）', '2026-12-02'), '（县公安局、县乡村振兴局配合）');
});

test('prose: a name never absorbs the verbs around it', () => {
  assert.deepEqual(lint('由省发展改革委牵头，会同省应急管理厅、省交通运输厅等部门组织实施。', '2026-12-02'), []);
  for (const verb of ['会同', '联合', '指导', '督促', '协调', '组织', '依托', '报送', '提请', '商请', '会商']) {
    const text = `县政府${verb}县公安局、县民政局、县司法局开展专项行动。`;
    assert.deepEqual(lint(text, '2026-12-02'), [], text);
  }
  assert.deepEqual(lint('县公安局、县民政局、县司法局要密切配合，县教育局等部门共同参与。', '2026-12-02'), []);
});

test('misspellings are found in every layout of the issue; correct names stay silent', () => {
  const near = (text: string) =>
    lint(text, '2026-12-02')
      .filter((f) => f.code === 'unknown-agency' && f.severity === 'warning')
      .map((f) => [text.slice(0, 0) + (f.facts as { name: string }).name, (f.data.suggestions as string[])[0]]);
  assert.deepEqual(near('（县公按局、县名政局配合）'), [
    ['县公按局', '县公安局'],
    ['县名政局', '县民政局'],
  ]);
  assert.deepEqual(near('责任单位：县卫生局、县公按局、县名政局'), [
    ['县公按局', '县公安局'],
    ['县名政局', '县民政局'],
  ]);
  assert.deepEqual(near('牵头单位：县公按局；配合单位：县名政局'), [
    ['县公按局', '县公安局'],
    ['县名政局', '县民政局'],
  ]);
  assert.deepEqual(near('县公安局、县民政局、县司法局、县公按局要密切配合。'), [['县公按局', '县公安局']]);
  assert.deepEqual(near('成员单位包括县公安局、县名政局、县司法局、县教育局、县财政局、县人社局、县卫健局。'), [
    ['县名政局', '县民政局'],
  ]);
  // Correct names and ordinary words in the same layouts: nothing.
  for (const text of [
    '（县公安局、县民政局配合）',
    '责任单位：县公安局、县民政局、县妇联',
    '牵头单位：县公安局；配合单位：县民政局',
    '成员单位由县委宣传部、县公安局等部门组成，县公安局为联席会议牵头单位，办公室设在县公安局刑事侦查大队，负责日常工作。',
    '办公室成员由领导小组成员单位有关司局负责同志担任。',
    '（卫生部门、文化部门配合）',
  ]) {
    assert.deepEqual(
      lint(text, '2026-12-02').filter((f) => f.code === 'unknown-agency'),
      [],
      text,
    );
  }
});

test('common current bodies of the issue are known (no unknown-agency)', () => {
  for (const text of [
    '（省科技厅、市科技局、县科技局配合）',
    '（中共中央政法委、中央政法委员会、中共中央统战部负责）',
    '（国家金融监管总局、中央农办、省委农办、省委金融办、省委社会工作部配合）',
    '（中华人民共和国出入境管理局、中国国家铁路集团有限公司、中国国家铁路集团配合）',
    '（省监狱管理局、朔州车务段配合）',
    '（县文化广电体育和旅游局、县科技和工业信息化局、县自然资源和规划局、县民族宗教事务局配合）',
  ]) {
    assert.deepEqual(lint(text, '2026-12-02'), [], text);
  }
});

test('outdated names of the issue are reported with their current names', () => {
  const out = (text: string, date = '2026-12-02') =>
    lint(text, date).map((f) => [(f.facts as { name: string }).name, f.severity, f.data.replacement]);
  assert.deepEqual(out('（交通部、建设部、国家环保总局、民航总局负责）'), [
    ['交通部', 'warning', ['交通运输部']],
    ['建设部', 'warning', ['住房城乡建设部']],
    ['国家环保总局', 'warning', ['生态环境部']],
    ['民航总局', 'warning', ['中国民航局']],
  ]);
  assert.deepEqual(out('（省交通厅、市人口委、省出入境检验检疫局配合）'), [
    ['省交通厅', 'warning', ['省交通运输厅']],
    ['市人口委', 'warning', ['市卫健委', '市发改委']],
    ['省出入境检验检疫局', 'warning', ['海关']],
  ]);
  // 海关 are named by city (太原海关), not by the place written: listed, never applied automatically.
  assert.equal(fixed('（省出入境检验检疫局配合）', '2026-12-02'), '（省出入境检验检疫局配合）');
  // Names some places still use (内蒙古 keeps 农牧厅/局): information, no automatic fix.
  const nm = lint('（市农牧局、市经委、市建设局、市经信委配合）', '2026-12-02');
  assert.deepEqual(
    nm.map((f) => [f.severity, f.fixes.some((x) => x.unambiguous), f.data.replacement]),
    [
      ['information', false, ['市农业农村局']],
      ['information', false, ['市工信局']],
      ['information', false, ['市住建局']], // the line writes short forms (经信委)
      ['information', false, ['市工信局']],
    ],
  );
  assert.equal(nm[0].data.variesByPlace, true);
  assert.deepEqual(out('（公安边防总队、公安消防支队、国家煤矿安全监察局、中央网络安全和信息化领导小组办公室配合）'), [
    ['公安边防总队', 'warning', ['出入境边防检查总站']],
    ['公安消防支队', 'warning', ['消防救援支队']],
    ['国家煤矿安全监察局', 'warning', ['国家矿山安监局']],
    ['中央网络安全和信息化领导小组办公室', 'warning', ['中央网信办']],
  ]);
  assert.deepEqual(out('（国家安全监管总局、国家食药监总局负责）'), [
    ['国家安全监管总局', 'warning', ['应急管理部']],
    ['国家食药监总局', 'warning', ['市场监管总局', '国家药监局']],
  ]);
  assert.deepEqual(out('县卫计局要做好相关工作。'), [['县卫计局', 'warning', ['县卫健局']]]);
});

test('dates both ways: suggestions are valid on the reference date; a name used before its body existed is reported', () => {
  const sug = (date: string) => lint('（国家卫生计声委负责）', date)[0].data.suggestions as string[];
  assert.ok(sug('2016-01-01').includes('国家卫生计生委'), String(sug('2016-01-01')));
  assert.ok(!sug('2016-01-01').includes('国家卫生健康委'));
  assert.ok(sug('2026-12-02').includes('国家卫生健康委'));
  const early = lint('（县卫生计生局负责）', '2012-01-01');
  assert.deepEqual(
    early.map((f) => [f.code, f.severity, f.data.notYetEstablished, f.data.replacement]),
    [['outdated-agency', 'warning', '2013-03-14', ['县卫生局', '县人口计生局']]],
  );
  assert.equal(
    early[0].fixes.some((x) => x.unambiguous),
    false,
  );
  const nhc = lint('（国家卫生健康委负责）', '2016-01-01');
  assert.deepEqual(
    nhc.map((f) => [f.data.notYetEstablished, f.data.replacement]),
    [['2018-03-17', ['国家卫生计生委']]],
  );
  assert.equal(fixed('（国家卫生健康委负责）', '2016-01-01'), '（国家卫生计生委负责）');
  // Completion offers only names valid on the date.
  const labels = (date: string) => engines.agencies.complete('国家卫生', { referenceDate: date }).map((c) => c.label);
  assert.ok(labels('2016-01-01').includes('国家卫生计生委') && !labels('2016-01-01').includes('国家卫生健康委'));
  assert.ok(labels('2026-12-02').includes('国家卫生健康委') && !labels('2026-12-02').includes('国家卫生计生委'));
  // Localisation of a national name to a place on a date.
  assert.equal(engines.agencies.localize('国家卫生健康委', '长治市', '2026-12-02'), '长治市卫生健康委员会');
  assert.equal(engines.agencies.localize('卫生部', '长治市', '2026-12-02'), '长治市卫生健康委员会');
});

test('replacements in the document’s own terms: bare short forms are never malformed or silently central', () => {
  const r = (text: string) =>
    lint(text, '2026-12-02').map((f) => [
      (f.facts as { name: string }).name,
      f.data.replacement,
      f.fixes.some((x) => x.unambiguous),
    ]);
  assert.deepEqual(r('（综治办、法制办、扶贫办、卫计委负责）'), [
    ['综治办', ['政法委'], true],
    ['法制办', ['司法部', '司法局'], false],
    ['扶贫办', ['农业农村部', '农业农村局'], false],
    ['卫计委', ['国家卫生健康委', '卫健委', '卫健局'], false],
  ]);
  // In a county list the bare forms take the county's forms.
  assert.deepEqual(r('（县公安局、综治办、法制办负责）'), [
    ['综治办', ['政法委'], true],
    ['法制办', ['司法局'], true],
  ]);
  // Short forms → short forms, and one list gets one style.
  assert.deepEqual(r('（县人口计生局、县卫生局负责）'), [
    ['县人口计生局', ['县卫健局', '县发改局'], false],
    ['县卫生局', ['县卫健局'], true],
  ]);
  assert.deepEqual(r('（县卫生局负责）'), [['县卫生局', ['县卫生健康局'], true]]);
  // Hover history: 县公安局 has no predecessor 县委防范办 (that office's duties only partly moved to it).
  const gongan = engines.agencies.lookup('县公安局', '2026-12-02')!;
  assert.deepEqual(gongan.info.predecessors, []);
  assert.deepEqual(
    engines.agencies.lookup('县卫生健康局', '2026-12-02')!.info.predecessors.map((p) => p.name),
    ['县卫生和计划生育局'],
  );
});

test('autonomous forms (自治区/州/县, 盟, 旗) and the 中共/中国共产党 prefixes', () => {
  for (const name of [
    '内蒙古自治区公安厅',
    '锡林郭勒盟公安局',
    '阿拉善左旗公安局',
    '延边朝鲜族自治州民政局',
    '长阳土家族自治县教育局',
    '兴安盟行政公署',
    '中共长治市委宣传部',
    '中国共产党长治市委宣传部',
    '中国共产党长治市委员会宣传部',
    '自治区公安厅',
    '自治州民政局',
    '自治县教育局',
    '旗公安局',
    '盟公安局',
  ]) {
    const hit = engines.agencies.lookup(name, '2026-12-02');
    assert.ok(hit, name);
    assert.equal(hit.status.current, true, name);
  }
  // Ordinary words ending in 旗/盟 are no places.
  assert.deepEqual(
    engines.agencies.scan('红旗公安局、联盟公安局', '2026-12-02').filter((m) => /[旗盟]/.test(m.text)),
    [],
  );
});

test('hover: a sign names its host, a host lists its signs, a name used too early says so', () => {
  const hover = (text: string, date: string) => {
    const m = engines.agencies.scan(text, date)[0];
    return agencyHover(m, { engines, settings: { ...DEFAULT_SETTINGS, referenceDate: date }, referenceDate: date });
  };
  const sign = hover('国家宗教事务局', '2026-12-02');
  assert.match(sign, /现行有效（牌子）/);
  assert.match(sign, /中央统战部加挂（对外保留）的牌子/);
  assert.match(sign, /牌子：中央统战部（2018-03-21—）/);
  assert.match(hover('农业农村部', '2026-12-02'), /加挂牌子：国家乡村振兴局（2023-03-10—）/);
  assert.match(hover('县乡村振兴局', '2026-12-02'), /可能仅为牌子/);
  const early = hover('国家卫生健康委', '2016-01-01');
  assert.match(early, /尚未设立/);
  assert.match(early, /当时的名称：国家卫生计生委/);
});

test('bare short forms resolve to the level of the document (title or setting) and are then fixed in its terms', () => {
  const county =
    '尤溪县贯彻落实中国反对拐卖人口行动计划实施细则\n（县公安局负责，综治办、法制办、扶贫办、卫计委配合）\n';
  const r = lint(county, '2026-12-02').map((f) => [
    (f.facts as { name: string }).name,
    f.data.replacement,
    f.fixes.some((x) => x.unambiguous),
  ]);
  assert.deepEqual(r, [
    ['综治办', ['政法委'], true],
    ['法制办', ['司法局'], true],
    ['扶贫办', ['农业农村局'], true],
    ['卫计委', ['卫健局'], true],
  ]);
  const province = '山西省贯彻落实中国反对拐卖人口行动计划实施方案\n（省公安厅负责，法制办、卫计委配合）\n';
  assert.deepEqual(
    lint(province, '2026-12-02').map((f) => f.data.replacement),
    [['司法厅'], ['卫健委']],
  );
  // The setting wins over the title.
  const set = analyzeText(
    '（法制办配合）',
    { ...DEFAULT_SETTINGS, referenceDate: '2026-12-02', locality: '长治市' },
    engines,
    { today: '2026-12-02' },
  );
  assert.deepEqual(
    set.findings.map((f) => f.data.replacement),
    [['司法局']],
  );
  // Without a document place: both candidates, no automatic fix (see above).
  // i18's API: the local counterpart of a national body at a level/place on a date.
  assert.equal(engines.agencies.localize('公安部', '县', '2026-12-02'), '县公安局');
  assert.equal(engines.agencies.localize('国家卫生健康委', '县', '2016-01-01'), '县卫生和计划生育局');
  assert.equal(engines.agencies.localize('国家卫生计生委', '尤溪县', '2026-12-02'), '尤溪县卫生健康局');
});

test('near misses in a member list, ranked by sound when the edit distance ties', () => {
  const text = '成员单位包括县委宣传部、县委政法委、县法院、县检查院、县公安局、县民正局、县司法局。';
  assert.deepEqual(
    lint(text, '2026-12-02').map((f) => [(f.facts as { name: string }).name, (f.data.suggestions as string[])[0]]),
    [
      ['县检查院', '县检察院'],
      ['县民正局', '县民政局'],
    ],
  );
});

test('financial supervision: 银监局/保监局 → 银保监局 (2018) → 金融监管局 (2023), by date', () => {
  const repl = (name: string, date: string) => engines.agencies.lookup(name, date)?.status.replacement;
  assert.deepEqual(repl('市银监局', '2020-06-01'), ['市银保监分局']);
  assert.deepEqual(repl('市银监局', '2026-12-02'), ['市金融监管分局']);
  assert.deepEqual(repl('省银保监局', '2026-12-02'), ['省金融监管局']);
  assert.equal(engines.agencies.lookup('省银保监局', '2021-06-01')?.status.current, true);
  assert.equal(engines.agencies.lookup('国家金融监管总局', '2026-12-02')?.status.current, true);
});

test('verbs that are also short place names (会同县, 延长县) never make a place of the verb', () => {
  const texts = (t: string) => engines.agencies.scan(t, '2026-12-02').map((m) => m.text);
  assert.deepEqual(texts('由县公安局牵头，会同卫生局、民政局开展'), ['县公安局', '卫生局', '民政局']);
  assert.deepEqual(texts('会同县公安局、延长县公安局、长子县卫生局'), ['会同县公安局', '延长县公安局', '长子县卫生局']);
  // Bare names after the verbs of plan prose are names (依托卫计局开展 is outdated).
  assert.deepEqual(texts('依托卫计局开展，组织卫计局、民政局，联合公安局开展，商请公安局协助'), [
    '卫计局',
    '卫计局',
    '民政局',
    '公安局',
    '公安局',
  ]);
});

test('a bare short form among central bodies is the central body (the national plans)', () => {
  const r = (text: string) =>
    lint(text, '2026-12-02').map((f) => [(f.facts as { name: string }).name, f.data.replacement]);
  assert.deepEqual(r('（人口计生委负责，公安部、卫生部配合）').slice(0, 1), [
    ['人口计生委', ['国家卫生健康委', '国家发展改革委']],
  ]);
  assert.deepEqual(r('（扶贫办负责，发展改革委、农业部配合）').slice(0, 1), [['扶贫办', ['农业农村部']]]);
  assert.deepEqual(r('（法制办负责，全国人大常委会法工委配合）'), [['法制办', ['司法部']]]);
  // Beside a local body and without a document place the level stays open: both, no automatic fix.
  assert.deepEqual(r('（县公安局负责，法制办配合）'), [['法制办', ['司法部', '司法局']]]);
});
