// textDocument/documentSymbol (the local document's own outline) and workspace/symbol (plan nodes by words, path,
// pinyin).
import {
  SymbolKind,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { planSymbols } from '../core/features/planSearch';
import { documentOutline, type OutlineKind, type OutlineSymbol } from '../core/features/symbols';
import type { PlanNodeKind } from '../core/plan/model';
import type { Session } from './session';

const OUTLINE_KIND: Record<OutlineKind, SymbolKind> = {
  heading: SymbolKind.String,
  chapter: SymbolKind.Namespace,
  section: SymbolKind.Package,
  article: SymbolKind.Field,
  part: SymbolKind.Namespace,
  subpart: SymbolKind.Module,
  point: SymbolKind.Class,
  subpoint: SymbolKind.Method,
};

const NODE_KIND: Record<PlanNodeKind, SymbolKind> = {
  root: SymbolKind.File,
  notice: SymbolKind.File,
  preamble: SymbolKind.String,
  part: SymbolKind.Namespace,
  section: SymbolKind.Module,
  group: SymbolKind.Class,
  measure: SymbolKind.Method,
  item: SymbolKind.Field,
};

function toSymbol(doc: TextDocument, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name || '（无标题）',
    kind: OUTLINE_KIND[s.kind],
    range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) },
    selectionRange: { start: doc.positionAt(s.selectionStart), end: doc.positionAt(s.selectionEnd) },
    children: s.children.map((c) => toSymbol(doc, c)),
  };
}

export function registerSymbols(session: Session): void {
  const { connection, documents, requests, planTexts } = session;
  connection.onDocumentSymbol(
    requests.guard<DocumentSymbolParams, DocumentSymbol[]>('textDocument/documentSymbol', [], async (params, token) => {
      const doc = documents.ofParams(params);
      if (!doc) return [];
      const settings = await session.settings.forUri(doc.uri);
      if (doc.getText().length > settings.maxDocumentSize) return [];
      return documentOutline(doc.getText(), token).map((s) => toSymbol(doc, s));
    }),
  );

  connection.onWorkspaceSymbol(
    requests.guard<WorkspaceSymbolParams, SymbolInformation[]>('workspace/symbol', [], (params, token) => {
      const query = typeof params?.query === 'string' ? params.query : '';
      return planSymbols(session.engines(), query, { limit: 100, token }).map((p) => ({
        name: p.name,
        kind: NODE_KIND[p.kind],
        location: { uri: planTexts.uri(p.plan), range: p.range },
        containerName: p.container,
      }));
    }),
  );
}
