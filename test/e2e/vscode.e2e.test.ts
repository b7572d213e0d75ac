// End-to-end test in a REAL VS Code: code-server (VS Code for the browser, installed by scripts/e2e-setup.sh) with
// the product's VSIX installed, driven through Debian Chromium by playwright-core. Run by scripts/e2e-run.sh, not by
// `npm test`. Every step saves a screenshot in test-results/e2e/.
//
// The oracle for what the editor must show is the product's own CLI (`dist/cli.js --format json`, the same core as
// the language server) and the plan index (data/index/plans.json): the test checks that VS Code shows exactly that.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { todayIso } from '../../server/src/core/analysis';
import { loadEngines } from '../../server/src/node/data';
import { clauseText, translateClause } from '../../server/src/core/review/responsibility';
import * as h from './harness';

// Browser global, used only inside page.evaluate callbacks.
declare const window: any;

const FIXTURE_DIR = join(h.ROOT, 'test/e2e/fixtures/workspace');
const FIXTURE_NAME = '长治市实施方案.md';
const VSIX = process.env.E2E_VSIX ?? join(h.ROOT, 'action-plan-assistant.vsix');
const LOCALE_VSIX = process.env.E2E_LOCALE_VSIX ?? join(h.E2E, 'e2e-display-language-zh-cn.vsix');
const LOCALE_PACK_ID = 'action-plan-e2e.e2e-display-language-zh-cn';
const RUN_DIR = join(h.E2E, 'run');
const STEP_TIMEOUT = 120_000;

interface LintDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  data?: Record<string, unknown>;
}

/** User settings of both code-server runs: a quiet workbench. */
const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
  'editor.fontSize': 15,
  'window.zoomLevel': 0,
};

let cs: h.CodeServer | undefined;
let context: BrowserContext | undefined;
let page: Page;
let workspace: string;
let shot = 0;
let expected: LintDiagnostic[] = [];
let fixtureLines: string[] = [];

async function screenshot(name: string, p: Page = page): Promise<void> {
  mkdirSync(h.RESULTS, { recursive: true });
  shot++;
  await p.screenshot({ path: join(h.RESULTS, `${String(shot).padStart(2, '0')}-${name}.png`) }).catch(() => undefined);
}

