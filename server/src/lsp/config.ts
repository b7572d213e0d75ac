// Settings (section actionPlan) through workspace/configuration, or from didChangeConfiguration / initializationOptions
// for clients without it; validation problems are shown once; the custom agency file is loaded into the registry
// (not in restricted mode: initializationOptions.trusted === false).
import { stat } from 'node:fs/promises';
import { jsonErrorPlace, readRegularFile } from '../node/regularFile';
import { isAbsolute, join } from 'node:path';
import { parseSettings } from '../core/settings';
import { customAgenciesTooLarge, MAX_CUSTOM_AGENCIES_BYTES } from '../node/customAgencyLimit';
import type { Settings } from '../core/types';
import { MessageType, type ClientCapabilities, type Connection } from 'vscode-languageserver/node';
import type { Engines } from '../core/analysis';

export const SECTION = 'actionPlan';
// The custom agency file's size limit lives in customAgencyLimit.ts: the CLI needs it without the LSP library.
export { customAgenciesTooLarge, MAX_CUSTOM_AGENCIES_BYTES } from '../node/customAgencyLimit';

/** What the settings store needs from the session, injected (the store does not import the session: no cycle). */
export interface SettingsHost {
  readonly connection: Pick<Connection, 'workspace' | 'console'>;
  readonly capabilities: ClientCapabilities;
  readonly init: { readonly trusted: boolean };
  readonly workspaceFolders: readonly string[];
  engines(): Pick<Engines, 'agencies'>;
  /** Settings or the registry changed: every cached analysis is stale. */
  invalidateAll(): void;
  showMessage(type: MessageType, message: string): void;
  logError(where: string, e: unknown): void;
}

export class SettingsStore {
  private cache = new Map<string, Promise<Settings>>();
  /** Settings pushed by the client (didChangeConfiguration) or given in initializationOptions.settings. */
  private pushed: unknown;
  private shownProblems = new Set<string>();
  /** path → mtime+size of the custom agency file already added to the registry. */
  private loadedCustom = new Map<string, string>();
  /** The error last shown for each custom agency file, so one error is shown once until the file loads again. */
  private customFailed = new Map<string, string>();
  /** The custom agency file whose names are in the registry now. */
  private activeCustom: string | undefined;

  constructor(private readonly session: SettingsHost) {}

  initial(settings: unknown): void {
    if (settings && typeof settings === 'object') {
      const s = settings as Record<string, unknown>;
      this.pushed = SECTION in s ? s[SECTION] : s;
    }
  }

  private get pullSupported(): boolean {
    return !!this.session.capabilities.workspace?.configuration;
  }

  /** didChangeConfiguration: forget cached settings (and take pushed ones when the client sends them). */
  changed(settings: unknown): void {
    if (settings && typeof settings === 'object' && SECTION in (settings as object)) {
      this.pushed = (settings as Record<string, unknown>)[SECTION];
    }
    this.cache.clear();
    this.session.invalidateAll();
  }

