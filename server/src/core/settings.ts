// Validation of the `actionPlan` settings (from workspace/configuration or the CLI's --config file).
// Malformed values never break anything: each is reported in Chinese and English and its default is used.
import { normaliseDate } from './referenceDate';
import { DEFAULT_SETTINGS, DIAGNOSTIC_CODES, PLAN_IDS, type PlanId, type RuleSetting, type Settings } from './types';

const RULE_VALUES: readonly RuleSetting[] = ['off', 'error', 'warning', 'information', 'hint'];

export interface SettingsResult {
  settings: Settings;
  /** Human-readable problems, Chinese first then English. */
  problems: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseSettings(raw: unknown, where = 'actionPlan'): SettingsResult {
  const problems: string[] = [];
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {}, allow: [], languages: [...DEFAULT_SETTINGS.languages] };
  if (raw === undefined || raw === null) return { settings: s, problems };
  if (!isRecord(raw)) {
    problems.push(`设置 ${where} 应为对象，已使用默认值 / ${where} must be an object; defaults used`);
    return { settings: s, problems };
  }
  const bad = (key: string, expected: string) =>
    problems.push(
      `设置 ${where}.${key} 无效（应为${expected}），已使用默认值 / ${where}.${key} is invalid; default used`,
    );

  if (raw.referenceDate !== undefined && raw.referenceDate !== null && raw.referenceDate !== '') {
    const d = typeof raw.referenceDate === 'string' ? normaliseDate(raw.referenceDate) : undefined;
    if (d) s.referenceDate = d;
    else bad('referenceDate', ' YYYY-MM-DD 格式的日期');
  }
  if (raw.defaultPlan !== undefined) {
    if (typeof raw.defaultPlan === 'string' && (PLAN_IDS as readonly string[]).includes(raw.defaultPlan)) {
      s.defaultPlan = raw.defaultPlan as PlanId;
    } else {
      const ids = [...PLAN_IDS].reverse();
      bad('defaultPlan', ` ${ids.slice(0, -1).join('、')} 或 ${ids[ids.length - 1]}`);
    }
  }
  if (raw.rules !== undefined && raw.rules !== null) {
    if (!isRecord(raw.rules)) bad('rules', '对象');
    else {
      for (const [code, value] of Object.entries(raw.rules)) {
        if (!(DIAGNOSTIC_CODES as readonly string[]).includes(code)) {
          problems.push(`设置 ${where}.rules 中的未知规则“${code}”已忽略 / unknown rule "${code}" ignored`);
        } else if (typeof value === 'string' && (RULE_VALUES as readonly string[]).includes(value)) {
          s.rules[code as keyof Settings['rules']] = value as RuleSetting;
        } else bad(`rules.${code}`, ' off、error、warning、information 或 hint');
      }
    }
  }
  if (raw.customAgencies !== undefined && raw.customAgencies !== null && raw.customAgencies !== '') {
    if (typeof raw.customAgencies === 'string') s.customAgencies = raw.customAgencies;
    else bad('customAgencies', '文件路径字符串');
  }
  if (raw.languages !== undefined) {
    if (Array.isArray(raw.languages) && raw.languages.every((x) => typeof x === 'string')) {
      s.languages = raw.languages as string[];
    } else bad('languages', '字符串数组');
  }
  if (raw.locality !== undefined && raw.locality !== null && raw.locality !== '') {
    if (typeof raw.locality === 'string') s.locality = raw.locality.trim();
    else bad('locality', '地名字符串');
  }
  if (raw.allow !== undefined && raw.allow !== null) {
    if (Array.isArray(raw.allow) && raw.allow.every((x) => typeof x === 'string')) s.allow = raw.allow as string[];
    else bad('allow', '字符串数组');
  }
  if (raw.maxDocumentSize !== undefined && raw.maxDocumentSize !== null) {
    if (typeof raw.maxDocumentSize === 'number' && Number.isFinite(raw.maxDocumentSize) && raw.maxDocumentSize > 0) {
      s.maxDocumentSize = Math.floor(raw.maxDocumentSize);
    } else bad('maxDocumentSize', '正整数');
  }
  return { settings: s, problems };
}
