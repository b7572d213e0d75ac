// Unit tests of the CLI's pure parts: argument parsing, text decoding (BOM, UTF-16, NUL, invalid UTF-8), the
// .docx paragraph-to-line rule, the worker pool size and the config file shapes. The real CLI is tested as a
// subprocess in the other files of this folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { ConfigError, loadConfig, settingsObject } from '../../server/src/cli/config';
import { decodeText, encodeText, firstInvalidUtf8 } from '../../server/src/cli/input';
import { docxParagraphsToLines } from '../../server/src/node/docx';
import { main } from '../../server/src/cli/main';
import { FILES_PER_WORKER, poolSize } from '../../server/src/cli/pool';
import { lintFile, plainMessages } from '../../server/src/cli/lintFile';
import { loadEngines } from '../../server/src/node/data';
import { createActionPlanService, fixedClock } from '../../server/src/core/service';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { messageOf } from '../../server/src/core/catalog/rules';
import { FIXTURES } from './helpers';

test('parseArgs: defaults, commands, values with = and separate', () => {
  assert.deepEqual(parseArgs(['a.md']), {
    command: 'lint',
    format: 'text',
    fix: false,
    listUnknown: false,
    quiet: false,
    positionals: ['a.md'],
  });
  assert.deepEqual(parseArgs(['--format=json', '--reference-date', '2021/3/9', '--fix', 'x', 'y']), {
    command: 'lint',
    format: 'json',
    referenceDate: '2021-03-09',
    fix: true,
    listUnknown: false,
    quiet: false,
    positionals: ['x', 'y'],
  });
  assert.equal(parseArgs(['report', 'docs', '--format', 'markdown']).command, 'report');
  assert.deepEqual(parseArgs(['show', '二（一）2（3）']).positionals, ['二（一）2（3）']);
  // `report` after a path is a path; `--` ends the options
  assert.deepEqual(parseArgs(['a', 'report']).positionals, ['a', 'report']);
  assert.deepEqual(parseArgs(['--', '--fix']).positionals, ['--fix']);
  assert.equal(parseArgs(['--help', 'x']).command, 'help');
  assert.equal(parseArgs(['-v']).command, 'version');
});

test('parseArgs: usage errors', () => {
  const bad = (argv: string[], re: RegExp) =>
    assert.throws(
      () => parseArgs(argv),
      (e: unknown) => e instanceof UsageError && re.test(e.message),
    );
  bad(['--frobnicate', 'a'], /未知选项 --frobnicate \/ unknown option --frobnicate/);
  bad(['--format', 'xml', 'a'], /--format must be one of text, json, sarif/);
  bad(['report', '--format', 'sarif', 'a'], /one of text, json, markdown/);
  bad(['show', 'x', '--format', 'markdown'], /one of text, json/);
  bad(['--format'], /needs a value/);
  bad(['--reference-date', '2021-02-30', 'a'], /not a valid date/);
  bad([], /no files or folders given/);
  bad(['show'], /show needs one citation/);
  bad(['show', 'a', 'b'], /exactly one citation/);
  bad(['report', '--fix', 'a'], /does not apply to the report command/);
  bad(['show', 'x', '--fix'], /does not apply to the show command/); // --reference-date does apply: the plan's status on that date
  bad(['--fix=yes', 'a'], /takes no value/);
  bad(['--format', 'json', '--format', 'text', 'a'], /given twice/);
  bad(['--list-unknown', '--format', 'sarif', 'a'], /text and json formats only/);
  bad(['--list-unknown', '--fix', 'a'], /cannot be combined/);
});

