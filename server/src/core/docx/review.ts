// The reviewer's copy of a Word document: every finding becomes a Word comment (批注) anchored on exactly the flagged
// characters, every automatic fix a tracked change (修订: w:del + w:ins by the reviewer), so that "accept all" gives the
// text `action-plan-lint --fix` gives and "reject all" the original. Everything else in the package is kept as it
// was: runs split at a span's edges keep their properties (w:rPr), and fields, bookmarks, existing comments and
// existing tracked changes are never rewritten — a fix whose text crosses one of them (or a field result, a content
// control, a line break …) is left to its comment, which names the replacement.
//
// Pure: the package bytes, the findings (through `analyze`), the author and the date come in; the new package bytes
// go out. Headers and footers get tracked changes but no comments (Word cannot anchor comments there); their findings
// are still returned to the caller. A footnote's or endnote's finding is commented on the note's reference mark in the
// body (LibreOffice 7.4 refuses to open a package with a comment inside a note), its tracked change made in the note.
import { applyFixes } from '../analysis';
import { messageOf, SEVERITY_LABEL } from '../catalog/rules';
import { lineAt } from '../document';
import type { Finding, OffsetEdit } from '../types';
import {
  DocxPackage,
  REL_NS,
  CT_NS,
  relsPartOf,
  storyText,
  W_NS,
  type Paragraph,
  type Segment,
  type Story,
  type StoryKind,
} from './package';
import {
  childElements,
  firstChildEl,
  insertAfter,
  isEl,
  isElement,
  parseXml,
  XML_NS,
  type XDocument,
  type XElement,
  type XNode,
} from './xml';

export type ReviewLang = 'zh' | 'en' | 'both';

export interface ReviewOptions {
  /** The findings of one story's text (paragraphs joined by "\n"); called again on the fixed text for later passes. */
  analyze: (text: string, story: { part: string; kind: StoryKind }) => Finding[];
  author: string;
  /** Initials shown by Word in the comment balloon; default derived from the author. */
  initials?: string;
  /** The date of the comments and revisions, ISO 8601 (e.g. 2026-12-02T08:30:00Z); given by the caller. */
  date: string;
  lang: ReviewLang;
  /** File name of the input (to explain .doc/.wps). */
  fileName?: string;
}

export interface ReviewedStory {
  part: string;
  kind: StoryKind;
  /** The story's text (paragraphs joined by "\n"): positions of `findings` are offsets into it. */
  text: string;
  findings: Finding[];
  /** Edits (offsets into `text`) written as tracked changes. */
  revised: OffsetEdit[];
  /** Automatic fixes not written as tracked changes because their text crosses a field, a revision …. */
  fixesLeftToComments: number;
}

export interface ReviewResult {
  bytes: Uint8Array;
  stories: ReviewedStory[];
  comments: number;
  revisions: number;
}

/** Passes of fix-then-reanalyse, as `action-plan-lint --fix`. */
const MAX_FIX_PASSES = 5;

