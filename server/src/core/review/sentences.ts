// Sentences within a line, as the content checks read them (citation-mismatch's sentence around a citation,
// duplicate-agency's clash of a replacement within its sentence): a sentence ends after 。！？；;!? (one code unit each).
import { lowerBound } from '../text';

/**
 * The offsets of the line's sentence ends, in order. Found by a RegExp (native from the first call; a loop over the
 * characters is interpreted in a one-shot run), once per line that needs them.
 */
export function sentenceEnds(line: string): number[] {
  const ends: number[] = [];
  const re = /[。！？；;!?]/g; // test() moves lastIndex past the end found (no match array)
  // (One pass: counting first to make the array to its size costs a second pass, more than the room it saves.)
  while (re.test(line)) ends.push(re.lastIndex - 1);
  return ends;
}

/** The number of `ends` before offset `at` (bisection). */
export const endsBefore: (ends: readonly number[], at: number) => number = lowerBound;

/**
 * Whether the line has a sentence end (one of sentenceEnds' characters) at an offset in [from, to): a loop over that
 * stretch only, for a question about two nearby offsets (are they in one sentence?) where finding every end of a long
 * line would cost more.
 */
export function endIn(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    // 。！？；;!?
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x3b || c === 0x21 || c === 0x3f)
      return true;
  }
  return false;
}
