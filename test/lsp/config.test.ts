// The settings store (server/src/lsp/config.ts), in-process with a recording client: pulled per document when the
// client supports workspace/configuration, pushed otherwise; each validation problem shown once; restricted mode
// drops the custom agency file; a change forgets the cache and invalidates the analyses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageType, type ClientCapabilities } from 'vscode-languageserver/node';
import { SettingsStore } from '../../server/src/lsp/config';
import { Recorder } from './helpers';

function store(opts: { pull?: unknown; trusted?: boolean; failPull?: boolean }) {
  const rec = new Recorder();
  const asked: unknown[] = [];
  const capabilities: ClientCapabilities = opts.pull !== undefined ? { workspace: { configuration: true } } : {};
  const s = new SettingsStore({
    connection: {
      workspace: {
        getConfiguration: async (item: unknown) => {
          asked.push(item);
          if (opts.failPull) throw new Error('no configuration');
          return opts.pull;
        },
      },
    } as never,
    capabilities: () => capabilities,
    trusted: () => opts.trusted ?? true,
    ...rec,
  });
  return { s, rec, asked };
}

describe('SettingsStore', () => {
  it('pulls the section per document once, and caches it until a change', async () => {
    const { s, asked, rec } = store({ pull: { defaultPlan: '2013-2020' } });
    assert.equal((await s.forUri('file:///a.md')).defaultPlan, '2013-2020');
    await s.forUri('file:///a.md');
    assert.deepEqual(asked, [{ scopeUri: 'file:///a.md', section: 'actionPlan' }]);
    s.changed(undefined);
    await s.forUri('file:///a.md');
    assert.equal(asked.length, 2);
    assert.equal(rec.invalidations, 1);
  });

  it('uses pushed settings (initializationOptions, didChangeConfiguration) when the client cannot be asked', async () => {
    const { s } = store({});
    s.initial({ actionPlan: { defaultPlan: '2013-2020' } });
    assert.equal((await s.forUri('file:///a.md')).defaultPlan, '2013-2020');
    s.changed({ actionPlan: { defaultPlan: '2021-2030' } });
    assert.equal((await s.forUri('file:///a.md')).defaultPlan, '2021-2030');
  });

  it('falls back to pushed settings when the pull fails, and logs it', async () => {
    const { s, rec } = store({ pull: {}, failPull: true });
    s.initial({ defaultPlan: '2013-2020' });
    assert.equal((await s.forUri('file:///a.md')).defaultPlan, '2013-2020');
    assert.equal(rec.errors[0]?.where, 'workspace/configuration');
  });

  it('shows each validation problem once, and treats [] (Lua’s empty table) as no settings', async () => {
    const { s, rec } = store({ pull: { rules: 'loud' } });
    await s.forUri('file:///a.md');
    await s.forUri('file:///b.md');
    assert.equal(rec.messages.length, 1);
    assert.equal(rec.messages[0].type, MessageType.Warning);
    const empty = store({ pull: [] });
    await empty.s.forUri('file:///a.md');
    assert.deepEqual(empty.rec.messages, []);
  });

  it('drops the custom agency file in restricted mode', async () => {
    assert.equal((await store({ pull: { customAgencies: 'a.json' } }).s.forUri('u')).customAgencies, 'a.json');
    const r = store({ pull: { customAgencies: 'a.json' }, trusted: false });
    assert.equal((await r.s.forUri('u')).customAgencies, undefined);
  });
});
