// `action-plan-lint --fix` never loses an edit: it writes through a temporary file in the same folder and renames it
// over the original, and only when the file is still the one it read. Complements test/cli/fix.test.ts (exact
// rewrites, encodings, mode, symbolic links, .docx never touched, undecodable files never touched, no temporary
// files left) with: a read-only folder (the real CLI, run as an unprivileged user when the tests run as root), and a
// file replaced, touched or deleted while it is being checked (in process: the engines change the file on disk
// during the analysis, exactly between reading and writing).
import { createActionPlanService, fixedClock } from '../../server/src/core/service';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Engines } from '../../server/src/core/analysis';
import { loadEngines } from '../../server/src/node/data';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { lintFile } from '../../server/src/cli/lintFile';
import { BIN, makeDocx, scratch } from '../cli/helpers';
import { childEnv } from '../server/lspClient';

const BEFORE = '一、市卫生计生委负责。\n';
const AFTER = '一、市卫健委负责。\n';
const REF = '2024-06-01';

test('--fix in a read-only folder: a clear per-file error, the file untouched, the other folder fixed, exit 2', async () => {
  const dir = scratch();
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'ro'));
  mkdirSync(join(dir, 'rw'));
  writeFileSync(join(dir, 'ro', 'doc.md'), BEFORE, { mode: 0o666 });
  writeFileSync(join(dir, 'rw', 'doc.md'), BEFORE, { mode: 0o666 });
  const docx = await makeDocx(['一、市卫生计生委负责。']);
  writeFileSync(join(dir, 'rw', 'word.docx'), docx, { mode: 0o666 });
  chmodSync(join(dir, 'ro', 'doc.md'), 0o666); // writable file, read-only folder: an in-place write would succeed
  chmodSync(join(dir, 'rw', 'doc.md'), 0o666);
  chmodSync(join(dir, 'ro'), 0o555);
  chmodSync(join(dir, 'rw'), 0o777);
  // root ignores permissions: run the CLI as "nobody" then.
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const res = spawnSync(process.execPath, [BIN, '--fix', '--reference-date', REF, '.'], {
    cwd: dir,
    env: childEnv({ ACTION_PLAN_TODAY: REF }),
    encoding: 'utf8',
    ...asNobody,
  });
  assert.equal(res.status, 2, res.stderr);
  assert.equal(
    res.stderr,
    '✖ ro/doc.md: 无法写入修复（EACCES），文件未改动 / could not write the fixes (EACCES); the file is unchanged\n',
  );
  assert.equal(readFileSync(join(dir, 'ro', 'doc.md'), 'utf8'), BEFORE);
  assert.equal(readFileSync(join(dir, 'rw', 'doc.md'), 'utf8'), AFTER);
  assert.deepEqual(readFileSync(join(dir, 'rw', 'word.docx')), docx); // .docx: reported, never written
  assert.deepEqual(readdirSync(join(dir, 'ro')), ['doc.md']);
  assert.deepEqual(readdirSync(join(dir, 'rw')).sort(), ['doc.md', 'word.docx']);
  assert.equal(statSync(join(dir, 'rw', 'doc.md')).mode & 0o777, 0o666);
  chmodSync(join(dir, 'ro'), 0o755);
});

/** The real engines, plus `during()` run in the middle of the analysis (at the first citation scan): once, or every time. */
function enginesThat(during: () => void, always = false): Engines {
  const real = loadEngines();
  let done = false;
  return {
    ...real,
    findCitations: ((...args: Parameters<Engines['findCitations']>) => {
      if (!done || always) {
        done = true;
        during();
      }
      return real.findCitations(...args);
    }) as Engines['findCitations'],
  };
}

async function fixWhile(file: string, during: () => void, always = false) {
  const engines = enginesThat(during, always);
  return lintFile(
    { abs: file, display: 'doc.md', kind: 'md' },
    {
      service: createActionPlanService({ clock: fixedClock(REF), engines: () => engines }),
      settings: { ...DEFAULT_SETTINGS },
      fix: true,
      mode: 'lint',
    },
  );
}

const CHANGED =
  '文件在检查期间被修改（已重试），修复未写入 / the file kept changing while it was being checked (retried); fixes not written';

test('--fix: a file replaced while it is checked keeps the new content; the fixes are made again on it (compare-and-swap, retry)', async () => {
  const dir = scratch();
  const file = join(dir, 'doc.md');
  writeFileSync(file, BEFORE);
  const newer = '一、市卫生计生委负责，市公安局配合。\n';
  const res = await fixWhile(file, () => writeFileSync(file, newer));
  assert.equal(res.error, undefined);
  assert.deepEqual(
    res.fixes.map((f) => [f.from, f.to]),
    [['市卫生计生委', '市卫健委']],
  );
  assert.equal(readFileSync(file, 'utf8'), '一、市卫健委负责，市公安局配合。\n');
  assert.deepEqual(readdirSync(dir), ['doc.md']);
});

test('--fix: a same-size rewrite (only the bytes differ, not the size) is detected too', async () => {
  const dir = scratch();
  const file = join(dir, 'doc.md');
  writeFileSync(file, BEFORE);
  const same = '二、市卫生计生委负责。\n';
  assert.equal(Buffer.byteLength(same), Buffer.byteLength(BEFORE));
  const res = await fixWhile(file, () => {
    const st = statSync(file);
    writeFileSync(file, same);
    utimesSync(file, st.atime, st.mtime); // even the modification time is put back
  });
  assert.equal(res.error, undefined);
  assert.equal(readFileSync(file, 'utf8'), '二、市卫健委负责。\n');
});

test('--fix: a file that keeps changing during every attempt is refused with a message, its last content kept', async () => {
  const dir = scratch();
  const file = join(dir, 'doc.md');
  writeFileSync(file, BEFORE);
  let n = 0;
  const res = await fixWhile(file, () => writeFileSync(file, `${++n}、市卫生计生委负责。\n`), true);
  assert.equal(res.error, CHANGED);
  assert.deepEqual(res.fixes, []);
  assert.equal(readFileSync(file, 'utf8'), `${n}、市卫生计生委负责。\n`);
  assert.deepEqual(readdirSync(dir), ['doc.md']);
});

test('--fix: a file deleted while it is checked is not recreated', async () => {
  const dir = scratch();
  const file = join(dir, 'doc.md');
  writeFileSync(file, BEFORE);
  const res = await fixWhile(file, () => unlinkSync(file));
  assert.equal(
    res.error,
    '无法写入修复（ENOENT），文件未改动 / could not write the fixes (ENOENT); the file is unchanged',
  );
  assert.equal(existsSync(file), false);
  assert.deepEqual(readdirSync(dir), []);
});

test('--fix: unchanged during the check → written atomically (fixed text, no temporary file left)', async () => {
  const dir = scratch();
  const file = join(dir, 'doc.md');
  writeFileSync(file, BEFORE);
  const res = await fixWhile(file, () => undefined);
  assert.equal(res.error, undefined);
  assert.deepEqual(
    res.fixes.map((f) => [f.from, f.to]),
    [['市卫生计生委', '市卫健委']],
  );
  assert.equal(readFileSync(file, 'utf8'), AFTER);
  assert.deepEqual(readdirSync(dir), ['doc.md']);
});