/** Word's initials for an author: the first letters of a Latin name (Action Plan → AP), else the first two characters. */
export function initialsOf(author: string): string {
  const words = author.trim().split(/\s+/).filter(Boolean);
  if (words.length > 1 && words.every((w) => /^[A-Za-z]/.test(w)))
    return words
      .map((w) => w[0].toUpperCase())
      .join('')
      .slice(0, 4);
  return [...author.trim()].slice(0, 2).join('') || '?';
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The paragraphs of a comment on `finding`, in the reader's language. */
export function commentText(
  finding: Finding,
  lang: ReviewLang,
  revised: boolean,
  where?: 'footnote' | 'endnote',
): string[] {
  const zhWhere = where === 'footnote' ? '脚注中：' : where === 'endnote' ? '尾注中：' : '';
  const enWhere = where ? `In the ${where}: ` : '';
  const zh = `${SEVERITY_LABEL[finding.severity].zh}：${zhWhere}${messageOf(finding, 'zh')}${revised ? '（已按此作修订，可接受或拒绝）' : ''}（${finding.code}）`;
  const en = `${capitalised(SEVERITY_LABEL[finding.severity].en)}: ${enWhere}${messageOf(finding, 'en')}${revised ? ' (made as a tracked change: accept or reject it)' : ''} (${finding.code})`;
  return lang === 'zh' ? [zh] : lang === 'en' ? [en] : [zh, en];
}

/**
 * The edits of every fix pass, composed into edits of the original text: what `action-plan-lint --fix` would write,
 * as replacements of spans of `text`. Returns the edits (sorted, disjoint) and the fixed text.
 */
export function composeFixPasses(
  text: string,
  findings: Finding[],
  reanalyze: (text: string) => Finding[],
): { edits: OffsetEdit[]; fixed: string } {
  let composed: OffsetEdit[] = [];
  let current = text;
  let found = findings;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { text: next, applied } = applyFixes(current, found, true);
    if (applied.length === 0 || next === current) break;
    // The edits applyFixes took: the same choice (sorted; overlapping and no-op edits skipped).
    const taken: OffsetEdit[] = [];
    let pos = 0;
    for (const e of applied.flatMap((a) => a.fix.edits).sort((a, b) => a.start - b.start || a.end - b.end)) {
      if (e.start < pos || current.slice(e.start, e.end) === e.newText) continue;
      taken.push(e);
      pos = e.end;
    }
    for (const e of taken.reverse()) {
      composed = composeOne(composed, e, current);
      current = current.slice(0, e.start) + e.newText + current.slice(e.end);
    }
    if (current !== next) throw new Error('fix composition disagrees with applyFixes');
    found = reanalyze(current);
  }
  return { edits: composed, fixed: current };
}

