// The language server's V8 flags, declared once. server.ts sets them when it starts (VS Code runs dist/server.js);
// bin/action-plan-language-server.js sets them through dist/serverFlags.js before it compiles dist/server.js, so that
// its code cache is made and used under the same flags (V8 rejects a cache made under other flags; setting them
// again in server.ts changes nothing).
import { setFlagsFromString } from 'node:v8';

export const SERVER_V8_FLAGS: readonly string[] = [
  // A language server lives as long as the editor and re-analyses on every edit: V8's size-optimised heap growth
  // keeps its peak memory about a third lower (measured with a 1 MB document open: 158 → 114 MB) at the same speed.
  '--optimize-for-size',
  // The young generation stays at its initial size instead of doubling up to 16 MB per semi-space when many objects
  // survive (as they do while a large document is analysed): with a 1 MB document open the peak RSS is ~10 MB lower
  // (bench: 300 completions 116 → 106 MiB), for more frequent scavenges. Runtime flags like this one and
  // --optimize-for-size act at once; --max-semi-space-size would only act on the command line.
  '--semi-space-growth-factor=1',
  // TurboFan inlines less (as in bin/action-plan-lint.js): the first analysis of a large document runs mostly before
  // optimised code arrives, and with less inlining that code is ready sooner for less compile work. 1 MB Markdown,
  // didOpen → first publishDiagnostics, 4 alternating sessions on the shared machine: server CPU (all threads)
  // 800–860 → 650–730 ms, main thread ≈ 345 → ≈ 338 ms; 40 edits afterwards: main thread 541–578 → 507–642 ms (same).
  '--max-inlined-bytecode-size-cumulative=100',
];

export function setServerFlags(): void {
  for (const f of SERVER_V8_FLAGS) setFlagsFromString(f);
}
