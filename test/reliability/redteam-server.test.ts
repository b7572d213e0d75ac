// Regression tests of the red-team run against the language server (issue #17): document state keyed by content
// (not only by the client's version), requests answered while repeated lines and a multi-megabyte line are analysed,
// hovers that never rescan a whole line, LSP error codes before initialize / after shutdown / for `params: null`,
// and the stdio framing: a malformed header never leaves the server alive and deaf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestServer } from '../server/lspClient';

const r = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
const codes = (items: Array<{ code?: unknown }>) => items.map((d) => d.code);

test('stale analysis: a same-version change, v20→v21→v20 and a second didOpen with the same version are analysed afresh', async () => {
  const s = await TestServer.start({ pull: true });
  try {
    const uri = 'untitled:same-version';
    await s.open(uri, '一、卫生部负责。', 'markdown', 1);
    const first = await s.request('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(codes(first.items), ['outdated-agency']);
    // Same version, other content (卫生部 → 公安部): not "unchanged", and no stale finding.
    await s.change(uri, 1, [{ range: r(0, 2, 0, 5), text: '公安部' }]);
    const second = await s.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(second.kind, 'full');
    assert.notEqual(second.resultId, first.resultId);
    assert.deepEqual(second.items, []);
    // Fix-all on the new content offers nothing (it would have written 国家卫生健康委 over 公安部).
    const actions = await s.request('textDocument/codeAction', {
      textDocument: { uri },
      range: r(0, 0, 0, 8),
      context: { diagnostics: [], only: ['source.fixAll.actionPlan'] },
    });
    assert.deepEqual(actions, []);
    // Versions going back: v20 (卫生部) → v21 (公安部) → v20 (卫生部 again).
    const seen: string[] = [];
    for (const [version, name] of [[20, '卫生部'], [21, '公安部'], [20, '卫生部']] as const) {
      await s.change(uri, version, [{ text: `一、${name}负责。` }]);
      const d = await s.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: seen.at(-1) });
      assert.equal(d.kind, 'full');
      seen.push(d.resultId);
      assert.deepEqual(codes(d.items), name === '卫生部' ? ['outdated-agency'] : [], `v${version}`);
    }
    assert.equal(new Set(seen).size, 3);
    // A second didOpen with the same version and other content.
    await s.open(uri, '一、公安部负责。', 'markdown', 20);
    const reopened = await s.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: seen.at(-1) });
    assert.equal(reopened.kind, 'full');
    assert.deepEqual(reopened.items, []);
  } finally {
    await s.stop();
  }
});

test('stale analysis (push): a same-version change is published again with the new findings', async () => {
  const s = await TestServer.start();
  try {
    const uri = 'untitled:same-version-push';
    await s.open(uri, '一、卫生部负责。', 'markdown', 3);
    await s.until(() => s.published.get(uri)?.some((p) => p.diagnostics.length === 1), 10000, 'first publish');
    await s.change(uri, 3, [{ text: '一、公安部负责。' }]);
    await s.until(() => s.published.get(uri)?.at(-1)?.diagnostics.length === 0, 10000, 'publish of the new content');
  } finally {
    await s.stop();
  }
});
