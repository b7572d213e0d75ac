// The V8 code cache of the CLI bundle (server/src/node/codeCache.ts): used when it fits, rewritten when it does not,
// ignored when damaged, stale or unwritable, off with ACTION_PLAN_CODE_CACHE=0 — and the real CLI's output is the
// same with and without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { TestServer } from '../server/lspClient';
import { join } from 'node:path';
import {
  cacheFileOf,
  digestOf,
  GROWTH,
  readCodeCache,
  readCodeCacheEntry,
  readSource,
  requireWithCodeCache,
} from '../../server/src/node/codeCache';

const ROOT = join(__dirname, '..', '..', '..');

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'apa-codecache-'));
}

/** A module with enough functions that the cache is not empty, reading a sibling through its own require. */
function writeModule(dir: string, answer: number): string {
  writeFileSync(join(dir, 'helper.js'), 'module.exports = (x) => x * 2;\n');
  const file = join(dir, 'bundle.js');
  writeFileSync(
    file,
    `'use strict';
const double = require('./helper.js');
function f${answer}(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }
exports.answer = () => double(${answer}) / 2 + f${answer}(0);
exports.where = () => [__filename, __dirname];
exports.isMain = require.main === module;
`,
  );
  return file;
}

function load(file: string, env: Record<string, string | undefined> = {}) {
  delete require.cache[file];
  return requireWithCodeCache(file, env);
}

