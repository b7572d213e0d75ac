#!/usr/bin/env node
// action-plan-lint — the command-line checker of 反拐行动计划助手 (see README.md, CONTRACT section "action-plan-lint").
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(bundle)) {
  process.stderr.write(
    'action-plan-lint: 尚未构建，找不到 dist/cli.js。请在项目目录中先运行 npm run build（npm install 也会自动构建）。\n' +
      'action-plan-lint: not built yet (dist/cli.js is missing). Run `npm run build` in the project folder first ' +
      '(npm install builds it too).\n',
  );
  process.exit(2);
}
require(bundle).run();
