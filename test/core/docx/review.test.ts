// The reviewer (core/docx/review.ts) on packages built here: comments anchored on exactly the flagged characters,
// tracked changes that "accept all" turns into the --fix text and "reject all" back into the original, formatting of
// split runs kept, and fields, bookmarks, existing comments and revisions left intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { docxBodyText } from '../../../server/src/core/docx/package';
import { composeFixPasses, reviewDocx, type ReviewOptions } from '../../../server/src/core/docx/review';
import { analyze, buildDocx, para, partXml, plain, resolveRevisions, REVIEW_DATE, run } from './helpers';

const options = (over: Partial<ReviewOptions> = {}): ReviewOptions => ({
  analyze: (text) => analyze(text),
  author: '审核人',
  date: REVIEW_DATE,
  lang: 'zh',
  ...over,
});

async function mammothText(docx: Uint8Array): Promise<string> {
  const raw = (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value;
  const ps = raw.split('\n\n');
  if (ps.length > 1 && ps[ps.length - 1] === '') ps.pop();
  return ps.join('\n');
}

/** The text between commentRangeStart and commentRangeEnd of comment `id` in document order (w:t and w:delText). */
function anchoredText(xml: string, id: string): string {
  const start = xml.indexOf(`<w:commentRangeStart w:id="${id}"/>`);
  const end = xml.indexOf(`<w:commentRangeEnd w:id="${id}"/>`);
  assert.ok(start >= 0 && end > start, `comment ${id} anchored`);
  return [...xml.slice(start, end).matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)</g)].map((m) => m[1]).join('');
}

test('a finding in a run split across formatting: comment on exactly the name, tracked change, formatting kept', async () => {
  const body = para(
    run('由', '<w:b/>'),
    run('卫生', '<w:color w:val="FF0000"/>'),
    run('部负责。', '<w:sz w:val="32"/>'),
  );
  const input = await buildDocx({ body });
  const r = await reviewDocx(input, options());
  assert.equal(r.comments, 1);
  assert.equal(r.revisions, 1);
  const xml = await partXml(r.bytes, 'word/document.xml');
  // The deleted runs keep their own properties; the insertion takes the first deleted run's.
  assert.match(
    xml,
    /<w:del [^>]*w:author="审核人"[^>]*><w:r><w:rPr><w:color w:val="FF0000"\/><\/w:rPr><w:delText xml:space="preserve">卫生<\/w:delText>/,
  );
  assert.match(
    xml,
    /<w:del [^>]*><w:r><w:rPr><w:sz w:val="32"\/><\/w:rPr><w:delText xml:space="preserve">部<\/w:delText>/,
  );
  assert.match(
    xml,
    /<w:ins [^>]*w:date="2026-12-02T08:30:00Z"[^>]*><w:r><w:rPr><w:color w:val="FF0000"\/><\/w:rPr><w:t xml:space="preserve">国家卫生健康委<\/w:t>/,
  );
  assert.match(xml, /<w:r><w:rPr><w:sz w:val="32"\/><\/w:rPr><w:t xml:space="preserve">负责。<\/w:t><\/w:r>/);
  assert.match(xml, /<w:r><w:rPr><w:b\/><\/w:rPr><w:t xml:space="preserve">由<\/w:t><\/w:r>/);
  const id = /<w:commentRangeStart w:id="(\d+)"\/>/.exec(xml)![1];
  assert.equal(anchoredText(xml, id), '卫生部国家卫生健康委');
  const comments = await partXml(r.bytes, 'word/comments.xml');
  assert.match(
    comments,
    new RegExp(`<w:comment w:id="${id}" w:author="审核人" w:date="2026-12-02T08:30:00Z" w:initials="审核">`),
  );
  assert.match(
    comments,
    /警告：“卫生部”已撤销，应为“国家卫生健康委”（2013年机构改革）（已按此作修订，可接受或拒绝）（outdated-agency）/,
  );
  assert.match(
    await partXml(r.bytes, '[Content_Types].xml'),
    /PartName="\/word\/comments.xml" ContentType="application\/vnd.openxmlformats-officedocument.wordprocessingml.comments\+xml"/,
  );
  assert.match(
    await partXml(r.bytes, 'word/_rels/document.xml.rels'),
    /relationships\/comments" Target="comments.xml"/,
  );
  // Accept all = the fixed text, reject all = the original (read by an independent reader, mammoth).
  assert.equal(await mammothText(await resolveRevisions(r.bytes, 'accept')), '由国家卫生健康委负责。');
  assert.equal(await mammothText(await resolveRevisions(r.bytes, 'reject')), '由卫生部负责。');
  assert.equal(
    await mammothText(r.bytes),
    '由国家卫生健康委负责。',
    'mammoth reads w:ins and skips w:del: the accepted text',
  );
});

