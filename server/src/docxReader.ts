// The Word reader, bundled on its own (dist/docxReader.js): mammoth and jszip are large and only needed when a .docx
// is actually read, so neither the language server nor the CLI loads them at start-up. Loaded by docx.ts.
import mammoth from 'mammoth';

/** mammoth's raw text of a .docx package (every paragraph ends with "\n\n"). */
export async function extractRawText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value;
}
