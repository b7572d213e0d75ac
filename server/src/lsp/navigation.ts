// Definition (citation → plan node), references (every citation of that node in open documents and workspace files)
// and document links (citations → plan text at the node).
import type {
  DefinitionParams,
  DocumentLink,
  DocumentLinkParams,
  Location,
  ReferenceParams,
} from 'vscode-languageserver/node';
import {
  definitionTarget,
  documentLinks,
  planTextRange,
  references,
  type OpenDocument,
} from '../core/features/navigation';
import { CancelledError } from '../core/types';
import { uriToPath } from './documents';
import { positionOf } from './guard';
import type { Session } from './session';

export function registerNavigation(session: Session): void {
  const { connection, documents, requests, planTexts } = session;

  connection.onDefinition(
    requests.guard<DefinitionParams, Location[] | null>('textDocument/definition', null, async (params, token) => {
      const doc = documents.ofParams(params);
      const position = positionOf(params);
      if (!doc) return null;
      const ctx = await session.context(doc, token);
      const t = definitionTarget(doc.getText(), doc.offsetAt(position), ctx);
      if (!t) return null;
      return [{ uri: planTexts.uri(t.plan), range: planTextRange(ctx.engines, t.plan, t.node) }];
    }),
  );

  connection.onReferences(
    requests.guard<ReferenceParams, Location[]>('textDocument/references', [], async (params, token) => {
      const doc = documents.ofParams(params);
      const position = positionOf(params);
      if (!doc) return [];
      const ctx = await session.context(doc, token);
      const t = definitionTarget(doc.getText(), doc.offsetAt(position), ctx);
      if (!t || !t.node) return [];
      const node = t.node;
      const out: Location[] = [];
      if (params.context?.includeDeclaration) {
        out.push({ uri: planTexts.uri(t.plan), range: planTextRange(ctx.engines, t.plan, node) });
      }
      const open: OpenDocument[] = [];
      for (const d of documents.all()) {
        if (token.isCancellationRequested) throw new CancelledError();
        if (!(await session.serves(d))) continue;
        const octx = await session.context(d, token);
        const text = d.getText();
        open.push({
          uri: d.uri,
          path: uriToPath(d.uri),
          text,
          citations: octx.analysis?.citations,
          defaultPlan: octx.settings.defaultPlan,
        });
      }
      out.push(
        ...(await references(node, open, session.service.workspace, ctx.engines, ctx.settings.defaultPlan, token)),
      );
      return out;
    }),
  );

  connection.onDocumentLinks(
    requests.guard<DocumentLinkParams, DocumentLink[]>('textDocument/documentLink', [], async (params, token) => {
      const doc = documents.ofParams(params);
      if (!doc) return [];
      const ctx = await session.context(doc, token);
      if (!ctx.analysis) return [];
      return documentLinks(doc.getText(), ctx).map((l) => ({
        range: { start: doc.positionAt(l.start), end: doc.positionAt(l.end) },
        target: planTexts.link(l.plan, l.node),
        tooltip: l.tooltip,
      }));
    }),
  );
}
