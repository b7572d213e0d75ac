// Diagnostics reused across edits (server/src/lsp/diagnostics.ts, encoded once by encoding.ts) over stdio: after
// any edit they equal those a fresh server computes for the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from './lspClient';

test('diagnostics after edits equal those of a fresh server on the final text (reused objects stay right)', async () => {
  const lines = [
    '# 实施方案',
    '卫生部、国家工商总局负责。',
    '民政部负责。',
    '《行动计划（2021—2030年）》二（一）2（99）',
    '卫生部负责。',
    '卫生部负责。',
    '文化部、国家林业局配合。',
  ];
  const s = await TestServer.start({ pull: true, locale: 'zh-cn' });
  const fresh = await TestServer.start({ pull: true, locale: 'zh-cn' });
  try {
    const uri = 'untitled:reuse';
    await s.open(uri, lines.join('\n'));
    await s.request('textDocument/diagnostic', { textDocument: { uri } });
    const at = (line: number, character: number) => ({ line, character });
    const edits: Array<{ range: { start: ReturnType<typeof at>; end: ReturnType<typeof at> }; text: string }> = [
      // a name put in front of a line: that line's diagnostics move right, the others stay
      { range: { start: at(2, 0), end: at(2, 0) }, text: '卫生部、' },
      // a line inserted: every diagnostic below moves down
      { range: { start: at(1, 0), end: at(1, 0) }, text: '国家计生委负责。\n' },
      // a finding removed, the same message elsewhere stays
      { range: { start: at(5, 0), end: at(5, 3) }, text: '国家卫生健康委员会' },
      // another outdated name of the same length at the same place: same range, different message and data
      { range: { start: at(4, 0), end: at(4, 3) }, text: '文化部' },
      // lines joined
      { range: { start: at(6, 6), end: at(7, 0) }, text: '' },
    ];
    let version = 1;
    let text = lines.join('\n');
    for (const e of edits) {
      version++;
      await s.change(uri, version, [e]);
      const got = await s.request('textDocument/diagnostic', { textDocument: { uri } });
      text = applyEdit(text, e);
      const freshUri = `untitled:fresh-${version}`;
      await fresh.open(freshUri, text);
      const want = await fresh.request('textDocument/diagnostic', { textDocument: { uri: freshUri } });
      assert.deepEqual(got.items, want.items, `after edit ${version - 1}`);
      assert.ok(want.items.length >= 3);
    }
  } finally {
    await s.stop();
    await fresh.stop();
  }
});

function applyEdit(
  text: string,
  e: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string },
): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return text.slice(0, off(e.range.start)) + e.text + text.slice(off(e.range.end));
}
