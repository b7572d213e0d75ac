// The reviewed copy of a .docx on disk, for the CLI (`action-plan-lint review`) and the language server
// (actionPlan/reviewDocx, the VS Code command “生成审阅稿”): read, guard (docxSafety.ts), review (core/docx/review.ts),
// write atomically beside it. The input is never written; on any error nothing is written.
import { readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ReviewLang, ReviewResult } from '../core/docx/review';
import type { StoryKind } from '../core/docx/package';
import type { Finding } from '../core/types';
import { MAX_DOCX_BYTES } from '../cli/input';
import { docxReview } from './docx';

export interface ReviewFileOptions {
  /** Absolute path of the .docx. */
  input: string;
  /** Absolute path of the copy; default `defaultReviewOutput(input)`. */
  output?: string;
  author?: string;
  lang: ReviewLang;
  /** Date-time of the comments and revisions (ISO 8601, e.g. 2026-12-02T08:30:00Z). */
  date: string;
  analyze: (text: string, story: { part: string; kind: StoryKind }) => Finding[];
}

export type ReviewFileResult = { output: string; review: ReviewResult } | { error: string };

/** IN.docx → IN（审阅）.docx in the same folder. */
export function defaultReviewOutput(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}（审阅）${ext.toLowerCase() === '.docx' ? ext : '.docx'}`);
}

export function defaultReviewAuthor(lang: ReviewLang): string {
  return lang === 'en' ? 'Action Plan Assistant' : '反拐行动计划助手';
}

/** The date of a review written now, as Word writes it (seconds, UTC). */
export function reviewDateOf(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

export async function reviewFile(o: ReviewFileOptions): Promise<ReviewFileResult> {
  const output = o.output ?? defaultReviewOutput(o.input);
  const ext = extname(o.input).toLowerCase();
  if (ext !== '.docx' && ext !== '.doc' && ext !== '.wps') {
    return { error: `只能审阅 .docx 文件 / only .docx files can be reviewed: ${o.input}` };
  }
  if (sameFile(o.input, output)) {
    return {
      error:
        '审阅稿不能覆盖原文件，请用 -o 指定另一个文件 / the reviewed copy cannot overwrite the input; choose another file with -o',
    };
  }
  let bytes: Buffer;
  try {
    const st = statSync(o.input);
    if (st.isDirectory()) return { error: `是文件夹，不是 .docx 文件 / is a folder, not a .docx file: ${o.input}` };
    if (st.size > MAX_DOCX_BYTES) return { error: `文件过大（${st.size} 字节）/ file too large (${st.size} bytes)` };
    bytes = readFileSync(o.input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return { error: `无法读取文件（${code}）/ cannot read the file (${code}): ${o.input}` };
  }
  const review = await docxReview(bytes, {
    analyze: o.analyze,
    author: o.author || defaultReviewAuthor(o.lang),
    date: o.date,
    lang: o.lang,
    fileName: basename(o.input),
  });
  if ('error' in review) return review;
  const problem = writeAtomically(output, review.bytes);
  return problem ? { error: problem } : { output, review };
}

/** A temporary file in the target folder, renamed over the target: a reader never sees half a package. */
/** `bytes` random bytes in hex (node:crypto is loaded when a reviewed copy is written, not at start-up). */
function randomHex(bytes: number): string {
  return (require('node:crypto') as typeof import('node:crypto')).randomBytes(bytes).toString('hex');
}

function writeAtomically(target: string, bytes: Uint8Array): string | undefined {
  let dest = target;
  try {
    dest = realpathSync(target); // an existing link: replace its target
  } catch {
    /* a new file */
  }
  const tmp = join(dirname(dest), `.${basename(dest)}.${process.pid}-${randomHex(4)}.tmp`);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    renameSync(tmp, dest);
    return undefined;
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* not created */
    }
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    return `无法写入审阅稿（${code}）/ cannot write the reviewed copy (${code}): ${target}`;
  }
}
