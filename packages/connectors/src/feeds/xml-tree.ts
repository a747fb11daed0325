// A feed's XML as a small tree, read tolerantly: htmlparser2 in XML mode never refuses a document, so a feed cut
// mid-item, an unescaped "&", an undeclared prefix or an HTML entity XML does not know still gives every element
// that was written. Names carry their namespace (a known URI becomes a fixed prefix, so `dc:` is Dublin Core
// whatever the feed calls it); xml:lang and xml:base are inherited as the XML spec says.
import { decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';

export interface XmlElement {
  /** `prefix:local` for a known namespace (`dc:creator`, `content:encoded`), `local` for the feed's own vocabulary. */
  name: string;
  /** The namespace URI, '' when none. */
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  parent: XmlElement | null;
  /** False when the document ended (or an ancestor closed) before this element's end tag. */
  closed: boolean;
}
export type XmlNode = XmlElement | string;

/** The vocabularies a feed is written in: their elements get no prefix (`item`, `entry`, `title`). */
const FEED_VOCABULARIES = new Set([
  'http://www.w3.org/2005/Atom',
  'http://purl.org/atom/ns#',
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://backend.userland.com/rss2',
  'http://blogs.law.harvard.edu/tech/rss',
  'http://purl.org/net/rss1.1#',
]);
const PREFIXES: Record<string, string> = {
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** The Atom namespace, for telling `atom:link` in an RSS item from RSS's own `link`. */
export const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** The document element, or null when the text holds no element at all. */
export function readXmlTree(text: string): XmlElement | null {
  const root: XmlElement = { name: '#document', ns: '', attrs: {}, children: [], parent: null, closed: true };
  let current = root;
  const scopes: Array<Record<string, string>> = [{ xml: XML_NS }];
  let inCdata = false;
  let ending = false;
  const entities = declaredEntities(text);
  const parser = new Parser(
    {
      onopentag(rawName, rawAttrs) {
        const scope: Record<string, string> = { ...scopes[scopes.length - 1] };
        const attrs: Record<string, string> = {};
        for (const [key, value] of Object.entries(rawAttrs)) {
          const decoded = decodeHTMLStrict(value);
          if (key === 'xmlns') scope[''] = decoded.trim();
          else if (key.startsWith('xmlns:')) scope[key.slice(6)] = decoded.trim();
          attrs[key] = decoded;
        }
        scopes.push(scope);
        const colon = rawName.indexOf(':');
        const prefix = colon === -1 ? '' : rawName.slice(0, colon);
        const local = colon === -1 ? rawName : rawName.slice(colon + 1);
        const ns = scope[prefix] ?? '';
        const known = FEED_VOCABULARIES.has(ns) ? '' : (PREFIXES[ns] ?? (ns === '' ? prefix : ns));
        const element: XmlElement = {
          name: known === '' ? local : `${known}:${local}`,
          ns,
          attrs,
          children: [],
          parent: current,
          closed: false,
        };
        current.children.push(element);
        current = element;
      },
      onclosetag(_name, isImplied) {
        const element = current;
        // An implied close at the end is a document cut short: the element never ended. Before that, it is an end
        // tag that never came (`<title>A<link>…</link></item>`): the element ends there, and what it swallowed
        // goes back to its parent unless it is a container that may hold elements.
        if (!isImplied || !ending) element.closed = true;
        if (isImplied && !ending && !CONTAINERS.has(element.name)) hoistChildren(element);
        scopes.pop();
        current = element.parent ?? root;
      },
      ontext(data) {
        current.children.push(inCdata ? data : decodeText(data, entities));
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(text);
  ending = true;
  parser.end();
  return root.children.find((child): child is XmlElement => typeof child !== 'string') ?? null;
}

/** Elements that hold other elements; any other element left open by a missing end tag gives its elements back. */
const CONTAINERS = new Set([
  'rss',
  'channel',
  'Channel',
  'rdf:RDF',
  'feed',
  'item',
  'entry',
  'author',
  'contributor',
  'source',
  'image',
  'textinput',
  'items',
  'media:group',
]);

/** Moves an element's children from its first element child on to its parent, right after it. */
function hoistChildren(element: XmlElement): void {
  const parent = element.parent;
  const first = element.children.findIndex((child) => typeof child !== 'string');
  if (parent === null || first === -1) return;
  const moved = element.children.splice(first);
  for (const child of moved) if (typeof child !== 'string') child.parent = parent;
  parent.children.splice(parent.children.indexOf(element) + 1, 0, ...moved);
}

/**
 * Entities the document declares in its internal DTD subset (`<!ENTITY nbsp2 "&#160;">`): general, internal
 * ones only — external entities are never fetched.
 */
function declaredEntities(text: string): Map<string, string> {
  const entities = new Map<string, string>();
  const doctype = /<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i.exec(text.slice(0, 65_536));
  if (!doctype) return entities;
  for (const match of doctype[1]!.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
    if (!entities.has(match[1]!)) entities.set(match[1]!, decodeHTMLStrict(match[2] ?? match[3] ?? ''));
  }
  return entities;
}

/** XML's and HTML's character references in one pass, so "&amp;lt;" stays "&lt;"; declared entities first. */
function decodeText(text: string, entities: Map<string, string>): string {
  if (entities.size === 0 || !text.includes('&')) return decodeHTMLStrict(text);
  return text
    .split(/(&[A-Za-z_][\w.-]*;)/)
    .map((part, index) =>
      index % 2 === 1 ? (entities.get(part.slice(1, -1)) ?? decodeHTMLStrict(part)) : decodeHTMLStrict(part),
    )
    .join('');
}

export function elementsOf(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string');
}

/** Direct children with one of these names, in document order. */
export function childrenNamed(element: XmlElement, ...names: string[]): XmlElement[] {
  return elementsOf(element).filter((child) => names.includes(child.name));
}

export function firstChild(element: XmlElement, ...names: string[]): XmlElement | undefined {
  for (const name of names) {
    const found = elementsOf(element).find((child) => child.name === name);
    if (found) return found;
  }
  return undefined;
}

/** Every text below the element, concatenated. */
export function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

export function hasElementChildren(element: XmlElement): boolean {
  return element.children.some((child) => typeof child !== 'string');
}

/** The element's content as HTML markup: text escaped, child elements written back with their local names. */
export function innerMarkup(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? escapeText(child) : outerMarkup(child))).join('');
}

function outerMarkup(element: XmlElement): string {
  const local = element.name.slice(element.name.indexOf(':') + 1);
  const attrs = Object.entries(element.attrs)
    .filter(([key]) => !key.startsWith('xmlns'))
    .map(([key, value]) => ` ${key}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  return `<${local}${attrs}>${innerMarkup(element)}</${local}>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** xml:lang on the element or its nearest ancestor up to (not beyond) `stop`. */
export function inheritedAttr(element: XmlElement, attr: string, stop: XmlElement | null = null): string | undefined {
  for (let node: XmlElement | null = element; node && node !== stop; node = node.parent) {
    const value = node.attrs[attr];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}
