// Normalisation of the two raw plan seeds (data/sources/*.seed.txt) into the official plan texts
// data/plans/2013-2020.txt and data/plans/2021-2030.txt. Pure functions; data/build/plans.ts writes the files.
//
// Conventions of the normalised texts (both plans):
// - one paragraph per line, no blank lines, no indentation, the file ends with one "\n";
// - the notice (title, document number without the surrounding brackets, addressees, body, 国务院办公厅, date)
//   comes first, then the plan title on one line, then the plan;
// - fullwidth Chinese punctuation （）：；， and the ideographic dash —— for bullets; group markers stay `1.`/`2.`
//   as the official texts write them;
// - year ranges are written with one em dash, `2013—2020年` / `2021—2030年`, as in the official titles. The
//   2013 seed writes `2013-2020` (ASCII hyphen) inside the notice body, the plan title and the preamble but
//   `2013—2020` in the notice title; the official 国办发〔2013〕19号 text (and the 2021 plan) use the em dash
//   throughout, so every `2013-2020` becomes `2013—2020`.
import { gbkRepairRun } from './plan-gbk';

// opencc-js ships no type declarations in this installation; type the tiny part we use.
interface OpenCCModule {
  Converter(options: { from: string; to: string }): (text: string) => string;
}
const OpenCC = require('opencc-js') as OpenCCModule;

/** Traditional (Taiwan standard) → mainland simplified. `tw` rather than `hk`/`t`: on this seed they differ
 *  only in 著重, which `tw` turns into the mainland 着重 (as the official texts and the 2013 plan write it)
 *  while keeping 成效显著; `hk` and `t` leave 著重. All of them give 于 (not 於), 发/发现, 里, 台, 干部. */
export const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
/** Used by the tests: a simplified text is unchanged by traditional→simplified conversion. */
export const traditionalToCn = OpenCC.Converter({ from: 't', to: 'cn' });

// ---------------------------------------------------------------------------------------------------------
// 2013—2020

const HEADER_2013 = [/^【法宝引证码】/, /^原文链接：/];

export function normalise2013(seed: string): string {
  const raw = seed.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: string[] = [];
  let droppedTitle = false;
  for (const rawLine of raw) {
    const line = rawLine.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (line === '') continue;
    if (HEADER_2013.some((re) => re.test(line))) continue;
    // The database repeats the notice title with halfwidth brackets above the real one: drop that copy.
    if (!droppedTitle && /^国务院办公厅关于印发中国反对拐卖人口行动计划\(2013—2020年\)的通知$/.test(line)) {
      droppedTitle = true;
      continue;
    }
    out.push(line);
  }
  if (!droppedTitle) throw new Error('2013 seed: database title line not found');
  let text = out
    .map((l) => (l === '（国办发〔2013〕19号）' ? '国办发〔2013〕19号' : l))
    .map((l) => l.replace(/^--/, '——'))
    .join('\n');
  text = text.replace(/2013-2020/g, '2013—2020');
  assertClean(text, '2013-2020');
  return text + '\n';
}

// ---------------------------------------------------------------------------------------------------------
// 2021—2030

/**
 * The five garbled runs of the 2021 seed (see /work/shared/reference/seed-damage.md), repaired in the raw
 * (traditional, pinyin-annotated) seed before anything else. `damaged` must occur exactly once.
 *
 * How each was computed: a run starts at `?`. Where `?` is followed by `xx)` (a pinyin reading without its
 * opening bracket), the reading belongs to the character that swallowed the lost byte: that character's
 * GBK code is [trailing byte of the character before the run, lost byte], so the reading names the lost
 * byte (驅 = F2 8C → 8C; 冊 = 83 D4 → D4; 績 = BF 83 → 83). The rest of the run, pinyin readings removed
 * and `;` restored to `；`, is re-encoded in GBK, the lost byte prepended and the bytes decoded
 * (gbkRepairRun; the tests re-run it for every repair). Characters in GBK's user-defined area (AAA1–AFFE)
 * decode to private-use code points the seed did not keep, so the method leaves a gap there; the gap is
 * filled from the surrounding sentence and the parallel passages noted in `why`.
 */
export interface SeedRepair {
  damaged: string;
  repaired: string;
  /** Runs of the method: garbled text after `?` (pinyin removed) and the lost byte. */
  method: Array<{ garbled: string; lostByte: number; decodes: string }>;
  why: string;
}

