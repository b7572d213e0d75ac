// A Word (.docx) package read for checking and reviewing: its parts, and the text of every "story" (the body,
// headers, footers, footnotes, endnotes) as paragraphs, each paragraph's text mapped back to the XML nodes it comes
// from. The CLI and the language server check the body's text built here (one paragraph per line, docx text of
// CONTRACT.md), and the reviewer (review.ts) anchors its comments and tracked changes through the same mapping, so a
// position in `action-plan-lint --format json` and a comment in the reviewed copy always mean the same characters.
//
// The text follows mammoth's raw text (which the product used before): paragraphs of the body and of tables (a
// deleted table row is skipped), content controls, hyperlinks, smart tags; w:t, w:tab (\t), w:noBreakHyphen (U+2011),
// w:softHyphen (U+00AD); the result of a field but not its code; inserted text but not deleted text (w:del,
// w:moveFrom); a paragraph whose mark is deleted is joined to the next; the paragraphs of a VML text box (w:pict)
// follow the paragraph that holds it. Unlike mammoth, the result of a simple field (w:fldSimple) is kept.
import JSZip from 'jszip';
import {
  childElements,
  firstChildEl,
  isEl,
  isElement,
  parseXml,
  serializeXml,
  type XDocument,
  type XElement,
  type XNode,
} from './xml';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
export const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const OFFICE_DOCUMENT_REL = /\/officeDocument$/;
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

export type StoryKind = 'body' | 'header' | 'footer' | 'footnotes' | 'endnotes';

/** One piece of a paragraph's text: a w:t (or the character a w:tab etc. stands for) inside a run. */
export interface Segment {
  start: number;
  end: number;
  /** The element the text comes from: w:t, or w:tab / w:noBreakHyphen / w:softHyphen. */
  node: XElement;
  run: XElement;
  /** Whether this is a w:t whose run may be replaced by a tracked change (not in a field, an existing revision …). */
  editable: boolean;
  /** The (outermost) field whose result holds the text: its first and last element (runs, or the w:fldSimple). */
  field?: FieldSpan;
}

export interface FieldSpan {
  begin: XElement;
  /** Unset while the field is open (and for a field that never ends). */
  end?: XElement;
}

export interface Paragraph {
  /** The w:p elements (more than one when a paragraph mark is deleted and the paragraphs are read as one). */
  elements: XElement[];
  text: string;
  segments: Segment[];
  /** Footnotes and endnotes: the w:id of the note the paragraph belongs to. */
  noteId?: string;
}

export interface Story {
  /** Part name in the package, e.g. word/document.xml, word/header1.xml. */
  part: string;
  kind: StoryKind;
  doc: XDocument;
  paragraphs: Paragraph[];
}

export class DocxError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    /** encrypted, old-format (.doc/.wps/OLE), strict (Strict Open XML), or corrupt. */
    readonly kind: 'encrypted' | 'old-format' | 'strict' | 'corrupt' = 'corrupt',
  ) {
    super(`${zh}${/[）」』]$/.test(zh) ? '' : ' '}/ ${en}`); // the product's "中文 / English" (no space after a fullwidth bracket)
  }
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A problem that makes `bytes` unreadable as a .docx, told in words a drafter can act on: an encrypted document
 * (an OLE compound file with an EncryptedPackage stream), a Word 97–2003 .doc or WPS .wps file (OLE, or the file
 * name says so), or not a ZIP package at all. undefined when it looks like a ZIP package.
 */
export function docxInputProblem(bytes: Uint8Array, fileName = ''): DocxError | undefined {
  const convert = 'soffice --headless --convert-to docx FILE';
  const lower = fileName.toLowerCase();
  const isOle = bytes.length >= 8 && OLE_SIGNATURE.every((b, i) => bytes[i] === b);
  if (isOle && containsUtf16le(bytes, 'EncryptedPackage')) {
    return new DocxError(
      '文档已加密（设置了打开密码），无法读取；请在 Word 或 WPS 中取消密码后另存为 .docx 再试',
      'the document is encrypted (password-protected); remove the password in Word or WPS, save it as .docx and try again',
      'encrypted',
    );
  }
  if (isOle || lower.endsWith('.doc') || lower.endsWith('.wps')) {
    return new DocxError(
      `这是旧版 Word（.doc）或 WPS（.wps）格式，只支持 .docx；请在 Word/WPS 中另存为 .docx，或用 LibreOffice 转换：${convert}`,
      `this is an old Word (.doc) or WPS (.wps) file; only .docx is supported — save it as .docx in Word/WPS, or convert it with LibreOffice: ${convert}`,
      'old-format',
    );
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return corrupt('not a ZIP package');
  return undefined;
}

/** Whether `bytes` hold `s` encoded as UTF-16LE (a stream name in an OLE compound file's directory). */
function containsUtf16le(bytes: Uint8Array, s: string): boolean {
  const n = s.length * 2;
  outer: for (let i = 0; i + n <= bytes.length; i++) {
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (bytes[i + 2 * k] !== (c & 0xff) || bytes[i + 2 * k + 1] !== c >> 8) continue outer;
    }
    return true;
  }
  return false;
}

