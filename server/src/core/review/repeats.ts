// Clause consistency: a responsibility clause （…负责，…配合） or an agency list （A、B、C） that names the same body
// twice — as written, or once the unambiguous replacements of outdated names are made — gets a `duplicate-agency`
// finding whose fix removes the repeat (a body both lead and cooperating keeps its lead role; otherwise the first
// mention stays). The replacement fix of an outdated name that would create such a repeat removes it in the same fix,
// so no fix ever writes 「县市场监管局负责，县市场监管局配合」. A replacement that would repeat a body elsewhere in the
// sentence, where the structure is not known, is not offered as automatic and says why.
//
// Two items are the same body when they are the same recognised body on the reference date (same registry id: 公安部
// and 中华人民共和国公安部; 县公安局 and 县公安局) or the same text. A sign and its host (农业农村部、国家乡村振兴局) and
// the same department of two differently written places (县公安局、沁源县公安局) are not taken as repeats: unsure,
// say nothing.
import { FIX_TITLES, RULES, type Localized } from '../catalog/rules';
import type { AgencyKnowledgeBase, AgencyMention } from '../agency/api';
import type { Finding, Fix, OffsetEdit, Span } from '../types';
import { bracketClauses, type BracketClause } from './clause';
import { endIn, endsBefore, sentenceEnds } from './sentences';

type Role = 'lead' | 'cooperating' | 'list';

interface Item extends Span {
  text: string;
  role: Role;
}

interface Part {
  /** From the first item's start to the last item's end (only items and 、 in between). */
  names: Span;
  /** The whole part with its role word, e.g. 县民政局、县妇联配合. */
  whole: Span;
  items: Item[];
}

interface Group extends Span {
  parts: Part[];
  /** Separators between parts: sep[i] is the span of the separator before parts[i + 1]. */
  seps: Span[];
}

/**
 * Responsibility clauses （由A、B负责，C、D配合） of a line that this check can edit: every part ends with a role word,
 * has names, no empty item and no white space around it. Such a clause is a Group as parsed (its items carry their
 * part's role): nothing is copied.
 */
function clauses(parsed: readonly BracketClause[]): readonly Group[] {
  // Indexed loops, not for…of: a one-shot run interprets this before it is compiled (an iterator per loop).
  let ci = 0;
  while (ci < parsed.length && editable(parsed[ci])) ci++;
  // Usually every clause is editable: the parsed list itself, no copy.
  if (ci === parsed.length) return parsed as readonly Group[];
  const out: Group[] = [];
  for (let k = 0; k < ci; k++) out.push(parsed[k] as Group);
  for (ci++; ci < parsed.length; ci++) if (editable(parsed[ci])) out.push(parsed[ci] as Group);
  return out;
}

/** Whether every part of a clause has a role word, names, no empty item and no white space around it. */
function editable(c: BracketClause): boolean {
  for (let pi = 0; pi < c.parts.length; pi++) {
    const p = c.parts[pi];
    if (!p.role || p.padded || !p.names?.text) return false;
    for (let i = 0; i < p.items.length; i++) if (!p.items[i].text) return false;
  }
  return true;
}

/**
 * Runs of recognised names separated by exactly 、 (A、B、C), outside the clauses: one part, role 'list'. Only the runs
 * where something can be found: a body named twice, or a name with an outdated-agency finding (its replacement may
 * repeat another item). Another run yields nothing, and whether its names are grouped matters only for names with
 * such a finding.
 */
function lists(
  mentions: readonly AgencyMention[],
  line: string,
  taken: readonly Span[],
  od: Outdated | undefined,
): Group[] {
  const out: Group[] = [];
  // A list needs two names and a 、 between them.
  if (mentions.length < 2 || line.indexOf('、') < 0) return out;
  let prev: AgencyMention | undefined; // the last mention of the current run
  let run: AgencyMention[] | undefined; // the current run, once it has two mentions
  let outdated = false; // whether a mention of the current run has an outdated-agency finding
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (taken.length && inside(taken, m)) continue;
    if (prev && m.start === prev.end + 1 && line.charCodeAt(prev.end) === 0x3001 /* 、 */) {
      if (run) run.push(m);
      else run = [prev, m]; // (a literal of two: most lists have two or three names)
    } else {
      if (run && (outdated || namesABodyTwice(run))) out.push(listGroup(run));
      run = undefined;
      outdated = false;
    }
    prev = m;
    if (od && od[i]) outdated = true;
  }
  if (run && (outdated || namesABodyTwice(run))) out.push(listGroup(run));
  return out;
}