export const REPAIRS_2021: readonly SeedRepair[] = [
  {
    damaged: '?qū)W?;蚬矙C(jī)',
    repaired: '學校或公安機',
    method: [
      { garbled: 'W', lostByte: 0x8c, decodes: '學' },
      { garbled: ';蚬矙C', lostByte: 0xd0, decodes: '校或共機' },
    ],
    why:
      '二（一）2（2）第8项: 鼓励学生及其父母或者其他监护人发现疑似拐卖情形及时向学校或公安机关报告. The reading qū ' +
      'is 驅 = F2 8C (向 = CF F2 + lost 8C), 8C 57 = 學; then D0 + ；蚬矙C gives 校或?機 where 共 stands for ' +
      '公安 (B9 AB B0 B2) with the user-defined AB B0 dropped; 公安机关 is who receives the report (cf. 二（五）2（1）' +
      '第4项 及时向学校或有关部门进行报告).',
  },
  {
    damaged: '?;橐龅怯浌ぷ魅藛T',
    repaired: '。婚姻登記工作人員',
    method: [{ garbled: ';橐龅怯浌ぷ魅藛T', lostByte: 0xa1, decodes: '。婚姻登記工作人員' }],
    why:
      '二（一）2（3）第1项: 规范婚姻登记管理。婚姻登记工作人员发现疑似拐卖妇女情形的，应当及时报告和制止 — the ' +
      'worked example of seed-damage.md (A1 A3 = 。); the 2013 plan has 规范婚姻登记工作 in the same place.',
  },
  {
    damaged: '?cè)?',
    repaired: '造',
    method: [],
    why:
      '二（一）2（3）第3项: 严厉打击伪造、变造、买卖出生医学证明等违法犯罪行为. The reading cè is 冊 = 83 D4: 83 is the ' +
      'trailing byte of 變 (D7 83), D4 the lead byte of the lost character; its trailing byte was lost with the ' +
      'second `?`, so the run holds no decodable byte. 造 (D4 EC) is the only D4xx character giving the legal ' +
      'triple 伪造、变造、买卖 (出生医学证明), which the plan repeats for documents.',
  },
  {
    damaged: '?jī)和й櫺畔⒕o',
    repaired: '兒童失蹤信息緊',
    method: [{ garbled: '和й櫺畔⒕o', lostByte: 0x83, decodes: '兒艇蹤信息緊' }],
    why:
      '二（二）2（1）第6项: 做好公安部儿童失踪信息紧急发布平台“团圆”系统建设. The reading jī is 績 = BF 83 (部 = B2 BF + ' +
      'lost 83); 83 + 和й櫺畔⒕o decodes to 兒?蹤信息緊 where 艇 stands for 童失 (CD AF CA A7) with the ' +
      'user-defined AF CA dropped; the platform is 儿童失踪信息紧急发布平台 (cf. 二（二）2（1）第5项 儿童失踪快速查找机制).',
  },
  {
    damaged: '?qū)W?;蛴嘘P(guān)',
    repaired: '學校或有關',
    method: [
      { garbled: 'W', lostByte: 0x8c, decodes: '學' },
      { garbled: ';蛴嘘P', lostByte: 0xd0, decodes: '校或有關' },
    ],
    why:
      '二（五）2（1）第4项: 教师发现疑似拐卖或者性侵未成年人情形的，应当……及时向学校或有关部门进行报告 (2013: 明确教师' +
      '发现疑似拐卖情况及时报告的义务). The reading qū is 驅 = F2 8C (向 + lost 8C), 8C 57 = 學; D0 + ；蛴嘘P ' +
      'decodes to 校或有關 exactly (the reading guān belongs to 關).',
  },
];

/** A pinyin reading the damage inserted after a character: ASCII brackets around lowercase Latin letters
 *  with or without tone marks. Real brackets ((2021—2030年), (一), (1), (居), (脫氧核糖核酸)) never match. */
export const PINYIN_READING = /\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ]+)\)/g;

/** Lines the 2021 seed splits in two (the notice title and the plan title): joined after conversion. */
const SPLIT_TITLES = ['国务院办公厅关于印发中国反对拐卖人口', '中国反对拐卖人口行动计划'];

const HALF_TO_FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '(': '（', ')': '）' };

export function normalise2021(seed: string): string {
  let text = seed.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  for (const r of REPAIRS_2021) {
    const n = text.split(r.damaged).length - 1;
    if (n !== 1) throw new Error(`2021 seed: damaged form ${r.damaged} occurs ${n} times (expected exactly once)`);
    text = text.replace(r.damaged, r.repaired);
  }
  text = text.replace(PINYIN_READING, '');
  text = toSimplified(text);
  text = text.replace(/[,:;()]/g, (c) => HALF_TO_FULL[c]);
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l !== '');
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (SPLIT_TITLES.includes(lines[i]) && i + 1 < lines.length) {
      joined.push(lines[i] + lines[i + 1]);
      i++;
    } else joined.push(lines[i]);
  }
  if (joined.length !== lines.length - SPLIT_TITLES.length) throw new Error('2021 seed: title lines not found');
  const out = joined.join('\n');
  assertClean(out, '2021-2030');
  return out + '\n';
}

/** Throws when a normalised text still holds damage: `?`, Latin pinyin, halfwidth Chinese punctuation, a
 *  traditional character, or an ASCII hyphen between years. */
export function assertClean(text: string, plan: string): void {
  const problems: string[] = [];
  if (/[?？\uFFFD]/.test(text)) problems.push('? or replacement character');
  const latin = text.match(/[A-Za-z\u00C0-\u024F]+/g)?.filter((w) => w !== 'DNA') ?? [];
  if (latin.length) problems.push(`Latin letters: ${[...new Set(latin)].join(' ')}`);
  if (/[,:;()]/.test(text)) problems.push('halfwidth , : ; ( )');
  if (/\d-\d/.test(text)) problems.push('hyphen between digits');
  if (/[\uE000-\uF8FF]/.test(text)) problems.push('private-use character');
  if (traditionalToCn(text) !== text) problems.push('traditional characters');
  if (problems.length) throw new Error(`${plan}: normalised text is not clean: ${problems.join('; ')}`);
}

/** Re-runs the documented method for a repair (used by the tests). */
export function rerunRepair(r: SeedRepair): string[] {
  return r.method.map((m) => gbkRepairRun(m.garbled, m.lostByte));
}