test('the English and bilingual comment text', async () => {
  const input = await buildDocx({ body: plain('由卫生部负责。') });
  const en = await partXml(
    (await reviewDocx(input, options({ lang: 'en', author: 'Action Plan Assistant' }))).bytes,
    'word/comments.xml',
  );
  assert.match(en, /w:initials="APA"/);
  assert.match(
    en,
    /Warning: Replace "卫生部" with "国家卫生健康委": abolished \(2013 reform\) \(made as a tracked change: accept or reject it\) \(outdated-agency\)/,
  );
  assert.doesNotMatch(en, /已撤销/);
  const both = await partXml((await reviewDocx(input, options({ lang: 'both' }))).bytes, 'word/comments.xml');
  assert.match(
    both,
    /<w:p><w:r><w:annotationRef\/><\/w:r><w:r><w:t xml:space="preserve">警告：[^<]*<\/w:t><\/w:r><\/w:p><w:p><w:r><w:t xml:space="preserve">Warning: /,
  );
});

test('tables, headers, footers and footnotes are reviewed; header/footer findings get tracked changes but no comments; a footnote’s comment sits on its reference mark', async () => {
  const table = `<w:tbl><w:tr><w:tc><w:p>${run('牵头单位')}</w:p></w:tc><w:tc><w:p>${run('文化部')}</w:p></w:tc></w:tr></w:tbl>`;
  const input = await buildDocx({
    body: plain('一、总体要求') + table + para(run('见脚注'), '<w:r><w:footnoteReference w:id="1"/></w:r>'),
    header: plain('卫生部文件'),
    footer: plain('卫生部印'),
    footnote: plain('由卫生部负责。'),
  });
  const r = await reviewDocx(input, options());
  const byPart = Object.fromEntries(r.stories.map((s) => [s.part, s]));
  assert.deepEqual(Object.keys(byPart), [
    'word/document.xml',
    'word/header1.xml',
    'word/footer1.xml',
    'word/footnotes.xml',
  ]);
  assert.equal(byPart['word/document.xml'].text, '一、总体要求\n牵头单位\n文化部\n见脚注');
  const doc = await partXml(r.bytes, 'word/document.xml');
  assert.match(
    doc,
    /<w:tc><w:p><w:commentRangeStart w:id="\d+"\/><w:del [^>]*><w:r><w:delText xml:space="preserve">文化部<\/w:delText>/,
  );
  for (const part of ['word/header1.xml', 'word/footer1.xml']) {
    const xml = await partXml(r.bytes, part);
    assert.match(xml, /<w:del /, part);
    assert.match(xml, /<w:ins /, part);
    assert.doesNotMatch(xml, /comment/, part);
    assert.ok(byPart[part].findings.length >= 1, part);
  }
  // A note's finding: the tracked change in the note, the comment on the note's reference mark in the body
  // (LibreOffice cannot open a package with a comment inside a note).
  const notes = await partXml(r.bytes, 'word/footnotes.xml');
  assert.match(
    notes,
    /由<\/w:t><\/w:r><w:del [^>]*><w:r><w:delText xml:space="preserve">卫生部<\/w:delText><\/w:r><\/w:del><w:ins [^>]*><w:r><w:t xml:space="preserve">国家卫生健康委/,
  );
  assert.doesNotMatch(notes, /comment/);
  const noteComment =
    /<w:commentRangeStart w:id="(\d+)"\/><w:r><w:footnoteReference w:id="1"\/><\/w:r><w:commentRangeEnd w:id="\1"\/><w:r><w:commentReference w:id="\1"\/><\/w:r>/.exec(
      doc,
    );
  assert.ok(noteComment, doc);
  assert.match(
    await partXml(r.bytes, 'word/comments.xml'),
    new RegExp(
      `<w:comment w:id="${noteComment[1]}"[^>]*><w:p><w:r><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">警告：脚注中：“卫生部”已撤销`,
    ),
  );
  assert.equal(r.comments, 2, 'the table cell and the footnote');
  const accepted = await resolveRevisions(r.bytes, 'accept');
  assert.match(
    await partXml(accepted, 'word/footnotes.xml'),
    /由<\/w:t><\/w:r><w:r><w:t xml:space="preserve">国家卫生健康委/,
  );
  assert.match(
    await partXml(accepted, 'word/header1.xml'),
    /国家卫生健康委<\/w:t><\/w:r><w:r><w:t xml:space="preserve">文件/,
  );
});