test('first load compiles and writes the cache; the next load uses it; exports, require, __dirname work', () => {
  const dir = scratch();
  const file = writeModule(dir, 41);
  const a = load(file);
  assert.equal(a.state, 'absent');
  const ex = a.exports as { answer(): number; where(): string[]; isMain: boolean };
  assert.equal(ex.answer(), 41);
  assert.deepEqual(ex.where(), [file, dir]);
  assert.equal(ex.isMain, false);
  assert.equal(require.cache[file]?.exports, a.exports);
  assert.equal(a.save(), true);
  assert.ok(existsSync(cacheFileOf(file)));
  assert.equal(a.save(), false, 'written once');
  const b = load(file);
  assert.equal(b.state, 'accepted');
  assert.equal((b.exports as { answer(): number }).answer(), 41);
  assert.equal(b.save(), false, 'an accepted cache is not rewritten');
  // In this process V8 may take the script from its own in-memory compilation cache; a new process must read the
  // file and V8 must accept it.
  const child = spawnSync(
    process.execPath,
    [
      '-e',
      `console.log(require(${JSON.stringify(join(ROOT, 'out/server/src/node/codeCache.js'))}).requireWithCodeCache(${JSON.stringify(file)}).state)`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(child.stdout.trim(), 'accepted', child.stderr);
  // no temporary file is left behind
  assert.deepEqual(readdirSync(dir).sort(), ['bundle.js', 'bundle.js.v8cache', 'helper.js']);
});

test('a rebuilt bundle of the same length does not use the old cache (V8 alone would only compare the length)', () => {
  const dir = scratch();
  const file = writeModule(dir, 41);
  load(file).save();
  const before = readFileSync(file, 'utf8');
  writeModule(dir, 42);
  assert.equal(readFileSync(file, 'utf8').length, before.length);
  const r = load(file);
  assert.equal(r.state, 'absent');
  assert.equal((r.exports as { answer(): number }).answer(), 42);
  assert.equal(r.save(), true);
  assert.equal(load(file).state, 'accepted');
});

test('a damaged or foreign cache file is ignored, and data V8 rejects is replaced', () => {
  const dir = scratch();
  const file = writeModule(dir, 7);
  load(file).save();
  const cache = cacheFileOf(file);
  const good = readFileSync(cache);
  // one flipped byte in the payload
  const bad = Buffer.from(good);
  bad[bad.length - 10] ^= 0xff;
  writeFileSync(cache, bad);
  assert.equal(load(file).state, 'absent');
  // truncated, empty, no header, another Node.js
  for (const junk of [good.subarray(0, good.length >> 1), Buffer.alloc(0), Buffer.from('x'.repeat(5000))]) {
    writeFileSync(cache, junk);
    const r = load(file);
    assert.equal(r.state, 'absent');
    assert.equal((r.exports as { answer(): number }).answer(), 7);
  }
  const nl = good.indexOf(10);
  const header = JSON.parse(good.subarray(0, nl).toString('utf8'));
  writeFileSync(
    cache,
    Buffer.concat([Buffer.from(JSON.stringify({ ...header, node: 'v0.0.1' }) + '\n'), good.subarray(nl + 1)]),
  );
  assert.equal(load(file).state, 'absent');
  // a well-formed file for a source this process never compiled (V8 would otherwise find it in its in-memory
  // compilation cache and not look at the data) whose payload is not V8 data: V8 rejects it, the module still
  // loads, and save() replaces it with a valid cache
  writeModule(dir, 1234);
  const source = readFileSync(file, 'utf8');
  const payload = Buffer.from('not bytecode '.repeat(100));
  const forged = {
    ...header,
    source: digestOf(source),
    data: digestOf(payload),
  };
  writeFileSync(cache, Buffer.concat([Buffer.from(JSON.stringify(forged) + '\n'), payload]));
  assert.ok(readCodeCache(cache, forged.source), 'the forged file passes our own checks');
  const r = load(file);
  assert.equal(r.state, 'rejected');
  assert.equal((r.exports as { answer(): number }).answer(), 1234);
  assert.equal(r.save(), true);
  assert.ok(!readCodeCache(cache, forged.source)?.equals(payload));
  assert.ok(readCodeCache(cache, forged.source));
});

test('the weight: a load GROWTH times heavier than the writer of the cache writes it again; lighter ones do not', () => {
  const dir = scratch();
  const file = writeModule(dir, 9);
  const cache = cacheFileOf(file);
  const hash = digestOf(readFileSync(file, 'utf8'));
  assert.equal(load(file).save(1000), true);
  assert.equal(readCodeCacheEntry(cache, hash)?.weight, 1000);
  const lighter = load(file);
  assert.equal(lighter.state, 'accepted');
  assert.equal(lighter.save(GROWTH * 1000 - 1), false);
  assert.equal(load(file).save(0), false, 'a run that analysed nothing here never rewrites an accepted cache');
  assert.equal(load(file).save(GROWTH * 1000), true);
  assert.equal(readCodeCacheEntry(cache, hash)?.weight, GROWTH * 1000);
  // A cache written by a run that analysed nothing in this thread (files left to worker threads), or before weights
  // were recorded: the first run with any weight writes it again.
  assert.equal(load(file).save(0), false);
  const good = readFileSync(cache);
  const nl = good.indexOf(10);
  const header = JSON.parse(good.subarray(0, nl).toString('utf8'));
  delete header.weight;
  writeFileSync(cache, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), good.subarray(nl + 1)]));
  assert.equal(readCodeCacheEntry(cache, hash)?.weight, 0);
  assert.equal(load(file).save(1), true);
  assert.equal(readCodeCacheEntry(cache, hash)?.weight, 1);
});

test('an unwritable cache location: nothing written, nothing left behind, no error', () => {
  const dir = scratch();
  const file = writeModule(dir, 3);
  mkdirSync(cacheFileOf(file)); // a folder where the cache file would go: the rename fails
  const r = load(file);
  assert.equal(r.state, 'absent');
  assert.equal(r.save(), false);
  assert.deepEqual(readdirSync(dir).sort(), ['bundle.js', 'bundle.js.v8cache', 'helper.js']);
  assert.deepEqual(readdirSync(cacheFileOf(file)), []);
});

test('ACTION_PLAN_CODE_CACHE=0: a plain require, no cache read or written', () => {
  const dir = scratch();
  const file = writeModule(dir, 5);
  const r = load(file, { ACTION_PLAN_CODE_CACHE: '0' });
  assert.equal(r.state, 'off');
  assert.equal((r.exports as { answer(): number }).answer(), 5);
  assert.equal(r.save(), false);
  assert.ok(!existsSync(cacheFileOf(file)));
});

