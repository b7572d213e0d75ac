// A .docx is a ZIP package; a few hundred kilobytes can inflate to gigabytes of XML (a "zip bomb") that the Word
// reader (mammoth) would decompress and parse in full — minutes and gigabytes for the CLI, or a language server taken
// over by one file in the workspace. Before a package is handed to mammoth, every XML part (.xml, .rels) is inflated
// here with a hard output limit (zlib maxOutputLength), so the check uses the real sizes, not the sizes the archive
// claims. Used by the CLI (cli/input.ts) and the language server (workspaceFiles.ts).
import { inflateRawSync } from 'node:zlib';

/** Upper bound of the total uncompressed size of a .docx's XML parts (a 300-page document has ~5 MB). */
export const MAX_DOCX_XML_BYTES = 32 * 1024 * 1024;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function docxTooLargeMessage(limit: number): string {
  const mb = Math.round(limit / (1024 * 1024));
  return (
    `Word 文档解压后过大（XML 部分超过 ${mb} MB，可能是压缩炸弹），未检查 / ` +
    `the Word document is too large when uncompressed (its XML parts exceed ${mb} MB; possibly a zip bomb); not checked`
  );
}

/**
 * Returns a problem message when the package's XML parts inflate to more than `limit` bytes (or the package needs
 * ZIP64), else undefined. A package this function cannot parse is left to mammoth, which reports it as corrupt.
 */
export function docxBombCheck(buf: Buffer, limit = MAX_DOCX_XML_BYTES): string | undefined {
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0 && i >= buf.length - 22 - 0xffff; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return docxTooLargeMessage(limit); // ZIP64
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return undefined;
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const claimed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (!/\.(xml|rels)$/i.test(name)) continue;
    if (compressed === 0xffffffff || claimed === 0xffffffff) return docxTooLargeMessage(limit);
    if (total + claimed > limit) return docxTooLargeMessage(limit);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return undefined;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    let actual: number;
    if (method === 0) actual = data.length;
    else if (method === 8) {
      try {
        actual = inflateRawSync(data, { maxOutputLength: Math.max(1, limit - total + 1) }).length;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
          return docxTooLargeMessage(limit);
        }
        return undefined; // corrupt data: mammoth reports it
      }
    } else return undefined;
    total += actual;
    if (total > limit) return docxTooLargeMessage(limit);
  }
  return undefined;
}
