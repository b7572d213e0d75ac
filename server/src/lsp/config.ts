// Settings (section actionPlan) through workspace/configuration, or from didChangeConfiguration / initializationOptions
// for clients without it; validation problems are shown once; in restricted mode (initializationOptions.trusted ===
// false) the custom agency file setting is ignored. The custom file itself is loaded by customAgencies.ts.
import { parseSettings } from '../core/settings';
import type { Settings } from '../core/types';
import { MessageType, type ClientCapabilities, type Connection } from 'vscode-languageserver/node';

export const SECTION = 'actionPlan';
// The custom agency file's size limit lives in customAgencyLimit.ts: the CLI needs it without the LSP library.
export { customAgenciesTooLarge, MAX_CUSTOM_AGENCIES_BYTES } from '../node/customAgencyLimit';

/** What the settings store needs, injected (the store imports neither the session nor the other lsp modules). */
export interface SettingsHost {
  readonly connection: Pick<Connection, 'workspace'>;
  /** The client's capabilities (from initialize). */
  capabilities(): ClientCapabilities;
  /** false in restricted mode: the custom agency file setting is dropped. */
  trusted(): boolean;
  /** Settings changed: every cached analysis is stale. */
  invalidateAll(): void;
  showMessage(type: MessageType, message: string): void;
  logError(where: string, e: unknown): void;
}

export class SettingsStore {
  private cache = new Map<string, Promise<Settings>>();
  /** Settings pushed by the client (didChangeConfiguration) or given in initializationOptions.settings. */
  private pushed: unknown;
  private shownProblems = new Set<string>();

  constructor(private readonly host: SettingsHost) {}

  initial(settings: unknown): void {
    if (settings && typeof settings === 'object') {
      const s = settings as Record<string, unknown>;
      this.pushed = SECTION in s ? s[SECTION] : s;
    }
  }

  private get pullSupported(): boolean {
    return !!this.host.capabilities().workspace?.configuration;
  }

  /** didChangeConfiguration: forget cached settings (and take pushed ones when the client sends them). */
  changed(settings: unknown): void {
    if (settings && typeof settings === 'object' && SECTION in (settings as object)) {
      this.pushed = (settings as Record<string, unknown>)[SECTION];
    }
    this.cache.clear();
    this.host.invalidateAll();
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
        const got = await this.host.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION });
        if (got !== null && got !== undefined) raw = got;
      } catch (e) {
        this.host.logError('workspace/configuration', e);
      }
    }
    // Lua clients (Neovim) encode an empty table as [], i.e. "no settings".
    if (Array.isArray(raw) && raw.length === 0) raw = undefined;
    const { settings, problems } = parseSettings(raw, SECTION);
    for (const p of problems) {
      if (this.shownProblems.has(p)) continue;
      this.shownProblems.add(p);
      this.host.showMessage(MessageType.Warning, p);
    }
    if (!this.host.trusted()) settings.customAgencies = undefined;
    return settings;
  }
}
