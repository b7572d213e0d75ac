// Adding a name to the workspace's custom agency list (actionPlan.addToWorkspaceAgencies): the JSON editing, pure.
// The glue (server/src/lsp/codeActions.ts) reads the file, shows the messages and applies the edit.
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
