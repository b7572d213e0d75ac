// Sentences within a line, as the content checks read them (citation-mismatch's sentence around a citation,
// duplicate-agency's clash of a replacement within its sentence): a sentence ends after 。！？；;!? (one code unit each).

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
export function endsBefore(ends: readonly number[], at: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
