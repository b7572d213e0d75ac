// Code actions: one quick fix per fix of each finding in a range, "add to the workspace agency list" for unknown
// agencies, and fix-all (every unambiguous fix, as action-plan-lint --fix).
import { applyFixes } from '../analysis';
import type { Finding, Lang, OffsetEdit } from '../types';
import { FIX_ALL_KIND, ServerCommands } from '../../protocol';

export interface CoreCodeAction {
  title: string;
  kind: 'quickfix' | typeof FIX_ALL_KIND;
  /** The finding the action fixes (quick fixes). */
  finding?: Finding;
  edits: OffsetEdit[];
  preferred?: boolean;
  /** A command the client runs instead of (or after) the edits. */
  command?: { title: string; command: string; arguments: unknown[] };
}

export const ADD_AGENCY_COMMAND = ServerCommands.addToWorkspaceAgencies;

/** Quick fixes for the findings that overlap [start, end]. */
export function quickFixes(
  text: string,
  findings: readonly Finding[],
  start: number,
  end: number,
  uri: string,
  lang: Lang,
): CoreCodeAction[] {
  const out: CoreCodeAction[] = [];
  for (const f of findings) {
    if (f.end < start || f.start > end) continue;
    for (const fix of f.fixes) {
      out.push({ title: fix.title[lang], kind: 'quickfix', finding: f, edits: fix.edits, preferred: fix.unambiguous });
    }
    if (f.code === 'unknown-agency') {
      const name = text.slice(f.start, f.end);
      const title = lang === 'zh' ? `将“${name}”加入工作区机构清单` : `Add "${name}" to the workspace agency list`;
      out.push({
        title,
        kind: 'quickfix',
        finding: f,
        edits: [],
        command: { title, command: ADD_AGENCY_COMMAND, arguments: [{ name, uri }] },
      });
    }
  }
  return out;
}

/** One action applying every unambiguous fix of the document, or undefined when there is none. */
export function fixAll(text: string, findings: readonly Finding[], lang: Lang): CoreCodeAction | undefined {
  const { applied } = applyFixes(text, [...findings], true);
  const edits: OffsetEdit[] = [];
  let pos = 0;
  const all = applied.flatMap((a) => a.fix.edits).sort((a, b) => a.start - b.start || a.end - b.end);
  for (const e of all) {
    if (e.start < pos) continue;
    if (text.slice(e.start, e.end) === e.newText) continue;
    edits.push(e);
    pos = e.end;
  }
  if (!edits.length) return undefined;
  return {
    title:
      lang === 'zh'
        ? `修正所有可自动修正的问题（${edits.length} 处）`
        : `Fix all auto-fixable problems (${edits.length})`,
    kind: FIX_ALL_KIND,
    edits,
  };
}
