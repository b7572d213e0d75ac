// How the CLI writes a report to stdout (main.ts writeOutput): to a file or /dev/null directly in pieces, which must
// give exactly the bytes of writing the whole text (UTF-8 of every character, a surrogate pair never cut in two, lone
// surrogates as U+FFFD either way); elsewhere through the stream. And the real CLI with stdout on a file writes the
// same bytes as on a pipe, in every format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { OUTPUT_PIECE, synchronousFd, writeOutput, type Io } from '../../server/src/cli/main';
import { BIN, FIXTURES, TODAY } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

function ioWriting(fd: number | undefined, written: string[]): Io {
  const stream = {
    write(s: string) {
      written.push(s);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return { stdout: stream, stderr: stream, stdoutFd: () => fd, cwd: '/', env: {} };
}

/** The bytes writeOutput puts in a file for `text`. */
function writtenToFile(text: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'apl-out-'));
  const file = join(dir, 'out');
  const fd = openSync(file, 'w');
  const viaStream: string[] = [];
  try {
    writeOutput(ioWriting(fd, viaStream), text);
  } finally {
    closeSync(fd);
  }
  // A long text never goes through the stream; a short one always does.
  if (text.length > OUTPUT_PIECE) assert.deepEqual(viaStream, []);
  return text.length > OUTPUT_PIECE ? readFileSync(file) : Buffer.from(viaStream.join(''));
}

test('writeOutput: a long text written in pieces is byte for byte the UTF-8 of the whole', () => {
  const units = fc.constantFrom('a', '县', '"', '\n', '\u{20BB7}', '\u{1F600}', '\ud800', '\udc00', '\udbff');
  const tail = fc.array(units, { maxLength: 24 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 6 }), tail, tail, fc.nat(3), (pad, a, b, pieces) => {
      // The random parts straddle the piece boundaries (at OUTPUT_PIECE, 2 × OUTPUT_PIECE …).
      const text =
        'x'.repeat(OUTPUT_PIECE - pad) + a + 'y'.repeat(Math.max(0, OUTPUT_PIECE - a.length)) + b + 'z'.repeat(pieces);
      assert.ok(writtenToFile(text).equals(Buffer.from(text)));
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // A pair exactly across the first boundary, and a lone high surrogate there.
  for (const t of ['\u{20BB7}', '\ud800b', '\udc00\ud800']) {
    const text = 'x'.repeat(OUTPUT_PIECE - 1) + t + 'y'.repeat(OUTPUT_PIECE + 5);
    assert.ok(writtenToFile(text).equals(Buffer.from(text)));
  }
});

test('writeOutput: without a synchronous descriptor, or for a short text, the stream gets the whole text', () => {
  const long = '县'.repeat(OUTPUT_PIECE + 10);
  const written: string[] = [];
  writeOutput(ioWriting(undefined, written), long);
  writeOutput(ioWriting(undefined, written), 'short');
  assert.deepEqual(written, [long, 'short']);
  const viaStream: string[] = [];
  writeOutput(ioWriting(1, viaStream), 'short');
  assert.deepEqual(viaStream, ['short']);
});

test('synchronousFd: a regular file and /dev/null, not a terminal stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apl-out-'));
  const fd = openSync(join(dir, 'f'), 'w');
  const nul = openSync('/dev/null', 'w');
  try {
    assert.equal(synchronousFd(fd, {}), fd);
    assert.equal(synchronousFd(nul, { isTTY: false }), nul);
    assert.equal(synchronousFd(nul, { isTTY: true }), undefined);
    assert.equal(synchronousFd(987654, {}), undefined); // not open
  } finally {
    closeSync(fd);
    closeSync(nul);
  }
});

test('the CLI writes the same bytes to a file as to a pipe (json, sarif, text; output longer than one piece)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apl-out-'));
  const doc = readFileSync(join(FIXTURES, 'docs', 'a-plan.md'), 'utf8');
  writeFileSync(join(dir, 'big.md'), Array.from({ length: 250 }, () => doc).join('\n'));
  const env: NodeJS.ProcessEnv = { ...process.env, ACTION_PLAN_TODAY: TODAY, ACTION_PLAN_LINT_WORKERS: '0' };
  delete env.NODE_TEST_CONTEXT;
  for (const format of ['json', 'sarif', 'text']) {
    const args = [BIN, '--format', format, '--lang', 'zh', 'big.md'];
    const piped = spawnSync(process.execPath, args, { cwd: dir, env, maxBuffer: 1 << 28 });
    assert.ok(piped.stdout.toString().length > OUTPUT_PIECE, `${format}: ${piped.stdout.length} bytes`);
    const out = join(dir, `out.${format}`);
    const fd = openSync(out, 'w');
    let status: number | null;
    try {
      status = spawnSync(process.execPath, args, { cwd: dir, env, stdio: ['ignore', fd, 'pipe'] }).status;
    } finally {
      closeSync(fd);
    }
    assert.equal(status, piped.status);
    assert.ok(readFileSync(out).equals(piped.stdout), format);
  }
});

