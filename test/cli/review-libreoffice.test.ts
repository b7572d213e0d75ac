// The reviewed copy in a real word processor: LibreOffice (headless) exports the bundled example drafts to .docx,
// `action-plan-lint review` writes their reviewed copies, and LibreOffice opens those, exports them to PDF with the
// comments as PDF notes and saves them again as .docx keeping every comment and tracked change. "Accept all" gives
// the text `action-plan-lint --fix` writes into the same draft as plain text; "reject all" gives the draft back.
// Needs `soffice` (Debian libreoffice-writer-nogui) and `pdftotext`/`pdftoppm` (poppler-utils); .ci/run installs
// them. Without them the test is skipped locally, and fails in CI.
// ACTION_PLAN_UPDATE_DOCS=1 copies the first page of a reviewed example to docs/screenshots/review-docx.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { docxBodyText } from '../../server/src/core/docx/package';
import { buildDocx, para, partXml, plain, resolveRevisions, run } from '../core/docx/helpers';
import { lintAsync, ROOT, scratch } from './helpers';

function found(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
const tools = ['soffice', 'pdftotext', 'pdftoppm'].filter((t) => !found(t));
if (tools.length && process.env.CI)
  throw new Error(`CI must install ${tools.join(', ')} (.ci/run: libreoffice-writer-nogui poppler-utils)`);
const skip = tools.length
  ? `${tools.join(', ')} not installed (apt-get install libreoffice-writer-nogui poppler-utils): LibreOffice check skipped`
  : false;

/** Runs LibreOffice headless with its own profile (so that runs side by side do not share one). */
function soffice(dir: string, args: string[]): void {
  const profile = join(dir, '.lo-profile');
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(r.status, 0, `soffice ${args.join(' ')}: ${r.stderr}`);
  assert.doesNotMatch(r.stdout + r.stderr, /Error:/, `soffice ${args.join(' ')}: ${r.stdout}${r.stderr}`);
}

async function mammothText(docx: Uint8Array): Promise<string> {
  const ps = (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value.split('\n\n');
  if (ps.length > 1 && ps[ps.length - 1] === '') ps.pop();
  return ps.join('\n');
}

/** The texts of the PDF's text annotations (LibreOffice exports Writer comments as PDF notes). */
function pdfNotes(pdf: Buffer): string[] {
  const s = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of s.matchAll(/\/Subtype\s*\/Text\b[^]*?\/Contents\s*<([0-9A-Fa-f\s]*)>/g)) {
    const bytes = Buffer.from(m[1].replace(/\s/g, ''), 'hex');
    const body = bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2) : bytes;
    out.push(Buffer.from(body).swap16().toString('utf16le'));
  }
  return out;
}

const count = (xml: string, re: RegExp) => (xml.match(re) ?? []).length;

