// textDocument/completion → core/features/completion (plan titles, paths, agency names, responsibility clauses).
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
} from 'vscode-languageserver/node';
import { getCompletions, type CoreCompletionKind } from '../core/features/completion';
import { positionOf } from './guard';
import type { Session } from './session';

export const COMPLETION_TRIGGERS = ['《', '》', '（', '(', '）', ')', '、', '，', ','];

const KIND: Record<CoreCompletionKind, CompletionItemKind> = {
  plan: CompletionItemKind.Module,
  path: CompletionItemKind.Reference,
  agency: CompletionItemKind.Value,
  clause: CompletionItemKind.Snippet,
};

export function registerCompletion(session: Session): void {
  session.connection.onCompletion(
    session.requests.guard<CompletionParams, CompletionList>(
      'textDocument/completion',
      { isIncomplete: false, items: [] },
      async (params, token) => {
        const doc = session.documents.ofParams(params);
        const position = positionOf(params);
        if (!doc) return { isIncomplete: false, items: [] };
        const ctx = await session.context(doc, token);
        const list = getCompletions(doc, doc.offsetAt(position), ctx, session.planTexts.link);
        const labelDetails = !!session.capabilities.textDocument?.completion?.completionItem?.labelDetailsSupport;
        const items: CompletionItem[] = list.items.map((c) => ({
          label: c.label,
          kind: KIND[c.kind],
          detail: c.detail,
          // Clients that show label details get the heading right next to the path.
          ...(labelDetails && c.kind === 'path' && c.detail ? { labelDetails: { description: c.detail } } : {}),
          documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
          filterText: c.filterText,
          sortText: c.sortText,
          preselect: c.preselect,
          insertTextFormat: InsertTextFormat.PlainText,
          textEdit: {
            range: { start: doc.positionAt(c.start), end: doc.positionAt(c.end) },
            newText: c.newText,
          },
        }));
        return { isIncomplete: list.isIncomplete, items };
      },
    ),
  );
}
