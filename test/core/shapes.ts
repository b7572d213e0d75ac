// Shared by the real-shape tests (realShapes, realShapesSweep3, review7): one set of engines, and the analysis of a short
// synthetic sentence as a document of its own reference date.
import { analyzeText, applyFixes } from '../../server/src/core/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { loadEngines } from '../../server/src/node/data';

export const engines = loadEngines();
export const today = '2026-12-02';
/** `text` as a document whose front matter sets the reference date to `date`. */
export const docAt = (text: string, date = today) => `---\ndate: ${date}\n---\n${text}`;
/** The findings on `text` at `date`: code, severity and the text they cover. */
export const run = (text: string, date = today) => {
  const doc = docAt(text, date);
  return analyzeText(doc, DEFAULT_SETTINGS, engines, { today }).findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    text: doc.slice(f.start, f.end),
  }));
};
/** Fix-all on `text` at `date`: the codes found, and `text` after the automatic fixes. */
export const fixAll = (text: string, date = today) => {
  const doc = docAt(text, date);
  const r = analyzeText(doc, DEFAULT_SETTINGS, engines, { today });
  return {
    codes: r.findings.map((f) => f.code),
    fixed: applyFixes(doc, r.findings).text.slice(doc.length - text.length),
  };
};
