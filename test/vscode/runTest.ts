// In-editor tests with @vscode/test-electron: `npm run test:vscode`. Downloads VS Code from Microsoft's update
// servers, so it needs that network (not available in this project's CI, which runs the real-editor test of
// test/e2e through code-server instead). Set VSCODE_EXECUTABLE to use an installed VS Code without downloading.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  // The extension runs from its bundles (package.json main = dist/extension.js).
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'bundle'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // A scratch copy of the e2e fixture workspace: the tests edit documents.
  const workspace = mkdtempSync(join(tmpdir(), 'action-plan-vscode-'));
  cpSync(join(root, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(__dirname, 'suite/index.js'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
    extensionTestsEnv: { ACTION_PLAN_TEST_WORKSPACE: workspace },
  });
}

main().catch((err) => {
  console.error('VS Code tests failed:', err);
  process.exit(1);
});
