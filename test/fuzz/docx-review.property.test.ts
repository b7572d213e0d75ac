// Property test (fast-check, fixed seed) of the Word reviewer on random packages: paragraphs of agency names,
// citations and filler cut into runs at random places with random formatting (some runs with bookmarks or proofing
// marks between them). For every package: "accept all" gives the text every --fix pass gives (less the fixes whose
// text crosses a bookmark: those keep only their comment), "reject all" gives the original, one comment per finding,
// and the formatting of every character is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { docxBodyText } from '../../server/src/core/docx/package';
import { applyEdits, composeFixPasses, reviewDocx } from '../../server/src/core/docx/review';
import { analyze, buildDocx, esc, partXml, resolveRevisions, REVIEW_DATE } from '../core/docx/helpers';

const RUNS = Math.max(20, Math.round(Number(process.env.FUZZ_RUNS ?? 300) / 6));
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

const TOKENS = [
  '由',
  '卫生部',
  '文化部',
  '负责',
  '，会同',
  '市工商局',
  '国办发[2021]13号',
  '和',
  '。',
  '市卫生计生委',
  '根据',
  '《行动计划（2021—2030年）》二（一）2（3）',
  '𠀋',
  ' ',
];
const FORMATS = ['', '<w:b/>', '<w:i/>', '<w:color w:val="FF0000"/>', '<w:sz w:val="28"/>'];
const BETWEEN = [
  '',
  '',
  '',
  '<w:proofErr w:type="spellStart"/>',
  '<w:bookmarkStart w:id="90" w:name="m"/><w:bookmarkEnd w:id="90"/>',
];

const paragraph = fc
  .record({
    tokens: fc.array(fc.constantFrom(...TOKENS), { minLength: 0, maxLength: 8 }),
    cuts: fc.array(fc.nat(40), { maxLength: 5 }),
    formats: fc.array(fc.constantFrom(...FORMATS), { minLength: 6, maxLength: 6 }),
    between: fc.array(fc.constantFrom(...BETWEEN), { minLength: 6, maxLength: 6 }),
  })
  .map(({ tokens, cuts, formats, between }) => {
    const text = tokens.join('');
    // Cut on UTF-16 boundaries that do not split a surrogate pair.
    const points = [...new Set(cuts.map((c) => c % (text.length + 1)))]
      .filter((c) => c > 0 && c < text.length && !(text.charCodeAt(c) >= 0xdc00 && text.charCodeAt(c) <= 0xdfff))
      .sort((a, b) => a - b);
    const pieces: string[] = [];
    let pos = 0;
    for (const c of [...points, text.length]) {
      pieces.push(text.slice(pos, c));
      pos = c;
    }
    const runs = pieces.map(
      (p, i) =>
        between[i % 6] +
        `<w:r>${formats[i % 6] ? `<w:rPr>${formats[i % 6]}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(p)}</w:t></w:r>`,
    );
    return { text, xml: `<w:p>${text ? runs.join('') : ''}</w:p>`, pieces, formats };
  });

test('review of random packages: accept all = every --fix pass, reject all = the original, one comment per finding', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(paragraph, { minLength: 1, maxLength: 4 }), async (paras) => {
      const input = await buildDocx({ body: paras.map((p) => p.xml).join('') });
      const text = paras.map((p) => p.text).join('\n');
      assert.equal(await docxBodyText(input), text);
      const r = await reviewDocx(input, { analyze: (t) => analyze(t), author: 'A', date: REVIEW_DATE, lang: 'zh' });
      const findings = analyze(text);
      assert.equal(r.comments, findings.filter((f) => f.end > f.start).length);
      const { edits, fixed } = composeFixPasses(text, findings, analyze);
      // Every tracked change is one of the --fix edits; a span crossing a bookmark is left to its comment.
      const revised = r.stories[0].revised;
      assert.ok(
        revised.every((e) => edits.some((x) => x.start === e.start && x.end === e.end && x.newText === e.newText)),
      );
      assert.equal(await docxBodyText(await resolveRevisions(r.bytes, 'accept')), applyEdits(text, revised));
      if (!paras.some((p) => p.xml.includes('bookmarkStart'))) assert.equal(applyEdits(text, revised), fixed);
      assert.equal(await docxBodyText(await resolveRevisions(r.bytes, 'reject')), text);
      // Formatting: after "reject all", the text under each run property set is exactly what it was.
      const xml = await partXml(await resolveRevisions(r.bytes, 'reject'), 'word/document.xml');
      for (const fmt of FORMATS.filter(Boolean)) {
        const before = paras.flatMap((p) => p.pieces.filter((_, i) => p.formats[i % 6] === fmt)).join('');
        const re = new RegExp(
          `<w:r><w:rPr>${fmt.replace(/[/]/g, '\\/')}</w:rPr><w:t xml:space="preserve">([^<]*)</w:t></w:r>`,
          'g',
        );
        const after = [...xml.matchAll(re)]
          .map((m) => m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
          .join('');
        assert.equal(after, before, fmt);
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
});
