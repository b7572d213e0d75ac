// Reading a file that must be a regular file of bounded size, shared by the CLI and the language server. The file is
// opened first (non-blocking, so a named pipe or a device cannot block the open) and then checked through the open
// descriptor: a path replaced by a FIFO, a device or a folder after it was listed is refused, and a file that grows
// after the check is never read past the limit.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export type RegularRead =
  | { bytes: Buffer; stat: Stats }
  | { error: 'not-regular' | 'folder'; stat: Stats }
  | { error: 'too-large'; stat: Stats; size: number }
  | { error: 'fs'; cause: NodeJS.ErrnoException };

function checked(st: Stats, maxBytes: number): RegularRead | undefined {
  if (st.isDirectory()) return { error: 'folder', stat: st };
  if (!st.isFile()) return { error: 'not-regular', stat: st };
  if (st.size > maxBytes) return { error: 'too-large', stat: st, size: st.size };
  return undefined;
}

/** The bytes of a regular file of at most `maxBytes` bytes, or why not. Never throws. */
export async function readRegularFile(path: string, maxBytes: number): Promise<RegularRead> {
  let fh;
  try {
    fh = await open(path, FLAGS);
  } catch (e) {
    return { error: 'fs', cause: e as NodeJS.ErrnoException };
  }
  try {
    const st = await fh.stat();
    const bad = checked(st, maxBytes);
    if (bad) return bad;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(nextChunk(st.size, total, maxBytes));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { error: 'too-large', stat: st, size: total };
    }
    return { bytes: Buffer.concat(chunks, total), stat: st };
  } catch (e) {
    return { error: 'fs', cause: e as NodeJS.ErrnoException };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/**
 * The size of the next read: what stat promises plus one byte (to see a file that grew), never past one byte over the
 * limit (to see that it is too large), at most 16 MiB, at least 1.
 */
function nextChunk(statSize: number, total: number, maxBytes: number): number {
  return Math.min(Math.max(statSize - total, 0) + 1, maxBytes + 1 - total, 1 << 24) || 1;
}

/** readRegularFile, synchronously (settings files). */
export function readRegularFileSync(path: string, maxBytes: number): RegularRead {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (e) {
    return { error: 'fs', cause: e as NodeJS.ErrnoException };
  }
  try {
    const st = fstatSync(fd);
    const bad = checked(st, maxBytes);
    if (bad) return bad;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(nextChunk(st.size, total, maxBytes));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > maxBytes) return { error: 'too-large', stat: st, size: total };
    }
    return { bytes: Buffer.concat(chunks, total), stat: st };
  } catch (e) {
    return { error: 'fs', cause: e as NodeJS.ErrnoException };
  } finally {
    closeSync(fd);
  }
}

/** Offset of the first JSON syntax error in `t` (a small recursive-descent scan), or -1 when none is found. */
export function jsonErrorOffset(t: string): number {
  let i = 0;
  const ws = () => {
    while (i < t.length && ' \t\n\r'.includes(t[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const str = () => {
    i++;
    while (i < t.length && t[i] !== '"') {
      if (t.charCodeAt(i) < 0x20) fail();
      if (t[i] === '\\') {
        i++;
        if (t[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(t[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= t.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = t[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (t[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (t[i] !== '"') fail();
          str();
          ws();
          if (t[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (t[i] === ',') i++;
        else if (t[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(t.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    return i < t.length ? i : -1;
  } catch (e) {
    return typeof e === 'number' ? e : -1; // a RangeError: nested too deep to say where
  }
}

/**
 * Where JSON.parse failed, as "第 L 行第 C 列 / line L, column C" — never the parser's message, which quotes the
 * file's contents (a settings path pointing at /etc/passwd must not print its first line).
 */
export function jsonErrorPlace(_e: unknown, text: string): { zh: string; en: string } {
  const pos = jsonErrorOffset(text);
  if (pos < 0) return { zh: '语法错误', en: 'syntax error' };
  if (pos >= text.length) return { zh: '内容不完整', en: 'unexpected end of input' };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) (line++, (lineStart = i + 1));
  return {
    zh: `第 ${line} 行第 ${pos - lineStart + 1} 列语法错误`,
    en: `syntax error at line ${line}, column ${pos - lineStart + 1}`,
  };
}
