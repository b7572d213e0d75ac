// --format sarif: valid against the official SARIF 2.1.0 JSON schema (test/fixtures/cli/sarif-schema/, see its
// README for where it comes from), validated with Ajv (draft-07) and ajv-formats; plus the fields GitHub code
// scanning reads: driver and rules, ruleId/ruleIndex, level, 1-based regions in UTF-16 code units, uriBaseId,
// partialFingerprints that survive edits elsewhere in the file, and notifications for files that could not be read.
import { RULES, type DiagnosticCode } from '../../server/src/core/catalog/rules';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { FIXTURES, lint, scratch } from './helpers';
import { sha256Hex } from '../../server/src/cli/format';

const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif-schema', 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function valid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> };
  }>;
  partialFingerprints: Record<string, string>;
  properties: { severity: string; data: unknown };
}

test('the schema copy is the draft-07 SARIF 2.1.0 schema and rejects what it should', () => {
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.title, 'Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  assert.equal(validate({ version: '2.1.0', runs: [] }), true);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  assert.equal(
    validate({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'information' }] }],
    }),
    false,
  );
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, columnKind: 'bytes' }] }), false);
});

test('--format sarif over the fixtures is valid SARIF 2.1.0 with the expected driver, rules and results', () => {
  const r = lint(['--format', 'sarif', '--reference-date', '2024-06-01', 'docs']);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  const log = JSON.parse(r.stdout);
  valid(log);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(FIXTURES).href + '/' } });
  assert.deepEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  const driver = run.tool.driver;
  const pkg = JSON.parse(readFileSync(join(FIXTURES, '..', '..', '..', 'package.json'), 'utf8'));
  assert.equal(driver.name, 'action-plan-lint');
  assert.equal(driver.version, pkg.version);
  // informationUri only when package.json names a real homepage or repository (none is declared yet).
  const declared = [pkg.homepage, typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url].find(
    (u: unknown) => typeof u === 'string' && /^https?:\/\//.test(u),
  );
  assert.equal(driver.informationUri, declared?.replace(/\.git$/, ''));
  assert.deepEqual(
    driver.rules.map((x: { id: string; name: string; defaultConfiguration: { level: string } }) => [
      x.id,
      x.name,
      x.defaultConfiguration.level,
    ]),
    [
      ['outdated-agency', 'OutdatedAgency', 'warning'],
      ['unknown-agency', 'UnknownAgency', 'warning'],
      ['unknown-citation', 'UnknownCitation', 'error'],
      ['superseded-citation', 'SupersededCitation', 'warning'],
      ['citation-format', 'CitationFormat', 'note'],
      ['citation-mismatch', 'CitationMismatch', 'note'],
      ['responsibility-mismatch', 'ResponsibilityMismatch', 'note'],
      ['duplicate-agency', 'DuplicateAgency', 'warning'],
    ],
  );
  // The rules are the catalog's, in the locale's language (the tests run with LANG=zh_CN.UTF-8).
  for (const rule of driver.rules) {
    const def = RULES[rule.id as DiagnosticCode];
    assert.deepEqual(
      [rule.shortDescription.text, rule.fullDescription.text, rule.help.text],
      [def.short.zh, def.full.zh, def.help.zh],
    );
  }

  const results: SarifResult[] = run.results;
  assert.deepEqual(
    results.map((x) => [x.ruleId, x.ruleIndex, x.level, x.locations[0].physicalLocation.artifactLocation.uri]),
    [
      ['outdated-agency', 0, 'warning', 'docs/a-plan.md'],
      ['unknown-citation', 2, 'error', 'docs/a-plan.md'],
      ['citation-format', 4, 'note', 'docs/a-plan.md'],
      ['superseded-citation', 3, 'warning', 'docs/b-notes.txt'],
      ['outdated-agency', 0, 'warning', 'docs/b-notes.txt'],
      ['unknown-agency', 1, 'warning', 'docs/b-notes.txt'],
      ['citation-format', 4, 'note', 'docs/sub/c.txt'],
    ],
  );
  for (const x of results) {
    assert.equal(driver.rules[x.ruleIndex].id, x.ruleId);
    assert.equal(x.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  }
  // 二、𠮷𠮷《行动计划（2021—2030年）》二（九）2（1）: the path starts at UTF-16 unit 24 → column 25.
  assert.deepEqual(results[1].locations[0].physicalLocation.region, {
    startLine: 5,
    startColumn: 25,
    endLine: 5,
    endColumn: 33,
  });
  assert.deepEqual(results[1].message, {
    text: '核对条目编号：《行动计划（2021—2030年）》中不存在“二（九）2（1）”',
  });
  assert.deepEqual(results[1].properties, { severity: 'error', data: { plan: '2021-2030' } });
  assert.deepEqual(results[6].properties, {
    severity: 'information',
    data: { replacement: '《中国反对拐卖人口行动计划（2021—2030年）》' },
  });
  // --lang en: English rules and messages, nothing Chinese but the quoted document text.
  const en = JSON.parse(lint(['--format', 'sarif', '--lang', 'en', '--reference-date', '2024-06-01', 'docs']).stdout);
  assert.equal(en.runs[0].tool.driver.rules[0].shortDescription.text, 'Outdated agency name');
  assert.equal(
    en.runs[0].results[1].message.text,
    'Check the item number: there is no "二（九）2（1）" in the plan 2021-2030',
  );
  const prints = results.map((x) => x.partialFingerprints['actionPlanFinding/v1']);
  assert.ok(prints.every((p) => /^[0-9a-f]{32}$/.test(p)));
  assert.equal(new Set(prints).size, prints.length);
});

