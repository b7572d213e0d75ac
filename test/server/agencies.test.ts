// The real language server on agency features: outdated/unknown diagnostics, agency hovers, agency completion
// (characters, pinyin initials), the localized responsibility clause, quick fixes, the add-to-agency-list command
// and custom agency files. 𠮷 precedes the agency names of line 4 (UTF-16 ranges).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, TestServer, fixtureText, fixtureUri, type Diag } from './lspClient';

const uri = fixtureUri('agencies.md');
const WS = join(FIXTURES, 'workspace');
const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});

let s: TestServer;
before(async () => {
  // A Chinese client: messages and fix titles in Chinese only.
  s = await TestServer.start({ workspaceFolders: [WS], locale: 'zh-cn' });
  await s.open(uri, fixtureText('agencies.md'));
});
after(async () => {
  await s.stop();
});

test('diagnostics: outdated (central and local) and unknown agencies with CONTRACT data', async () => {
  const d = await s.diagnostics(uri, 1);
  assert.deepEqual(
    d.map((x) => [x.code, x.severity, x.range, x.data]),
    [
      [
        'outdated-agency',
        2,
        r(3, 29, 3, 37),
        {
          replacement: ['长治市卫健委'],
          since: '2019-03-31',
          reform: '2018年党和国家机构改革：地方组建卫生健康委员会，不再保留卫生和计划生育委员会',
        },
      ],
      [
        'outdated-agency',
        2,
        r(4, 17, 4, 24),
        {
          replacement: ['国家卫生健康委'],
          since: '2018-03-17',
          reform: '2018年党和国家机构改革：组建国家卫生健康委员会，不再保留国家卫生和计划生育委员会',
        },
      ],
      ['unknown-agency', 2, r(4, 25, 4, 31), { suggestions: ['长治市公安局'] }],
      ['unknown-agency', 3, r(4, 32, 4, 41), { suggestions: [] }],
    ],
  );
  assert.equal(d[2].message, '是否应为“长治市公安局”？“长治市公按局”不在机构名录中');
});

test('hover on an outdated central name after 𠮷: full name, kind, status with reform, history', async () => {
  const h = await s.hover(uri, 4, 20);
  assert.deepEqual(h.range, r(4, 17, 4, 24));
  assert.equal(
    h.contents.value,
    [
      '**国家卫生和计划生育委员会**（国家卫生计生委）',
      '类别：国务院组成部门',
      '状态：**已不再使用**（2024-06-01），自 2018-03-17 起：2018年党和国家机构改革：组建国家卫生健康委员会，不再保留国家卫生和计划生育委员会',
      '现行名称：国家卫生健康委',
      '沿革：',
      [
        '- 前身：中华人民共和国卫生部（2013年国务院机构改革，2013年）',
        '- 前身：国家人口和计划生育委员会（2013年国务院机构改革，2013年）',
        '- 继任：国家卫生健康委（2018年党和国家机构改革，2018年）',
        '- 设立：2013-03-14',
        '- 终止：2018-03-17',
      ].join('\n'),
      '国家行动计划中牵头的措施：现行计划 0 项；2013—2020年计划 0 项',
      '国家行动计划中配合的措施：现行计划 0 项；2013—2020年计划 0 项',
    ].join('\n\n'),
  );
});

test('hover on a current central name: the measures it leads and cooperates in (plan in force first)', async () => {
  const h = await s.hover(uri, 4, 12);
  assert.deepEqual(h.range, r(4, 11, 4, 14));
  const parts: string[] = h.contents.value.split('\n\n');
  assert.equal(parts[0], '**中华人民共和国公安部**（公安部）');
  assert.equal(parts[2], '状态：**现行有效**（2024-06-01）');
  assert.equal(
    parts.at(-2),
    '国家行动计划中牵头的措施：现行计划 54 项：《行动计划（2021—2030年）》二（一）2（1）、《行动计划（2021—2030年）》二（一）2（2）第1项、' +
      '《行动计划（2021—2030年）》二（一）2（2）第2项、《行动计划（2021—2030年）》二（一）2（2）第3项、《行动计划（2021—2030年）》二（一）2（2）第4项 等；' +
      '2013—2020年计划 32 项',
  );
});

