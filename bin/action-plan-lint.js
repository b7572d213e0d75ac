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
// V8 flags for a one-shot run, set before the bundle is compiled (so the code cache below is made and used under the
// same flags: V8 rejects a cache made under other flags). --max-inlined-bytecode-size-cumulative=100: TurboFan
// inlines less, so its code arrives sooner and costs less compile work in a run that ends before most of it would
// pay (whole process, 1 MB plain text, alternating runs on the shared 2-core machine, best of 15: 461 → 407 ms; CPU
// user+sys median 810 → 670 ms); the warm speed of the analysis is the same. Measured and left out:
// --no-lazy-feedback-allocation, --no-use-osr, --semi-space-growth-factor=8, --no-turbo-inlining (no better);
// --max-semi-space-size (acts only on the command line); GC threading flags (--single-threaded-gc set at run time
// crashes V8 at the first full collection).
require('node:v8').setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
// The bundle is loaded with a V8 code cache (dist/cli.js.v8cache, server/src/node/codeCache.ts): a run skips most
// of the parsing and compiling of the previous one. A run that checked files writes the cache when there was none
// (or it did not fit this bundle/Node.js), or when it analysed several times more text in this thread than the run
// that wrote it (its weight: more of the bundle compiled); anything wrong with it only means compiling as before.
const loader = join(__dirname, '..', 'dist', 'codeCache.js');
let cli = undefined;
let save = () => false;
if (existsSync(loader)) {
  const loaded = require(loader).requireWithCodeCache(bundle);
  cli = loaded.exports;
  save = loaded.save;
} else cli = require(bundle);
process.on('exit', () => {
  if (cli.checkedFiles && cli.checkedFiles() > 0) save(cli.analysedChars ? cli.analysedChars() : 0);
});
cli.run();
