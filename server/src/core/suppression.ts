// In-document suppression comments:
//   <!-- action-plan-disable-next-line [CODE …] -->   the next non-empty line (all codes when none is given)
//   <!-- action-plan-disable [CODE …] -->  …  <!-- action-plan-enable [CODE …] -->   a region
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './types';

interface Region {
  start: number;
  end: number;
  /** undefined = every code */
  codes?: Set<string>;
}

export interface Suppressions {
  regions: Region[];
}

const DIRECTIVE = /<!--\s*action-plan-(disable-next-line|disable|enable)\b([^>]*?)-->/g;

function parseCodes(s: string): Set<string> | undefined {
  const codes = s
    .split(/[\s,，]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return codes.length ? new Set(codes) : undefined;
}

export function parseSuppressions(text: string): Suppressions {
  const regions: Region[] = [];
  if (!text.includes('action-plan-')) return { regions };
  const open: Array<{ start: number; codes?: Set<string> }> = [];
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
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
      open.push({ start: after, codes });
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
  for (const o of open) regions.push({ start: o.start, end: text.length, codes: o.codes });
  return { regions };
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
