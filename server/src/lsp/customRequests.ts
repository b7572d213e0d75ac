// The custom requests the VS Code client relies on: actionPlan/planTree, planText, searchNodes, coverage, status.
import { basename, isAbsolute, relative, sep } from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { coverageDate, coverageInputs, coverageReport, renderCoverageMarkdown } from '../core/features/coverage';
import {
  COVERAGE_CSS,
  STATE_LABELS,
  renderCoverageFragment,
  stateLabel,
  type Lang,
} from '../core/features/coverageHtml';
import {
  COVERAGE_STATES,
  coverageMap,
  mapCells,
  type CoverageMap,
  type CoverageState,
} from '../core/features/coverageMap';
import { addReviewFlags } from '../core/features/coverageReview';
import { analyzeTextAsync } from '../core/analysis';
import { searchNodes } from '../core/features/planSearch';
import { planTree, type PlanTree } from '../core/features/planTree';
import { PLAN_CATALOG } from '../core/catalog/plans';
import { PLAN_IDS, type PlanId, type Severity } from '../core/types';
import { CancelledError } from '../core/types';
import { diagnosticCounts } from './diagnostics';
import { uriToPath } from './documents';
import type { Session } from './session';
import { Methods } from '../protocol';
import { registerReviewRequest } from './reviewRequest';

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

/** actionPlan/coverageMap: the map's model, its HTML (fragment and stylesheet) and the text of every cell's node. */
export interface CoverageMapResult {
  map: CoverageMap;
  /** Legend, summary and map, rendered by core/features/coverageHtml.ts (cells are buttons with data attributes). */
  html: string;
  /** The stylesheet of that HTML. */
  css: string;
  /** Per cell path: the node's full text and its 0-based line in the plan text (actionPlan/planText). */
  nodes: Record<string, { text: string; line: number }>;
  /** Symbol and label of each state in the requested language (the tree view shows them). */
  labels: Record<CoverageState, { symbol: string; label: string }>;
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
  const { connection } = session;
  registerReviewRequest(session);

  connection.onRequest(
    Methods.planTree,
    session.guard<unknown, PlanTree>(Methods.planTree, { plans: [] }, async () => {
      // The tree is not tied to a document: statuses on the referenceDate setting, else today.
      const settings = await session.settings.forUri('');
      return planTree(session.engines(), settings.referenceDate || session.service.today());
    }),
  );

  connection.onRequest(
    Methods.planText,
    session.guard<unknown, { uri: string; text: string } | null>(Methods.planText, null, (params) => {
      const plan = record(params).plan;
      if (typeof plan !== 'string' || !(PLAN_IDS as readonly string[]).includes(plan)) {
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          `未知的计划 / unknown plan: ${String(plan)}（${PLAN_IDS.join('、')}）`,
        );
      }
      if (!PLAN_CATALOG[plan as PlanId].textInCorpus) {
        const meta = PLAN_CATALOG[plan as PlanId];
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          `《${meta.title}》（${meta.docNumber}）的原文未收录 / the text of the ${plan} plan is not in the corpus`,
        );
      }
      return { uri: session.planTextUri(plan as PlanId), text: session.engines().plans.text(plan as PlanId) };
    }),
  );

  connection.onRequest(
    Methods.searchNodes,
    session.guard<unknown, SearchHit[]>(Methods.searchNodes, [], (params, token) => {
      const query = record(params).query;
      if (typeof query !== 'string')
        throw new ResponseError(ErrorCodes.InvalidParams, 'query 应为字符串 / query must be a string');
      return searchNodes(session.engines().plans, query.slice(0, 200), { limit: SEARCH_LIMIT, token }).map(
        ({ node }) => ({
          plan: node.plan,
          path: node.path,
          citation: node.citation,
          heading: node.heading,
          text: node.text,
        }),
      );
    }),
  );

  connection.onRequest(
    Methods.coverage,
    session.guard<unknown, { markdown: string }>(Methods.coverage, { markdown: '' }, async (params, token) => {
      const { inputs, skipped } = await readInputs(session, uriList(params), token);
      const engines = session.engines();
      const settings = await session.settings.forUri(inputs[0]?.uri ?? '');
      const date = coverageDate(inputs, settings, session.service.today());
      const report = coverageReport(inputs, engines, { defaultPlan: settings.defaultPlan, date, token });
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
    Methods.coverageMap,
    session.guard<unknown, CoverageMapResult | null>(Methods.coverageMap, null, async (params, token) => {
      const { inputs, skipped } = await readInputs(session, uriList(params), token);
      const wanted = record(params).lang;
      // The reader's language: as asked, else the client's locale (initialize.locale), as the diagnostics.
      const lang: Lang = wanted === 'zh' || wanted === 'en' || wanted === 'both' ? wanted : session.lang;
      const engines = session.engines();
      const settings = await session.settings.forUri(inputs[0]?.uri ?? '');
      // The plan in force on the documents' reference date (core/features/coverage.ts coverageDate).
      const date = coverageDate(inputs, settings, session.service.today());
      const map = coverageMap(inputs, engines, { defaultPlan: settings.defaultPlan, date, token });
      // The content and responsibility checks flag the cells they concern, as in the CLI's report: open documents
      // with their current analysis, the others analysed here.
      for (const input of inputs) {
        if (token.isCancellationRequested) throw new CancelledError();
        const open = session.documents.get(input.uri);
        let analysis;
        if (open && open.getText() === input.text) analysis = (await session.analysis(open, token)).analysis;
        else {
          const s = await session.settings.forUri(input.uri);
          await session.customAgencies.ensure(s);
          analysis = await analyzeTextAsync(input.text, s, engines, { token, today: session.service.today() });
        }
        addReviewFlags(map, input.uri, input.text, analysis.findings, analysis.citations);
      }
      const nodes: CoverageMapResult['nodes'] = {};
      for (const c of mapCells(map)) {
        const n = engines.plans.get(map.plan, c.path);
        if (n) nodes[c.path] = { text: n.text, line: n.startLine };
      }
      const labels = Object.fromEntries(
        COVERAGE_STATES.map((st) => [st, { symbol: STATE_LABELS[st].symbol, label: stateLabel(st, lang) }]),
      ) as CoverageMapResult['labels'];
      return { map, html: renderCoverageFragment(map, { lang }), css: COVERAGE_CSS, nodes, labels, skipped };
    }),
  );

  connection.onRequest(
    Methods.status,
    session.guard<unknown, StatusResult | null>(Methods.status, null, async (params, token) => {
      const uri = record(params).uri;
      if (typeof uri !== 'string')
        throw new ResponseError(ErrorCodes.InvalidParams, 'uri 应为字符串 / uri must be a string');
      const doc = session.documents.get(uri);
      if (!doc) return null;
      const counts = await diagnosticCounts(session, doc, token);
      const ctx = await session.context(doc, token);
      return { referenceDate: ctx.referenceDate, counts };
    }),
  );
}
