// Bounded, cancellable listing and reading of the workspace's .md/.txt files (references, coverage).
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CancelledError, type CancellationLike } from '../core/types';
import { docxText } from '../node/docx';
import { readRegularFile } from '../node/regularFile';

export const MAX_FILES = 2000;
export const MAX_FILE_SIZE = 2 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test']);
const TEXT_EXT = new Set(['.md', '.markdown', '.txt']);

/** .md/.markdown/.txt files under the folders (at most MAX_FILES, depth 12, skipping build and VCS folders). */
export async function listTextFiles(folders: readonly string[], token?: CancellationLike): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 12 || out.length >= MAX_FILES) return;
    if (token?.isCancellationRequested) throw new CancelledError();
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= MAX_FILES) return;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await walk(join(dir, e.name), depth + 1);
      } else if (e.isFile() && TEXT_EXT.has(extname(e.name).toLowerCase())) out.push(join(dir, e.name));
    }
  };
  for (const f of folders) await walk(f, 0);
  return out;
}

/** The text of a regular file (checked on the open descriptor: a FIFO never blocks), or undefined when it is
 * unreadable or larger than MAX_FILE_SIZE. */
export async function readTextFile(path: string): Promise<string | undefined> {
  const read = await readRegularFile(path, MAX_FILE_SIZE);
  if (!('bytes' in read)) return undefined;
  if (extname(path).toLowerCase() === '.docx') {
    const docx = await docxText(read.bytes);
    return 'text' in docx ? docx.text : undefined;
  }
  return read.bytes.toString('utf8');
}
