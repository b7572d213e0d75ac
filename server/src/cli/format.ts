// Output formats of the lint command: text (in the style of ESLint's "stylish"), JSON (CONTRACT.md) and SARIF 2.1.0.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CODES, pick, RULES, SEVERITY_LABEL, type Lang } from '../core/catalog/rules';
import type { Severity } from '../core/types';
import type { FileDiagnostic, FileResult } from './lintFile';

/** The reader's language: `zh`, `en`, or `both` (Chinese, then English: the output of earlier versions). */
export type OutputLang = Lang | 'both';

/** One line in the reader's language; `both` joins Chinese and English with " / ". */
const say = (lang: OutputLang, zh: string, en: string) => pick({ zh, en }, lang);

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

/**
 * A string from the outside world (a file name, a message quoting a document) made safe for a terminal: C0/C1
 * control characters (ESC starts the ANSI sequences that recolour, move the cursor or retitle a terminal; CR and
 * newlines forge lines), DEL and the bidirectional overrides are shown as \u escapes; backslashes stay as they are.
 */
export function escapeControl(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const ANSI: Colors = {
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  green: sgr(32, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  underline: sgr(4, 24),
};
const id = (s: string) => s;
export const PLAIN: Colors = { red: id, yellow: id, cyan: id, green: id, dim: id, bold: id, underline: id };

/** Colour only on a terminal, unless NO_COLOR is set (https://no-color.org); FORCE_COLOR=1 forces it on. */
export function colorsFor(stream: { isTTY?: boolean }, env = process.env): Colors {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return PLAIN;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return ANSI;
  return stream.isTTY ? ANSI : PLAIN;
}

export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
  fixable: number;
}

export function countDiagnostics(results: readonly FileResult[]): Counts {
  const c: Counts = { error: 0, warning: 0, information: 0, hint: 0, fixable: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      c[d.severity]++;
      if (d.fixable) c.fixable++;
    }
  }
  return c;
}

function severityColor(s: Severity, c: Colors): (x: string) => string {
  return s === 'error' ? c.red : s === 'warning' ? c.yellow : s === 'information' ? c.cyan : c.dim;
}

/**
 * Text report: per file a header, then `line:column  severity  message  code` with 1-based line and column
 * (column in UTF-16 code units, as editors count), the English message dimmed on the next line, then a summary.
 * Files that could not be checked are reported on stderr by the caller, and counted here.
 */
export function formatText(results: readonly FileResult[], c: Colors, lang: OutputLang = 'both'): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.error || r.diagnostics.length === 0) continue;
    out.push(c.underline(escapeControl(r.file)));
    const positions = r.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
    const width = Math.max(...positions.map((p) => p.length));
    const labelOf = (d: FileDiagnostic) => SEVERITY_LABEL[d.severity][lang === 'en' ? 'en' : 'zh'];
    const labelWidth = Math.max(...r.diagnostics.map((d) => labelOf(d).length));
    r.diagnostics.forEach((d, i) => {
      const label = labelOf(d).padEnd(labelWidth);
      const first = lang === 'en' ? d.message.en : d.message.zh;
      out.push(
        `  ${c.dim(positions[i].padEnd(width))}  ${severityColor(d.severity, c)(label)}  ${escapeControl(first)}  ${c.dim(d.code)}`,
      );
      if (lang === 'both') out.push(`  ${' '.repeat(width)}        ${c.dim(escapeControl(d.message.en))}`);
    });
    out.push('');
  }
  const n = countDiagnostics(results);
  const total = n.error + n.warning + n.information + n.hint;
  const checked = results.filter((r) => !r.error).length;
  const failed = results.length - checked;
  if (total === 0) {
    out.push(
      c.green(
        `✔ ${say(lang, `未发现问题（已检查 ${checked} 个文件）`, `no problems found (${checked} ${plural(checked, 'file')} checked)`)}`,
      ),
    );
  } else {
    const zh = [`${n.error} 个错误`, `${n.warning} 个警告`];
    const en = [plural(n.error, 'error', true), plural(n.warning, 'warning', true)];
    if (n.information) (zh.push(`${n.information} 个信息`), en.push(`${n.information} info`));
    if (n.hint) (zh.push(`${n.hint} 个提示`), en.push(plural(n.hint, 'hint', true)));
    const color = n.error ? c.red : c.yellow;
    const enLine = `${plural(total, 'problem', true)} (${en.join(', ')}) in ${checked} ${plural(checked, 'file')} checked`;
    if (lang !== 'en') out.push(color(c.bold(`✖ ${total} 个问题（${zh.join('，')}）`)));
    if (lang === 'both') out.push(color(`  ${enLine}`));
    if (lang === 'en') out.push(color(c.bold(`✖ ${enLine}`)));
    if (n.fixable) {
      out.push(
        c.dim(
          `  ${say(lang, `其中 ${n.fixable} 个可用 --fix 自动修复`, `${n.fixable} fixable with the --fix option`)}`,
        ),
      );
    }
  }
  if (failed) {
    out.push(
      c.red(
        `✖ ${say(lang, `${failed} 个文件无法检查（见标准错误输出）`, `${failed} ${plural(failed, 'file')} could not be checked (see stderr)`)}`,
      ),
    );
  }
  return out.join('\n') + '\n';
}