/** Whether a span lies inside one of `spans`. */
function inside(spans: readonly Span[], s: Span): boolean {
  for (let i = 0; i < spans.length; i++) if (s.start >= spans[i].start && s.end <= spans[i].end) return true;
  return false;
}

/** The group of a run of listed mentions (A、B、C). */
function listGroup(run: readonly AgencyMention[]): Group {
  const items: Item[] = new Array(run.length); // made to its size (a grown array keeps room for 16)
  for (let i = 0; i < run.length; i++) {
    const m = run[i];
    items[i] = { start: m.start, end: m.end, text: m.text, role: 'list' };
  }
  const start = items[0].start;
  const end = items[items.length - 1].end;
  const span = { start, end };
  return { start, end, parts: [{ names: span, whole: span, items }], seps: [] };
}

/** Whether two of the mentions are the same body as written (same registry id). */
function namesABodyTwice(run: readonly AgencyMention[]): boolean {
  for (let i = 1; i < run.length; i++) for (let j = 0; j < i; j++) if (run[i].info.id === run[j].info.id) return true;
  return false;
}

/**
 * Per mention (by index), its outdated-agency finding: the first finding of that code at the mention's start when it
 * also ends there (null when the first ends elsewhere; undefined when there is none). Found in one pass over the line's
 * findings; undefined when no finding is of that code.
 */
type Outdated = Array<Finding | null | undefined>;

function outdatedOf(
  mentions: readonly AgencyMention[],
  sorted: boolean,
  findings: readonly Finding[],
): Outdated | undefined {
  let od: Outdated | undefined;
  for (let i = 0; i < findings.length; i++) {
    const x = findings[i];
    if (x.code !== 'outdated-agency') continue;
    od ??= new Array(mentions.length); // made to its size; a hole reads as undefined
    const mi = indexAt(mentions, sorted, x.start);
    if (mi >= 0 && od[mi] === undefined) od[mi] = x.end === mentions[mi].end ? x : null;
  }
  return od;
}

interface Resolved {
  item: Item;
  /** The name the key stands for (the replacement when there is one). */
  name: string;
  /**
   * The mention, when the item is a recognised name. The body as written (no replacement) is its registry id, or the
   * item's text when it has none (sameWritten): repeats as written are duplicate-agency findings.
   */
  mention?: AgencyMention;
  /** The automatic replacement of an outdated mention, when there is one. */
  repl?: string;
  /** keyOf(): found when first asked (only a replacement fix compares keys). */
  key?: string;
  /** The mention's outdated-agency finding, when it has one. */
  od?: Finding;
}

/** The single replacement an outdated mention gets automatically, or undefined. */
function autoReplacement(m: AgencyMention): string | undefined {
  const s = m.status;
  if (s.current || s.uncertain || s.levelUnknown || s.replacement.length !== 1) return undefined;
  return s.replacement[0];
}

/**
 * Body keys: a recognised body's registry id as it is (no string built per key), an unrecognised name's text after a
 * NUL (which no id starts with). The keys of names on the reference date are the knowledge base's answers, kept by it
 * (kb.memo, emptied when its names change; by date, bounded): a name is looked up once per document, not once per
 * line and group.
 */
class BodyKeys {
  constructor(
    private readonly kb: AgencyKnowledgeBase,
    private readonly date: string,
    private readonly names: Map<string, string>,
  ) {}

  /** The body a name stands for on the date. */
  of(name: string): string {
    let key = this.names.get(name);
    if (key === undefined) {
      const hit = this.kb.lookup(name, this.date);
      key = hit ? hit.info.id : textKey(name);
      if (this.names.size >= KEYS_LIMIT) this.names.clear();
      this.names.set(name, key);
    }
    return key;
  }
}

