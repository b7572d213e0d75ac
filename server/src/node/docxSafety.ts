// A .docx is a ZIP package: a few hundred kilobytes can inflate to gigabytes (a "zip bomb") that the Word reader
// (mammoth, through jszip) would decompress and parse in full — minutes and gigabytes for the CLI, or a language
// server taken over by one file in the workspace. validateDocx checks the whole package before any parser sees it:
//
// - structure: one end-of-central-directory record that ends exactly at the end of the file (no trailing data), a
//   central directory that ends exactly where that record starts and starts where the record says (so data
//   prepended to the package, which jszip would silently compensate for, is refused), no ZIP64, no multi-disk
//   archives, no encryption, only the methods stored and deflate; every entry's local header where the central
//   directory says, with the same name; entries' data inside the file, in order, never overlapping each other or
//   the central directory (overlapping entries are the classic way to multiply one compressed stream);
// - size: EVERY entry is inflated here, whatever its name (mammoth follows _rels/.rels to the main part, which may be
//   called anything), with a hard output limit (zlib maxOutputLength), so the check uses the real sizes, not the
//   sizes the archive claims: each entry at most MAX_DOCX_PART_BYTES, every entry over 1 MB at most
//   MAX_DOCX_RATIO times its compressed size, the whole package's growth (uncompressed minus compressed bytes) at
//   most MAX_DOCX_XML_BYTES, and each entry's real size equal to the size the central directory claims.
//
// A clean function (buffer → ok | error with a Chinese / English reason), shared by the CLI (cli/input.ts), the
// language server (workspaceFiles.ts, through docx.ts) and the .docx review writer.

/** Upper bound of a package's growth when inflated (uncompressed minus compressed bytes, over all entries). */
export const MAX_DOCX_XML_BYTES = 32 * 1024 * 1024;
/** Upper bound of one entry's uncompressed size (a 300-page document's document.xml has ~5 MB). */
export const MAX_DOCX_PART_BYTES = 32 * 1024 * 1024;
/** Upper bound of an entry's compression ratio (uncompressed / compressed) when it inflates to more than 1 MB. */
export const MAX_DOCX_RATIO = 200;
/** Upper bound of the number of entries (Word writes a few dozen; each one costs a parse). */
export const MAX_DOCX_ENTRIES = 10_000;

export interface DocxLimits {
  /** Growth of the whole package (uncompressed minus compressed bytes). */
  totalGrowth: number;
  /** One entry's uncompressed size. */
  perEntry: number;
  /** Compression ratio of an entry larger than 1 MB uncompressed. */
  ratio: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = {
  totalGrowth: MAX_DOCX_XML_BYTES,
  perEntry: MAX_DOCX_PART_BYTES,
  ratio: MAX_DOCX_RATIO,
};

export type DocxValidation = { ok: true; entries: number; uncompressed: number } | { ok: false; error: string };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const RATIO_FLOOR = 1024 * 1024;

export function docxTooLargeMessage(limit: number): string {
  const mb = Math.round(limit / (1024 * 1024));
  return (
    `Word 文档解压后过大（超过 ${mb} MB，可能是压缩炸弹），未检查 / ` +
    `the Word document is too large when uncompressed (over ${mb} MB; possibly a zip bomb); not checked`
  );
}

function ratioMessage(name: string, ratio: number): string {
  return (
    `Word 文档中的部件 ${JSON.stringify(name)} 压缩比异常（${ratio} 倍以上，可能是压缩炸弹），未检查 / ` +
    `the Word document's part ${JSON.stringify(name)} is compressed more than ${ratio} times (possibly a zip bomb); not checked`
  );
}

/** The error for a package that is not a well-formed .docx (ZIP) package; `zh` / `en` say why. */
export function docxCorruptMessage(zh: string, en: string): string {
  return `无法读取 Word 文档（文件损坏或不是 .docx 格式）：${zh} / cannot read the Word document (corrupt or not .docx): ${en}`;
}

const bad = (zh: string, en: string): DocxValidation => ({ ok: false, error: docxCorruptMessage(zh, en) });

/**
 * Checks a .docx package's ZIP structure and the real inflated sizes of every entry (see the file comment).
 * Never throws; memory is bounded by the limits (each entry is inflated and dropped in turn).
 */
export function validateDocx(buf: Buffer, limits: DocxLimits = DEFAULT_DOCX_LIMITS): DocxValidation {
  if (buf.length < 22) return bad('文件过短，不是 ZIP 压缩包', 'too short to be a ZIP package');
  // The last end-of-central-directory signature, searched exactly as jszip does (from the end).
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0 && i >= buf.length - 22 - 0xffff; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return bad('找不到 ZIP 目录结尾记录', 'no ZIP end-of-central-directory record');
  for (let i = buf.length - 4; i > eocd; i--) {
    if (buf.readUInt32LE(i) === EOCD)
      return bad('ZIP 目录结尾记录不唯一', 'more than one ZIP end-of-central-directory record');
  }
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const entriesHere = buf.readUInt16LE(eocd + 8);
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  const commentLen = buf.readUInt16LE(eocd + 20);
  if (eocd + 22 + commentLen !== buf.length)
    return bad('ZIP 目录结尾记录之后有多余数据', 'data after the ZIP end-of-central-directory record');
  if (
    entries === 0xffff ||
    cdSize === 0xffffffff ||
    cdOffset === 0xffffffff ||
    (eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR)
  ) {
    return bad('不支持 ZIP64 格式', 'ZIP64 packages are not supported');
  }
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== entries)
    return bad('不支持分卷 ZIP', 'multi-disk ZIP packages are not supported');
  if (cdOffset + cdSize !== eocd) {
    return bad(
      'ZIP 目录位置与记录不符（文件前有多余数据或已截断）',
      'the ZIP central directory is not where the package says (data prepended, or truncated)',
    );
  }
  if (entries === 0) return bad('ZIP 压缩包为空', 'the ZIP package is empty');
  if (entries > MAX_DOCX_ENTRIES) return bad(`条目过多（${entries} 个）`, `too many entries (${entries})`);

