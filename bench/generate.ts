// Deterministic generator of Chinese local implementation plans (地方贯彻落实反拐行动计划的实施方案) for the benchmark.
//
// generateDocument({ seed, bytes, format }) always returns the same text for the same arguments: a seeded PRNG
// (mulberry32) picks from fixed vocabularies. The prose imitates real local plans (see /work/shared/examples):
// headings 一、/（一）, paragraphs of measures, citations of the national plans (《行动计划》二（一）2（3）,
// 《中国反对拐卖人口行动计划（2021—2030年）》…, 国办发〔2021〕13号, and the odd non-standard or wrong one), agency names
// current and outdated (卫生部, 市工商局, 国家卫生健康委 …) and responsibility clauses （市公安局负责，市民政局、市妇联配合）.
// A large document is a compilation of several localities' plans, each with its own title and numbering.
//
// Sizes are UTF-8 bytes (the size of the file on disk); the text is cut at a line boundary at or just below `bytes`.

export type DocFormat = 'markdown' | 'plaintext';

export interface GenerateOptions {
  seed: number;
  /** Target size in UTF-8 bytes. */
  bytes: number;
  format: DocFormat;
}

/** mulberry32: tiny, fast, deterministic 32-bit PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LOCALITIES = [
  '长治市',
  '安康市',
  '三明市',
  '赣州市',
  '毕节市',
  '昭通市',
  '南宁市',
  '临沂市',
  '周口市',
  '遵义市',
];
export const COUNTIES = [
  '尤溪县',
  '沁县',
  '紫阳县',
  '宁都县',
  '威宁县',
  '镇雄县',
  '马山县',
  '沂水县',
  '沈丘县',
  '正安县',
];

/** Current central names as the plans write them. */
export const CENTRAL_CURRENT = [
  '公安部',
  '民政部',
  '国家卫生健康委',
  '教育部',
  '司法部',
  '人力资源社会保障部',
  '最高人民法院',
  '最高人民检察院',
  '全国妇联',
  '中央政法委',
  '中央宣传部',
  '外交部',
  '交通运输部',
  '市场监管总局',
  '国家移民局',
  '文化和旅游部',
  '农业农村部',
  '国务院妇儿工委办公室',
  '共青团中央',
  '中国残联',
  '国家网信办',
  '工业和信息化部',
  '商务部',
  '财政部',
];
/** Outdated central names (renamed, merged or abolished in the 2013/2018/2021/2023 reforms). */
export const CENTRAL_OUTDATED = [
  '卫生部',
  '国家卫生计生委',
  '工商总局',
  '文化部',
  '国家旅游局',
  '国务院法制办',
  '中央综治办',
  '国务院扶贫办',
  '人口计生委',
  '铁道部',
  '质检总局',
  '农业部',
  '新闻出版广电总局',
  '国家乡村振兴局',
  '国家食品药品监管总局',
];
/** Current local names without the place prefix (市/县 is added). */
export const LOCAL_CURRENT = [
  '公安局',
  '民政局',
  '妇联',
  '卫健委',
  '教育局',
  '司法局',
  '人社局',
  '市场监管局',
  '委政法委',
  '委宣传部',
  '农业农村局',
  '文旅广电局',
  '总工会',
  '残联',
  '检察院',
  '中级人民法院',
  '委网信办',
  '交通运输局',
  '财政局',
  '商务局',
  '外办',
  '关工委',
  '妇儿工委办公室',
];
/** Outdated local names without the place prefix. */
export const LOCAL_OUTDATED = [
  '工商局',
  '卫生局',
  '综治办',
  '扶贫办',
  '人口计生委',
  '文广新局',
  '农委',
  '法制办',
  '卫生计生委',
  '乡村振兴局',
  '外事侨务办',
  '文化局',
  '食品药品监管局',
  '质监局',
];