const KEYS_LIMIT = 10000;

/** The body keys of names on `date` (kept by the knowledge base when it keeps memos: one BodyKeys per date). */
function keysOn(kb: AgencyKnowledgeBase, date: string): BodyKeys {
  const byDate = kb.memo ? kb.memo('review/repeats', newKeysByDate) : newKeysByDate();
  let keys = byDate.get(date);
  if (!keys) byDate.set(date, (keys = new BodyKeys(kb, date, new Map())));
  return keys;
}

function newKeysByDate(): Map<string, BodyKeys> {
  return new Map();
}

function textKey(name: string): string {
  return '\u0000' + name;
}

/** The body a mention stands for after its automatic replacement (its own when it has none). */
function mentionKey(keys: BodyKeys, m: AgencyMention): string {
  const repl = autoReplacement(m);
  return repl ? keys.of(repl) : m.info.id;
}

/** The body an item stands for on the reference date, after the unambiguous replacement of an outdated name. */
function keyOf(keys: BodyKeys, r: Resolved): string {
  return (r.key ??= r.repl !== undefined ? keys.of(r.repl) : r.mention ? r.mention.info.id : textKey(r.item.text));
}

/** Whether two items are the same body as written: the same registry id, or both unrecognised with the same text. */
function sameWritten(a: Resolved, b: Resolved): boolean {
  return a.mention
    ? b.mention !== undefined && a.mention.info.id === b.mention.info.id
    : !b.mention && a.item.text === b.item.text;
}

/**
 * The index of the mention starting at `start` (mentions do not overlap: one per start), or -1; found by bisection when
 * the mentions are in order (as a scan gives them), else by a search in order.
 */
function indexAt(mentions: readonly AgencyMention[], sorted: boolean, start: number): number {
  if (!sorted) {
    for (let i = 0; i < mentions.length; i++) if (mentions[i].start === start) return i;
    return -1;
  }
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < mentions.length && mentions[lo].start === start ? lo : -1;
}

/** The index of the mention of each item (the mention with exactly the item's span), or -1. */
function mentionIndexes(items: readonly Item[], mentions: readonly AgencyMention[], sorted: boolean): number[] {
  const out: number[] = new Array(items.length); // made to its size (a grown array keeps room for 16)
  for (let i = 0; i < items.length; i++) {
    const mi = indexAt(mentions, sorted, items[i].start);
    out[i] = mi >= 0 && mentions[mi].end === items[i].end ? mi : -1;
  }
  return out;
}

/**
 * Whether two items name the same body as written (sameWritten on their mention indexes `at`), found without a
 * record per item.
 */
function writtenTwice(items: readonly Item[], at: readonly number[], mentions: readonly AgencyMention[]): boolean {
  for (let i = 1; i < items.length; i++) {
    const a = at[i];
    for (let j = 0; j < i; j++) {
      const b = at[j];
      if (a >= 0 ? b >= 0 && mentions[a].info.id === mentions[b].info.id : b < 0 && items[i].text === items[j].text)
        return true;
    }
  }
  return false;
}

/** Whether one of the items (by mention index `at`) has an outdated-agency finding. */
function anyOutdatedItem(at: readonly number[], od: Outdated): boolean {
  for (let i = 0; i < at.length; i++) if (at[i] >= 0 && od[at[i]]) return true;
  return false;
}

function resolve(
  items: Item[],
  mentions: readonly AgencyMention[],
  at: readonly number[],
  od: Outdated | undefined,
): Resolved[] {
  const out: Resolved[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const mention = at[i] >= 0 ? mentions[at[i]] : undefined;
    const repl = mention && autoReplacement(mention);
    const r: Resolved = !mention
      ? { item, name: item.text }
      : repl
        ? { item, name: repl, mention, repl }
        : { item, name: item.text, mention };
    const f = od && od[at[i]];
    if (f) r.od = f;
    out[i] = r;
  }
  return out;
}

