// The place index as tables (PlacesIndex: entries, names, tails), decoded from the file format PlacesData on its own
// (string splitting by the ends, no code shared with Places): the oracle of the former place lookup reads it.
import type { PlacesData, PlacesIndex } from '../../../../server/src/core/agency/places';

/** The ranges [start, end) that `ends` describe. */
function ranges(ends: number[]): Array<[number, number]> {
  return ends.map((e, i) => [i ? ends[i - 1] : 0, e]);
}

export function placesTables(data: PlacesData): PlacesIndex {
  const entries = ranges(data.entryEnds).map(([a, b]): [string, string, string] => {
    const m = /^(\d+)(.+)([pmcx])$/u.exec(data.entries.slice(a, b));
    if (!m) throw new Error(`bad entry ${data.entries.slice(a, b)}`);
    return [m[1], m[2], m[3]];
  });
  const keys = ranges(data.keyEnds).map(([a, b]) => data.keys.slice(a, b));
  const names: Record<string, number[]> = {};
  ranges(data.readingEnds).forEach(([a, b], k) => (names[keys[k]] = data.readings.slice(a, b)));
  const tails: Record<string, string[]> = {};
  ranges(data.tailEnds).forEach(([a, b], t) => (tails[data.tails.slice(2 * t, 2 * t + 2)] = keys.slice(a, b)));
  return { entries, names, tails };
}
