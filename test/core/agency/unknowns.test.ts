// Unknown agencies in responsibility clauses and enumerations; custom agency files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAgencyKnowledgeBase } from '../../../server/src/core/agency';
import { diskDataSource, loadEngines } from '../../../server/src/node/data';

const kb = loadEngines().agencies;

test('near misses in a responsibility clause get suggestions', () => {
  assert.deepEqual(kb.unknowns('（人力资源和社保部负责，公按部、民政部部配合）', '2026-11-23'), [
    { start: 1, end: 9, text: '人力资源和社保部', nearMiss: true, suggestions: ['人力资源和社会保障部'] },
    { start: 12, end: 15, text: '公按部', nearMiss: true, suggestions: ['公安部'] },
    { start: 16, end: 20, text: '民政部部', nearMiss: true, suggestions: ['民政部'] },
  ]);
  assert.deepEqual(kb.unknowns('（公安部牵头，民政部、全国妇联参与）', '2026-11-23'), []);
  // 和 of 和平区 is part of the name, not a lead-in word.
  assert.deepEqual(kb.unknowns('（市公安局负责，和平区公安局、市民政局、和市妇联配合）', '2026-11-23'), []);
});

test('unknown items of an agency enumeration: near miss with place, unrecognised local body', () => {
  const text = '联席会议由市公安局、市民政局、市教育局、长治市反诈中心、市公按局等部门组成。';
  assert.deepEqual(kb.unknowns(text, '2026-11-23'), [
    { start: 20, end: 27, text: '长治市反诈中心', nearMiss: false, suggestions: [] },
    { start: 28, end: 32, text: '市公按局', nearMiss: true, suggestions: ['市公安局'] },
  ]);
  assert.deepEqual(kb.unknowns('由县发改局、教肓局、公安局、县工会、县供销社等部门组成。', '2026-11-23'), [
    { start: 6, end: 9, text: '教肓局', nearMiss: true, suggestions: ['教育局', '教体局'] },
    { start: 14, end: 17, text: '县工会', nearMiss: true, suggestions: ['县总工会'] },
    { start: 18, end: 22, text: '县供销社', nearMiss: false, suggestions: [] },
  ]);
  // Not an enumeration of agencies: nothing reported.
  assert.deepEqual(kb.unknowns('加强部门联动，建立发现、举报拐卖人口犯罪工作机制。', '2026-11-23'), []);
});

test('typical local clauses: every item recognised or a collective reference', () => {
  const text = [
    '（县公安局牵头，县委宣传部、县教育局、县民政局、县人社局、县卫健局、县妇联参与）',
    '（市公安局负责，市中级人民法院、市人民检察院、市司法局、各县（市、区）人民政府配合）',
    '（市公安局负责，市民政局、各乡镇人民政府、街道办事处、村（居）民委员会配合）',
    '（县教育局负责，县团委、县科协、县红十字会、县融媒体中心、县消防救援大队、县气象局配合）',
    '（省公安厅、省法院、省检察院负责，省发改委、省教育厅、省财政厅配合）',
    '（州公安局负责，州民宗委、州卫健委、州妇联配合）',
  ].join('\n');
  assert.deepEqual(kb.unknowns(text, '2026-11-23'), []);
  assert.equal(kb.scan(text, '2026-11-23').length, 30);
});

test('suggest ranks close current names (fuse.js)', () => {
  assert.equal(kb.suggest('公按部')[0], '公安部');
  assert.equal(kb.suggest('长治市公按局')[0], '长治市公安局');
});

test('custom agencies: valid file adds names; re-adding the same file replaces it', () => {
  const k = createAgencyKnowledgeBase(diskDataSource());
  const file = {
    agencies: [{ id: 'custom-fanzha', fullName: '长治市反诈骗中心', shortNames: ['市反诈中心'], kind: 'other' }],
  };
  assert.deepEqual(k.addCustom(file, 'agencies.json'), []);
  assert.equal(k.lookup('市反诈中心', '2026-11-23')!.info.id, 'custom-fanzha');
  assert.deepEqual(k.addCustom(file, 'agencies.json'), []);
  assert.deepEqual(k.unknowns('由市公安局、市民政局、市反诈中心、市教育局组成。', '2026-11-23'), []);
  // The shared knowledge base is untouched.
  assert.equal(loadEngines().agencies.lookup('市反诈中心', '2026-11-23'), undefined);
});