/** The items of each body written more than once, by the body's first item (empty when there is no repeat). */
function repeatsOf(rs: readonly Resolved[]): Resolved[][] {
  const out: Resolved[][] = [];
  outer: for (let i = 0; i < rs.length; i++) {
    const w = rs[i];
    for (let j = 0; j < i; j++) if (sameWritten(rs[j], w)) continue outer;
    for (let j = i + 1; j < rs.length; j++) {
      if (sameWritten(rs[j], w)) {
        out.push(rs.filter((r) => sameWritten(r, w)));
        continue outer;
      }
    }
  }
  return out;
}

/** The item that stays among the repeats of one body: the first lead one, else the first. */
function keeper(rs: readonly Resolved[]): Resolved {
  return rs.find((r) => r.item.role === 'lead') ?? rs[0];
}

/**
 * Edits that remove `removed` items from a group and replace `replaced` items' text: one edit per changed part (its
 * names), or, when a part loses every item, one deletion of the part with the separator before it (after it for the
 * first part).
 */
function groupEdits(
  line: string,
  g: Group,
  removed: ReadonlySet<Item>,
  replaced: ReadonlyMap<Item, string>,
): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  // Indexed loops, no closures (a fix is made for every repeat).
  for (let i = 0; i < g.parts.length; i++) {
    const p = g.parts[i];
    let kept = 0;
    let changed = false;
    for (let k = 0; k < p.items.length; k++) {
      const it = p.items[k];
      if (removed.has(it)) changed = true;
      else {
        kept++;
        if (replaced.has(it)) changed = true;
      }
    }
    if (!changed) continue;
    if (kept === 0) {
      if (i > 0) edits.push({ start: g.seps[i - 1].start, end: p.whole.end, newText: '' });
      else if (g.seps.length) edits.push({ start: p.whole.start, end: g.seps[0].end, newText: '' });
      else edits.push({ start: p.whole.start, end: p.whole.end, newText: '' });
      continue;
    }
    let text = '';
    for (let k = 0, n = 0; k < p.items.length; k++) {
      const it = p.items[k];
      if (removed.has(it)) continue;
      if (n++) text += '、';
      text += replaced.get(it) ?? line.slice(it.start, it.end);
    }
    edits.push({ start: p.names.start, end: p.names.end, newText: text });
  }
  return edits;
}

/** The items of every part of a group, in order. */
function itemsOf(g: Group): Item[] {
  const { parts } = g;
  if (parts.length === 1) return parts[0].items;
  // An array of their number (a pushed one keeps room for 16).
  let n = 0;
  for (let pi = 0; pi < parts.length; pi++) n += parts[pi].items.length;
  const out: Item[] = new Array(n);
  for (let pi = 0, k = 0; pi < parts.length; pi++) {
    const items = parts[pi].items;
    for (let i = 0; i < items.length; i++) out[k++] = items[i];
  }
  return out;
}

/** Whether removing `removed` from the group keeps a lead unit (a clause must keep one to stay a clause). */
function keepsLead(g: Group, removed: ReadonlySet<Item>): boolean {
  const items = itemsOf(g);
  if (!items.some((it) => it.role === 'lead')) return true;
  return items.some((it) => it.role === 'lead' && !removed.has(it));
}

/**
 * The duplicate-agency findings of a line, and the replacement fixes of its outdated-agency findings made consistent
 * (in place: `findings` holds this line's findings, offsets relative to the line).
 */
