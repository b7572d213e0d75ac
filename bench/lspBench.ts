// Language-server section of the benchmark: cold start, first diagnostics, hover/completion/definition latency on
// the 1 MB document, edit → fresh diagnostics (push and pull), peak RSS.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeLineStarts, lineAt } from '../server/src/core/document';
import { AhoCorasick } from './ac';
import { generatorAgencyNames } from './generate';
import { LspSession } from './lsp';
import { ROOT, errText, fmtMs, median, now, percentile, vmHwm, vmRss } from './util';

export interface LspDoc {
  text: string;
  file: string;
  bytes: number;
}

export interface LspReport {
  lines: string[];
  latency: { hover: number[]; completion: number[]; definition: number[] };
  editToPush: number[];
  editToPull: number[];
  coldInit: number[];
  coldDiag: number[];
  peakRss: number;
  /** VmHWM of the pull session (VS Code's way of starting the server). */
  peakRssPull: number;
  /** Failures inside the section (the section itself goes on). */
  errors: string[];
}

interface Pos {
  line: number;
  character: number;
}

function positionAt(starts: number[], offset: number): Pos {
  const line = lineAt(starts, offset);
  return { line, character: offset - starts[line] };
}

/** `n` items spread evenly over `xs`. */
function spread<T>(xs: T[], n: number): T[] {
  if (!xs.length) return [];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(xs[Math.floor(((i + 0.5) * xs.length) / n)]);
  return out;
}

/**
 * How editors start the server. `bin`: `node bin/action-plan-language-server.js --stdio`, the documented command for
 * Neovim, Helix, Emacs … (it requires dist/server.js). `vscode`: what the extension's language client runs —
 * `node --optimize-for-size dist/server.js --stdio` (client/src/serverManager.ts execArgv).
 */
function serverCommand(kind: 'bin' | 'vscode'): { command: string; args: string[]; label: string } {
  const dist = join(ROOT, 'dist', 'server.js');
  if (!existsSync(dist))
    throw new Error(
      'dist/server.js is missing (server/src/lsp/server.ts not in the checkout yet, or the bundle failed)',
    );
  const bin = join(ROOT, 'bin', 'action-plan-language-server.js');
  if (kind === 'bin' && existsSync(bin))
    return {
      command: process.execPath,
      args: [bin, '--stdio'],
      label: 'node bin/action-plan-language-server.js --stdio',
    };
  return {
    command: process.execPath,
    args: ['--optimize-for-size', dist, '--stdio'],
    label: 'node --optimize-for-size dist/server.js --stdio',
  };
}

function nonEmpty(r: unknown): boolean {
  if (r === null || r === undefined) return false;
  if (Array.isArray(r)) return r.length > 0;
  if (typeof r === 'object' && 'items' in (r as object)) return ((r as { items: unknown[] }).items ?? []).length > 0;
  return true;
}

