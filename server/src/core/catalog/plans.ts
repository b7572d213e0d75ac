// The national anti-trafficking action plans: the ONE declaration of their metadata (ids, titles and their
// variants, document numbers, issue dates, terms, successors, whether the text is in the corpus) and of the rule
// that gives a plan's status on a date. Everything else (the citation scanner, the analysis, hovers, completion,
// `show`, `report`, the plan tree, the data build, the client) reads these facts from here.
//
// Status rule (documented in README.md's contract section): a plan is IN FORCE from its issue date (inclusive)
// until the day its successor is issued (exclusive); from that day on it is SUPERSEDED; before its issue date it
// is NOT YET ISSUED. The term in the title (2013—2020年) is the period the plan covers, not its validity: each
// plan was replaced by the notice issuing its successor (the 2013—2020 plan was the national plan until
// 国办发〔2021〕13号 of 2021-04-09; no plan covered 2021-01-01…2021-04-08 otherwise). A plan without a successor
// stays in force.
//
// Sources of the dates:
// - 2008—2012: 国办发〔2007〕69号, notice dated 二○○七年十二月十三日. Not read on gov.cn here: confirmed by the
//   U.S. CECC's copy of the gov.cn text ("Issued by the State Council of China, December 13, 2007",
//   http://www.cecc.gov/resources/legal-provisions/circular-on-the-state-council-general-offices-issuance-of-chinas-national)
//   and by 中新网 2007-12-20 (“国务院办公厅在13日下发…的通知”). The original gov.cn page is UNVERIFIED here.
// - 2013—2020: 国办发〔2013〕19号, 2013年3月2日 — the notice in data/sources/plan-2013-2020.seed.txt (from
//   pkulaw.com's copy of the gov.cn text); the data build checks it against the seed.
// - 2021—2030: 国办发〔2021〕13号, 2021年4月9日 — the notice in data/sources/plan-2021-2030.seed.txt; checked
//   by the data build.
// No module state: pure data and pure functions.

export type PlanId = '2008-2012' | '2013-2020' | '2021-2030';

/** Every plan id, oldest first. */
export const PLAN_IDS: readonly PlanId[] = Object.freeze(['2008-2012', '2013-2020', '2021-2030'] as PlanId[]);

export interface PlanCatalogEntry {
  id: PlanId;
  /** The term in the title: [first year, last year]. */
  years: readonly [number, number];
  /** The title without 中国 and without the years, e.g. 反对拐卖人口行动计划. */
  titleCore: string;
  /** Other title cores real documents use for the same plan (without 中国): recognised, not canonical. */
  titleVariants: readonly string[];
  /** 中国反对拐卖人口行动计划（2021—2030年） */
  title: string;
  /** 行动计划（2021—2030年） — the short title used in canonical citations. */
  shortTitle: string;
  /** 国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知 */
  noticeTitle: string;
  /** 国办发〔2021〕13号, and its parts. */
  docNumber: string;
  docYear: number;
  docSerial: number;
  /** YYYY-MM-DD of the issuing notice. */
  issued: string;
  predecessor?: PlanId;
  successor?: PlanId;
  /** Whether the plan's text is in the corpus (data/plans/<id>.txt): paths into it can be checked. */
  textInCorpus: boolean;
  /** Where the facts come from. */
  sources: readonly string[];
  /** Facts not confirmed from a primary source, if any. */
  unverified?: string;
}

function entry(
  id: PlanId,
  titleCore: string,
  doc: [number, number],
  issued: string,
  rest: Pick<PlanCatalogEntry, 'textInCorpus' | 'sources' | 'titleVariants'> & Partial<PlanCatalogEntry>,
): PlanCatalogEntry {
  const [a, b] = id.split('-').map(Number);
  const years = `（${a}—${b}年）`;
  return Object.freeze({
    id,
    years: Object.freeze([a, b] as const),
    titleCore,
    title: `中国${titleCore}${years}`,
    shortTitle: `行动计划${years}`,
    noticeTitle: `国务院办公厅关于印发中国${titleCore}${years}的通知`,
    docNumber: `国办发〔${doc[0]}〕${doc[1]}号`,
    docYear: doc[0],
    docSerial: doc[1],
    issued,
    ...rest,
  });
}

export const PLAN_CATALOG: Readonly<Record<PlanId, PlanCatalogEntry>> = Object.freeze({
  '2008-2012': entry('2008-2012', '反对拐卖妇女儿童行动计划', [2007, 69], '2007-12-13', {
    successor: '2013-2020',
    textInCorpus: false,
    titleVariants: [],
    sources: [
      'CECC copy of the gov.cn text: http://www.cecc.gov/resources/legal-provisions/circular-on-the-state-council-general-offices-issuance-of-chinas-national',
      '中新网 2007-12-20: 国务院办公厅近日印发《中国反对拐卖妇女儿童行动计划(2008-2012年)》，13日下发',
    ],
    unverified: 'issue date 2007-12-13 not read on gov.cn itself (two secondary copies agree)',
  }),
  '2013-2020': entry('2013-2020', '反对拐卖人口行动计划', [2013, 19], '2013-03-02', {
    predecessor: '2008-2012',
    successor: '2021-2030',
    textInCorpus: true,
    titleVariants: [],
    sources: ['data/sources/plan-2013-2020.seed.txt (notice dated 2013年3月2日)'],
  }),
  '2021-2030': entry('2021-2030', '反对拐卖人口行动计划', [2021, 13], '2021-04-09', {
    predecessor: '2013-2020',
    textInCorpus: true,
    titleVariants: [],
    sources: ['data/sources/plan-2021-2030.seed.txt (notice dated 2021年4月9日)'],
  }),
});

