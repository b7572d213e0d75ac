// Finding the files to check and turning their bytes into text.
//
// Paths: every file is identified by its absolute path and shown (text, JSON, SARIF) by its *display path*: the path
// relative to the current directory when the file lies under it, else the absolute path. Files are listed in sorted
// order of their display paths, each once.
//
// Text files (.md, .txt): UTF-8 (a BOM is accepted and kept when --fix writes the file back), or UTF-16 LE/BE with a
// BOM. Anything else is an error for that file: NUL bytes without a UTF-16 BOM (binary), invalid UTF-8 (e.g. GBK).
// Word files (.docx): the text is extracted by docx.ts (core/docx/package.ts) and each paragraph becomes one line (empty
// paragraphs and table-cell paragraphs included; manual line breaks inside a paragraph are dropped). Positions in a
// .docx are therefore line (= paragraph, 0-based in JSON) and UTF-16 character in that extracted plain text.
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { docxText } from '../node/docx';
import { readRegularFileSync } from '../node/regularFile';
import { decodeValidUtf8 } from '../node/utf8';

const NOT_REGULAR = '不是普通文件 / not a regular file';

export type FileKind = 'md' | 'txt' | 'docx';
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export interface FileTask {
  /** Absolute path. */
  abs: string;
  /** Path as shown to the user (relative to cwd when under it). */
  display: string;
  kind: FileKind;
  /** Real path of the folder given on the command line that the walk found this file in (absent for files given). */
  root?: string;
}

/** A per-file problem: Chinese first, English second. */
export interface InputProblem {
  display: string;
  error: string;
}

export function kindOf(path: string): FileKind | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.md' ? 'md' : ext === '.txt' ? 'txt' : ext === '.docx' ? 'docx' : undefined;
}

export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return abs;
  return rel;
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return '文件或文件夹不存在（或是指向不存在目标的符号链接）/ no such file or folder (or a dangling symbolic link)';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限 / permission denied';
    case 'EISDIR':
      return '这是一个文件夹，不是文件 / is a folder, not a file';
    case 'ELOOP':
      return '符号链接循环 / too many levels of symbolic links';
    default:
      return `无法读取（${code ?? String(e)}）/ cannot be read (${code ?? String(e)})`;
  }
}

/**
 * Expands the PATH arguments: files are taken as given (any name; an unsupported extension is a problem),
 * folders are walked recursively for .md/.txt/.docx, skipping .git, node_modules, entries whose name starts with
 * a dot, and Word lock files (~$…). A walk never leaves the folders given: a symbolic link is followed only when its
 * real target lies inside one of them (else it is skipped, and `skipped` says so); a file reached twice (a link and
 * its target, or two links) is checked once. Every walked file carries the real path of its folder (`root`), so that
 * --fix can refuse to write outside it even when the tree changes meanwhile.
 */
