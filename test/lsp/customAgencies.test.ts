// The custom agency file loader (server/src/lsp/customAgencies.ts), in-process on files in a temporary folder and
// a recording registry: each distinct problem is shown once until the file loads cleanly; a repaired file loads and
// invalidates the analyses; a later repeat of an earlier error is shown again; restricted mode reads nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MessageType } from 'vscode-languageserver/node';
import type { Engines } from '../../server/src/core/analysis';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/core/types';
import { CustomAgencyLoader } from '../../server/src/lsp/customAgencies';
import { MAX_CUSTOM_AGENCIES_BYTES } from '../../server/src/lsp/config';
import { Recorder } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'apl-custom-'));
  dirs.push(d);
  return d;
}

const GOOD = JSON.stringify({ agencies: [{ name: '长治市反拐宣传中心' }] });

function loader(opts: { trusted?: boolean; root?: string; problems?: string[] } = {}) {
  const rec = new Recorder();
  const added: { json: unknown; path: string }[] = [];
  const agencies = {
    addCustom: (json: unknown, path: string) => {
      added.push({ json, path });
      return (json as { agencies?: unknown[] }).agencies?.length ? (opts.problems ?? []) : [];
    },
  };
  const l = new CustomAgencyLoader({
    trusted: () => opts.trusted ?? true,
    workspaceFolders: () => (opts.root ? [opts.root] : []),
    engines: () => ({ agencies }) as unknown as Pick<Engines, 'agencies'>,
    ...rec,
  });
  return { l, rec, added };
}
const settings = (customAgencies?: string): Settings => ({ ...DEFAULT_SETTINGS, customAgencies });
const errors = (rec: Recorder) => rec.messages.filter((m) => m.type === MessageType.Error).map((m) => m.message);

describe('CustomAgencyLoader', () => {
  it('resolves the setting against the first workspace folder (${workspaceFolder} prefix too)', () => {
    const root = folder();
    const { l } = loader({ root });
    assert.equal(l.pathOf(settings('a.json')), join(root, 'a.json'));
    assert.equal(l.pathOf(settings('${workspaceFolder}/b/a.json')), join(root, 'b/a.json'));
    assert.equal(l.pathOf(settings('/abs/a.json')), '/abs/a.json');
    assert.equal(l.pathOf(settings(undefined)), undefined);
    assert.equal(loader().l.pathOf(settings('a.json')), undefined, 'relative without a workspace folder');
    assert.equal(loader({ trusted: false, root }).l.pathOf(settings('a.json')), undefined);
  });

  it('the workspace agency list: the configured file, else .vscode/action-plan-agencies.json', () => {
    const root = folder();
    const { l } = loader({ root });
    assert.deepEqual(l.listFileFor(settings('x.json')), { path: join(root, 'x.json'), configured: true });
    assert.deepEqual(l.listFileFor(settings()), {
      path: join(root, '.vscode', 'action-plan-agencies.json'),
      configured: false,
    });
    assert.equal(loader().l.listFileFor(settings()), undefined);
  });

  it('loads a valid file once (until it changes) and invalidates the analyses', async () => {
    const root = folder();
    writeFileSync(join(root, 'a.json'), GOOD);
    const { l, rec, added } = loader({ root });
    await l.ensure(settings('a.json'));
    await l.ensure(settings('a.json'));
    assert.equal(added.length, 1);
    assert.deepEqual(added[0], { json: JSON.parse(GOOD), path: join(root, 'a.json') });
    assert.equal(rec.invalidations, 1);
    assert.deepEqual(rec.messages, []);
  });

  it('shows each distinct error once; after a clean load the same error is shown again', async () => {
    const root = folder();
    const file = join(root, 'a.json');
    const { l, rec, added } = loader({ root });
    await l.ensure(settings('a.json'));
    await l.ensure(settings('a.json'));
    assert.equal(errors(rec).length, 1, 'missing file: one message');
    assert.match(errors(rec)[0], /找不到自定义机构文件.*custom agency file not found/s);

    writeFileSync(file, '{"agencies": [ secret');
    await l.ensure(settings('a.json'));
    await l.ensure(settings('a.json'));
    assert.equal(errors(rec).length, 2, 'invalid JSON: a new, distinct message, once');
    assert.match(errors(rec)[1], /不是有效的 JSON.*is not valid JSON/s);
    assert.doesNotMatch(errors(rec)[1], /secret/, 'the message never quotes the file');

    writeFileSync(file, GOOD);
    await l.ensure(settings('a.json'));
    assert.equal(errors(rec).length, 2);
    assert.equal(added.length, 1);

    rmSync(file);
    await l.ensure(settings('a.json'));
    assert.equal(errors(rec).length, 3, 'missing again after a clean load: shown again');
    assert.deepEqual(added.at(-1), { json: { agencies: [] }, path: file }, 'its names leave the registry');
    assert.equal(rec.console.length, 3, 'every shown error is also in the log');
  });

  it('reports the registry’s problems with the file once, the rest of it loaded', async () => {
    const root = folder();
    writeFileSync(join(root, 'a.json'), GOOD);
    const { l, rec } = loader({ root, problems: ['条目 1：名称重复 / entry 1: duplicate name'] });
    await l.ensure(settings('a.json'));
    await l.ensure(settings('a.json'));
    assert.equal(errors(rec).length, 1);
    assert.match(errors(rec)[0], /有问题（其余条目照常使用）[\s\S]*entry 1: duplicate name/);
  });

  it('a file over the size limit is not read', async () => {
    const root = folder();
    writeFileSync(join(root, 'big.json'), ' '.repeat(MAX_CUSTOM_AGENCIES_BYTES + 1));
    const { l, rec, added } = loader({ root });
    await l.ensure(settings('big.json'));
    assert.equal(added.length, 0);
    assert.equal(errors(rec).length, 1);
  });

  it('unloads the file when the setting no longer names it', async () => {
    const root = folder();
    writeFileSync(join(root, 'a.json'), GOOD);
    const { l, rec, added } = loader({ root });
    await l.ensure(settings('a.json'));
    await l.ensure(settings());
    assert.deepEqual(added.at(-1), { json: { agencies: [] }, path: join(root, 'a.json') });
    assert.equal(rec.invalidations, 2);
  });

  it('restricted mode reads nothing', async () => {
    const root = folder();
    writeFileSync(join(root, 'a.json'), GOOD);
    const { l, rec, added } = loader({ root, trusted: false });
    await l.ensure(settings('a.json'));
    assert.equal(added.length, 0);
    assert.deepEqual(rec.messages, []);
  });
});
