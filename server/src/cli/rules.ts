// Descriptions of the diagnostic codes (CONTRACT.md), for SARIF's tool.driver.rules and the CLI's help.
import type { DiagnosticCode, Severity } from '../core/types';

export interface RuleInfo {
  id: DiagnosticCode;
  /** PascalCase name (SARIF reportingDescriptor.name). */
  name: string;
  defaultSeverity: Severity;
  short: string;
  full: string;
  help: string;
}

export const RULES: readonly RuleInfo[] = [
  {
    id: 'outdated-agency',
    name: 'OutdatedAgency',
    defaultSeverity: 'warning',
    short: '机构名称已过时 / Outdated agency name',
    full:
      '机构名称在参考日期已不再有效（2013、2018、2023 年等机构改革后更名、合并或撤销）。' +
      ' / The agency name is no longer valid on the reference date (renamed, merged or abolished by the 2013, 2018 or 2023 reforms, among others).',
    help:
      '改用现行机构名称；只有一个继任机构时，`action-plan-lint --fix` 会自动替换。参考日期取文档 front matter 中的 date:、' +
      '<!-- action-plan: date=YYYY-MM-DD --> 注释、--reference-date 或今天。' +
      ' / Use the current name; with a single successor, `action-plan-lint --fix` replaces it. The reference date is the ' +
      "document's front-matter date:, a <!-- action-plan: date=YYYY-MM-DD --> comment, --reference-date, or today.",
  },
  {
    id: 'unknown-agency',
    name: 'UnknownAgency',
    defaultSeverity: 'warning',
    short: '未知的机构名称 / Unknown agency name',
    full:
      '职责分工或成员单位列表中的机构名称不在机构名录中：疑似写错（警告，附建议）或名录未收录的地方机构（信息）。' +
      ' / An item of a responsibility clause or member list that the agency registry does not know: a likely misspelling ' +
      '(warning, with suggestions) or a local body the registry does not list (information).',
    help:
      '核对名称；本地机构可加入设置 customAgencies 指定的机构清单，或加入 allow 列表。`--list-unknown` 汇总全部未知名称。' +
      ' / Check the name; add local bodies to the customAgencies file or the allow list. `--list-unknown` lists them all.',
  },
  {
    id: 'unknown-citation',
    name: 'UnknownCitation',
    defaultSeverity: 'error',
    short: '引用的条目不存在 / Cited item does not exist',
    full:
      '引用的路径（如 二（一）2（3））在所引的行动计划中不存在。' +
      ' / The cited path (e.g. 二（一）2（3）) does not exist in the cited plan.',
    help:
      '用 `action-plan-lint show` 查看条目，核对部分、节、措施和项的编号。' +
      ' / Look the item up with `action-plan-lint show` and check the part, section, measure and item numbers.',
  },
  {
    id: 'superseded-citation',
    name: 'SupersededCitation',
    defaultSeverity: 'warning',
    short: '引用了已失效的 2013—2020 年计划 / Cites the expired 2013—2020 plan',
    full:
      '引用了已于 2020 年底期满的《中国反对拐卖人口行动计划（2013—2020年）》（国办发〔2013〕19号）；现行的是 2021—2030 年计划。' +
      ' / Cites the 2013—2020 plan (国办发〔2013〕19号), which expired at the end of 2020; the 2021—2030 plan is in force.',
    help:
      '改为引用《中国反对拐卖人口行动计划（2021—2030年）》的对应条目（data.successor 给出最接近的条目，可能为 null）。' +
      ' / Cite the counterpart in the 2021—2030 plan (data.successor names the closest item, or null).',
  },
  {
    id: 'citation-format',
    name: 'CitationFormat',
    defaultSeverity: 'information',
    short: '引用格式不规范 / Non-standard citation form',
    full:
      '可识别的引用或文号写法不规范（半角括号、[2021] 式文号、多余空格等）。' +
      ' / A recognised citation or document number written in a non-standard form (halfwidth brackets, 国办发[2021]13号, stray spaces …).',
    help:
      '改为规范写法（data.replacement）；`action-plan-lint --fix` 会自动改正。' +
      ' / Use the standard form (data.replacement); `action-plan-lint --fix` rewrites it.',
  },
  {
    id: 'citation-mismatch',
    name: 'CitationMismatch',
    defaultSeverity: 'information',
    short: '引用与句子内容不符 / Citation does not match the sentence',
    full:
      '引用某项措施或分项的句子与该条目内容关联不大，而同一计划中另有条目明显更接近（字符二元组 TF-IDF 余弦相似度，阈值按计划文本本身校准）。' +
      ' / The sentence citing a measure or sub-item shares too little content with it while another provision of the same plan ' +
      'matches clearly better (character-bigram TF-IDF cosine, thresholds calibrated on the plans themselves).',
    help:
      '核对引用；data.candidates 列出更接近的条目，快速修复可改为其中之一（从不自动修复）。' +
      ' / Check the citation; data.candidates lists the closer provisions and a quick fix can cite one of them (never applied automatically).',
  },
  {
    id: 'responsibility-mismatch',
    name: 'ResponsibilityMismatch',
    defaultSeverity: 'information',
    short: '职责分工与所引措施不符 / Lead unit differs from the cited measure',
    full:
      '所引措施在国家计划中有职责分工，而本地条款的牵头单位不含国家牵头单位在本地的对应机构（按参考日期，经机构改革和加挂牌子换算），或国家牵头单位在本地条款中完全缺失。' +
      ' / The cited measure has its own responsibility clause and the local clause does not give the lead to the local counterpart ' +
      'of any national lead unit (on the reference date, through reforms and signs), or a national lead unit is missing from it.',
    help:
      '核对本地职责分工；data.national 为国家计划的分工，data.expected 为本地对应机构。无自动修复。' +
      ' / Check the local assignment; data.national is the national clause, data.expected its local counterparts. No automatic fix.',
  },
];

export const SEVERITY_LABEL: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  information: { zh: '信息', en: 'info' },
  hint: { zh: '提示', en: 'hint' },
};
