// A small mocha-free test runner for the Extension Development Host: runs the cases of extension.suite.ts in order
// with node:assert and throws when one fails (that fails `npm run test:vscode`).
import { cases } from './extension.suite';

export async function run(): Promise<void> {
  let passed = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const started = Date.now();
    try {
      await Promise.race([
        c.fn(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`timed out after ${c.timeoutMs ?? 30_000} ms`)), c.timeoutMs ?? 30_000),
        ),
      ]);
      passed++;
      console.log(`  ✔ ${c.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failures.push(`${c.name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      console.log(`  ✘ ${c.name}\n${String(err instanceof Error ? err.stack : err)}`);
    }
  }
  console.log(`${passed} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} in-editor test(s) failed:\n${failures.join('\n')}`);
}
