// The content checks on the coverage map: each citation-mismatch (the citing sentence is about another provision)
// and responsibility-mismatch (the local clause does not give the lead to the national lead's counterpart) of a
// document becomes a flag on the cell of the measure or sub-item it concerns, and the cell's state is recomputed
// (coverageMap.ts: a flagged cell is shown as needing a look). Only findings about the plan the map shows count.
import { messageOf } from '../catalog/rules';
import type { Citation } from '../citation/api';
import { computeLineStarts, lineAt } from '../document';
import type { Finding } from '../types';
import { mapCells, stateOf, type CoverageFlag, type CoverageMap, type CoveragePlace } from './coverageMap';

export const REVIEW_CODES = ['citation-mismatch', 'responsibility-mismatch'] as const;

/** A flag of a review check, with the finding's message (Chinese and English). */
export interface ReviewFlag {
  code: (typeof REVIEW_CODES)[number];
  place: CoveragePlace;
  message: string;
  messageEn: string;
}

export function isReviewFlag(f: CoverageFlag): f is ReviewFlag {
  return (REVIEW_CODES as readonly string[]).includes(f.code) && typeof (f as ReviewFlag).message === 'string';
}

/** Adds the review findings of one document to `map` (mutates it); returns the flags added. */
export function addReviewFlags(
  map: CoverageMap,
  uri: string,
  text: string,
  findings: readonly Finding[],
  citations: readonly Citation[],
): ReviewFlag[] {
  const cells = new Map(mapCells(map).map((c) => [c.path, c]));
  const prefix = `《${map.shortTitle}》`;
  let starts: number[] | undefined;
  const added: ReviewFlag[] = [];
  for (const f of findings) {
    if (f.code !== 'citation-mismatch' && f.code !== 'responsibility-mismatch') continue;
    let path: string | undefined;
    let citation: Citation | undefined;
    if (f.code === 'citation-mismatch') {
      citation = citations.find((c) => c.start === f.start && c.end === f.end && c.node);
      if (citation?.plan === map.plan) path = citation.node!.path;
    } else {
      const cited = (f.data as { citation?: unknown }).citation;
      if (typeof cited === 'string' && cited.startsWith(prefix)) path = cited.slice(prefix.length);
    }
    const cell = path === undefined ? undefined : cells.get(path);
    if (!cell) continue;
    starts ??= computeLineStarts(text);
    const pos = (offset: number) => {
      const line = lineAt(starts!, offset);
      return { line, character: offset - starts![line] };
    };
    const range = { start: pos(f.start), end: pos(f.end) };
    const line = range.start.line;
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
    const place: CoveragePlace = {
      uri,
      range,
      lineText: text
        .slice(starts[line], lineEnd)
        .replace(/[\r\n]+$/, '')
        .trim()
        .slice(0, 200),
      text: text.slice(f.start, f.end),
      canonical: cell.citation,
      plan: map.plan,
      via: 'self',
    };
    const flag: ReviewFlag = { code: f.code, place, message: messageOf(f, 'zh'), messageEn: messageOf(f, 'en') };
    cell.flags.push(flag);
    added.push(flag);
  }
  if (added.length) {
    for (const k of Object.keys(map.counts) as Array<keyof CoverageMap['counts']>) map.counts[k] = 0;
    for (const cell of cells.values()) {
      cell.state = stateOf(cell);
      map.counts[cell.state]++;
      map.counts.cells++;
    }
  }
  return added;
}
