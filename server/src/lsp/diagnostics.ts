// Diagnostics: findings → LSP diagnostics, pushed (publishDiagnostics) when the client cannot pull, and answered
// to textDocument/diagnostic (pull) otherwise. Analysis is debounced per document and cached per version.
import {
  DiagnosticSeverity,
  MessageType,
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { messageOf, type Lang } from '../core/catalog/rules';
import { CancelledError, type Finding, type Severity } from '../core/types';
import { codeSpans, inSpans, parseSuppressions, UNCLOSED_MESSAGE, unknownSuppressionCodes } from '../core/suppression';
import type { Session } from './session';
import { markImmutable } from './encoding';
import { lowerBound } from '../core/text';

export { DIAGNOSTIC_SOURCE } from '../protocol';
import { DIAGNOSTIC_SOURCE } from '../protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: TextDocument, f: Finding, lang: Lang): Diagnostic {
  return diagnosticOf(doc, f, messageOf(f, lang));
}

/** The LSP diagnostic of a finding with its message (`start`: its start position when the caller has it already). */
function diagnosticOf(doc: TextDocument, f: Finding, message: string, start = doc.positionAt(f.start)): Diagnostic {
  return {
    range: { start, end: doc.positionAt(f.end) },
    severity: SEVERITY[f.severity],
    code: f.code,
    source: DIAGNOSTIC_SOURCE,
    message,
    data: f.data,
  };
}

/** What a diagnostic says, apart from where: shared by every placed copy of a line's finding (same `data` object). */
interface Said {
  facts: unknown;
  severity: Severity;
  lang: Lang;
  message: string;
}
const said = new WeakMap<object, Said>();
/** A diagnostic sent for a document, with what it says. */
interface Sent {
  diagnostic: Diagnostic;
  said: Said;
}
/**
 * The diagnostics last built for a document, in the order of its findings (document order by line, not necessarily by
 * column within a line), with their start positions (see positionKey). Arrays rather than a map by position: nothing
 * hashed, and two arrays the size of the list made per build instead of a hash table.
 */
interface SentList {
  keys: number[];
  sent: Sent[];
}
/** Per open document (the same TextDocument object lives from didOpen to didClose): the diagnostics last built. */
const lastSent = new WeakMap<TextDocument, SentList>();

const LINE = 0x1000000;
function positionKey(line: number, character: number): number {
  return line * LINE + character;
}

/** Whether a diagnostic sent before says what finding `f` says now (`s`) from the same place. */
function sameAs(old: Sent, f: Finding, s: Said, line: number, character: number): boolean {
  const { range } = old.diagnostic;
  return (
    old.said === s &&
    old.diagnostic.data === f.data &&
    old.diagnostic.code === f.code &&
    range.start.line === line &&
    range.start.character === character &&
    range.end.line === line &&
    range.end.character - character === f.end - f.start
  );
}

/**
 * The index in `before` of a diagnostic that says what `f` says from position `key` (on `line`), or -1: first where
 * the previous list is expected to go on (`hint`), else among that line's diagnostics (found by binary search: the
 * list is in line order).
 */
function findSent(before: SentList, hint: number, f: Finding, s: Said, line: number, character: number): number {
  const { keys, sent } = before;
  const key = positionKey(line, character);
  if (hint < keys.length && keys[hint] === key && sameAs(sent[hint], f, s, line, character)) return hint;
  const lineStart = line * LINE;
  for (let k = lowerBound(keys, lineStart); k < keys.length && keys[k] < lineStart + LINE; k++) {
    if (keys[k] === key && sameAs(sent[k], f, s, line, character)) return k;
  }
  return -1;
}

/**
 * The diagnostics of a document's findings, reusing the objects built last time for findings that say the same
 * at the same place (an edit changes the diagnostics of its own lines only; lines below keep their objects when
 * the line count is unchanged, and their messages in any case). Reused objects are never mutated, so their JSON is
 * encoded once (encoding.ts).
 */
