// `npm run data:audit`: which sources count as primary, and every fact of the registry is counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { audit, isPrimary } from '../../data/build/audit';
import { loadValidatedRegistry } from '../../data/build/agencies';

test('primary sources: gov.cn, npc.gov.cn, Xinhua, People’s Daily, official local sites, the plans; mirrors are not', () => {
  for (const s of [
    '《深化党和国家机构改革方案》：http://www.gov.cn/zhengce/2018-03/21/content_5276191.htm',
    'http://www.fjyx.gov.cn/zfxxgkzl/zc/xzgfxwj/202206/t20220601_1793554.htm',
    'http://www.xinhuanet.com/politics/2018-03/21/c_1122570517.htm',
    'http://media.people.com.cn/n1/2018/0419/c40606-29937485.html',
    '国办发〔2021〕13号《中国反对拐卖人口行动计划（2021—2030年）》责任分工（data/sources/plan-2021-2030.seed.txt）',
  ])
    assert.equal(isPrimary(s), true, s);
  for (const s of [
    'http://hunanlz.com/show.aspx?cid=26&id=8754',
    'http://xiongan.gov.cn.example.com/x',
    '小圣杂谈 2024-03-07（未记录网址）',
    'https://zh.wikipedia.org/zh-sg/%E5%9B%BD%E5%AE%B6',
  ])
    assert.equal(isPrimary(s), false, s);
});

test('the audit counts every central body, local template, sign and reform', () => {
  const { registry } = loadValidatedRegistry(join(__dirname, '..', '..', '..'));
  const rows = audit(registry);
  const count = (k: string) => rows.filter((r) => r.kind === k).length;
  assert.equal(count('central'), registry.central.size);
  assert.equal(count('local'), registry.local.size);
  assert.equal(count('reform'), registry.reforms.size);
  assert.equal(count('sign'), [...registry.signs.values()].flat().length);
  const kept = [...registry.local.values()].flatMap((t) => t.raw.keptIn ?? []);
  assert.ok(kept.length >= 2);
  assert.equal(count('kept'), kept.length);
  // A province keeping a name either rests on a primary source or says it is unverified.
  assert.deepEqual(
    rows.filter((r) => r.kind === 'kept' && !r.primary && !r.unverified),
    [],
  );
  // Signs are new facts: each rests on a primary source.
  assert.deepEqual(
    rows.filter((r) => r.kind === 'sign' && !r.primary),
    [],
  );
});