export function collectFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): { files: FileTask[]; problems: InputProblem[]; skipped: InputProblem[] } {
  const files = new Map<string, FileTask>(); // keyed by real path
  const problems: InputProblem[] = [];
  const skipped: InputProblem[] = [];
  const visitedDirs = new Set<string>();
  const roots: string[] = [];
  for (const given of paths) {
    try {
      const real = realpathSync(resolve(cwd, given));
      if (statSync(real).isDirectory()) roots.push(real);
    } catch {
      /* reported below */
    }
  }
  const rootOf = (real: string) => roots.find((r) => real === r || real.startsWith(r.endsWith(sep) ? r : r + sep));

  const addFile = (abs: string, kind: FileKind, root?: string) => {
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      /* checked when read */
    }
    if (!files.has(real)) files.set(real, { abs, display: displayPath(abs, cwd), kind, ...(root ? { root } : {}) });
  };

  const walk = (dir: string, root: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (e) {
      problems.push({ display: displayPath(dir, cwd), error: describeFsError(e) });
      return;
    }
    if (visitedDirs.has(real)) return; // symbolic-link cycle or the same folder given twice
    visitedDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (e) {
      problems.push({ display: displayPath(dir, cwd), error: describeFsError(e) });
      return;
    }
    names.sort();
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules' || name.startsWith('~$')) continue;
      const p = join(dir, name);
      let st: Stats;
      let entryRoot = root;
      try {
        if (lstatSync(p).isSymbolicLink()) {
          const target = realpathSync(p);
          const inside = rootOf(target);
          if (!inside) {
            const tst = statSync(target);
            if (tst.isDirectory() || kindOf(name)) skipped.push({ display: displayPath(p, cwd), error: OUTSIDE });
            continue;
          }
          entryRoot = inside;
        }
        st = statSync(p); // follows symbolic links
      } catch (e) {
        // A dangling link or an unreadable entry: report it only when it would have been checked.
        let isLink = false;
        try {
          isLink = lstatSync(p).isSymbolicLink();
        } catch {
          /* vanished */
        }
        if (kindOf(name) || !isLink) problems.push({ display: displayPath(p, cwd), error: describeFsError(e) });
        continue;
      }
      if (st.isDirectory()) walk(p, entryRoot);
      else {
        const kind = kindOf(name);
        if (kind && st.isFile()) addFile(p, kind, entryRoot);
        else if (kind) problems.push({ display: displayPath(p, cwd), error: NOT_REGULAR });
      }
    }
  };

  for (const given of paths) {
    const abs = resolve(cwd, given);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch (e) {
      problems.push({ display: displayPath(abs, cwd), error: describeFsError(e) });
      continue;
    }
    if (st.isDirectory()) {
      let root: string | undefined;
      try {
        root = realpathSync(abs);
      } catch {
        /* reported by walk */
      }
      walk(abs, root ?? abs);
    } else {
      const kind = kindOf(abs);
      if (!kind) {
        problems.push({
          display: displayPath(abs, cwd),
          error:
            '不支持的文件类型（只检查 .md、.txt 和 .docx）/ unsupported file type (only .md, .txt and .docx are checked)',
        });
      } else if (!st.isFile()) {
        problems.push({ display: displayPath(abs, cwd), error: NOT_REGULAR });
      } else addFile(abs, kind);
    }
  }
  const byDisplay = (a: { display: string }, b: { display: string }) =>
    a.display < b.display ? -1 : a.display > b.display ? 1 : 0;
  return { files: [...files.values()].sort(byDisplay), problems, skipped: skipped.sort(byDisplay) };
}

const OUTSIDE = '已跳过：符号链接指向所给文件夹之外 / skipped: the symbolic link leads outside the folders given';

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) ((n = 1), (min = 0x80));
    else if (c >= 0xe0 && c <= 0xef) ((n = 2), (min = 0x800));
    else if (c >= 0xf0 && c <= 0xf4) ((n = 3), (min = 0x10000));
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function lineOfByte(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 10) line++;
  return line;
}

export type Decoded = { text: string; encoding: TextEncoding } | { error: string };

/** Bytes of a .md/.txt file → text (without BOM) and the encoding to write it back with. */
export function decodeText(b: Uint8Array): Decoded {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const text = utf8(b, 3);
    return typeof text === 'string' ? { text, encoding: 'utf8-bom' } : text;
  }
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    const le = b[0] === 0xff;
    const label = le ? 'utf-16le' : 'utf-16be';
    if ((b.length - 2) % 2 !== 0) {
      return {
        error: `UTF-16 文件的字节数为奇数，文件已截断或损坏 / truncated or corrupt ${label.toUpperCase()} file (odd length)`,
      };
    }
    try {
      const text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(b.subarray(2));
      return { text, encoding: le ? 'utf16le' : 'utf16be' };
    } catch {
      return {
        error: `不是有效的 ${label.toUpperCase()} 文本（含不成对的代理项）/ not valid ${label.toUpperCase()} text (unpaired surrogate)`,
      };
    }
  }
  const nul = b.indexOf(0);
  if (nul >= 0) {
    return {
      error:
        `看起来是二进制文件（第 ${nul} 字节为 NUL），已跳过；UTF-16 文本须带 BOM / ` +
        `looks like a binary file (NUL byte at offset ${nul}); skipped. UTF-16 text needs a byte-order mark`,
    };
  }
  const text = utf8(b, 0);
  return typeof text === 'string' ? { text, encoding: 'utf8' } : text;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 decoding from `from`; on failure, an error that names the first invalid byte and its line. */
