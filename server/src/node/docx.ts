// Text of a Word (.docx) file, shared by the CLI and the language server so that positions agree: one paragraph per
// line (empty and table-cell paragraphs included; manual line breaks inside a paragraph are dropped), read by
// core/docx/package.ts — the same XML walk the reviewer (`action-plan-lint review`) anchors its comments with. A
// package whose XML inflates to too much is refused before it is parsed (docxSafety.ts).
import { join } from 'node:path';
import type { ReviewOptions, ReviewResult } from '../core/docx/review';
import { docxBombCheck } from './docxSafety';

type Reader = typeof import('./docxReader');
let reader: Reader | undefined;

/** The reader module: dist/docxReader.js beside the bundle, or out/server/src/node/docxReader.js in the transpiled tree. */
function loadReader(): Reader {
  // A computed path keeps esbuild from inlining the reader into the calling bundle.
  return (reader ??= require(join(__dirname, 'docxReader.js')) as Reader);
}

/** mammoth's raw text ends every paragraph with "\n\n" (and has no other line breaks): one paragraph per line. */
export function docxParagraphsToLines(raw: string): string {
  const paragraphs = raw.split('\n\n');
  if (paragraphs.length > 1 && paragraphs[paragraphs.length - 1] === '') paragraphs.pop();
  return paragraphs.join('\n');
}

function describe(e: unknown): string {
  const r = loadReader();
  if (e instanceof r.DocxError) return e.message;
  const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return `无法读取 Word 文档（文件损坏或不是 .docx 格式）/ cannot read the Word document (corrupt or not .docx): ${why}`;
}

/**
 * Why the package cannot be read, before any parser sees it: an encrypted document or an old .doc/.wps file (told
 * with how to convert it), else the package guard's verdict (docxSafety.ts: structure, zip bombs).
 */
function unreadable(buffer: Buffer, fileName: string): string | undefined {
  const r = loadReader();
  const problem = r.docxInputProblem(buffer, fileName);
  if (problem && problem.kind !== 'corrupt') return problem.message;
  return docxBombCheck(buffer) ?? problem?.message;
}

/** The text of a .docx package, or a clear (Chinese + English) error. Never throws. */
export async function docxText(buffer: Buffer, fileName = ''): Promise<{ text: string } | { error: string }> {
  const bad = unreadable(buffer, fileName);
  if (bad) return { error: bad };
  try {
    return { text: await loadReader().docxBodyText(buffer, fileName) };
  } catch (e) {
    return { error: describe(e) };
  }
}

/** The reviewed copy of a .docx package (core/docx/review.ts), or a clear error. Never throws. */
export async function docxReview(buffer: Buffer, options: ReviewOptions): Promise<ReviewResult | { error: string }> {
  const bad = unreadable(buffer, options.fileName ?? '');
  if (bad) return { error: bad };
  try {
    return await loadReader().reviewDocx(buffer, options);
  } catch (e) {
    return { error: describe(e) };
  }
}