// Paths valid in both plans (二 part, group 2 measures), so 《行动计划》 resolves whatever plan was named last.
const COMMON_MEASURES: Array<[string, number]> = [
  ['（一）', 4],
  ['（二）', 4],
  ['（三）', 7],
  ['（四）', 2],
  ['（五）', 3],
  ['（六）', 6],
];
// 2021—2030 plan only.
const MEASURES_2021: Array<[string, number]> = [
  ['（一）', 5],
  ['（二）', 4],
  ['（三）', 7],
  ['（四）', 2],
  ['（五）', 4],
  ['（六）', 7],
];
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const PART_TITLES = ['总体要求', '主要任务', '行动措施和任务分工', '保障措施', '监督评估'];
const SECTION_TITLES = [
  '健全预防犯罪机制',
  '打击犯罪和解救被拐卖受害人',
  '加强被拐卖受害人救助、安置和康复工作',
  '完善法律法规和政策体系',
  '加强宣传、教育和培训',
  '加强国际合作',
  '加强组织协调',
  '完善经费保障',
  '严格考核监督',
  '强化网络反拐',
];
const OPENINGS = [
  '为贯彻落实{CITE_DOC}要求，有效预防和依法打击拐卖人口犯罪，结合我{LEVEL}实际，制定本实施方案。',
  '坚持“以人为本、综合治理、预防为主、打防结合”工作方针，形成“党委领导、政府负责、部门联动、社会协同、公民参与、法治保障、科技支撐”工作格局。',
  '根据{CITE}关于健全反拐工作长效机制的部署，完善集预防、打击、救助、安置、康复于一体的反拐工作机制。',
];
const SENTENCES = [
  '深化部门协同联动，落实{A}、{A}等部门反拐工作职责，健全反拐工作协调机制。',
  '加强对拐卖人口犯罪高发地区和重点人群的排查，按照{CITE}的要求建立预警机制。',
  '依托网格化管理，落实重点人员动态管理，{A}要会同{A}每季度开展一次联合检查。',
  '加大拐卖人口犯罪“买方市场”整治力度，{A}负责对收买被拐卖妇女儿童行为依法惩处。',
  '完善跨区域拐卖人口犯罪案件协查机制，落实{CITE}确定的各项任务。',
  '规范被拐卖受害人救助安置工作流程，{A}、{A}要加强对救助管理机构和儿童福利机构的指导。',
  '加强出生人口信息管理，{A}要督促医疗机构严格落实出生医学证明管理制度。',
  '加强劳动力市场监管，{A}负责查处非法职业中介活动，{A}负责清理整顿违法广告。',
  '进一步加强信息化建设，推动公安、民政、卫生健康等部门数据共享，依据{DOC}明确的分工落实。',
  '对照{CITE}，将反拐工作纳入平安建设考核评价体系，{A}负责组织实施。',
  '创新宣传形式，在车站、码头、学校、社区开展反拐宣传教育，{A}、{A}、{A}等部门按职责分工负责。',
  '加强对流动、留守妇女儿童的关爱帮扶，{A}要组织开展“送法进乡村”活动。',
  '依法严惩拐卖人口犯罪，{A}、{A}要加强办案协作，统一执法司法标准。',
  '原{A}承担的相关职责，按照机构改革后的职能分工由{A}承担。',
  '{CITE_OLD}确定的任务已经完成，现按照《中国反对拐卖人口行动计划（2021—2030年）》继续巩固“打拐”专项行动成果。',
  '各县（市、区）人民政府要参照本方案，于每年12月底前将工作进展报送{A}。',
  '建立反拐工作经费保障机制，{A}要将反拐工作经费纳入年度预算，按照{DOC_ANY}要求予以保障。',
  '落实{CITE}中关于被拐卖受害人心理疏导和康复服务的规定，{A}牵头，{A}配合。',
];
const CLOSINGS = [
  '各成员单位要于每年1月15日前将上一年度工作情况报送市联席会议办公室。',
  '本方案自印发之日起施行，由市联席会议办公室负责解释。',
  '对工作不力、造成严重后果的，依法依规追究相关责任。',
];

