// responsibility-mismatch, and the local translation of a plan node's responsibility clause (hover).
//
// A local clause （县公安局负责，县民政局配合） that follows a citation of a measure or sub-item with a responsibility
// clause of its own (or, for a sub-item, its measure's) is compared with the national clause. Bodies are compared
// by the central body they stand for ON THE REFERENCE DATE: a national name is resolved through reforms and signs
// to the body live on the date (国务院扶贫办 → 农业农村部, 国家宗教事务局 → 中央统战部), a local name to the central body
// it mirrors, resolved the same way (县扶贫办 → 国务院扶贫办 → 农业农村部). A finding is given when
// - no local lead unit stands for any national lead unit, or
// - a national lead unit is missing from the local clause entirely (neither lead nor cooperating),
// and only when it is sure: the national lead has a local counterpart at the document's level and place
// (agency knowledge base `localize`), every item of the local clause is a recognised body, and the citations before
// the clause (in the same line, after any earlier clause) name one provision's clause. No automatic fix.
import { RULES, type MessageFacts } from '../catalog/rules';
import type { AgencyKnowledgeBase, AgencyMention } from '../agency/api';
import type { Citation } from '../citation/api';
import type { PlanIndex, PlanNode } from '../plan/model';
import type { Finding, Span } from '../types';
import { bracketClauses, type BracketClause } from './clause';

export interface LocalClause extends Span {
  /** Items (names as written, 等… removed) with their spans in the line. */
  lead: Array<Span & { text: string }>;
  cooperating: Array<Span & { text: string }>;
}

/** Responsibility clauses （…负责，…配合） of a line (fullwidth or halfwidth brackets) with a lead unit, in order. */
export function localClauses(line: string, parsed: readonly BracketClause[] = bracketClauses(line)): LocalClause[] {
  const out: LocalClause[] = [];
  for (const c of parsed) {
    if (c.parts.some((p) => !p.role)) continue;
    const named = (role: 'lead' | 'cooperating') =>
      c.parts
        .filter((p) => p.role === role)
        .flatMap((p) => p.items.filter((it) => it.text).map(({ start, end, text }) => ({ start, end, text })));
    const lead = named('lead');
    if (lead.length) out.push({ start: c.start, end: c.end, lead, cooperating: named('cooperating') });
  }
  return out;
}

/**
 * The central body live on `date` that a central name stands for (through reforms and signs): its id and a name
 * of it valid on the date. A short form that also reads as a local one (扶贫办 → 农业农村部 or 农业农村局) keeps only
 * central successors.
 */
export function liveCentral(
  kb: AgencyKnowledgeBase,
  name: string,
  date: string,
  depth = 0,
): { id: string; name: string } | undefined {
  const hit = kb.lookup(name, date);
  if (!hit || hit.info.level !== 'central' || hit.info.kind === 'collective' || depth > 4) return undefined;
  if (hit.status.current) {
    const sign = hit.status.sign;
    return sign ? { id: sign.hostId, name: sign.host } : { id: hit.info.id, name };
  }
  const central = hit.status.replacement.filter((r) => kb.lookup(r, date)?.info.level === 'central');
  if (central.length !== 1) return undefined;
  return liveCentral(kb, central[0], date, depth + 1);
}

/** Id of the central body live on `date` that a central name stands for. */
export function liveCentralId(kb: AgencyKnowledgeBase, name: string, date: string): string | undefined {
  return liveCentral(kb, name, date)?.id;
}

/** The local counterpart at `locality` on `date` of a national name as a plan writes it. */
export function localCounterpart(
  kb: AgencyKnowledgeBase,
  name: string,
  locality: string,
  date: string,
): string | undefined {
  const direct = kb.localize(name, locality, date);
  if (direct) return direct;
  const live = liveCentral(kb, name, date);
  return live ? kb.localize(live.name, locality, date) : undefined;
}

/** Id of the central body live on `date` that a mention in a local clause stands for. */
function mentionCentralId(kb: AgencyKnowledgeBase, m: AgencyMention, date: string): string | undefined {
  if (m.info.level === 'central') return liveCentralId(kb, m.text, date);
  let info = m.info;
  if (m.status.sign && !m.status.sign.inHost) {
    info = kb.lookup(m.status.sign.host, date)?.info ?? info;
  } else if (!m.status.current) {
    if (m.status.replacement.length !== 1) return undefined;
    info = kb.lookup(m.status.replacement[0], date)?.info ?? info;
  }
  return info.mirrors ? liveCentralId(kb, info.mirrors.name, date) : undefined;
}

