// createActionPlanService(env): the core's one entry point takes "today" from the injected clock (never the wall
// clock), the engines from the injected data source, and an empty workspace when none is given.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEngines } from '../../server/src/node/data';
import { createActionPlanService, fixedClock } from '../../server/src/core/service';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { systemClock } from '../../server/src/node/environment';

const TEXT = '市卫生计生委负责。\n';

test('the analysis takes "today" from the injected clock: the same text on two days gives two reference dates and two verdicts', () => {
  let day = '2015-06-01';
  let loads = 0;
  const service = createActionPlanService({ clock: { today: () => day }, engines: () => (loads++, loadEngines()) });
  const before = service.analyze(TEXT, DEFAULT_SETTINGS);
  assert.equal(before.referenceDate, '2015-06-01');
  assert.equal(before.referenceDateSource, 'today');
  assert.ok(!before.findings.some((f) => f.code === 'outdated-agency'), 'the commission still existed in 2015');
  day = '2024-06-01';
  const after = service.analyze(TEXT, DEFAULT_SETTINGS);
  assert.equal(after.referenceDate, '2024-06-01');
  assert.ok(
    after.findings.some((f) => f.code === 'outdated-agency'),
    'merged in 2018',
  );
  assert.equal(service.analyze(TEXT, DEFAULT_SETTINGS, { today: '2015-06-01' }).referenceDate, '2015-06-01');
  assert.ok(loads >= 3, 'the engines come from the injected data source');
});

test('analyzeAsync uses the same clock', async () => {
  const service = createActionPlanService({ clock: fixedClock('2012-01-02'), engines: loadEngines });
  assert.equal((await service.analyzeAsync(TEXT, DEFAULT_SETTINGS)).referenceDate, '2012-01-02');
});

test('without a workspace, workspace-wide features see no files', async () => {
  const service = createActionPlanService({ clock: fixedClock('2024-01-01'), engines: loadEngines });
  assert.deepEqual(await service.workspace.list(), []);
});

test('the glue clock: ACTION_PLAN_TODAY fixes the day; otherwise the local calendar day (YYYY-MM-DD)', () => {
  assert.equal(systemClock({ ACTION_PLAN_TODAY: '2020-02-29' }).today(), '2020-02-29');
  const today = systemClock({ ACTION_PLAN_TODAY: 'not a date' }).today();
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
  assert.notEqual(today, 'not a date');
});

test("citation-format fixes the writer's own title form: 《行动计划 》 (stray space) becomes 《行动计划》, not the full title", () => {
  const service = createActionPlanService({ clock: fixedClock('2024-06-01'), engines: loadEngines });
  const text = '按照《行动计划 》二（一）2（1）要求。\n';
  const f = service.analyze(text, DEFAULT_SETTINGS).findings.filter((x) => x.code === 'citation-format');
  assert.equal(f.length, 1, JSON.stringify(f));
  assert.deepEqual(
    f[0].fixes.map((x) => x.edits.map((e) => e.newText)),
    [['《行动计划》二（一）2（1）']],
  );
  assert.equal(f[0].data?.replacement, '《行动计划》二（一）2（1）');
  const bracket = service
    .analyze('国办发[2021]13号\n', DEFAULT_SETTINGS)
    .findings.find((x) => x.code === 'citation-format');
  assert.equal(
    bracket?.fixes[0].edits[0].newText,
    '国办发〔2021〕13号',
    'a document number still becomes the standard form',
  );
});