export function clauseRepeats(
  line: string,
  mentions: readonly AgencyMention[],
  findings: Finding[],
  kb: AgencyKnowledgeBase,
  date: string,
  /** The line's bracketed clauses when the caller has them (core/review/clause.ts bracketClauses(line)). */
  parsed?: readonly BracketClause[],
): Finding[] {
  const out: Finding[] = [];
  const brackets = parsed ?? bracketClauses(line);
  // Nothing to check on a line without a clause and with fewer than two names: a group is a clause or a list of two
  // names or more, and a replacement can only repeat another name.
  if (!brackets.length && mentions.length < 2) return out;
  let sorted = true;
  for (let i = 1; i < mentions.length; i++) if (mentions[i].start < mentions[i - 1].start) sorted = false;
  // Nothing to find or change (most lines): proven on the line as a whole, before its groups are built.
  if (!mayRepeat(line, mentions, sorted, findings, brackets, kb, date)) return out;
  const od = outdatedOf(mentions, sorted, findings);
  const cls = clauses(brackets);
  const listed = lists(mentions, line, cls, od);
  const groups = listed.length ? (cls.length ? cls.concat(listed) : listed) : cls;
  // Nothing to check: no group to find repeats in, and no outdated name whose replacement could make one.
  if (!groups.length && !od) return out;
  // Which mentions are items of a group, for the sentence check below (only a name with an outdated-agency finding
  // is looked up).
  const grouped: boolean[] | undefined = od && mentions.length >= 2 ? new Array(mentions.length) : undefined;
  let keys: BodyKeys | undefined;
  // The rare work (a repeat, a replacement to make consistent, a clash in a sentence) in functions of its own: this
  // one runs for every line and stays small. A group is resolved (a record per item) only when it names a body twice
  // as written or holds an outdated name.
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    const items = itemsOf(g);
    const at = mentionIndexes(items, mentions, sorted);
    if (grouped) for (let i = 0; i < at.length; i++) if (at[i] >= 0) grouped[at[i]] = true;
    const twice = writtenTwice(items, at, mentions);
    // outdated-agency: a replacement that would repeat a body of the group removes the repeat in the same fix (a
    // group of one item has nothing to repeat).
    const fixable = od !== undefined && items.length >= 2 && anyOutdatedItem(at, od);
    if (twice || fixable)
      groupRepeats(
        line,
        g,
        resolve(items, mentions, at, od),
        twice,
        fixable ? (keys ??= keysOn(kb, date)) : undefined,
        out,
      );
  }
  if (grouped) sentenceClashes(line, mentions, sorted, od!, grouped, kb, date);
  return out;
}

/**
 * Whether clauseRepeats could find or change anything on a line: false proves that it finds nothing and changes no fix,
 * checked on the line's mentions, findings and clauses as a whole, without building its groups (lists, items, mention
 * indexes, resolved items). A duplicate needs a group naming one body twice as written: two mentions of one registry
 * id that one clause holds or one run of names joined by 、 (`together`), or two items of one clause written the same
 * (an unrecognised name). A replacement fix is changed only when its name stands for the body (BodyKeys on the date)
 * of another item of its group or another mention of its sentence: another mention's key (mentionKey) in the same
 * sentence or together with it, or the text key of an unrecognised name that some clause item is written as.
 * (Exported for its test.)
 */
export function mayRepeat(
  line: string,
  mentions: readonly AgencyMention[],
  sorted: boolean,
  findings: readonly Finding[],
  brackets: readonly BracketClause[],
  kb: AgencyKnowledgeBase,
  date: string,
): boolean {
  for (let i = 1; i < mentions.length; i++) {
    const id = mentions[i].info.id;
    for (let j = 0; j < i; j++)
      if (mentions[j].info.id === id && together(line, mentions, sorted, brackets, j, i)) return true;
  }
  for (let k = 0; k < brackets.length; k++) if (textTwice(brackets[k])) return true;
  let keys: BodyKeys | undefined;
  let mentionKeys: string[] | undefined;
  for (let i = 0; i < findings.length; i++) {
    const x = findings[i];
    if (x.code !== 'outdated-agency') continue;
    // Only the finding of a mention (at its start) has its fixes compared.
    const r = indexAt(mentions, sorted, x.start);
    if (r < 0) continue;
    for (let k = 0; k < x.fixes.length; k++) {
      const edits = x.fixes[k].edits;
      if (edits.length !== 1) continue;
      const name = edits[0].newText;
      keys ??= keysOn(kb, date);
      const key = keys.of(name);
      if (key.charCodeAt(0) === 0 && clauseItemWritten(brackets, name)) return true;
      for (let mi = 0; mi < mentions.length; mi++) {
        if (mi === r) continue;
        mentionKeys ??= new Array(mentions.length);
        if ((mentionKeys[mi] ??= mentionKey(keys, mentions[mi])) !== key) continue;
        const a = Math.min(mentions[mi].start, mentions[r].start);
        const b = Math.max(mentions[mi].start, mentions[r].start);
        if (!endIn(line, a, b) || together(line, mentions, sorted, brackets, mi, r)) return true;
      }
    }
  }
  return false;
}

