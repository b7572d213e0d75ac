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
  const { connection } = session;

  connection.onDefinition(
    session.guard<DefinitionParams, Location[] | null>('textDocument/definition', null, async (params, token) => {
      const doc = session.doc(params);
      const position = positionOf(params);
      if (!doc) return null;
      const ctx = await session.context(doc, token);
      const t = definitionTarget(doc.getText(), doc.offsetAt(position), ctx);
      if (!t) return null;
      return [{ uri: session.planTextUri(t.plan), range: planTextRange(ctx.engines, t.plan, t.node) }];
    }),
  );

  connection.onReferences(
    session.guard<ReferenceParams, Location[]>('textDocument/references', [], async (params, token) => {
      const doc = session.doc(params);
      const position = positionOf(params);
      if (!doc) return [];
      const ctx = await session.context(doc, token);
      const t = definitionTarget(doc.getText(), doc.offsetAt(position), ctx);
      if (!t || !t.node) return [];
      const node = t.node;
      const out: Location[] = [];
      if (params.context?.includeDeclaration) {
        out.push({ uri: session.planTextUri(t.plan), range: planTextRange(ctx.engines, t.plan, node) });
      }
      const open: OpenDocument[] = [];
      for (const d of session.documents.all()) {
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
    session.guard<DocumentLinkParams, DocumentLink[]>('textDocument/documentLink', [], async (params, token) => {
      const doc = session.doc(params);
      if (!doc) return [];
      const ctx = await session.context(doc, token);
      if (!ctx.analysis) return [];
      return documentLinks(doc.getText(), ctx).map((l) => ({
        range: { start: doc.positionAt(l.start), end: doc.positionAt(l.end) },
        target: session.planLink(l.plan, l.node),
        tooltip: l.tooltip,
      }));
    }),
  );
}
