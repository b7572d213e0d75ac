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
    } else if (sig === 0x04034b50 && out.toString('utf8', i + 30, i + 30 + out.readUInt16LE(i + 26)) === 'word/document.xml') {
      out.writeUInt32LE(size, i + 22);
    }
  }
  return out;
}

