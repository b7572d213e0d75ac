// The diagnostic rules, each declared once: code, default severity, SARIF name and descriptions, the settings
// description (package.nls*.json must say the same, test/core/catalog.test.ts checks it), and the message builder in
// Chinese and English. Findings carry the facts of their message; readers build the text in their own language
// (`messageOf`), so one reader sees one language. No imports: everything else depends on this file, not back.
//
// To add a rule: add its facts to `MessageFacts`, its entry to `RULES`, its setting to package.json and
// package.nls*.json, and its row to CONTRACT.md's table (README).

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Lang = 'zh' | 'en';
/** A user-visible text in both languages. */
export type Localized = Readonly<Record<Lang, string>>;

/** zh* → Chinese, anything else (or nothing) → English. */
export function langOf(locale: string | undefined | null): Lang {
  return typeof locale === 'string' && /^zh(?:[-_]|$)/i.test(locale.trim()) ? 'zh' : 'en';
}

/** The facts each rule's message is built from (kept on the finding, never pre-rendered). */
export interface MessageFacts {
  'outdated-agency': {
    name: string;
    replacement: string[];
    /** YYYY-MM-DD from which the name is outdated. */
    since?: string;
    /** Set when the body did not exist yet on the reference date: the date it was established. */
    notYet?: string;
    /** A current local name many places keep only as a sign (加挂牌子) of this host: information, never a fix. */
    signOf?: string;
    /** Outdated in most places but not everywhere (内蒙古 keeps 农牧厅): information, never an automatic fix. */
    variesByPlace?: boolean;
    /** Year of the reform that made the change (2018 for 2018年党和国家机构改革, even where local bodies changed in 2019). */
    reformYear?: string;
    /** The name starts a line right after a cut-looking one: maybe the tail of a longer name (a table cell cut by a line break). */
    cutOff?: boolean;
  };
  'unknown-agency': {
    name: string;
    suggestions: string[];
    nearMiss: boolean;
    /** A provincial department's name (…厅) after a prefecture or county place (市公安厅): `suggestions` name it at that level. */
    wrongLevel?: boolean;
    /** A known name with spaces or invisible characters inside (api.ts UnknownAgency.spacedBy). */
    spacedBy?: 'space' | 'invisible';
  };
  'unknown-citation': {
    path: string;
    plan: string;
    planTitle: string;
    /** A title whose years are those of no plan (2021—2023年): [first, last]; `planTitle` is then the right full title. */
    badYears?: [number, number];
    /** The plan was not issued yet on the reference date (information): its issue date and the reference date. */
    notIssued?: { issued: string; date: string };
  };
  'superseded-citation': {
    /** Short title of the cited plan, e.g. 行动计划（2013—2020年）. */
    title: string;
    /** The reference date, and the day the cited plan's successor was issued (core/catalog/plans.ts). */
    date: string;
    since: string;
    /** Short title and 文号 of the successor that replaced it. */
    successorTitle: string;
    successorDoc: string;
    /** Short title of the plan in force on the reference date, when it is not the direct successor (2008—2012 → 2021—2030). */
    currentTitle?: string;
    /** Whether the citation names an item (a path), not only the plan. */
    path: boolean;
    /** The counterpart in the plan in force (paths into a plan whose successor is in force), or null. */
    successor: string | null;
  };
  'citation-format': { replacement: string };
  'duplicate-agency': {
    name: string;
    keep: 'lead' | 'first';
    /** How the kept mention is written, when the repeat is written differently (公安部 / 中华人民共和国公安部, or a replacement). */
    sameAs?: string;
  };
  'responsibility-mismatch': {
    /** Canonical citation of the cited measure. */
    cited: string;
    /** The national clause and its local translation, as written in each language. */
    national: Localized;
    local: Localized;
    /** How the document calls its own level: 本县, 本市 … */
    localWord: string;
    /** Set when no local lead is the counterpart of a national lead: the expected local leads. */
    leadMissing?: string[];
    /** Local counterparts of national leads not named at all (when not already said by leadMissing). */
    notNamed: string[];
  };
  'citation-mismatch': {
    /** Canonical citation of the cited provision and its (shortened) heading. */
    cited: string;
    heading: string;
    score: number;
    /** The provisions that match the sentence clearly better. */
    candidates: Array<{ citation: string; heading: string; score: number }>;
  };
}

