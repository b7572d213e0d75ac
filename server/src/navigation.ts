// Definition (citation → plan node), references (every citation of that node in open documents and workspace files)
// and document links (citations → plan text at the node).
import { pathToFileURL } from 'node:url';
import type {
  DefinitionParams,
  DocumentLink,
  DocumentLinkParams,
  Location,
  ReferenceParams,
} from 'vscode-languageserver/node';
import { citationsOfNode, definitionTarget, documentLinks, planTextRange } from './core/features/navigation';
import { InMemoryDocument } from './core/document';
import { CancelledError } from './core/types';
import { positionOf, uriToPath, type Session } from './session';
import { listTextFiles, readTextFile } from './workspaceFiles';

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
      const seen = new Set<string>();
      const seenPaths = new Set<string>();
      for (const open of session.documents.all()) {
        if (token.isCancellationRequested) throw new CancelledError();
        if (!(await session.serves(open))) continue;
        seen.add(open.uri);
        const openPath = uriToPath(open.uri);
        if (openPath) seenPaths.add(openPath);
        const octx = await session.context(open, token);
        const text = open.getText();
        const cites = (octx.analysis?.citations ?? []).filter(
          (c) => c.kind === 'path' && c.node && c.plan === node.plan && c.node.path === node.path,
        );
        if (!octx.analysis) cites.push(...citationsOfNode(text, node, ctx.engines, octx.settings.defaultPlan, token));
        for (const c of cites) {
          out.push({ uri: open.uri, range: { start: open.positionAt(c.start), end: open.positionAt(c.end) } });
        }
      }
      for (const file of await listTextFiles(session.workspaceFolders, token)) {
        if (token.isCancellationRequested) throw new CancelledError();
        const uri = pathToFileURL(file).href;
        if (seen.has(uri) || seenPaths.has(file)) continue;
        const text = await readTextFile(file);
        if (text === undefined) continue;
        const cites = citationsOfNode(text, node, ctx.engines, ctx.settings.defaultPlan, token);
        if (!cites.length) continue;
        const fileDoc = new InMemoryDocument(uri, text);
        for (const c of cites) out.push({ uri, range: { start: fileDoc.positionAt(c.start), end: fileDoc.positionAt(c.end) } });
      }
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
