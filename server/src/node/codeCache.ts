// Loading a CommonJS bundle with a V8 code cache (bundled to dist/codeCache.js; bin/action-plan-lint.js uses it for
// dist/cli.js). A short-lived CLI process spends a good part of its life parsing and compiling the ~1 MB bundle;
// the code cache holds V8's bytecode of every function the previous run compiled, so the next run skips that work.
// Node 20 has no module.enableCompileCache, hence vm.Script with cachedData.
//
// The cache is an optimisation only; it must never make the CLI fail or run stale code:
// - it is written next to the bundle (`<bundle>.v8cache`, owned like the bundle; never a shared temporary folder,
//   where another user could plant bytecode), atomically (temporary file + rename), and only when that folder is
//   writable — otherwise nothing is written and every run compiles as before;
// - its header records a digest of the bundle's source, the Node.js version/architecture and a digest of the
//   payload: a rebuilt bundle, another Node.js or a damaged file means no cache (V8 itself only compares the
//   source's length and its flags). The digest is zlib's CRC-32 with the length (native, and zlib costs a start-up
//   next to nothing, where loading node:crypto took ≈ 2 ms of a 10 KB run's ≈ 60 ms); SHA-1 where this Node.js has
//   no zlib.crc32 (before 20.15). It guards against accidents, not attacks: whoever can write the cache file can
//   write the bundle next to it;
// - V8 may still reject the data (other V8 flags): then the source is compiled as usual and the cache rewritten;
// - the cache holds what the run that wrote it compiled: a run over a small file (or one that left the files to
//   worker threads) leaves out the functions only larger documents reach, which every later run would compile again.
//   The header records the run's weight (what it analysed, in characters); a run at least GROWTH times heavier
//   writes the cache again, with the functions it added — a few times in the life of a build at most;
// - ACTION_PLAN_CODE_CACHE=0 turns it off.
import { accessSync, constants, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import zlib from 'node:zlib';
import { decodeValidUtf8 } from './utf8';

/** What happened to the cache when the bundle was loaded. */
export type CodeCacheState = 'accepted' | 'rejected' | 'absent' | 'off';

export interface CachedBundle {
  /** module.exports of the bundle. */
  exports: unknown;
  state: CodeCacheState;
  /**
   * Writes a fresh cache (recording `weight`, what this run analysed) unless the one loaded was accepted and this run
   * is not GROWTH times heavier than the one that wrote it (or the cache is off). Never throws; true if written.
   */
  save(weight?: number): boolean;
}

const FORMAT = 2;
/** How much heavier than the cache's writer a run must be to write the cache again. */
export const GROWTH = 4;

interface Header {
  format: number;
  source: string;
  node: string;
  arch: string;
  data: string;
  /** What the writing run analysed (absent in caches written before it was recorded: 0). */
  weight?: number;
}

/** The digest recorded in the header for a source text or a payload (see above). */
export function digestOf(b: Buffer | string): string {
  // Typed as always there (@types/node 20.19); undefined on Node.js 20 before 20.15.
  const crc32 = zlib.crc32 as typeof zlib.crc32 | undefined;
  if (crc32) return `crc32:${crc32(b).toString(16)}:${typeof b === 'string' ? b.length : b.byteLength}`;
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return `sha1:${createHash('sha1').update(b).digest('hex')}`;
}

/**
 * The bundle's source and digestOf(source), decoded and digested from its bytes (node/utf8.ts; V8's own decoder takes
 * the 0.4 MB bundle a unit at a time, and digesting the string encodes it back to UTF-8 first): valid UTF-8 is the
 * UTF-8 of its text, so the digest of the bytes with the text's length is digestOf(source).
 */
export function readSource(bundle: string): { source: string; hash: string } {
  const bytes = readFileSync(bundle);
  const source = decodeValidUtf8(bytes);
  if (source === undefined) {
    const text = bytes.toString('utf8');
    return { source: text, hash: digestOf(text) };
  }
  const crc32 = zlib.crc32 as typeof zlib.crc32 | undefined;
  return { source, hash: crc32 ? `crc32:${crc32(bytes).toString(16)}:${source.length}` : digestOf(bytes) };
}

export function cacheFileOf(bundle: string): string {
  return `${bundle}.v8cache`;
}

/** The cached bytecode for this source, if the file is intact and was made for it by this Node.js. */
export function readCodeCache(file: string, sourceHash: string): Buffer | undefined {
  return readCodeCacheEntry(file, sourceHash)?.data;
}

/** readCodeCache with the weight its header records. */
export function readCodeCacheEntry(file: string, sourceHash: string): { data: Buffer; weight: number } | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  const nl = buf.indexOf(10);
  if (nl < 0 || nl > 1024) return undefined;
  let h: Header;
  try {
    h = JSON.parse(buf.subarray(0, nl).toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  if (h.format !== FORMAT || h.source !== sourceHash || h.node !== process.version || h.arch !== process.arch)
    return undefined;
  const data = buf.subarray(nl + 1);
  if (data.length === 0 || digestOf(data) !== h.data) return undefined;
  return { data, weight: typeof h.weight === 'number' && h.weight >= 0 ? h.weight : 0 };
}

/** Writes the cache atomically; false (and nothing left behind) when the folder is not writable or anything fails. */
export function writeCodeCache(file: string, sourceHash: string, data: Buffer, weight = 0): boolean {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    accessSync(dir, constants.W_OK);
    const header: Header = {
      format: FORMAT,
      source: sourceHash,
      node: process.version,
      arch: process.arch,
      data: digestOf(data),
      weight,
    };
    writeFileSync(tmp, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n', 'utf8'), data]));
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing was written */
    }
    return false;
  }
}

/**
 * Loads `bundle` (a CommonJS file) like require() would, with the code cache when there is a valid one. Errors of
 * reading or compiling fall back to a plain require(); errors thrown by the bundle's own code propagate as with
 * require(). The module is registered in require.cache under its path.
 */
export function requireWithCodeCache(
  bundle: string,
  env: Record<string, string | undefined> = process.env,
): CachedBundle {
  const off = env.ACTION_PLAN_CODE_CACHE === '0';
  let compiled: { script: Script; hash: string; state: CodeCacheState; weight: number } | undefined;
  if (!off && !require.cache[bundle]) {
    try {
      const { source, hash } = readSource(bundle);
      const cached = readCodeCacheEntry(cacheFileOf(bundle), hash);
      const script = new Script(Module.wrap(source), { filename: bundle, cachedData: cached?.data });
      const state: CodeCacheState = !cached ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted';
      compiled = { script, hash, state, weight: cached?.weight ?? 0 };
    } catch {
      compiled = undefined;
    }
  }
  if (!compiled) {
    return { exports: require(bundle), state: 'off', save: () => false };
  }
  const { script, hash, state, weight: cachedWeight } = compiled;
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(bundle));
  require.cache[bundle] = mod;
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    req: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  try {
    wrapper.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, dirname(bundle));
  } catch (e) {
    delete require.cache[bundle];
    throw e;
  }
  mod.loaded = true;
  let saved = false;
  return {
    exports: mod.exports,
    state,
    save(weight = 0) {
      const heavier = weight > 0 && weight >= GROWTH * cachedWeight;
      if ((state === 'accepted' && !heavier) || saved) return false;
      saved = true;
      try {
        return writeCodeCache(cacheFileOf(bundle), hash, script.createCachedData(), weight);
      } catch {
        return false;
      }
    },
  };
}
