// The rules catalog is the one declaration of each diagnostic rule: the manifest's settings schema and its
// translations, SARIF and the messages all come from it. These tests fail when one of them drifts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIAGNOSTIC_CODES,
  RULES,
  defaultSeverityOf,
  isDiagnosticCode,
  langOf,
  messageOf,
  pick,
  type FindingFacts,
} from '../../../server/src/core/catalog/rules';

const ROOT = join(__dirname, '..', '..', '..', '..');
const json = (f: string) => JSON.parse(readFileSync(join(ROOT, f), 'utf8'));
const pkg = json('package.json');
const nlsEn = json('package.nls.json');
const nlsZh = json('package.nls.zh-cn.json');

function rulesSchema(): Record<
  string,
  { enum: string[]; default?: string; markdownDescription: string; enumDescriptions: string[] }
> {
  const configs = Array.isArray(pkg.contributes.configuration)
    ? pkg.contributes.configuration
    : [pkg.contributes.configuration];
  for (const c of configs) if (c.properties?.['actionPlan.rules']) return c.properties['actionPlan.rules'].properties;
  throw new Error('package.json has no actionPlan.rules setting');
}

test('package.json actionPlan.rules: one property per catalog rule, with its default severity and description key', () => {
  const props = rulesSchema();
  assert.deepEqual(Object.keys(props), [...DIAGNOSTIC_CODES]);
  for (const code of DIAGNOSTIC_CODES) {
    const p = props[code];
    const rule = RULES[code];
    assert.deepEqual(p.enum, ['off', 'error', 'warning', 'information', 'hint'], code);
    assert.deepEqual(
      p.enumDescriptions,
      p.enum.map((v) => `%config.rules.${v}%`),
      code,
    );
    // A rule whose severity depends on the finding (unknown-agency) has no single default to show.
    assert.equal(p.default, rule.severityOf ? undefined : rule.defaultSeverity, code);
    assert.equal(p.markdownDescription, `%config.rules.${code}%`, code);
  }
});

test('package.nls.json and package.nls.zh-cn.json describe each rule exactly as the catalog', () => {
  for (const code of DIAGNOSTIC_CODES) {
    assert.equal(nlsEn[`config.rules.${code}`], RULES[code].setting.en, code);
    assert.equal(nlsZh[`config.rules.${code}`], RULES[code].setting.zh, code);
  }
  const described = Object.keys(nlsEn)
    .filter((k) => /^config\.rules\.[a-z]+-[a-z-]+$/.test(k))
    .map((k) => k.slice('config.rules.'.length));
  assert.deepEqual(described.sort(), [...DIAGNOSTIC_CODES].sort());
});

test('every rule: PascalCase SARIF name from its code, texts in both languages, the code is its key', () => {
  for (const code of DIAGNOSTIC_CODES) {
    const r = RULES[code];
    assert.equal(r.code, code);
    assert.equal(
      r.name,
      code.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    );
    for (const t of [r.short, r.full, r.help, r.setting]) {
      assert.match(t.zh, /[\u4e00-\u9fff]/);
      assert.ok(t.en.length > 0 && t.en !== t.zh);
    }
  }
  assert.equal(isDiagnosticCode('outdated-agency'), true);
  assert.equal(isDiagnosticCode('toString'), false);
  assert.equal(isDiagnosticCode(undefined), false);
});

test('langOf: zh* → zh, anything else → en', () => {
  for (const l of ['zh', 'zh-cn', 'zh-CN', 'zh_TW.UTF-8', 'zh-Hans', 'ZH-tw']) assert.equal(langOf(l), 'zh', l);
  for (const l of [undefined, null, '', 'en', 'en-US', 'C.UTF-8', 'POSIX', 'de', 'zhx', 'ja-JP'])
    assert.equal(langOf(l), 'en', String(l));
});

