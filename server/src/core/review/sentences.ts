// Sentences within a line, as the content checks read them (citation-mismatch's sentence around a citation,
// duplicate-agency's clash of a replacement within its sentence): a sentence ends after 。！？；;!? (one code unit each).

/**
 * The offsets of the line's sentence ends, in order. Found by a RegExp (native from the first call; a loop over the
 * characters is interpreted in a one-shot run), once per line that needs them.
 */
export function sentenceEnds(line: string): number[] {
  const re = /[。！？；;!?]/g; // test() moves lastIndex past the end found (no match array)
  // Counted first, then recorded in an array of that size (a pushed array keeps room for 16).
  let n = 0;
  while (re.test(line)) n++;
  const ends: number[] = new Array(n);
  for (let k = 0; k < n && re.test(line); k++) ends[k] = re.lastIndex - 1;
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
