// Builders of small Word packages for the reviewer's tests (jszip, XML written out by hand so that every structure —
// runs split across formatting, tables, headers, footnotes, fields, bookmarks, existing comments and revisions — is
// exactly what Word writes), and "accept all" / "reject all" as Word does them, on the DOM.
import JSZip from 'jszip';
import { analyzeText } from '../../../server/src/core/analysis';
import { loadEngines } from '../../../server/src/node/data';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/core/types';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS = `xmlns:w="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A run: optional rPr XML, then text. */
export const run = (text: string, rPr = '') =>
  `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
export const para = (...inner: string[]) => `<w:p>${inner.join('')}</w:p>`;
export const plain = (text: string) => para(run(text));

export interface Parts {
  /** Inner XML of w:body (paragraphs, tables). */
  body: string;
  header?: string;
  footer?: string;
  /** Inner XML of w:footnote id 1 (paragraphs). */
  footnote?: string;
  /** Inner XML of w:comments (existing comments). */
  comments?: string;
}

export async function buildDocx(parts: Parts): Promise<Buffer> {
  const zip = new JSZip();
  const overrides: string[] = [
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
  ];
  const rels: string[] = [];
  const sect: string[] = [];
  const add = (name: string, ct: string, type: string, xml: string) => {
    zip.file(`word/${name}`, DECL + xml);
    overrides.push(
      `<Override PartName="/word/${name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.${ct}+xml"/>`,
    );
    rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${REL}${type}" Target="${name}"/>`);
    return `rId${rels.length}`;
  };
  if (parts.header !== undefined)
    sect.push(
      `<w:headerReference w:type="default" r:id="${add('header1.xml', 'header', 'header', `<w:hdr ${NS}>${parts.header}</w:hdr>`)}"/>`,
    );
  if (parts.footer !== undefined)
    sect.push(
      `<w:footerReference w:type="default" r:id="${add('footer1.xml', 'footer', 'footer', `<w:ftr ${NS}>${parts.footer}</w:ftr>`)}"/>`,
    );
  if (parts.footnote !== undefined) {
    add(
      'footnotes.xml',
      'footnotes',
      'footnotes',
      `<w:footnotes ${NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
        `<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>` +
        `<w:footnote w:id="1">${parts.footnote}</w:footnote></w:footnotes>`,
    );
  }
  if (parts.comments !== undefined)
    add('comments.xml', 'comments', 'comments', `<w:comments ${NS}>${parts.comments}</w:comments>`);
  zip.file(
    '[Content_Types].xml',
    DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      overrides.join('') +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    DECL +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL}officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  zip.file(
    'word/_rels/document.xml.rels',
    DECL +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  zip.file(
    'word/document.xml',
    DECL +
      `<w:document ${NS}><w:body>${parts.body}<w:sectPr>${sect.join('')}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function partXml(docx: Uint8Array, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const f = zip.file(part);
  if (!f) throw new Error(`${part} missing`);
  return f.async('string');
}

const { DOMParser, XMLSerializer } = require('@xmldom/xmldom') as {
  DOMParser: new () => { parseFromString(s: string, mime: string): unknown };
  XMLSerializer: new () => { serializeToString(n: unknown): string };
};

type Node = {
  nodeType: number;
  localName: string;
  namespaceURI: string;
  parentNode: Node;
  childNodes: ArrayLike<Node>;
  firstChild: Node | null;
  nextSibling: Node | null;
  ownerDocument: Doc;
  insertBefore(a: Node, b: Node): void;
  removeChild(a: Node): void;
  getElementsByTagNameNS(ns: string, l: string): ArrayLike<Node>;
  textContent: string;
  setAttribute?: (a: string, b: string) => void;
};
type Doc = Node & { createElementNS(ns: string, q: string): Node; createTextNode(t: string): Node };

function unwrap(el: Node): void {
  while (el.firstChild) el.parentNode.insertBefore(el.firstChild, el);
  el.parentNode.removeChild(el);
}

/** Word's "accept all revisions" (w:ins kept, w:del removed) or "reject all" (the reverse, w:delText back to w:t). */
export async function resolveRevisions(docx: Uint8Array, mode: 'accept' | 'reject'): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  for (const name of Object.keys(zip.files)) {
    if (!/^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name)) continue;
    const doc = new DOMParser().parseFromString(await zip.file(name)!.async('string'), 'text/xml') as unknown as Doc;
    const all = (l: string) => Array.from(doc.getElementsByTagNameNS(W, l));
    const [keep, drop] = mode === 'accept' ? ['ins', 'del'] : ['del', 'ins'];
    for (const el of all(drop)) if (el.parentNode) el.parentNode.removeChild(el);
    for (const el of all(keep)) if (el.parentNode && el.parentNode.localName !== 'rPr') unwrap(el);
    if (mode === 'reject') {
      for (const dt of all('delText')) {
        const t = doc.createElementNS(W, 'w:t');
        t.setAttribute!('xml:space', 'preserve');
        t.textContent = dt.textContent;
        dt.parentNode.insertBefore(t, dt);
        dt.parentNode.removeChild(dt);
      }
    }
    zip.file(name, new XMLSerializer().serializeToString(doc as never));
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

let engines: ReturnType<typeof loadEngines> | undefined;
export const REFERENCE_DATE = '2025-06-01';
/** The product's analysis of a text on the fixed reference date. */
export function analyze(text: string): Finding[] {
  engines ??= loadEngines();
  return analyzeText(text, { ...DEFAULT_SETTINGS, referenceDate: REFERENCE_DATE }, engines, { today: REFERENCE_DATE })
    .findings;
}

export const REVIEW_DATE = '2026-12-02T08:30:00Z';