class Writer {
  private r: () => number;
  place = LOCALITIES[0];
  level: '市' | '县' = '市';
  constructor(seed: number) {
    this.r = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  r01(): number {
    return this.r();
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  /** An agency name: ~30% outdated, local names ~70% of the time, sometimes with the full place prefix. */
  agency(): string {
    const outdated = this.chance(0.3);
    if (this.chance(0.3)) return this.pick(outdated ? CENTRAL_OUTDATED : CENTRAL_CURRENT);
    const base = this.pick(outdated ? LOCAL_OUTDATED : LOCAL_CURRENT);
    if (base === '妇联' && this.level === '市' && this.chance(0.2)) return '团市委';
    const prefix = this.chance(0.2) ? this.place : this.level;
    return prefix + base;
  }
  agencies(n: number): string[] {
    const out: string[] = [];
    while (out.length < n) {
      const a = this.agency();
      if (!out.includes(a)) out.push(a);
    }
    return out;
  }
  /** A citation of a measure. Mostly canonical and valid; some non-standard, some wrong, some into the old plan. */
  citation(): string {
    const x = this.r();
    if (x < 0.45) {
      const [sec, n] = this.pick(COMMON_MEASURES);
      return `《行动计划》二${sec}2（${1 + this.int(n)}）`;
    }
    if (x < 0.7) {
      const [sec, n] = this.pick(MEASURES_2021);
      const title = this.chance(0.5) ? '《中国反对拐卖人口行动计划（2021—2030年）》' : '《行动计划（2021—2030年）》';
      return `${title}二${sec}2（${1 + this.int(n)}）`;
    }
    if (x < 0.8) {
      const [sec, n] = this.pick(MEASURES_2021);
      return `《行动计划》第二${sec.replace('（', '(').replace('）', ')')}2(${1 + this.int(n)})`; // halfwidth: citation-format
    }
    if (x < 0.87) {
      const [sec] = this.pick(COMMON_MEASURES);
      return `《行动计划》二${sec}2（${9 + this.int(3)}）`; // no such measure: unknown-citation
    }
    if (x < 0.93) return `《行动计划》三（${CN_NUM[this.int(3)]}）`;
    return `《行动计划》二${this.pick(COMMON_MEASURES)[0]}1`;
  }
  /** A citation into the expired 2013—2020 plan; afterwards re-anchor on the 2021 plan. */
  oldCitation(): string {
    const [sec, n] = this.pick(COMMON_MEASURES);
    const dash = this.pick(['—', '-', '—']);
    return `《中国反对拐卖人口行动计划（2013${dash}2020年）》二${sec}2（${1 + this.int(n)}）`;
  }
  docNumber(): string {
    const x = this.r();
    if (x < 0.75) return '国办发〔2021〕13号';
    if (x < 0.9) return '国办发[2021]13号';
    return '国办发〔2013〕19号';
  }
  clause(): string {
    const [lead, ...co] = this.agencies(1 + 1 + this.int(4));
    if (this.chance(0.15)) return `（${lead}牵头）`;
    return `（${lead}负责，${co.join('、')}配合）`;
  }
  fill(template: string): string {
    return template
      .replace(/\{A\}/g, () => this.agency())
      .replace(
        /\{CITE_DOC\}/g,
        () =>
          `《国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知》（${this.docNumber()}，以下简称《行动计划》）`,
      )
      .replace(/\{CITE_OLD\}/g, () => this.oldCitation())
      .replace(/\{CITE\}/g, () => this.citation())
      .replace(/\{DOC_ANY\}/g, () => this.docNumber())
      .replace(/\{DOC\}/g, () => '国办发〔2021〕13号')
      .replace(/\{LEVEL\}/g, () => this.level);
  }
  paragraph(): string {
    const n = 2 + this.int(4);
    let p = '';
    for (let i = 0; i < n; i++) p += this.fill(this.pick(SENTENCES));
    if (this.chance(0.75)) p = p.replace(/。$/, this.clause() + '。');
    return p;
  }
}

function header(w: Writer, md: boolean, index: number): string[] {
  const out: string[] = [];
  w.level = index % 3 === 2 ? '县' : '市';
  w.place = w.level === '县' ? COUNTIES[index % COUNTIES.length] : LOCALITIES[index % LOCALITIES.length];
  const title = `${w.place}贯彻落实《中国反对拐卖人口行动计划（2021—2030年）》实施方案`;
  if (md) {
    out.push(
      `# ${title}`,
      '',
      `> ${w.place}人民政府办公室 · ${2021 + (index % 4)}年${1 + (index % 12)}月${1 + (index % 28)}日`,
      '',
    );
  } else {
    out.push(
      title,
      '',
      `${w.place}人民政府办公室`,
      `${2021 + (index % 4)}年${1 + (index % 12)}月${1 + (index % 28)}日`,
      '',
    );
  }
  out.push((md ? '' : '　　') + w.fill(OPENINGS[0]));
  out.push('');
  return out;
}

function part(w: Writer, md: boolean, partNo: number): string[] {
  const out: string[] = [];
  const h = `${CN_NUM[partNo]}、${PART_TITLES[partNo % PART_TITLES.length]}`;
  out.push(md ? `## ${h}` : h, '');
  if (partNo === 0) {
    out.push((md ? '' : '　　') + w.fill(OPENINGS[1 + w.int(OPENINGS.length - 1)]), '');
  }
  const sections = 2 + w.int(4);
  for (let s = 0; s < sections; s++) {
    const st = `（${CN_NUM[s]}）${w.pick(SECTION_TITLES)}`;
    out.push(md ? `### ${st}` : st, '');
    const paras = 1 + w.int(3);
    for (let p = 0; p < paras; p++) {
      const text = `${p + 1}. ${w.paragraph()}`;
      out.push(md ? text : '　　' + text, '');
    }
    // The same random choices for both formats: only the markup differs.
    const extra = w.r01();
    if (extra < 0.25) {
      // A task table (Markdown) / a numbered task list (plain text), as in many plans' annexes.
      if (md) out.push('| 序号 | 工作任务 | 牵头单位 | 配合单位 |', '|---|---|---|---|');
      const rows = 2 + w.int(3);
      for (let i = 0; i < rows; i++) {
        const [lead, ...co] = w.agencies(3);
        const task = `落实${w.citation()}规定的任务`;
        out.push(
          md
            ? `| ${i + 1} | ${task} | ${lead} | ${co.join('、')} |`
            : `　　（${i + 1}）${task}。牵头单位：${lead}；配合单位：${co.join('、')}。`,
        );
      }
      out.push('');
    } else if (extra < 0.5) {
      const items = 2 + w.int(3);
      for (let i = 0; i < items; i++) {
        const item = `${w.fill(w.pick(SENTENCES))}${w.clause()}`;
        out.push(md ? `- ${item}` : `　　——${item}`);
      }
      out.push('');
    }
  }
  if (w.chance(0.3)) out.push((md ? '' : '　　') + w.pick(CLOSINGS), '');
  return out;
}

/** Generate one document of about `bytes` UTF-8 bytes (never more; at least one complete plan for small sizes). */
export function generateDocument(opts: GenerateOptions): string {
  const md = opts.format === 'markdown';
  const w = new Writer(opts.seed);
  const lines: string[] = [];
  let size = 0;
  const push = (ls: string[]): boolean => {
    for (const l of ls) {
      const b = Buffer.byteLength(l, 'utf8') + 1;
      if (size + b > opts.bytes) return false;
      lines.push(l);
      size += b;
    }
    return true;
  };
  for (let doc = 0; ; doc++) {
    if (!push(header(w, md, doc))) break;
    let full = false;
    for (let p = 0; p < 5; p++) {
      if (!push(part(w, md, p))) {
        full = true;
        break;
      }
    }
    if (full) break;
  }
  return lines.join('\n') + '\n';
}

/** A small standalone plan excerpt (for the CLI's many-files benchmark): about `bytes` bytes. */
export function generateSmallFile(seed: number, bytes: number, format: DocFormat): string {
  return generateDocument({ seed, bytes, format });
}

/** Every agency name form the generator can write (for finding request positions in generated documents). */
export function generatorAgencyNames(): string[] {
  const out = new Set<string>([...CENTRAL_CURRENT, ...CENTRAL_OUTDATED, '团市委']);
  for (const base of [...LOCAL_CURRENT, ...LOCAL_OUTDATED]) {
    for (const prefix of ['市', '县', ...LOCALITIES, ...COUNTIES]) out.add(prefix + base);
  }
  return [...out];
}

/** The bench's documents: every size in both formats, from one seed, checked on one reference date. */
export const BENCH_DOCUMENTS: {
  seed: number;
  referenceDate: string;
  sizes: Array<{ label: string; bytes: number }>;
  formats: DocFormat[];
} = {
  seed: 20211213,
  referenceDate: '2025-06-30',
  sizes: [
    { label: '10 KB', bytes: 10 * 1024 },
    { label: '100 KB', bytes: 100 * 1024 },
    { label: '1 MB', bytes: 1024 * 1024 },
    { label: '5 MB', bytes: 5 * 1024 * 1024 },
  ],
  formats: ['markdown', 'plaintext'],
};