function plural(n: number, word: string, withNumber = false): string {
  const w = n === 1 ? word : /(x|s|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
  return withNumber ? `${n} ${w}` : w;
}

/** CONTRACT.md's JSON: `[{ file, diagnostics: [{ code, severity, message, range, data }] }]`, plus `error` for a file
 *  that could not be checked (an additive field; its diagnostics are then empty). */
export function formatJson(results: readonly FileResult[], lang: OutputLang = 'both'): string {
  const out = results.map((r) => {
    const entry: Record<string, unknown> = { file: r.file };
    if (r.error) entry.error = r.error;
    entry.diagnostics = r.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: lang === 'en' ? d.message.en : d.message.zh,
      range: d.range,
      data: d.data,
    }));
    return entry;
  });
  return JSON.stringify(out, null, 2) + '\n';
}

// ───────────────────────────── SARIF 2.1.0 ─────────────────────────────

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** artifactLocation of a display path: relative paths against %SRCROOT% (= the current directory), else a file: URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/**
 * A fingerprint that survives edits elsewhere in the file: the rule, the text the finding covers, and how many
 * earlier findings of the same rule cover the same text.
 */
function fingerprints(diags: readonly FileDiagnostic[]): string[] {
  // node:crypto is loaded here, not at start-up (SARIF output only; ≈ 2 ms of every run otherwise).
  const sha256 = sha256Hex(require('node:crypto') as typeof import('node:crypto'));
  const seen = new Map<string, number>();
  return diags.map((d) => {
    const key = `${d.code}\u0000${d.excerpt}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return sha256(`${key}\u0000${n}`).slice(0, 32);
  });
}

/** SHA-256 of a string's UTF-8 bytes in hex: one-shot crypto.hash where this Node.js has it (20.12+; no Hash object
 *  per call: 5,255 fingerprints of a 1 MB document ≈ 15 → 6 ms), createHash before. */
export function sha256Hex(crypto: typeof import('node:crypto')): (s: string) => string {
  // Typed as always there (@types/node 20.19); undefined on Node.js 20 before 20.12.
  const hash = crypto.hash as typeof crypto.hash | undefined;
  if (hash) return (s) => hash('sha256', s, 'hex');
  return (s) => crypto.createHash('sha256').update(s).digest('hex');
}

export interface SarifOptions {
  version: string;
  /** Language of messages and rule descriptions (default both: Chinese / English). */
  lang?: OutputLang;
  informationUri?: string;
  cwd: string;
}

export function formatSarif(results: readonly FileResult[], o: SarifOptions): string {
  const lang = o.lang ?? 'both';
  const rules = DIAGNOSTIC_CODES.map((code) => RULES[code]);
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.code, i]));
  const driver: Record<string, unknown> = {
    name: 'action-plan-lint',
    fullName: '反拐行动计划助手 action-plan-lint / Anti-Trafficking Action Plan Assistant',
    version: o.version,
    semanticVersion: o.version,
  };
  if (o.informationUri) driver.informationUri = o.informationUri;
  driver.rules = rules.map((r) => ({
    id: r.code,
    name: r.name,
    shortDescription: { text: pick(r.short, lang) },
    fullDescription: { text: pick(r.full, lang) },
    help: { text: pick(r.help, lang) },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const sarifResults: unknown[] = [];
  const notifications: unknown[] = [];
  for (const r of results) {
    const location = artifactLocation(r.file);
    if (r.error) {
      notifications.push({
        level: 'error',
        message: { text: `${r.file}: ${r.error}` },
        locations: [{ physicalLocation: { artifactLocation: location } }],
      });
      continue;
    }
    const prints = fingerprints(r.diagnostics);
    r.diagnostics.forEach((d, i) => {
      sarifResults.push({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: LEVEL[d.severity],
        message: { text: pick(d.message, lang) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
        partialFingerprints: { 'actionPlanFinding/v1': prints[i] },
        properties: { severity: d.severity, data: d.data },
      });
    });
  }
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(o.cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

// ───────────────────────────── --fix and --list-unknown ─────────────────────────────

/** What --fix changed, per file (text output: stdout; JSON/SARIF: stderr). Positions are 1-based. */
export function formatFixes(results: readonly FileResult[], c: Colors, lang: OutputLang = 'both'): string {
  const out: string[] = [];
  let count = 0;
  let files = 0;
  for (const r of results) {
    if (!r.fixes.length) continue;
    files++;
    out.push(`${c.underline(escapeControl(r.file))} ${c.green(say(lang, '已修复', 'fixed'))}`);
    for (const f of r.fixes) {
      count++;
      out.push(
        `  ${c.dim(`${f.line + 1}:${f.character + 1}`)}  “${escapeControl(f.from)}” → “${escapeControl(f.to)}”  ${c.dim(f.code)}`,
      );
    }
    out.push('');
  }
  for (const r of results) {
    if (!r.unfixed?.length) continue;
    out.push(
      `${c.underline(escapeControl(r.file))} ${c.yellow(say(lang, '未自动修复（请手动核对）', 'not fixed automatically (check by hand)'))}`,
    );
    for (const u of r.unfixed) {
      out.push(
        `  ${c.dim(`${u.line + 1}:${u.character + 1}`)}  “${escapeControl(u.name)}”：${escapeControl(pick(u.why, lang, '；'))}`,
      );
    }
    out.push('');
  }
  if (count === 0)
    out.push(`--fix：${say(lang, '没有可自动修复的问题，未改动任何文件', 'nothing to fix; no file changed')}`);
  else
    out.push(
      c.green(
        `✔ ${say(lang, `已在 ${files} 个文件中修复 ${count} 处`, `${count} ${plural(count, 'fix')} applied in ${files} ${plural(files, 'file')}`)}`,
      ),
    );
  return out.join('\n') + '\n';
}

export interface UnknownName {
  name: string;
  count: number;
  /** First place it occurs (files in sorted order, then position): 0-based, as JSON everywhere. */
  first: { file: string; line: number; character: number };
  /** `likely-typo`: a near miss of a known name (correct it to a suggestion); `unlisted`: a well-formed body the
   *  registry does not list (add it to the workspace agency list if it exists). */
  kind: 'likely-typo' | 'unlisted';
  suggestions: string[];
}

/** Unrecognised agency names (unknown-agency findings) across the results: likely typos first, then unlisted
 *  bodies, each most frequent first. */
export function unknownNames(results: readonly FileResult[]): UnknownName[] {
  const byName = new Map<string, UnknownName>();
  for (const r of results) {
    for (const d of r.diagnostics) {
      if (d.code !== 'unknown-agency') continue;
      const u = byName.get(d.excerpt);
      if (u) u.count++;
      else {
        const suggestions = Array.isArray(d.data.suggestions) ? (d.data.suggestions as string[]) : [];
        byName.set(d.excerpt, {
          name: d.excerpt,
          count: 1,
          first: { file: r.file, line: d.range.start.line, character: d.range.start.character },
          // The finding's severity before settings is not known here; a suggestion is what makes a near miss.
          kind: suggestions.length ? 'likely-typo' : 'unlisted',
          suggestions,
        });
      }
    }
  }
  const rank = (u: UnknownName) => (u.kind === 'likely-typo' ? 0 : 1);
  return [...byName.values()].sort(
    (a, b) => rank(a) - rank(b) || b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

export function formatUnknownText(list: readonly UnknownName[], c: Colors, lang: OutputLang = 'both'): string {
  if (list.length === 0) return say(lang, '未发现未收录的机构名称', 'no unrecognised agency names') + '\n';
  const width = Math.max(...list.map((u) => String(u.count).length), 2);
  const out: string[] = [];
  const typos = list.filter((u) => u.kind === 'likely-typo');
  const unlisted = list.filter((u) => u.kind === 'unlisted');
  const row = (u: UnknownName) =>
    `${String(u.count).padStart(width + 2)}  ${escapeControl(u.name)}` +
    (u.suggestions.length ? `  → ${u.suggestions.map(escapeControl).join(lang === 'en' ? ' / ' : '、')}` : '') +
    `  —  ${escapeControl(u.first.file)}:${u.first.line + 1}:${u.first.character + 1}`;
  if (typos.length) {
    out.push(
      c.bold(
        say(
          lang,
          '疑似错写，请按建议改正（次数  名称  → 建议  —  首次出现 行:列）',
          'Likely typos: correct them (count  name  → suggestion  —  first seen line:column)',
        ),
      ),
    );
    for (const u of typos) out.push(row(u));
  }
  if (unlisted.length) {
    if (typos.length) out.push('');
    out.push(
      c.bold(
        say(
          lang,
          '未收录：若确有此机构，可加入工作区机构清单（次数  名称  —  首次出现 行:列）',
          'Not in the registry: add them to the workspace agency list if the bodies exist (count  name  —  first seen line:column)',
        ),
      ),
    );
    for (const u of unlisted) out.push(row(u));
  }
  const total = list.reduce((s, u) => s + u.count, 0);
  out.push('');
  out.push(
    say(
      lang,
      `共 ${list.length} 个未收录名称（${typos.length} 个疑似错写），出现 ${total} 次`,
      `${list.length} unrecognised ${plural(list.length, 'name')} (${typos.length} likely ${plural(typos.length, 'typo')}), ${total} ${plural(total, 'occurrence')}`,
    ),
  );
  return out.join('\n') + '\n';
}
