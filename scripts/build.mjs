#!/usr/bin/env node
// Build helper.
//   node scripts/build.mjs transpile   -> every .ts file (server, client, test, data/build, bench) to out/ (no bundling, no type check)
//   node scripts/build.mjs bundle      -> esbuild bundles in dist/: server.js, cli.js, lint-worker.js, extension.js
// Type checking is `npm run typecheck` (tsc --noEmit); it is part of `npm test`.
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'bundle';
const production = process.argv.includes('--production');
/** Packages the CLI bundles require lazily from dist/vendor/ (see below). */
const LAZY_VENDOR = ['pinyin-pro', 'fuse.js', 'ajv'];
const vendorFile = (pkg) => `vendor/${pkg.replace(/\.js$/, '')}`;

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

if (mode === 'transpile') {
  const entryPoints = ['server/src', 'client/src', 'test', 'data/build', 'bench'].flatMap((d) => walk(join(root, d)));
  await build({
    entryPoints,
    outdir: join(root, 'out'),
    outbase: root,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
} else if (mode === 'bundle') {
  const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    outdir: join(root, 'dist'),
  };
  if (production) rmSync(join(root, 'dist'), { recursive: true, force: true });
  const entries = (o) =>
    Object.fromEntries(
      Object.entries(o)
        .map(([k, f]) => [k, join(root, f)])
        .filter(([, f]) => existsSync(f)),
    );
  await build({
    ...common,
    entryPoints: entries({
      server: 'server/src/lsp/server.ts',
      // mammoth + jszip, loaded only when a .docx is read (server/src/node/docx.ts)
      docxReader: 'server/src/node/docxReader.ts',
      // bin/action-plan-language-server.js sets the server's V8 flags with it before compiling dist/server.js
      serverFlags: 'server/src/lsp/v8Flags.ts',
    }),
  });
  // The CLI bundles: libraries needed only on some paths (pinyin-pro: completion and outlines; fuse.js: suggestions
  // for unknown names; ajv: a custom agency file) are separate files dist/vendor/<name>.js, required on first use,
  // so a run that never needs them does not read and parse their ~600 KB (about 10 ms of every start).
  const lazyVendor = {
    name: 'lazy-vendor',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${LAZY_VENDOR.map((v) => v.replace('.', '\\.')).join('|')})$`) }, (a) =>
        a.kind === 'require-call' && !a.importer.includes('node_modules')
          ? { path: `./${vendorFile(a.path)}.js`, external: true }
          : undefined,
      );
    },
  };
  await build({
    ...common,
    plugins: [lazyVendor],
    entryPoints: entries({
      cli: 'server/src/cli/main.ts',
      'lint-worker': 'server/src/cli/worker.ts',
      // bin/action-plan-lint.js loads dist/cli.js through it with a V8 code cache
      codeCache: 'server/src/node/codeCache.ts',
    }),
  });
  const require = createRequire(import.meta.url);
  await build({
    ...common,
    entryPoints: Object.fromEntries(LAZY_VENDOR.map((v) => [vendorFile(v), require.resolve(v)])),
  });
  if (existsSync(join(root, 'client/src/extension.ts'))) {
    await build({ ...common, entryPoints: { extension: join(root, 'client/src/extension.ts') }, external: ['vscode'] });
  }
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