/** Adds edit `e` (in the coordinates of `current` = original with `composed` applied) to `composed`. */
function composeOne(composed: OffsetEdit[], e: OffsetEdit, current: string): OffsetEdit[] {
  // Each composed edit occupies [curStart, curEnd) of the current text.
  let delta = 0;
  const placed = composed.map((c) => {
    const curStart = c.start + delta;
    const curEnd = curStart + c.newText.length;
    delta += c.newText.length - (c.end - c.start);
    return { c, curStart, curEnd };
  });
  // Merged with the earlier edits whose new text it overlaps (an edit that only touches one stays separate).
  const touched = placed.filter((p) => e.start < p.curEnd && e.end > p.curStart);
  let from = e.start;
  let to = e.end;
  for (const p of touched) {
    from = Math.min(from, p.curStart);
    to = Math.max(to, p.curEnd);
  }
  const toOriginal = (cur: number): number => {
    let d = 0;
    for (const p of placed) {
      if (p.curEnd <= cur && !(p.curStart === cur && p.curEnd === cur)) d = p.curEnd - p.c.end;
      else break;
    }
    return cur - d;
  };
  const start = toOriginal(from);
  // The end maps through the edits that end at or before it.
  let endOrig = to;
  {
    let d = 0;
    for (const p of placed) if (p.curEnd <= to) d = p.curEnd - p.c.end;
    endOrig = to - d;
  }
  const merged: OffsetEdit = {
    start,
    end: endOrig,
    newText: current.slice(from, e.start) + e.newText + current.slice(e.end, to),
  };
  const rest = composed.filter((c) => !touched.some((p) => p.c === c));
  return [...rest, merged].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Applies disjoint sorted edits. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

interface Ids {
  next: number;
}

/** Writes the reviewed copy. Throws DocxError on an unreadable package. */
export async function reviewDocx(bytes: Uint8Array, options: ReviewOptions): Promise<ReviewResult> {
  const pkg = await DocxPackage.open(bytes, options.fileName);
  const stories = await pkg.stories();
  const commentsPart = await commentsPartOf(pkg);
  const ids: Ids = {
    next: 1 + Math.max(maxId(stories.map((s) => s.doc)), commentsPart.doc ? maxId([commentsPart.doc]) : 0),
  };
  const initials = options.initials ?? initialsOf(options.author);
  const newComments: Array<{ id: number; paragraphs: string[] }> = [];
  const out: ReviewedStory[] = [];
  let revisions = 0;

  for (const story of stories) {
    const text = storyText(story);
    const ref = { part: story.part, kind: story.kind };
    const findings = options.analyze(text, ref);
    let edits: OffsetEdit[] = [];
    try {
      const composed = composeFixPasses(text, findings, (t) => options.analyze(t, ref));
      // Written only when provably the text --fix gives; otherwise every finding keeps its comment alone.
      if (applyEdits(text, composed.edits) === composed.fixed) edits = composed.edits;
    } catch {
      edits = [];
    }
    const safeEdits = edits;
    const starts = paragraphStarts(story);
    // Word cannot anchor comments in headers and footers; LibreOffice cannot open comments inside notes, so a
    // note's findings are commented on the note's reference mark in the body.
    const isNote = story.kind === 'footnotes' || story.kind === 'endnotes';
    const commentable = story.kind === 'body';

    // 1. Split runs so that every span edge is a run edge.
    const edges = new Map<number, Set<number>>();
    const addEdge = (offset: number) => {
      const { para, local } = locate(starts, offset);
      (edges.get(para) ?? edges.set(para, new Set()).get(para)!).add(local);
    };
    const wanted = safeEdits.filter(
      (e) => e.end > e.start && !text.slice(e.start, e.end).includes('\n') && !/[\n\t]/.test(e.newText),
    );
    for (const e of wanted) (addEdge(e.start), addEdge(e.end));
    const anchored = commentable ? findings.filter((f) => f.end > f.start) : [];
    for (const f of anchored) (addEdge(f.start), addEdge(f.end));
    for (const [para, offsets] of edges) {
      for (const offset of [...offsets].sort((a, b) => b - a)) ensureEdge(story.paragraphs[para], offset);
    }

    // 2. Comments: commentRangeStart before the first run, commentRangeEnd and the reference run after the last.
    const ours = new Set<XNode>();
    const revisedFinding = new Set<Finding>();
    // 3 (decided before 2 so that the comment can say whether a tracked change was made).
    const plans: Array<{ edit: OffsetEdit; runs: XElement[] }> = [];
    for (const e of wanted) {
      const { para, local: s } = locate(starts, e.start);
      const runs = editableRuns(story.paragraphs[para], s, s + (e.end - e.start));
      if (runs) plans.push({ edit: e, runs });
    }
    const revisedSpans = plans.map((p) => p.edit);
    for (const f of findings) {
      if (revisedSpans.some((e) => e.start < f.end && e.end > f.start) && f.fixes.some((x) => x.unambiguous))
        revisedFinding.add(f);
    }
    for (const f of anchored) {
      const a = locate(starts, f.start);
      const b = locate(starts, f.end);
      const first = story.paragraphs[a.para].segments.find((s) => s.start === a.local);
      const last = [...story.paragraphs[b.para].segments].reverse().find((s) => s.end === b.local);
      if (!first || !last) continue;
      const id = ids.next++;
      // A comment never starts or ends inside a field's result (updating the field would drop it, and LibreOffice
      // loses its text): it then covers the whole field.
      addComment(story.doc, id, first.field?.begin ?? first.run, last.field?.end ?? last.run, ours);
      newComments.push({ id, paragraphs: commentText(f, options.lang, revisedFinding.has(f)) });
    }

    if (isNote) {
      const where = story.kind === 'footnotes' ? 'footnote' : 'endnote';
      const body = stories[0];
      for (const f of findings) {
        const noteId = story.paragraphs[locate(starts, f.start).para].noteId;
        const mark = noteId === undefined ? undefined : noteReferenceRun(body.doc, where, noteId);
        if (!mark) continue;
        const id = ids.next++;
        addComment(body.doc, id, mark, mark, ours);
        newComments.push({ id, paragraphs: commentText(f, options.lang, revisedFinding.has(f), where) });
        pkg.markDirty(body.part);
      }
    }

    // 3. Tracked changes: each run of the span into a w:del (its w:t become w:delText), then one w:ins after them.
    const revised: OffsetEdit[] = [];
    for (const { edit, runs } of plans) {
      if (!runsStillConsecutive(runs, ours)) continue;
      const doc = story.doc;
      const rPr = firstChildEl(runs[0], W_NS, 'rPr');
      for (const run of runs) {
        const del = wEl(doc, 'del', { id: String(ids.next++), author: options.author, date: options.date });
        run.parentNode!.insertBefore(del, run);
        del.appendChild(run);
        for (const t of childElements(run)) {
          if (!isEl(t, W_NS, 't')) continue;
          const dt = wEl(doc, 'delText');
          dt.setAttributeNS(XML_NS, 'xml:space', 'preserve');
          dt.appendChild(doc.createTextNode(t.textContent ?? ''));
          run.replaceChild(dt, t);
        }
      }
      const ins = wEl(doc, 'ins', { id: String(ids.next++), author: options.author, date: options.date });
      const run = wEl(doc, 'r');
      if (rPr) run.appendChild(cleanRPr(rPr.cloneNode(true) as XElement));
      const t = wEl(doc, 't');
      t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
      t.appendChild(doc.createTextNode(edit.newText));
      run.appendChild(t);
      ins.appendChild(run);
      insertAfter(ins, runs[runs.length - 1].parentNode!);
      revised.push(edit);
      revisions++;
    }
    if (newComments.length || revised.length) pkg.markDirty(story.part);
    out.push({
      part: story.part,
      kind: story.kind,
      text,
      findings,
      revised,
      fixesLeftToComments: edits.length - revised.length,
    });
  }

  if (newComments.length) await writeComments(pkg, commentsPart, newComments, options.author, initials, options.date);
  return { bytes: await pkg.save(), stories: out, comments: newComments.length, revisions };
}

/** commentRangeStart before `first`, commentRangeEnd after `last`, and the reference run after the range. */
function addComment(doc: XDocument, id: number, first: XElement, last: XElement, ours: Set<XNode>): void {
  const start = wEl(doc, 'commentRangeStart', { id: String(id) });
  const end = wEl(doc, 'commentRangeEnd', { id: String(id) });
  first.parentNode!.insertBefore(start, first);
  insertAfter(end, last);
  ours.add(start);
  ours.add(end);
  const refRun = wEl(doc, 'r');
  refRun.appendChild(wEl(doc, 'commentReference', { id: String(id) }));
  let after: XNode = end;
  while (after.parentNode && !isEl(after.parentNode, W_NS, 'p') && !isEl(after.parentNode, W_NS, 'hyperlink'))
    after = after.parentNode;
  insertAfter(refRun, after);
  ours.add(refRun);
}

/** The body run holding the reference mark of footnote/endnote `id`. */
function noteReferenceRun(doc: XDocument, where: 'footnote' | 'endnote', id: string): XElement | undefined {
  const refs = doc.documentElement.getElementsByTagNameNS(W_NS, `${where}Reference`);
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i] as XElement;
    if (ref.getAttributeNS(W_NS, 'id') === id && isEl(ref.parentNode, W_NS, 'r')) return ref.parentNode as XElement;
  }
  return undefined;
}

