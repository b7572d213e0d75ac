// The outside world for the core service, as the language server and the CLI see it: the system clock (or the
// fixed day of ACTION_PLAN_TODAY, for reproducible runs and tests) and the workspace's files on disk.
import { pathToFileURL } from 'node:url';
import { todayIso } from '../core/analysis';
import { isIsoDate } from '../core/referenceDate';
import type { Clock, WorkspaceFiles } from '../core/service';
import { listTextFiles, readTextFile } from '../lsp/workspaceFiles';

/** The user's local calendar day, read when asked; ACTION_PLAN_TODAY (YYYY-MM-DD) fixes it. */
export function systemClock(env: Record<string, string | undefined> = process.env): Clock {
  const fixed = env.ACTION_PLAN_TODAY;
  if (fixed && isIsoDate(fixed)) return { today: () => fixed };
  return { today: () => todayIso(new Date()) };
}

/** The .md/.txt/.docx files under the workspace folders (bounded: see workspaceFiles.ts). */
export function diskWorkspace(folders: () => readonly string[]): WorkspaceFiles {
  return {
    list: async (token) =>
      (await listTextFiles(folders(), token)).map((path) => ({ uri: pathToFileURL(path).href, path })),
    read: (file) => (file.path ? readTextFile(file.path) : Promise.resolve(undefined)),
  };
}