test("errors of the module's own code propagate and do not leave a half-loaded module behind", () => {
  const dir = scratch();
  const file = join(dir, 'bad.js');
  writeFileSync(file, "exports.x = 1;\nthrow new Error('boom from the bundle');\n");
  delete require.cache[file];
  assert.throws(() => requireWithCodeCache(file, {}), /boom from the bundle/);
  assert.equal(require.cache[file], undefined);
  // a syntax error is reported by the plain require it falls back to
  const syntax = join(dir, 'syntax.js');
  writeFileSync(syntax, 'exports.x = (;\n');
  assert.throws(() => requireWithCodeCache(syntax, {}), SyntaxError);
});

test('bin/action-plan-lint.js: the cache is written by a run that checked a file, and the output is the same with it, without it and with a damaged one', () => {
  // A scratch copy of the built CLI, so the repository's dist/ cache is not touched.
  const dir = scratch();
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'action-plan-lint.js'), join(dir, 'bin', 'action-plan-lint.js'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), {
    recursive: true,
    filter: (src) => !src.endsWith('.v8cache') && !src.endsWith('.map'),
  });
  symlinkSync(join(ROOT, 'data'), join(dir, 'data'));
  const doc = join(dir, 'plan.md');
  writeFileSync(
    doc,
    '各地要按照《中国反对拐卖人口行动计划（2021—2030年）》的要求，由国家工商总局牵头，会同卫生部开展工作。\n',
  );
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(dir, 'bin', 'action-plan-lint.js'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, ACTION_PLAN_TODAY: '2025-06-01', LANG: 'en_US.UTF-8', ...env },
    });
  const cache = join(dir, 'dist', 'cli.js.v8cache');
  assert.equal(run(['--version']).status, 0);
  assert.ok(!existsSync(cache), '--version checks nothing and writes no cache');
  const off = run(['--format', 'json', doc], { ACTION_PLAN_CODE_CACHE: '0' });
  assert.ok(!existsSync(cache));
  const first = run(['--format', 'json', doc]);
  assert.ok(existsSync(cache), 'a run that checked a file writes the cache');
  // The launcher sets V8 flags before compiling the bundle; V8 rejects a cache made under other flags, so the cache
  // must be made and used under the same ones: the next run accepts it and does not write it again.
  const written = statSync(cache);
  const second = run(['--format', 'json', doc]);
  const after = statSync(cache);
  assert.deepEqual([after.ino, after.mtimeMs], [written.ino, written.mtimeMs], 'the next run accepted the cache');
  // A run over a document GROWTH times larger writes it again (the functions it compiled on top); after that, runs
  // over either document use it as it is.
  const big = join(dir, 'big.md');
  writeFileSync(big, readFileSync(doc, 'utf8').repeat(GROWTH));
  const heavier = run(['--format', 'json', big]);
  assert.equal(heavier.status, second.status, heavier.stderr);
  const rewritten = statSync(cache);
  assert.notEqual(rewritten.ino, after.ino, 'a run GROWTH times heavier writes the cache again');
  run(['--format', 'json', big]);
  run(['--format', 'json', doc]);
  assert.equal(statSync(cache).ino, rewritten.ino, 'then it is used as it is');
  const bytes = readFileSync(cache);
  bytes[bytes.length - 100] ^= 0xff;
  writeFileSync(cache, bytes);
  const damaged = run(['--format', 'json', doc]);
  // A cache V8 made under other flags (here a process with a flag the launcher never sets) passes our own checks
  // but V8 rejects it: the launcher runs as before and replaces it with one the next run accepts.
  const foreign = spawnSync(
    process.execPath,
    [
      '--max-inlined-bytecode-size-cumulative=7',
      '-e',
      `const c = require(${JSON.stringify(join(dir, 'dist', 'codeCache.js'))});
       require('node:fs').unlinkSync(${JSON.stringify(cache)});
       const r = c.requireWithCodeCache(${JSON.stringify(join(dir, 'dist', 'cli.js'))});
       process.stdout.write(r.state + ' ' + r.save());`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(foreign.stdout, 'absent true', foreign.stderr);
  const made = statSync(cache);
  const otherFlags = run(['--format', 'json', doc]);
  const remade = statSync(cache);
  assert.notEqual(remade.ino, made.ino, 'a cache made under other V8 flags is replaced');
  const third = run(['--format', 'json', doc]);
  assert.equal(statSync(cache).ino, remade.ino, 'and the replacement is accepted');
  for (const r of [first, second, damaged, otherFlags, third]) {
    assert.equal(r.status, off.status);
    assert.equal(r.stdout, off.stdout);
    assert.equal(r.stderr, off.stderr);
  }
  assert.match(off.stdout, /outdated-agency/);
  // Files left to worker threads: the main thread analysed nothing, the cache it writes weighs 0, and the next run
  // that analyses a file itself writes it again.
  const docs = join(dir, 'docs');
  mkdirSync(docs);
  copyFileSync(doc, join(docs, 'a.md'));
  copyFileSync(doc, join(docs, 'b.md'));
  writeFileSync(cache, 'x');
  const pooled = run(['--format', 'json', docs], { ACTION_PLAN_LINT_WORKERS: '2' });
  assert.equal(pooled.status, off.status, pooled.stderr);
  const bundleHash = digestOf(readFileSync(join(dir, 'dist', 'cli.js'), 'utf8'));
  assert.equal(readCodeCacheEntry(cache, bundleHash)?.weight, 0);
  run(['--format', 'json', doc]);
  assert.ok((readCodeCacheEntry(cache, bundleHash)?.weight ?? 0) > 0);
});