/**
 * Whether mentions i and j could be items of one group: both inside one bracketed clause, or (mentions in order) in
 * one run of names each followed by 、 and the next (as lists() builds runs); out of order, any two may be.
 */
function together(
  line: string,
  mentions: readonly AgencyMention[],
  sorted: boolean,
  brackets: readonly BracketClause[],
  i: number,
  j: number,
): boolean {
  if (!sorted) return true;
  const lo = Math.min(i, j);
  const hi = Math.max(i, j);
  const a = mentions[lo];
  const b = mentions[hi];
  for (let k = 0; k < brackets.length; k++) {
    const c = brackets[k];
    if (a.start >= c.start && a.end <= c.end && b.start >= c.start && b.end <= c.end) return true;
  }
  for (let t = lo; t < hi; t++) {
    const end = mentions[t].end;
    if (mentions[t + 1].start !== end + 1 || line.charCodeAt(end) !== 0x3001 /* 、 */) return false;
  }
  return true;
}

/** Whether two items of a clause (of any parts) are written the same. */
function textTwice(c: BracketClause): boolean {
  const { parts } = c;
  for (let pi = 0; pi < parts.length; pi++) {
    const items = parts[pi].items;
    for (let i = 0; i < items.length; i++) {
      const t = items[i].text;
      for (let j = i + 1; j < items.length; j++) if (items[j].text === t) return true;
      for (let pj = pi + 1; pj < parts.length; pj++) {
        const other = parts[pj].items;
        for (let j = 0; j < other.length; j++) if (other[j].text === t) return true;
      }
    }
  }
  return false;
}

/** Whether an item of one of the clauses is written `name`. */
function clauseItemWritten(brackets: readonly BracketClause[], name: string): boolean {
  for (let k = 0; k < brackets.length; k++) {
    const { parts } = brackets[k];
    for (let pi = 0; pi < parts.length; pi++) {
      const items = parts[pi].items;
      for (let i = 0; i < items.length; i++) if (items[i].text === name) return true;
    }
  }
  return false;
}

/** The repeats as written of a group's items (`rs`), and its replacement fixes made consistent. */
function groupRepeats(
  line: string,
  g: Group,
  rs: Resolved[],
  twice: boolean,
  /** Given when a replacement fix is to be made consistent. */
  keys: BodyKeys | undefined,
  out: Finding[],
): void {
  if (twice) duplicates(line, g, repeatsOf(rs), out);
  if (keys) consistentFixes(line, g, rs, keys);
}

/**
 * duplicate-agency: every repeat of a body as written (`repeats`, repeatsOf the group's items), with a fix that removes
 * it, pushed to `out`. (A repeat that only a replacement would make is the replacement fix's business: it removes the
 * repeat itself.) Bodies in order of first mention; a group has a handful of items, so pairs are compared without a
 * map.
 */
function duplicates(line: string, g: Group, repeats: readonly Resolved[][], out: Finding[]): void {
  for (const same of repeats) {
    const keep = keeper(same);
    for (const r of same) {
      if (r === keep) continue;
      const removed = new Set([r.item]);
      const keepRole = keep.item.role === 'lead' && r.item.role === 'cooperating' ? 'lead' : 'first';
      const edits = groupEdits(line, g, removed, new Map());
      // Two forms ending differently (县老龄委 / 县老龄办, 县行政审批服务局 / 县政务服务中心) may be a body and its office
      // or centre, which the registry folds together; two names neither of which shortens the other (县城市管理局 /
      // 县综合行政执法局) may be two bodies where the registry knows one: inform, never delete automatically.
      const unsure = kindEnd(r.item.text) !== kindEnd(keep.item.text) || !oneShortens(r.item.text, keep.item.text);
      out.push({
        code: 'duplicate-agency',
        facts:
          r.item.text === keep.item.text
            ? { name: r.item.text, keep: keepRole }
            : { name: r.item.text, keep: keepRole, sameAs: keep.item.text },
        severity: unsure ? 'information' : RULES['duplicate-agency'].defaultSeverity,
        start: r.item.start,
        end: r.item.end,
        data: { name: r.item.text, keep: keepRole },
        fixes: [{ title: FIX_TITLES.removeRepeat(r.item.text), edits, unambiguous: !unsure && keepsLead(g, removed) }],
      });
    }
  }
}