function wEl(doc: XDocument, local: string, attrs: Record<string, string> = {}): XElement {
  const prefix = doc.documentElement.lookupPrefix(W_NS) ?? 'w';
  const el = doc.createElementNS(W_NS, `${prefix}:${local}`);
  for (const [k, v] of Object.entries(attrs)) el.setAttributeNS(W_NS, `${prefix}:${k}`, v);
  return el;
}

/** The largest numeric w:id in the documents (comments, revisions and bookmarks; new ids start above it). */
function maxId(docs: XDocument[]): number {
  let max = 0;
  const visit = (n: XNode) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (!isElement(c)) continue;
      const v = c.getAttributeNS(W_NS, 'id');
      if (v && /^-?\d+$/.test(v)) max = Math.max(max, Number(v));
      visit(c);
    }
  };
  for (const d of docs) visit(d);
  return max;
}

function paragraphStarts(story: Story): number[] {
  const starts: number[] = [];
  let pos = 0;
  for (const p of story.paragraphs) {
    starts.push(pos);
    pos += p.text.length + 1;
  }
  return starts;
}

function locate(starts: number[], offset: number): { para: number; local: number } {
  const para = lineAt(starts, offset);
  return { para, local: offset - starts[para] };
}

/** Moves `child` and its following siblings into a new run (a copy of the run's properties) after `run`. */
function splitRunBefore(para: Paragraph, run: XElement, child: XNode): XElement {
  const doc = run.ownerDocument;
  const next = doc.createElementNS(W_NS, run.tagName);
  for (let i = 0; i < run.attributes.length; i++) {
    const a = run.attributes[i];
    if (a.namespaceURI) next.setAttributeNS(a.namespaceURI, a.name, a.value);
    else next.setAttribute(a.name, a.value);
  }
  const rPr = firstChildEl(run, W_NS, 'rPr');
  if (rPr) next.appendChild(rPr.cloneNode(true));
  for (let c: XNode | null = child; c;) {
    const following: XNode | null = c.nextSibling;
    next.appendChild(c);
    c = following;
  }
  insertAfter(next, run);
  for (const s of para.segments) if (s.run === run && s.node.parentNode === next) s.run = next;
  return next;
}

