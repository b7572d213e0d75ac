// Small text and array helpers shared by the analysis stages (pure; no state).

/**
 * Whether a code unit may be white space — what RegExp \s matches and String.prototype.trim removes (the two sets are
 * the same) —; false: it certainly is not. A cheap test before a RegExp or a slice.
 */
export function maySpace(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    (c >= 0x2028 && (c <= 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
  );
}

/** The number of entries of the ascending `sorted` that are less than `x` (bisection). */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
