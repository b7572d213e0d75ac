// Server-level property (fast-check, fixed seed): a random sequence of incremental didChange notifications sent to
// the real language server (dist/server.js over stdio) — several changes per notification, ranges that start, end or
// lie inside astral characters (𠮷, 😀), CR, LF and CRLF line breaks, bursts that cancel a running analysis — yields
// exactly the diagnostics of
//   (a) the same final text opened fresh in the same server, and
//   (b) analyzeText (in this process) on the final text, converted to LSP ranges.
// So no edit is lost or misapplied by the incremental sync, and the per-document analysis cache never serves a
// stale line. FUZZ_RUNS / FUZZ_SEED change the number of cases and the seed (default 40 runs, at most 200; seed 20261123).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/src/core/analysis';
import { loadEngines } from '../../server/src/node/data';
import { DEFAULT_SETTINGS } from '../../server/src/core/types';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import { TODAY, TestServer, type Diag } from '../server/lspClient';

const RUNS = Math.min(Number(process.env.FUZZ_RUNS ?? 40), 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

const fragments = [
  '《中国反对拐卖人口行动计划（2021—2030年）》',
  '《中国反对拐卖人口行动计划(2013-2020年)》',
  '《行动计划》',
  '《行动计划（2021—2030年）》二（一）2（3）',
  '《行动计划》二（一）2（99）',
  '国办发〔2021〕13号',
  '国办发[2013]19号',
  '二（一）2（3）',
  '二(二)2(1)第2项',
  '（公安部负责，民政部、全国妇联配合）',
  '（市公安局牵头，市卫生局、团市委参与）',
  '卫生部',
  '国家卫生计生委',
  '市工商局',
  '人力资源和社保部',
  '、',
  '，',
  '。',
  '《',
  '》',
  '（',
  '）',
  '𠮷',
  '😀',
  '𠮷𠮷',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '——',
  '<!-- action-plan-disable-next-line outdated-agency -->\n',
  '<!-- action-plan: date=2017-01-01 -->\n',
];
const pieceArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...fragments) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
);
const textArb = fc.array(pieceArb, { maxLength: 30 }).map((p) => p.join(''));

/** One content change: where (modulo the text length), how many UTF-16 units it replaces, whether the range is
 * sent reversed (end before start), and the inserted text. */
const changeArb = fc.record({
  at: fc.nat(),
  del: fc.oneof(fc.nat({ max: 4 }), fc.nat({ max: 40 })),
  reversed: fc.boolean(),
  insert: fc.oneof(pieceArb, fc.constant('')),
});
/** One didChange notification: 1–3 changes applied in order, then a pause in ms: none (a burst of typing), about the
 * push debounce (the next change may cancel an analysis that has just started), or long enough to publish. */
const batchArb = fc.record({
  changes: fc.array(changeArb, { minLength: 1, maxLength: 3 }),
  pause: fc.constantFrom(0, 0, 35, 60, 200),
});

/** LSP line starts: CRLF, CR and LF are line breaks. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) out.push(i + 1);
  }
  return out;
}

/** An offset → an LSP position (0-based line, UTF-16 character); an offset between CR and LF moves before the CR. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  if (offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10) offset--;
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** The offset the server will use for that position (inverse of positionAt on its own output). */
function offsetOf(text: string, offset: number): number {
  return offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset;
}

const engines = loadEngines();
const settings = { ...DEFAULT_SETTINGS };

function expected(text: string): Diag[] {
  const doc = TextDocument.create('untitled:expected', 'markdown', 1, text);
  return analyzeText(text, settings, engines, { today: TODAY }).findings.map((f) => toDiagnostic(doc, f, 'en') as Diag);
}

test('property: random incremental edits on the real server give exactly the diagnostics of a fresh analysis', async () => {
  const s = await TestServer.start({});
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(textArb, fc.array(batchArb, { minLength: 1, maxLength: 8 }), async (initial, batches) => {
        run++;
        const uri = `untitled:edited-${run}`;
        const fresh = `untitled:fresh-${run}`;
        let text = initial;
        let version = 1;
        await s.open(uri, text);
        for (const batch of batches) {
          const changes = [];
          for (const c of batch.changes) {
            const start = offsetOf(text, c.at % (text.length + 1));
            const end = Math.max(start, offsetOf(text, Math.min(text.length, start + c.del)));
            const range = { start: positionAt(text, start), end: positionAt(text, end) };
            // A reversed range (end before start) must be ordered by the server itself.
            changes.push({ range: c.reversed ? { start: range.end, end: range.start } : range, text: c.insert });
            text = text.slice(0, start) + c.insert + text.slice(end);
          }
          await s.change(uri, ++version, changes);
          if (batch.pause) await new Promise((r) => setTimeout(r, batch.pause));
        }
        const edited = await s.until(
          () => s.published.get(uri)?.find((p) => p.version === version)?.diagnostics,
          600_000,
          uri,
        );
        await s.open(fresh, text);
        const reference = await s.until(
          () => s.published.get(fresh)?.find((p) => p.version === 1)?.diagnostics,
          600_000,
          fresh,
        );
        await s.close(uri);
        await s.close(fresh);
        assert.deepEqual(edited, reference, `final text ${JSON.stringify(text)}`);
        assert.deepEqual(
          edited.filter((d) => d.code !== undefined),
          expected(text),
          `final text ${JSON.stringify(text)}`,
        );
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    assert.equal(run >= RUNS, true);
    assert.ok(s.alive());
  } finally {
    await s.stop();
  }
});