test('existing comments, revisions, bookmarks and fields are kept; spans crossing them get a comment and no tracked change', async () => {
  const existingComment =
    '<w:comment w:id="7" w:author="张三" w:date="2024-01-01T00:00:00Z" w:initials="张"><w:p><w:r><w:t>请核实</w:t></w:r></w:p></w:comment>';
  const body =
    // an existing comment around a name, and an existing insertion holding one
    para(
      '<w:commentRangeStart w:id="7"/>',
      run('由卫生部负责'),
      '<w:commentRangeEnd w:id="7"/>',
      '<w:r><w:commentReference w:id="7"/></w:r>',
    ) +
    para(
      run('会同'),
      '<w:ins w:id="8" w:author="李四" w:date="2024-01-02T00:00:00Z">' + run('文化部') + '</w:ins>',
      run('办理'),
    ) +
    // a bookmark inside a name, and a name split by an existing deletion
    para(
      run('由卫'),
      '<w:bookmarkStart w:id="0" w:name="b1"/>',
      run('生部'),
      '<w:bookmarkEnd w:id="0"/>',
      run('负责'),
    ) +
    para(
      run('由卫生'),
      '<w:del w:id="9" w:author="李四" w:date="2024-01-02T00:00:00Z"><w:r><w:delText>和计生</w:delText></w:r></w:del>',
      run('部负责'),
    ) +
    // a name in a field result (complex field) and in a simple field
    para(
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY 单位 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>',
      run('文化部'),
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
      run('主办'),
    ) +
    para('<w:fldSimple w:instr=" DOCPROPERTY 单位 ">' + run('文化部') + '</w:fldSimple>', run('协办'));
  const input = await buildDocx({ body, comments: existingComment });
  const r = await reviewDocx(input, options());
  const story = r.stories[0];
  assert.equal(story.text, '由卫生部负责\n会同文化部办理\n由卫生部负责\n由卫生部负责\n文化部主办\n文化部协办');
  assert.equal(
    await mammothText(input),
    story.text.replace('\n文化部协办', '\n协办'),
    'mammoth (which drops w:fldSimple) agrees otherwise',
  );
  assert.equal(r.comments, 6);
  assert.equal(r.revisions, 1, 'only the name in an ordinary run is revised');
  const xml = await partXml(r.bytes, 'word/document.xml');
  assert.match(
    xml,
    /<w:ins w:id="8" w:author="李四"[^>]*>(<w:commentRangeStart w:id="\d+"\/>)?<w:r><w:t xml:space="preserve">文化部<\/w:t><\/w:r>/,
  );
  assert.match(xml, /<w:bookmarkStart w:id="0" w:name="b1"\/>/);
  assert.match(xml, /<w:del w:id="9" w:author="李四"[^>]*><w:r><w:delText>和计生<\/w:delText><\/w:r><\/w:del>/);
  assert.match(xml, /<w:instrText xml:space="preserve"> DOCPROPERTY 单位 <\/w:instrText>/);
  assert.match(xml, /<w:fldSimple w:instr=" DOCPROPERTY 单位 ">/);
  // A comment on a field's result covers the whole field (its reference run outside the field).
  assert.match(xml, /<w:commentRangeStart w:id="\d+"\/><w:r><w:fldChar w:fldCharType="begin"\/><\/w:r>/);
  assert.match(
    xml,
    /<w:r><w:fldChar w:fldCharType="end"\/><\/w:r><w:commentRangeEnd w:id="(\d+)"\/><w:r><w:commentReference w:id="\1"\/><\/w:r>/,
  );
  assert.match(
    xml,
    /<w:commentRangeStart w:id="(\d+)"\/><w:fldSimple [^>]*>.*?<\/w:fldSimple><w:commentRangeEnd w:id="\1"\/>/,
  );
  const comments = await partXml(r.bytes, 'word/comments.xml');
  assert.match(comments, /<w:comment w:id="7" w:author="张三"/);
  const ids = [...comments.matchAll(/<w:comment w:id="(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal(new Set(ids).size, ids.length, 'comment ids unique');
  assert.ok(
    ids.filter((i) => i !== 7).every((i) => i > 9),
    'new ids above every existing id',
  );
  for (const id of ids.filter((i) => i !== 7)) {
    const a = anchoredText(xml, String(id));
    assert.ok(
      ['卫生部国家卫生健康委', '文化部', '卫生部', '文化部文化和旅游部'].includes(a.replace('和计生', '')),
      `comment ${id} on ${a}`,
    );
  }
  // Reject all restores the document's own revisions untouched: the text is the original.
  assert.equal(
    await mammothText(await resolveRevisions(r.bytes, 'reject')),
    await mammothText(await resolveRevisions(input, 'reject')),
  );
});

test('accept all = the text of every fix pass (composeFixPasses), also with several findings in a paragraph', async () => {
  const lines = [
    '根据《中国反对拐卖人口行动计划(2021-2030年)》（国办发[2021]13号），由市卫生计生委、市工商局负责。',
    '',
    '文化部牵头',
  ];
  const input = await buildDocx({ body: lines.map(plain).join('') });
  const text = await docxBodyText(input);
  assert.equal(text, lines.join('\n'));
  const { fixed } = composeFixPasses(text, analyze(text), analyze);
  assert.notEqual(fixed, text);
  const r = await reviewDocx(input, options());
  assert.equal(await mammothText(await resolveRevisions(r.bytes, 'accept')), fixed);
  assert.equal(await mammothText(await resolveRevisions(r.bytes, 'reject')), text);
  assert.equal(r.comments, r.stories[0].findings.length);
});

test('composeFixPasses: edits of a later pass inside an earlier insertion are merged into one edit of the original', () => {
  // pass 1: A→BC ; pass 2: C→D (inside the insertion) — composed: A→BD
  const f = (start: number, end: number, newText: string) => ({
    code: 'citation-format' as const,
    severity: 'information' as const,
    facts: { replacement: newText },
    start,
    end,
    data: {},
    fixes: [{ title: { zh: '', en: '' }, edits: [{ start, end, newText }], unambiguous: true }],
  });
  const { edits, fixed } = composeFixPasses('xAyA', [f(1, 2, 'BC'), f(3, 4, 'BC')], (t) =>
    t.includes('C') ? [...t].flatMap((c, i) => (c === 'C' ? [f(i, i + 1, 'D')] : [])) : [],
  );
  assert.equal(fixed, 'xBDyBD');
  assert.deepEqual(edits, [
    { start: 1, end: 2, newText: 'BD' },
    { start: 3, end: 4, newText: 'BD' },
  ]);
});

test('a name inside a hyperlink is revised inside the hyperlink; a name in a content control or a smart tag gets a comment only', async () => {
  const body =
    para(
      run('详见'),
      '<w:hyperlink w:anchor="x">' + run('文化部', '<w:rStyle w:val="Hyperlink"/>') + '</w:hyperlink>',
      run('通知'),
    ) +
    para('<w:sdt><w:sdtPr/><w:sdtContent>' + run('文化部') + '</w:sdtContent></w:sdt>', run('牵头')) +
    para('<w:smartTag w:uri="u" w:element="e">' + run('文化部') + '</w:smartTag>', run('牵头'));
  const input = await buildDocx({ body });
  const r = await reviewDocx(input, options());
  assert.equal(r.stories[0].text, '详见文化部通知\n文化部牵头\n文化部牵头');
  assert.equal(r.comments, 3);
  assert.equal(r.revisions, 1);
  const xml = await partXml(r.bytes, 'word/document.xml');
  assert.match(
    xml,
    /<w:hyperlink w:anchor="x"><w:commentRangeStart w:id="\d+"\/><w:del [^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><\/w:rPr><w:delText xml:space="preserve">文化部<\/w:delText><\/w:r><\/w:del><w:ins [^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><\/w:rPr><w:t xml:space="preserve">文化和旅游部<\/w:t><\/w:r><\/w:ins><w:commentRangeEnd w:id="(\d+)"\/><w:r><w:commentReference w:id="\1"\/><\/w:r><\/w:hyperlink>/,
  );
  assert.equal(
    await mammothText(await resolveRevisions(r.bytes, 'accept')),
    '详见文化和旅游部通知\n文化部牵头\n文化部牵头',
  );
});