export function isPlanId(s: unknown): s is PlanId {
  return typeof s === 'string' && (PLAN_IDS as readonly string[]).includes(s);
}

export function planInfo(id: PlanId): PlanCatalogEntry {
  return PLAN_CATALOG[id];
}

/** The plan whose term is exactly y1—y2, if any. */
export function planByYears(y1: number, y2: number): PlanId | undefined {
  return PLAN_IDS.find((id) => PLAN_CATALOG[id].years[0] === y1 && PLAN_CATALOG[id].years[1] === y2);
}

/** The plan issued by 国办发〔year〕serial号, if any. */
export function planByDocNumber(year: number, serial: number): PlanId | undefined {
  // (A loop, no closure: the citation scanner asks this for every document number it meets.)
  for (let k = 0; k < PLAN_IDS.length; k++) {
    const e = PLAN_CATALOG[PLAN_IDS[k]];
    if (e.docYear === year && e.docSerial === serial) return PLAN_IDS[k];
  }
  return undefined;
}

/** Every title core (canonical and variants), longest first, with its plans. */
export function titleCores(): Array<{ core: string; plans: PlanId[] }> {
  const m = new Map<string, PlanId[]>();
  for (const id of PLAN_IDS) {
    const e = PLAN_CATALOG[id];
    for (const c of [e.titleCore, ...e.titleVariants]) {
      const l = m.get(c) ?? [];
      l.push(id);
      m.set(c, l);
    }
  }
  return [...m].map(([core, plans]) => ({ core, plans })).sort((a, b) => b.core.length - a.core.length);
}

export type PlanState = 'not-issued' | 'in-force' | 'superseded';

export interface PlanStatus {
  state: PlanState;
  /** The reference date the status holds on. */
  date: string;
  /** superseded: the plan that replaced it and the day it was issued. */
  successor?: PlanId;
  since?: string;
}

/** The status of a plan on `date` (YYYY-MM-DD) — the rule at the top of this file. */
export function planStatusOn(id: PlanId, date: string): PlanStatus {
  const e = PLAN_CATALOG[id];
  if (date < e.issued) return { state: 'not-issued', date };
  if (e.successor) {
    const next = PLAN_CATALOG[e.successor];
    if (date >= next.issued) return { state: 'superseded', date, successor: e.successor, since: next.issued };
  }
  return { state: 'in-force', date };
}

/** The plan in force on `date`, if any (none before 2007-12-13). */
export function planInForceOn(date: string): PlanId | undefined {
  return PLAN_IDS.find((id) => planStatusOn(id, date).state === 'in-force');
}

/** The newest plan (the one without a successor). */
export function latestPlan(): PlanId {
  return PLAN_IDS.find((id) => !PLAN_CATALOG[id].successor)!;
}

/** Plans with text in the corpus, newest first (tree views, searches, pickers). */
export function plansInCorpus(): PlanId[] {
  return PLAN_IDS.filter((id) => PLAN_CATALOG[id].textInCorpus).reverse();
}

/** Every plan, newest first. */
export function plansNewestFirst(): PlanId[] {
  return [...PLAN_IDS].reverse();
}

function cnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${+m[2]}月${+m[3]}日` : iso;
}

/** Short status label: 现行有效 / in force, 已被取代 / superseded, 尚未印发 / not yet issued. */
export function planStatusLabel(s: PlanStatus, lang: 'zh' | 'en'): string {
  if (lang === 'zh') {
    if (s.state === 'in-force') return '现行有效';
    if (s.state === 'not-issued') return '尚未印发';
    return '已被取代';
  }
  if (s.state === 'in-force') return 'in force';
  if (s.state === 'not-issued') return 'not yet issued';
  return 'superseded';
}

/**
 * One sentence on a plan's status on the reference date, e.g.
 * 参照日期2013-11-06现行有效 / 2021年4月9日起由《行动计划（2021—2030年）》（国办发〔2021〕13号）取代.
 */
export function planStatusSentence(id: PlanId, date: string, lang: 'zh' | 'en'): string {
  const s = planStatusOn(id, date);
  const e = PLAN_CATALOG[id];
  if (lang === 'zh') {
    if (s.state === 'in-force') return `现行有效（参照日期 ${date}；${cnDate(e.issued)}印发）`;
    if (s.state === 'not-issued') return `尚未印发（参照日期 ${date}；${cnDate(e.issued)}才印发）`;
    const next = PLAN_CATALOG[s.successor!];
    return `已被取代（参照日期 ${date}）：${cnDate(s.since!)}起由《${next.shortTitle}》（${next.docNumber}）接续`;
  }
  if (s.state === 'in-force') return `in force (reference date ${date}; issued ${e.issued})`;
  if (s.state === 'not-issued') return `not yet issued (reference date ${date}; issued ${e.issued})`;
  return `superseded (reference date ${date}): replaced on ${s.since} by the ${s.successor} plan (${PLAN_CATALOG[s.successor!].docNumber})`;
}
