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
import { agencyListEdit } from '../core/features/workspaceAgencies';
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
  const { connection } = session;
  connection.onCodeAction(
    session.guard<CodeActionParams, CodeAction[]>('textDocument/codeAction', [], async (params, token) => {
      const doc = session.doc(params);
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
    session.guard<ExecuteCommandParams, unknown>('workspace/executeCommand', null, async (params) => {
      if (params.command !== ADD_AGENCY_COMMAND) {
        throw new ResponseError(ErrorCodes.InvalidParams, `未知命令 / unknown command: ${params.command}`);
      }
      const arg = (params.arguments ?? [])[0] as { name?: unknown; uri?: unknown } | undefined;
      const name = typeof arg?.name === 'string' ? arg.name.trim() : '';
      if (name.length < 2 || name.length > 60 || /[\s、，,；;。]/.test(name)) {
        throw new ResponseError(ErrorCodes.InvalidParams, `机构名称无效 / invalid agency name: ${name}`);
      }
      return addToWorkspaceAgencies(session, name, typeof arg?.uri === 'string' ? arg.uri : undefined);
    }),
  );
}

async function addToWorkspaceAgencies(session: Session, name: string, uri: string | undefined): Promise<unknown> {
  const { connection } = session;
  const settings = await session.settings.forUri(uri ?? '');
  const target = session.customAgencies.listFileFor(settings);
  if (!target) {
    session.showMessage(
      MessageType.Warning,
      `没有打开的工作区文件夹，无法加入“${name}”。请先打开文件夹。 / No workspace folder is open; cannot add "${name}".`,
    );
    return { applied: false };
  }
  if (!session.init.trusted) {
    session.showMessage(
      MessageType.Warning,
      '受限模式下不能修改工作区机构清单 / The workspace agency list cannot be changed in restricted mode.',
    );
    return { applied: false };
  }
  const fileUri = pathToFileURL(target.path).href;
  let existingText: string | undefined;
  try {
    existingText = await readFile(target.path, 'utf8');
  } catch {
    existingText = undefined;
  }
  const change = agencyListEdit(existingText, name);
  if (change.kind === 'invalid-json') {
    session.showMessage(
      MessageType.Error,
      `机构清单 ${target.path} 不是有效的 JSON，未修改：${change.error} / ${target.path} is not valid JSON; not changed`,
    );
    return { applied: false };
  }
  if (change.kind === 'present') {
    session.showMessage(MessageType.Info, `“${name}”已在机构清单 ${target.path} 中 / already in the agency list`);
    return { applied: false };
  }
  const { newText } = change;
  let edit: WorkspaceEdit;
  if (change.kind === 'create') {
    const ops = session.capabilities.workspace?.workspaceEdit?.resourceOperations ?? [];
    if (!ops.includes('create')) {
      session.showMessage(
        MessageType.Warning,
        `编辑器不支持创建文件。请手动创建 ${target.path}，内容为：${newText} / The editor cannot create files; please create it.`,
      );
      return { applied: false };
    }
    edit = {
      documentChanges: [
        { kind: 'create', uri: fileUri, options: { ignoreIfExists: true } },
        {
          textDocument: { uri: fileUri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText }],
        },
      ],
    };
  } else {
    edit = {
      changes: {
        [fileUri]: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: change.endLine, character: change.endCharacter } },
            newText,
          },
        ],
      },
    };
  }
  const result = await connection.workspace.applyEdit({
    label: session.lang === 'zh' ? `加入工作区机构清单：${name}` : `Add to the workspace agency list: ${name}`,
    edit,
  });
  if (!result.applied) {
    session.showMessage(
      MessageType.Warning,
      `未能写入机构清单 ${target.path}${result.failureReason ? `：${result.failureReason}` : ''} / could not update the agency list`,
    );
    return { applied: false };
  }
  if (!target.configured) {
    session.showMessage(
      MessageType.Info,
      `已创建 ${target.path} 并加入“${name}”。请将设置 actionPlan.customAgencies 设为 .vscode/action-plan-agencies.json 以启用（保存该文件后生效）。 / ` +
        `Created ${target.path}; save it and set actionPlan.customAgencies to .vscode/action-plan-agencies.json to use it.`,
    );
  } else {
    session.showMessage(MessageType.Info, `已将“${name}”加入 ${target.path} / "${name}" added to ${target.path}`);
  }
  return { applied: true, file: fileUri };
}
