// Adding a name to the workspace's custom agency list (actionPlan.addToWorkspaceAgencies): the JSON editing, pure.
// The glue (server/src/lsp/codeActions.ts) reads the file, shows the messages and applies the edit; what to do and
// what to say is decided here.
import { pinyinSyllables } from './common';

/** A registry id (schema: ^[a-z0-9][a-z0-9-]*$) for a custom name: custom- + its pinyin, unique in `taken`. */
export function customId(name: string, taken: ReadonlySet<string>): string {
  const py = pinyinSyllables(name)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const base = `custom-${py || 'agency'}`.slice(0, 56).replace(/-$/, '');
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

function entryNames(x: unknown): string[] {
  if (!x || typeof x !== 'object') return [];
  const e = x as { fullName?: unknown; displayName?: unknown; shortNames?: unknown };
  const names = [e.fullName, e.displayName];
  if (Array.isArray(e.shortNames)) {
    for (const s of e.shortNames) names.push(typeof s === 'string' ? s : (s as { name?: unknown })?.name);
  }
  return names.filter((n): n is string => typeof n === 'string');
}

/**
 * The custom agency file (schema data/agencies/agency.schema.json: { agencies: [{ id, fullName, kind }] }) with
 * `name` added; an existing file keeps everything else.
 */
export function withAgency(existing: unknown, name: string): { json: unknown; added: boolean } {
  const obj: Record<string, unknown> =
    existing && typeof existing === 'object' && !Array.isArray(existing)
      ? { ...(existing as Record<string, unknown>) }
      : { description: '工作区自定义机构 / workspace agencies (actionPlan.customAgencies)' };
  const list: unknown[] = Array.isArray(obj.agencies) ? [...obj.agencies] : [];
  if (list.some((x) => entryNames(x).includes(name))) return { json: existing, added: false };
  const taken = new Set(list.map((x) => (x as { id?: unknown })?.id).filter((i): i is string => typeof i === 'string'));
  list.push({ id: customId(name, taken), fullName: name, kind: 'other' });
  obj.agencies = list;
  return { json: obj, added: true };
}

/** What adding `name` to the agency list whose current text is `existingText` (undefined: no file yet) comes to. */
export type AgencyListEdit =
  | { kind: 'invalid-json'; error: string }
  | { kind: 'present' }
  /** Create the file with `newText`. */
  | { kind: 'create'; newText: string }
  /** Replace the whole file (its last line is `endLine`, `endCharacter` UTF-16 units long) with `newText`. */
  | { kind: 'replace'; newText: string; endLine: number; endCharacter: number };

export function agencyListEdit(existingText: string | undefined, name: string): AgencyListEdit {
  let existing: unknown;
  if (existingText !== undefined && existingText.trim()) {
    try {
      existing = JSON.parse(existingText);
    } catch (e) {
      return { kind: 'invalid-json', error: (e as Error).message };
    }
  }
  const { json, added } = withAgency(existing, name);
  if (!added) return { kind: 'present' };
  const newText = JSON.stringify(json, null, 2) + '\n';
  if (existingText === undefined) return { kind: 'create', newText };
  const lines = existingText.split(/\r\n|\r|\n/);
  return { kind: 'replace', newText, endLine: lines.length - 1, endCharacter: lines[lines.length - 1].length };
}

/** A name the command accepts: 2–60 characters after trimming, no whitespace and no list or clause punctuation. */
export function validAgencyName(raw: unknown): string | undefined {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name.length < 2 || name.length > 60 || /[\s、，,；;。]/.test(name)) return undefined;
  return name;
}

/** A message for the user: its level and its text (Chinese, then English). */
export interface AgencyListMessage {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** The agency list file: the configured one, or the default .vscode/action-plan-agencies.json (`configured` false). */
export interface AgencyListTarget {
  path: string;
  configured: boolean;
}

/** The next step of “add to the workspace agency list”: tell the user why not, or apply `edit` to the file. */
export type AgencyListStep =
  | { kind: 'message'; message: AgencyListMessage }
  | {
      kind: 'apply';
      target: AgencyListTarget;
      /** The edit's label (undo history) in the reader's language. */
      label: string;
      edit: Extract<AgencyListEdit, { kind: 'create' | 'replace' }>;
    };

/**
 * Decides what adding `name` comes to. `target`: the list file (undefined: no workspace folder is open); `trusted`:
 * false in restricted mode; `existingText`: the file's text (undefined: no such file); `canCreate`: whether the
 * editor can create files (workspace edit resource operations).
 */
export function agencyListStep(opts: {
  name: string;
  target: AgencyListTarget | undefined;
  trusted: boolean;
  existingText: string | undefined;
  canCreate: boolean;
  lang: 'zh' | 'en';
}): AgencyListStep {
  const { name, target } = opts;
  const message = (level: AgencyListMessage['level'], text: string): AgencyListStep => ({
    kind: 'message',
    message: { level, message: text },
  });
  if (!target) {
    return message(
      'warning',
      `没有打开的工作区文件夹，无法加入“${name}”。请先打开文件夹。 / No workspace folder is open; cannot add "${name}".`,
    );
  }
  if (!opts.trusted) {
    return message(
      'warning',
      '受限模式下不能修改工作区机构清单 / The workspace agency list cannot be changed in restricted mode.',
    );
  }
  const edit = agencyListEdit(opts.existingText, name);
  if (edit.kind === 'invalid-json') {
    return message(
      'error',
      `机构清单 ${target.path} 不是有效的 JSON，未修改：${edit.error} / ${target.path} is not valid JSON; not changed`,
    );
  }
  if (edit.kind === 'present') {
    return message('info', `“${name}”已在机构清单 ${target.path} 中 / already in the agency list`);
  }
  if (edit.kind === 'create' && !opts.canCreate) {
    return message(
      'warning',
      `编辑器不支持创建文件。请手动创建 ${target.path}，内容为：${edit.newText} / The editor cannot create files; please create it.`,
    );
  }
  const label = opts.lang === 'zh' ? `加入工作区机构清单：${name}` : `Add to the workspace agency list: ${name}`;
  return { kind: 'apply', target, label, edit };
}

/** What to tell the user once the editor applied (or refused) the edit of an `apply` step. */
export function agencyListOutcome(
  name: string,
  target: AgencyListTarget,
  result: { applied: boolean; failureReason?: string },
): AgencyListMessage {
  if (!result.applied) {
    return {
      level: 'warning',
      message: `未能写入机构清单 ${target.path}${result.failureReason ? `：${result.failureReason}` : ''} / could not update the agency list`,
    };
  }
  if (!target.configured) {
    return {
      level: 'info',
      message:
        `已创建 ${target.path} 并加入“${name}”。请将设置 actionPlan.customAgencies 设为 .vscode/action-plan-agencies.json 以启用（保存该文件后生效）。 / ` +
        `Created ${target.path}; save it and set actionPlan.customAgencies to .vscode/action-plan-agencies.json to use it.`,
    };
  }
  return { level: 'info', message: `已将“${name}”加入 ${target.path} / "${name}" added to ${target.path}` };
}
