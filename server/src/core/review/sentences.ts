// Sentences within a line, as the content checks read them (citation-mismatch's sentence around a citation,
// duplicate-agency's clash of a replacement within its sentence): a sentence ends after 。！？；;!? (one code unit each).
import { lowerBound } from '../text';

/**
 * The offsets of the line's sentence ends, in order. Found by a RegExp (native from the first call; a loop over the
 * characters is interpreted in a one-shot run), once per line that needs them.
 */
export function sentenceEnds(line: string): number[] {
  const ends: number[] = [];
  const re = SENTENCE_END; // test() moves lastIndex past the end found (no match array)
  re.lastIndex = 0;
  // (One pass: counting first to make the array to its size costs a second pass, more than the room it saves.)
  while (re.test(line)) ends.push(re.lastIndex - 1);
  return ends;
}

/** A sentence's end (global: sentenceEnds moves it forward from 0; made once, not once per line). */
const SENTENCE_END = /[。！？；;!?]/g;

/** The number of `ends` before offset `at` (bisection). */
export const endsBefore: (ends: readonly number[], at: number) => number = lowerBound;

/**
 * Whether the line has a sentence end (one of sentenceEnds' characters) at an offset in [from, to): a question about
 * two nearby offsets (are they in one sentence?) where finding every end of a long line would cost more. Asked of the
 * RegExp from `from` on (native from the first call; a loop over the characters is interpreted in a one-shot run): it
 * reads on to the first end at or after `from`, which in prose is never far.
 */
export function endIn(line: string, from: number, to: number): boolean {
  if (from >= to) return false;
  const re = SENTENCE_END;
  re.lastIndex = from;
  return re.test(line) && re.lastIndex <= to;
}
