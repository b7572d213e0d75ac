import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIsoDate, normaliseDate, referenceDateOf } from '../../server/src/core/referenceDate';

test('isIsoDate accepts real dates only', () => {
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2023-02-29'), false);
  assert.equal(isIsoDate('2021-13-01'), false);
  assert.equal(isIsoDate('2021-1-01'), false);
});

test('normaliseDate accepts the forms drafters write', () => {
  assert.equal(normaliseDate('2021-12-10'), '2021-12-10');
  assert.equal(normaliseDate('2021/12/1'), '2021-12-01');
  assert.equal(normaliseDate('2021.5.13'), '2021-05-13');
  assert.equal(normaliseDate('2022年5月13日'), '2022-05-13');
  assert.equal(normaliseDate('"2022-05-13"'), '2022-05-13');
  assert.equal(normaliseDate('2022-02-30'), undefined);
  assert.equal(normaliseDate('yesterday'), undefined);
});

test('front matter date wins over the comment, the setting and today', () => {
  const text = '---\ntitle: 长治市实施方案\ndate: 2019-06-01\n---\n<!-- action-plan: date=2020-01-01 -->\n正文';
  assert.deepEqual(referenceDateOf(text, { referenceDate: '2018-01-01' }, '2026-11-23'), {
    date: '2019-06-01',
    source: 'front-matter',
  });
});

test('front matter with CRLF and a BOM', () => {
  const text = '\ufeff---\r\ndate: 2015-03-04\r\n---\r\n正文';
  assert.deepEqual(referenceDateOf(text, {}, '2026-11-23'), { date: '2015-03-04', source: 'front-matter' });
});

test('a date: line after the front matter is not the reference date', () => {
  const text = '---\ntitle: x\n---\ndate: 2010-01-01\n';
  assert.deepEqual(referenceDateOf(text, {}, '2026-11-23'), { date: '2026-11-23', source: 'today' });
});

test('comment, then setting, then today', () => {
  assert.deepEqual(referenceDateOf('正文\n<!-- action-plan: date=2012-06-01 -->', {}, '2026-11-23'), {
    date: '2012-06-01',
    source: 'comment',
  });
  assert.deepEqual(referenceDateOf('正文', { referenceDate: '2014-01-01' }, '2026-11-23'), {
    date: '2014-01-01',
    source: 'setting',
  });
  assert.deepEqual(referenceDateOf('正文', { referenceDate: 'bad' }, '2026-11-23'), {
    date: '2026-11-23',
    source: 'today',
  });
});
