// Small pure helpers of the client (no `vscode` import, so node:test can test them).
import { ClientCommands } from '../../server/src/protocol';
import { isDiagnosticCode } from '../../server/src/core/catalog/rules';

import { PLAN_CATALOG, plansInCorpus, type PlanId } from '../../server/src/core/catalog/plans';

export type { PlanId };
/** The plans whose text can be opened, newest first (core/catalog/plans.ts declares every plan fact). */
export const PLAN_IDS: readonly PlanId[] = plansInCorpus();

/** Fallback titles when the server cannot be asked (they are the plans' official titles). */
export const PLAN_TITLES: Readonly<Record<PlanId, string>> = Object.fromEntries(
  Object.values(PLAN_CATALOG).map((p) => [p.id, p.title]),
) as Record<PlanId, string>;

/** `/2021-2030.txt` (the path of `action-plan:/2021-2030.txt`) → `2021-2030`; undefined for anything else. */
export function planIdOfPath(path: string): PlanId | undefined {
  const m = /^\/?(\d{4}-\d{4})(?:\.txt)?$/.exec(path);
  return m && (PLAN_IDS as readonly string[]).includes(m[1]) ? (m[1] as PlanId) : undefined;
}

/** The last level of a canonical path: 二（一）2（3）第2项 → 第2项, 二（一）2（3） → （3）, 二（一）2 → 2, 二 → 二. */
export function lastSegment(path: string): string {
  const m = /(第\d+项|（[^（）]+）|\d+|[一二三四五六七八九十]+)$/.exec(path);
  return m ? m[1] : path;
}

/**
 * Finds a node in its plan's text by the headings of its ancestors and itself, each searched after the previous
 * one. Returns the UTF-16 offsets of the whole line where the node's heading is, or undefined.
 */
export function locateByHeadings(
  planText: string,
  headings: readonly string[],
): { start: number; end: number } | undefined {
  let from = 0;
  let found = -1;
  for (const h of headings) {
    const needle = h.trim();
    if (!needle) continue;
    const at = planText.indexOf(needle, from);
    if (at < 0) return undefined;
    found = at;
    from = at + needle.length;
  }
  if (found < 0) return undefined;
  const start = Math.max(planText.lastIndexOf('\n', found) + 1, 0);
  const nl = planText.indexOf('\n', found);
  let end = nl < 0 ? planText.length : nl;
  if (end > start && planText[end - 1] === '\r') end--;
  return { start, end };
}

export interface Counts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

/** Counts diagnostics by LSP severity number (1 error … 4 hint), keeping only the product's codes (core/catalog/rules.ts). */
export function countFindings(
  diagnostics: ReadonlyArray<{ code?: unknown; severity: number }>,
  severityBase: 0 | 1,
): Counts {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of diagnostics) {
    const raw = typeof d.code === 'object' && d.code !== null ? (d.code as { value?: unknown }).value : d.code;
    if (!isDiagnosticCode(raw)) continue;
    const sev = d.severity - severityBase;
    if (sev === 0) counts.error++;
    else if (sev === 1) counts.warning++;
    else if (sev === 2) counts.information++;
    else if (sev === 3) counts.hint++;
  }
  return counts;
}

/** Today as YYYY-MM-DD in local time. */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Whether a setting value is a valid YYYY-MM-DD calendar date. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Glob of the files a workspace coverage report reads. */
export const REPORT_GLOB = '**/*.{md,markdown,txt,docx}';
export const REPORT_EXCLUDE = '**/{node_modules,.git,out,dist,.e2e,.vscode-test}/**';

/**
 * When to restart a language server that died: at most `max` restarts within `windowMs`; older restarts are
 * forgotten, so a server that crashes rarely is always restarted.
 */
export class RestartPolicy {
  private restarts: number[] = [];
  constructor(
    readonly max = 4,
    readonly windowMs = 3 * 60_000,
  ) {}

  /** Records a crash at `now` and tells whether to restart. */
  crashed(now: number): boolean {
    this.restarts = this.restarts.filter((t) => now - t < this.windowMs);
    if (this.restarts.length >= this.max) return false;
    this.restarts.push(now);
    return true;
  }

  /** A deliberate restart (command, settings) clears the history. */
  reset(): void {
    this.restarts = [];
  }
}

/** The command that opens an `action-plan:` link from hovers and completion documentation. */
export const OPEN_LINK_COMMAND = ClientCommands.openLink;

/**
 * VS Code renders links of unknown schemes (such as `action-plan:/2021-2030.txt#L20`) in hovers as plain text; they
 * become command links of OPEN_LINK_COMMAND, whose only argument is the original URI.
 */
export function rewritePlanLinks(markdown: string): string {
  return markdown.replace(
    /\]\((action-plan:[^)\s]+)\)/g,
    (_m, uri: string) => `](command:${OPEN_LINK_COMMAND}?${encodeURIComponent(JSON.stringify([uri]))})`,
  );
}

/** `action-plan:/2021-2030.txt#L20` → { plan: '2021-2030', line: 19 } (0-based line; undefined without #L). */
export function parsePlanLink(uri: string): { plan: PlanId; line?: number } | undefined {
  const m = /^action-plan:(\/[^#?]*)(?:#L(\d+))?/.exec(uri);
  if (!m) return undefined;
  const plan = planIdOfPath(decodeURIComponent(m[1]));
  if (!plan) return undefined;
  return m[2] ? { plan, line: Math.max(0, Number(m[2]) - 1) } : { plan };
}