export async function runLsp(opts: {
  doc1mb: LspDoc;
  doc10kb: LspDoc;
  work: string;
  referenceDate: string;
  quick: boolean;
}): Promise<LspReport> {
  const cmd = serverCommand('bin');
  const vscodeCmd = serverCommand('vscode');
  const settings = { referenceDate: opts.referenceDate, defaultPlan: '2021-2030' };
  const rootUri = pathToFileURL(opts.work).href;
  const lines: string[] = [];
  const report: LspReport = {
    lines,
    latency: { hover: [], completion: [], definition: [] },
    editToPush: [],
    editToPull: [],
    coldInit: [],
    coldDiag: [],
    peakRss: NaN,
    peakRssPull: NaN,
    errors: [],
  };
  lines.push(
    `Server started as other editors start it, \`${cmd.label}\` (cold start and the push session), and as the VS Code extension starts it, \`${vscodeCmd.label}\` (the pull session); dist/ is the bundle built by \`npm run bench\`. Driven by bench/lsp.ts (vscode-jsonrpc over the child's stdin/stdout). Requests are sent one at a time; latency = request → response at the client.`,
    '',
  );

  // ---- cold start ----
  const coldDiag = report.coldDiag;
  const coldErrors = report.errors;
  for (let i = 0; i < (opts.quick ? 2 : 5); i++) {
    const s = new LspSession({ ...cmd, cwd: opts.work, settings, rootUri });
    try {
      const initMs = await Promise.race([
        s.initialize(),
        new Promise<number>((_, rej) => setTimeout(() => rej(new Error('initialize took > 20 s')), 20000)),
      ]);
      report.coldInit.push(initMs);
      const uri = pathToFileURL(opts.doc10kb.file).href;
      await s.open(uri, 'markdown', opts.doc10kb.text);
      const p = await s.waitDiagnostics((x) => x.uri === uri, 20000);
      coldDiag.push(p.at - s.spawnedAt);
    } catch (e) {
      coldErrors.push(`${errText(e)}${s.stderr ? ` — server stderr: ${s.stderr.slice(-300)}` : ''}`);
    } finally {
      await s.shutdown();
    }
  }
  lines.push(
    `Cold start (fresh process each time, ${report.coldInit.length} runs): spawn → initialize result median ${fmtMs(median(report.coldInit))} (${report.coldInit.map(fmtMs).join(', ')}); spawn → first publishDiagnostics of a 10 KB Markdown document (didOpen right after initialized) median ${fmtMs(median(coldDiag))} (${coldDiag.map(fmtMs).join(', ')}).`,
  );
  if (coldErrors.length) lines.push('', `Cold start errors: ${coldErrors.join('; ')}`);
  lines.push('');
  lines.push(
    'The client of the main session does not advertise pull diagnostics (like Neovim or Helix), so the server pushes; a second session advertises pull (like VS Code) for the pull measurements.',
    '',
  );

  // ---- the 1 MB session ----
  const s = new LspSession({ ...cmd, cwd: opts.work, settings, rootUri });
  try {
    await s.initialize();
    const caps = s.initializeResult?.capabilities ?? {};
    const uri = pathToFileURL(opts.doc1mb.file).href;
    let text = opts.doc1mb.text;
    const tOpen = now();
    await s.open(uri, 'markdown', text, 1);
    const first = await s.waitDiagnostics((x) => x.uri === uri, 60000);
    lines.push(
      `1 MB Markdown document (${opts.doc1mb.bytes} bytes): didOpen → first publishDiagnostics ${fmtMs(first.at - tOpen)} (${first.count} diagnostics). RSS after open: ${(vmRss(s.child.pid!) / 1048576).toFixed(1)} MiB.`,
      '',
    );

    // Request positions: agencies (found with the generator's vocabulary) and citations of measures.
    const starts = computeLineStarts(text);
    const ac = new AhoCorasick(generatorAgencyNames());
    const m = ac.scan(text);
    const agencies: Array<{ start: number; end: number }> = [];
    for (let i = 0; i < m.length; i += 2) agencies.push({ start: m[i], end: m[i + 1] });
    const citations: Array<{ start: number; end: number; pathStart: number }> = [];
    for (const c of text.matchAll(
      /(《行动计划》|《行动计划（2021—2030年）》|《中国反对拐卖人口行动计划（2021—2030年）》)(二（[一二三四五六]）2（\d+）)/g,
    )) {
      citations.push({ start: c.index!, end: c.index! + c[0].length, pathStart: c.index! + c[1].length });
    }
    const n = opts.quick ? 60 : 300;
    const td = { uri };
    const hoverAt: Pos[] = [];
    const defAt: Pos[] = [];
    const complAt: Pos[] = [];
    const ag = spread(agencies, n);
    const ci = spread(citations, n);
    for (let i = 0; i < n; i++) {
      const a = ag[i];
      const c = ci[i];
      if (i % 2 === 0 && a) hoverAt.push(positionAt(starts, (a.start + a.end) >> 1));
      else if (c) hoverAt.push(positionAt(starts, (c.pathStart + c.end) >> 1));
      if (i % 2 === 0 && c) defAt.push(positionAt(starts, (c.pathStart + c.end) >> 1));
      else if (a) defAt.push(positionAt(starts, (a.start + a.end) >> 1));
      if (a) complAt.push(positionAt(starts, Math.min(a.end, a.start + 2)));
    }
    const measure = async (
      kind: 'hover' | 'completion' | 'definition',
      method: string,
      at: Pos[],
      extra: object = {},
    ) => {
      let hits = 0;
      const deadline = now() + 30000;
      for (const p of at) {
        const t = now();
        const r = await s.request(method, { textDocument: td, position: p, ...extra });
        report.latency[kind].push(now() - t);
        if (nonEmpty(r)) hits++;
        if (now() > deadline) break;
      }
      const xs = report.latency[kind];
      lines.push(
        `- ${kind} (${method}${caps[`${kind}Provider`] ? '' : ', NOT advertised in capabilities'}): n=${xs.length}, p50 ${fmtMs(percentile(xs, 50))}, p90 ${fmtMs(percentile(xs, 90))}, p99 ${fmtMs(percentile(xs, 99))}, max ${fmtMs(Math.max(...xs))}; non-empty results ${hits}/${xs.length}.`,
      );
    };
    lines.push(
      `Latency on the 1 MB document (positions spread over the whole document: ${agencies.length} agency names and ${citations.length} measure citations found):`,
      '',
    );
    // A few warm-up requests, not counted.
    for (const p of hoverAt.slice(0, 5)) await s.request('textDocument/hover', { textDocument: td, position: p });
    const rss: string[] = [`after open ${(vmRss(s.child.pid!) / 1048576).toFixed(0)}`];
    await measure('hover', 'textDocument/hover', hoverAt);
    rss.push(`after hovers ${(vmRss(s.child.pid!) / 1048576).toFixed(0)}`);
    await measure('completion', 'textDocument/completion', complAt, { context: { triggerKind: 1 } });
    rss.push(`after completions ${(vmRss(s.child.pid!) / 1048576).toFixed(0)}`);
    await measure('definition', 'textDocument/definition', defAt);
    rss.push(`after definitions ${(vmRss(s.child.pid!) / 1048576).toFixed(0)}`);
    lines.push('');

    // ---- edit → diagnostics ----
    const docLines = text.split('\n');
    const candidates: number[] = [];
    for (let i = Math.floor(docLines.length / 4); i < docLines.length && candidates.length < 40; i += 37) {
      if (/[局委办部]/.test(docLines[i]) && docLines[i].length > 20) candidates.push(i);
    }
    let version = 1;
    const edits = opts.quick ? 6 : 30;
    const editOnce = async (i: number) => {
      const L = candidates[i % candidates.length];
      const old = docLines[L];
      // Alternate: put an outdated name at the start of the line / take it away again.
      const next = old.startsWith('卫生部') ? old.slice(3) : '卫生部' + old;
      docLines[L] = next;
      version++;
      await s.change(uri, version, [
        { range: { start: { line: L, character: 0 }, end: { line: L, character: old.length } }, text: next },
      ]);
      return version;
    };
    let pushMisses = 0;
    for (let i = 0; i < edits; i++) {
      const t = now();
      const v = await editOnce(i);
      try {
        const p = await s.waitDiagnostics(
          (x) => x.uri === uri && (x.version === undefined || x.version === v),
          10000,
          t,
        );
        report.editToPush.push(p.at - t);
      } catch {
        pushMisses++;
      }
    }
    const versioned = s.published.some((p) => p.uri === uri && p.version !== undefined);
    lines.push(
      `Edit → fresh diagnostics, push (incremental didChange replacing one line in the middle of the 1 MB document; latency = didChange sent → the publishDiagnostics${versioned ? ' carrying the new version' : ' (the server does not send versions: the first publish after the change)'} received and parsed at the client, as for pull below): n=${report.editToPush.length}, p50 ${fmtMs(percentile(report.editToPush, 50))}, p90 ${fmtMs(percentile(report.editToPush, 90))}, p95 ${fmtMs(percentile(report.editToPush, 95))}, max ${fmtMs(Math.max(...report.editToPush))}${pushMisses ? `; ${pushMisses} edits got no publish within 10 s` : ''}.`,
    );
    text = docLines.join('\n');
    rss.push(`after the edits ${(vmRss(s.child.pid!) / 1048576).toFixed(0)}`);
    if (s.lastPublish) {
      const ds = s.lastPublish.diagnostics as Array<Record<string, unknown>>;
      const bytes = Buffer.byteLength(JSON.stringify(s.lastPublish));
      const part = (k: string) =>
        ds.reduce((a, d) => a + (d[k] === undefined ? 0 : Buffer.byteLength(JSON.stringify(d[k]))), 0);
      lines.push(
        `Each publish carries the whole list: the last one had ${ds.length} diagnostics, ${(bytes / 1048576).toFixed(2)} MiB of JSON (UTF-8) — message ${((100 * part('message')) / bytes).toFixed(0)}%, data ${((100 * part('data')) / bytes).toFixed(0)}%, range ${((100 * part('range')) / bytes).toFixed(0)}%: the server encodes only the diagnostics that changed (the others keep their bytes, server/src/lsp/encoding.ts); the client decodes the whole list on every edit.`,
      );
    }
    report.peakRss = vmHwm(s.child.pid!);
    lines.push(
      '',
      `Peak RSS of the server process (VmHWM from /proc/${'<pid>'}/status) after all of the above with the 1 MB document open: ${(report.peakRss / 1048576).toFixed(1)} MiB (current RSS in MiB ${rss.join(', ')}).`,
    );
  } catch (e) {
    const msg = `1 MB push session failed: ${errText(e)}${s.stderr ? ` — server stderr: ${s.stderr.slice(-500)}` : ''}`;
    lines.push(msg);
    report.errors.push(msg);
    if (!Number.isFinite(report.peakRss) && s.child.pid) report.peakRss = vmHwm(s.child.pid);
  } finally {
    await s.shutdown();
  }

  // ---- pull session ----
  const q = new LspSession({ ...vscodeCmd, cwd: opts.work, settings, rootUri });
  try {
    await q.initialize(true);
    const caps = q.initializeResult?.capabilities ?? {};
    if (!caps.diagnosticProvider) {
      lines.push('', 'Pull diagnostics: not advertised (no diagnosticProvider) even to a client that supports them.');
    } else {
      const uri = pathToFileURL(opts.doc1mb.file).href;
      const td = { uri };
      const tOpen = now();
      await q.open(uri, 'markdown', opts.doc1mb.text, 1);
      const firstPull = await q.request<{ kind?: string; items?: unknown[] }>('textDocument/diagnostic', {
        textDocument: td,
      });
      const firstMs = now() - tOpen;
      const docLines = opts.doc1mb.text.split('\n');
      const candidates: number[] = [];
      for (let i = Math.floor(docLines.length / 3); i < docLines.length && candidates.length < 40; i += 41) {
        if (/[局委办部]/.test(docLines[i]) && docLines[i].length > 20) candidates.push(i);
      }
      let version = 1;
      const edits = opts.quick ? 6 : 30;
      let counts = '';
      for (let i = 0; i < edits; i++) {
        const L = candidates[i % candidates.length];
        const old = docLines[L];
        const next = old.startsWith('卫生部') ? old.slice(3) : '卫生部' + old;
        docLines[L] = next;
        version++;
        const t = now();
        await q.change(uri, version, [
          { range: { start: { line: L, character: 0 }, end: { line: L, character: old.length } }, text: next },
        ]);
        const r = await q.request<{ kind?: string; items?: unknown[] }>('textDocument/diagnostic', {
          textDocument: td,
        });
        report.editToPull.push(now() - t);
        if (i < 2) counts += `${r?.kind}:${r?.items?.length ?? '-'} `;
      }
      report.peakRssPull = vmHwm(q.child.pid!);
      lines.push(
        '',
        `Pull session (client advertises textDocument.diagnostic; peak RSS ${(report.peakRssPull / 1048576).toFixed(1)} MiB): didOpen → first textDocument/diagnostic result ${fmtMs(firstMs)} (${firstPull?.items?.length ?? 0} items). Edit → pull (didChange of one line, then textDocument/diagnostic right away; latency = didChange sent → the report received and parsed at the client): n=${report.editToPull.length}, p50 ${fmtMs(percentile(report.editToPull, 50))}, p90 ${fmtMs(percentile(report.editToPull, 90))}, p95 ${fmtMs(percentile(report.editToPull, 95))}, max ${fmtMs(Math.max(...report.editToPull))} (first results: ${counts.trim()}).`,
      );
    }
  } catch (e) {
    const msg = `1 MB pull session failed: ${errText(e)}${q.stderr ? ` — server stderr: ${q.stderr.slice(-500)}` : ''}`;
    lines.push('', msg);
    report.errors.push(msg);
  } finally {
    await q.shutdown();
  }
  const debounce = /DEBOUNCE_MS\s*=\s*(\d+)/.exec(serverSource());
  if (debounce)
    lines.push(
      '',
      `Note: server/src/lsp/session.ts DEBOUNCE_MS = ${debounce[1]} ms (the push analysis of an edit waits that long only when the edit follows another one within that time; the bench's edits are a round trip apart, so each is analysed at once).`,
    );
  return report;
}

function serverSource(): string {
  try {
    return readFileSync(join(ROOT, 'server', 'src', 'lsp', 'session.ts'), 'utf8');
  } catch {
    return '';
  }
}
