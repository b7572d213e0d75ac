// actionPlan/reviewDocx over stdio (the VS Code command “生成审阅稿”): the reviewed copy is written beside the .docx
// with the settings of the file's folder; bad input is a clear error and writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docxBodyText } from '../../server/src/core/docx/package';
import { Methods } from '../../server/src/protocol';
import { makeDocx } from '../cli/helpers';
import { partXml } from '../core/docx/helpers';
import { TestServer } from './lspClient';

test('actionPlan/reviewDocx writes IN（审阅）.docx with comments and tracked changes; errors are ResponseErrors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apl-review-'));
  writeFileSync(join(dir, 'plan.docx'), await makeDocx(['一、由市卫生计生委负责。', '二、会同文化部。']));
  writeFileSync(join(dir, 'broken.docx'), 'PK\u0003\u0004 not a zip');
  const s = await TestServer.start({ settings: { referenceDate: '2025-06-01' } });
  try {
    const uri = pathToFileURL(join(dir, 'plan.docx')).toString();
    const r = (await s.request(Methods.reviewDocx, { uri, lang: 'en' })) as {
      output: string;
      comments: number;
      revisions: number;
      findings: number;
    };
    assert.deepEqual(r, {
      output: pathToFileURL(join(dir, 'plan（审阅）.docx')).toString(),
      comments: 2,
      revisions: 2,
      findings: 2,
    });
    const out = readFileSync(join(dir, 'plan（审阅）.docx'));
    assert.match(
      await partXml(out, 'word/comments.xml'),
      /w:author="Action Plan Assistant"[^>]*><w:p><w:r><w:annotationRef\/><\/w:r><w:r><w:t xml:space="preserve">Warning: Replace "市卫生计生委"/,
    );
    assert.equal(
      await docxBodyText(out),
      '一、由市卫健委负责。\n二、会同文化和旅游部。',
      'accepted text (w:ins read, w:del skipped)',
    );

    const before = readdirSync(dir).sort();
    await assert.rejects(
      s.request(Methods.reviewDocx, { uri: pathToFileURL(join(dir, 'broken.docx')).toString() }),
      /无法读取 Word 文档/,
    );
    await assert.rejects(s.request(Methods.reviewDocx, { uri: 'untitled:x' }), /file: URI/);
    assert.deepEqual(readdirSync(dir).sort(), before);
    assert.ok(s.alive());
  } finally {
    await s.stop();
  }
});
