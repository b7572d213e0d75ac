// Property tests (fast-check, fixed seed) of the agency matcher over random concatenations of agency-like
// fragments: never throws; mentions lie inside the text, do not overlap, are ordered, on UTF-16 boundaries, and
// their text is the slice they cover; unknown items lie inside the text; folding keeps offsets (a traditional
// copy of the text gives the same spans).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadEngines } from '../../../server/src/node/data';

const kb = loadEngines().agencies;
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = 20261123;

const fragments = [
  '市公安局',
  '县委宣传部',
  '(网信办)',
  '（市民宗局）',
  '统战部',
  '团市委',
  '团县委',
  '长治市',
  '山西省',
  '尤溪县',
  '省',
  '市',
  '县',
  '区',
  '卫生部',
  '衛生部',
  '卫生部门',
  '公安部',
  '公按部',
  '国家卫生计生委',
  '广电总局',
  '国务院',
  '办公厅',
  '中共',
  '委',
  '员会',
  '局',
  '部',
  '门',
  '、',
  '，',
  ',',
  '。',
  '（',
  '）',
  '(',
  ')',
  '负责',
  '配合',
  '牵头',
  '参与',
  '等部门组成',
  '由',
  '和',
  '𠮷',
  '\uD842',
  '\uDFB7',
  ' ',
  '\n',
  '西部机场集团',
  '安康',
  '机场有限公司',
  '车务段',
  '人大常委会',
  '法工委',
  '中级法院',
  '检察院',
  '乡村振兴局',
  '扶贫办',
  '综治办',
];
const textArb = fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((a) => a.join(''));
const dateArb = fc.constantFrom('2012-06-01', '2013-03-02', '2015-06-01', '2021-04-09', '2026-11-23', 'bad');

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

test('scan and unknowns: spans are well-formed', () => {
  fc.assert(
    fc.property(textArb, dateArb, (text, date) => {
      const ms = kb.scan(text, date);
      let last = 0;
      for (const m of ms) {
        assert.ok(m.start >= last && m.end > m.start && m.end <= text.length);
        assert.equal(m.text, text.slice(m.start, m.end));
        assert.ok(!isLow(text.charCodeAt(m.start)) || !isHigh(text.charCodeAt(m.start - 1)));
        assert.ok(Array.isArray(m.status.replacement));
        if (!m.status.current) assert.ok(m.status.since || m.status.notYet);
        last = m.end;
      }
      for (const u of kb.unknowns(text, date)) {
        assert.ok(u.start >= 0 && u.end > u.start && u.end <= text.length);
        assert.equal(u.text, text.slice(u.start, u.end));
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('a traditional-character copy gives the same spans', () => {
  const toTrad: Record<string, string> = {
    卫: '衛',
    国: '國',
    务: '務',
    团: '團',
    县: '縣',
    长: '長',
    检: '檢',
    广: '廣',
    电: '電',
    总: '總',
    传: '傳',
    统: '統',
    战: '戰',
  };
  fc.assert(
    fc.property(textArb, (text) => {
      const trad = [...text].map((c) => toTrad[c] ?? c).join('');
      const a = kb.scan(text, '2026-11-23').map((m) => [m.start, m.end, m.info.id]);
      const b = kb.scan(trad, '2026-11-23').map((m) => [m.start, m.end, m.info.id]);
      assert.deepEqual(b, a);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
