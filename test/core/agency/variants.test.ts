// Local variants of a body's name (variants.ts): made of pieces of its reform family's names, not misspelt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { variantOf, localFamilies, widened, leftOutOfAny } from '../../../server/src/core/agency/variants';
import { loadEngines } from '../../../server/src/node/data';
import type { KnowledgeBase } from '../../../server/src/core/agency/knowledgeBase';

const names = [
  '文化和旅游局',
  '文化广电和旅游局',
  '文体旅局',
  '文广旅体局',
  '文化旅游体育局',
  '文化体育和旅游局',
  '旅游局',
];

test('a name made of pieces of the family names, first and last piece at a name’s ends, is a variant', () => {
  assert.equal(variantOf('文体广电和旅游局', names), true); // 文体 | 广电和旅游局
  assert.equal(variantOf('文化和旅游体育局', names), true); // 文化和旅游 | 体育局
  assert.equal(variantOf('文广旅体局', names.slice(1)), false); // a name of the family: no variant
  assert.equal(variantOf('文旅广体局', names), false); // 文旅 starts none of these names
});

test('a wrong, missing or moved character is no variant', () => {
  assert.equal(variantOf('文化广电和旅油局', names), false); // 油 in no name
  assert.equal(variantOf('文化广电和旅局', names), false); // 文化广电和旅游局 less 游
  assert.equal(variantOf('文化电广和旅游局', names), false); // 电广 in no name
  assert.equal(variantOf('文化和旅游委员局', [...names, '文化和旅游委员会']), false); // 员局 ends no name
  assert.equal(variantOf('文化广电和旅游局', names), false); // listed: no variant, a name
  // Leaving out 和 is a way of writing the name.
  assert.equal(variantOf('文化广电旅游局', names), true);
  // A word written twice in a row is a slip (reviewer: 县公安公安局 had become information).
  assert.equal(variantOf('文化文化和旅游局', names), false);
  assert.equal(variantOf('公安公安局', ['公安局', '公安分局']), false);
});

test('families: a template with the templates it became and those that became it', () => {
  const kb = loadEngines().agencies as unknown as KnowledgeBase;
  const fam = localFamilies(kb.registry.local.values());
  const wenlv = fam.get('文化广电和旅游局')!;
  assert.ok(wenlv.includes('文化局') && wenlv.includes('旅游局') && wenlv.includes('文广新局'));
  assert.ok(!wenlv.includes('公安局'));
  assert.equal(fam.get('公安部'), undefined); // central names have no local family
  // With the registry's family of 文化和旅游局 (its 文旅广电局, 文广旅体局 …).
  assert.equal(variantOf('文旅广电体育局', wenlv), true);
  assert.equal(variantOf('文旅广体局', wenlv), false); // listed since 澧县文旅广体局 (changde.gov.cn): a name
  assert.equal(variantOf('文化广电新闻出版旅游体育局', wenlv), true);
  assert.equal(variantOf('文化广电和旅游句', wenlv), false);
  // Another family's pieces do not make a variant of this one.
  assert.equal(variantOf('文化公安局', wenlv), false);
});

test('widened: a known name with one character added inside, not doubled', () => {
  assert.equal(widened('县委外宣办', '县委外办'), true);
  assert.equal(widened('县公安分局', '县公安局'), true);
  assert.equal(widened('县委外外办', '县委外办'), false);
  assert.equal(widened('市 民政局', '市民政局'), false);
  assert.equal(widened('市、民政局', '市民政局'), false);
  assert.equal(widened('县公按局', '县公安局'), false);
  assert.equal(widened('县委外办', '县委外办'), false);
  // Inside only, one character (two are as often two swapped ones).
  assert.equal(widened('县文化电广和旅游局', '县文化和旅游局'), false);
  assert.equal(widened('市县委外办', '县委外办'), false);
  assert.equal(widened('县委外办室', '县委外办'), false);
  assert.equal(widened('国家卫生计声委', '国家卫计委'), false);
  assert.equal(widened('县委对外宣传办', '县委办'), false);
  assert.equal(leftOutOfAny('县市场监管理局', ['县市场监督管理局']), true);
  assert.equal(leftOutOfAny('县委外宣办', ['县委外办']), false);
});
