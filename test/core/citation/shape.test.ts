// The fields of a citation, in the order findCitations has always added them (resolve(): the usual citation is made in
// one literal, the others field by field): JSON output and deep comparisons see the same objects either way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngines } from '../../../server/src/node/data';

const engines = loadEngines();
const find = (line: string) =>
  engines.findCitations(line, engines.plans, { defaultPlan: '2021-2030', referenceDate: '2025-06-30' });
const BASE = ['start', 'end', 'text', 'kind', 'plan', 'planRef', 'canonical', 'isCanonical', 'form', 'planSource'];

test('the usual citations: a path, a title, a document number', () => {
  const [path] = find('按照《行动计划（2021—2030年）》二（一）2（3）的要求');
  assert.deepEqual(Object.keys(path), [...BASE, 'superseded', 'pathSpan', 'path', 'node']);
  assert.deepEqual(Object.keys(path.planRef), ['start', 'end', 'explicit']);
  assert.deepEqual(Object.keys(path.pathSpan!), ['start', 'end']);
  const [title] = find('贯彻《中国反对拐卖人口行动计划（2021—2030年）》，');
  assert.deepEqual(Object.keys(title), [...BASE, 'superseded', 'node']);
  const [doc] = find('（国办发〔2021〕13号）');
  assert.deepEqual(Object.keys(doc), [...BASE, 'superseded', 'node']);
  assert.equal(doc.kind, 'docnumber');
});

test('the others keep their flags in order: not canonical, an unknown path, without a reference date', () => {
  const [odd] = find('按照《行动计划（2021—2030年）》二(一)2(3)的要求');
  assert.deepEqual(Object.keys(odd), [...BASE, 'superseded', 'pathSpan', 'path', 'node', 'replacement']);
  const [unknown] = find('按照《行动计划（2021—2030年）》二（一）2（99）的要求');
  assert.deepEqual(Object.keys(unknown), [...BASE, 'superseded', 'pathSpan', 'path']);
  const [undated] = engines.findCitations('按照《行动计划（2021—2030年）》二（一）2（3）', engines.plans, {
    defaultPlan: '2021-2030',
  });
  assert.deepEqual(Object.keys(undated), [...BASE, 'pathSpan', 'path', 'node']);
});
