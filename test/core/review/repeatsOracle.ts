// The oracle of repeats.oracle.test.ts: core/review/repeats.ts as it was before its fast paths (commit 3185a4f),
// kept verbatim (imports adjusted) so that the current clauseRepeats can be compared with it on any input.

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
import { FIX_TITLES, RULES, type Localized } from '../../../server/src/core/catalog/rules';
import type { AgencyKnowledgeBase, AgencyMention } from '../../../server/src/core/agency/api';
import type { Finding, Fix, OffsetEdit, Span } from '../../../server/src/core/types';
import { bracketClauses, type BracketClause } from '../../../server/src/core/review/clause';

type Role = 'lead' | 'cooperating' | 'list';

interface Item extends Span {
  text: string;
  role: Role;
  /** The part of the clause the item belongs to (index into Group.parts). */
  part: number;
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
 * has names, no empty item and no white space around it.
 */
function clauses(parsed: readonly BracketClause[]): Group[] {
  const out: Group[] = [];
  for (const c of parsed) {
    const parts: Part[] = [];
    for (const p of c.parts) {
      if (!p.role || p.padded || !p.names?.text || p.items.some((it) => !it.text)) break;
      // Explicit fields, not a spread: this runs for every clause of every line (a spread of a ClauseName is slow).
      const role = p.role;
      const part = parts.length;
      const items = p.items.map((it): Item => ({ start: it.start, end: it.end, text: it.text, role, part }));
      parts.push({ names: { start: p.names.start, end: p.names.end }, whole: p.whole, items });
    }
    if (parts.length === c.parts.length) out.push({ start: c.start, end: c.end, parts, seps: c.seps });
  }
  return out;
}

/** Runs of recognised names separated by exactly 、 (A、B、C), outside the clauses: one part, role 'list'. */
function lists(mentions: readonly AgencyMention[], line: string, taken: readonly Span[]): Group[] {
  const out: Group[] = [];
  if (mentions.length < 2) return out;
  const free = taken.length
    ? mentions.filter((m) => !taken.some((t) => m.start >= t.start && m.end <= t.end))
    : mentions;
  let run: AgencyMention[] = [];
  const flush = () => {
    if (run.length >= 2) {
      const items = run.map((m): Item => ({ start: m.start, end: m.end, text: m.text, role: 'list', part: 0 }));
      const start = items[0].start;
      const end = items[items.length - 1].end;
      const span = { start, end };
      out.push({ start, end, parts: [{ names: span, whole: span, items }], seps: [] });
    }
    run = [];
  };
  for (const m of free) {
    const prev = run[run.length - 1];
    if (prev && !(m.start === prev.end + 1 && line.charCodeAt(prev.end) === 0x3001 /* 、 */)) flush();
    run.push(m);
  }
  flush();
  return out;
}

interface Resolved {
  item: Item;
  /** The body on the reference date, after the unambiguous replacement of an outdated name. */
  key: string;
  /** The body as written (no replacement): repeats as written are duplicate-agency findings. */
  written: string;
  /** The name the key stands for (the replacement when there is one). */
  name: string;
  /** The mention, when the item is a recognised name. */
  mention?: AgencyMention;
}

/** The single replacement an outdated mention gets automatically, or undefined. */
function autoReplacement(m: AgencyMention): string | undefined {
  const s = m.status;
  if (s.current || s.uncertain || s.levelUnknown || s.replacement.length !== 1) return undefined;
  return s.replacement[0];
}

function keyOfName(kb: AgencyKnowledgeBase, name: string, date: string): string {
  const hit = kb.lookup(name, date);
  return hit ? `id:${hit.info.id}` : `text:${name}`;
}

/** The body a mention stands for after its automatic replacement (its own when it has none). */
function mentionKey(kb: AgencyKnowledgeBase, m: AgencyMention, date: string): string {
  const repl = autoReplacement(m);
  return repl ? keyOfName(kb, repl, date) : `id:${m.info.id}`;
}

function resolve(
  kb: AgencyKnowledgeBase,
  items: Item[],
  byStart: ReadonlyMap<number, AgencyMention>,
  date: string,
): Resolved[] {
  return items.map((item) => {
    const at = byStart.get(item.start);
    const mention = at && at.end === item.end ? at : undefined;
    if (!mention) return { item, key: `text:${item.text}`, written: `text:${item.text}`, name: item.text };
    const written = `id:${mention.info.id}`;
    const repl = autoReplacement(mention);
    if (repl) return { item, key: keyOfName(kb, repl, date), written, name: repl, mention };
    return { item, key: written, written, name: item.text, mention };
  });
}

/** The items of each body written more than once, by the body's first item (empty when there is no repeat). */
function repeatsOf(rs: readonly Resolved[]): Resolved[][] {
  const out: Resolved[][] = [];
  outer: for (let i = 0; i < rs.length; i++) {
    const w = rs[i].written;
    for (let j = 0; j < i; j++) if (rs[j].written === w) continue outer;
    for (let j = i + 1; j < rs.length; j++) {
      if (rs[j].written === w) {
        out.push(rs.filter((r) => r.written === w));
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
  g.parts.forEach((p, i) => {
    const kept = p.items.filter((it) => !removed.has(it));
    const changed = kept.length !== p.items.length || kept.some((it) => replaced.has(it));
    if (!changed) return;
    if (kept.length === 0) {
      if (i > 0) edits.push({ start: g.seps[i - 1].start, end: p.whole.end, newText: '' });
      else if (g.seps.length) edits.push({ start: p.whole.start, end: g.seps[0].end, newText: '' });
      else edits.push({ start: p.whole.start, end: p.whole.end, newText: '' });
      return;
    }
    const text = kept.map((it) => replaced.get(it) ?? line.slice(it.start, it.end)).join('、');
    edits.push({ start: p.names.start, end: p.names.end, newText: text });
  });
  return edits;
}

/** The items of every part of a group, in order. */
function itemsOf(g: Group): Item[] {
  if (g.parts.length === 1) return g.parts[0].items;
  const out: Item[] = [];
  for (const p of g.parts) for (const it of p.items) out.push(it);
  return out;
}

/** Whether removing `removed` from the group keeps a lead unit (a clause must keep one to stay a clause). */
function keepsLead(g: Group, removed: ReadonlySet<Item>): boolean {
  const items = itemsOf(g);
  if (!items.some((it) => it.role === 'lead')) return true;
  return items.some((it) => it.role === 'lead' && !removed.has(it));
}

/** 。！？；;!? (compared, not looked up in a set: every character of a line is tested). */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x3b || c === 0x21 || c === 0x3f;
}

/**
 * Which sentence of the line an offset is in (the number of sentence ends 。！？；;!? before it): two offsets are in
 * the same sentence when no sentence end lies between them. The ends are found once per line.
 */
function sentenceIndex(line: string): (at: number) => number {
  const ends: number[] = [];
  for (let i = 0; i < line.length; i++) if (isSentenceEnd(line.charCodeAt(i))) ends.push(i);
  return (at) => {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
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
  // This line's outdated-agency findings by start (one per mention: mentions do not overlap).
  const outdatedAt = new Map<number, Finding>();
  for (const x of findings) if (x.code === 'outdated-agency' && !outdatedAt.has(x.start)) outdatedAt.set(x.start, x);
  const outdated = (start: number, end: number) => {
    const x = outdatedAt.get(start);
    return x && x.end === end ? x : undefined;
  };
  const cls = clauses(parsed ?? bracketClauses(line));
  const listed = lists(mentions, line, cls);
  const groups = listed.length ? (cls.length ? [...cls, ...listed] : listed) : cls;
  // Nothing to check: no group to find repeats in, and no outdated name whose replacement could make one.
  if (!groups.length && !outdatedAt.size) return out;
  const grouped = new Set<AgencyMention>();
  // Mentions do not overlap: one per start (the first, as a search in order would find).
  const byStart = new Map<number, AgencyMention>();
  for (const m of mentions) if (!byStart.has(m.start)) byStart.set(m.start, m);
  for (const g of groups) {
    const items = itemsOf(g);
    const rs = resolve(kb, items, byStart, date);
    for (const r of rs) if (r.mention) grouped.add(r.mention);
    // duplicate-agency: every repeat of a body as written, with a fix that removes it. (A repeat that only a
    // replacement would make is the replacement fix's business: it removes the repeat itself.)
    // Bodies in order of first mention; a group has a handful of items, so pairs are compared without a map.
    for (const same of repeatsOf(rs)) {
      const keep = keeper(same);
      for (const r of same) {
        if (r === keep) continue;
        const removed = new Set([r.item]);
        const keepRole = keep.item.role === 'lead' && r.item.role === 'cooperating' ? 'lead' : 'first';
        const edits = groupEdits(line, g, removed, new Map());
        // (review6: the rules of bee426a and ac0b879, which the product has and this oracle lacked — its fuzz test then
        // failed now and then on a repeat such as 县卫计局 / 县卫生计生委: two forms that end differently (委 / 局, 委员会
        // and 委 alike), or neither of which shortens the other, are information with the deletion offered, not applied.)
        const unsure = endKind(r.item.text) !== endKind(keep.item.text) || !shortens(r.item.text, keep.item.text);
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
          fixes: [
            { title: FIX_TITLES.removeRepeat(r.item.text), edits, unambiguous: !unsure && keepsLead(g, removed) },
          ],
        });
      }
    }
    // outdated-agency: a replacement that would repeat a body of the group removes the repeat in the same fix.
    for (const r of rs) {
      if (!r.mention) continue;
      const f = outdated(r.item.start, r.item.end);
      if (!f) continue;
      f.fixes = f.fixes.map((fix) => {
        const name = fix.edits.length === 1 ? fix.edits[0].newText : undefined;
        if (name === undefined) return fix;
        const key = keyOfName(kb, name, date);
        const same = rs.filter((x) => x !== r && x.key === key);
        if (!same.length) return fix;
        // The body after this replacement, with every other mention of it in the group.
        const all = [...rs.filter((x) => x === r || same.includes(x))].sort((a, b) => a.item.start - b.item.start);
        const mine = { ...r, key, name };
        const keep = keeper(all.map((x) => (x === r ? mine : x)));
        const removed = new Set(all.filter((x) => x !== r && x.item !== keep.item).map((x) => x.item));
        const replaced = new Map<Item, string>();
        if (keep.item === r.item) replaced.set(r.item, name);
        else removed.add(r.item);
        const edits = groupEdits(line, g, removed, replaced);
        const title: Localized =
          keep.item === r.item
            ? {
                zh: `替换为“${name}”并删除重复的“${name}”`,
                en: `Replace with "${name}" and remove the repeated "${name}"`,
              }
            : {
                zh: `删除“${r.item.text}”（即“${name}”，本句已列出）`,
                en: `Remove "${r.item.text}" ("${name}" is already named here)`,
              };
        return { title, edits, unambiguous: fix.unambiguous && keepsLead(g, removed) };
      });
    }
  }
  // A replacement outside any known structure that would name a body already named in the same sentence: not
  // automatic, and the title says why.
  if (!outdatedAt.size) return out;
  // Each mention's sentence and body key, found once per line (not once per pair of mentions).
  let sentences: ((at: number) => number) | undefined;
  const sentenceNo: number[] = [];
  const sentenceOf = (i: number) => (sentenceNo[i] ??= (sentences ??= sentenceIndex(line))(mentions[i].start));
  const bodyKeys: string[] = [];
  const bodyKey = (i: number) => (bodyKeys[i] ??= mentionKey(kb, mentions[i], date));
  mentions.forEach((m, mi) => {
    if (grouped.has(m)) return;
    const f = outdated(m.start, m.end);
    if (!f) return;
    f.fixes = f.fixes.map((fix): Fix => {
      if (fix.edits.length !== 1) return fix;
      const name = fix.edits[0].newText;
      const key = keyOfName(kb, name, date);
      const clash = mentions.find((o, oi) => o !== m && sentenceOf(oi) === sentenceOf(mi) && bodyKey(oi) === key);
      if (!clash) return fix;
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
    });
  });
  return out;
}

/** The kind of body a name's last word tells: 委 for 县卫生健康委员会 and 县卫健委, 办 for …办公室 and …办. */
function endKind(name: string): string {
  return name.endsWith('委员会') ? '委' : name.endsWith('办公室') ? '办' : name.slice(-1);
}

/** Whether one name is the other with characters left out (县卫健委 of 县卫生健康委员会), compared as subsequences. */
function shortens(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let j = 0;
  for (const ch of long) if (j < short.length && ch === short[j]) j++;
  return j === short.length;
}
