// Suggestion throughput: AgencyKnowledgeBase.suggest (what unknown-agency near misses and the fuzzy completion
// fallback call) on misspelt registry names, bare and with a place prefix (长治市…). Every query is a different string,
// so the knowledge base's memo of earlier answers does not answer it.
import type { AgencyKnowledgeBase } from '../server/src/core/agency/api';
import { rng } from './generate';
import { fmtMs, now } from './util';

export interface SuggestReport {
  rows: Array<{ what: string; names: number; ms: number; firstMs: number }>;
}

// Characters drafters confuse (same sound or shape).
const SIMILAR = '安按案政正证整育肓教较局居委萎会汇卫为生声部步厅办半管官理里监坚督都检捡察查';

/** One misspelling per name: a character replaced by a similar one, or dropped (seeded, reproducible). */
function misspelt(names: string[], seed: number): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  for (const n of names) {
    if (n.length < 3) continue;
    const i = Math.floor(r() * n.length);
    out.add(
      r() < 0.5
        ? n.slice(0, i) + n.slice(i + 1)
        : n.slice(0, i) + SIMILAR[Math.floor(r() * SIMILAR.length)] + n.slice(i + 1),
    );
  }
  return [...out];
}

export function suggestThroughput(kb: AgencyKnowledgeBase, names: string[], date: string): SuggestReport {
  const rows: SuggestReport['rows'] = [];
  const series = (what: string, queries: string[]) => {
    let firstMs = NaN;
    const t = now();
    for (const q of queries) {
      kb.suggest(q, 5, date);
      if (Number.isNaN(firstMs)) firstMs = now() - t;
    }
    rows.push({ what, names: queries.length, ms: now() - t, firstMs });
  };
  series('bare names', misspelt(names, 1));
  series('bare names, again (other misspellings)', misspelt(names, 2));
  series(
    '长治市 + name',
    misspelt(names, 3).map((q) => '长治市' + q),
  );
  return { rows };
}

export function suggestMarkdown(r: SuggestReport): string[] {
  const out = [
    '## Suggestions',
    '',
    'AgencyKnowledgeBase.suggest(name, 5, date) on misspelt registry names (each name once, one character replaced or dropped; every query a new string). The first call of the first series loads fuse.js and builds the candidate index; pinyin-pro loads when a tie needs it.',
    '',
    '| queries | names | total | per name | first call |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const x of r.rows)
    out.push(
      `| ${x.what} | ${x.names} | ${fmtMs(x.ms)} | ${((x.ms / Math.max(1, x.names)) * 1000).toFixed(0)} µs | ${fmtMs(x.firstMs)} |`,
    );
  out.push('');
  return out;
}
