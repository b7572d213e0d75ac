// The CLI's HTML coverage map rendered in a real browser (Debian Chromium through playwright-core, as the VS Code
// end-to-end test): with JavaScript off and every network request refused, the page shows one cell per measure and
// sub-item of the 2021—2030 plan (plus the sections of part 三) with the states of `report --format json`, in light and
// dark colour schemes. Screenshots: test-results/e2e/coverage-map-html*.png (E2E_UPDATE_DOCS=1 bash scripts/e2e-run.sh
// copies them to docs/screenshots/). Run by scripts/e2e-run.sh, not by `npm test`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as h from './harness';

// Browser global, used only inside page.evaluate callbacks.
declare const document: any;

const EXAMPLE = join(h.ROOT, 'examples', 'changzhi-2025-draft.md');

function cli(format: string): string {
  const r = spawnSync(
    process.execPath,
    [join(h.ROOT, 'dist/cli.js'), 'report', '--format', format, '--lang', 'both', EXAMPLE],
    {
      encoding: 'utf8',
      cwd: h.ROOT,
      env: { ...process.env, ACTION_PLAN_TODAY: '2025-06-01' },
    },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('report --format html in headless Chromium', { timeout: 5 * 60_000 }, () => {
  let browser: Browser | undefined;
  let page: Page;
  const requests: string[] = [];

  before(async () => {
    const profile = join(h.E2E, 'run-report-html');
    rmSync(profile, { recursive: true, force: true });
    mkdirSync(profile, { recursive: true });
    browser = await chromium.launch({
      executablePath: h.CHROMIUM,
      headless: true,
      env: {
        ...process.env,
        XDG_CONFIG_HOME: join(profile, 'xdg-config'),
        XDG_CACHE_HOME: join(profile, 'xdg-cache'),
      } as Record<string, string>,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // No scripts are needed to read the page; nothing may be fetched from anywhere.
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
    });
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    page = await context.newPage();
    await page.setContent(cli('html'), { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
  });

  it('shows one cell per measure and sub-item, with the states of report --format json, and fetches nothing', async () => {
    const index = JSON.parse(readFileSync(join(h.ROOT, 'data/index/plans.json'), 'utf8')) as {
      plans: Array<{ meta: { id: string }; nodes: Array<{ kind: string }> }>;
    };
    const nodes = index.plans.find((p) => p.meta.id === '2021-2030')!.nodes;
    const measuresAndItems = nodes.filter((n) => n.kind === 'measure' || n.kind === 'item').length;
    const cells = page.locator('.map .cell[data-citation]');
    assert.equal(
      await page.locator('.map .cell[data-kind="measure"], .map .cell[data-kind="item"]').count(),
      measuresAndItems,
    );
    const shown: Array<[string, string]> = await cells.evaluateAll((els: Array<{ dataset: Record<string, string> }>) =>
      els.map((e) => [e.dataset.citation, e.dataset.state] as [string, string]),
    );
    const json = JSON.parse(cli('json')) as Array<{ cells: Array<{ citation: string; state: string }> }>;
    assert.deepEqual(
      shown,
      json[0].cells.map((c) => [c.citation, c.state]),
    );
    assert.ok(shown.some(([, s]) => s === 'cited') && shown.some(([, s]) => s === 'not-cited'));
    // Every cell is drawn (has a size) and the legend says each state in words.
    const sizes: number[] = await cells.evaluateAll(
      (els: Array<{ getBoundingClientRect(): { width: number; height: number } }>) =>
        els.map((e) => e.getBoundingClientRect().width * e.getBoundingClientRect().height),
    );
    assert.ok(
      sizes.every((a) => a > 100),
      'every cell is visible',
    );
    const legend: string = await page.locator('.legend').innerText();
    for (const word of ['已引用', '路径有误或需核对', '仅引用已失效计划', '未引用'])
      assert.ok(legend.includes(word), word);
    mkdirSync(h.RESULTS, { recursive: true });
    await page.emulateMedia({ colorScheme: 'light' });
    // The top of the page: title, legend, summary and the map.
    const box = await page.locator('.map').first().boundingBox();
    assert.ok(box);
    await page.screenshot({
      path: join(h.RESULTS, 'coverage-map-html.png'),
      clip: { x: 0, y: 0, width: 1280, height: Math.ceil(box.y + box.height + 16) },
    });
    assert.deepEqual(requests, [], 'no request of any kind');
  });

  it('dark colour scheme: other colours, same cells', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    const light: string = await page.evaluate(
      () => document.defaultView.getComputedStyle(document.body).backgroundColor,
    );
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark: string = await page.evaluate(
      () => document.defaultView.getComputedStyle(document.body).backgroundColor,
    );
    assert.notEqual(light, dark);
    await page
      .locator('.map')
      .first()
      .screenshot({ path: join(h.RESULTS, 'coverage-map-html-dark.png') });
  });
});
