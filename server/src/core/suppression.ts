// In-document suppression comments:
//   <!-- action-plan-disable-next-line [CODE …] -->   the next non-empty line (all codes when none is given)
//   <!-- action-plan-disable [CODE …] -->  …  <!-- action-plan-enable [CODE …] -->   a region
// Directives count only as HTML comments outside code: a directive quoted in an inline code span or in a fenced
// code block (a guide that shows the syntax) is text, not a directive. A disable that is never closed applies only
// up to the end of its section — the next heading (Markdown `#`…`######`, or a top-level Chinese heading such as
// 二、) or the end of the document — and is reported (`unclosed`) so that the glue can tell the user.
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './types';

interface Region {
  start: number;
  end: number;
  /** undefined = every code */
  codes?: Set<string>;
}

export interface Suppressions {
  regions: Region[];
  /** Disable directives without a matching enable: the directive's span and where the region was cut off. */
  unclosed: Array<{ start: number; end: number; until: number }>;
}

const DIRECTIVE = /<!--\s*action-plan-(disable-next-line|disable|enable)\b([^>]*?)-->/g;
const HEADING = /^(?: {0,3}#{1,6}(?:[ \t]|$)|[一二三四五六七八九十百]+、)/;

function parseCodes(s: string): Set<string> | undefined {
  const codes = s
    .split(/[\s,，]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return codes.length ? new Set(codes) : undefined;
}

/**
 * The spans of Markdown code in `text`, sorted: fenced code blocks (``` or ~~~, to their closing fence or the end)
 * and inline code spans (a run of backticks to the next run of the same length on the same line). Linear.
 */
export function codeSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let fence: { ch: string; len: number; start: number } | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1][0] === fence.ch && f[1].length >= fence.len && line.slice(f[0].length).trim() === '') {
        spans.push([fence.start, lineEnd]);
        fence = undefined;
      }
    } else if (f && !(f[1][0] === '`' && line.slice(f[0].length).includes('`'))) {
      fence = { ch: f[1][0], len: f[1].length, start: lineStart };
    } else if (line.includes('`')) {
      const runs = /`+/g;
      let open: { len: number; start: number } | undefined;
      for (let m = runs.exec(line); m; m = runs.exec(line)) {
        if (!open) open = { len: m[0].length, start: lineStart + m.index };
        else if (m[0].length === open.len) {
          spans.push([open.start, lineStart + m.index + m[0].length]);
          open = undefined;
        }
      }
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  if (fence) spans.push([fence.start, text.length]);
  return spans.sort((a, b) => a[0] - b[0]);
}

/** Whether `offset` lies in one of the sorted `spans` (binary search). */
export function inSpans(spans: ReadonlyArray<[number, number]>, offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] <= offset) lo = mid + 1;
    else if (spans[mid][0] > offset) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Start of the first heading line after `from` outside code, or the end of the text. */
function sectionEnd(text: string, from: number, code: ReadonlyArray<[number, number]>): number {
  let lineStart = text.indexOf('\n', from);
  while (lineStart >= 0) {
    lineStart++;
    let eol = text.indexOf('\n', lineStart);
    if (eol < 0) eol = text.length;
    if (HEADING.test(text.slice(lineStart, Math.min(eol, lineStart + 16))) && !inSpans(code, lineStart))
      return lineStart;
    lineStart = eol < text.length ? eol : -1;
  }
  return text.length;
}

export function parseSuppressions(text: string): Suppressions {
  const regions: Region[] = [];
  const unclosed: Suppressions['unclosed'] = [];
  if (!text.includes('action-plan-')) return { regions, unclosed };
  let code: Array<[number, number]> | undefined;
  const open: Array<{ start: number; codes?: Set<string>; directive: [number, number] }> = [];
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    code ??= codeSpans(text);
    if (inSpans(code, m.index)) continue; // quoted in code: not a directive
    const codes = parseCodes(m[2]);
    const after = m.index + m[0].length;
    if (m[1] === 'disable-next-line') {
      // The next line that has content.
      let lineStart = text.indexOf('\n', after);
      if (lineStart < 0) continue;
      lineStart++;
      while (lineStart < text.length) {
        let eol = text.indexOf('\n', lineStart);
        if (eol < 0) eol = text.length;
        if (text.slice(lineStart, eol).trim()) {
          regions.push({ start: lineStart, end: eol, codes });
          break;
        }
        lineStart = eol + 1;
      }
    } else if (m[1] === 'disable') {
      open.push({ start: after, codes, directive: [m.index, after] });
    } else {
      // enable: closes every open region whose codes it covers (all, when it names none)
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i];
        if (!codes || !o.codes || [...o.codes].every((c) => codes.has(c))) {
          regions.push({ start: o.start, end: m.index, codes: o.codes });
          open.splice(i, 1);
        }
      }
    }
  }
  for (const o of open) {
    const until = sectionEnd(text, o.start, code ?? []);
    regions.push({ start: o.start, end: until, codes: o.codes });
    unclosed.push({ start: o.directive[0], end: o.directive[1], until });
  }
  return { regions, unclosed };
}

export function isSuppressed(s: Suppressions, code: DiagnosticCode, offset: number): boolean {
  for (const r of s.regions) {
    if (offset >= r.start && offset <= r.end && (!r.codes || r.codes.has(code))) return true;
  }
  return false;
}

/** Codes in suppression comments that are not diagnostic codes (reported to the user by the glue). */
export function unknownSuppressionCodes(s: Suppressions): string[] {
  const known = new Set<string>(DIAGNOSTIC_CODES);
  const bad = new Set<string>();
  for (const r of s.regions) for (const c of r.codes ?? []) if (!known.has(c)) bad.add(c);
  return [...bad];
}

/** The message for an unclosed disable directive (information on the directive), Chinese and English. */
export const UNCLOSED_MESSAGE = {
  zh: '未关闭的 <!-- action-plan-disable -->：只作用到本节末尾（下一个标题之前）；请在要恢复检查处加上 <!-- action-plan-enable -->',
  en: 'unclosed <!-- action-plan-disable -->: it applies only up to the end of its section (the next heading); add <!-- action-plan-enable --> where checking should resume',
};
