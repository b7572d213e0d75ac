#!/usr/bin/env node
// The language server (LSP over stdio with --stdio). Works from a checkout after `npm install` + `npm run build`,
// and from the installed package.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const server = join(dist, 'server.js');
if (!existsSync(server)) {
  process.stderr.write(
    `找不到 ${server}：请先在项目目录运行 npm run build（或 npm install）。\n` +
      `${server} is missing: run \`npm run build\` (or \`npm install\`) in the project folder first.\n`,
  );
  process.exit(2);
}
// The server's V8 flags (server/src/lsp/v8Flags.ts), set before the bundle is compiled.
const flags = join(dist, 'serverFlags.js');
if (existsSync(flags)) require(flags).setServerFlags();
else require('node:v8').setFlagsFromString('--optimize-for-size');
// dist/server.js is loaded with a V8 code cache (dist/server.js.v8cache, server/src/node/codeCache.ts, as the CLI
// does): a start skips most of the parsing and compiling of the previous session (10 KB document, spawn → initialize
// ≈ 114 → 99 ms, → first diagnostics ≈ 170 → 152 ms). The cache is written when the server exits, if there was none
// or this session worked (CPU time) several times more than the one that wrote it; anything wrong with it only means
// compiling as before.
const loader = join(dist, 'codeCache.js');
if (existsSync(loader)) {
  const { save } = require(loader).requireWithCodeCache(server);
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    save(Math.round((cpu.user + cpu.system) / 1000));
  });
} else require(server);
