// --config FILE: the editor's `actionPlan` settings as a JSON file.
//
// Accepted shapes: the settings object itself `{ "referenceDate": …, "rules": {…} }`, the same wrapped as
// `{ "actionPlan": {…} }`, or VS Code's flat form `{ "actionPlan.referenceDate": … }` (other keys ignored, so a
// .vscode/settings.json without comments works). `customAgencies` is resolved relative to the config file and read
// here. Unlike the editor (which falls back to defaults), the CLI treats every problem as an input error (exit 2):
// a CI run must not silently check with settings other than those written.
import { customAgenciesTooLarge, MAX_CUSTOM_AGENCIES_BYTES } from '../node/customAgencyLimit';
import { dirname, resolve } from 'node:path';
import { parseSettings } from '../core/settings';
import { jsonErrorPlace, readRegularFileSync } from '../node/regularFile';
import { DEFAULT_SETTINGS, type Settings } from '../core/types';

export interface LoadedConfig {
  settings: Settings;
  /** Contents of the customAgencies file (JSON), with its absolute path. */
  customAgencies?: { json: unknown; source: string };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const KNOWN_KEYS = new Set([
  'referenceDate',
  'defaultPlan',
  'rules',
  'customAgencies',
  'languages',
  'locality',
  'allow',
  'maxDocumentSize',
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readJson(path: string, what: string): unknown {
  const en = what === '设置文件' ? 'config file' : 'custom agency file';
  // Only regular files of a sane size, checked on the open file: a FIFO or /dev/zero would block or exhaust memory.
  const read = readRegularFileSync(path, MAX_CUSTOM_AGENCIES_BYTES);
  if ('error' in read) {
    switch (read.error) {
      case 'not-regular':
      case 'folder':
        throw new ConfigError(`${what} ${path} 不是普通文件 / ${path} is not a regular file`);
      case 'too-large':
        throw new ConfigError(
          what === '设置文件'
            ? `${what} ${path} 过大（${read.size} 字节，上限 ${MAX_CUSTOM_AGENCIES_BYTES} 字节）/ the config file ${path} is too large (${read.size} bytes, limit ${MAX_CUSTOM_AGENCIES_BYTES})`
            : customAgenciesTooLarge(path, read.size),
        );
      case 'fs': {
        const code = read.cause.code ?? String(read.cause);
        throw new ConfigError(`无法读取${what} ${path}（${code}）/ cannot read the ${en} ${path} (${code})`);
      }
    }
  }
  const raw = read.bytes.toString('utf8');
  const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    return JSON.parse(body);
  } catch (e) {
    // The parser's message quotes the file: say only where it failed.
    const where = jsonErrorPlace(e, body);
    throw new ConfigError(
      `${what} ${path} 不是有效的 JSON（${where.zh}）/ the ${en} ${path} is not valid JSON (${where.en})`,
    );
  }
}

/** Unwraps `{ actionPlan: {…} }` or `{ "actionPlan.x": … }`. */
export function settingsObject(json: unknown): unknown {
  if (!isRecord(json)) return json;
  if ('actionPlan' in json) return json.actionPlan;
  const flat = Object.keys(json).filter((k) => k.startsWith('actionPlan.'));
  if (flat.length) return Object.fromEntries(flat.map((k) => [k.slice('actionPlan.'.length), json[k]]));
  return json;
}

export function loadConfig(path: string | undefined, cwd = process.cwd()): LoadedConfig {
  if (!path)
    return { settings: { ...DEFAULT_SETTINGS, rules: {}, allow: [], languages: [...DEFAULT_SETTINGS.languages] } };
  const abs = resolve(cwd, path);
  const raw = settingsObject(readJson(abs, '设置文件'));
  if (!isRecord(raw)) {
    throw new ConfigError(`设置文件 ${abs} 应为 JSON 对象 / the config file ${abs} must hold a JSON object`);
  }
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) {
      problems.push(`未知设置项“${key}” / unknown setting "${key}" (known: ${[...KNOWN_KEYS].join(', ')})`);
    }
  }
  const parsed = parseSettings(raw);
  problems.push(...parsed.problems.map((p) => p.replace(/，已使用默认值|已忽略|; defaults? used| ignored/g, '')));
  if (problems.length) {
    throw new ConfigError(
      `设置文件 ${abs} 有误 / invalid config file ${abs}:\n` + problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
  const settings = parsed.settings;
  let customAgencies: LoadedConfig['customAgencies'];
  if (settings.customAgencies) {
    const source = resolve(dirname(abs), settings.customAgencies);
    settings.customAgencies = source;
    customAgencies = { json: readJson(source, '机构清单文件'), source };
  }
  return { settings, customAgencies };
}
