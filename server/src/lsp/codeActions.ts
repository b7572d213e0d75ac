// textDocument/codeAction (quick fixes, source.fixAll.actionPlan) and workspace/executeCommand
// actionPlan.addToWorkspaceAgencies (appends a name to the workspace agency list through workspace/applyEdit).
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  ErrorCodes,
  MessageType,
  ResponseError,
  type CodeAction,
  type CodeActionParams,
  type ExecuteCommandParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ADD_AGENCY_COMMAND, fixAll, quickFixes, type CoreCodeAction } from '../core/features/codeActions';
import {
  agencyListOutcome,
  agencyListStep,
  validAgencyName,
  type AgencyListMessage,
} from '../core/features/workspaceAgencies';
import type { OffsetEdit } from '../core/types';
import { toDiagnostic } from './diagnostics';
import type { Session } from './session';
import { FIX_ALL_KIND } from '../protocol';

export const COMMANDS = [ADD_AGENCY_COMMAND];

/** Whether an action of `kind` is requested by `only` (no `only`: everything). */
function wanted(only: string[] | undefined, kind: string): boolean {
  if (!only || !only.length) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

function toEdits(doc: TextDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({
    range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
    newText: e.newText,
  }));
}

function toCodeAction(session: Session, doc: TextDocument, a: CoreCodeAction): CodeAction {
  const action: CodeAction = { title: a.title, kind: a.kind };
  if (a.finding) action.diagnostics = [toDiagnostic(doc, a.finding, session.lang)];
  if (a.edits.length) {
    const edits = toEdits(doc, a.edits);
    action.edit = session.capabilities.workspace?.workspaceEdit?.documentChanges
      ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
      : { changes: { [doc.uri]: edits } };
  }
  if (a.preferred) action.isPreferred = true;
  if (a.command) action.command = a.command;
  return action;
}

export function registerCodeActions(session: Session): void {
  const { connection, documents, requests } = session;
  connection.onCodeAction(
    requests.guard<CodeActionParams, CodeAction[]>('textDocument/codeAction', [], async (params, token) => {
      const doc = documents.ofParams(params);
      if (!doc || !(await session.serves(doc))) return [];
      const { analysis } = await session.analysis(doc, token);
      if (analysis.tooLarge) return [];
      const text = doc.getText();
      const only = params.context?.only;
      const out: CodeAction[] = [];
      if (wanted(only, CodeActionKind.QuickFix)) {
        const start = doc.offsetAt(params.range.start);
        const end = doc.offsetAt(params.range.end);
        for (const a of quickFixes(text, analysis.findings, start, end, doc.uri, session.lang))
          out.push(toCodeAction(session, doc, a));
      }
      if (wanted(only, FIX_ALL_KIND)) {
        const all = fixAll(text, analysis.findings, session.lang);
        if (all) out.push(toCodeAction(session, doc, all));
      }
      return out;
    }),
  );

  connection.onExecuteCommand(
    requests.guard<ExecuteCommandParams, unknown>('workspace/executeCommand', null, async (params) => {
      if (params.command !== ADD_AGENCY_COMMAND) {
        throw new ResponseError(ErrorCodes.InvalidParams, `未知命令 / unknown command: ${params.command}`);
      }
      const arg = (params.arguments ?? [])[0] as { name?: unknown; uri?: unknown } | undefined;
      const name = validAgencyName(arg?.name);
      if (!name) {
        const shown = typeof arg?.name === 'string' ? arg.name.trim() : '';
        throw new ResponseError(ErrorCodes.InvalidParams, `机构名称无效 / invalid agency name: ${shown}`);
      }
      return addToWorkspaceAgencies(session, name, typeof arg?.uri === 'string' ? arg.uri : undefined);
    }),
  );
}

const MESSAGE_TYPE: Record<AgencyListMessage['level'], MessageType> = {
  info: MessageType.Info,
  warning: MessageType.Warning,
  error: MessageType.Error,
};

/** The agency list file's text, or undefined when there is none (core/features/workspaceAgencies decides the rest). */
async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function addToWorkspaceAgencies(session: Session, name: string, uri: string | undefined): Promise<unknown> {
  const settings = await session.settings.forUri(uri ?? '');
  const target = session.customAgencies.listFileFor(settings);
  const trusted = session.init.trusted;
  const step = agencyListStep({
    name,
    target,
    trusted,
    existingText: target && trusted ? await readIfExists(target.path) : undefined,
    canCreate: (session.capabilities.workspace?.workspaceEdit?.resourceOperations ?? []).includes('create'),
    lang: session.lang,
  });
  if (step.kind === 'message') {
    session.showMessage(MESSAGE_TYPE[step.message.level], step.message.message);
    return { applied: false };
  }
  const fileUri = pathToFileURL(step.target.path).href;
  const { edit } = step;
  const workspaceEdit: WorkspaceEdit =
    edit.kind === 'create'
      ? {
          documentChanges: [
            { kind: 'create', uri: fileUri, options: { ignoreIfExists: true } },
            {
              textDocument: { uri: fileUri, version: null },
              edits: [
                { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: edit.newText },
              ],
            },
          ],
        }
      : {
          changes: {
            [fileUri]: [
              {
                range: { start: { line: 0, character: 0 }, end: { line: edit.endLine, character: edit.endCharacter } },
                newText: edit.newText,
              },
            ],
          },
        };
  const result = await session.connection.workspace.applyEdit({ label: step.label, edit: workspaceEdit });
  const outcome = agencyListOutcome(name, step.target, result);
  session.showMessage(MESSAGE_TYPE[outcome.level], outcome.message);
  return result.applied ? { applied: true, file: fileUri } : { applied: false };
}