/**
 * Whether one written name is the other or a shortening of it: the shorter one's characters appear in the longer one in
 * order (县卫健委 in 县卫生健康委员会, 城管局 in 县城市管理局, 县综治办 in 县社会治安综合治理委员会办公室).
 */
export function oneShortens(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long.charCodeAt(i) === short.charCodeAt(j)) j++;
  return j === short.length;
}

/** The kind a name's ending tells (委员会 and 委, 办公室 and 办 alike): 委 for 县卫生健康委员会 and 县卫健委. */
function kindEnd(name: string): string {
  if (name.endsWith('委员会')) return '委';
  if (name.endsWith('办公室')) return '办';
  return name.slice(-1);
}

/** The replacement fixes of the group's outdated names that would repeat a body of the group, made to remove it. */
function consistentFixes(line: string, g: Group, rs: readonly Resolved[], keys: BodyKeys): void {
  for (let ri = 0; ri < rs.length; ri++) {
    const r = rs[ri];
    const f = r.od;
    if (!f) continue;
    let fixes: Fix[] | undefined;
    for (let i = 0; i < f.fixes.length; i++) {
      const fix = f.fixes[i];
      const name = fix.edits.length === 1 ? fix.edits[0].newText : undefined;
      if (name === undefined) continue;
      // (The automatic replacement's key is the item's own, found once.)
      const key = name === r.repl ? keyOf(keys, r) : keys.of(name);
      let same: Resolved[] | undefined;
      for (let xi = 0; xi < rs.length; xi++)
        if (rs[xi] !== r && keyOf(keys, rs[xi]) === key) (same ??= []).push(rs[xi]);
      if (!same) continue;
      (fixes ??= [...f.fixes])[i] = repeatFreeFix(line, g, r, same, fix, name);
    }
    if (fixes) f.fixes = fixes;
  }
}

/**
 * The fix replacing `r` by `name` that also removes the repeat it would make of `same` (the other items of that body
 * in the group). Rare: in a function of its own, so that consistentFixes stays small.
 */
function repeatFreeFix(line: string, g: Group, r: Resolved, same: readonly Resolved[], fix: Fix, name: string): Fix {
  // The items of the body after this replacement (`r` and `same`); the one kept is the first lead one in the text,
  // else the first in the text (as keeper picks); the others are removed.
  let first = r.item;
  let lead = r.item.role === 'lead' ? r.item : undefined;
  for (let i = 0; i < same.length; i++) {
    const it = same[i].item;
    if (it.start < first.start) first = it;
    if (it.role === 'lead' && (!lead || it.start < lead.start)) lead = it;
  }
  const kept = lead ?? first;
  const removed = new Set<Item>();
  if (kept !== r.item) removed.add(r.item);
  for (let i = 0; i < same.length; i++) if (same[i].item !== kept) removed.add(same[i].item);
  const replaced = new Map<Item, string>();
  if (kept === r.item) replaced.set(r.item, name);
  const edits = groupEdits(line, g, removed, replaced);
  const title: Localized =
    kept === r.item
      ? {
          zh: `替换为“${name}”并删除重复的“${name}”`,
          en: `Replace with "${name}" and remove the repeated "${name}"`,
        }
      : {
          zh: `删除“${r.item.text}”（即“${name}”，本句已列出）`,
          en: `Remove "${r.item.text}" ("${name}" is already named here)`,
        };
  return { title, edits, unambiguous: fix.unambiguous && keepsLead(g, removed) && !(removed.size && counted(line, g)) };
}

/** A count of the group's bodies in its sentence (…等20个部门和单位组成): removing a name would contradict it. */
function counted(line: string, g: Span): boolean {
  const from = line.lastIndexOf('。', g.start) + 1;
  const stop = line.indexOf('。', g.end);
  return COUNT.test(line.slice(from, stop < 0 ? line.length : stop));
}
const COUNT = /[0-9０-９一二三四五六七八九十百两]+个(?:部门|单位|成员|机构|部委)/;

