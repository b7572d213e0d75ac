#!/usr/bin/env node
// The language server (LSP over stdio with --stdio). Works from a checkout after `npm install` + `npm run build`,
// and from the installed package.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const server = join(__dirname, '..', 'dist', 'server.js');
if (!existsSync(server)) {
  process.stderr.write(
    `找不到 ${server}：请先在项目目录运行 npm run build（或 npm install）。\n` +
      `${server} is missing: run \`npm run build\` (or \`npm install\`) in the project folder first.\n`,
  );
  process.exit(2);
}
// Size-optimised heap growth for a long-lived server (see server/src/lsp/server.ts); set before the bundle loads.
require('node:v8').setFlagsFromString('--optimize-for-size');
require(server);
