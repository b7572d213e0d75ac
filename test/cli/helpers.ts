// Helpers of the CLI tests: run the real `node bin/action-plan-lint.js` as a subprocess, copy fixtures to a scratch
// folder (for --fix), and build minimal .docx packages with jszip.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

/** Repository root (this file runs from out/test/cli/). */
export const ROOT = join(__dirname, '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'action-plan-lint.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');
/** The fixed "today" of every run (ACTION_PLAN_TODAY), so results do not depend on the calendar. */
export const TODAY = '2025-06-01';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ACTION_PLAN_TODAY: TODAY };
  for (const k of ['NODE_TEST_CONTEXT', 'NO_COLOR', 'FORCE_COLOR', 'ACTION_PLAN_LINT_WORKERS', 'LC_ALL', 'LC_MESSAGES'])
    delete env[k];
  // A Chinese system locale unless a test says otherwise (messages follow it: CONTRACT.md --lang).
  env.LANG = 'zh_CN.UTF-8';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs the CLI synchronously (cwd defaults to test/fixtures/cli). */
export function lint(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? FIXTURES,
    env: childEnv(opts.env ?? {}),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, asynchronously (for runs that take a while, so tests can run side by side). */
export function lintAsync(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? FIXTURES, env: childEnv(opts.env ?? {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A fresh scratch folder; with `from`, a copy of that fixture folder's contents. */
export function scratch(from?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'apl-cli-'));
  if (from) cpSync(join(FIXTURES, from), dir, { recursive: true });
  return dir;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal valid .docx (WordprocessingML package): one w:p per paragraph, '' = an empty paragraph. */
export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  );
  const body = paragraphs
    .map((p) => (p ? `<w:p><w:r><w:t xml:space="preserve">${xml(p)}</w:t></w:r></w:p>` : '<w:p/>'))
    .join('');
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

export const range = (l1: number, c1: number, l2: number, c2: number) => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