test("hover on a local name: level, the central body it mirrors and that body's measures", async () => {
  const h = await s.hover(uri, 3, 15);
  assert.deepEqual(h.range, r(3, 13, 3, 19));
  const parts: string[] = h.contents.value.split('\n\n');
  assert.deepEqual(parts.slice(0, 2), ['**长治市公安局**', '类别：市级地方机构（对应国务院组成部门）']);
  assert.ok(parts.includes('对应中央机构：公安部'));
  assert.ok(parts.some((p) => p.startsWith('国家行动计划中（公安部）牵头的措施：现行计划 54 项')));
});

test('completion: the responsibility clause right after a measure citation, localized to 长治市', async () => {
  const line5 = fixtureText('agencies.md').split('\n')[5];
  const list = await s.request('textDocument/completion', {
    textDocument: { uri },
    position: { line: 5, character: line5.length },
  });
  const clause =
    '（长治市委政法委、长治市公安局负责，长治市委网信办、长治市工业和信息化局、长治市教育局、长治市民政局、长治市司法局、长治市卫生健康委员会、长治市人民检察院、长治市妇联配合）';
  assert.deepEqual(
    list.items.map((i: any) => [i.label, i.kind, i.textEdit]),
    [
      ['二（一）2（1）', 18, { range: r(5, 23, 5, 31), newText: '二（一）2（1）' }],
      [clause, 15, { range: r(5, 31, 5, 31), newText: clause }],
    ],
  );
  assert.equal(list.items[1].detail, '《行动计划（2021—2030年）》二（一）2（1）的责任分工（长治市）');
});

test('completion: agency names in a clause by pinyin initials (gab → 公安部) and by characters', async () => {
  const cu = 'untitled:agency-completion';
  await s.open(
    cu,
    '长治市反对拐卖人口行动计划实施方案\n（四）（公安部负责，gab\n（五）（市公安局负责，民政\n五、不是清单 gab\n',
  );
  const gab = await s.request('textDocument/completion', {
    textDocument: { uri: cu },
    position: { line: 1, character: 13 },
  });
  assert.equal(gab.isIncomplete, true);
  assert.deepEqual(
    gab.items.map((i: any) => [i.label, i.filterText, i.textEdit, i.detail]),
    [['公安部', 'gab', { range: r(1, 10, 1, 13), newText: '公安部' }, '中华人民共和国公安部']],
  );
  const minzheng = await s.request('textDocument/completion', {
    textDocument: { uri: cu },
    position: { line: 2, character: 13 },
  });
  assert.deepEqual(
    minzheng.items.slice(0, 2).map((i: any) => [i.label, i.filterText, i.textEdit]),
    [
      // A 长治市 plan: the local form first.
      ['长治市民政局', '长治市民政局', { range: r(2, 11, 2, 13), newText: '长治市民政局' }],
      ['民政部', '民政部', { range: r(2, 11, 2, 13), newText: '民政部' }],
    ],
  );
  const outside = await s.request('textDocument/completion', {
    textDocument: { uri: cu },
    position: { line: 3, character: 10 },
  });
  assert.deepEqual(outside.items, []);
  await s.close(cu);
});

test('completion in context: a county plan offers its 公安局 first by pinyin, initials and characters', async () => {
  const cu = 'untitled:county-completion';
  await s.open(
    cu,
    '沁源县贯彻《中国反对拐卖人口行动计划（2021—2030年）》实施细则\n（一）（gongan\n（二）（gaj\n（三）（公安\n',
  );
  for (const [line, character] of [
    [1, 10],
    [2, 7],
    [3, 6],
  ]) {
    const list = await s.request('textDocument/completion', {
      textDocument: { uri: cu },
      position: { line, character },
    });
    assert.equal(
      list.items[0]?.label,
      '沁源县公安局',
      `line ${line}: ${list.items.map((i: any) => i.label).join(' ')}`,
    );
  }
  await s.close(cu);
  // No title: the place the document's own names share.
  const nu = 'untitled:names-completion';
  await s.open(nu, '（县民政局负责，县妇联配合）\n（县教育局负责，gongan\n');
  const list = await s.request('textDocument/completion', {
    textDocument: { uri: nu },
    position: { line: 1, character: 13 },
  });
  assert.equal(list.items[0]?.label, '县公安局', list.items.map((i: any) => i.label).join(' '));
  await s.close(nu);
});

