// The Word reader and reviewer, bundled on their own (dist/docxReader.js): jszip and @xmldom/xmldom are only needed
// when a .docx is actually read, so neither the language server nor the CLI loads them at start-up. Loaded by docx.ts.
export { docxBodyText, docxInputProblem, DocxError } from '../core/docx/package';
export { reviewDocx } from '../core/docx/review';
