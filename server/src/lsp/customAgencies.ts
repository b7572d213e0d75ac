// The custom agency file (setting actionPlan.customAgencies, or the workspace agency list): loaded into the
// registry when it is new or changed, taken out again when the setting changes or the file goes; each distinct
// problem is shown once until the file loads cleanly. Never in restricted mode.
import { stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { MessageType } from 'vscode-languageserver/node';
import type { Engines } from '../core/analysis';
import type { Settings } from '../core/types';
import { customAgenciesTooLarge, MAX_CUSTOM_AGENCIES_BYTES } from '../node/customAgencyLimit';
import { jsonErrorPlace, readRegularFile } from '../node/regularFile';

/** What the loader needs, injected (it imports neither the session nor the settings store). */
export interface CustomAgencyHost {
  /** false in restricted mode (initializationOptions.trusted === false): no custom file is read. */
  trusted(): boolean;
  workspaceFolders(): readonly string[];
  engines(): Pick<Engines, 'agencies'>;
  /** The registry changed: every cached analysis is stale. */
  invalidateAll(): void;
  showMessage(type: MessageType, message: string): void;
  /** A line in the client's log (output channel). */
  logToConsole(message: string): void;
  logError(where: string, e: unknown): void;
}

export class CustomAgencyLoader {
  /** path → mtime+size of the custom agency file already added to the registry. */
  private loadedCustom = new Map<string, string>();
  /** The error last shown for each custom agency file, so one error is shown once until the file loads again. */
  private customFailed = new Map<string, string>();
  /** The custom agency file whose names are in the registry now. */
  private activeCustom: string | undefined;

  constructor(private readonly host: CustomAgencyHost) {}

  /** Absolute path of the custom agency file of the settings (relative paths: to the first workspace folder). */
  pathOf(settings: Settings): string | undefined {
    if (!settings.customAgencies || !this.host.trusted()) return undefined;
    let p = settings.customAgencies.replace(/^\$\{workspaceFolder\}[\\/]?/, '');
    if (!isAbsolute(p)) {
      const root = this.host.workspaceFolders()[0];
      if (!root) return undefined;
      p = join(root, p);
    }
    return p;
  }

  /** Loads of the custom agency file run one after another (see ensure). */
  private customQueue: Promise<void> = Promise.resolve();

  /**
   * Makes the registry hold the custom agency file the settings name (and only that one). Calls are serialised: an
   * analysis that starts while the file is being loaded waits for the load instead of running without the custom
   * names (a race seen right after a workspace is trusted).
   */
  ensure(settings: Settings): Promise<void> {
    const run = this.customQueue.then(() => this.loadCustomAgencies(settings));
    this.customQueue = run.catch(() => undefined);
    return run;
  }

  private async loadCustomAgencies(settings: Settings): Promise<void> {
    const path = this.pathOf(settings);
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
      problems = this.host.engines().agencies.addCustom(json, path);
    } catch (e) {
      problems = [(e as Error).message];
    }
    this.host.invalidateAll();
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
      this.host.engines().agencies.addCustom({ agencies: [] }, path);
    } catch (e) {
      this.host.logError('unloading custom agencies', e);
    }
    this.loadedCustom.delete(path);
    if (this.activeCustom === path) this.activeCustom = undefined;
    this.host.invalidateAll();
  }

  private fail(path: string, message: string): void {
    if (this.customFailed.get(path) === message) return;
    this.customFailed.set(path, message);
    this.host.showMessage(MessageType.Error, message);
    this.host.logToConsole(message);
  }

  /** The file named by the settings for "add to the workspace agency list", and whether it was configured. */
  listFileFor(settings: Settings): { path: string; configured: boolean } | undefined {
    const configured = this.pathOf(settings);
    if (configured) return { path: configured, configured: true };
    const root = this.host.workspaceFolders()[0];
    if (!root) return undefined;
    return { path: join(root, '.vscode', 'action-plan-agencies.json'), configured: false };
  }
}
