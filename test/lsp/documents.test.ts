// The open documents and their analysis state (server/src/lsp/documents.ts), in-process: documents opened through a
// recording connection, revisions per content, staleness, closing, invalidation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { AnalysisCache } from '../../server/src/core/analysis';
import { DocumentStore, uriToPath, type DocState } from '../../server/src/lsp/documents';
import { FakeSyncConnection } from './helpers';

function store() {
  const docs = new DocumentStore();
  const client = new FakeSyncConnection();
  docs.open.listen(client as unknown as Connection);
  return { docs, client };
}
const A = 'file:///w/a.md';
const B = 'file:///w/b.md';

function running(rev: number): NonNullable<DocState['running']> {
  return { rev, generation: 0, cancel: { isCancellationRequested: false }, promise: new Promise(() => {}) };
}

describe('DocumentStore', () => {
  it('finds open documents by uri and by request params; a missing uri is InvalidParams', () => {
    const { docs, client } = store();
    client.open(A, '甲');
    assert.equal(docs.get(A)?.getText(), '甲');
    assert.equal(docs.ofParams({ textDocument: { uri: A } })?.getText(), '甲');
    assert.equal(docs.ofParams({ textDocument: { uri: B } }), undefined);
    assert.throws(
      () => docs.ofParams({}),
      (e) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams,
    );
    assert.deepEqual(
      docs.all().map((d) => d.uri),
      [A],
    );
  });

  it('gives every new content a fresh revision, even when the client keeps or lowers the version', () => {
    const { docs, client } = store();
    client.open(A, '一', 5);
    const r1 = docs.touch(A).rev;
    client.change(A, '二', 5);
    const r2 = docs.touch(A).rev;
    client.open(B, '三', 1);
    const r3 = docs.touch(B).rev;
    assert.ok(r1 < r2 && r2 < r3);
    assert.equal(docs.revision(A), r2);
    assert.equal(docs.isCurrent(A, r2), true);
    assert.equal(docs.isCurrent(A, r1), false);
    assert.equal(docs.isCurrent(B, r3), true);
  });

  it('new content cancels the analysis of older content and drops its result; the line cache stays', () => {
    const { docs, client } = store();
    client.open(A, '一');
    const { state, rev } = docs.touch(A);
    const cache = state.cache;
    state.running = running(rev);
    state.result = { rev, generation: 0, analysis: {} as never, settings: {} as never };
    const old = state.running;
    docs.touch(A);
    assert.equal(old.cancel.isCancellationRequested, true);
    assert.equal(state.result, undefined);
    assert.equal(docs.state(A).cache, cache, 'the per-line cache is what makes re-analysis incremental');
  });

  it('closing cancels the running analysis and forgets the state; the revision is no longer current', () => {
    const { docs, client } = store();
    client.open(A, '一');
    const { state, rev } = docs.touch(A);
    state.running = running(rev);
    const old = state.running;
    client.close(A);
    docs.closed(A);
    assert.equal(old.cancel.isCancellationRequested, true);
    assert.equal(docs.isCurrent(A, rev), false);
    assert.notEqual(docs.state(A), state);
    assert.equal(docs.revision(A), 0);
  });

  it('invalidateAll bumps the generation and drops every cache and result', () => {
    const { docs, client } = store();
    client.open(A, '一');
    client.open(B, '二');
    const a = docs.touch(A);
    const b = docs.touch(B);
    a.state.result = { rev: a.rev, generation: 0, analysis: {} as never, settings: {} as never };
    const caches = [a.state.cache, b.state.cache];
    const before = docs.generation;
    docs.invalidateAll();
    assert.equal(docs.generation, before + 1);
    assert.equal(a.state.result, undefined);
    assert.ok(docs.state(A).cache instanceof AnalysisCache);
    assert.notEqual(docs.state(A).cache, caches[0]);
    assert.notEqual(docs.state(B).cache, caches[1]);
    assert.equal(docs.isCurrent(A, a.rev), true, 'invalidation does not change the content revision');
  });
});

describe('uriToPath', () => {
  it('turns file: URIs into paths and everything else into undefined', () => {
    assert.equal(uriToPath('file:///w/%E6%96%B9%E6%A1%88.md'), '/w/方案.md');
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToPath('action-plan:/2021.txt'), undefined);
    assert.equal(
      uriToPath('file://host/share/a.md'),
      process.platform === 'win32' ? '\\\\host\\share\\a.md' : undefined,
    );
  });
});