export type DiagnosticCode = keyof MessageFacts;

export interface RuleDef<C extends DiagnosticCode = DiagnosticCode> {
  code: C;
  /** PascalCase name (SARIF reportingDescriptor.name). */
  name: string;
  defaultSeverity: Severity;
  /** When the default depends on the finding (unknown-agency: near miss or not). */
  severityOf?(facts: MessageFacts[C]): Severity;
  /** SARIF shortDescription / CLI help. */
  short: Localized;
  /** SARIF fullDescription. */
  full: Localized;
  /** SARIF help: what to do. */
  help: Localized;
  /** The settings description (package.nls.json / package.nls.zh-cn.json `config.rules.<code>`). */
  setting: Localized;
  /** The message: its first words say what to do. */
  message(facts: MessageFacts[C], lang: Lang): string;
}

const q = (lang: Lang, s: string) => (lang === 'zh' ? `“${s}”` : `"${s}"`);
const list = (lang: Lang, names: readonly string[], joiner: { zh: string; en: string }) =>
  names.map((n) => q(lang, n)).join(lang === 'zh' ? joiner.zh : joiner.en);

/** 2020-12-31 → 2020年12月31日 (anything else unchanged). */
const zhDate = (d: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : d;
};

function outdatedMessage(f: MessageFacts['outdated-agency'], lang: Lang): string {
  const y = f.reformYear;
  const tag = y ? (lang === 'zh' ? `（${y}年机构改革）` : ` (${y} reform)`) : '';
  const to = list(lang, f.replacement, { zh: '或', en: ' or ' });
  if (lang === 'zh') {
    if (f.signOf) return `核对“${f.name}”：许多地方已不再单设，可能仅作为“${f.signOf}”加挂的牌子保留`;
    if (f.notYet) {
      const when = `在参考日期尚未设立（${zhDate(f.notYet)}起）`;
      return f.replacement.length ? `应为${to}：“${f.name}”${when}` : `“${f.name}”${when}`;
    }
    if (f.variesByPlace) return `可能应为${to}：“${f.name}”在多数地方已撤销${tag}，少数地方仍保留，请核对`;
    if (f.cutOff)
      return `核对“${f.name}”：可能是被换行截断的名称的后半部分；若确指“${f.name}”，它已撤销，应为${to}${tag}`;
    return f.replacement.length
      ? `“${f.name}”已撤销，应为${to}${tag}`
      : `“${f.name}”已撤销，无继任机构，请删除或改写${tag}`;
  }
  if (f.signOf)
    return `Check "${f.name}": many places no longer keep it as a separate body, only as a sign of "${f.signOf}"`;
  if (f.notYet) {
    const when = `did not exist yet on the reference date (established ${f.notYet})`;
    return f.replacement.length ? `Use ${to}: "${f.name}" ${when}` : `"${f.name}" ${when}`;
  }
  if (f.variesByPlace) return `Maybe ${to}: "${f.name}" was abolished in most places${tag}, but some keep it; check`;
  if (f.cutOff)
    return `Check "${f.name}": it may be the end of a name cut by a line break; if it is "${f.name}", it was abolished${tag}: use ${to}`;
  return f.replacement.length
    ? `Replace "${f.name}" with ${to}: abolished${tag}`
    : `Remove or rewrite "${f.name}": abolished without a successor${tag}`;
}