/** Makes `offset` of the paragraph a run edge: no run holds text (or anything else) on both sides of it. */
function ensureEdge(para: Paragraph, offset: number): void {
  const inside = para.segments.findIndex((s) => s.start < offset && offset < s.end);
  if (inside >= 0) {
    const seg = para.segments[inside];
    const doc = seg.node.ownerDocument;
    const text = seg.node.textContent ?? '';
    const k = offset - seg.start;
    const right = doc.createElementNS(W_NS, seg.node.tagName);
    right.setAttributeNS(XML_NS, 'xml:space', 'preserve');
    right.appendChild(doc.createTextNode(text.slice(k)));
    while (seg.node.firstChild) seg.node.removeChild(seg.node.firstChild);
    seg.node.appendChild(doc.createTextNode(text.slice(0, k)));
    seg.node.setAttributeNS(XML_NS, 'xml:space', 'preserve');
    insertAfter(right, seg.node);
    const newSeg: Segment = { ...seg, start: offset, node: right };
    seg.end = offset;
    para.segments.splice(inside + 1, 0, newSeg);
    splitRunBefore(para, seg.run, right);
    return;
  }
  const before = para.segments.find((s) => s.end === offset);
  if (before && before.node.nextSibling) splitRunBefore(para, before.run, before.node.nextSibling);
  const after = para.segments.find((s) => s.start === offset);
  if (after) {
    let prev = after.node.previousSibling;
    while (prev && !isElement(prev)) prev = prev.previousSibling;
    if (prev && !isEl(prev, W_NS, 'rPr')) splitRunBefore(para, after.run, after.node);
  }
}

/** Run children a tracked deletion may take with it: properties, text, and the renderer's page-break hint. */
const DELETABLE_RUN_CHILDREN = new Set(['rPr', 't', 'lastRenderedPageBreak']);
/** Nodes that may sit between the runs of a revised span. */
const BETWEEN_OK = new Set(['proofErr']);

/**
 * The runs holding exactly [s, e) of the paragraph, when a tracked change may replace them: editable text only
 * (not in a field, an existing revision, a content control …), whole runs with nothing else in them, siblings
 * separated by nothing but proofing marks. undefined otherwise (the finding keeps its comment).
 */
function editableRuns(para: Paragraph, s: number, e: number): XElement[] | undefined {
  const segs = para.segments.filter((x) => x.start < e && x.end > s);
  if (!segs.length || segs[0].start !== s || segs[segs.length - 1].end !== e) return undefined;
  for (let i = 1; i < segs.length; i++) if (segs[i].start !== segs[i - 1].end) return undefined;
  if (!segs.every((x) => x.editable)) return undefined;
  const runs: XElement[] = [];
  for (const x of segs) if (runs[runs.length - 1] !== x.run) runs.push(x.run);
  const parent = runs[0].parentNode;
  if (!parent || !(isEl(parent, W_NS, 'p') || isEl(parent, W_NS, 'hyperlink'))) return undefined;
  for (const r of runs) {
    if (r.parentNode !== parent) return undefined;
    if (!childElements(r).every((c) => c.namespaceURI === W_NS && DELETABLE_RUN_CHILDREN.has(c.localName!)))
      return undefined;
  }
  // Text of the runs = the span (a run cannot hold text outside it after ensureEdge).
  const covered = runs
    .flatMap((r) => childElements(r).filter((c) => isEl(c, W_NS, 't')))
    .map((t) => t.textContent ?? '')
    .join('');
  if (covered !== para.text.slice(s, e)) return undefined;
  return runsStillConsecutive(runs, new Set()) ? runs : undefined;
}