test('code actions: one fix per successor / suggestion, add-to-list commands, fix-all', async () => {
  const actions = await s.request('textDocument/codeAction', {
    textDocument: { uri },
    range: r(4, 0, 4, 45),
    context: { diagnostics: [] },
  });
  const addCmd = (name: string) => ({
    title: `将“${name}”加入工作区机构清单`,
    command: 'actionPlan.addToWorkspaceAgencies',
    arguments: [{ name, uri }],
  });
  assert.deepEqual(
    actions.map((a: any) => [
      a.title,
      a.kind,
      a.isPreferred ?? false,
      a.command ?? null,
      a.edit?.documentChanges?.[0]?.edits ?? null,
    ]),
    [
      ['替换为“国家卫生健康委”', 'quickfix', true, null, [{ range: r(4, 17, 4, 24), newText: '国家卫生健康委' }]],
      ['改为“长治市公安局”', 'quickfix', false, null, [{ range: r(4, 25, 4, 31), newText: '长治市公安局' }]],
      [addCmd('长治市公按局').title, 'quickfix', false, addCmd('长治市公按局'), null],
      [addCmd('长治市反拐宣传中心').title, 'quickfix', false, addCmd('长治市反拐宣传中心'), null],
      [
        '修正所有可自动修正的问题（2 处）',
        'source.fixAll.actionPlan',
        false,
        null,
        [
          { range: r(3, 29, 3, 37), newText: '长治市卫健委' },
          { range: r(4, 17, 4, 24), newText: '国家卫生健康委' },
        ],
      ],
    ],
  );
});

test('command actionPlan.addToWorkspaceAgencies: creates .vscode/action-plan-agencies.json through applyEdit', async () => {
  const res = await s.request('workspace/executeCommand', {
    command: 'actionPlan.addToWorkspaceAgencies',
    arguments: [{ name: '长治市反拐宣传中心', uri }],
  });
  const file = pathToFileURL(join(WS, '.vscode', 'action-plan-agencies.json')).href;
  assert.deepEqual(res, { applied: true, file });
  const json = {
    description: '工作区自定义机构 / workspace agencies (actionPlan.customAgencies)',
    agencies: [
      { id: 'custom-chang-zhi-shi-fan-guai-xuan-chuan-zhong-xin', fullName: '长治市反拐宣传中心', kind: 'other' },
    ],
  };
  assert.deepEqual(s.appliedEdits.at(-1), {
    label: '加入工作区机构清单：长治市反拐宣传中心',
    edit: {
      documentChanges: [
        { kind: 'create', uri: file, options: { ignoreIfExists: true } },
        {
          textDocument: { uri: file, version: null },
          edits: [{ range: r(0, 0, 0, 0), newText: JSON.stringify(json, null, 2) + '\n' }],
        },
      ],
    },
  });
  assert.ok(
    s.messages.at(-1)!.message.includes('请将设置 actionPlan.customAgencies 设为 .vscode/action-plan-agencies.json'),
  );
  await assert.rejects(
    s.request('workspace/executeCommand', {
      command: 'actionPlan.addToWorkspaceAgencies',
      arguments: [{ name: '、' }],
    }),
    (e: any) => e.code === -32602,
  );
});

test('command with a configured list: appends to the existing file, keeping its contents', async () => {
  const t = await TestServer.start({ workspaceFolders: [WS], settings: { customAgencies: 'custom-agencies.json' } });
  try {
    await t.open(uri, fixtureText('agencies.md'));
    // The configured list already knows 长治市反拐宣传中心: only the near miss remains unknown.
    assert.deepEqual(
      (await t.diagnostics(uri, 1)).filter((d) => d.code === 'unknown-agency').map((d) => d.range),
      [r(4, 25, 4, 31)],
    );
    const res = await t.request('workspace/executeCommand', {
      command: 'actionPlan.addToWorkspaceAgencies',
      arguments: [{ name: '长治市公按局', uri }],
    });
    const file = pathToFileURL(join(WS, 'custom-agencies.json')).href;
    assert.deepEqual(res, { applied: true, file });
    const edit = (t.appliedEdits.at(-1) as any).edit.changes[file][0];
    assert.deepEqual(edit.range, r(0, 0, 4, 0));
    assert.deepEqual(JSON.parse(edit.newText), {
      description: '测试用工作区机构 / workspace agencies for the tests',
      agencies: [
        { id: 'custom-changzhi-fanguai-xuanchuan', fullName: '长治市反拐宣传中心', kind: 'other' },
        { id: 'custom-chang-zhi-shi-gong-an-ju', fullName: '长治市公按局', kind: 'other' },
      ],
    });
    // Already listed: nothing to apply.
    const again = await t.request('workspace/executeCommand', {
      command: 'actionPlan.addToWorkspaceAgencies',
      arguments: [{ name: '长治市反拐宣传中心', uri }],
    });
    assert.deepEqual(again, { applied: false });
  } finally {
    await t.stop();
  }
});

