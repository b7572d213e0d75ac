// Command-line parsing of action-plan-lint. Hand-written (not util.parseArgs) so that every error message is
// Chinese first, English second, and so that the three commands share one option table.
//
//   action-plan-lint [options] PATH…            check files and folders
//   action-plan-lint report PATH… [options]     coverage of the 2021—2030 plan's measures per document
//   action-plan-lint show CITATION [options]    print one plan node
//   action-plan-lint review IN.docx [options]   write a reviewed copy (comments and tracked changes)
//
// A first positional `report`, `show` or `review` selects the command; to check a folder named like that, write ./report.
import { langOf, type Lang } from '../core/catalog/rules';
import { normaliseDate } from '../core/referenceDate';

export type Command = 'lint' | 'report' | 'show' | 'review' | 'help' | 'version';
type RealCommand = 'lint' | 'report' | 'show' | 'review';
export type Format = 'text' | 'json' | 'sarif' | 'markdown' | 'html';

export interface CliArgs {
  command: Command;
  format: Format;
  referenceDate?: string;
  config?: string;
  fix: boolean;
  listUnknown: boolean;
  quiet: boolean;
  /** `--lang zh|en|both`; undefined: from the system locale (cliLang). */
  lang?: Lang | 'both';
  /** PATHs (lint, report), the one CITATION (show) or the one IN.docx (review). */
  positionals: string[];
  /** review: -o/--output, --author. */
  output?: string;
  author?: string;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const FORMATS: Record<RealCommand, readonly Format[]> = {
  lint: ['text', 'json', 'sarif'],
  report: ['text', 'json', 'markdown', 'html'],
  show: ['text', 'json'],
  review: ['text', 'json'],
};

/** Options that take a value. */
const VALUE_OPTIONS = new Set(['--format', '--reference-date', '--config', '--output', '--author', '--lang']);
/** Short spellings. */
const SHORT: Record<string, string> = { '-o': '--output' };
/** Flags and the commands that accept them. */
const FLAGS: Record<string, ReadonlyArray<RealCommand>> = {
  '--fix': ['lint'],
  '--list-unknown': ['lint'],
  '--quiet': ['lint'],
};
/** Options taking a value, and the commands that accept them. */
const VALUE_OPTION_COMMANDS: Record<string, ReadonlyArray<RealCommand>> = {
  '--format': ['lint', 'report', 'show', 'review'],
  '--reference-date': ['lint', 'report', 'show', 'review'],
  '--config': ['lint', 'report', 'show', 'review'],
  '--output': ['review'],
  '--author': ['review'],
  '--lang': ['lint', 'report', 'show', 'review'],
};

export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = {
    command: 'lint',
    format: 'text',
    fix: false,
    listUnknown: false,
    quiet: false,
    positionals: [],
  };
  let format: string | undefined;
  let help = false;
  let version = false;
  const seen = new Map<string, string>();
  let onlyPositionals = false;
  let commandChosen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      if (
        !commandChosen &&
        out.positionals.length === 0 &&
        !onlyPositionals &&
        (arg === 'report' || arg === 'show' || arg === 'review')
      ) {
        out.command = arg;
        commandChosen = true;
        continue;
      }
      out.positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '-v' || arg === '--version') {
      version = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const given = eq > 0 ? arg.slice(0, eq) : arg;
    const name = SHORT[given] ?? given;
    if (VALUE_OPTIONS.has(name)) {
      let value: string | undefined;
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      if (value === undefined || value === '') {
        throw new UsageError(`选项 ${name} 需要一个值 / option ${name} needs a value`);
      }
      if (seen.has(name)) throw new UsageError(`选项 ${name} 只能给出一次 / option ${name} given twice`);
      seen.set(name, value);
      if (name === '--format') format = value;
      else if (name === '--lang') {
        if (value !== 'zh' && value !== 'en' && value !== 'both') {
          throw new UsageError(`--lang 的值“${value}”无效，应为 zh、en 或 both / --lang must be zh, en or both`);
        }
        out.lang = value;
      } else if (name === '--reference-date') {
        const d = normaliseDate(value);
        if (!d) {
          throw new UsageError(
            `--reference-date 的值“${value}”不是有效日期（格式 YYYY-MM-DD）/ --reference-date "${value}" is not a valid date (YYYY-MM-DD)`,
          );
        }
        out.referenceDate = d;
      } else if (name === '--output') out.output = value;
      else if (name === '--author') out.author = value;
      else out.config = value;
      continue;
    }
    if (name in FLAGS) {
      if (eq > 0) throw new UsageError(`选项 ${name} 不接受值 / option ${name} takes no value`);
      seen.set(name, '');
      if (name === '--fix') out.fix = true;
      else if (name === '--list-unknown') out.listUnknown = true;
      else out.quiet = true;
      continue;
    }
    throw new UsageError(`未知选项 ${arg} / unknown option ${arg}`);
  }
  if (help) return { ...out, command: 'help' };
  if (version) return { ...out, command: 'version' };

  const cmd = out.command as RealCommand;
  for (const name of seen.keys()) {
    const allowed = FLAGS[name] ?? VALUE_OPTION_COMMANDS[name];
    if (!allowed.includes(cmd)) {
      const where = cmd === 'lint' ? '检查' : cmd;
      throw new UsageError(`选项 ${name} 不适用于 ${where} 命令 / option ${name} does not apply to the ${cmd} command`);
    }
  }
  if (format !== undefined) {
    if (!(FORMATS[cmd] as readonly string[]).includes(format)) {
      throw new UsageError(
        `--format 的值“${format}”无效，应为 ${FORMATS[cmd].join('、')} 之一 / --format must be one of ${FORMATS[cmd].join(', ')}`,
      );
    }
    out.format = format as Format;
  }
  if (out.listUnknown && out.format === 'sarif') {
    throw new UsageError(
      '--list-unknown 只支持 text 和 json 格式 / --list-unknown supports the text and json formats only',
    );
  }
  if (out.fix && out.listUnknown) {
    throw new UsageError('--fix 与 --list-unknown 不能同时使用 / --fix and --list-unknown cannot be combined');
  }
  if (cmd === 'show') {
    if (out.positionals.length !== 1) {
      throw new UsageError(
        out.positionals.length === 0
          ? 'show 命令需要一个引用，例如 show "二（一）2（3）" / show needs one citation'
          : 'show 命令只接受一个引用（含空格时请加引号）/ show takes exactly one citation (quote it if it contains spaces)',
      );
    }
  } else if (cmd === 'review') {
    if (out.positionals.length !== 1) {
      throw new UsageError(
        out.positionals.length === 0
          ? 'review 命令需要一个 .docx 文件 / review needs one .docx file'
          : 'review 命令只接受一个 .docx 文件 / review takes exactly one .docx file',
      );
    }
  } else if (out.positionals.length === 0) {
    throw new UsageError('请给出要检查的文件或文件夹 / no files or folders given');
  }
  return out;
}