/** The 2013—2020 plan on 2026-12-02: superseded on 2021-04-09 by its successor, which is in force. */
const SUPERSEDED_2013 = {
  title: '行动计划（2013—2020年）',
  date: '2026-12-02',
  since: '2021-04-09',
  successorTitle: '行动计划（2021—2030年）',
  successorDoc: '国办发〔2021〕13号',
};
const samples: FindingFacts[] = [
  {
    code: 'outdated-agency',
    facts: { name: '县综治办', replacement: ['县委政法委'], since: '2019-03-31', reformYear: '2018' },
  },
  {
    code: 'outdated-agency',
    facts: {
      name: '文化部',
      replacement: ['文化和旅游部', '国家广播电视总局'],
      since: '2018-03-17',
      reformYear: '2018',
    },
  },
  {
    code: 'outdated-agency',
    facts: { name: '国务院法制办', replacement: [], since: '2018-03-17', reformYear: '2018' },
  },
  {
    code: 'outdated-agency',
    facts: { name: '国家卫生健康委员会', replacement: ['国家卫生计生委'], notYet: '2018-03-17' },
  },
  { code: 'outdated-agency', facts: { name: '县乡村振兴局', replacement: [], signOf: '县农业农村局' } },
  {
    code: 'unknown-agency',
    facts: { name: '县人力资源和社保局', suggestions: ['县人力资源和社会保障局'], nearMiss: true },
  },
  { code: 'unknown-agency', facts: { name: '县反拐中心', suggestions: [], nearMiss: false } },
  {
    code: 'unknown-citation',
    facts: { path: '二（九）2（1）', plan: '2021-2030', planTitle: '行动计划（2021—2030年）' },
  },
  {
    code: 'superseded-citation',
    facts: { ...SUPERSEDED_2013, path: true, successor: '《行动计划（2021—2030年）》二（一）2（3）' },
  },
  {
    code: 'superseded-citation',
    facts: { ...SUPERSEDED_2013, path: true, successor: null },
  },
  {
    code: 'superseded-citation',
    facts: { ...SUPERSEDED_2013, path: false, successor: null },
  },
  { code: 'citation-format', facts: { replacement: '国办发〔2021〕13号' } },
  // issue 12: a plan replaced twice, a title with impossible years, a plan cited before it was issued
  {
    code: 'superseded-citation',
    facts: {
      title: '行动计划（2008—2012年）',
      date: '2026-12-02',
      since: '2013-03-02',
      successorTitle: '行动计划（2013—2020年）',
      successorDoc: '国办发〔2013〕19号',
      currentTitle: '行动计划（2021—2030年）',
      path: false,
      successor: null,
    },
  },
  {
    code: 'unknown-citation',
    facts: {
      path: '',
      plan: '2021-2030',
      planTitle: '中国反对拐卖人口行动计划（2021—2030年）',
      badYears: [2021, 2023],
    },
  },
  {
    code: 'unknown-citation',
    facts: {
      path: '',
      plan: '2021-2030',
      planTitle: '行动计划（2021—2030年）',
      notIssued: { issued: '2021-04-09', date: '2015-01-01' },
    },
  },
];

