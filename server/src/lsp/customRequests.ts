// The custom requests the VS Code client relies on: actionPlan/planTree, planText, searchNodes, coverage, status.
import { basename, isAbsolute, relative, sep } from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { analyzeTextAsync } from '../core/analysis';
import { coverageDate, coverageInputs, coverageReport, renderCoverageMarkdown } from '../core/features/coverage';
import type { Lang } from '../core/features/coverageHtml';
import { coverageMapView, type CoverageMapView } from '../core/features/coverageMapView';
import { searchHits, type SearchHit } from '../core/features/planSearch';
import { planTree, planWithText, type PlanTree } from '../core/features/planTree';
import type { Severity } from '../core/types';
import { Methods } from '../protocol';
import { diagnosticCounts } from './diagnostics';
import { uriToPath } from './documents';
import { registerReviewRequest } from './reviewRequest';
import type { Session } from './session';

export type { SearchHit } from '../core/features/planSearch';

const SEARCH_LIMIT = 50;

function record(params: unknown): Record<string, unknown> {
  if (!params || typeof params !== 'object' || Array.isArray(params)) {
    throw new ResponseError(ErrorCodes.InvalidParams, '参数应为对象 / params must be an object');
  }
  return params as Record<string, unknown>;
}

export interface StatusResult {
  referenceDate: string;
  counts: Record<Severity, number>;
}

/** actionPlan/coverageMap: the map and what the webview shows of it (core/features/coverageMapView.ts). */
export interface CoverageMapResult extends CoverageMapView {
  /** URIs that could not be read. */
  skipped: string[];
}

function uriList(params: unknown): string[] {
  const uris = record(params).uris;
  if (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string')) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'uris 应为字符串数组 / uris must be an array of strings');
  }
  return uris as string[];
}

/** The texts of the given documents: open ones as the editor has them, others read from disk. */
function readInputs(session: Session, uris: readonly string[], token: { isCancellationRequested: boolean }) {
  const files = uris.map((uri) => ({ uri, path: uriToPath(uri) }));
  return coverageInputs(files, (uri) => session.documents.get(uri)?.getText(), session.service.workspace, token);
}

export function registerCustomRequests(session: Session): void {
  const { connection, documents, requests, planTexts } = session;
  registerReviewRequest(session);

  connection.onRequest(
    Methods.planTree,
    requests.guard<unknown, PlanTree>(Methods.planTree, { plans: [] }, async () => {
      // The tree is not tied to a document: statuses on the referenceDate setting, else today.
      const settings = await session.settings.forUri('');
      return planTree(session.engines(), settings.referenceDate || session.service.today());
    }),
  );

  connection.onRequest(
    Methods.planText,
    requests.guard<unknown, { uri: string; text: string } | null>(Methods.planText, null, (params) => {
      const wanted = planWithText(record(params).plan);
      if ('error' in wanted) throw new ResponseError(ErrorCodes.InvalidParams, wanted.error);
      const { plan } = wanted;
      return { uri: planTexts.uri(plan), text: session.engines().plans.text(plan) };
    }),
  );

  connection.onRequest(
    Methods.searchNodes,
    requests.guard<unknown, SearchHit[]>(Methods.searchNodes, [], (params, token) => {
      const query = record(params).query;
      if (typeof query !== 'string')
        throw new ResponseError(ErrorCodes.InvalidParams, 'query 应为字符串 / query must be a string');
      return searchHits(session.engines().plans, query, { limit: SEARCH_LIMIT, token });
    }),
  );

  connection.onRequest(
    Methods.coverage,
    requests.guard<unknown, { markdown: string }>(Methods.coverage, { markdown: '' }, async (params, token) => {
      const { inputs, skipped } = await readInputs(session, uriList(params), token);
      const engines = session.engines();
      const settings = await session.settings.forUri(inputs[0]?.uri ?? '');
      const date = coverageDate(inputs, settings, session.service.today());
      const report = coverageReport(inputs, engines, { defaultPlan: settings.defaultPlan, date, token });
      let markdown = renderCoverageMarkdown(report, {
        planLink: planTexts.link,
        nodeOf: (path) => engines.plans.get(report.plan, path),
        // No links for the citing places: VS Code's Markdown preview does not render file: links. Workspace-relative
        // paths instead (the client shows the report as a virtual document).
        docName: (uri) => {
          const p = uriToPath(uri);
          if (!p) return uri;
          for (const folder of session.workspaceFolders) {
            const rel = relative(folder, p);
            if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
          }
          return basename(p);
        },
      });
      if (skipped.length) {
        markdown += `\n无法读取的文件 / Unreadable：${skipped.join('、')}\n`;
      }
      return { markdown };
    }),
  );

  connection.onRequest(
    Methods.coverageMap,
    requests.guard<unknown, CoverageMapResult | null>(Methods.coverageMap, null, async (params, token) => {
      const { inputs, skipped } = await readInputs(session, uriList(params), token);
      const wanted = record(params).lang;
      // The reader's language: as asked, else the client's locale (initialize.locale), as the diagnostics.
      const lang: Lang = wanted === 'zh' || wanted === 'en' || wanted === 'both' ? wanted : session.lang;
      const engines = session.engines();
      const settings = await session.settings.forUri(inputs[0]?.uri ?? '');
      // The plan in force on the documents' reference date (core/features/coverage.ts coverageDate).
      const date = coverageDate(inputs, settings, session.service.today());
      const view = await coverageMapView(inputs, engines, {
        defaultPlan: settings.defaultPlan,
        date,
        lang,
        token,
        // Open documents with their current analysis, the others analysed here.
        analyse: async (input) => {
          const open = documents.get(input.uri);
          if (open && open.getText() === input.text) return (await session.analysis(open, token)).analysis;
          const s = await session.settings.forUri(input.uri);
          await session.customAgencies.ensure(s);
          return analyzeTextAsync(input.text, s, engines, { token, today: session.service.today() });
        },
      });
      return { ...view, skipped };
    }),
  );

  connection.onRequest(
    Methods.status,
    requests.guard<unknown, StatusResult | null>(Methods.status, null, async (params, token) => {
      const uri = record(params).uri;
      if (typeof uri !== 'string')
        throw new ResponseError(ErrorCodes.InvalidParams, 'uri 应为字符串 / uri must be a string');
      const doc = documents.get(uri);
      if (!doc) return null;
      const counts = await diagnosticCounts(session, doc, token);
      const ctx = await session.context(doc, token);
      return { referenceDate: ctx.referenceDate, counts };
    }),
  );
}
