// The data build for the plans (data/build/plans.ts): staleness of the committed files, the seed repairs and
// the cleanliness of the normalised texts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlans, computePlans, inputsHash, INDEX_FILE, TEXT_FILES } from '../../data/build/plans';
import { REPAIRS_2021, rerunRepair, traditionalToCn, normalise2021, PINYIN_READING } from '../../data/build/plan-text';
import { gbkDecode, gbkEncode, gbkRepairRun } from '../../data/build/plan-gbk';
import { parseClause } from '../../data/build/plan-parse';
import type { PlanIndexFile } from '../../server/src/core/plan/model';

const ROOT = join(__dirname, '..', '..', '..');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
const SEED13 = read('data/sources/plan-2013-2020.seed.txt');
const SEED21 = read('data/sources/plan-2021-2030.seed.txt');
const T13 = read(TEXT_FILES['2013-2020']);
const T21 = read(TEXT_FILES['2021-2030']);

describe('staleness', () => {
  test('buildPlans into a temporary directory reproduces the committed files byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'plans-'));
    try {
      const written = buildPlans(ROOT, out);
      assert.deepEqual(written, [
        'data/plans/2013-2020.txt',
        'data/plans/2021-2030.txt',
        'data/index/plans.json',
        'data/index/similarity.json',
      ]);
      for (const rel of written) {
        assert.ok(
          readFileSync(join(out, rel)).equals(readFileSync(join(ROOT, rel))),
          `${rel} is stale: run npm run build:data`,
        );
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
  test('inputsHash of the committed index matches the seeds and build sources', () => {
    const index = JSON.parse(read(INDEX_FILE)) as PlanIndexFile;
    assert.match(index.inputsHash, /^[0-9a-f]{64}$/);
    assert.equal(index.inputsHash, inputsHash(ROOT));
  });
  test('computePlans is deterministic', () => {
    const a = computePlans(ROOT);
    const b = computePlans(ROOT);
    assert.deepEqual([...a.entries()], [...b.entries()]);
  });
  test('the index is compact: one line per node, no indentation', () => {
    const json = read(INDEX_FILE);
    const index = JSON.parse(json) as PlanIndexFile;
    const nodes = index.plans.reduce((s, p) => s + p.nodes.length, 0);
    assert.equal(json.split('\n').length - 1, nodes + 2 * 2 + 2);
    assert.ok(!/\n\s/.test(json));
  });
});

describe('2013—2020 text', () => {
  test('database header dropped, notice kept', () => {
    assert.ok(SEED13.includes('【法宝引证码】') && SEED13.includes('原文链接'));
    assert.ok(!T13.includes('法宝') && !T13.includes('pkulaw') && !T13.includes('原文链接'));
    assert.deepEqual(T13.split('\n').slice(0, 8), [
      '国务院办公厅关于印发中国反对拐卖人口行动计划（2013—2020年）的通知',
      '国办发〔2013〕19号',
      '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      '《中国反对拐卖人口行动计划（2013—2020年）》已经国务院同意，现印发给你们，请认真贯彻执行。',
      '国务院办公厅',
      '2013年3月2日',
      '中国反对拐卖人口行动计划（2013—2020年）',
      '为有效预防、依法打击拐卖人口犯罪，积极救助、妥善安置被拐卖受害人，切实维护公民合法权益，依据有关国际公约和我国法律，制定《中国反对拐卖人口行动计划（2013—2020年）》（以下简称《行动计划》）。',
    ]);
  });
  test('year range always with the em dash (the seed mixes 2013-2020 and 2013—2020)', () => {
    assert.equal(SEED13.split('2013-2020').length - 1, 3);
    assert.equal(T13.split('2013—2020').length - 1, 4);
    assert.ok(!T13.includes('2013-2020'));
  });
  test('bullets, indentation, paragraphs', () => {
    assert.equal(T13.split('\n——').length - 1, 46);
    assert.ok(!T13.includes('--'));
    assert.ok(!/[\u3000 \t]/.test(T13));
    assert.ok(!T13.includes('\n\n'));
    assert.ok(T13.endsWith('一票否决。\n'));
  });
});

describe('2021—2030 repairs', () => {
  test('each damaged form occurs exactly once in the seed and the repair is in the text', () => {
    assert.equal(REPAIRS_2021.length, 5);
    for (const r of REPAIRS_2021) {
      assert.equal(SEED21.split(r.damaged).length - 1, 1, r.damaged);
      assert.ok(r.damaged.startsWith('?'));
      assert.ok(r.why.length > 40);
    }
    // the five repaired passages, in simplified characters
    for (const s of [
      '鼓励学生及其父母或者其他监护人发现疑似拐卖情形及时向学校或公安机关报告。',
      '规范婚姻登记管理。婚姻登记工作人员发现疑似拐卖妇女情形的，应当及时报告和制止。',
      '严厉打击伪造、变造、买卖出生医学证明等违法犯罪行为。',
      '做好公安部儿童失踪信息紧急发布平台“团圆”系统建设',
      '应当根据侵害未成年人案件强制报告制度及时向学校或有关部门进行报告。',
    ]) {
      assert.equal(T21.split(s).length - 1, 1, s);
    }
  });
  test('the documented GBK method reproduces each decodable run', () => {
    for (const r of REPAIRS_2021) {
      assert.deepEqual(
        rerunRepair(r),
        r.method.map((m) => m.decodes),
        r.damaged,
      );
    }
    // runs the method recovers completely
    assert.equal(rerunRepair(REPAIRS_2021[1]).join(''), REPAIRS_2021[1].repaired);
    assert.equal(rerunRepair(REPAIRS_2021[4]).join(''), REPAIRS_2021[4].repaired);
    // worked example of seed-damage.md
    assert.deepEqual(
      gbkEncode('。婚姻登記工作人員')
        .map((b) => b.toString(16))
        .join(' '),
      'a1 a3 bb e9 d2 f6 b5 c7 d3 9b b9 a4 d7 f7 c8 cb 86 54',
    );
    assert.equal(gbkDecode(gbkEncode('。婚姻登記工作人員').slice(1)), '；橐龅怯浌ぷ魅藛T');
    assert.equal(gbkRepairRun(';橐龅怯浌ぷ魅藛T', 0xa1), '。婚姻登記工作人員');
    // the pinyin readings name the characters that swallowed the lost bytes
    assert.deepEqual(gbkEncode('驅'), [0xf2, 0x8c]);
    assert.deepEqual(gbkEncode('冊'), [0x83, 0xd4]);
    assert.deepEqual(gbkEncode('績'), [0xbf, 0x83]);
    assert.deepEqual(gbkEncode('學校或公安機').slice(0, 4), [0x8c, 0x57, 0xd0, 0xa3]);
    assert.deepEqual(gbkEncode('造'), [0xd4, 0xec]);
    assert.deepEqual(gbkEncode('兒童'), [0x83, 0xba, 0xcd, 0xaf]);
  });
  test('the build refuses a seed whose damaged form is missing or doubled', () => {
    const r = REPAIRS_2021[3];
    assert.throws(() => normalise2021(SEED21.replace(r.damaged, 'X')), /occurs 0 times/);
    assert.throws(() => normalise2021(SEED21 + r.damaged), /occurs 2 times/);
  });
});

describe('2021—2030 text is clean', () => {
  test('no ?, no Latin letters except DNA, no halfwidth Chinese punctuation', () => {
    assert.ok(!/[?？\uFFFD]/.test(T21));
    assert.deepEqual([...new Set(T21.match(/[A-Za-z\u00C0-\u024F]+/g))], ['DNA']);
    assert.deepEqual([...new Set(T13.match(/[A-Za-z\u00C0-\u024F]+/g))], ['DNA']);
    assert.ok(!/[,:;()]/.test(T21) && !/[,:;()]/.test(T13));
    assert.ok(!/[\uE000-\uF8FF]/.test(T21));
  });
  test('no traditional characters: traditional→simplified conversion is the identity', () => {
    assert.equal(traditionalToCn(T21), T21);
    assert.equal(traditionalToCn(T13), T13);
    // and the seed really was traditional
    assert.notEqual(traditionalToCn(SEED21), SEED21);
  });
  test('mainland forms chosen by the converter', () => {
    assert.ok(T21.includes('。着重在拐卖人口犯罪活动重点地区'));
    assert.ok(T21.includes('成效显著的部门和地区'));
    assert.ok(T21.includes('关于印发') && !T21.includes('於'));
    assert.ok(T21.includes('考核结果送干部主管部门'));
  });
  test('pinyin readings removed, real brackets kept', () => {
    const readings = SEED21.match(PINYIN_READING)!.length;
    // independently: grep -oP '\([a-z\x{00e0}-\x{01dc}]+\)' data/sources/plan-2021-2030.seed.txt | wc -l
    assert.equal(readings, 1925);
    // every ASCII "(" of the seed that does not open a reading (the damaged runs hold readings only) is a real
    // bracket, and each becomes exactly one fullwidth "（" of the text: 2066 − 1925 = 141
    const real = SEED21.split('(').length - 1 - readings;
    assert.equal(real, 141);
    assert.equal(T21.split('（').length - 1, real);
    assert.equal(T21.split('（').length, T21.split('）').length);
    for (const s of [
      '（2021—2030年）',
      '村（居）委会',
      '被拐（买）卖',
      '抚养（赡养）义务',
      'DNA（脱氧核糖核酸）',
      '（一）',
      '（7）',
      '（此件公开发布）',
    ]) {
      assert.ok(T21.includes(s), s);
    }
  });
  test('titles joined onto one line each', () => {
    assert.deepEqual(T21.split('\n').slice(0, 8), [
      '国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知',
      '国办发〔2021〕13号',
      '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
      '《中国反对拐卖人口行动计划（2021—2030年）》已经国务院同意，现印发给你们，请认真贯彻执行。',
      '国务院办公厅',
      '2021年4月9日',
      '（此件公开发布）',
      '中国反对拐卖人口行动计划（2021—2030年）',
    ]);
    assert.equal(T21.split('\n').length - 1, 135);
  });
});

describe('parseClause', () => {
  test('forms', () => {
    assert.deepEqual(parseClause('……工作机制。（中央政法委、公安部负责，教育部、民政部配合）'), {
      lead: ['中央政法委', '公安部'],
      cooperating: ['教育部', '民政部'],
      index: 7,
      raw: '（中央政法委、公安部负责，教育部、民政部配合）',
    });
    assert.deepEqual(parseClause('x。（民政部牵头，共青团中央参与）')?.lead, ['民政部']);
    assert.deepEqual(parseClause('x。（民政部牵头，共青团中央参与）')?.cooperating, ['共青团中央']);
    assert.equal(parseClause('（以下简称《行动计划》）'), undefined);
    assert.equal(parseClause('打拐DNA（脱氧核糖核酸）'), undefined);
    assert.equal(parseClause('x（民政部负责，其他）'), undefined);
    assert.equal(parseClause('（2）依法严惩拐卖人口犯罪。'), undefined);
  });
});

describe('similarity model (data/index/similarity.json)', () => {
  test('built from the same inputs as the index; thresholds ordered as the calibration rule says', () => {
    const sim = JSON.parse(
      read('data/index/similarity.json'),
    ) as import('../../server/src/core/plan/similarity').SimilarityFile;
    assert.equal(sim.inputsHash, inputsHash(ROOT));
    const { thresholds: t, calibration: c } = sim;
    assert.equal(t.supported, c.noiseP95);
    assert.equal(t.clear, c.noiseMax);
    assert.equal(t.margin, c.noiseMedian);
    assert.ok(t.margin < t.supported && t.supported < t.clear && t.clear < c.selfMin, JSON.stringify(sim.thresholds));
    assert.deepEqual(
      sim.plans.map((p) => p.plan),
      ['2013-2020', '2021-2030'],
    );
    for (const p of sim.plans) {
      // The stored inverted index: one idf and one postings range per bigram, pairs (node, weight) in node order,
      // and every provision's vector (its weights over all bigrams) of length 1.
      assert.equal(p.bigrams.length % 2, 0);
      const vocabulary = p.bigrams.length / 2;
      assert.equal(p.idf.length, vocabulary);
      assert.equal(p.offsets.length, vocabulary + 1);
      assert.equal(p.offsets[0], 0);
      assert.equal(p.offsets[vocabulary], p.postings.length);
      assert.equal(p.paths.length, p.documents);
      const squares = new Array<number>(p.paths.length).fill(0);
      for (let k = 0; k < vocabulary; k++) {
        assert.ok(k === 0 || p.bigrams.slice(2 * k - 2, 2 * k) < p.bigrams.slice(2 * k, 2 * k + 2), 'sorted, distinct');
        assert.ok(p.offsets[k + 1] > p.offsets[k], `bigram ${k} has postings`);
        for (let j = p.offsets[k]; j < p.offsets[k + 1]; j += 2) {
          assert.ok(j === p.offsets[k] || p.postings[j] > p.postings[j - 2], 'node order');
          squares[p.postings[j]] += p.postings[j + 1] ** 2;
        }
      }
      squares.forEach((sq, i) => assert.ok(Math.abs(Math.sqrt(sq) - 1) < 1e-3, `${p.plan} ${p.paths[i]} |v| = ${sq}`));
    }
  });
});