/** The plan node whose responsibility clause governs `node`: its own, or (for a sub-item) its measure's. */
export function clauseNode(plans: PlanIndex, node: PlanNode): PlanNode | undefined {
  if (node.lead.length) return node;
  if (node.kind === 'item' && node.parent !== undefined) {
    const parent = plans.get(node.plan, node.parent);
    if (parent?.kind === 'measure' && parent.lead.length) return parent;
  }
  return undefined;
}

export interface LocalTranslation {
  lead: string[];
  cooperating: string[];
  /** National names without a local counterpart at the place. */
  untranslated: string[];
}

/** A node's national clause translated to the local level and place on `date` (names deduplicated, in order). */
export function translateClause(
  kb: AgencyKnowledgeBase,
  node: Pick<PlanNode, 'lead' | 'cooperating'>,
  locality: string,
  date: string,
): LocalTranslation {
  const untranslated: string[] = [];
  const seen = new Set<string>();
  const tr = (names: string[]) =>
    names.flatMap((n) => {
      const local = localCounterpart(kb, n, locality, date);
      if (!local) {
        untranslated.push(n);
        return [];
      }
      if (seen.has(local)) return [];
      seen.add(local);
      return [local];
    });
  const lead = tr(node.lead);
  const cooperating = tr(node.cooperating);
  return { lead, cooperating, untranslated };
}

/** 本县 / 本市 / 本省 … for a locality (本地 when its level is unknown). */
export function localWord(locality: string | undefined): string {
  const m = /(自治区|自治州|自治县|自治旗|省|市|州|盟|县|区|旗)$/.exec(locality ?? '');
  if (!m) return '本地';
  return `本${m[1].startsWith('自治') ? m[1].slice(2) : m[1]}`;
}

/** “A、B负责，C配合” */
export function clauseText(lead: string[], cooperating: string[]): string {
  return `${lead.join('、')}负责` + (cooperating.length ? `，${cooperating.join('、')}配合` : '');
}

function clauseTextEn(lead: string[], cooperating: string[]): string {
  return `${lead.join(', ')} lead` + (cooperating.length ? `; ${cooperating.join(', ')} cooperate` : '');
}

export interface ResponsibilityContext {
  plans: PlanIndex;
  agencies: AgencyKnowledgeBase;
  referenceDate: string;
  /** Place of the local plan; without it, the place written in the clause (县公安局 → 县). */
  locality?: string;
}

/** The central body each item of a local clause stands for on a date (from the clause's text alone). */
interface ClauseBodies {
  /** Some item is not a recognised body: unsure, say nothing. */
  unsure: boolean;
  /** Per item: the live central body's id, or null (a recognised body that stands for none). */
  lead: Array<string | null>;
  cooperating: Array<string | null>;
  /** The place written in the clause (its first local body's), when there is one. */
  place: string | undefined;
}

/** The national side of a comparison: a plan node's clause on a date at a place. */
interface NationalSide {
  /** The national lead units with a live central body and a local counterpart at the place. */
  national: Array<{ name: string; id: string; local: string }>;
  /** What a finding says, made on the first finding. */
  said?: { expected: string[]; word: string; nat: string; natEn: string; loc: string; locEn: string };
  /**
   * A finding's facts and data by what it says (see mismatchParts): made once, shared by every finding that says the
   * same and never changed (a document cites the same measure with the same clause many times).
   */
  parts?: Map<number, { facts: MessageFacts['responsibility-mismatch']; data: Record<string, unknown> }>;
}

/**
 * What the check derives from the knowledge base — the bodies of a clause text, a node's national side at a place —
 * kept by the knowledge base (`memo`, emptied when its names change) so that a document's repeated clauses and
 * citations of the same measure are resolved once. Keys hold everything a value depends on (date, clause text, node,
 * place); bounded.
 */
class ResponsibilityMemo {
  readonly clauses = new Map<string, ClauseBodies>();
  readonly national = new Map<PlanNode, Map<string, NationalSide>>();
  nationalSize = 0;
}

const MEMO_LIMIT = 5000;

/** The central body of each item of a local clause (`clause`, parsed from its line; `text` its text). */
function clauseBodies(
  kb: AgencyKnowledgeBase,
  clause: BracketClause,
  text: string,
  date: string,
  memo: ResponsibilityMemo,
): ClauseBodies {
  const key = `${date}\u0000${text}`;
  let b = memo.clauses.get(key);
  if (b) return b;
  // Offsets relative to the clause (the text is scanned alone): bodiesOf shifts them to the items' spans in the line.
  const mentions = kb.scan(text, date);
  const lead: Array<string | null> = [];
  const cooperating: Array<string | null> = [];
  // The named items of the lead parts, then of the cooperating parts (localClauses' order).
  let unsure = !bodiesOf(kb, clause, 'lead', mentions, date, lead);
  if (!bodiesOf(kb, clause, 'cooperating', mentions, date, cooperating)) unsure = true;
  b = unsure
    ? { unsure, lead: [], cooperating: [], place: undefined }
    : {
        unsure,
        lead,
        cooperating,
        place: mentions.find((m) => m.info.level !== 'central' && m.info.place)?.info.place,
      };
  if (memo.clauses.size >= MEMO_LIMIT) memo.clauses.clear();
  memo.clauses.set(key, b);
  return b;
}