test('messages: one language each; English has no Chinese beyond the names and citations it quotes', () => {
  for (const f of samples) {
    const zh = messageOf(f, 'zh');
    const en = messageOf(f, 'en');
    assert.match(zh, /[\u4e00-\u9fff]/);
    const quoted = [...en.matchAll(/"[^"]*"|《[^》]*》[^\s:;,]*|国办发〔\d+〕\d+号/g)].map((m) => m[0]);
    let rest = en;
    for (const q of quoted) rest = rest.replace(q, '');
    assert.doesNotMatch(rest, /[\u4e00-\u9fff]/, en);
    assert.ok(!zh.includes(en) && !en.includes(zh));
  }
});

test('outdated-agency: the first words say what to do, the replacement within the first 30 characters', () => {
  assert.equal(messageOf(samples[0], 'zh'), '“县综治办”已撤销，应为“县委政法委”（2018年机构改革）');
  assert.equal(messageOf(samples[0], 'en'), 'Replace "县综治办" with "县委政法委": abolished (2018 reform)');
  assert.equal(messageOf(samples[1], 'zh'), '“文化部”已撤销，应为“文化和旅游部”或“国家广播电视总局”（2018年机构改革）');
  assert.equal(messageOf(samples[2], 'zh'), '“国务院法制办”已撤销，无继任机构，请删除或改写（2018年机构改革）');
  assert.equal(
    messageOf(samples[3], 'zh'),
    '应为“国家卫生计生委”：“国家卫生健康委员会”在参考日期尚未设立（2018年3月17日起）',
  );
  assert.equal(
    messageOf(samples[4], 'zh'),
    '核对“县乡村振兴局”：许多地方已不再单设，可能仅作为“县农业农村局”加挂的牌子保留',
  );
  for (const f of samples.slice(0, 2)) {
    const head = messageOf(f, 'zh').slice(0, 30);
    assert.ok(head.includes((f.facts as { replacement: string[] }).replacement[0]), head);
  }
});

test('unknown-agency: the suggestion first; severity from the catalog (near miss: warning, else information)', () => {
  assert.equal(messageOf(samples[5], 'zh'), '是否应为“县人力资源和社会保障局”？“县人力资源和社保局”不在机构名录中');
  assert.equal(
    messageOf(samples[6], 'en'),
    '"县反拐中心" is not in the registry: add it to the workspace agency list if the body exists',
  );
  assert.equal(defaultSeverityOf(samples[5]), 'warning');
  assert.equal(defaultSeverityOf(samples[6]), 'information');
  assert.equal(defaultSeverityOf(samples[7]), 'error');
});

test('pick: one language, or both joined', () => {
  assert.equal(pick({ zh: '甲', en: 'A' }, 'zh'), '甲');
  assert.equal(pick({ zh: '甲', en: 'A' }, 'en'), 'A');
  assert.equal(pick({ zh: '甲', en: 'A' }, 'both'), '甲 / A');
  assert.equal(pick({ zh: 'x', en: 'x' }, 'both'), 'x');
});

test('superseded-citation and unknown-citation (issue 12): the status on the reference date, the right title, a plan not yet issued', () => {
  const at = (code: string, n: number) => samples.filter((f) => f.code === code)[n];
  assert.equal(
    messageOf(at('superseded-citation', 0), 'zh'),
    '改引《行动计划（2021—2030年）》二（一）2（3）：《行动计划（2013—2020年）》在参照日期 2026-12-02 已被取代（2021年4月9日起由《行动计划（2021—2030年）》（国办发〔2021〕13号）接续）',
  );
  assert.equal(
    messageOf(at('superseded-citation', 1), 'en'),
    '《行动计划（2013—2020年）》 is superseded on the reference date 2026-12-02 (replaced on 2021-04-09 by 国办发〔2021〕13号); the plan in force has no counterpart',
  );
  assert.equal(
    messageOf(at('superseded-citation', 3), 'zh'),
    '改引《行动计划（2021—2030年）》：《行动计划（2008—2012年）》在参照日期 2026-12-02 已被取代（2013年3月2日起由《行动计划（2013—2020年）》（国办发〔2013〕19号）接续，现行的是《行动计划（2021—2030年）》）',
  );
  assert.equal(
    messageOf(at('unknown-citation', 1), 'zh'),
    '没有（2021—2023年）的国家行动计划：应为《中国反对拐卖人口行动计划（2021—2030年）》',
  );
  assert.equal(
    messageOf(at('unknown-citation', 2), 'zh'),
    '核对引用或参照日期：参照日期 2015-01-01 时《行动计划（2021—2030年）》尚未印发（2021年4月9日印发）',
  );
});