  forUri(uri: string): Promise<Settings> {
    let p = this.cache.get(uri);
    if (!p) {
      p = this.fetch(uri);
      this.cache.set(uri, p);
    }
    return p;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async fetch(uri: string): Promise<Settings> {
    let raw: unknown = this.pushed;
    if (this.pullSupported) {
      try {
        const got = await this.session.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION });
        if (got !== null && got !== undefined) raw = got;
      } catch (e) {
        this.session.logError('workspace/configuration', e);
      }
    }
    // Lua clients (Neovim) encode an empty table as [], i.e. "no settings".
    if (Array.isArray(raw) && raw.length === 0) raw = undefined;
    const { settings, problems } = parseSettings(raw, SECTION);
    for (const p of problems) {
      if (this.shownProblems.has(p)) continue;
      this.shownProblems.add(p);
      this.session.showMessage(MessageType.Warning, p);
    }
    if (!this.session.init.trusted) settings.customAgencies = undefined;
    return settings;
  }

  /** Absolute path of the custom agency file of the settings (relative paths: to the first workspace folder). */
  customAgenciesPath(settings: Settings): string | undefined {
    if (!settings.customAgencies || !this.session.init.trusted) return undefined;
    let p = settings.customAgencies.replace(/^\$\{workspaceFolder\}[\\/]?/, '');
    if (!isAbsolute(p)) {
      const root = this.session.workspaceFolders[0];
      if (!root) return undefined;
      p = join(root, p);
    }
    return p;
  }

  /** Add the custom agency file to the registry when it is new or changed; report problems once, clearly. */
  /** Loads of the custom agency file run one after another (see ensureCustomAgencies). */
  private customQueue: Promise<void> = Promise.resolve();

  /**
   * Makes the registry hold the custom agency file the settings name (and only that one). Calls are serialised: an
   * analysis that starts while the file is being loaded waits for the load instead of running without the custom
   * names (a race seen right after a workspace is trusted).
   */
  ensureCustomAgencies(settings: Settings): Promise<void> {
    const run = this.customQueue.then(() => this.loadCustomAgencies(settings));
    this.customQueue = run.catch(() => undefined);
    return run;
  }

  private async loadCustomAgencies(settings: Settings): Promise<void> {
    const path = this.customAgenciesPath(settings);
    if (this.activeCustom && this.activeCustom !== path) this.unload(this.activeCustom);
    if (!path) return;
    let stamp: string;
    let size: number;
    try {
      const st = await stat(path);
      stamp = `${st.mtimeMs}:${st.size}`;
      size = st.size;
      if (!st.isFile()) throw new Error('not a file');
    } catch {
      if (this.activeCustom === path) this.unload(path);
      this.fail(
        path,
        `找不到自定义机构文件 ${path}（设置 actionPlan.customAgencies）/ custom agency file not found: ${path}`,
      );
      return;
    }
    if (this.loadedCustom.get(path) === stamp) return;
    this.loadedCustom.set(path, stamp);
    this.activeCustom = path;
    if (size > MAX_CUSTOM_AGENCIES_BYTES) {
      this.fail(path, customAgenciesTooLarge(path, size));
      return;
    }
    let json: unknown;
    const read = await readRegularFile(path, MAX_CUSTOM_AGENCIES_BYTES);
    const text = 'bytes' in read ? read.bytes.toString('utf8') : '';
    try {
      if (!('bytes' in read)) throw new Error(read.error === 'fs' ? (read.cause.code ?? 'unreadable') : read.error);
      json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (e) {
      // Never the parser's message: it quotes the file's contents.
      const where =
        'bytes' in read
          ? jsonErrorPlace(e, text)
          : { zh: `无法读取：${(e as Error).message}`, en: `cannot be read: ${(e as Error).message}` };
      this.fail(
        path,
        `自定义机构文件 ${path} 不是有效的 JSON（${where.zh}）；内置机构库照常使用 / ` +
          `custom agency file ${path} is not valid JSON (${where.en}); the built-in registry keeps working`,
      );
      return;
    }
    let problems: string[];
    try {
      problems = this.session.engines().agencies.addCustom(json, path);
    } catch (e) {
      problems = [(e as Error).message];
    }
    this.session.invalidateAll();
    if (problems.length) {
      this.fail(
        path,
        `自定义机构文件 ${path} 有问题（其余条目照常使用）/ problems in custom agency file ${path}:\n` +
          problems.join('\n'),
      );
    } else this.customFailed.delete(path);
  }

  /** Take the names of a custom file out of the registry again (the setting changed or the file is gone). */
  private unload(path: string): void {
    try {
      this.session.engines().agencies.addCustom({ agencies: [] }, path);
    } catch (e) {
      this.session.logError('unloading custom agencies', e);
    }
    this.loadedCustom.delete(path);
    if (this.activeCustom === path) this.activeCustom = undefined;
    this.session.invalidateAll();
  }

  private fail(path: string, message: string): void {
    if (this.customFailed.get(path) === message) return;
    this.customFailed.set(path, message);
    this.session.showMessage(MessageType.Error, message);
    this.session.connection.console.error(message);
  }

  /** The file named by the settings for "add to the workspace agency list", and whether it was configured. */
  customFileFor(settings: Settings): { path: string; configured: boolean } | undefined {
    const configured = this.customAgenciesPath(settings);
    if (configured) return { path: configured, configured: true };
    const root = this.session.workspaceFolders[0];
    if (!root) return undefined;
    return { path: join(root, '.vscode', 'action-plan-agencies.json'), configured: false };
  }
}