function buildDiagnostics(doc: TextDocument, findings: Finding[], lang: Lang): Diagnostic[] {
  const before = lastSent.get(doc);
  const n = findings.length;
  const now: SentList = { keys: new Array<number>(n), sent: new Array<Sent>(n) };
  const out: Diagnostic[] = new Array(n);
  let hint = 0;
  for (let i = 0; i < n; i++) {
    const f = findings[i];
    // Keyed by the data object (a finding without one, which the types rule out, is built afresh every time).
    const keyed = typeof f.data === 'object' && f.data !== null;
    let s = keyed ? said.get(f.data) : undefined;
    if (!s || s.facts !== f.facts || s.severity !== f.severity || s.lang !== lang) {
      s = { facts: f.facts, severity: f.severity, lang, message: messageOf(f, lang) };
      if (keyed) said.set(f.data, s);
    }
    const start = doc.positionAt(f.start);
    now.keys[i] = positionKey(start.line, start.character);
    // The same finding (its data object) saying the same from the same place, spanning the same units of its line.
    const at = before ? findSent(before, hint, f, s, start.line, start.character) : -1;
    if (at >= 0) {
      hint = at + 1;
      const old = before!.sent[at];
      now.sent[i] = old;
      out[i] = old.diagnostic;
      continue;
    }
    const d = diagnosticOf(doc, f, s.message, start);
    markImmutable(d);
    now.sent[i] = { diagnostic: d, said: s };
    out[i] = d;
  }
  lastSent.set(doc, now);
  return out;
}

/**
 * Hints for codes in suppression comments that are not diagnostic codes, and an information on every disable
 * directive that is never closed (it then applies only up to the end of its section).
 */
function suppressionHints(doc: TextDocument, lang: Lang = 'zh'): Diagnostic[] {
  const text = doc.getText();
  if (!text.includes('action-plan-')) return [];
  const parsed = parseSuppressions(text);
  const out: Diagnostic[] = parsed.unclosed.map((u) => ({
    range: { start: doc.positionAt(u.start), end: doc.positionAt(u.end) },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: UNCLOSED_MESSAGE[lang],
  }));
  const bad = new Set(unknownSuppressionCodes(parsed));
  if (!bad.size) return out;
  const code = codeSpans(text);
  const re = /<!--\s*action-plan-(?:disable-next-line|disable|enable)\b([^>]*?)-->/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (inSpans(code, m.index)) continue;
    const argsStart = m.index + m[0].length - 3 - m[1].length;
    const codeRe = /[^\s,，]+/g;
    for (let c = codeRe.exec(m[1]); c; c = codeRe.exec(m[1])) {
      if (!bad.has(c[0])) continue;
      const start = argsStart + c.index;
      out.push({
        range: { start: doc.positionAt(start), end: doc.positionAt(start + c[0].length) },
        severity: DiagnosticSeverity.Hint,
        source: DIAGNOSTIC_SOURCE,
        message: lang === 'zh' ? `抑制注释中的未知规则“${c[0]}”` : `Unknown rule "${c[0]}" in a suppression comment`,
      });
    }
  }
  return out;
}

/**
 * At most this many diagnostics are sent per document: a document of a million findings (e.g. one outdated name on
 * each of a million lines) would otherwise make a gigabyte of JSON per publish. Beyond it, one warning per document.
 */
export const MAX_DIAGNOSTICS = 20000;

