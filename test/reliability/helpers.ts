// Shared helpers of the reliability tests.
import JSZip from 'jszip';
import { makeDocx } from '../cli/helpers';

/** Deterministic pseudo-random bytes (xorshift32), so every run sees the same "binary" input. */
export function randomBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

/** A .docx whose document.xml inflates to `paragraphs` × 122 bytes. */
export async function zipBomb(paragraphs: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await makeDocx(['x']));
  const p = '<w:p><w:r><w:t>市卫生计生委负责。市卫生计生委负责。市卫生计生委负责。</w:t></w:r></w:p>';
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      p.repeat(paragraphs) +
      '</w:body></w:document>',
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The same package with every size field of document.xml (local header and central directory) set to `size`. */
export function lieAboutSize(buf: Buffer, size: number): Buffer {
  const out = Buffer.from(buf);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x02014b50 && out.toString('utf8', i + 46, i + 46 + out.readUInt16LE(i + 28)) === 'word/document.xml') {
      out.writeUInt32LE(size, i + 24);
    } else if (
      sig === 0x04034b50 &&
      out.toString('utf8', i + 30, i + 30 + out.readUInt16LE(i + 26)) === 'word/document.xml'
    ) {
      out.writeUInt32LE(size, i + 22);
    }
  }
  return out;
}

/** `n` bytes of junk before the package (offsets no longer line up; jszip would compensate for them). */
export function prepend(buf: Buffer, n: number): Buffer {
  return Buffer.concat([Buffer.alloc(n, 0x41), buf]);
}

/** A package whose main part is `name` (named in _rels/.rels and [Content_Types].xml) with `paragraphs` × 122 bytes. */
export async function renamedMainPart(name: string, paragraphs: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await zipBomb(paragraphs));
  const xml = await zip.file('word/document.xml')!.async('string');
  zip.remove('word/document.xml');
  zip.file(name, xml);
  const rels = (await zip.file('_rels/.rels')!.async('string')).replace('word/document.xml', name);
  zip.file('_rels/.rels', rels);
  const types = (await zip.file('[Content_Types].xml')!.async('string')).replace('/word/document.xml', `/${name}`);
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The package with the central-directory record of `name` listed twice (two entries sharing one local header). */
export function duplicateCentralEntry(buf: Buffer, name: string): Buffer {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  let p = cdOffset;
  let record: Buffer | undefined;
  while (p < cdOffset + cdSize) {
    const len = 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (buf.toString('utf8', p + 46, p + 46 + buf.readUInt16LE(p + 28)) === name) record = buf.subarray(p, p + len);
    p += len;
  }
  if (!record) throw new Error(`no entry ${name}`);
  const end = Buffer.from(buf.subarray(eocd));
  end.writeUInt16LE(end.readUInt16LE(8) + 1, 8);
  end.writeUInt16LE(end.readUInt16LE(10) + 1, 10);
  end.writeUInt32LE(cdSize + record.length, 12);
  return Buffer.concat([buf.subarray(0, eocd), record, end]);
}
