#!/usr/bin/env node
// Build helper.
//   node scripts/build.mjs transpile   -> every .ts file (server, client, test, data/build, bench) to out/ (no bundling, no type check)
//   node scripts/build.mjs bundle      -> esbuild bundles in dist/: server.js, cli.js, lint-worker.js, extension.js
// Type checking is `npm run typecheck` (tsc --noEmit); it is part of `npm test`.
import { build } from 'esbuild';
import { readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] ?? 'bundle';
const production = process.argv.includes('--production');

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
  await build({
    ...common,
    entryPoints: Object.fromEntries(
      Object.entries({
        server: 'server/src/lsp/server.ts',
        cli: 'server/src/cli/main.ts',
        'lint-worker': 'server/src/cli/worker.ts',
        // mammoth + jszip, loaded only when a .docx is read (server/src/node/docx.ts)
        docxReader: 'server/src/node/docxReader.ts',
      })
        .map(([k, f]) => [k, join(root, f)])
        .filter(([, f]) => existsSync(f)),
    ),
  });
  if (existsSync(join(root, 'client/src/extension.ts'))) {
    await build({ ...common, entryPoints: { extension: join(root, 'client/src/extension.ts') }, external: ['vscode'] });
  }
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
