import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings } from '../../server/src/core/settings';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';

test('valid settings are taken', () => {
  const { settings, problems } = parseSettings({
    referenceDate: '2019-06-01',
    defaultPlan: '2013-2020',
    rules: { 'citation-format': 'off', 'outdated-agency': 'error' },
    customAgencies: 'agencies.json',
    locality: ' 长治市 ',
    allow: ['西部机场集团安康机场有限公司'],
    maxDocumentSize: 1000,
  });
  assert.deepEqual(problems, []);
  assert.equal(settings.referenceDate, '2019-06-01');
  assert.equal(settings.defaultPlan, '2013-2020');
  assert.deepEqual(settings.rules, { 'citation-format': 'off', 'outdated-agency': 'error' });
  assert.equal(settings.locality, '长治市');
  assert.equal(settings.maxDocumentSize, 1000);
});

test('malformed settings are reported and defaults kept', () => {
  const { settings, problems } = parseSettings({
    referenceDate: '2019-02-30',
    defaultPlan: '2030',
    rules: { 'no-such-rule': 'off', 'unknown-agency': 'loud' },
    languages: 'markdown',
    maxDocumentSize: -1,
  });
  assert.equal(settings.referenceDate, undefined);
  assert.equal(settings.defaultPlan, DEFAULT_SETTINGS.defaultPlan);
  assert.deepEqual(settings.rules, {});
  assert.deepEqual(settings.languages, ['markdown', 'plaintext']);
  assert.equal(settings.maxDocumentSize, DEFAULT_SETTINGS.maxDocumentSize);
  assert.equal(problems.length, 6);
  assert.match(problems[0], /referenceDate/);
});

test('non-object settings fall back to defaults with one problem', () => {
  const { settings, problems } = parseSettings('oops');
  assert.equal(problems.length, 1);
  assert.equal(settings.defaultPlan, '2021-2030');
});