test(
  'examples exported to .docx by LibreOffice: one comment per finding, tracked changes for the fixes, opened again by LibreOffice',
  { skip, timeout: 600_000 },
  async () => {
    const dir = scratch();
    const examples = readdirSync(join(ROOT, 'examples'))
      .filter((f) => /\.(md|txt)$/.test(f))
      .sort();
    assert.ok(examples.length >= 3);
    // LibreOffice reads Markdown as plain text only under a .txt name: one paragraph per line.
    const names = examples.map((f) => f.replace(/\.(md|txt)$/, ''));
    for (const [i, f] of examples.entries()) copyFileSync(join(ROOT, 'examples', f), join(dir, `${names[i]}.txt`));
    soffice(dir, [
      '--infilter=Text (encoded):UTF8,LF,,,',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      'docx',
      ...names.map((n) => `${n}.txt`),
    ]);

    const reviewed: string[] = [];
    let revisionsSeen = 0;
    for (const name of names) {
      const source = readFileSync(join(dir, `${name}.txt`), 'utf8').replace(/\n$/, '');
      const docx = join(dir, 'docx', `${name}.docx`);
      const bytes = readFileSync(docx);
      // The checked text of the exported draft is the draft, paragraph for line; mammoth reads the same.
      assert.equal(await docxBodyText(bytes), source, name);
      assert.equal(await mammothText(bytes), source, `${name}: mammoth agrees`);

      const r = await lintAsync(
        ['review', docx, '--format', 'json', '--lang', 'zh', '--reference-date', '2025-06-01', '--author', '审核组'],
        { cwd: dir },
      );
      assert.ok(r.status === 0 || r.status === 1, `${name}: ${r.stderr}`);
      const [entry] = JSON.parse(r.stdout) as Array<{
        output: string;
        comments: number;
        revisions: number;
        diagnostics: Array<{ part?: string; range: { start: { line: number; character: number } } }>;
      }>;
      const out = join(dir, 'docx', `${name}（审阅）.docx`);
      assert.ok(existsSync(out), `${name}: default output name`);
      reviewed.push(out);
      const outBytes = readFileSync(out);
      const doc = await partXml(outBytes, 'word/document.xml');
      const comments = await partXml(outBytes, 'word/comments.xml');
      assert.ok(entry.diagnostics.length > 0, `${name} has findings`);
      assert.equal(entry.comments, entry.diagnostics.length, `${name}: one comment per finding`);
      assert.equal(count(comments, /<w:comment /g), entry.comments);
      assert.equal(count(doc, /<w:commentRangeStart /g), entry.comments);
      assert.equal(count(doc, /<w:commentReference /g), entry.comments);
      assert.equal(count(doc, /<w:ins /g), entry.revisions);
      revisionsSeen += entry.revisions;

      // The same positions as checking the .docx.
      const lint = await lintAsync(['--format', 'json', '--reference-date', '2025-06-01', docx], { cwd: dir });
      assert.deepEqual(
        JSON.parse(lint.stdout)[0].diagnostics.map((d: { range: unknown }) => d.range),
        entry.diagnostics.map((d) => d.range),
        `${name}: review and check report the same positions`,
      );

      // Accept all = --fix on the plain-text draft; reject all = the draft.
      const fixDir = scratch();
      writeFileSync(join(fixDir, `${name}.txt`), source + '\n');
      const fix = await lintAsync(['--fix', '--reference-date', '2025-06-01', `${name}.txt`], { cwd: fixDir });
      assert.ok(fix.status === 0 || fix.status === 1, fix.stderr);
      const fixed = readFileSync(join(fixDir, `${name}.txt`), 'utf8').replace(/\n$/, '');
      if (entry.revisions) assert.notEqual(fixed, source);
      assert.equal(await mammothText(await resolveRevisions(outBytes, 'accept')), fixed, `${name}: accept all = --fix`);
      assert.equal(
        await mammothText(await resolveRevisions(outBytes, 'reject')),
        source,
        `${name}: reject all = the draft`,
      );
    }
    assert.ok(revisionsSeen > 0, 'the examples have automatic fixes');

    // LibreOffice opens every reviewed copy: PDF with the comments as notes, and saved again as .docx.
    soffice(join(dir, 'docx'), [
      '--convert-to',
      'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
      '--outdir',
      'pdf',
      ...reviewed,
    ]);
    soffice(join(dir, 'docx'), ['--convert-to', 'docx:MS Word 2007 XML', '--outdir', 'resaved', ...reviewed]);
    for (const out of reviewed) {
      const base = out.slice(out.lastIndexOf('/') + 1, -'.docx'.length);
      const comments = await partXml(readFileSync(out), 'word/comments.xml');
      const texts = [...comments.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) =>
        m[1]
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>'),
      );
      const pdf = readFileSync(join(dir, 'docx', 'pdf', `${base}.pdf`));
      const notes = pdfNotes(pdf);
      assert.equal(notes.length, texts.length, `${base}: every comment is a note in the PDF`);
      for (const t of texts)
        assert.ok(
          notes.some((n) => n.replace(/\s+/g, '').includes(t.replace(/\s+/g, ''))),
          `${base}: note “${t}”`,
        );
      const page = spawnSync('pdftotext', ['-layout', join(dir, 'docx', 'pdf', `${base}.pdf`), '-'], {
        encoding: 'utf8',
      });
      assert.equal(page.status, 0);
      const resaved = readFileSync(join(dir, 'docx', 'resaved', `${base}.docx`));
      const doc = await partXml(resaved, 'word/document.xml');
      assert.equal(
        count(await partXml(resaved, 'word/comments.xml'), /<w:comment /g),
        texts.length,
        `${base}: LibreOffice keeps every comment`,
      );
      // LibreOffice keeps the tracked changes (it may cut an insertion into several w:ins): same accepted and rejected text.
      assert.ok(
        count(doc, /<w:ins /g) >= count(await partXml(readFileSync(out), 'word/document.xml'), /<w:ins /g),
        `${base}: insertions kept`,
      );
      for (const mode of ['accept', 'reject'] as const) {
        assert.equal(
          await mammothText(await resolveRevisions(resaved, mode)),
          await mammothText(await resolveRevisions(readFileSync(out), mode)),
          `${base}: ${mode}`,
        );
      }
    }
    // Tracked changes are shown in the PDF: the deleted and the inserted name side by side.
    const changzhi = spawnSync('pdftotext', [join(dir, 'docx', 'pdf', 'changzhi-2025-draft（审阅）.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout.replace(/\s+/g, '');
    assert.match(changzhi, /市卫生计生委市卫健委/);
    const png = join(dir, 'review-page');
    const r = spawnSync('pdftoppm', [
      '-r',
      '110',
      '-png',
      '-singlefile',
      '-f',
      '1',
      '-l',
      '1',
      join(dir, 'docx', 'pdf', 'changzhi-2025-draft（审阅）.pdf'),
      png,
    ]);
    assert.equal(r.status, 0);
    assert.equal(readFileSync(`${png}.png`).subarray(1, 4).toString(), 'PNG');
    if (process.env.ACTION_PLAN_UPDATE_DOCS === '1') {
      mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
      copyFileSync(`${png}.png`, join(ROOT, 'docs', 'screenshots', 'review-docx.png'));
    }
  },
);

test(
  'LibreOffice opens a reviewed package with tables, header, footer, footnote, fields, bookmarks and existing revisions',
  { skip, timeout: 300_000 },
  async () => {
    const dir = scratch();
    const body =
      para(run('由', '<w:b/>'), run('卫生', '<w:color w:val="C00000"/>'), run('部负责。')) +
      `<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:p>${run('牵头单位')}</w:p></w:tc><w:tc><w:p>${run('文化部')}</w:p></w:tc></w:tr></w:tbl>` +
      para(
        run('由卫'),
        '<w:bookmarkStart w:id="0" w:name="b1"/>',
        run('生部'),
        '<w:bookmarkEnd w:id="0"/>',
        run('负责'),
      ) +
      para(
        run('会同'),
        '<w:ins w:id="8" w:author="李四" w:date="2024-01-02T00:00:00Z">' + run('文化部') + '</w:ins>',
        run('办理'),
      ) +
      para(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY Company </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run('文化部'),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
      ) +
      para(run('见脚注'), '<w:r><w:footnoteReference w:id="1"/></w:r>');
    const input = await buildDocx({
      body,
      header: plain('卫生部文件'),
      footer: plain('文化部印'),
      footnote: plain('由卫生部负责。'),
      comments: '',
    });
    writeFileSync(join(dir, 'built.docx'), input);
    const r = await lintAsync(
      [
        'review',
        'built.docx',
        '-o',
        'reviewed.docx',
        '--format',
        'json',
        '--lang',
        'en',
        '--reference-date',
        '2025-06-01',
      ],
      { cwd: dir },
    );
    assert.equal(r.status, 0, r.stderr);
    const [entry] = JSON.parse(r.stdout);
    assert.deepEqual(
      [...new Set(entry.diagnostics.map((d: { part?: string }) => d.part ?? 'body'))],
      ['body', 'word/header1.xml', 'word/footer1.xml', 'word/footnotes.xml'],
    );
    soffice(dir, [
      '--convert-to',
      'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
      '--outdir',
      'pdf',
      'reviewed.docx',
    ]);
    soffice(dir, ['--convert-to', 'docx:MS Word 2007 XML', '--outdir', 'resaved', 'reviewed.docx']);
    const notes = pdfNotes(readFileSync(join(dir, 'pdf', 'reviewed.pdf')));
    assert.equal(notes.length, entry.comments);
    assert.ok(
      notes.every((n) => /^(Warning|Info|Error|Hint): /.test(n)),
      JSON.stringify(notes),
    );
    const text = spawnSync('pdftotext', [join(dir, 'pdf', 'reviewed.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(
      /\s+/g,
      '',
    );
    for (const s of ['卫生部国家卫生健康委文件', '文化部文化和旅游部印', '牵头单位', '文化部'])
      assert.ok(text.includes(s), s);
    const resaved = readFileSync(join(dir, 'resaved', 'reviewed.docx'));
    assert.equal(count(await partXml(resaved, 'word/comments.xml'), /<w:comment /g), entry.comments);
    assert.match(await partXml(resaved, 'word/document.xml'), /w:author="李四"/);
  },
);