/** Lint the fixture with the product's CLI: what the editor must show. */
function lintFixture(file: string): LintDiagnostic[] {
  const cli = join(h.ROOT, 'dist/cli.js');
  assert.ok(existsSync(cli), `${cli} missing: run node scripts/build.mjs bundle`);
  // The UI below is Chinese (locale zh-cn): the CLI's messages in Chinese too.
  const r = spawnSync(process.execPath, [cli, '--format', 'json', '--lang', 'zh', file], {
    encoding: 'utf8',
    cwd: h.ROOT,
  });
  assert.ok(r.status === 0 || r.status === 1, `action-plan-lint exited ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: LintDiagnostic[] }>;
  assert.equal(out.length, 1);
  return out[0].diagnostics;
}

function textAt(d: LintDiagnostic): string {
  assert.equal(d.range.start.line, d.range.end.line);
  return fixtureLines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

function planNode(plan: string, path: string): { heading: string; citation: string; startLine: number } {
  const index = JSON.parse(readFileSync(join(h.ROOT, 'data/index/plans.json'), 'utf8')) as {
    plans: Array<{
      meta: { id: string };
      nodes: Array<{ path: string; heading: string; citation: string; startLine: number }>;
    }>;
  };
  const node = index.plans.find((p) => p.meta.id === plan)?.nodes.find((n) => n.path === path);
  assert.ok(node, `${plan} ${path} not in the index`);
  return node;
}

async function openFixture(): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: FIXTURE_NAME }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .view-lines').first().waitFor({ timeout: 30_000 });
}

/** Clicks into the editor at the end of the (rendered) line containing `text`. */
async function clickEndOfLineWith(text: string): Promise<void> {
  const c = await h.wordCenter(page, text);
  assert.ok(c, `"${text}" not visible in the editor`);
  await page.mouse.click(c.x, c.y);
  await page.keyboard.press('End');
}

/** The pid of the language server process started for our extension (a child of the code-server we started). */
function serverPid(): number | undefined {
  const marker = join(RUN_DIR, 'extensions');
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a.startsWith(marker) && a.endsWith('dist/server.js'))) return Number(entry);
    } catch {
      // exited meanwhile
    }
  }
  return undefined;
}

/** The log of the output channel 反拐行动计划助手 (a LogOutputChannel writes it under the user data dir). */
function outputLog(): string {
  const logs = join(h.userDataDir(RUN_DIR), 'logs');
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === '反拐行动计划助手.log') found.push(p);
    }
  };
  if (existsSync(logs)) walk(logs);
  return found.map((f) => readFileSync(f, 'utf8')).join('\n');
}

describe('反拐行动计划助手 in real VS Code (code-server + Chromium)', { timeout: 15 * 60_000 }, () => {
  before(async () => {
    const missing = h.checkInstalled();
    assert.deepEqual(missing, [], `run scripts/e2e-setup.sh first; missing: ${missing.join(', ')}`);
    assert.ok(existsSync(VSIX), `${VSIX} missing: run npm run package`);
    assert.ok(existsSync(LOCALE_VSIX), `${LOCALE_VSIX} missing (scripts/e2e-run.sh packages it)`);
    rmSync(RUN_DIR, { recursive: true, force: true });
    rmSync(h.RESULTS, { recursive: true, force: true });
    mkdirSync(RUN_DIR, { recursive: true });
    workspace = h.prepareWorkspace(FIXTURE_DIR, RUN_DIR);
    fixtureLines = readFileSync(join(workspace, FIXTURE_NAME), 'utf8').split(/\r?\n/);
    expected = lintFixture(join(workspace, FIXTURE_NAME));

    const extDir = join(RUN_DIR, 'extensions');
    h.installExtension(RUN_DIR, extDir, LOCALE_VSIX);
    h.registerLanguagePack(RUN_DIR, extDir, LOCALE_PACK_ID, '1.0.0', 'zh-cn', '中文(简体)');
    h.installExtension(RUN_DIR, extDir, VSIX);
    cs = await h.startCodeServer({
      runDir: RUN_DIR,
      workspace,
      extDir,
      locale: 'zh-cn',
      userSettings: {
        ...BASE_SETTINGS,
        'security.workspace.trust.enabled': false,
      },
    });
    ({ context, page } = await h.launchBrowser(join(RUN_DIR, 'chromium-profile')));
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await openFixture();
    await screenshot('opened');
  });

  after(async () => {
    if (page) await screenshot('final');
    await context?.close().catch(() => undefined);
    await cs?.stop();
  });

  it('hover on an outdated agency shows its successor', { timeout: STEP_TIMEOUT }, async () => {
    const d = expected.find((x) => x.code === 'outdated-agency' && textAt(x) === '卫生部');
    assert.ok(d, `the CLI reports no outdated-agency for 卫生部: ${JSON.stringify(expected)}`);
    const replacement = (d.data?.replacement as string[] | undefined)?.[0];
    assert.ok(replacement, 'outdated-agency data.replacement');
    // The language server's own hover (a Markdown part), not only the diagnostic VS Code shows for the squiggle.
    const text = await h.hoverUntil(page, '卫生部', (t) => t.includes(replacement), {
      timeoutMs: 60_000,
      markdownOnly: true,
    });
    await screenshot('hover-outdated-agency');
    assert.ok(text.includes(replacement), `hover on 卫生部 should name ${replacement}; got:\n${text}`);
  });

  it('hover on a citation shows the measure text', { timeout: STEP_TIMEOUT }, async () => {
    const node = planNode('2021-2030', '二（一）2（1）');
    const probe = node.heading.slice(0, 12);
    const text = await h.hoverUntil(page, '二（一）2（1）', (t) => t.includes(probe), {
      timeoutMs: 45_000,
      markdownOnly: true,
    });
    await screenshot('hover-citation');
    assert.ok(text.includes(probe), `hover on the citation should show 「${probe}…」; got:\n${text}`);
    assert.ok(text.includes('二（一）2（1）'), `hover should name the citation; got:\n${text}`);
  });

  it(
    "hover on a citation shows the lead and cooperating units translated to the document's place",
    { timeout: STEP_TIMEOUT },
    async () => {
      // The oracle: the core's translation for 长治市 (the place in the fixture's title) on the CLI's reference date.
      const engines = loadEngines();
      const today = todayIso(new Date());
      const tr = translateClause(engines.agencies, engines.plans.get('2021-2030', '二（一）2（1）')!, '长治市', today);
      const want = `本市对应： ${clauseText(tr.lead, tr.cooperating)}`; // one language: the UI is Chinese
      assert.ok(tr.lead.includes('长治市委政法委') && tr.lead.includes('长治市公安局'), JSON.stringify(tr));
      const text = await h.hoverUntil(page, '二（一）2（1）', (t) => t.replace(/\s+/g, ' ').includes(want), {
        timeoutMs: 45_000,
        markdownOnly: true,
      });
      // The hover scrolls: bring its local-counterparts line into view for the screenshot (the mouse moves into the hover,
      // which keeps it open).
      const box = await page
        .locator('.monaco-hover:not(.hidden)')
        .first()
        .boundingBox()
        .catch(() => null);
      if (box) {
        await page.mouse.move(box.x + box.width / 2, box.y + 10, { steps: 3 });
        await page.mouse.wheel(0, 600);
        await h.sleep(300);
      }
      await screenshot('hover-citation-local-counterparts');
      assert.ok(text.replace(/\s+/g, ' ').includes(want), `hover should show 「${want}」; got:\n${text}`);
    },
  );

  it("the hover's link opens the plan text at the measure", { timeout: STEP_TIMEOUT }, async () => {
    const node = planNode('2021-2030', '二（一）2（1）');
    const link = page.locator('.monaco-hover .markdown-hover a', { hasText: '在计划原文中打开' }).first();
    const shown = await h.until(
      async () => {
        await h.hoverUntil(page, '二（一）2（1）', (t) => t.includes('在计划原文中打开'), {
          timeoutMs: 10_000,
          markdownOnly: true,
        });
        return (await h.visible(link, 2_000)) || undefined;
      },
      40_000,
      500,
    );
    assert.ok(shown, 'the citation hover has a link 在计划原文中打开');
    await link.click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: '2021-2030.txt' }).first();
    assert.ok(await h.visible(tab, 20_000), 'the link opens action-plan:/2021-2030.txt');
    const cursor = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    const at = await h.until(
      async () => ((await cursor.innerText().catch(() => '')).includes(`Ln ${node.startLine + 1},`) ? true : undefined),
      15_000,
    );
    await screenshot('hover-link-opened');
    assert.ok(
      at,
      `the plan text opens at line ${node.startLine + 1}; status: ${await cursor.innerText().catch(() => '')}`,
    );
    // Back to the fixture for the next steps.
    await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().click({ timeout: 10_000 });
  });

  it('the status bar shows the reference date and the finding counts', { timeout: STEP_TIMEOUT }, async () => {
    const count = (sev: string) => expected.filter((d) => d.severity === sev).length;
    const want = [count('error'), count('warning'), count('information') + count('hint')];
    const date = /\d{4}-\d{2}-\d{2}/;
    const item = page.locator('.statusbar-item', { hasText: date }).first();
    const text = await h.until(async () => {
      if (!(await h.visible(item, 1000))) return undefined;
      const t = (await item.innerText()).replace(/\s+/g, ' ').trim();
      const nums = t.replace(date, '').match(/\d+/g)?.map(Number) ?? [];
      return nums.join() === want.join() ? t : undefined;
    }, 30_000);
    await page.keyboard.press('Escape');
    const box = await item.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await h.visible(page.locator('.monaco-hover', { hasText: '参照日期' }).first(), 5_000);
    }
    await screenshot('status-bar');
    await page.mouse.move(5, 5);
    const seen = (await item.innerText().catch(() => '')).replace(/\s+/g, ' ');
    assert.ok(text, `status bar should show a date and ${want.join('/')} (errors/warnings/info); got 「${seen}」`);
  });

  it('the Problems panel lists the findings of the fixture', { timeout: STEP_TIMEOUT }, async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout: 20_000 });
    // The list is virtualised: maximise the panel so that every finding's row is rendered.
    await h.runCommand(page, 'View: Toggle Maximized Panel');
    try {
      const messages = expected.map((d) => d.message);
      const rows = await h.until(async () => {
        const texts = await panel.locator('.monaco-list-row').allInnerTexts();
        return messages.every((m) => texts.some((t) => t.includes(m))) ? texts : undefined;
      }, 45_000);
      await screenshot('problems-panel');
      const texts = rows ?? (await panel.locator('.monaco-list-row').allInnerTexts());
      for (const m of messages)
        assert.ok(
          texts.some((t) => t.includes(m)),
          `Problems panel lacks 「${m}」; rows:\n${texts.join('\n')}`,
        );
      // One row for the file plus one per finding (all findings of the CLI, no others).
      const findingRows = texts.filter((t) => !t.includes(FIXTURE_NAME) || messages.some((m) => t.includes(m)));
      assert.equal(findingRows.length, messages.length, `rows:\n${texts.join('\n')}`);
    } finally {
      await h.runCommand(page, 'View: Toggle Maximized Panel');
      await page.keyboard.press('Control+Shift+M'); // hide again
    }
  });

  it(
    'records the time from activation to the first diagnostics, with the machine load',
    { timeout: STEP_TIMEOUT },
    async () => {
      const line = await h.until(
        async () => /first diagnostics (\d+) ms after activation/.exec(outputLog()) ?? undefined,
        60_000,
      );
      assert.ok(line, `the output channel logs the first diagnostics; log:\n${outputLog()}`);
      const load = readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
      mkdirSync(h.RESULTS, { recursive: true });
      writeFileSync(
        join(h.RESULTS, 'activation.txt'),
        `activation → first diagnostics: ${line[1]} ms; load average ${load}\n`,
      );
      console.log(`# activation → first diagnostics: ${line[1]} ms (load average ${load})`);
    },
  );

  it('a quick fix replaces an outdated name in the editor', { timeout: STEP_TIMEOUT }, async () => {
    const d = expected.find((x) => x.code === 'outdated-agency' && textAt(x) === '卫生部')!;
    const replacement = (d.data!.replacement as string[])[0];
    const c = await h.wordCenter(page, '卫生部');
    assert.ok(c);
    await page.mouse.click(c.x, c.y);
    const menu = page.locator('.action-widget, .context-view .monaco-list');
    const item = menu.locator('.monaco-list-row', { hasText: replacement }).first();
    const shown = await h.until(
      async () => {
        await page.keyboard.press('Control+.');
        return (await h.visible(item, 3000)) || undefined;
      },
      40_000,
      500,
    );
    await screenshot('quick-fix-menu');
    assert.ok(shown, 'the quick fix menu offers the replacement');
    await item.click();
    const line = await h.until(async () => {
      const text = await h.editorText(page);
      return text
        .split('\n')
        .find((l) => l.includes('出生医学证明管理的规定') && l.includes(replacement) && !l.includes('落实卫生部'));
    }, 15_000);
    await screenshot('quick-fix-applied');
    assert.ok(line, `the line should now read 落实${replacement}关于…; editor:\n${await h.editorText(page)}`);
  });

  it(
    '修复本文件全部过时名称 applies every unambiguous fix, exactly as action-plan-lint --fix',
    { timeout: STEP_TIMEOUT },
    async () => {
      // The oracle: the CLI's --fix on a pristine copy of the fixture.
      const fixDir = join(RUN_DIR, 'cli-fix');
      rmSync(fixDir, { recursive: true, force: true });
      mkdirSync(fixDir, { recursive: true });
      cpSync(join(FIXTURE_DIR, FIXTURE_NAME), join(fixDir, FIXTURE_NAME));
      const r = spawnSync(process.execPath, [join(h.ROOT, 'dist/cli.js'), '--fix', join(fixDir, FIXTURE_NAME)], {
        encoding: 'utf8',
      });
      assert.ok(r.status === 0 || r.status === 1, `action-plan-lint --fix exited ${r.status}: ${r.stderr}`);
      const want = readFileSync(join(fixDir, FIXTURE_NAME), 'utf8');
      assert.notEqual(want, readFileSync(join(FIXTURE_DIR, FIXTURE_NAME), 'utf8'), 'the fixture has fixable findings');

      await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().click();
      await h.runCommand(page, '反拐行动计划: 修复本文件全部过时名称');
      const file = join(workspace, FIXTURE_NAME);
      const saved = await h.until(
        async () => {
          await page.keyboard.press('Control+S');
          await h.sleep(300);
          const now = readFileSync(file, 'utf8');
          return now === want ? now : undefined;
        },
        20_000,
        500,
      );
      await screenshot('fix-all');
      assert.equal(saved ?? readFileSync(file, 'utf8'), want);
    },
  );

  it('a citation-mismatch quick fix cites the provision the sentence is about', { timeout: STEP_TIMEOUT }, async () => {
    const d = expected.find((x) => x.code === 'citation-mismatch');
    assert.ok(d, `the CLI reports a citation-mismatch on the fixture: ${JSON.stringify(expected.map((x) => x.code))}`);
    assert.equal(d.severity, 'information');
    const best = (d.data!.candidates as Array<{ citation: string }>)[0].citation;
    const path = best.slice(best.indexOf('》') + 1);
    assert.equal(path, '二（一）2（3）第1项');
    await page.keyboard.press('Escape');
    const c = await h.wordCenter(page, '二（一）2（2）');
    assert.ok(c, 'the mismatched citation is visible');
    await page.mouse.click(c.x, c.y);
    const menu = page.locator('.action-widget, .context-view .monaco-list');
    const item = menu.locator('.monaco-list-row', { hasText: `改为引用${best}` }).first();
    const shown = await h.until(
      async () => {
        await page.keyboard.press('Control+.');
        return (await h.visible(item, 3000)) || undefined;
      },
      40_000,
      500,
    );
    await screenshot('citation-mismatch-quick-fix-menu');
    assert.ok(shown, `the quick fix menu offers 改为引用${best}`);
    await item.click();
    const line = await h.until(
      async () =>
        (await h.editorText(page))
          .split('\n')
          .find((l) => l.includes(`《行动计划（2021—2030年）》${path}的要求，规范婚姻登记管理`)),
      15_000,
    );
    await screenshot('citation-mismatch-quick-fix-applied');
    assert.ok(line, `the citation now reads 《行动计划（2021—2030年）》${path}; editor:\n${await h.editorText(page)}`);
  });

  it('completion offers 公安部 after typing gab in a responsibility clause', { timeout: STEP_TIMEOUT }, async () => {
    await clickEndOfLineWith('市委网信办负责');
    await page.keyboard.type('gab', { delay: 60 });
    const row = page.locator('.suggest-widget .monaco-list-row', { hasText: '公安部' }).first();
    const shown = await h.until(
      async () => {
        if (await h.visible(row, 1500)) return true;
        await page.keyboard.press('Control+Space');
        return (await h.visible(row, 3000)) || undefined;
      },
      40_000,
      300,
    );
    await screenshot('completion-gab');
    assert.ok(shown, 'the suggest widget lists 公安部');
    await row.click();
    const line = await h.until(
      async () => (await h.editorText(page)).split('\n').find((l) => l.includes('市委网信办负责，公安部')),
      10_000,
    );
    await screenshot('completion-accepted');
    assert.ok(line, `accepting the completion writes 公安部 in the clause; editor:\n${await h.editorText(page)}`);
  });

  it('插入行动计划引用 inserts a citation at the cursor', { timeout: STEP_TIMEOUT }, async () => {
    const node = planNode('2021-2030', '三（二）');
    await clickEndOfLineWith('本节引用：');
    await h.runCommand(page, '反拐行动计划: 插入行动计划引用');
    // Our quick pick (with its title), not the closing command palette.
    await page
      .locator('.quick-input-widget .quick-input-title', { hasText: '插入行动计划引用' })
      .waitFor({ state: 'visible', timeout: 15_000 });
    const input = page.locator('.quick-input-widget input');
    await input.pressSequentially('wanshan jingfei', { delay: 40 });
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: node.citation }).first();
    const shown = await h.visible(row, 20_000);
    await screenshot('insert-citation-pick');
    assert.ok(shown, `the quick pick offers ${node.citation} for the pinyin query`);
    await row.click();
    const line = await h.until(
      async () => (await h.editorText(page)).split('\n').find((l) => l.includes(`本节引用：${node.citation}`)),
      10_000,
    );
    await screenshot('insert-citation-done');
    assert.ok(line, `the citation is inserted after 本节引用：; editor:\n${await h.editorText(page)}`);
  });

  it('F12 on a citation opens the plan text at the measure', { timeout: STEP_TIMEOUT }, async () => {
    const node = planNode('2021-2030', '二（一）2（1）');
    await page.keyboard.press('Escape');
    await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().click({ timeout: 10_000 });
    const c = await h.wordCenter(page, '二（一）2（1）');
    assert.ok(c);
    await page.mouse.click(c.x, c.y);
    await page.keyboard.press('F12');
    const tab = page.locator('.tabs-container .tab.active', { hasText: '2021-2030.txt' }).first();
    assert.ok(await h.visible(tab, 20_000), 'F12 opens action-plan:/2021-2030.txt');
    const cursor = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    const line = await h.until(async () => {
      const t = await cursor.innerText().catch(() => '');
      return t.includes(`Ln ${node.startLine + 1},`) ? t : undefined;
    }, 15_000);
    await screenshot('definition');
    assert.ok(
      line,
      `the cursor is on line ${node.startLine + 1} (${node.heading.slice(0, 10)}…); status: ${await cursor.innerText().catch(() => '')}`,
    );
  });

  it(
    'the tree view 行动计划 shows both plans and opens the plan text at a node',
    { timeout: STEP_TIMEOUT },
    async () => {
      // Give the view room: collapse the folder pane of the Explorer (the view lists are virtualised).
      const folders = page.locator('.pane-header', { hasText: 'workspace' }).first();
      if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
      const header = page.locator('.pane-header', { hasText: '行动计划' }).first();
      await header.waitFor({ state: 'visible', timeout: 20_000 });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: '行动计划' }) }).first();
      const plan2021 = view.locator('.monaco-list-row', { hasText: '中国反对拐卖人口行动计划（2021—2030年）' }).first();
      const plan2013 = view.locator('.monaco-list-row', { hasText: '中国反对拐卖人口行动计划（2013—2020年）' }).first();
      assert.ok(await h.visible(plan2021, 30_000), 'the 2021—2030 plan is in the tree');
      assert.ok(await h.visible(plan2013, 5_000), 'the 2013—2020 plan is in the tree');
      await plan2021.click(); // plans have no command: a click expands them
      const part = view.locator('.monaco-list-row', { hasText: planNode('2021-2030', '二').heading }).first();
      assert.ok(await h.visible(part, 10_000), 'part 二 under the 2021—2030 plan');
      // Nodes open the plan text on click; their twistie expands them.
      await part.locator('.monaco-tl-twistie').click();
      const section = view.locator('.monaco-list-row', { hasText: planNode('2021-2030', '二（三）').heading }).first();
      assert.ok(await h.visible(section, 10_000), 'section 二（三） under part 二');
      await section.click();
      await screenshot('tree-view');
      const tab = page.locator('.tabs-container .tab', { hasText: '2021-2030.txt' }).first();
      assert.ok(await h.visible(tab, 20_000), 'clicking a node opens action-plan:/2021-2030.txt');
      const heading = planNode('2021-2030', '二（三）').heading;
      const selected = await h.until(async () => {
        const lines = await h.editorText(page);
        const selections = await page.locator('.editor-group-container.active .monaco-editor .selected-text').count();
        return lines.includes(heading) && selections > 0 ? true : undefined;
      }, 15_000);
      await screenshot('tree-open-plan-text');
      assert.ok(selected, `the plan text shows ${heading}, selected`);
    },
  );

  it(
    "the tree view's 插入引用 inserts a node's citation into the document, even with the plan text in front",
    { timeout: STEP_TIMEOUT },
    async () => {
      const section = planNode('2021-2030', '二（三）');
      // The fixture's cursor at the end of 本节引用：…, then the plan text in front of it.
      await page.keyboard.press('Escape');
      await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().click({ timeout: 10_000 });
      await clickEndOfLineWith('本节引用：');
      await page.locator('.tabs-container .tab', { hasText: '2021-2030.txt' }).first().click({ timeout: 10_000 });
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: '行动计划' }) }).first();
      const row = view.locator('.monaco-list-row', { hasText: section.heading }).first();
      await row.hover();
      const action = row.locator('.action-label[aria-label="插入引用"]').first();
      assert.ok(await h.visible(action, 10_000), 'the node offers the inline action 插入引用');
      await action.click();
      const line = await h.until(
        async () =>
          (await h.editorText(page)).split('\n').find((l) => l.includes('本节引用：') && l.endsWith(section.citation)),
        15_000,
      );
      await screenshot('tree-insert-citation');
      assert.ok(
        line,
        `the citation ${section.citation} is inserted at the fixture's cursor; editor:\n${await h.editorText(page)}`,
      );
    },
  );

  it('生成引用与覆盖报告 shows the coverage report in a Markdown preview', { timeout: STEP_TIMEOUT }, async () => {
    await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().click();
    await h.runCommand(page, '反拐行动计划: 生成引用与覆盖报告');
    const scope = page.locator('.quick-input-list .monaco-list-row', { hasText: '当前文档' }).first();
    assert.ok(await h.visible(scope, 10_000), 'the scope quick pick offers 当前文档');
    await scope.click();
    const tab = page.locator('.tabs-container .tab', { hasText: 'coverage' }).first();
    assert.ok(await h.visible(tab, 30_000), 'a preview tab of the coverage report opens');
    // The preview is a webview (nested iframes): its text is the server's Markdown rendered.
    const rendered = await h.until(async () => {
      for (const frame of page.frames()) {
        const t = await frame
          .evaluate(
            () => (globalThis as { document?: { body?: { innerText?: string } } }).document?.body?.innerText ?? '',
          )
          .catch(() => '');
        if (t.includes('二（一）2（1）')) return t;
      }
      return undefined;
    }, 30_000);
    await screenshot('coverage-report');
    assert.ok(rendered, 'the rendered report lists the cited measure 二（一）2（1）');
  });

  it(
    "显示覆盖地图 shows the coverage map in a webview with the CLI's states; a click shows the text and the citing lines",
    { timeout: STEP_TIMEOUT },
    async () => {
      await page.keyboard.press('Escape');
      await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().click();
      await page.keyboard.press('Control+S'); // the oracle (the CLI) reads the file
      const file = join(workspace, FIXTURE_NAME);
      const cliStates = (): Array<[string, string]> => {
        const r = spawnSync(process.execPath, [join(h.ROOT, 'dist/cli.js'), 'report', '--format', 'json', file], {
          encoding: 'utf8',
        });
        assert.equal(r.status, 0, r.stderr);
        return (JSON.parse(r.stdout)[0].cells as Array<{ citation: string; state: string }>).map((c) => [
          c.citation,
          c.state,
        ]);
      };
      await h.until(
        async () =>
          (await h.editorText(page)).includes('本节引用') &&
          !(await page.locator('.tabs-container .tab.dirty', { hasText: FIXTURE_NAME }).count())
            ? true
            : undefined,
        10_000,
      );
      const want = cliStates();
      await h.runCommand(page, '反拐行动计划: 显示覆盖地图');
      const scope = page.locator('.quick-input-list .monaco-list-row', { hasText: '当前文档' }).first();
      assert.ok(await h.visible(scope, 10_000), 'the scope quick pick offers 当前文档');
      await scope.click();
      const tab = page.locator('.tabs-container .tab', { hasText: '覆盖地图' }).first();
      assert.ok(await h.visible(tab, 30_000), 'a 覆盖地图 tab opens');
      // The webview is nested iframes: find the frame that holds the map.
      const cellsOf = async (frame: import('playwright-core').Frame): Promise<Array<[string, string]>> =>
        frame
          .evaluate(() =>
            [...(globalThis as any).document.querySelectorAll('#map .cell[data-citation]')].map(
              (e: any) => [e.dataset.citation, e.dataset.state] as [string, string],
            ),
          )
          .catch(() => []);
      const frame = await h.until(async () => {
        for (const f of page.frames()) if ((await cellsOf(f)).length > 0) return f;
        return undefined;
      }, 30_000);
      assert.ok(frame, 'the webview shows the map');
      const index = JSON.parse(readFileSync(join(h.ROOT, 'data/index/plans.json'), 'utf8')) as {
        plans: Array<{ meta: { id: string }; nodes: Array<{ kind: string }> }>;
      };
      const nodes = index.plans.find((p) => p.meta.id === '2021-2030')!.nodes;
      const shown = await cellsOf(frame);
      assert.equal(
        shown.length,
        nodes.filter((n) => n.kind === 'measure' || n.kind === 'item').length + 3,
        'a cell per measure and sub-item, and per section of part 三',
      );
      assert.deepEqual(shown, want, 'the same states as action-plan-lint report --format json');
      // A click on the cited measure 二（一）2（1）: its text and the citing line, which opens the document there.
      const node = planNode('2021-2030', '二（一）2（1）');
      await frame.locator('#map .cell[data-path="二（一）2（1）"]').click();
      const detail = frame.locator('#detail');
      assert.ok(
        await h.visible(detail.locator('pre', { hasText: node.heading }), 15_000),
        "the detail shows the measure's text",
      );
      const place = detail.locator('.place').first();
      assert.ok(await h.visible(place, 5_000), 'the detail lists the citing line');
      const placeText = await place.innerText();
      assert.ok(placeText.includes('长治市实施方案.md:'), placeText);
      await screenshot('coverage-map');
      // The panel alone, small enough for the README (the VSIX ships it).
      const panel = await page
        .locator('.editor-group-container', { has: page.locator('.tab', { hasText: '覆盖地图' }) })
        .first()
        .boundingBox();
      if (panel) {
        await page
          .screenshot({ path: join(h.RESULTS, 'coverage-map-panel.jpg'), type: 'jpeg', quality: 75, clip: panel })
          .catch(() => undefined);
      }
      await place.click();
      const cited = await h.until(async () => {
        const sel = await page.locator('.editor-group-container .monaco-editor .selected-text').count();
        return sel > 0 ? true : undefined;
      }, 15_000);
      assert.ok(cited, 'a click on the citing line selects the citation in the document');
      // The tree view shows the same state on the node (expand 二（一） → 行动措施 to reach it).
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: '行动计划' }) }).first();
      await view
        .locator('.monaco-list-row', { hasText: planNode('2021-2030', '二（一）').heading })
        .first()
        .locator('.monaco-tl-twistie')
        .click();
      // (the group 2 行动措施, not part 二 行动措施和任务分工)
      await view
        .locator('.monaco-list-row', { hasText: /(^|\s)2 行动措施/ })
        .first()
        .locator('.monaco-tl-twistie')
        .click();
      const treeRow = view.locator('.monaco-list-row', { hasText: node.heading.slice(0, 12) }).first();
      const treeText = await h.until(async () => {
        const t = await treeRow.innerText().catch(() => '');
        return t.includes('✓ 已引用') ? t : undefined;
      }, 15_000);
      await screenshot('coverage-map-tree');
      // The map follows the document: the file changes on disk (the editor reloads it, it is not dirty), the map follows.
      const original = readFileSync(file, 'utf8');
      const stateOf = async (suffix: string) => (await cellsOf(frame)).find(([c]) => c.endsWith(suffix))?.[1];
      writeFileSync(file, original + '\n落实《行动计划（2021—2030年）》二（六）2（7）。\n');
      const updated = await h.until(
        async () => ((await stateOf('二（六）2（7）')) === 'cited' ? true : undefined),
        30_000,
      );
      await screenshot('coverage-map-updated');
      writeFileSync(file, original);
      const reverted = await h.until(
        async () => ((await stateOf('二（六）2（7）')) === 'not-cited' ? true : undefined),
        30_000,
      );
      assert.ok(reverted, 'and back when the line is gone');
      assert.ok(updated, 'the map follows the edit: 二（六）2（7） becomes cited');
      assert.ok(treeText, `the plan tree shows ✓ 已引用 on ${node.citation}`);
    },
  );

  it('the settings of section actionPlan are described in Chinese', { timeout: STEP_TIMEOUT }, async () => {
    const zh = JSON.parse(readFileSync(join(h.ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Comma');
    try {
      await page.locator('.settings-editor').first().waitFor({ state: 'visible', timeout: 15_000 });
      // The search box has the focus when the Settings editor opens.
      await h.sleep(800);
      await page.keyboard.type('actionPlan', { delay: 30 });
      // The description of actionPlan.referenceDate, up to its first code span.
      const probe = zh['config.referenceDate'].split('（')[0];
      const row = page.locator('.settings-editor .setting-item', { hasText: probe }).first();
      const shown = await h.visible(row, 15_000);
      await screenshot('settings');
      assert.ok(shown, `the Settings editor shows 「${probe}」`);
    } finally {
      await page.keyboard.press('Escape');
      // Escape closes the Settings when they open as a modal; Control+W only if they are still there (else it would
      // close whichever document editor is active).
      if (
        await page
          .locator('.settings-editor')
          .first()
          .isVisible()
          .catch(() => false)
      )
        await page.keyboard.press('Control+W');
    }
  });

  it(
    'changing actionPlan.languages restarts the client with the new document selector',
    { timeout: STEP_TIMEOUT },
    async () => {
      // Workspace settings (.vscode/settings.json), as a team would set them.
      const settingsFile = join(workspace, '.vscode/settings.json');
      mkdirSync(join(workspace, '.vscode'), { recursive: true });
      const original = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : '{}';
      await page.keyboard.press('Escape');
      await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().click({ timeout: 10_000 });
      const squiggles = () =>
        page
          .locator(
            '.editor-group-container.active .monaco-editor .squiggly-error, .editor-group-container.active .monaco-editor .squiggly-warning',
          )
          .count();
      assert.ok(
        await h.until(async () => (await squiggles()) > 0 || undefined, 20_000),
        'the Markdown fixture has squiggles',
      );
      try {
        writeFileSync(
          settingsFile,
          JSON.stringify({ ...JSON.parse(original), 'actionPlan.languages': ['plaintext'] }, null, 2),
        );
        const gone = await h.until(async () => ((await squiggles()) === 0 ? true : undefined), 30_000);
        await screenshot('languages-plaintext-only');
        assert.ok(gone, 'with languages = [plaintext] the Markdown fixture is no longer checked');
      } finally {
        writeFileSync(settingsFile, original);
      }
      const back = await h.until(async () => ((await squiggles()) > 0 ? true : undefined), 30_000);
      await screenshot('languages-restored');
      assert.ok(back, 'with the default languages the Markdown fixture is checked again');
    },
  );

  it('the language server is restarted after it dies', { timeout: STEP_TIMEOUT }, async () => {
    const starts = () => (outputLog().match(/\] started for /g) ?? []).length;
    const before = starts();
    assert.ok(before >= 1, `the output channel 反拐行动计划助手 logs the start:\n${outputLog()}`);
    const pid = serverPid();
    assert.ok(pid, 'the language server process is running');
    process.kill(pid, 'SIGKILL');
    const next = await h.until(
      async () => {
        const p = serverPid();
        return p && p !== pid ? p : undefined;
      },
      30_000,
      500,
    );
    assert.ok(next, 'a new language server process was started');
    assert.ok(
      await h.until(async () => (starts() > before ? true : undefined), 20_000),
      `the client saw the restart:\n${outputLog()}`,
    );
    // Back to the fixture: the restarted server answers hovers again.
    await page.keyboard.press('Escape');
    await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().click({ timeout: 10_000 });
    const node = planNode('2021-2030', '二（一）2（1）');
    const text = await h.hoverUntil(page, '二（一）2（1）', (t) => t.includes(node.heading.slice(0, 12)), {
      timeoutMs: 45_000,
    });
    await screenshot('after-restart-hover');
    assert.ok(text.includes(node.heading.slice(0, 12)), `hover after the restart; got:\n${text}`);
  });
});