function utf8(b: Uint8Array, from: number): string | { error: string } {
  const valid = decodeValidUtf8(b.subarray(from));
  if (valid !== undefined) return valid;
  try {
    return UTF8.decode(b.subarray(from));
  } catch {
    const bad = firstInvalidUtf8(b.subarray(from));
    return { error: notUtf8(b, from + Math.max(0, bad)) };
  }
}

function notUtf8(b: Uint8Array, offset: number): string {
  const line = lineOfByte(b, offset);
  return (
    `不是 UTF-8 编码（第 ${line} 行、第 ${offset} 字节处无效；可能是 GBK/GB18030，请另存为 UTF-8），已跳过 / ` +
    `not UTF-8 (invalid byte at offset ${offset}, line ${line}; perhaps GBK/GB18030: save it as UTF-8); skipped`
  );
}

/** Text → bytes in the file's original encoding (used by --fix). */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be': {
      const body = Buffer.from(text, 'utf16le');
      body.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), body]);
    }
  }
}

/** Largest .docx file read at all (the extracted text is then held to maxDocumentSize). */
export const MAX_DOCX_BYTES = 256 * 1024 * 1024;

export type Loaded =
  | {
      text: string;
      encoding: TextEncoding | 'docx';
      mtimeMs: number;
      size: number;
      /** The bytes read (--fix compares them before writing). */ bytes: Buffer;
    }
  | { error: string };

/** Reads and decodes one file (a regular file only, checked on the open descriptor). Never throws. */
export async function loadFile(task: FileTask, maxDocumentSize: number): Promise<Loaded> {
  // A UTF-8 text holds at least one UTF-16 unit per 3 bytes: larger files are certainly over the limit.
  const byteLimit = task.kind === 'docx' ? MAX_DOCX_BYTES : maxDocumentSize * 3 + 3;
  // Read synchronously: the file is opened non-blocking and checked on its descriptor either way (a FIFO or a device is
  // never read), and a one-file run then needs neither node:fs/promises nor thread-pool round trips.
  const read = readRegularFileSync(task.abs, byteLimit);
  if ('error' in read) {
    switch (read.error) {
      case 'fs':
        return { error: describeFsError(read.cause) };
      case 'folder':
        return { error: describeFsError({ code: 'EISDIR' }) };
      case 'not-regular':
        return { error: NOT_REGULAR };
      case 'too-large':
        return { error: tooLarge(read.size, maxDocumentSize, 'bytes') };
    }
  }
  const { bytes, stat: st } = read;
  if (task.kind === 'docx') {
    const docx = await docxText(bytes);
    if ('error' in docx) return docx;
    const text = docx.text;
    if (text.length > maxDocumentSize) return { error: tooLarge(text.length, maxDocumentSize, 'chars') };
    return { text, encoding: 'docx', mtimeMs: st.mtimeMs, size: st.size, bytes };
  }
  const d = decodeText(bytes);
  if ('error' in d) return d;
  if (d.text.length > maxDocumentSize) return { error: tooLarge(d.text.length, maxDocumentSize, 'chars') };
  return { text: d.text, encoding: d.encoding, mtimeMs: st.mtimeMs, size: st.size, bytes };
}

function tooLarge(size: number, limit: number, unit: 'bytes' | 'chars'): string {
  const zh = unit === 'bytes' ? `${size} 字节` : `${size} 个字符`;
  const en = unit === 'bytes' ? `${size} bytes` : `${size} characters`;
  return `文件过大（${zh}，上限 ${limit} 个字符，见设置 maxDocumentSize），未检查 / file too large (${en}; the limit is ${limit} characters, setting maxDocumentSize); not checked`;
}