/**
 * The CLI's language when --lang is not given: the system locale (LC_ALL, LC_MESSAGES, LANG — the first set — else
 * Intl's), zh* → Chinese, anything else → English.
 */
export function cliLang(env: NodeJS.ProcessEnv, intlLocale?: string): Lang {
  const fromEnv = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => typeof v === 'string' && v !== '');
  // Intl's locale only when the environment says nothing: resolving it loads ICU data (~25 ms of a start-up).
  return langOf(fromEnv ?? intlLocale ?? Intl.DateTimeFormat().resolvedOptions().locale);
}

export function usage(): string {
  return `用法 / Usage:
  action-plan-lint [选项 options] PATH…
  action-plan-lint report PATH… [--format text|json|markdown|html] [--config FILE] [--reference-date YYYY-MM-DD]
  action-plan-lint show CITATION [--format text|json] [--config FILE] [--reference-date YYYY-MM-DD]
  action-plan-lint review IN.docx [-o OUT.docx] [--author 名称] [--lang zh|en|both] [--reference-date YYYY-MM-DD]
                                  [--config FILE] [--format text|json]

检查地方反拐实施方案（.md、.txt、.docx；文件夹递归检查，跳过 .git、node_modules 和以 . 开头的文件与文件夹）中
对两部国家行动计划的引用和机构名称。
Checks plan citations and agency names in local implementation plans (.md, .txt, .docx; folders recursively,
skipping .git, node_modules and hidden entries).

选项 / Options:
  --format text|json|sarif      输出格式（默认 text）/ output format (default text)
  --reference-date YYYY-MM-DD   判断机构名称与计划状态的参照日期（默认今天；文档中的 date: 优先）
                                reference date for agency names and plan status (default today; a document's own date: wins)
  --config FILE                 JSON 设置文件：referenceDate、defaultPlan、rules、customAgencies、locality、allow
                                （可包在 {"actionPlan": {…}} 中）/ JSON settings file (may be wrapped in "actionPlan")
  --fix                         自动应用无歧义的修复（仅 .md、.txt；.docx 不会被修改）
                                apply every unambiguous fix (.md and .txt only; .docx is never modified)
  --list-unknown                列出所有未收录的机构名称及次数 / list unrecognised agency names with counts
  --quiet                       只报告错误级问题 / report errors only
  --lang zh|en|both             消息语言（默认取系统语言环境 LC_ALL/LANG：zh* 为中文，否则英文；both 为中英双语）
                                language of messages (default: the system locale, zh* → Chinese, else English)

review（生成审阅稿 / reviewed copy）:
  -o, --output OUT.docx         审阅稿路径（默认“原文件名（审阅）.docx”，不会覆盖原文件）
                                where to write the reviewed copy (default "IN（审阅）.docx"; never the input)
  --author 名称                 批注和修订的作者（默认“反拐行动计划助手”）/ author of the comments and revisions
                                （--lang 也决定批注的语言 / --lang also sets the comments' language）

  -h, --help                    显示本帮助 / show this help
  -v, --version                 显示版本 / show the version

文本输出中的行号和列号从 1 开始（列按 UTF-16 码元计）；JSON 输出与 LSP 相同，从 0 开始。
Line and column in the text output are 1-based (columns in UTF-16 code units); JSON output is 0-based, as LSP.

退出状态 / Exit status: 0 无错误级问题 no error-severity finding · 1 至少一个 at least one · 2 用法或输入错误 usage or input error
`;
}