export async function computeDiagnostics(
  session: Session,
  doc: TextDocument,
  token?: import('vscode-languageserver/node').CancellationToken,
  limit = MAX_DIAGNOSTICS,
): Promise<Diagnostic[]> {
  if (!(await session.serves(doc))) return [];
  const { analysis } = await session.analysis(doc, token);
  if (analysis.tooLarge) return [];
  let findings = analysis.findings;
  const total = findings.length + (analysis.overflow?.count ?? 0);
  const state = session.documents.state(doc.uri);
  if (total > limit) {
    if (!state.tooManyWarned) {
      state.tooManyWarned = true;
      session.showMessage(
        MessageType.Warning,
        `文档中有 ${total} 个问题，只显示前 ${limit} 个：${doc.uri} / ` +
          `The document has ${total} problems; only the first ${limit} are shown.`,
      );
    }
    findings = findings.slice(0, limit);
  } else if (limit === MAX_DIAGNOSTICS) state.tooManyWarned = false;
  const out = buildDiagnostics(doc, findings, session.lang);
  for (const h of suppressionHints(doc, session.lang)) out.push(h);
  return out;
}

/**
 * Counts by severity of every diagnostic of the document (findings and suppression notes), without building the
 * diagnostics: a million findings are counted, not converted (actionPlan/status).
 */
export async function diagnosticCounts(
  session: Session,
  doc: TextDocument,
  token?: import('vscode-languageserver/node').CancellationToken,
): Promise<Record<Severity, number>> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  if (!(await session.serves(doc))) return counts;
  const { analysis } = await session.analysis(doc, token);
  if (analysis.tooLarge) return counts;
  for (const f of analysis.findings) counts[f.severity]++;
  for (const k of Object.keys(counts) as Severity[]) counts[k] += analysis.overflow?.bySeverity[k] ?? 0;
  const names: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
  for (const d of suppressionHints(doc)) counts[names[d.severity ?? 1]]++;
  return counts;
}

/** Whether the client pulls diagnostics (decided by its capabilities at initialize). */
export function clientPulls(session: Session): boolean {
  return !!session.capabilities.textDocument?.diagnostic;
}

/** Registers the pull handler, and pushes after each debounced analysis when the client does not pull. */
export function registerDiagnostics(session: Session): void {
  const { connection, documents, requests } = session;
  {
    connection.languages.diagnostics.on(
      requests.guard<{ textDocument: { uri: string }; previousResultId?: string }, DocumentDiagnosticReport>(
        'textDocument/diagnostic',
        { kind: DocumentDiagnosticReportKind.Full, items: [] },
        async (params, token) => {
          const doc = documents.ofParams(params);
          if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
          // Clients debounce their pulls already (VS Code does), so the current version is analysed at once. A newer
          // version arriving meanwhile cancels that analysis: then the newest one is analysed instead.
          for (let attempt = 0; ; attempt++) {
            const current = documents.get(doc.uri);
            if (!current) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
            const resultId = `${documents.revision(current.uri)}:${documents.generation}`;
            if (params.previousResultId === resultId) {
              return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
            }
            try {
              const items = await computeDiagnostics(session, current, token);
              return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
            } catch (e) {
              if (!(e instanceof CancelledError) || token.isCancellationRequested || attempt >= 20) throw e;
            }
          }
        },
      ),
    );
  }
  session.onAnalysed = (doc) => {
    if (!clientPulls(session)) void publish(session, doc);
  };
}

async function publish(session: Session, doc: TextDocument): Promise<void> {
  const { documents, requests } = session;
  try {
    const rev = documents.revision(doc.uri);
    const diagnostics = await computeDiagnostics(session, doc);
    if (!documents.isCurrent(doc.uri, rev)) return;
    await session.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  } catch (e) {
    if (!(e instanceof CancelledError)) requests.logError(`publishDiagnostics ${doc.uri}`, e);
  }
}

/** Settings or registry changed: ask pulling clients to refresh; re-push for the others. */
export function revalidateAll(session: Session, pull: boolean): void {
  const { connection, documents, requests } = session;
  if (pull) {
    if (session.capabilities.workspace?.diagnostics?.refreshSupport) {
      connection.languages.diagnostics.refresh().catch((e) => requests.logError('diagnostic/refresh', e));
    }
    return;
  }
  for (const doc of documents.all()) void publish(session, doc);
}
