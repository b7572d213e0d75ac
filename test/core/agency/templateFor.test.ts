// Oracle test of templateFor's index (local templates by the central body they mirror, built on first use): it gives
// the template of the former whole-registry filter for every central body at several dates, also after a custom agency
// file adds a mirroring template to a registry whose index was already built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diskDataSource } from '../../../server/src/node/data';
import { createAgencyKnowledgeBase, type KnowledgeBase } from '../../../server/src/core/agency/knowledgeBase';
import { LEVELS, establishedOn, liveOn, type LocalTemplate } from '../../../server/src/core/agency/registry';

const DATES = ['2008-06-01', '2013-03-02', '2019-06-01', '2025-06-30', '9999-12-31'];

/** templateFor as it was: a filter over every local template. */
function templateForOracle(kb: KnowledgeBase, id: string, date: string): LocalTemplate | undefined {
  const all = [...kb.registry.local.values()].filter((t) => t.raw.mirrors === id);
  const current = all.filter((t) => liveOn(t.raw, date) && establishedOn(t.raw, date));
  const pool = current.length ? current : all;
  return pool.find((t) => LEVELS.some((l) => t.raw.names.includes(t.raw.forms[l] ?? ''))) ?? pool[0];
}

function check(kb: KnowledgeBase): number {
  let found = 0;
  for (const id of [...kb.registry.central.keys(), 'no-such-body'])
    for (const date of DATES) {
      const t = kb.templateFor(id, date);
      assert.equal(t?.id, templateForOracle(kb, id, date)?.id, `${id} ${date}`);
      if (t) found++;
    }
  return found;
}

test('templateFor by the mirrors index equals the registry filter, before and after a custom file', () => {
  const kb = createAgencyKnowledgeBase(diskDataSource());
  assert.ok(check(kb) > 50);
  // Without a date: the latest names (a body with several mirroring templates).
  assert.ok(kb.templateFor('mps'));
  assert.equal(kb.templateFor('mps'), templateForOracle(kb, 'mps', '9999-12-31'));
  // A custom template mirroring a central body: the index is rebuilt with it.
  const problems = kb.addCustom(
    {
      local: [
        {
          id: 'l-custom-mirror',
          kind: 'other',
          mirrors: 'state-council',
          forms: { province: '试验办', prefecture: '试验办', county: '试验办' },
          names: ['试验办'],
        },
      ],
    },
    'custom.json',
  );
  assert.deepEqual(problems, []);
  assert.ok(templateForOracle(kb, 'state-council', '2025-06-30'));
  check(kb);
  assert.ok([...kb.registry.local.values()].some((t) => t.id === 'l-custom-mirror'));
});