/**
 * Pushes to `out` the central body (id, or null for none) of each named item of the clause's parts of `role`, from
 * the mentions of the clause's text (offsets relative to the clause); false when an item is not a recognised body.
 */
function bodiesOf(
  kb: AgencyKnowledgeBase,
  clause: BracketClause,
  role: 'lead' | 'cooperating',
  mentions: readonly AgencyMention[],
  date: string,
  out: Array<string | null>,
): boolean {
  let sure = true;
  const at = clause.start;
  for (let pi = 0; pi < clause.parts.length; pi++) {
    const p = clause.parts[pi];
    if (p.role !== role) continue;
    for (let i = 0; i < p.items.length; i++) {
      const it = p.items[i];
      if (!it.text) continue;
      let m: AgencyMention | undefined;
      for (let k = 0; k < mentions.length && !m; k++) {
        const x = mentions[k];
        if (x.start + at === it.start && x.end + at === it.end) m = x;
      }
      if (m) out.push(mentionCentralId(kb, m, date) ?? null);
      else sure = false;
    }
  }
  return sure;
}

function nationalSide(
  kb: AgencyKnowledgeBase,
  owner: PlanNode,
  locality: string,
  date: string,
  memo: ResponsibilityMemo,
): NationalSide {
  let byPlace = memo.national.get(owner);
  if (!byPlace) memo.national.set(owner, (byPlace = new Map()));
  const key = `${date}\u0000${locality}`;
  let side = byPlace.get(key);
  if (side) return side;
  side = {
    national: owner.lead
      .map((name) => ({ name, id: liveCentralId(kb, name, date), local: localCounterpart(kb, name, locality, date) }))
      .filter((x): x is { name: string; id: string; local: string } => !!x.id && !!x.local),
  };
  if (memo.nationalSize >= MEMO_LIMIT) {
    memo.national.clear();
    memo.nationalSize = 0;
    memo.national.set(owner, byPlace);
  }
  memo.nationalSize++;
  byPlace.set(key, side);
  return side;
}

/** Whether a bracketed clause is a local clause (localClauses): every part has a role word, some lead item a name. */
function isLocalClause(c: BracketClause): boolean {
  let lead = false;
  const { parts } = c;
  for (let pi = 0; pi < parts.length; pi++) {
    const p = parts[pi];
    if (!p.role) return false;
    if (p.role === 'lead' && !lead) for (let i = 0; i < p.items.length; i++) if (p.items[i].text) lead = true;
  }
  return lead;
}

/** responsibility-mismatch findings of one line (offsets relative to the line). */
export function responsibilityMismatches(
  line: string,
  citations: Citation[],
  ctx: ResponsibilityContext,
  /** The line's bracketed clauses when the caller has them (core/review/clause.ts bracketClauses(line)). */
  parsed: readonly BracketClause[] = bracketClauses(line),
): Finding[] {
  const out: Finding[] = [];
  const date = ctx.referenceDate;
  const kb = ctx.agencies;
  let memo: ResponsibilityMemo | undefined;
  let prevEnd = 0;
  // Indexed loops, not for…of: a one-shot run interprets this before it is compiled (an iterator per loop).
  for (let ci = 0; ci < parsed.length; ci++) {
    const clause = parsed[ci];
    if (!isLocalClause(clause)) continue;
    // The citations before the clause (after any earlier clause) must name one provision's clause.
    let owner: PlanNode | undefined;
    let judged = false;
    for (let i = 0; i < citations.length; i++) {
      const c = citations[i];
      if (c.start < prevEnd || c.end > clause.start || c.kind !== 'path') continue;
      if (!c.node || c.form === 'mention') {
        judged = false;
        break;
      }
      const o = clauseNode(ctx.plans, c.node);
      if (!judged) {
        owner = o;
        judged = true;
      } else if (o !== owner) {
        judged = false;
        break;
      }
    }
    prevEnd = clause.end;
    if (!judged || !owner) continue;
    memo ??= kb.memo ? kb.memo('review/responsibility', () => new ResponsibilityMemo()) : new ResponsibilityMemo();
    const bodies = clauseBodies(kb, clause, line.slice(clause.start, clause.end), date, memo);
    // Every item must be a recognised body (unsure: not recognised at all → say nothing).
    if (bodies.unsure) continue;
    const f = mismatch(kb, owner, clause, bodies, ctx.locality, date, memo);
    if (f) out.push(f);
  }
  return out;
}

