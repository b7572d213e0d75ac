// Request guarding (server/src/lsp/guard.ts), in-process: errors are contained and logged, cancellation and stale
// content become the LSP error codes, faults are injected once per name, malformed params are InvalidParams.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { CancelledError } from '../../server/src/core/types';
import { documentUriOf, positionOf, RequestGuard } from '../../server/src/lsp/guard';

function guardWithLog(faults = '') {
  const lines: string[] = [];
  return { guard: new RequestGuard({ error: (m) => lines.push(m) }, faults), lines };
}
const live = () => new CancellationTokenSource().token;

describe('RequestGuard', () => {
  it('answers the fallback and logs the error (with its name) when a handler throws', async () => {
    const { guard, lines } = guardWithLog();
    const h = guard.guard<number, string>('test/boom', 'fallback', () => {
      throw new Error('boom');
    });
    assert.equal(await h(1, live()), 'fallback');
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^\[action-plan\] test\/boom: Error: boom/);
  });

  it('passes results and ResponseErrors through unchanged', async () => {
    const { guard, lines } = guardWithLog();
    assert.equal(await guard.guard<number, number>('ok', 0, (n) => n * 2)(21, live()), 42);
    const err = new ResponseError(ErrorCodes.InvalidParams, 'bad');
    await assert.rejects(guard.guard('bad', null, () => Promise.reject(err))(undefined, live()), (e) => e === err);
    assert.deepEqual(lines, []);
  });

  it('answers RequestCancelled when the client cancelled, before or during the handler', async () => {
    const { guard } = guardWithLog();
    const before = new CancellationTokenSource();
    before.cancel();
    let ran = false;
    await assert.rejects(
      guard.guard('c', null, () => {
        ran = true;
      })(undefined, before.token),
      (e) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled,
    );
    assert.equal(ran, false);
    const during = new CancellationTokenSource();
    await assert.rejects(
      guard.guard('c', 'x', () => {
        during.cancel();
        return 'late';
      })(undefined, during.token),
      (e) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled,
    );
  });

  it('answers ContentModified when the analysis was cancelled by newer content (not by the client)', async () => {
    const { guard, lines } = guardWithLog();
    await assert.rejects(
      guard.guard('m', null, () => {
        throw new CancelledError();
      })(undefined, live()),
      (e) => e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified,
    );
    assert.deepEqual(lines, []);
  });

  it('injects a fault once per named handler (`*`: every name), and not elsewhere', async () => {
    const { guard, lines } = guardWithLog('a,b');
    const a = guard.guard('a', 'fallback', () => 'ran');
    assert.equal(await a(undefined, live()), 'fallback');
    assert.equal(await a(undefined, live()), 'ran');
    assert.equal(await guard.guard('c', 'fallback', () => 'ran')(undefined, live()), 'ran');
    assert.throws(() => guard.injectFault('b'), /ACTION_PLAN_FAULT: injected fault in b/);
    assert.doesNotThrow(() => guard.injectFault('b'));
    assert.equal(lines.length, 1);
    const all = guardWithLog('*').guard;
    assert.throws(() => all.injectFault('x'));
    assert.throws(() => all.injectFault('y'));
    assert.doesNotThrow(() => all.injectFault('x'));
    assert.doesNotThrow(() => guardWithLog('').guard.injectFault('x'));
  });

  it('logs synchronous and asynchronous errors of notification handlers', async () => {
    const { guard, lines } = guardWithLog();
    guard.guardNotification('n/sync', () => {
      throw new Error('sync');
    })(undefined);
    let rejected!: () => void;
    const settled = new Promise<void>((r) => (rejected = r));
    guard.guardNotification('n/async', async () => {
      setImmediate(rejected);
      throw new Error('async');
    })(undefined);
    await settled;
    await new Promise((r) => setImmediate(r));
    assert.equal(lines.length, 2);
    assert.match(lines[0], /n\/sync: Error: sync/);
    assert.match(lines[1], /n\/async: Error: async/);
  });
});

describe('request params', () => {
  const invalid = (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.InvalidParams;
  it('positionOf takes a non-negative line and character, else InvalidParams', () => {
    assert.deepEqual(positionOf({ position: { line: 2, character: 0 } }), { line: 2, character: 0 });
    for (const p of [undefined, null, {}, { position: { line: -1, character: 0 } }, { position: { line: '1' } }]) {
      assert.throws(() => positionOf(p), invalid);
    }
  });
  it('documentUriOf takes a string textDocument.uri, else InvalidParams', () => {
    assert.equal(documentUriOf({ textDocument: { uri: 'file:///a.md' } }), 'file:///a.md');
    for (const p of [undefined, null, {}, { textDocument: {} }, { textDocument: { uri: 3 } }]) {
      assert.throws(() => documentUriOf(p), invalid);
    }
  });
});