test('decodeText: UTF-8, BOM, UTF-16 LE/BE with BOM, and the errors', () => {
  const s = '𠮷 卫生部\r\n二行';
  assert.deepEqual(decodeText(Buffer.from(s, 'utf8')), { text: s, encoding: 'utf8' });
  for (const enc of ['utf8-bom', 'utf16le', 'utf16be'] as const) {
    assert.deepEqual(decodeText(encodeText(s, enc)), { text: s, encoding: enc }, enc);
  }
  assert.deepEqual([...encodeText('a', 'utf16be')], [0xfe, 0xff, 0x00, 0x61]);
  assert.deepEqual([...encodeText('a', 'utf16le')], [0xff, 0xfe, 0x61, 0x00]);

  const nul = decodeText(Buffer.from([0x61, 0x62, 0x00, 0x63]));
  assert.ok('error' in nul && nul.error.startsWith('看起来是二进制文件（第 2 字节为 NUL）'), JSON.stringify(nul));
  // 第二行 in GBK: D4 DA B6 FE D0 D0 — invalid UTF-8 at byte 4 (after "ab\n" and one more byte? no: at the first lead)
  const gbk = decodeText(Buffer.from([0x61, 0x62, 0x0a, 0xb5, 0xda, 0xb6, 0xfe]));
  assert.ok('error' in gbk);
  assert.match(gbk.error, /^不是 UTF-8 编码（第 2 行、第 3 字节处无效；可能是 GBK\/GB18030/);
  assert.match(gbk.error, /not UTF-8 \(invalid byte at offset 3, line 2;/);
  const odd = decodeText(Buffer.from([0xff, 0xfe, 0x61]));
  assert.ok('error' in odd && /odd length/.test(odd.error));
  const lone = decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00])); // unpaired high surrogate
  assert.ok('error' in lone && /unpaired surrogate/.test(lone.error));
});

test('firstInvalidUtf8: overlongs, surrogates, truncation, code points above U+10FFFF', () => {
  assert.equal(firstInvalidUtf8(Buffer.from('好𠮷', 'utf8')), -1);
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0x80])), 1); // overlong NUL
  assert.equal(firstInvalidUtf8(Uint8Array.from([0xe0, 0x80, 0x80])), 0); // overlong 3-byte
  assert.equal(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80])), 0); // U+D800
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x61, 0xe5, 0xa5])), 1); // truncated
  assert.equal(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80])), 0); // > U+10FFFF
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x80])), 0); // lone continuation
});

test('docxParagraphsToLines: one paragraph per line, empty paragraphs kept', () => {
  assert.equal(docxParagraphsToLines('标题\n\n\n\n正文\n\n'), '标题\n\n正文');
  assert.equal(docxParagraphsToLines(''), '');
  assert.equal(docxParagraphsToLines('一段\n\n'), '一段');
});

test('poolSize: main thread for few files, bounded by CPUs, forced by ACTION_PLAN_LINT_WORKERS', () => {
  assert.equal(poolSize(FILES_PER_WORKER - 1, {}), 0);
  const many = poolSize(FILES_PER_WORKER * 1000, {});
  assert.ok(many === 0 || many >= 2);
  assert.equal(poolSize(5, { ACTION_PLAN_LINT_WORKERS: '3' }), 3);
  assert.equal(poolSize(2, { ACTION_PLAN_LINT_WORKERS: '3' }), 2);
  assert.equal(poolSize(500, { ACTION_PLAN_LINT_WORKERS: '0' }), 0);
});