/**
 * A replacement outside any known structure (not `grouped`) that would name a body already named in the same
 * sentence: not automatic, and the title says why. (It takes another name in the line.) `od`: outdatedOf the mentions.
 */
function sentenceClashes(
  line: string,
  mentions: readonly AgencyMention[],
  sorted: boolean,
  od: Outdated,
  grouped: readonly boolean[],
  kb: AgencyKnowledgeBase,
  date: string,
): void {
  // Each mention's body key, found once per line (not once per pair of mentions), when first needed.
  let bodyKeys: string[] | undefined;
  let keys: BodyKeys | undefined;
  for (let mi = 0; mi < mentions.length; mi++) {
    const f = od[mi];
    if (!f || grouped[mi]) continue;
    // Its sentence: the other mentions with no sentence end between their start and its start. In order (as a scan
    // gives them), the mentions lo..hi around it, found by looking at the text between neighbours only; else every
    // mention in (from, to], the sentence's ends.
    let lo = mi;
    let hi = mi;
    let from = -1;
    let to = line.length;
    if (sorted) {
      while (lo > 0 && !endIn(line, mentions[lo - 1].start, mentions[lo].start)) lo--;
      while (hi < mentions.length - 1 && !endIn(line, mentions[hi].start, mentions[hi + 1].start)) hi++;
      // No other name in the same sentence: no replacement can clash.
      if (lo === mi && hi === mi) continue;
    } else {
      const ends = sentenceEnds(line);
      const k = endsBefore(ends, mentions[mi].start);
      if (k > 0) from = ends[k - 1];
      if (k < ends.length) to = ends[k];
      lo = 0;
      hi = mentions.length - 1;
    }
    const fixes = clashFixes(f, mentions, mi, lo, hi, from, to, (bodyKeys ??= []), (keys ??= keysOn(kb, date)));
    if (fixes) f.fixes = fixes;
  }
}

/**
 * The fixes of `f` (the outdated-agency finding of mentions[mi], whose sentence holds the mentions lo..hi starting in
 * (from, to]) with each replacement that would name a body already named in its sentence made manual and saying so;
 * undefined when none would. `bodyKeys`: mentionKey per mention, filled as needed.
 */
function clashFixes(
  f: Finding,
  mentions: readonly AgencyMention[],
  mi: number,
  lo: number,
  hi: number,
  from: number,
  to: number,
  bodyKeys: string[],
  keys: BodyKeys,
): Fix[] | undefined {
  const m = mentions[mi];
  let fixes: Fix[] | undefined;
  for (let i = 0; i < f.fixes.length; i++) {
    const fix = f.fixes[i];
    // Every single replacement, automatic or not: one offered but not applied (a name in traditional characters, a
    // level or place that cannot be proven) still says that it would repeat a body of the sentence.
    if (fix.edits.length !== 1) continue;
    const name = fix.edits[0].newText;
    // (The automatic replacement's key is the mention's body key, found once.)
    const key = name === autoReplacement(m) ? (bodyKeys[mi] ??= mentionKey(keys, m)) : keys.of(name);
    let clash: AgencyMention | undefined;
    for (let oi = lo; oi <= hi && !clash; oi++) {
      const o = mentions[oi];
      if (oi !== mi && o.start > from && o.start <= to && (bodyKeys[oi] ??= mentionKey(keys, o)) === key) clash = o;
    }
    if (clash) (fixes ??= [...f.fixes])[i] = manualFix(fix, clash);
  }
  return fixes;
}

/** A replacement fix made manual: the sentence already names `clash`, which the replacement would repeat. */
function manualFix(fix: Fix, clash: AgencyMention): Fix {
  return {
    title: {
      zh: `${fix.title.zh}（本句已有“${clash.text}”，替换后会重复，请手动核对，不自动修复）`,
      en: `${fix.title.en} (this sentence already names "${clash.text}"; check by hand, not applied automatically)`,
    },
    edits: fix.edits,
    unambiguous: false,
    why: {
      zh: `本句已有“${clash.text}”，替换后会重复`,
      en: `this sentence already names "${clash.text}"; the replacement would repeat it`,
    },
  };
}