export const RULES: { readonly [C in DiagnosticCode]: RuleDef<C> } = {
  'outdated-agency': {
    code: 'outdated-agency',
    name: 'OutdatedAgency',
    defaultSeverity: 'warning',
    short: { zh: '机构名称已过时', en: 'Outdated agency name' },
    full: {
      zh: '机构名称在参考日期已不再有效（2013、2018、2023 年等机构改革后更名、合并或撤销）。',
      en: 'The agency name is no longer valid on the reference date (renamed, merged or abolished by the 2013, 2018 or 2023 reforms, among others).',
    },
    help: {
      zh:
        '改用现行机构名称；只有一个继任机构时，`action-plan-lint --fix` 会自动替换。参考日期取文档 front matter 中的 date:、' +
        '<!-- action-plan: date=YYYY-MM-DD --> 注释、--reference-date 或今天。',
      en:
        'Use the current name; with a single successor, `action-plan-lint --fix` replaces it. The reference date is the ' +
        "document's front-matter date:, a <!-- action-plan: date=YYYY-MM-DD --> comment, --reference-date, or today.",
    },
    setting: {
      zh: '在参照日期已不再有效的部门名称（已更名、合并或撤销）。默认：`warning`（警告）。',
      en: 'An agency name that is no longer valid on the reference date (renamed, merged or abolished). Default: `warning`.',
    },
    message: outdatedMessage,
  },
  'unknown-agency': {
    code: 'unknown-agency',
    name: 'UnknownAgency',
    defaultSeverity: 'warning',
    // An invisible character inside a known name (no slip the reader can see): information.
    severityOf: (f) => (f.nearMiss && f.spacedBy !== 'invisible' ? 'warning' : 'information'),
    short: { zh: '未知的机构名称', en: 'Unknown agency name' },
    full: {
      zh: '职责分工或成员单位列表中的机构名称不在机构名录中：疑似写错（警告，附建议）或名录未收录的地方机构（信息）。',
      en:
        'An item of a responsibility clause or member list that the agency registry does not know: a likely misspelling ' +
        '(warning, with suggestions) or a local body the registry does not list (information).',
    },
    help: {
      zh: '核对名称；本地机构可加入设置 customAgencies 指定的机构清单，或加入 allow 列表。`--list-unknown` 汇总全部未知名称。',
      en: 'Check the name; add local bodies to the customAgencies file or the allow list. `--list-unknown` lists them all.',
    },
    setting: {
      zh: '职责分工条款或部门列表中部门库不认识的名称。默认：近似名称为 `warning`（警告），其余为 `information`（信息）。',
      en: 'An item of a responsibility clause or agency list that the registry does not know. Default: `warning` for a near miss, `information` otherwise.',
    },
    message: (f, lang) => {
      if (f.wrongLevel && f.suggestions.length) {
        return lang === 'zh'
          ? `是否应为${list(lang, f.suggestions, { zh: '或', en: '' })}？“${f.name}”用的是省级部门的名称（厅），市、县的部门称局`
          : `Did you mean ${list(lang, f.suggestions, { zh: '', en: ' or ' })}? "${f.name}" uses a provincial department's name (…厅); prefectures and counties have bureaus (…局)`;
      }
      if (f.spacedBy && f.suggestions.length) {
        const name = f.suggestions[0];
        if (f.spacedBy === 'invisible')
          return lang === 'zh'
            ? `“${name}”中有不可见字符（如零宽空格，常见于从网页复制的文字），应删除`
            : `"${name}" contains an invisible character (such as a zero-width space, common in text copied from web pages): delete it`;
        return lang === 'zh'
          ? `“${f.name}”中间有空格，应为“${name}”`
          : `"${f.name}" has a space inside: should be "${name}"`;
      }
      if (lang === 'zh') {
        return f.nearMiss && f.suggestions.length
          ? `是否应为${list(lang, f.suggestions, { zh: '或', en: '' })}？“${f.name}”不在机构名录中`
          : `“${f.name}”未收录：若确有此机构，可加入工作区机构清单`;
      }
      return f.nearMiss && f.suggestions.length
        ? `Did you mean ${list(lang, f.suggestions, { zh: '', en: ' or ' })}? "${f.name}" is not in the registry`
        : `"${f.name}" is not in the registry: add it to the workspace agency list if the body exists`;
    },
  },
  'unknown-citation': {
    code: 'unknown-citation',
    name: 'UnknownCitation',
    defaultSeverity: 'error',
    short: { zh: '引用的条目不存在', en: 'Cited item does not exist' },
    full: {
      zh: '引用的路径（如 二（一）2（3））在所引的行动计划中不存在。',
      en: 'The cited path (e.g. 二（一）2（3）) does not exist in the cited plan.',
    },
    help: {
      zh: '用 `action-plan-lint show` 查看条目，核对部分、节、措施和项的编号。',
      en: 'Look the item up with `action-plan-lint show` and check the part, section, measure and item numbers.',
    },
    setting: {
      zh: '所引计划中不存在的条目路径。默认：`error`（错误）。',
      en: 'A path that does not exist in the cited plan. Default: `error`.',
    },
    message: (f, lang) => {
      if (f.badYears) {
        const [a, b] = f.badYears;
        return lang === 'zh'
          ? `没有（${a}—${b}年）的国家行动计划：应为《${f.planTitle}》`
          : `No national plan covers ${a}—${b}: the title should be 《${f.planTitle}》`;
      }
      if (f.notIssued) {
        return lang === 'zh'
          ? `核对引用或参照日期：参照日期 ${f.notIssued.date} 时《${f.planTitle}》尚未印发（${zhDate(f.notIssued.issued)}印发）`
          : `Check the citation or the reference date: on ${f.notIssued.date} the ${f.plan} plan had not been issued yet (issued ${f.notIssued.issued})`;
      }
      return lang === 'zh'
        ? `核对条目编号：《${f.planTitle}》中不存在“${f.path}”`
        : `Check the item number: there is no "${f.path}" in the plan ${f.plan}`;
    },
  },
  'superseded-citation': {
    code: 'superseded-citation',
    name: 'SupersededCitation',
    defaultSeverity: 'warning',
    short: { zh: '引用了在参照日期已被取代的计划', en: 'Cites a plan superseded on the reference date' },
    full: {
      zh: '所引的国家行动计划在参照日期已被取代：一部计划自印发之日起有效，直至其后继计划印发之日（2008—2012 年计划 2013-03-02 起、2013—2020 年计划 2021-04-09 起被取代）。',
      en: 'The cited national plan is superseded on the reference date: a plan is in force from its issue date until its successor is issued (the 2008—2012 plan from 2013-03-02, the 2013—2020 plan from 2021-04-09).',
    },
    help: {
      zh: '改为引用参照日期现行计划的对应条目（data.successor 给出最接近的条目，可能为 null）；旧文件请设置其参照日期。',
      en: 'Cite the counterpart in the plan in force on the reference date (data.successor names the closest item, or null); give an old document its own reference date.',
    },
    setting: {
      zh: '引用在参照日期已被取代的计划。默认：`warning`（警告）。',
      en: 'A citation into a plan superseded on the reference date. Default: `warning`.',
    },
    message: (f, lang) => {
      if (lang === 'zh') {
        const why =
          `《${f.title}》在参照日期 ${f.date} 已被取代（${zhDate(f.since)}起由《${f.successorTitle}》（${f.successorDoc}）接续` +
          (f.currentTitle ? `，现行的是《${f.currentTitle}》）` : '）');
        const now = f.currentTitle ?? f.successorTitle;
        if (!f.path) return `改引《${now}》：${why}`;
        return f.successor ? `改引${f.successor}：${why}` : `${why}；现行计划中无对应条目`;
      }
      const why =
        `《${f.title}》 is superseded on the reference date ${f.date} (replaced on ${f.since} by ${f.successorDoc}` +
        (f.currentTitle ? `; in force: 《${f.currentTitle}》)` : ')');
      if (!f.path) return `Cite the plan in force instead: ${why}`;
      return f.successor ? `Cite ${f.successor} instead: ${why}` : `${why}; the plan in force has no counterpart`;
    },
  },
  'citation-format': {
    code: 'citation-format',
    name: 'CitationFormat',
    defaultSeverity: 'information',
    short: { zh: '引用格式不规范', en: 'Non-standard citation form' },
    full: {
      zh: '可识别的引用或文号写法不规范（半角括号、[2021] 式文号、多余空格等）。',
      en: 'A recognised citation or document number written in a non-standard form (halfwidth brackets, 国办发[2021]13号, stray spaces …).',
    },
    help: {
      zh: '改为规范写法（data.replacement）；`action-plan-lint --fix` 会自动改正。',
      en: 'Use the standard form (data.replacement); `action-plan-lint --fix` rewrites it.',
    },
    setting: {
      zh: '写法不规范的引用或文号，如 国办发[2021]13号。默认：`information`（信息）。',
      en: 'A recognised citation or document number written in a non-standard form, e.g. 国办发[2021]13号. Default: `information`.',
    },
    message: (f, lang) =>
      lang === 'zh' ? `改为规范写法：${f.replacement}` : `Use the standard form: ${f.replacement}`,
  },
  'citation-mismatch': {
    code: 'citation-mismatch',
    name: 'CitationMismatch',
    defaultSeverity: 'information',
    short: { zh: '引用与句子内容不符', en: 'Citation does not match the sentence' },
    full: {
      zh: '引用某项措施或分项的句子与该条目内容关联不大，而同一计划中另有条目明显更接近（字符二元组 TF-IDF 余弦相似度，阈值按计划文本本身校准）。',
      en:
        'The sentence citing a measure or sub-item shares too little content with it while another provision of the same plan ' +
        'matches clearly better (character-bigram TF-IDF cosine, thresholds calibrated on the plans themselves).',
    },
    help: {
      zh: '核对引用；data.candidates 列出更接近的条目，快速修复可改为其中之一（从不自动修复）。',
      en: 'Check the citation; data.candidates lists the closer provisions and a quick fix can cite one of them (never applied automatically).',
    },
    setting: {
      zh: '引用某项措施的句子与该措施内容关联不大，而计划中另有条目明显更接近（按计划文本校准的字符二元组相似度）。默认：`information`（信息）。',
      en: 'The sentence citing a measure shares too little content with it while another provision of the plan matches clearly better (character-bigram similarity calibrated on the plans). Default: `information`.',
    },
    message: (f, lang) =>
      lang === 'zh'
        ? `核对引用：本句内容与所引${f.cited}（${f.heading}）关联不大（相似度${f.score}），更接近：` +
          f.candidates.map((k) => `${k.citation}（${k.heading}，${k.score}）`).join('；')
        : `Check the citation: this sentence shares little content with the cited ${f.cited} (similarity ${f.score}); closer: ` +
          f.candidates.map((k) => `${k.citation} (${k.score})`).join('; '),
  },
  'responsibility-mismatch': {
    code: 'responsibility-mismatch',
    name: 'ResponsibilityMismatch',
    defaultSeverity: 'information',
    short: { zh: '职责分工与所引措施不符', en: 'Lead unit differs from the cited measure' },
    full: {
      zh: '所引措施在国家计划中有职责分工，而本地条款的牵头单位不含国家牵头单位在本地的对应机构（按参考日期，经机构改革和加挂牌子换算），或国家牵头单位在本地条款中完全缺失。',
      en:
        'The cited measure has its own responsibility clause and the local clause does not give the lead to the local counterpart ' +
        'of any national lead unit (on the reference date, through reforms and signs), or a national lead unit is missing from it.',
    },
    help: {
      zh: '核对本地职责分工；data.national 为国家计划的分工，data.expected 为本地对应机构。无自动修复。',
      en: 'Check the local assignment; data.national is the national clause, data.expected its local counterparts. No automatic fix.',
    },
    setting: {
      zh: '所引措施之后的职责分工未由国家牵头单位的本地对应机构牵头。默认：`information`（信息）。',
      en: "The responsibility clause after a cited measure does not give the lead to the local counterpart of the plan's lead unit(s). Default: `information`.",
    },
    message: (f, lang) => {
      if (lang === 'zh') {
        const problems: string[] = [];
        if (f.leadMissing) problems.push(`本条款的牵头单位不含${f.leadMissing.join('、')}`);
        if (f.notNamed.length) problems.push(`未列出${f.notNamed.join('、')}`);
        return `核对职责分工：所引${f.cited}的职责分工为“${f.national.zh}”，${f.localWord}对应：${f.local.zh}；${problems.join('，')}`;
      }
      const problems: string[] = [];
      if (f.leadMissing) problems.push(`the local lead units do not include ${f.leadMissing.join(', ')}`);
      if (f.notNamed.length)
        problems.push(`${f.notNamed.join(', ')} ${f.notNamed.length > 1 ? 'are' : 'is'} not named`);
      return `Check the assignment: the cited ${f.cited} assigns: ${f.national.en}; locally: ${f.local.en}. ${problems.join('; ').replace(/^./, (c) => c.toUpperCase())}`;
    },
  },
  'duplicate-agency': {
    code: 'duplicate-agency',
    name: 'DuplicateAgency',
    defaultSeverity: 'warning',
    short: { zh: '同一机构重复列出', en: 'Agency named twice' },
    full: {
      zh: '职责分工条款或机构列表把同一机构列了两次（例如既是牵头单位又是配合单位）。',
      en: 'A responsibility clause or agency list names the same body twice (e.g. as lead and as cooperating unit).',
    },
    help: {
      zh: '删除重复的一处：既牵头又配合的机构保留牵头角色，其余保留第一次出现的位置。',
      en: 'Remove the repeat: a body named as lead and cooperating unit keeps its lead role; otherwise the first mention stays.',
    },
    setting: {
      zh: '职责分工条款或部门列表中重复列出的同一机构。默认：`warning`（警告）。',
      en: 'A responsibility clause or agency list that names the same body twice. Default: `warning`.',
    },
    message: (f, lang) =>
      lang === 'zh'
        ? `删除重复的“${f.name}”${f.sameAs ? `（即“${f.sameAs}”）` : ''}：${f.keep === 'lead' ? '已是牵头单位' : '本句已列出'}`
        : `Remove the repeated "${f.name}"${f.sameAs ? ` (= "${f.sameAs}")` : ''}: ${f.keep === 'lead' ? 'it is already the lead unit' : 'already listed in this clause'}`,
  },
};