  interface Entry {
    name: string;
    method: number;
    compressed: number;
    claimed: number;
    local: number;
  }
  const list: Entry[] = [];
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL)
      return bad('ZIP 中央目录已损坏', 'corrupt ZIP central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const claimed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const entryCommentLen = buf.readUInt16LE(p + 32);
    const entryDisk = buf.readUInt16LE(p + 34);
    const local = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + entryCommentLen > eocd)
      return bad('ZIP 中央目录已损坏', 'corrupt ZIP central directory');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + entryCommentLen;
    if (flags & 0x41)
      return bad(`部件 ${JSON.stringify(name)} 已加密`, `the part ${JSON.stringify(name)} is encrypted`);
    if (method !== 0 && method !== 8) {
      return bad(
        `部件 ${JSON.stringify(name)} 的压缩方法 ${method} 不受支持`,
        `the part ${JSON.stringify(name)} uses the unsupported compression method ${method}`,
      );
    }
    if (compressed === 0xffffffff || claimed === 0xffffffff || local === 0xffffffff || entryDisk !== 0) {
      return bad('不支持 ZIP64 格式', 'ZIP64 packages are not supported');
    }
    // Claimed sizes first (cheap): the real sizes are checked below, whatever is claimed.
    if (claimed > limits.perEntry) return { ok: false, error: docxTooLargeMessage(limits.perEntry) };
    if (claimed > RATIO_FLOOR && claimed > limits.ratio * Math.max(1, compressed))
      return { ok: false, error: ratioMessage(name, limits.ratio) };
    if (method === 0 && compressed !== claimed)
      return bad(`部件 ${JSON.stringify(name)} 的大小不一致`, `inconsistent sizes of the part ${JSON.stringify(name)}`);
    list.push({ name, method, compressed, claimed, local });
  }
  if (p !== eocd) return bad('ZIP 中央目录大小与记录不符', 'the ZIP central directory size does not match the package');

  // Local headers: where the central directory says, same name, data inside the file and not overlapping.
  const byOffset = [...list].sort((a, b) => a.local - b.local);
  let end = 0;
  let growth = 0;
  let uncompressed = 0;
  for (const e of byOffset) {
    const where = JSON.stringify(e.name);
    if (e.local < end || e.local + 30 > cdOffset || buf.readUInt32LE(e.local) !== LOCAL) {
      return bad(
        `部件 ${where} 的本地文件头位置无效或与其他部件重叠`,
        `the local header of the part ${where} is missing or overlaps another part`,
      );
    }
    const nameLen = buf.readUInt16LE(e.local + 26);
    const extraLen = buf.readUInt16LE(e.local + 28);
    const start = e.local + 30 + nameLen + extraLen;
    if (
      buf.toString('utf8', e.local + 30, e.local + 30 + nameLen) !== e.name ||
      buf.readUInt16LE(e.local + 8) !== e.method
    ) {
      return bad(
        `部件 ${where} 的本地文件头与中央目录不一致`,
        `the local header of the part ${where} does not match the central directory`,
      );
    }
    if (start + e.compressed > cdOffset)
      return bad(`部件 ${where} 的数据超出文件范围`, `the data of the part ${where} runs past its bounds`);
    end = start + e.compressed;
    const data = buf.subarray(start, end);
    let actual: number;
    if (e.method === 0) actual = data.length;
    else {
      // Inflate at most one byte more than may be accepted: a lying size field costs nothing more.
      const budget = Math.min(limits.perEntry, limits.totalGrowth - growth + e.compressed);
      try {
        actual = (require('node:zlib') as typeof import('node:zlib')).inflateRawSync(data, {
          maxOutputLength: Math.max(1, budget + 1),
        }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          return {
            ok: false,
            error: docxTooLargeMessage(budget === limits.perEntry ? limits.perEntry : limits.totalGrowth),
          };
        }
        return bad(`部件 ${where} 的压缩数据已损坏`, `the compressed data of the part ${where} is corrupt`);
      }
      if (actual > budget)
        return {
          ok: false,
          error: docxTooLargeMessage(budget === limits.perEntry ? limits.perEntry : limits.totalGrowth),
        };
    }
    if (actual !== e.claimed) {
      return bad(
        `部件 ${where} 的实际大小与记录不符`,
        `the real size of the part ${where} does not match the size the package claims`,
      );
    }
    if (actual > RATIO_FLOOR && actual > limits.ratio * Math.max(1, e.compressed))
      return { ok: false, error: ratioMessage(e.name, limits.ratio) };
    growth += Math.max(0, actual - e.compressed);
    uncompressed += actual;
    if (growth > limits.totalGrowth) return { ok: false, error: docxTooLargeMessage(limits.totalGrowth) };
  }
  return { ok: true, entries: list.length, uncompressed };
}

/** validateDocx's error, or undefined for a package that may be read. */
export function docxBombCheck(buf: Buffer, limits?: Partial<DocxLimits>): string | undefined {
  const v = validateDocx(buf, { ...DEFAULT_DOCX_LIMITS, ...limits });
  return v.ok ? undefined : v.error;
}
