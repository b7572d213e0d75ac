// GBK helpers for repairing the five garbled runs of the 2021—2030 seed (see data/build/plans.ts and
// /work/shared/reference/seed-damage.md). Node decodes GBK (TextDecoder('gbk')) but has no encoder, so the
// reverse table is built once by decoding every two-byte GBK code.

let reverse: Map<string, number[]> | undefined;
const decoder = new TextDecoder('gbk');

function table(): Map<string, number[]> {
  if (reverse) return reverse;
  reverse = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !reverse.has(ch)) reverse.set(ch, [lead, trail]);
    }
  }
  return reverse;
}

/** GBK bytes of `text` (ASCII as single bytes); throws on a character GBK cannot encode. */
export function gbkEncode(text: string): number[] {
  const t = table();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const bytes = t.get(ch);
    if (!bytes) throw new Error(`GBK cannot encode ${ch} (U+${code.toString(16)})`);
    out.push(...bytes);
  }
  return out;
}

export function gbkDecode(bytes: number[]): string {
  return decoder.decode(Uint8Array.from(bytes));
}

/** Halfwidth punctuation the seed substituted for the fullwidth marks a garbled run decoded to. */
const FULLWIDTH: Record<string, string> = { ';': '；', ',': '，', ':': '：', '(': '（', ')': '）' };

/**
 * The seed-damage method: a garbled run (the text after its `?`, pinyin readings already removed) is
 * re-encoded in GBK, the lost first byte is prepended, and the bytes are decoded again.
 */
export function gbkRepairRun(garbled: string, lostByte: number): string {
  const restored = [...garbled].map((c) => FULLWIDTH[c] ?? c).join('');
  return gbkDecode([lostByte, ...gbkEncode(restored)]);
}
