// core/features/locality.ts: the place of a local plan — the setting, else its title, else the place its local
// department names share (pure: no engines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferLocality, localityFromNames, localityOf } from '../../../server/src/core/features/locality';

test('locality: inferred from local plan titles, the setting wins', () => {
  assert.equal(inferLocality('长治市反对拐卖人口行动计划（2021—2030年）实施方案\n正文'), '长治市');
  assert.equal(
    inferLocality(
      '尤溪县人民政府办公室关于印发尤溪县贯彻中国反对拐卖人口行动计划(2021—2030年)实施细则的通知\n尤政办〔2022〕25号',
    ),
    '尤溪县',
  );
  assert.equal(inferLocality('# 安康市贯彻落实《中国反对拐卖人口行动计划(2021—2030年)》实施细则'), '安康市');
  assert.equal(inferLocality('国务院办公厅关于印发中国反对拐卖人口行动计划（2021—2030年）的通知'), undefined);
  assert.equal(inferLocality('工作总结\n今年我们做了很多工作。'), undefined);
  assert.equal(localityOf('长治市反对拐卖人口行动计划实施方案', { locality: '晋城市' }), '晋城市');
  assert.equal(localityOf('长治市反对拐卖人口行动计划实施方案', { locality: undefined }), '长治市');
});

test('locality from names: the place most local department names share (two at least), lead-in verbs dropped', () => {
  assert.equal(localityFromNames('由县公安局负责，县民政局、县妇联配合。'), '县');
  assert.equal(localityFromNames('沁源县公安局牵头，会同沁源县民政局、县妇联。'), '沁源县');
  assert.equal(localityFromNames('由市公安局负责。'), undefined, 'one name is not enough');
  assert.equal(localityFromNames('公安部、民政部负责。'), undefined, 'central bodies have no place');
  assert.equal(localityFromNames(''), undefined);
});
