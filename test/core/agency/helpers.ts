// Shared helpers of the agency tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 10; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data', 'agencies'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('repository root not found');
}

/** The excerpt text of a local plan fixture (after the `---- excerpt ----` line). */
export function excerpt(name: string): string {
  const raw = readFileSync(join(repoRoot(), 'test/core/agency/fixtures', name), 'utf8');
  const marker = '# ---- excerpt ----\n';
  return raw.slice(raw.indexOf(marker) + marker.length);
}