describe('restricted mode: the custom agency file is read only in a trusted workspace', { timeout: 8 * 60_000 }, () => {
  const runDir = join(h.E2E, 'run-trust');
  const docName = '长治市反拐宣传方案.md';
  let server: h.CodeServer | undefined;
  let ctx: BrowserContext | undefined;
  let p: Page;

  before(async () => {
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    const ws = h.prepareWorkspace(join(h.ROOT, 'test/e2e/fixtures/restricted'), runDir);
    const extDir = join(runDir, 'extensions');
    h.installExtension(runDir, extDir, LOCALE_VSIX);
    h.registerLanguagePack(runDir, extDir, LOCALE_PACK_ID, '1.0.0', 'zh-cn', '中文(简体)');
    h.installExtension(runDir, extDir, VSIX);
    server = await h.startCodeServer({
      runDir,
      workspace: ws,
      extDir,
      locale: 'zh-cn',
      workspaceTrust: true,
      userSettings: {
        ...BASE_SETTINGS,
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
      },
    });
    ({ context: ctx, page: p } = await h.launchBrowser(join(runDir, 'chromium-profile')));
    await p.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
    await p.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const row = p.locator('.explorer-folders-view .monaco-list-row', { hasText: docName }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    await p.locator('.editor-instance .view-lines').first().waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await ctx?.close().catch(() => undefined);
    await server?.stop();
  });

  it(
    'restricted: 长治市反拐宣传中心 is unknown; trusted: it is known from the custom agency file',
    { timeout: 4 * 60_000 },
    async () => {
      const squiggles = () =>
        p
          .locator('.editor-group-container.active .monaco-editor')
          .locator('.squiggly-info, .squiggly-warning, .squiggly-error')
          .count();
      // Restricted mode: the workspace's actionPlan.customAgencies is ignored, the name is reported.
      const restricted = await h.until(async () => {
        const text = await h.editorText(p);
        return text.includes('长治市反拐宣传中心负责') && (await squiggles()) === 1 ? true : undefined;
      }, 45_000);
      const hover = await h.hoverUntil(p, '长治市反拐宣传中心', (t) => t.includes('长治市反拐宣传中心'), {
        timeoutMs: 30_000,
      });
      await screenshot('restricted-mode', p);
      assert.ok(restricted, 'in restricted mode the custom agency is unknown (one finding)');
      assert.ok(hover.includes('长治市反拐宣传中心'), hover);

      // Trust the folder (Workspaces: Manage Workspace Trust → Trust): the client restarts the server, which now
      // reads the custom agency file.
      await p.mouse.move(5, 5);
      await h.runCommand(p, 'Workspaces: Manage Workspace Trust');
      const trust = p.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
      assert.ok(await h.visible(trust, 20_000), 'the Workspace Trust editor offers Trust');
      await trust.click();
      await screenshot('trust-granted', p);
      // The Workspace Trust editor is a modal editor: close it (Ctrl+W) to see the document again.
      await p.keyboard.press('Control+W');
      const clean = await h.until(async () => {
        const text = await h.editorText(p);
        return text.includes('长治市反拐宣传中心负责') && (await squiggles()) === 0 ? true : undefined;
      }, 45_000);
      await screenshot('trusted-mode', p);
      assert.ok(clean, 'in a trusted workspace the custom agency file is read and the name is known');
    },
  );
});

// Issue #13 on a county draft (test/e2e/fixtures/county): a fix never writes a body twice, a Problems row says what to
// do within its first 30 characters, completion ranks the county's own body first — in a Chinese UI; and in an
// English UI every row is English only.
const COUNTY_DOC = '沁源县实施细则.md';
const HAN = /[\u3400-\u9fff]/;

async function openCountyDoc(
  runDir: string,
  locale: string,
): Promise<{ server: h.CodeServer; ctx: BrowserContext; page: Page }> {
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const ws = h.prepareWorkspace(join(h.ROOT, 'test/e2e/fixtures/county'), runDir);
  const extDir = join(runDir, 'extensions');
  if (locale === 'zh-cn') {
    h.installExtension(runDir, extDir, LOCALE_VSIX);
    h.registerLanguagePack(runDir, extDir, LOCALE_PACK_ID, '1.0.0', 'zh-cn', '中文(简体)');
  }
  h.installExtension(runDir, extDir, VSIX);
  const server = await h.startCodeServer({
    runDir,
    workspace: ws,
    extDir,
    locale,
    userSettings: { ...BASE_SETTINGS, 'security.workspace.trust.enabled': false },
  });
  const { context: ctx, page: pg } = await h.launchBrowser(join(runDir, 'chromium-profile'));
  await pg.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
  await pg.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const row = pg.locator('.explorer-folders-view .monaco-list-row', { hasText: COUNTY_DOC }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  await pg.locator('.editor-instance .view-lines').first().waitFor({ timeout: 30_000 });
  return { server, ctx, page: pg };
}

/** The Problems panel's rows (opened with Ctrl+Shift+M), once one of them contains `text`. */
async function problemRows(p: Page, text: string): Promise<string[]> {
  await p.keyboard.press('Escape');
  await p.keyboard.press('Control+Shift+M');
  const panel = p.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: 20_000 });
  const rows = await h.until(async () => {
    const all = (await panel.locator('.monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    return all.some((r) => r.includes(text)) ? all : undefined;
  }, 60_000);
  return rows ?? (await panel.locator('.monaco-list-row').allInnerTexts());
}

describe(
  'issue #13 in a Chinese UI: fixes, Problems rows and completion on a county draft',
  { timeout: 8 * 60_000 },
  () => {
    const runDir = join(h.E2E, 'run-county-zh');
    let server: h.CodeServer | undefined;
    let ctx: BrowserContext | undefined;
    let p: Page;

    before(async () => {
      ({ server, ctx, page: p } = await openCountyDoc(runDir, 'zh-cn'));
    });
    after(async () => {
      await ctx?.close().catch(() => undefined);
      await server?.stop();
    });

    it(
      'a Problems row shows the replacement within its first 30 characters, in Chinese only',
      { timeout: STEP_TIMEOUT },
      async () => {
        const rows = await problemRows(p, '县综治办');
        await screenshot('county-problems-zh', p);
        const row = rows.find((r) => r.includes('县综治办'))!;
        const at = row.indexOf('县委政法委');
        assert.ok(at >= 0 && at < 30, `the replacement is within the first 30 characters: 「${row}」`);
        assert.ok(!/Replace|abolished/.test(row), `no English in a Chinese row: 「${row}」`);
        await p.keyboard.press('Control+Shift+M');
      },
    );

    it('the quick fix on 县扶贫办 leaves 县农业农村局 once, as lead', { timeout: STEP_TIMEOUT }, async () => {
      const c = await h.wordCenter(p, '县扶贫办');
      assert.ok(c, '县扶贫办 is visible');
      await p.mouse.click(c.x, c.y);
      const item = p
        .locator('.action-widget, .context-view .monaco-list')
        .locator('.monaco-list-row', { hasText: '县农业农村局' })
        .first();
      const shown = await h.until(
        async () => {
          await p.keyboard.press('Control+.');
          return (await h.visible(item, 3000)) || undefined;
        },
        40_000,
        500,
      );
      await screenshot('county-quick-fix-menu', p);
      assert.ok(shown, 'the quick fix menu offers the replacement');
      await item.click();
      const line = await h.until(
        async () =>
          (await h.editorText(p)).split('\n').find((l) => l.includes('加强源头预防') && !l.includes('县扶贫办')),
        20_000,
      );
      await screenshot('county-quick-fix-applied', p);
      assert.ok(line, `the fix was applied; editor:\n${await h.editorText(p)}`);
      assert.equal(line.split('县农业农村局').length - 1, 1, `县农业农村局 once: 「${line}」`);
      assert.ok(
        line.includes('（县农业农村局、县乡村振兴局负责，县妇联配合）'),
        `lead kept, repeat removed: 「${line}」`,
      );
    });

    it(
      "completion of gongan in the county plan offers the county's 公安局 first",
      { timeout: STEP_TIMEOUT },
      async () => {
        const c = await h.wordCenter(p, '县民政局负责，');
        assert.ok(c);
        await p.mouse.click(c.x, c.y);
        await p.keyboard.press('End');
        await p.keyboard.type('gongan', { delay: 60 });
        const first = p.locator('.suggest-widget .monaco-list-row[data-index="0"]');
        const label = await h.until(
          async () => {
            if (!(await h.visible(first, 1500))) await p.keyboard.press('Control+Space');
            const t = await first.innerText().catch(() => '');
            return t.includes('公安') ? t : undefined;
          },
          40_000,
          300,
        );
        await screenshot('county-completion-gongan', p);
        assert.ok(label?.includes('沁源县公安局'), `the first suggestion is 沁源县公安局: 「${label}」`);
        await p.keyboard.press('Escape');
      },
    );
  },
);

describe('issue #13 in an English UI: every Problems row is English only', { timeout: 6 * 60_000 }, () => {
  const runDir = join(h.E2E, 'run-county-en');
  let server: h.CodeServer | undefined;
  let ctx: BrowserContext | undefined;
  let p: Page;

  before(async () => {
    ({ server, ctx, page: p } = await openCountyDoc(runDir, 'en'));
  });
  after(async () => {
    await ctx?.close().catch(() => undefined);
    await server?.stop();
  });

  it(
    'rows start with what to do, in English; Chinese only inside the quoted names',
    { timeout: STEP_TIMEOUT },
    async () => {
      const rows = await problemRows(p, 'Replace "县综治办"');
      await screenshot('county-problems-en', p);
      const findings = rows.filter((r) => /action-plan/.test(r));
      assert.ok(findings.length >= 3, `rows:\n${rows.join('\n')}`);
      for (const r of findings) {
        const unquoted = r.replace(/"[^"]*"/g, '').replace(new RegExp(COUNTY_DOC, 'g'), '');
        assert.ok(!HAN.test(unquoted), `an English row has Chinese outside the names: 「${r}」`);
      }
      const row = rows.find((r) => r.includes('县综治办'))!;
      assert.ok(row.includes('Replace "县综治办" with "县委政法委": abolished (2018 reform)'), row);
    },
  );
});