test('partialFingerprints stay the same when lines are added above a finding; equal findings get distinct ones', () => {
  const dir = scratch();
  const body = '由市卫生计生委负责。\n再由市卫生计生委负责。\n';
  writeFileSync(join(dir, 'p.md'), body);
  const first = JSON.parse(lint(['--format', 'sarif', '--reference-date', '2024-06-01', 'p.md'], { cwd: dir }).stdout);
  writeFileSync(join(dir, 'p.md'), '# 新增标题\n\n前言。\n' + body);
  const second = JSON.parse(lint(['--format', 'sarif', '--reference-date', '2024-06-01', 'p.md'], { cwd: dir }).stdout);
  valid(first);
  valid(second);
  const fp = (log: { runs: Array<{ results: SarifResult[] }> }) =>
    log.runs[0].results.map((x) => x.partialFingerprints['actionPlanFinding/v1']);
  assert.equal(fp(first).length, 2);
  assert.notEqual(fp(first)[0], fp(first)[1]);
  assert.deepEqual(fp(second), fp(first));
  assert.deepEqual(
    second.runs[0].results.map((x: SarifResult) => x.locations[0].physicalLocation.region.startLine),
    [4, 5],
  );
});

test('SARIF with unreadable files and non-ASCII or absolute paths stays valid; notifications name the files', () => {
  const dir = scratch();
  writeFileSync(join(dir, '长治 方案.md'), '由市卫生计生委负责。\n');
  writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x61, 0x00, 0x62]));
  const r = lint(['--format', 'sarif', '--reference-date', '2024-06-01', '.', join(FIXTURES, 'docs', 'clean.md')], {
    cwd: dir,
  });
  assert.equal(r.status, 2);
  const log = JSON.parse(r.stdout);
  valid(log);
  const run = log.runs[0];
  assert.equal(run.results.length, 1);
  assert.deepEqual(run.results[0].locations[0].physicalLocation.artifactLocation, {
    uri: '%E9%95%BF%E6%B2%BB%20%E6%96%B9%E6%A1%88.md',
    uriBaseId: '%SRCROOT%',
  });
  assert.equal(run.invocations[0].executionSuccessful, false);
  assert.deepEqual(run.invocations[0].toolExecutionNotifications, [
    {
      level: 'error',
      message: {
        text: 'bin.txt: 看起来是二进制文件（第 1 字节为 NUL），已跳过；UTF-16 文本须带 BOM / looks like a binary file (NUL byte at offset 1); skipped. UTF-16 text needs a byte-order mark',
      },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'bin.txt', uriBaseId: '%SRCROOT%' } } }],
    },
  ]);
  // the clean file outside the current folder: an absolute file: URI would be used for its findings
  const abs = lint(['--format', 'sarif', join(FIXTURES, 'docs', 'a-plan.md')], { cwd: dir });
  const absLog = JSON.parse(abs.stdout);
  valid(absLog);
  assert.deepEqual(absLog.runs[0].results[0].locations[0].physicalLocation.artifactLocation, {
    uri: pathToFileURL(join(FIXTURES, 'docs', 'a-plan.md')).href,
  });
});

test('sha256Hex (SARIF fingerprints): the one-shot crypto.hash and the createHash fallback give the same digests', () => {
  const crypto = require('node:crypto') as typeof import('node:crypto');
  const fast = sha256Hex(crypto);
  const fallback = sha256Hex({ ...crypto, hash: undefined } as unknown as typeof crypto);
  for (const s of [
    '',
    'outdated-agency\u0000国家工商总局\u00000',
    'a\u0000b',
    '𠀀𪚥 \ud83d\ude00',
    'x'.repeat(10000),
  ]) {
    const expected = crypto.createHash('sha256').update(s).digest('hex');
    assert.equal(fast(s), expected);
    assert.equal(fallback(s), expected);
  }
});