test('custom agency file with errors: one clear message naming file, place and fault; built-in keeps working', async () => {
  const t = await TestServer.start({ workspaceFolders: [WS], settings: { customAgencies: 'bad-agencies.json' } });
  try {
    await t.open(uri, fixtureText('agencies.md'));
    assert.equal((await t.diagnostics(uri, 1)).length, 4);
    const path = join(WS, 'bad-agencies.json');
    const errors = t.messages.filter((m) => m.type === 1);
    assert.equal(errors.length, 1);
    assert.ok(errors[0].message.startsWith(`自定义机构文件 ${path} 有问题（其余条目照常使用）`));
    assert.ok(errors[0].message.includes(`${path}: /agencies/0/id: 格式不符`));
    assert.ok(errors[0].message.includes(`${path}: /agencies/0/kind: 取值须为`));
  } finally {
    await t.stop();
  }
});

test('custom agency file: unset again through didChangeConfiguration → its names are unknown again', async () => {
  const t = await TestServer.start({ workspaceFolders: [WS], settings: { customAgencies: 'custom-agencies.json' } });
  try {
    await t.open(uri, fixtureText('agencies.md'));
    const unknowns = (d: Array<{ code?: unknown; range: unknown }>) =>
      d.filter((x) => x.code === 'unknown-agency').map((x) => x.range);
    assert.deepEqual(unknowns(await t.diagnostics(uri, 1)), [r(4, 25, 4, 31)]);
    t.settings = {};
    const before = t.published.get(uri)!.length;
    await t.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const pushed = await t.until(() =>
      t.published.get(uri)!.length > before ? t.published.get(uri)!.at(-1) : undefined,
    );
    assert.deepEqual(unknowns(pushed.diagnostics), [r(4, 25, 4, 31), r(4, 32, 4, 41)]);
  } finally {
    await t.stop();
  }
});

test('setting actionPlan.locality: county forms in the clause and in agency completion', async () => {
  const t = await TestServer.start({ settings: { locality: '尤溪县' } });
  try {
    const cu = 'untitled:locality';
    await t.open(cu, '落实《行动计划（2021—2030年）》二（一）2（3）\n（公安部负责，mzj\n');
    const after = await t.request('textDocument/completion', {
      textDocument: { uri: cu },
      position: { line: 0, character: 28 },
    });
    assert.deepEqual(
      after.items.map((i: any) => i.label),
      [
        '二（一）2（3）',
        '二（一）2（3）第1项',
        '二（一）2（3）第2项',
        '二（一）2（3）第3项',
        '二（一）2（3）第4项',
        '二（一）2（3）第5项',
        '（尤溪县委政法委、尤溪县公安局负责，尤溪县教育局、尤溪县民政局、尤溪县司法局、尤溪县人力资源和社会保障局、尤溪县卫生健康局、尤溪县市场监督管理局、尤溪县妇联配合）',
      ],
    );
    const names = await t.request('textDocument/completion', {
      textDocument: { uri: cu },
      position: { line: 1, character: 10 },
    });
    assert.deepEqual(
      names.items.map((i: any) => [i.label, i.filterText, i.textEdit.range]),
      [
        ['尤溪县民宗局', 'mzjyouxixianminzongju', r(1, 7, 1, 10)],
        ['尤溪县民政局', 'mzjyouxixianminzhengju', r(1, 7, 1, 10)],
      ],
    );
  } finally {
    await t.stop();
  }
});

test('concurrent pulls while the custom agency file loads: every answer already knows the custom names', async () => {
  const t = await TestServer.start({
    pull: true,
    workspaceFolders: [WS],
    settings: { customAgencies: 'custom-agencies.json' },
  });
  try {
    await t.open(uri, fixtureText('agencies.md'));
    // Several pulls at once, before any load has finished: none may be answered from a registry without the file.
    const reports = await Promise.all(
      Array.from({ length: 4 }, () => t.request('textDocument/diagnostic', { textDocument: { uri } })),
    );
    for (const rep of reports) {
      assert.deepEqual(
        rep.items.filter((d: Diag) => d.code === 'unknown-agency').map((d: Diag) => d.range),
        [r(4, 25, 4, 31)],
      );
    }
  } finally {
    await t.stop();
  }
});
