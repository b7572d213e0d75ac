// The CLI ends its process as soon as its output is out (server/src/cli/main.ts exitWhenWritten): never before a
// stream has taken everything written to it, with the exit status asked for, and 'exit' listeners still run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, FIXTURES, lint } from './helpers';

const MAIN = join(__dirname, '..', '..', 'server', 'src', 'cli', 'main.js');

test('exitWhenWritten waits for a slow stream to take its writes, then exits with the code; exit listeners run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apa-exit-'));
  const file = join(dir, 'out.txt');
  // A stream that hands its chunks on only after a delay (as an asynchronous pipe does), and a timer that would
  // keep the process alive for a minute: the process must end right after the stream has taken the last chunk.
  const script = `
    const { Writable } = require('node:stream');
    const { appendFileSync } = require('node:fs');
    const slow = new Writable({
      write(chunk, _enc, cb) { setTimeout(() => { appendFileSync(${JSON.stringify(file)}, chunk); cb(); }, 50); },
    });
    process.on('exit', (c) => appendFileSync(${JSON.stringify(file)}, '|exit ' + c));
    setTimeout(() => {}, 60000);
    slow.write('first ');
    slow.write('second');
    require(${JSON.stringify(MAIN)}).exitWhenWritten(3, [slow, process.stdout]);
  `;
  const r = spawnSync(
    process.execPath,
    ['-e', script],
    { encoding: 'utf8', timeout: 50000 } /* a hang is a failure (status null) */,
  );
  assert.equal(r.status, 3, r.stderr);
  assert.equal(readFileSync(file, 'utf8'), 'first second|exit 3');
});

test('the CLI through a pipe: the whole output of a large report and the exit status', () => {
  const doc = '由国家工商总局牵头，会同卫生部开展工作。\n'.repeat(400);
  const dir = mkdtempSync(join(tmpdir(), 'apa-exit-'));
  const file = join(dir, 'plan.md');
  writeFileSync(file, doc);
  const r = lint(['--format', 'json', file]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as Array<{ diagnostics: unknown[] }>;
  assert.equal(out[0].diagnostics.length, 800);
});

test('stderr, made on first use: messages arrive through a pipe; on a terminal the progress line is drawn', (t) => {
  const missing = lint(['--format', 'json', 'no-such-file.md', 'docs/a-plan.md']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no-such-file\.md/);
  assert.equal(JSON.parse(missing.stdout).length, 2);
  // A real terminal (util-linux script gives the command a pseudo-terminal): stderr is told to be one without a
  // stream made beforehand, and the progress line is drawn and cleared.
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.error) return t.skip('util-linux script is not installed');
  const tty = spawnSync(
    'script',
    ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --format json docs > /dev/null`, '/dev/null'],
    {
      cwd: FIXTURES,
      encoding: 'utf8',
      env: { ...process.env, ACTION_PLAN_TODAY: '2025-06-01', NODE_TEST_CONTEXT: '' },
    },
  );
  assert.match(
    tty.stdout,
    /\r已检查 4\/4 个文件 \/ checked 4\/4 files\u001b\[K\r\u001b\[K/,
    JSON.stringify(tty.stdout),
  );
});