test('custom agencies: lookups and localisations made before a custom file are not kept after it', () => {
  const k = createAgencyKnowledgeBase(diskDataSource());
  assert.equal(k.lookup('市反诈中心', '2026-11-23'), undefined);
  const before = k.localize('公安部', '长治市', '2026-11-23');
  assert.equal(before, '长治市公安局');
  assert.deepEqual(
    k.addCustom(
      { agencies: [{ id: 'custom-fanzha2', fullName: '长治市反诈骗中心', shortNames: ['市反诈中心'], kind: 'other' }] },
      'a.json',
    ),
    [],
  );
  assert.equal(k.lookup('市反诈中心', '2026-11-23')!.info.id, 'custom-fanzha2');
  assert.equal(k.localize('公安部', '长治市', '2026-11-23'), before);
  // A repeated lookup gives equal answers, and callers cannot change the memo through them.
  const a = k.lookup('公安部', '2026-11-23')!;
  (a as { info: unknown }).info = undefined;
  assert.equal(k.lookup('公安部', '2026-11-23')!.info.id, 'mps');
});

test('custom agencies: problems name file, JSON pointer and fault; valid entries stay usable', () => {
  const k = createAgencyKnowledgeBase(diskDataSource());
  const problems = k.addCustom(
    {
      agencies: [
        { id: 'custom-a', fullName: '甲市反诈中心', kind: 'other' },
        { id: 'Bad Id', fullName: '乙', kind: 'ministry' },
        { id: 'custom-c', fullName: '丙市反诈中心', kind: 'department' },
        { id: 'custom-d', fullName: '丁市反诈中心', kind: 'other', successors: ['nonexistent'], validTo: '2020-01-01' },
        { id: 'mps', fullName: '公安部甲', kind: 'ministry' },
      ],
      extra: 1,
    },
    'custom.json',
  );
  assert.ok(problems.includes('custom.json: /: 不允许的字段“extra” / unknown property "extra"'), problems.join('\n'));
  assert.ok(
    problems.includes(
      'custom.json: /agencies/1/id: 格式不符（^[a-z0-9][a-z0-9-]*$）/ does not match pattern ^[a-z0-9][a-z0-9-]*$',
    ),
  );
  assert.ok(problems.includes('custom.json: /agencies/1/fullName: 长度至少为 2 / must have at least 2 characters'));
  assert.ok(problems.some((p) => p.startsWith('custom.json: /agencies/2/kind: 取值须为 party、')));
  assert.ok(
    problems.includes(
      'custom.json: /agencies/3/successors/0: 未知的后继机构“nonexistent” / unknown successor "nonexistent"',
    ),
  );
  assert.ok(problems.includes('custom.json: /agencies/4/id: 机构标识“mps”重复 / duplicate id "mps"'));
  assert.equal(problems.length, 6);
  // The valid entry is in use, the faulty ones are not, and the built-in registry still works.
  assert.equal(k.lookup('甲市反诈中心', '2026-11-23')!.info.id, 'custom-a');
  assert.equal(k.lookup('丁市反诈中心', '2026-11-23'), undefined);
  assert.equal(k.lookup('公安部', '2026-11-23')!.info.id, 'mps');
  assert.deepEqual(k.addCustom('not json', 'x.json'), ['x.json: /: 应为 JSON 对象 / must be a JSON object']);
  assert.deepEqual(k.addCustom({}, 'y.json'), [
    'y.json: /: 至少需要 agencies、local 或 signs 之一 / needs "agencies", "local" or "signs"',
  ]);
});

test('custom local templates are recognised with place prefixes', () => {
  const k = createAgencyKnowledgeBase(diskDataSource());
  assert.deepEqual(
    k.addCustom(
      {
        local: [
          {
            id: 'custom-fanzha-local',
            kind: 'other',
            forms: { prefecture: '反诈中心', county: '反诈中心' },
            names: ['反诈中心'],
          },
        ],
      },
      'local.json',
    ),
    [],
  );
  assert.equal(k.lookup('长治市反诈中心', '2026-11-23')!.info.id, 'custom-fanzha-local@长治市');
});
