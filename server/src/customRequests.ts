// The custom requests the VS Code client relies on: actionPlan/planTree, planText, searchNodes, coverage, status.
import { basename, isAbsolute, relative, sep } from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { coverageReport, renderCoverageMarkdown, type CoverageInput } from './core/features/coverage';
import { searchNodes } from './core/features/planSearch';
import { planTree, type PlanTree } from './core/features/planTree';
import { PLAN_IDS, type PlanId, type Severity } from './core/types';
import { CancelledError } from './core/types';
import { diagnosticCounts } from './diagnostics';
import { uriToPath, type Session } from './session';
import { readTextFile } from './workspaceFiles';
import { Methods } from './protocol';

const MAX_COVERAGE_DOCS = 500;
const SEARCH_LIMIT = 50;

function record(params: unknown): Record<string, unknown> {
  if (!params || typeof params !== 'object' || Array.isArray(params)) {
    throw new ResponseError(ErrorCodes.InvalidParams, '参数应为对象 / params must be an object');
  }
  return params as Record<string, unknown>;
}

export interface SearchHit {
  plan: PlanId;
  path: string;
  citation: string;
  heading: string;
  text: string;
}

export interface StatusResult {
  referenceDate: string;
  counts: Record<Severity, number>;
}

export function registerCustomRequests(session: Session): void {
  const { connection } = session;

  connection.onRequest(
    Methods.planTree,
    session.guard<unknown, PlanTree>(Methods.planTree, { plans: [] }, () => planTree(session.engines())),
  );

  connection.onRequest(
    Methods.planText,
    session.guard<unknown, { uri: string; text: string } | null>(Methods.planText, null, (params) => {
      const plan = record(params).plan;
      if (typeof plan !== 'string' || !(PLAN_IDS as readonly string[]).includes(plan)) {
        throw new ResponseError(ErrorCodes.InvalidParams, `未知的计划 / unknown plan: ${String(plan)}（2021-2030 或 2013-2020）`);
      }
      return { uri: session.planTextUri(plan as PlanId), text: session.engines().plans.text(plan as PlanId) };
    }),
  );

  connection.onRequest(
    Methods.searchNodes,
    session.guard<unknown, SearchHit[]>(Methods.searchNodes, [], (params, token) => {
      const query = record(params).query;
      if (typeof query !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'query 应为字符串 / query must be a string');
      return searchNodes(session.engines().plans, query.slice(0, 200), { limit: SEARCH_LIMIT, token }).map(({ node }) => ({
        plan: node.plan,
        path: node.path,
        citation: node.citation,
        heading: node.heading,
        text: node.text,
      }));
    }),
  );

  connection.onRequest(
    Methods.coverage,
    session.guard<unknown, { markdown: string }>(Methods.coverage, { markdown: '' }, async (params, token) => {
      const uris = record(params).uris;
      if (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string')) {
        throw new ResponseError(ErrorCodes.InvalidParams, 'uris 应为字符串数组 / uris must be an array of strings');
      }
      const engines = session.engines();
      const inputs: CoverageInput[] = [];
      const skipped: string[] = [];
      for (const uri of (uris as string[]).slice(0, MAX_COVERAGE_DOCS)) {
        if (token.isCancellationRequested) throw new CancelledError();
        const open = session.documents.get(uri);
        let text = open?.getText();
        if (text === undefined) {
          const path = uriToPath(uri);
          text = path ? await readTextFile(path) : undefined;
        }
        if (text === undefined) skipped.push(uri);
        else inputs.push({ uri, text });
      }
      const settings = await session.settings.forUri(inputs[0]?.uri ?? '');
      const report = coverageReport(inputs, engines, { defaultPlan: settings.defaultPlan, token });
      let markdown = renderCoverageMarkdown(report, {
        planLink: session.planLink,
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
    Methods.status,
    session.guard<unknown, StatusResult | null>(Methods.status, null, async (params, token) => {
      const uri = record(params).uri;
      if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'uri 应为字符串 / uri must be a string');
      const doc = session.documents.get(uri);
      if (!doc) return null;
      const counts = await diagnosticCounts(session, doc, token);
      const ctx = await session.context(doc, token);
      return { referenceDate: ctx.referenceDate, counts };
    }),
  );
}
