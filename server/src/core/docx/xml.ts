// The little of the DOM that the Word (.docx) code uses, typed here so that core does not pull the browser DOM types
// into the whole program (@xmldom/xmldom's typings reference lib "dom"). The implementation is @xmldom/xmldom: a real
// XML parser and serializer — the package XML is never edited with regular expressions.

export interface XNodeList {
  readonly length: number;
  [index: number]: XNode;
}

export interface XNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly localName: string | null;
  readonly namespaceURI: string | null;
  readonly parentNode: XNode | null;
  readonly childNodes: XNodeList;
  readonly firstChild: XNode | null;
  readonly nextSibling: XNode | null;
  readonly previousSibling: XNode | null;
  readonly ownerDocument: XDocument;
  textContent: string | null;
  data?: string;
  insertBefore(node: XNode, ref: XNode | null): XNode;
  appendChild(node: XNode): XNode;
  removeChild(node: XNode): XNode;
  replaceChild(node: XNode, old: XNode): XNode;
  cloneNode(deep: boolean): XNode;
}

export interface XAttr {
  readonly name: string;
  readonly value: string;
  readonly namespaceURI: string | null;
}

export interface XElement extends XNode {
  readonly tagName: string;
  readonly attributes: { readonly length: number; [index: number]: XAttr };
  getAttribute(name: string): string | null;
  getAttributeNS(ns: string, local: string): string | null;
  setAttribute(name: string, value: string): void;
  setAttributeNS(ns: string, qname: string, value: string): void;
  lookupPrefix(ns: string): string | null;
  getElementsByTagNameNS(ns: string, local: string): XNodeList;
}

export interface XDocument extends XNode {
  readonly documentElement: XElement;
  createElementNS(ns: string, qname: string): XElement;
  createTextNode(text: string): XNode;
}

interface XmldomModule {
  DOMParser: new (options?: { onError?: (level: string, message: string) => void; errorHandler?: unknown }) => {
    parseFromString(source: string, mime: string): XDocument;
  };
  XMLSerializer: new () => { serializeToString(node: XNode): string };
}

const xmldom = require('@xmldom/xmldom') as XmldomModule;

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export class XmlError extends Error {}

/** Parses an XML part; any error or fatal error of the parser is an XmlError (warnings are ignored). */
export function parseXml(source: string, part: string): XDocument {
  const problems: string[] = [];
  const parser = new xmldom.DOMParser({
    errorHandler: {
      warning: () => {},
      error: (m: string) => problems.push(m),
      fatalError: (m: string) => problems.push(m),
    },
  });
  let doc: XDocument;
  try {
    doc = parser.parseFromString(source, 'text/xml');
  } catch (e) {
    throw new XmlError(`${part}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (problems.length || !doc || !doc.documentElement)
    throw new XmlError(`${part}: ${problems[0] ?? 'no root element'}`);
  return doc;
}

export function serializeXml(doc: XDocument): string {
  const out = new xmldom.XMLSerializer().serializeToString(doc);
  // xmldom keeps the <?xml …?> declaration when the source had one; Word wants it, so add it when missing.
  return out.startsWith('<?xml') ? out : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + out;
}

export function isElement(n: XNode | null | undefined): n is XElement {
  return !!n && n.nodeType === ELEMENT_NODE;
}

/** The element children of a node. */
export function childElements(n: XNode): XElement[] {
  const out: XElement[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (isElement(c)) out.push(c);
  return out;
}

/** Whether `n` is the element `ns`:`local`. */
export function isEl(n: XNode | null | undefined, ns: string, local: string): n is XElement {
  return isElement(n) && n.localName === local && n.namespaceURI === ns;
}

export function firstChildEl(n: XNode, ns: string, local: string): XElement | undefined {
  for (let c = n.firstChild; c; c = c.nextSibling) if (isEl(c, ns, local)) return c;
  return undefined;
}

export function insertAfter(node: XNode, ref: XNode): void {
  ref.parentNode!.insertBefore(node, ref.nextSibling);
}
