// In-memory implementation of TextDocumentLike (used by the CLI, tests and the bench), plus offset helpers.
import type { Position, Range, TextDocumentLike } from './types';

/**
 * Line starts of a text; `\r\n`, `\n` and `\r` all end a line (as LSP). The line ends are found with indexOf (the
 * next \n and the next \r, each searched once), not by a loop over every character: a one-shot CLI run does this once
 * per file, in code that is not optimised yet.
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  const n = text.length;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  if (lf < 0) lf = n;
  if (cr < 0) cr = n;
  while (lf < n || cr < n) {
    let next: number;
    if (cr < lf) {
      next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1; // \r\n is one line end
      cr = text.indexOf('\r', cr + 1);
      if (cr < 0) cr = n;
    } else next = lf + 1;
    if (lf < next) {
      lf = text.indexOf('\n', next);
      if (lf < 0) lf = n;
    }
    starts.push(next);
  }
  return starts;
}

/** The 0-based line containing `offset`, given the line starts of computeLineStarts (binary search). */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class InMemoryDocument implements TextDocumentLike {
  private lineStarts: number[] | undefined;
  constructor(
    readonly uri: string,
    private text: string,
    readonly version = 1,
  ) {}

  getText(): string {
    return this.text;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  private starts(): number[] {
    return (this.lineStarts ??= computeLineStarts(this.text));
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts();
    const line = lineAt(starts, offset);
    return { line, character: offset - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.starts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    const nextStart = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextStart));
  }
}

export function rangeOf(doc: TextDocumentLike, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/**
 * A string with the same content that is not a slice of a larger one (V8 slices substrings of 13 or more units: the
 * slice keeps its parent alive). The concatenation is flattened by the slice into a string of its own. For what a
 * cache or memo keeps beyond the text it was taken from.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