test('bin/action-plan-language-server.js: the cache is written when the server exits, under the server flags, and the next start uses it; the same diagnostics', async () => {
  const dir = scratch();
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'action-plan-language-server.js'), join(dir, 'bin', 'action-plan-language-server.js'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), {
    recursive: true,
    filter: (src) => !src.endsWith('.v8cache') && !src.endsWith('.map'),
  });
  symlinkSync(join(ROOT, 'data'), join(dir, 'data'));
  const cache = join(dir, 'dist', 'server.js.v8cache');
  const session = async () => {
    const s = await TestServer.start({ command: join(dir, 'bin', 'action-plan-language-server.js') });
    try {
      await s.open('untitled:plan', '由国家工商总局牵头，会同卫生部开展工作。\n');
      return await s.diagnostics('untitled:plan', 1);
    } finally {
      await s.stop();
    }
  };
  const first = await session();
  assert.ok(
    first.some((d) => d.code === 'outdated-agency'),
    JSON.stringify(first),
  );
  assert.ok(existsSync(cache), 'the server wrote its cache on exit');
  const written = statSync(cache);
  const second = await session();
  // Made and used under the same V8 flags (the launcher sets the server's before compiling): accepted, not rewritten.
  assert.equal(statSync(cache).ino, written.ino, 'the next start accepted the cache');
  assert.deepEqual(second, first);
});

test('readSource: the text and digestOf(text) of readFileSync(…, "utf8"), from the bytes (valid UTF-8 or not)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apl-cc-src-'));
  const samples = [
    Buffer.from('module.exports = { a: "县卫生局" };\n'.repeat(50)),
    Buffer.from('\ufeff// BOM\nmodule.exports = "𠮷";\n'),
    Buffer.concat([Buffer.from('module.exports = "'), Buffer.from([0xe4, 0xb8, 0xff, 0x80]), Buffer.from('";\n')]),
    Buffer.alloc(0),
  ];
  samples.forEach((bytes, i) => {
    const file = join(dir, `b${i}.js`);
    writeFileSync(file, bytes);
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(readSource(file), { source: text, hash: digestOf(text) });
  });
  // The bundle itself.
  const bundle = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
  if (existsSync(bundle)) assert.equal(readSource(bundle).hash, digestOf(readFileSync(bundle, 'utf8')));
});