/** Every diagnostic code, in the catalog's order. */
export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = Object.keys(RULES) as DiagnosticCode[];

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(RULES, code);
}

/** The facts of one finding, tied to its code. */
export type FindingFacts = { [C in DiagnosticCode]: { code: C; facts: MessageFacts[C] } }[DiagnosticCode];

/** The message of a finding in one language. */
export function messageOf(f: FindingFacts, lang: Lang): string {
  return (RULES[f.code] as RuleDef).message(f.facts as never, lang);
}

/** The default severity of a finding (before the user's `rules` settings). */
export function defaultSeverityOf(f: FindingFacts): Severity {
  const rule = RULES[f.code] as RuleDef;
  return rule.severityOf ? rule.severityOf(f.facts as never) : rule.defaultSeverity;
}

/** Titles of fixes (code actions, `--fix` reports), in both languages; readers pick one. */
export const FIX_TITLES = {
  replace: (name: string): Localized => ({ zh: `替换为“${name}”`, en: `Replace with "${name}"` }),
  change: (name: string): Localized => ({ zh: `改为“${name}”`, en: `Change to "${name}"` }),
  cite: (citation: string): Localized => ({
    zh: `改为引用现行计划：${citation}`,
    en: `Cite the plan in force: ${citation}`,
  }),
  canonical: (form: string): Localized => ({ zh: `改为规范写法“${form}”`, en: `Use the standard form "${form}"` }),
  citeInstead: (citation: string): Localized => ({ zh: `改为引用${citation}`, en: `Cite ${citation} instead` }),
  removeRepeat: (name: string): Localized => ({ zh: `删除重复的“${name}”`, en: `Remove the repeated "${name}"` }),
};

/** Severity names as users read them. */
export const SEVERITY_LABEL: Readonly<Record<Severity, Localized>> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  information: { zh: '信息', en: 'info' },
  hint: { zh: '提示', en: 'hint' },
};

/** A text in the reader's language; `both` keeps Chinese then English (the CLI's `--lang both`). */
export function pick(text: Localized, lang: Lang | 'both', sep = ' / '): string {
  return lang === 'both' ? (text.zh === text.en ? text.zh : `${text.zh}${sep}${text.en}`) : text[lang];
}
