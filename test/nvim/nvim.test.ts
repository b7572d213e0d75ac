// Neovim (Debian's nvim 0.7.2, headless) as a second, independent LSP client: hover on an agency, hover on a
// citation, push diagnostics and a definition, against the real server. Skipped when `nvim` is not installed
// (apt-get install -y neovim).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, ROOT, childEnv } from '../server/lspClient';

const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimMissing = probe.error || probe.status !== 0;
const skip = nvimMissing ? 'nvim 未安装，跳过 / nvim is not installed (apt-get install -y neovim)' : false;

/** The Lua block after `<!-- nvim-0.7-snippet -->` in README.md. */
function readmeSnippet(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- nvim-0\.7-snippet -->\s*```lua\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README.md has no <!-- nvim-0.7-snippet --> Lua block');
  return m[1];
}

const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

test('Neovim: hover on an agency and a citation, diagnostics, definition', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ap-nvim-'));
  try {
    const out = join(dir, 'result.json');
    const file = join(FIXTURES, 'nvim.txt');
    // The README's Neovim 0.7 snippet, verbatim, is the whole configuration; `action-plan-language-server` is found
    // on PATH as the README says (here: a link to bin/ in a folder put first on PATH).
    const init = join(dir, 'init.lua');
    writeFileSync(init, readmeSnippet());
    const binDir = join(dir, 'bin');
    mkdirSync(binDir);
    symlinkSync(join(ROOT, 'bin', 'action-plan-language-server.js'), join(binDir, 'action-plan-language-server'));
    const run = spawnSync(
      'nvim',
      ['--headless', '-u', init, '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'test', 'nvim', 'lsp.lua')}`, file],
      {
        encoding: 'utf8',
        cwd: FIXTURES,
        timeout: 300_000, // against hangs only
        env: childEnv({
          PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
          AP_OUT: out,
          ACTION_PLAN_TODAY: '2026-06-01',
          LANG: 'C.UTF-8',
          LC_ALL: 'C.UTF-8',
          XDG_CONFIG_HOME: join(dir, 'config'),
          XDG_DATA_HOME: join(dir, 'data'),
          XDG_CACHE_HOME: join(dir, 'cache'),
          XDG_STATE_HOME: join(dir, 'state'),
        }),
      },
    );
    const result = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(result.ok, true, `${result.error}\n${run.stderr}`);
    assert.equal(result.filetype, 'text');
    // settings = { actionPlan = {} } arrives as [] from Lua: no warning about malformed settings.
    assert.deepEqual(result.messages, []);

    assert.deepEqual(
      // Neovim converts UTF-16 characters to byte columns (3 bytes per Han character here).
      result.diagnostics.map((d: any) => [
        d.code,
        d.severity,
        d.source,
        [d.lnum, d.col, d.end_lnum, d.end_col],
        d.data,
      ]),
      [
        [
          'outdated-agency',
          2,
          'action-plan',
          [1, 30, 1, 51],
          {
            replacement: ['国家卫生健康委'],
            since: '2018-03-17',
            reform: '2018年党和国家机构改革：组建国家卫生健康委员会，不再保留国家卫生和计划生育委员会',
          },
        ],
        ['unknown-citation', 1, 'action-plan', [2, 44, 2, 65], { plan: '2021-2030' }],
      ],
    );
    // Neovim's initialize.locale follows its language (C here): English only.
    assert.equal(
      result.diagnostics[1].message,
      'Check the item number: there is no "二（一）2（99）" in the plan 2021-2030',
    );

    assert.deepEqual(result.hoverAgency.range, r(1, 4, 1, 7));
    assert.equal(result.hoverAgency.contents.kind, 'markdown');
    // The hover is English too (one language per reader).
    assert.ok(
      result.hoverAgency.contents.value.startsWith(
        '**中华人民共和国公安部**（公安部）\n\nKind: State Council ministry or commission',
      ),
    );

    assert.deepEqual(result.hoverCitation.range, r(1, 22, 1, 48));
    assert.ok(
      result.hoverCitation.contents.value.startsWith(
        '**《行动计划（2021—2030年）》二（一）2（1）**\n\n《中国反对拐卖人口行动计划（2021—2030年）》 (国办发〔2021〕13号, issued 2021-04-09)\n\nStatus: **in force**',
      ),
    );
    // The client does not know the action-plan: scheme: definitions point at the shipped file.
    assert.deepEqual(result.definition, [
      { uri: pathToFileURL(join(ROOT, 'data', 'plans', '2021-2030.txt')).href, range: r(19, 0, 19, 141) },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