test('review6: output cut short by the system (a full disk, a file size limit) is an error, never a silently short report', (t) => {
  // writeOutput ignored what fs.writeSync returned: a piece the system took only in part (write(2) returns fewer bytes
  // on a disk that fills up or at a file size limit, and no error) left the report cut short, with the usual exit
  // status. Here a file size limit (bash ulimit -f, 1024-byte blocks; Node.js ignores SIGXFSZ) cuts the report inside
  // its last piece: the rest must be written again, and the system's error then reported (exit 2).
  if (process.platform === 'win32') return t.skip('ulimit');
  const dir = mkdtempSync(join(tmpdir(), 'apl-out-'));
  const doc = readFileSync(join(FIXTURES, 'docs', 'a-plan.md'), 'utf8');
  writeFileSync(join(dir, 'big.md'), Array.from({ length: 250 }, () => doc).join('\n'));
  const env: NodeJS.ProcessEnv = { ...process.env, ACTION_PLAN_TODAY: TODAY, ACTION_PLAN_LINT_WORKERS: '0' };
  delete env.NODE_TEST_CONTEXT;
  const args = [BIN, '--format', 'json', '--lang', 'zh', 'big.md'];
  const piped = spawnSync(process.execPath, args, { cwd: dir, env, maxBuffer: 1 << 28 });
  const size = piped.stdout.length;
  assert.ok(size > 4 * OUTPUT_PIECE, `${size} bytes`);
  // Every limit below the size: the last bytes of the last piece, inside it, and inside an earlier piece.
  for (const limit of [Math.floor((size - 1) / 1024), Math.floor((size - 3 * 1024) / 1024), 64]) {
    const out = join(dir, `out.${limit}`);
    const quoted = [process.execPath, ...args].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('bash', ['-c', `ulimit -f ${limit}; exec ${quoted} > '${out}'`], { cwd: dir, env });
    assert.equal(readFileSync(out).length, limit * 1024, `limit ${limit}`);
    assert.equal(r.status, 2, `limit ${limit}: exit ${r.status}, stderr ${r.stderr}`);
    assert.match(r.stderr.toString(), /EFBIG/);
    // A plain message in the CLI's convention, no internal-error stack trace.
    assert.match(
      r.stderr.toString(),
      /^action-plan-lint: 无法写出检查结果（EFBIG）.* \/ cannot write the output \(EFBIG\)/,
    );
    assert.doesNotMatch(r.stderr.toString(), /内部错误|internal error|\n\s+at /);
  }
});

test('acc-left3: stdout that cannot be written (a full device, a descriptor open read-only) is a plain error, exit 2, in every command and format', (t) => {
  // A short report goes through process.stdout, whose write error came only after the exit: a report written to
  // /dev/full was lost with exit status 1 and nothing on stderr; a long one to a file past its size limit printed an
  // internal-error stack trace. Now both say plainly that the output could not be written, and exit 2.
  if (process.platform === 'win32') return t.skip('/dev/full');
  const dir = mkdtempSync(join(tmpdir(), 'apl-out-'));
  writeFileSync(join(dir, 'a.md'), '（县工商局负责，县公安局配合）\n');
  writeFileSync(join(dir, 'readonly'), '');
  const env: NodeJS.ProcessEnv = { ...process.env, ACTION_PLAN_TODAY: TODAY, ACTION_PLAN_LINT_WORKERS: '0' };
  delete env.NODE_TEST_CONTEXT;
  const runs: [string, string[]][] = [
    ['/dev/full', ['--format', 'text', 'a.md']],
    ['/dev/full', ['--format', 'json', '--lang', 'en', 'a.md']],
    ['/dev/full', ['report', 'a.md']],
    ['readonly', ['--format', 'sarif', 'a.md']],
    ['readonly', ['show', '《行动计划（2021—2030年）》二（一）']],
  ];
  for (const [target, args] of runs) {
    const fd = openSync(target === 'readonly' ? join(dir, 'readonly') : target, target === 'readonly' ? 'r' : 'w');
    let r;
    try {
      r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, stdio: ['ignore', fd, 'pipe'] });
    } finally {
      closeSync(fd);
    }
    const err = r.stderr.toString();
    assert.equal(r.status, 2, `${target} ${args.join(' ')}: exit ${r.status}, stderr ${err}`);
    assert.match(err, /^action-plan-lint: 无法写出检查结果（E[A-Z]+）.* \/ cannot write the output \(E[A-Z]+\)/, err);
    assert.doesNotMatch(err, /内部错误|internal error|\n\s+at /, err);
  }
  // The document is untouched, and the same run to a writable place still works.
  assert.equal(readFileSync(join(dir, 'a.md'), 'utf8'), '（县工商局负责，县公安局配合）\n');
  const ok = spawnSync(process.execPath, [BIN, '--format', 'json', 'a.md'], { cwd: dir, env });
  assert.equal(ok.status, 0, ok.stderr.toString());
  assert.match(ok.stdout.toString(), /outdated-agency/);
});
