// actionPlan/reviewDocx: the VS Code command “生成审阅稿” — the reviewed copy of a .docx in the workspace, written by the
// same engine as `action-plan-lint review` (reviewFile.ts) with the settings of the file's folder.
import { pathToFileURL } from 'node:url';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { analyzeText } from '../core/analysis';
import type { ReviewLang } from '../core/docx/review';
import { Methods } from '../protocol';
import { reviewDateOf, reviewFile } from '../node/reviewFile';
import { uriToPath } from './documents';
import type { Session } from './session';

export interface ReviewDocxParams {
  /** file: URI of the .docx. */
  uri: string;
  /** Language of the comments (the client's display language). */
  lang?: ReviewLang;
  author?: string;
}

export interface ReviewDocxResult {
  /** file: URI of the reviewed copy (IN（审阅）.docx beside the input). */
  output: string;
  comments: number;
  revisions: number;
  /** Findings in the whole package (body, headers, footers, notes). */
  findings: number;
}

export function registerReviewRequest(session: Session): void {
  session.connection.onRequest(
    Methods.reviewDocx,
    session.requests.guard<unknown, ReviewDocxResult | null>(Methods.reviewDocx, null, async (params) => {
      const p = (params ?? {}) as Partial<Record<keyof ReviewDocxParams, unknown>>;
      const path = typeof p.uri === 'string' ? uriToPath(p.uri) : undefined;
      if (!path) throw new ResponseError(ErrorCodes.InvalidParams, 'uri 应为 file: URI / uri must be a file: URI');
      const lang: ReviewLang = p.lang === 'en' || p.lang === 'both' ? p.lang : 'zh';
      const settings = await session.settings.forUri(p.uri as string);
      const engines = session.engines();
      const today = session.service.today();
      const r = await reviewFile({
        input: path,
        author: typeof p.author === 'string' && p.author.trim() ? p.author.trim() : undefined,
        lang,
        date: reviewDateOf(new Date()),
        analyze: (text) => analyzeText(text, settings, engines, { today }).findings,
      });
      if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      return {
        output: pathToFileURL(r.output).toString(),
        comments: r.review.comments,
        revisions: r.review.revisions,
        findings: r.review.stories.reduce((n, s) => n + s.findings.length, 0),
      };
    }),
  );
}
