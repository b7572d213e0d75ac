// Validation of registry / custom agency files: JSON schema (ajv, data/agencies/agency.schema.json) plus the
// cross-reference checks of Registry.add. Problems are reported as "file: /json/pointer: fault" strings.
import type { ErrorObject, ValidateFunction } from 'ajv';

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `不允许的字段“${String(p.additionalProperty)}” / unknown property "${String(p.additionalProperty)}"`;
    case 'required':
      return `缺少必填字段“${String(p.missingProperty)}” / missing required property "${String(p.missingProperty)}"`;
    case 'enum':
      return `取值须为 ${(p.allowedValues as unknown[]).join('、')} 之一 / must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      return `格式不符（${String(p.pattern)}）/ does not match pattern ${String(p.pattern)}`;
    case 'type':
      return `类型应为 ${String(p.type)} / must be ${String(p.type)}`;
    case 'minLength':
      return `长度至少为 ${String(p.limit)} / must have at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `长度至多为 ${String(p.limit)} / must have at most ${String(p.limit)} characters`;
    default:
      return e.message ?? e.keyword;
  }
}

/** Schema problems of a JSON value as [JSON pointer, message] pairs (empty when valid). */
export type SchemaCheck = (json: unknown) => Array<[string, string]>;

/**
 * Compiles `schema` (ajv, required here: the language server needs it only for custom agency files). The caller keeps
 * the check as long as the schema lives: the knowledge base for custom files, the data build for the registry.
 */
export function compileSchema(schema: object): SchemaCheck {
  const AjvClass = (require('ajv') as typeof import('ajv')).default;
  const validate = new AjvClass({ allErrors: true, strict: false }).compile(schema);
  return (json) => problemsOf(validate, json);
}

function problemsOf(validate: ValidateFunction, json: unknown): Array<[string, string]> {
  if (validate(json)) return [];
  const all = validate.errors ?? [];
  const rootAnyOf = all.some((e) => e.keyword === 'anyOf' && e.instancePath === '');
  const errors = all.filter(
    (e) =>
      !(
        rootAnyOf &&
        e.keyword === 'required' &&
        e.instancePath === '' &&
        ['agencies', 'local', 'signs'].includes(String((e.params as { missingProperty?: string }).missingProperty))
      ),
  );
  const kept = errors.filter(
    // oneOf/anyOf summaries repeat what their branches said; keep the branch errors only when there are some.
    (e, _i, list) =>
      !(
        (e.keyword === 'oneOf' || e.keyword === 'anyOf') &&
        list.some(
          (o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== 'oneOf' && o.keyword !== 'anyOf',
        )
      ),
  );
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (const e of kept) {
    const ptr = e.instancePath || '/';
    const msg =
      e.keyword === 'anyOf' && e.instancePath === ''
        ? '至少需要 agencies、local 或 signs 之一 / needs "agencies", "local" or "signs"'
        : describe(e);
    const key = `${ptr}\u0000${msg}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([ptr, msg]);
  }
  return out;
}

export function formatProblems(file: string, problems: Array<[string, string]>): string[] {
  return problems.map(([ptr, msg]) => `${file}: ${ptr}: ${msg}`);
}