/**
 * The responsibility-mismatch finding of a local clause (`bodies`) after a citation of `owner`'s clause, at the
 * document's place (`locality`) or else the place written in the clause; undefined when they agree or nothing is sure.
 */
function mismatch(
  kb: AgencyKnowledgeBase,
  owner: PlanNode,
  clause: BracketClause,
  bodies: ClauseBodies,
  locality0: string | undefined,
  date: string,
  memo: ResponsibilityMemo,
): Finding | undefined {
  let locality = '';
  let side: NationalSide | undefined;
  // The document's place; when the knowledge base does not know it (某县), the place written in the clause.
  if (locality0) {
    locality = locality0;
    side = nationalSide(kb, owner, locality0, date, memo);
  }
  if (!side?.national.length && bodies.place) {
    locality = bodies.place;
    side = nationalSide(kb, owner, bodies.place, date, memo);
  }
  if (!side?.national.length) return undefined;
  const national = side.national;
  // (A national id is a non-empty string: an item that stands for no central body, null, is never equal to one.)
  let noLead = true;
  for (let i = 0; i < national.length && noLead; i++) noLead = !bodies.lead.includes(national[i].id);
  let missing: typeof national | undefined;
  for (let i = 0; i < national.length; i++) {
    const n = national[i];
    if (!bodies.lead.includes(n.id) && !bodies.cooperating.includes(n.id)) (missing ??= []).push(n);
  }
  if (!noLead && !missing) return undefined;
  return mismatchFinding(kb, owner, clause, side, national, locality, date, noLead, missing ?? []);
}

/** The finding of a clause that does not match its national side (no local lead unit for one, or a unit missing). */
function mismatchFinding(
  kb: AgencyKnowledgeBase,
  owner: PlanNode,
  clause: BracketClause,
  side: NationalSide,
  national: NationalSide['national'],
  locality: string,
  date: string,
  noLead: boolean,
  missing: NationalSide['national'],
): Finding {
  // What it says depends on the side and on which national units are missing (a subset of `national`, in order).
  let key = noLead ? 1 : 0;
  for (let i = 0, k = 0; i < national.length && k < missing.length && national.length <= 30; i++)
    if (national[i] === missing[k]) {
      key |= 2 << i;
      k++;
    }
  let parts = national.length <= 30 ? side.parts?.get(key) : undefined;
  if (!parts) {
    parts = mismatchParts(kb, owner, side, national, locality, date, noLead, missing);
    if (national.length <= 30) (side.parts ??= new Map()).set(key, parts);
  }
  return {
    code: 'responsibility-mismatch',
    facts: parts.facts,
    severity: RULES['responsibility-mismatch'].defaultSeverity,
    start: clause.start,
    end: clause.end,
    data: parts.data,
    fixes: [],
  };
}

/** The facts and data of a responsibility-mismatch finding. */
function mismatchParts(
  kb: AgencyKnowledgeBase,
  owner: PlanNode,
  side: NationalSide,
  national: NationalSide['national'],
  locality: string,
  date: string,
  noLead: boolean,
  missing: NationalSide['national'],
): { facts: MessageFacts['responsibility-mismatch']; data: Record<string, unknown> } {
  if (!side.said) {
    const tr = translateClause(kb, owner, locality, date);
    side.said = {
      expected: [...new Set(national.map((n) => n.local))],
      word: localWord(locality),
      nat: clauseText(owner.lead, owner.cooperating),
      natEn: clauseTextEn(owner.lead, owner.cooperating),
      loc: clauseText(tr.lead, tr.cooperating),
      locEn: clauseTextEn(tr.lead, tr.cooperating),
    };
  }
  const said = side.said;
  const expected = [...said.expected];
  const missingNames = [...new Set(missing.map((n) => n.local))];
  const alreadySaid = noLead && missingNames.every((n) => expected.includes(n)) && missing.length === national.length;
  return {
    facts: {
      cited: owner.citation,
      national: { zh: said.nat, en: said.natEn },
      local: { zh: said.loc, en: said.locEn },
      localWord: said.word,
      ...(noLead ? { leadMissing: expected } : {}),
      notNamed: missing.length && !alreadySaid ? missingNames : [],
    },
    // `citation`: the measure whose clause is compared (an extension of the CONTRACT shape).
    data: {
      national: { lead: [...owner.lead], cooperating: [...owner.cooperating] },
      expected,
      citation: owner.citation,
    },
  };
}
