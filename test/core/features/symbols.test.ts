// core/features/symbols.ts: the document outline of a local plan (pure: no engines), on in-memory text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentOutline, type OutlineSymbol } from '../../../server/src/core/features/symbols';

function shape(s: OutlineSymbol[], text: string): unknown[] {
  return s.map((x) => ({
    name: x.name,
    kind: x.kind,
    span: text.slice(x.start, x.end).split('\n').length,
    sel: text.slice(x.selectionStart, x.selectionEnd),
    children: shape(x.children, text),
  }));
}

test('outline: chapters and articles, nested, blank lines not swallowed', () => {
  const text =
    '安康市实施细则\n第一章 组织保障\n第一条 坚持实行反对拐卖人口工作责任制。各级政府负责。\n第二条 建立联席会议。\n\n第二章 预防\n第三条 加强宣传。\n';
  assert.deepEqual(shape(documentOutline(text), text), [
    {
      name: '第一章 组织保障',
      kind: 'chapter',
      span: 3,
      sel: '第一章 组织保障',
      children: [
        {
          name: '第一条 坚持实行反对拐卖人口工作责任制',
          kind: 'article',
          span: 1,
          sel: '第一条 坚持实行反对拐卖人口工作责任制',
          children: [],
        },
        { name: '第二条 建立联席会议', kind: 'article', span: 1, sel: '第二条 建立联席会议', children: [] },
      ],
    },
    {
      name: '第二章 预防',
      kind: 'chapter',
      span: 2,
      sel: '第二章 预防',
      children: [{ name: '第三条 加强宣传', kind: 'article', span: 1, sel: '第三条 加强宣传', children: [] }],
    },
  ]);
});

test('outline: Markdown headings over 一、（一）1.（1）, fences and front matter ignored', () => {
  const text = [
    '---',
    '# not a heading',
    '---',
    '# 实施方案',
    '',
    '一、总体要求',
    '（一）指导思想。以……为指导。',
    '1.工作目标。',
    '（1）加强宣传。（市委宣传部负责）',
    '2、行动措施',
    '```',
    '二、不是标题',
    '```',
    '  二、保障措施',
    '1.5 亿元不是标题',
  ].join('\n');
  assert.deepEqual(shape(documentOutline(text), text), [
    {
      name: '实施方案',
      kind: 'heading',
      span: 12,
      sel: '实施方案',
      children: [
        {
          name: '一、总体要求',
          kind: 'part',
          span: 8,
          sel: '一、总体要求',
          children: [
            {
              name: '（一）指导思想',
              kind: 'subpart',
              span: 7,
              sel: '（一）指导思想',
              children: [
                {
                  name: '1.工作目标',
                  kind: 'point',
                  span: 2,
                  sel: '1.工作目标',
                  children: [{ name: '（1）加强宣传', kind: 'subpoint', span: 1, sel: '（1）加强宣传', children: [] }],
                },
                { name: '2、行动措施', kind: 'point', span: 4, sel: '2、行动措施', children: [] },
              ],
            },
          ],
        },
        { name: '二、保障措施', kind: 'part', span: 2, sel: '二、保障措施', children: [] },
      ],
    },
  ]);
});
