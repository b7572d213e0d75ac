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

/** How many bytes the sequence a lead byte starts takes (1 for any other byte: its piece is then checked as it is). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 ? (lead <= 0xf7 ? 4 : 1) : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/**
 * Where the last whole character of `bytes` ends: its length, or the start of a character its end cuts (at most three
 * bytes before the end). Anything invalid there is left in the piece, where isUtf8 refuses it.
 */
function wholeEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  let k = n - 1;
  while (k >= 0 && k > n - 4 && (bytes[k] & 0xc0) === 0x80) k--;
  if (k < 0) return n;
  return k + sequenceLength(bytes[k]) > n ? k : n;
}

/**
 * The text of `pieces` joined, when the join is valid UTF-8 (as decodeValidUtf8), without joining them: each piece is
 * decoded from its first whole character to its last (a character cut at a piece's end is decoded by itself, its bytes
 * joined with the next piece's first ones); undefined when the join is not valid UTF-8 (or cannot be transcoded).
 * Valid UTF-8 cut at character boundaries is valid piece by piece; conversely every byte is checked in exactly one
 * decodeValidUtf8 call, and a cut character left over at the end makes the whole invalid.
 */
export function decodeValidUtf8Pieces(pieces: readonly Uint8Array[]): string | undefined {
  if (pieces.length === 1) return decodeValidUtf8(pieces[0]);
  let text = '';
  let carry: Uint8Array | undefined;
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i];
    if (carry) {
      const need = sequenceLength(carry[0]) - carry.length;
      if (piece.length < need) {
        carry = Buffer.concat([carry, piece]);
        continue;
      }
      const head = decodeValidUtf8(Buffer.concat([carry, piece.subarray(0, need)]));
      if (head === undefined) return undefined;
      text += head;
      piece = piece.subarray(need);
      carry = undefined;
    }
    const end = wholeEnd(piece);
    if (end < piece.length) carry = piece.subarray(end);
    const s = decodeValidUtf8(end < piece.length ? piece.subarray(0, end) : piece);
    if (s === undefined) return undefined;
    text += s;
  }
  return carry ? undefined : text;
}
