// The TypeScript sources below a folder (declaration files excluded), for the structure tests.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
