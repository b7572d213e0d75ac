// keepsIdeographs (core/analysis.ts: code units compared in place, no string per character) against the way it
// worked before (a for…of over the reference, a RegExp and String.prototype.includes per character, verbatim below):
// the same answer on generated written forms and replacements, with the process's folder and without one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keepsIdeographs } from '../../server/src/core/analysis';
import { sharedPlanIndex } from '../../server/src/node/data';
import type { PlanIndex } from '../../server/src/core/plan/model';

function oracle(written: string, replacement: string, folder?: PlanIndex['folder']): boolean {
  const open = written.indexOf('《');
  const close = written.indexOf('》', open + 1);
  const ref = open >= 0 && close > open ? written.slice(open, close) : written;
  for (const ch of ref)
    if (/[\u4e00-\u9fff]/.test(ch) && !replacement.includes(ch) && (!folder || folder.fold(ch) !== ch)) return false;
  return true;
}

const folder = sharedPlanIndex().folder;

test('keepsIdeographs = its previous implementation on generated citations', () => {
  // Simplified and traditional title characters, the range's ends and its neighbours, brackets, digits, dashes,
  // an astral ideograph (two units) and lone surrogates.
  const unit = fc.constantFrom(
    ...['《', '》', '《', '》', '行', '动', '動', '计', '計', '划', '劃', '国', '國', '办', '辦', '发', '發'],
    ...['人', '口', '年', '号', '〔', '〕', '（', '）', '(', ')', '2', '0', '—', '-', ' ', '\u3000'],
    ...['\u4e00', '\u9fff', '\u4dff', '\ua000', '\u3400', '𠀋', '\ud840', '\udc0b', 'a'],
  );
  const text = fc.array(unit, { maxLength: 16 }).map((u) => u.join(''));
  let kept = 0;
  let notKept = 0;
  fc.assert(
    fc.property(text, text, fc.boolean(), fc.boolean(), (written, other, same, withFolder) => {
      // Half the replacements are the written form edited a little (the usual case: a corrected title).
      const replacement = same ? written.replace(/\s/g, '') + other.slice(0, 2) : other;
      const f = withFolder ? folder : undefined;
      const want = oracle(written, replacement, f);
      assert.equal(keepsIdeographs(written, replacement, f), want, JSON.stringify([written, replacement, withFolder]));
      if (want) kept++;
      else notKept++;
    }),
    { numRuns: 20000 },
  );
  assert.ok(kept > 2000 && notKept > 2000, `${kept} kept, ${notKept} not`);
});

test('keepsIdeographs: the examples of its comment', () => {
  assert.equal(keepsIdeographs('《行动计划 》', '《行动计划》', folder), true);
  assert.equal(keepsIdeographs('《行動計劃》', '《行动计划》', folder), false);
  assert.equal(keepsIdeographs('國辦發〔2021〕13号', '国办发〔2021〕13号', folder), false);
  assert.equal(keepsIdeographs('《反拐人口行动计划》', '《反拐妇女儿童行动计划》', folder), true);
  assert.equal(keepsIdeographs('《反拐人口行动计划》', '《反拐妇女儿童行动计划》'), false);
});