/** Whether only proofing marks (and the comment markers we added) separate the runs. */
function runsStillConsecutive(runs: XElement[], ours: Set<XNode>): boolean {
  for (let i = 1; i < runs.length; i++) {
    for (let n = runs[i - 1].nextSibling; n !== runs[i]; n = n.nextSibling) {
      if (!n) return false;
      if (!isElement(n)) continue;
      if (ours.has(n)) continue; // our comment markers and reference runs
      if (!(n.namespaceURI === W_NS && BETWEEN_OK.has(n.localName!))) return false;
    }
  }
  return true;
}

/** Run properties for the inserted run: the deleted run's, without revision marks of their own. */
function cleanRPr(rPr: XElement): XElement {
  for (const c of childElements(rPr)) {
    if (c.namespaceURI === W_NS && (c.localName === 'rPrChange' || c.localName === 'ins' || c.localName === 'del'))
      rPr.removeChild(c);
  }
  return rPr;
}

const COMMENTS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

async function commentsPartOf(pkg: DocxPackage): Promise<{ part: string; doc?: XDocument }> {
  const [existing] = await pkg.relatedParts('comments');
  if (existing) return { part: existing, doc: await pkg.xml(existing) };
  let name = pkg.mainPart.replace(/[^/]*$/, 'comments.xml');
  for (let i = 2; pkg.has(name); i++) name = pkg.mainPart.replace(/[^/]*$/, `comments${i}.xml`);
  return { part: name };
}

async function writeComments(
  pkg: DocxPackage,
  target: { part: string; doc?: XDocument },
  comments: Array<{ id: number; paragraphs: string[] }>,
  author: string,
  initials: string,
  date: string,
): Promise<void> {
  let doc = target.doc;
  if (!doc) {
    doc = parseXml(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W_NS}"/>`,
      target.part,
    );
    await addCommentsPart(pkg, target.part);
  }
  for (const c of comments) {
    const comment = wEl(doc, 'comment', { id: String(c.id), author, date, initials });
    c.paragraphs.forEach((text, i) => {
      const p = wEl(doc, 'p');
      if (i === 0) {
        const ref = wEl(doc, 'r');
        ref.appendChild(wEl(doc, 'annotationRef'));
        p.appendChild(ref);
      }
      const r = wEl(doc, 'r');
      const t = wEl(doc, 't');
      t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
      t.appendChild(doc.createTextNode(text));
      r.appendChild(t);
      p.appendChild(r);
      comment.appendChild(p);
    });
    doc.documentElement.appendChild(comment);
  }
  pkg.setXml(target.part, doc);
}

/** A new comments part: its relationship from the main document and its content type. */
async function addCommentsPart(pkg: DocxPackage, part: string): Promise<void> {
  const relsPart = relsPartOf(pkg.mainPart);
  const rels = pkg.has(relsPart)
    ? await pkg.xml(relsPart)
    : parseXml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}"/>`, relsPart);
  const taken = new Set(childElements(rels.documentElement).map((e) => e.getAttribute('Id')));
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const rel = rels.createElementNS(REL_NS, 'Relationship');
  rel.setAttribute('Id', `rId${n}`);
  rel.setAttribute('Type', COMMENTS_TYPE);
  rel.setAttribute('Target', part.slice(part.lastIndexOf('/') + 1));
  rels.documentElement.appendChild(rel);
  pkg.setXml(relsPart, rels);

  const types = await pkg.xml('[Content_Types].xml');
  const partName = `/${part}`;
  const has = childElements(types.documentElement).some(
    (e) => e.localName === 'Override' && (e.getAttribute('PartName') ?? '').toLowerCase() === partName.toLowerCase(),
  );
  if (!has) {
    const o = types.createElementNS(CT_NS, 'Override');
    o.setAttribute('PartName', partName);
    o.setAttribute('ContentType', COMMENTS_CT);
    types.documentElement.appendChild(o);
    pkg.setXml('[Content_Types].xml', types);
  }
}
