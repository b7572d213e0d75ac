// UTF-8 decoding for the Node.js host (the CLI's input files, the data files). Node.js decodes UTF-8 into a string
// with V8's own decoder, one unit at a time in two passes (TextDecoder, Buffer#toString, readFileSync(…, 'utf8')):
// ≈ 20 ms for the 1 MB plain-text bench document on the shared machine (best of 15). Validated by simdutf
// (buffer.isUtf8) and converted by ICU (buffer.transcode) into UTF-16, which becomes a string by a copy, the same text
// takes ≈ 1 ms. Valid UTF-8 has one decoding, so the text is the same; test/node/utf8.test.ts checks it against
// TextDecoder on random bytes, valid and not.
import { isUtf8, transcode } from 'node:buffer';

/**
 * The text of `bytes` when they are valid UTF-8 (a byte-order mark is kept, as TextDecoder with ignoreBOM keeps it);
 * undefined when they are not — or when this Node.js cannot transcode (built without ICU) — so that the caller decodes
 * them its own way (with its own error or replacement characters).
 */
export function decodeValidUtf8(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return '';
  try {
    if (!isUtf8(bytes)) return undefined;
    return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return undefined;
  }
}