function corrupt(why: string): DocxError {
  return new DocxError(
    '无法读取 Word 文档（文件损坏或不是 .docx 格式）',
    `cannot read the Word document (corrupt or not .docx): ${why}`,
  );
}

/** Resolves a relationship target against the folder of the part that holds the relationship. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** An opened package: the zip, and every XML part parsed at most once. */
export class DocxPackage {
  private readonly parsed = new Map<string, XDocument>();
  private readonly dirty = new Set<string>();

  private constructor(
    readonly zip: JSZip,
    /** The main document part, e.g. word/document.xml. */
    readonly mainPart: string,
    readonly wordNs: string,
  ) {}

  static async open(bytes: Uint8Array, fileName = ''): Promise<DocxPackage> {
    const problem = docxInputProblem(bytes, fileName);
    if (problem) throw problem;
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes);
    } catch (e) {
      throw corrupt(e instanceof Error ? e.message.split('\n')[0] : String(e));
    }
    const pkg0 = new DocxPackage(zip, '', W_NS);
    const rootRels = await pkg0.tryRelationships('');
    const main = rootRels?.find((r) => OFFICE_DOCUMENT_REL.test(r.type) && !r.external);
    const mainPart = main ? resolveTarget('', main.target) : 'word/document.xml';
    if (!zip.file(mainPart)) throw corrupt(`${mainPart} is missing`);
    const pkg = new DocxPackage(zip, mainPart, W_NS);
    for (const [k, v] of pkg0.parsed) pkg.parsed.set(k, v);
    const root = (await pkg.xml(mainPart)).documentElement;
    if (root.localName !== 'document') throw corrupt(`${mainPart} is not a WordprocessingML document`);
    if (root.namespaceURI !== W_NS) {
      throw new DocxError(
        '不支持“严格 Open XML”格式的文档；请在 Word 中另存为普通的“Word 文档（*.docx）”',
        'documents in the "Strict Open XML" format are not supported; save it as an ordinary Word document (*.docx)',
        'strict',
      );
    }
    return pkg;
  }

  has(part: string): boolean {
    return !!this.zip.file(part);
  }

  async xml(part: string): Promise<XDocument> {
    const cached = this.parsed.get(part);
    if (cached) return cached;
    const file = this.zip.file(part);
    if (!file) throw corrupt(`${part} is missing`);
    let source: string;
    try {
      source = await file.async('string');
    } catch (e) {
      throw corrupt(`${part}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    let doc: XDocument;
    try {
      doc = parseXml(source, part);
    } catch (e) {
      throw corrupt(e instanceof Error ? e.message : String(e));
    }
    this.parsed.set(part, doc);
    return doc;
  }

  /** Registers a new or changed part (written back by `save`). */
  setXml(part: string, doc: XDocument): void {
    this.parsed.set(part, doc);
    this.dirty.add(part);
  }

  markDirty(part: string): void {
    this.dirty.add(part);
  }

  private async tryRelationships(part: string): Promise<Relationship[] | undefined> {
    const rels = part === '' ? '_rels/.rels' : relsPartOf(part);
    if (!this.has(rels)) return undefined;
    const doc = await this.xml(rels);
    return childElements(doc.documentElement)
      .filter((e) => e.localName === 'Relationship')
      .map((e) => ({
        id: e.getAttribute('Id') ?? '',
        type: e.getAttribute('Type') ?? '',
        target: e.getAttribute('Target') ?? '',
        external: e.getAttribute('TargetMode') === 'External',
      }));
  }

  async relationships(part: string): Promise<Relationship[]> {
    return (await this.tryRelationships(part)) ?? [];
  }

  /** The parts related to the main document with the given relationship type (e.g. "header"). */
  async relatedParts(type: string): Promise<string[]> {
    return (await this.relationships(this.mainPart))
      .filter((r) => !r.external && r.type === REL_TYPE + type)
      .map((r) => resolveTarget(this.mainPart, r.target))
      .filter((p) => this.has(p));
  }

  /** The stories of the document: the body, then headers, footers, footnotes and endnotes (each part once). */
  async stories(): Promise<Story[]> {
    const out: Story[] = [];
    const body = await this.xml(this.mainPart);
    const bodyEl = firstChildEl(body.documentElement, W_NS, 'body');
    out.push({ part: this.mainPart, kind: 'body', doc: body, paragraphs: bodyEl ? readStory([bodyEl]) : [] });
    for (const kind of ['header', 'footer', 'footnotes', 'endnotes'] as const) {
      const seen = new Set<string>();
      for (const part of await this.relatedParts(kind)) {
        if (seen.has(part)) continue;
        seen.add(part);
        const doc = await this.xml(part);
        const root = doc.documentElement;
        let paragraphs: Paragraph[];
        if (kind === 'footnotes' || kind === 'endnotes') {
          // Separators and continuation notices are not text.
          const notes = childElements(root).filter((e) => e.namespaceURI === W_NS && !e.getAttributeNS(W_NS, 'type'));
          paragraphs = notes.flatMap((note) => {
            const id = note.getAttributeNS(W_NS, 'id') ?? undefined;
            return readStory([note]).map((p) => ({ ...p, noteId: id }));
          });
        } else paragraphs = readStory([root]);
        out.push({ part, kind, doc, paragraphs });
      }
    }
    return out;
  }

  async save(): Promise<Uint8Array> {
    for (const part of this.dirty) this.zip.file(part, serializeXml(this.parsed.get(part)!));
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}

/** The text of a story: its paragraphs, one per line. */
export function storyText(story: Story): string {
  return story.paragraphs.map((p) => p.text).join('\n');
}

const SPECIAL_CHARS: Record<string, string> = { tab: '\t', noBreakHyphen: '\u2011', softHyphen: '\u00AD' };

interface WalkState {
  /** Open complex fields: 'code' until w:fldChar separate, then 'result'. Fields may span paragraphs. */
  fields: Array<{ phase: 'code' | 'result'; span: FieldSpan }>;
  /** Paragraphs of text boxes met inside the current paragraph, read after it. */
  extras: XElement[];
  /** Runs of a paragraph whose mark is deleted, carried into the next paragraph. */
  carried?: { elements: XElement[]; text: string; segments: Segment[] };
}

/** Reads the paragraphs of block containers (w:body, w:hdr, w:ftr, w:footnote, w:tc, w:txbxContent …). */
export function readStory(containers: XElement[]): Paragraph[] {
  const out: Paragraph[] = [];
  const state: WalkState = { fields: [], extras: [] };
  for (const c of containers) readBlocks(c, state, out);
  if (state.carried)
    out.push({ elements: state.carried.elements, text: state.carried.text, segments: state.carried.segments });
  return out;
}

function readBlocks(container: XElement, state: WalkState, out: Paragraph[]): void {
  for (const el of childElements(container)) {
    if (el.namespaceURI === MC_NS && el.localName === 'AlternateContent') {
      const fallback = firstChildEl(el, MC_NS, 'Fallback');
      if (fallback) readBlocks(fallback, state, out);
      continue;
    }
    if (el.namespaceURI !== W_NS) continue;
    switch (el.localName) {
      case 'p':
        readParagraph(el, state, out);
        break;
      case 'tbl':
        for (const tr of childElements(el)) {
          if (!isEl(tr, W_NS, 'tr')) continue;
          const trPr = firstChildEl(tr, W_NS, 'trPr');
          if (trPr && firstChildEl(trPr, W_NS, 'del')) continue;
          for (const tc of childElements(tr)) {
            if (isEl(tc, W_NS, 'tc')) readBlocks(tc, state, out);
            else if (isEl(tc, W_NS, 'sdt')) {
              const content = firstChildEl(tc, W_NS, 'sdtContent');
              if (content)
                for (const inner of childElements(content)) if (isEl(inner, W_NS, 'tc')) readBlocks(inner, state, out);
            }
          }
        }
        break;
      case 'sdt': {
        const content = firstChildEl(el, W_NS, 'sdtContent');
        if (content) readBlocks(content, state, out);
        break;
      }
      case 'customXml':
      case 'ins':
      case 'moveTo':
        readBlocks(el, state, out);
        break;
      default:
        break;
    }
  }
}

function readParagraph(p: XElement, state: WalkState, out: Paragraph[]): void {
  const para = state.carried ?? { elements: [], text: '', segments: [] };
  state.carried = undefined;
  para.elements.push(p);
  const outerExtras = state.extras;
  state.extras = [];
  readInline(p, state, para, true);
  const extras = state.extras;
  state.extras = outerExtras;
  const pPr = firstChildEl(p, W_NS, 'pPr');
  const markRPr = pPr && firstChildEl(pPr, W_NS, 'rPr');
  if (markRPr && firstChildEl(markRPr, W_NS, 'del')) state.carried = para;
  else out.push(para);
  for (const box of extras) readBlocks(box, state, out);
}

/** Elements whose content is read as is but may not be rewritten by a tracked change. */
const LOCKED_CONTAINERS = new Set(['ins', 'moveTo', 'smartTag', 'customXml', 'dir', 'bdo', 'sdt', 'sdtContent']);

function readInline(
  container: XElement,
  state: WalkState,
  para: Paragraph,
  editable: boolean,
  simple?: FieldSpan,
): void {
  for (const el of childElements(container)) {
    if (el.namespaceURI === MC_NS && el.localName === 'AlternateContent') {
      const fallback = firstChildEl(el, MC_NS, 'Fallback');
      if (fallback) readInline(fallback, state, para, false, simple);
      continue;
    }
    if (el.namespaceURI !== W_NS) continue;
    const name = el.localName!;
    if (name === 'r') readRun(el, state, para, editable, simple);
    else if (name === 'hyperlink') readInline(el, state, para, editable, simple);
    else if (name === 'fldSimple') readInline(el, state, para, false, simple ?? { begin: el, end: el });
    else if (name === 'sdt') {
      const content = firstChildEl(el, W_NS, 'sdtContent');
      if (content) readInline(content, state, para, false, simple);
    } else if (LOCKED_CONTAINERS.has(name)) readInline(el, state, para, false, simple);
    // w:del, w:moveFrom (deleted text), w:pPr, bookmarks, comment ranges, proofErr …: no text
  }
}

function readRun(run: XElement, state: WalkState, para: Paragraph, editable: boolean, simple?: FieldSpan): void {
  for (const el of childElements(run)) {
    if (el.namespaceURI === MC_NS && el.localName === 'AlternateContent') {
      const fallback = firstChildEl(el, MC_NS, 'Fallback');
      if (fallback) for (const box of descendants(fallback, 'txbxContent')) state.extras.push(box);
      continue;
    }
    if (el.namespaceURI !== W_NS) continue;
    const name = el.localName!;
    if (name === 'fldChar') {
      const type = el.getAttributeNS(W_NS, 'fldCharType');
      if (type === 'begin') state.fields.push({ phase: 'code', span: { begin: run } });
      else if (type === 'separate' && state.fields.length) state.fields[state.fields.length - 1].phase = 'result';
      else if (type === 'end') {
        const field = state.fields.pop();
        if (field) field.span.end = run;
      }
      continue;
    }
    if (state.fields.some((f) => f.phase === 'code')) continue; // a field's code (instrText) and all before its result
    const field = state.fields[0]?.span ?? simple;
    if (name === 't') {
      const text = el.textContent ?? '';
      if (text) addSegment(para, text, el, run, editable && !field, field);
    } else if (name in SPECIAL_CHARS) addSegment(para, SPECIAL_CHARS[name], el, run, false, field);
    else if (name === 'pict') for (const box of descendants(el, 'txbxContent')) state.extras.push(box);
  }
}

function addSegment(
  para: Paragraph,
  text: string,
  node: XElement,
  run: XElement,
  editable: boolean,
  field?: FieldSpan,
): void {
  const start = para.text.length;
  para.text += text;
  para.segments.push({ start, end: para.text.length, node, run, editable, field });
}

/** w:<local> descendants of `el`, outermost only. */
function descendants(el: XElement, local: string): XElement[] {
  const out: XElement[] = [];
  const visit = (n: XNode) => {
    for (const c of childElements(n)) {
      if (isEl(c, W_NS, local)) out.push(c);
      else visit(c);
    }
  };
  visit(el);
  return out;
}

/** The body text of a .docx (one paragraph per line), the text the CLI and the language server check. */
export async function docxBodyText(bytes: Uint8Array, fileName = ''): Promise<string> {
  const pkg = await DocxPackage.open(bytes, fileName);
  const doc = await pkg.xml(pkg.mainPart);
  const body = firstChildEl(doc.documentElement, W_NS, 'body');
  return body
    ? readStory([body])
        .map((p) => p.text)
        .join('\n')
    : '';
}

export { isElement, serializeXml };
