// textDocument/hover → core/features/hover.
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { getHover } from '../core/features/hover';
import { positionOf } from './guard';
import type { Session } from './session';

export function registerHover(session: Session): void {
  session.connection.onHover(
    session.requests.guard<HoverParams, Hover | null>('textDocument/hover', null, async (params, token) => {
      const doc = session.documents.ofParams(params);
      const position = positionOf(params);
      if (!doc) return null;
      const ctx = await session.context(doc, token);
      const h = getHover(doc, doc.offsetAt(position), ctx, session.planTexts.link);
      if (!h) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: h.markdown },
        range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) },
      };
    }),
  );
}