test('config: the three accepted shapes, strict validation, customAgencies relative to the file', () => {
  assert.deepEqual(settingsObject({ actionPlan: { defaultPlan: '2013-2020' } }), { defaultPlan: '2013-2020' });
  assert.deepEqual(settingsObject({ 'actionPlan.referenceDate': '2020-01-01', 'editor.tabSize': 2 }), {
    referenceDate: '2020-01-01',
  });
  const dir = mkdtempSync(join(tmpdir(), 'apl-config-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  write('agencies.json', '{"agencies": []}');
  const ok = loadConfig(
    write(
      'ok.json',
      JSON.stringify({
        actionPlan: {
          referenceDate: '2019年3月1日',
          rules: { 'unknown-agency': 'off' },
          customAgencies: 'agencies.json',
          allow: ['市关工委'],
        },
      }),
    ),
  );
  assert.equal(ok.settings.referenceDate, '2019-03-01');
  assert.deepEqual(ok.settings.rules, { 'unknown-agency': 'off' });
  assert.deepEqual(ok.settings.allow, ['市关工委']);
  assert.deepEqual(ok.customAgencies, { json: { agencies: [] }, source: join(dir, 'agencies.json') });

  const fails = (file: string, re: RegExp) =>
    assert.throws(
      () => loadConfig(file),
      (e: unknown) => e instanceof ConfigError && re.test(e.message),
      file,
    );
  fails(write('bad.json', '{ "rules": '), /不是有效的 JSON/);
  fails(write('arr.json', '[1]'), /应为 JSON 对象/);
  fails(
    write('key.json', '{"referenceDat": "2020-01-01"}'),
    /未知设置项“referenceDat” \/ unknown setting "referenceDat"/,
  );
  fails(write('rule.json', '{"rules": {"outdated-agency": "loud"}}'), /actionPlan\.rules\.outdated-agency 无效/);
  fails(write('norule.json', '{"rules": {"no-such-rule": "off"}}'), /未知规则“no-such-rule”/);
  fails(write('missing.json', '{"customAgencies": "nope.json"}'), /无法读取机构清单文件 .*nope\.json（ENOENT）/);
  fails(join(dir, 'absent.json'), /无法读取设置文件 .*absent\.json（ENOENT）/);
});

class Sink {
  data = '';
  constructor(readonly isTTY: boolean) {}
  write(s: string): boolean {
    this.data += s;
    return true;
  }
}

test('main(): a progress line on stderr only when stderr is a terminal, cleared at the end', async () => {
  const run = async (tty: boolean) => {
    const stdout = new Sink(false);
    const stderr = new Sink(tty);
    const io = { stdout, stderr, cwd: FIXTURES, env: { ACTION_PLAN_TODAY: '2025-06-01' } } as unknown as Parameters<
      typeof main
    >[1];
    const code = await main(['--format', 'json', 'docs'], io);
    return { code, stdout: stdout.data, stderr: stderr.data };
  };
  const tty = await run(true);
  const pipe = await run(false);
  assert.equal(tty.code, 1);
  assert.equal(pipe.code, 1);
  assert.equal(pipe.stderr, '');
  assert.equal(tty.stdout, pipe.stdout);
  assert.ok(tty.stderr.startsWith('\r已检查 1/4 个文件 / checked 1/4 files\u001b[K'), JSON.stringify(tty.stderr));
  assert.ok(
    tty.stderr.endsWith('\r已检查 4/4 个文件 / checked 4/4 files\u001b[K\r\u001b[K'),
    JSON.stringify(tty.stderr),
  );
});

test('lintFile: messages are built when read, the same as messageOf; plainMessages makes them survive a structured clone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apa-units-'));
  const file = join(dir, 'doc.md');
  writeFileSync(file, '由国家工商总局牵头，会同卫生部开展工作。\n');
  const engines = loadEngines();
  const service = createActionPlanService({ clock: fixedClock('2025-06-01'), engines: () => engines });
  const ctx = { service, settings: { ...DEFAULT_SETTINGS }, fix: false, mode: 'lint' as const };
  const result = await lintFile({ abs: file, display: 'doc.md', kind: 'md' }, ctx);
  const analysis = service.analyze('由国家工商总局牵头，会同卫生部开展工作。\n', DEFAULT_SETTINGS);
  assert.ok(result.diagnostics.length >= 2);
  const expected = analysis.findings.map((f) => ({ zh: messageOf(f, 'zh'), en: messageOf(f, 'en') }));
  const byOrder = [...expected].sort((a, b) => (a.zh < b.zh ? -1 : 1));
  const got = result.diagnostics.map((d) => ({ zh: d.message.zh, en: d.message.en }));
  assert.deepEqual(
    [...got].sort((a, b) => (a.zh < b.zh ? -1 : 1)),
    byOrder,
  );
  const cloned = structuredClone(plainMessages(result));
  assert.deepEqual(
    cloned.diagnostics.map((d) => d.message),
    got,
  );
});
