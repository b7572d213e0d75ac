// HTML rendering of the coverage map (coverageMap.ts): the map (one cell per measure / sub-item, by part and section),
// the per-measure table and the findings. Self-contained: inline CSS, no scripts needed to read it, no remote
// resources. Every cell carries data-citation (canonical citation), data-path, data-kind and data-state; the state is
// also written as a symbol and a text label (title, table), never as colour alone. Light and dark colours follow
// prefers-color-scheme, and the VS Code theme classes (body.vscode-light / vscode-dark / vscode-high-contrast) in a
// webview. Used by the CLI (`report --format html`) and by the language server for the VS Code webview.
import { PLAN_CATALOG } from '../catalog/plans';
import type { Lang as MessageLang } from '../catalog/rules';
import type { CoverageCell, CoverageMap, CoveragePlace, CoverageState } from './coverageMap';
import { mapCells } from './coverageMap';
import { coverageUnavailableText } from './coverage';

/** The reader's language (core/catalog/rules.ts), or both (Chinese first). */
export type Lang = MessageLang | 'both';

function tr(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : lang === 'en' ? en : `${zh} / ${en}`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Symbol and label of each state (the legend, the cells and the table use the same). */
export const STATE_LABELS: Readonly<Record<CoverageState, { symbol: string; zh: string; en: string }>> = Object.freeze({
  cited: { symbol: '✓', zh: '已引用', en: 'cited' },
  'cited-wrong-path-nearby': { symbol: '!', zh: '路径有误或需核对', en: 'wrong path or flagged' },
  'expired-only': { symbol: '旧', zh: '仅引用已失效计划', en: 'expired plan only' },
  'not-cited': { symbol: '·', zh: '未引用', en: 'not cited' },
});
const STATE_ORDER: readonly CoverageState[] = ['cited', 'cited-wrong-path-nearby', 'expired-only', 'not-cited'];

export function stateLabel(state: CoverageState, lang: Lang): string {
  const l = STATE_LABELS[state];
  return tr(lang, l.zh, l.en);
}

const VIA: Record<CoveragePlace['via'], { zh: string; en: string }> = {
  self: { zh: '直接引用', en: 'cites it' },
  item: { zh: '引用其子项', en: 'cites a sub-item' },
  measure: { zh: '引用其所属措施', en: 'cites its measure' },
  expired: { zh: '经已失效计划对应', en: 'via the expired plan' },
  'wrong-path': { zh: '路径不存在', en: 'path does not exist' },
};

/** A finding of the document, as the CLI reports it (0-based positions). */
export interface HtmlFinding {
  code: string;
  severity: string;
  message: string;
  line: number;
  character: number;
}

export interface CoverageHtmlFile {
  /** File name as shown (the CLI's display path). */
  file: string;
  map?: CoverageMap;
  findings?: HtmlFinding[];
  error?: string;
}

export const COVERAGE_CSS = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--cited:#1a7f37;--cited-bg:#dafbe1;--wrong:#9a6700;--wrong-bg:#fff8c5;
--expired:#8250df;--expired-bg:#fbefff;--none:#59636e;--none-bg:#f6f8fa;--focus:#0969da;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--cited:#3fb950;--cited-bg:#12361f;
--wrong:#d29922;--wrong-bg:#3b2e0a;--expired:#bc8cff;--expired-bg:#2c1d48;--none:#9198a1;--none-bg:#151b23;--focus:#4493f8}}
body.vscode-light{--bg:var(--vscode-editor-background,#fff);--fg:var(--vscode-editor-foreground,#1f2328);--muted:#59636e;--line:#d1d9e0;
--cited:#1a7f37;--cited-bg:#dafbe1;--wrong:#9a6700;--wrong-bg:#fff8c5;--expired:#8250df;--expired-bg:#fbefff;--none:#59636e;--none-bg:#f6f8fa}
body.vscode-dark,body.vscode-high-contrast{--bg:var(--vscode-editor-background,#0d1117);--fg:var(--vscode-editor-foreground,#e6edf3);
--muted:#9198a1;--line:#3d444d;--cited:#3fb950;--cited-bg:#12361f;--wrong:#d29922;--wrong-bg:#3b2e0a;--expired:#bc8cff;--expired-bg:#2c1d48;
--none:#9198a1;--none-bg:#151b23}
body{background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:1.5em}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.2em;margin:1.4em 0 .3em;border-bottom:1px solid var(--line)}h3{font-size:1em;margin:1em 0 .3em}
.muted{color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:.4em 1.2em;margin:.6em 0;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:.4em}
.row{display:grid;grid-template-columns:minmax(9em,16em) 1fr;gap:.6em;align-items:start;margin:.25em 0}
.row-head{font-size:.9em}.row-head .note{display:block;font-size:.85em}.row-head .note.flag{color:var(--wrong);font-weight:600}
.cells{display:flex;flex-wrap:wrap;gap:.3em .7em}
.measure-group{display:flex;flex-wrap:wrap;gap:2px;padding:2px;border-radius:4px;border:1px solid var(--line)}
.cell{display:inline-flex;align-items:center;justify-content:center;gap:.15em;min-width:2.6em;height:2.1em;padding:0 .25em;box-sizing:border-box;
border-radius:3px;border:2px solid;font-size:.8em;text-decoration:none;color:var(--fg);cursor:pointer;font-variant-numeric:tabular-nums}
.cell.item{min-width:1.7em;font-size:.72em}
.cell .sym{font-weight:700}
.cell:focus-visible,.cell.selected{outline:3px solid var(--focus);outline-offset:1px}
[data-state="cited"]{border-color:var(--cited);background:var(--cited-bg)}[data-state="cited"] .sym{color:var(--cited)}
[data-state="cited-wrong-path-nearby"]{border-color:var(--wrong);border-style:double;border-width:3px;
background:repeating-linear-gradient(45deg,var(--wrong-bg) 0 4px,transparent 4px 7px)}[data-state="cited-wrong-path-nearby"] .sym{color:var(--wrong)}
[data-state="expired-only"]{border-color:var(--expired);border-style:dashed;background:var(--expired-bg)}[data-state="expired-only"] .sym{color:var(--expired)}
[data-state="not-cited"]{border-color:var(--line);border-style:dotted;background:var(--none-bg);color:var(--muted)}
.legend .cell{cursor:default}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.9em}
th,td{border:1px solid var(--line);padding:.25em .5em;text-align:left;vertical-align:top}
td.state{white-space:nowrap}td.path{white-space:nowrap}
tr:target{outline:3px solid var(--focus)}
.places{margin:0;padding-left:1.1em}.places code{font-size:.95em}
.error{color:#cf222e}
`;

function cellTitle(c: CoverageCell, lang: Lang): string {
  const lines = [`${c.citation} · ${stateLabel(c.state, lang)}`, c.heading];
  for (const p of c.places.slice(0, 8))
    lines.push(`${p.uri}:${p.range.start.line + 1} ${tr(lang, VIA[p.via].zh, VIA[p.via].en)}`);
  if (c.places.length > 8) lines.push(tr(lang, `等 ${c.places.length} 处`, `${c.places.length} places in all`));
  return lines.join('\n');
}

/** One cell. `href` links it (to the table row in the file, or nothing in a webview). */
function cellHtml(c: CoverageCell, id: string, lang: Lang, href: boolean): string {
  const l = STATE_LABELS[c.state];
  const attrs =
    `class="cell ${c.kind}" data-citation="${escapeHtml(c.citation)}" data-path="${escapeHtml(c.path)}" data-kind="${c.kind}" ` +
    `data-state="${c.state}" title="${escapeHtml(cellTitle(c, lang))}" aria-label="${escapeHtml(`${c.path} ${stateLabel(c.state, lang)}`)}"`;
  const inner = `<span class="sym" aria-hidden="true">${escapeHtml(l.symbol)}</span><span class="lbl">${escapeHtml(c.label)}</span>`;
  return href ? `<a ${attrs} href="#${id}">${inner}</a>` : `<button type="button" ${attrs}>${inner}</button>`;
}

export function legendHtml(lang: Lang): string {
  const items = STATE_ORDER.map(
    (s) =>
      `<li><span class="cell" data-state="${s}" aria-hidden="true"><span class="sym">${escapeHtml(STATE_LABELS[s].symbol)}</span></span>` +
      `${escapeHtml(stateLabel(s, lang))}</li>`,
  );
  return `<ul class="legend" aria-label="${escapeHtml(tr(lang, '图例', 'Legend'))}">${items.join('')}</ul>`;
}

function viaText(p: CoveragePlace, lang: Lang): string {
  // Through the crosswalk: name the plan the place cites (《行动计划（2013—2020年）》).
  if (p.via === 'expired') return tr(lang, `经《${PLAN_CATALOG[p.plan].shortTitle}》对应`, `via the ${p.plan} plan`);
  return tr(lang, VIA[p.via].zh, VIA[p.via].en);
}

function placeText(p: CoveragePlace, lang: Lang): string {
  return `${p.uri}:${p.range.start.line + 1}（${viaText(p, lang)}）${p.lineText}`;
}

/**
 * The map of one coverage model: a row per section, a group per measure (the measure's cell then its items).
 * `prefix` makes the element ids unique in a page; `links` makes cells anchors to the table rows (file) instead of
 * buttons (webview).
 */
export function mapHtml(map: CoverageMap, lang: Lang, options: { prefix: string; links: boolean }): string {
  const out: string[] = [];
  let i = 0;
  const ids = new Map<CoverageCell, string>();
  for (const c of mapCells(map)) ids.set(c, `${options.prefix}c${i++}`);
  out.push(`<div class="map" data-plan="${map.plan}">`);
  for (const part of map.parts) {
    out.push(`<h3>${escapeHtml(part.path)}、${escapeHtml(part.heading)}</h3>`);
    for (const s of part.sections) {
      const notes: string[] = [];
      if (s.places.length)
        notes.push(
          `<span class="note muted">${escapeHtml(tr(lang, `本节整体被引用 ${s.places.length} 处`, `section cited as a whole ${s.places.length}×`))}</span>`,
        );
      if (s.flags.length) {
        const paths = s.flags.map((f) => f.place.canonical).join('、');
        notes.push(
          `<span class="note flag">! ${escapeHtml(tr(lang, `路径不存在：${paths}`, `path does not exist: ${paths}`))}</span>`,
        );
      }
      out.push(
        `<div class="row" data-section="${escapeHtml(s.path)}" data-flags="${s.flags.length}">` +
          `<div class="row-head"><strong>${escapeHtml(s.path === part.path ? part.path : s.path.slice(part.path.length))}</strong> ${escapeHtml(s.heading)}` +
          notes.join('') +
          `</div><div class="cells">`,
      );
      let group: string[] | undefined;
      const flush = () => {
        if (group) out.push(`<span class="measure-group">${group.join('')}</span>`);
        group = undefined;
      };
      for (const c of s.cells) {
        if (c.kind !== 'item') flush();
        const html = cellHtml(c, ids.get(c)!, lang, options.links);
        if (c.kind === 'measure') group = [html];
        else if (c.kind === 'item' && group) group.push(html);
        else out.push(html);
      }
      flush();
      out.push(`</div></div>`);
    }
  }
  out.push(`</div>`);
  return out.join('\n');
}

function summaryHtml(map: CoverageMap, lang: Lang): string {
  const date = map.date
    ? `<p class="muted">${tr(lang, '参照日期', 'Reference date')}：${escapeHtml(map.date)}</p>`
    : '';
  if (map.unavailable) return date + unavailableHtml(map, lang);
  const parts = STATE_ORDER.map((s) => `${escapeHtml(stateLabel(s, lang))} ${map.counts[s]}`);
  return `${date}<p class="summary">《${escapeHtml(map.planTitle)}》：${tr(lang, `${map.counts.cells} 个单元`, `${map.counts.cells} cells`)} — ${parts.join('，')}</p>`;
}

/** Why there is no map: the plan in force on the date has no text in the corpus, or no plan was issued yet. */
function unavailableHtml(map: CoverageMap, lang: Lang): string {
  const say = (l: MessageLang) => coverageUnavailableText(map.plan, map.unavailable!, map.date ?? '', l);
  const text = tr(lang, say('zh'), say('en'));
  return `<p class="unavailable" data-plan="${escapeHtml(map.plan)}" data-unavailable="${escapeHtml(map.unavailable ?? '')}">${escapeHtml(text)}</p>`;
}

function tableHtml(map: CoverageMap, lang: Lang, prefix: string): string {
  const out: string[] = [];
  out.push(
    `<table class="measures"><thead><tr><th>${tr(lang, '条目', 'Node')}</th><th>${tr(lang, '状态', 'State')}</th>` +
      `<th>${tr(lang, '内容', 'Text')}</th><th>${tr(lang, '引用位置', 'Cited at')}</th></tr></thead><tbody>`,
  );
  let i = 0;
  for (const c of mapCells(map)) {
    const id = `${prefix}c${i++}`;
    const places = c.places
      .slice(0, 20)
      .map((p) => `<li>${escapeHtml(placeText(p, lang))}</li>`)
      .concat(
        c.places.length > 20
          ? [`<li>${tr(lang, `等 ${c.places.length} 处`, `${c.places.length} places in all`)}</li>`]
          : [],
      )
      .concat(
        c.flags.map((f) => {
          // Review flags (coverageReview.ts) carry the finding's message.
          const r = f as { message?: string; messageEn?: string };
          const what = r.message ? tr(lang, r.message, r.messageEn ?? r.message) : f.place.canonical;
          return `<li>! ${escapeHtml(`${f.code}（${f.place.range.start.line + 1}）: ${what}`)}</li>`;
        }),
      );
    out.push(
      `<tr id="${id}" data-citation="${escapeHtml(c.citation)}" data-state="${c.state}"><td class="path">${escapeHtml(c.path)}</td>` +
        `<td class="state">${escapeHtml(STATE_LABELS[c.state].symbol)} ${escapeHtml(stateLabel(c.state, lang))}</td>` +
        `<td>${escapeHtml(c.heading)}</td><td>${places.length ? `<ul class="places">${places.join('')}</ul>` : ''}</td></tr>`,
    );
  }
  out.push(`</tbody></table>`);
  return out.join('\n');
}

function findingsHtml(file: CoverageHtmlFile, lang: Lang): string {
  const list = file.findings ?? [];
  const unplaced = file.map?.unplaced ?? [];
  if (!list.length && !unplaced.length) return `<p class="muted">${tr(lang, '没有发现问题。', 'No findings.')}</p>`;
  const out: string[] = [];
  if (list.length) {
    out.push(
      `<table class="findings"><thead><tr><th>${tr(lang, '位置', 'Line:col')}</th><th>${tr(lang, '级别', 'Severity')}</th>` +
        `<th>${tr(lang, '信息', 'Message')}</th><th>${tr(lang, '代码', 'Code')}</th></tr></thead><tbody>`,
    );
    for (const f of list) {
      out.push(
        `<tr data-code="${escapeHtml(f.code)}"><td>${f.line + 1}:${f.character + 1}</td><td>${escapeHtml(f.severity)}</td>` +
          `<td>${escapeHtml(f.message)}</td><td><code>${escapeHtml(f.code)}</code></td></tr>`,
      );
    }
    out.push(`</tbody></table>`);
  }
  if (unplaced.length) {
    out.push(`<p>${tr(lang, '未落到地图上的引用：', 'Citations not on the map:')}</p><ul class="places">`);
    for (const p of unplaced) out.push(`<li>${escapeHtml(placeText(p, lang))}</li>`);
    out.push(`</ul>`);
  }
  return out.join('\n');
}

/** The whole self-contained HTML page for the CLI: per file, the map, the table and the findings. */
export function renderCoverageHtml(
  files: readonly CoverageHtmlFile[],
  options: { lang: Lang; referenceDate?: string },
): string {
  const { lang } = options;
  const title = tr(lang, '国家行动计划覆盖地图', 'Coverage map of the national plan');
  const out: string[] = [];
  out.push(
    `<!doctype html>\n<html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
      `<title>${escapeHtml(title)}</title><style>${COVERAGE_CSS}</style></head><body>`,
  );
  out.push(`<h1>${escapeHtml(title)}</h1>`);
  if (options.referenceDate)
    out.push(`<p class="muted">${tr(lang, '参照日期', 'Reference date')}：${escapeHtml(options.referenceDate)}</p>`);
  out.push(legendHtml(lang));
  files.forEach((f, n) => {
    const prefix = `f${n}-`;
    out.push(`<section class="file" data-file="${escapeHtml(f.file)}">`);
    out.push(`<h2>${escapeHtml(f.file)}</h2>`);
    if (f.error || !f.map) {
      out.push(`<p class="error">${escapeHtml(f.error ?? tr(lang, '无法生成报告', 'no report'))}</p></section>`);
      return;
    }
    out.push(summaryHtml(f.map, lang));
    if (f.map.unavailable) {
      out.push(`<h3>${tr(lang, '检查发现的问题', 'Findings')}</h3>`);
      out.push(findingsHtml(f, lang));
      out.push(`</section>`);
      return;
    }
    out.push(mapHtml(f.map, lang, { prefix, links: true }));
    out.push(`<h3>${tr(lang, '逐条情况', 'Per measure')}</h3>`);
    out.push(tableHtml(f.map, lang, prefix));
    out.push(`<h3>${tr(lang, '检查发现的问题', 'Findings')}</h3>`);
    out.push(findingsHtml(f, lang));
    out.push(`</section>`);
  });
  out.push(`</body></html>\n`);
  return out.join('\n');
}

/** The map alone with its legend and summary (the VS Code webview wraps it in its own page). */
export function renderCoverageFragment(map: CoverageMap, options: { lang: Lang }): string {
  if (map.unavailable) return summaryHtml(map, options.lang);
  return [
    legendHtml(options.lang),
    summaryHtml(map, options.lang),
    mapHtml(map, options.lang, { prefix: 'w-', links: false }),
  ].join('\n');
}
