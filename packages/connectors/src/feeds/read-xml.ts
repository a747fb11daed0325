// RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0/0.3 from the tolerant XML tree: what each format says about a feed and
// its items, with the namespaces feeds mix in (Dublin Core, dcterms, content:encoded, iTunes, Media RSS).
// Specs: https://www.rssboard.org/rss-specification, https://web.resource.org/rss/1.0/spec, RFC 4287 (Atom),
// https://www.dublincore.org/specifications/dublin-core/dcmi-terms/.
import type { RawFeed, RawItem } from './raw.js';
import {
  ATOM_NS,
  childrenNamed,
  elementsOf,
  firstChild,
  hasElementChildren,
  inheritedAttr,
  innerMarkup,
  textOf,
  type XmlElement,
} from './xml-tree.js';

/** A field's value, as HTML markup or as plain text. */
type Field = { html: string } | { text: string };

/** The feed read from its document element, or null when that element is not RSS, RDF or Atom. */
export function readXmlFeed(root: XmlElement): RawFeed | null {
  switch (root.name) {
    case 'rss':
    case 'channel':
    case 'Channel':
    case 'rdf:RDF':
    case 'RDF':
      return readRss(root);
    case 'feed':
      return readAtom(root);
    default:
      return null;
  }
}

function readRss(root: XmlElement): RawFeed {
  const channel = /^channel$/i.test(root.name) ? root : (firstChild(root, 'channel') ?? root);
  const title = firstChild(channel, 'title', 'dc:title');
  const titleField = title ? readRssText(title) : undefined;
  return {
    title: titleField ? valueOf(titleField) : undefined,
    titleIsHtml: titleField !== undefined && 'html' in titleField,
    site: firstText(channel, 'link') ?? pickAtomLink(channel),
    language: firstText(channel, 'language', 'dc:language') ?? inheritedAttr(channel, 'xml:lang'),
    base: root.attrs['xml:base'],
    items: collect(root, 'item').map(readRssItem),
  };
}

function readRssItem(item: XmlElement): RawItem {
  const guid = firstChild(item, 'guid');
  const guidText = guid ? textOf(guid).trim() : undefined;
  // A guid is the item's link only when it says so (isPermaLink defaults to true) and is an absolute URL.
  const guidLink =
    guid && guid.attrs.isPermaLink?.trim().toLowerCase() !== 'false' && /^https?:\/\//i.test(guidText ?? '')
      ? guidText
      : undefined;
  const title = firstChild(item, 'title', 'dc:title');
  const titleField = title ? readRssText(title) : undefined;
  const content = firstChild(item, 'content:encoded', 'xhtml:body', 'body');
  const summary = firstChild(item, 'description', 'dc:description', 'itunes:summary', 'media:description');
  const mediaGroup = firstChild(item, 'media:group');
  const summaryElement = summary ?? (mediaGroup && firstChild(mediaGroup, 'media:description'));
  const textElement = content ?? summaryElement;
  return {
    id: guidText || item.attrs['rdf:about']?.trim() || undefined,
    link: firstText(item, 'link') ?? guidLink ?? pickAtomLink(item),
    ...(titleField && ('html' in titleField ? { titleHtml: titleField.html } : { titleText: titleField.text })),
    contentHtml: content ? asHtml(content) : undefined,
    summaryHtml: summaryElement ? asHtml(summaryElement) : undefined,
    author: readRssAuthor(item),
    date: firstText(item, 'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'dcterms:date', 'published'),
    updated: allText(item, 'dcterms:modified', 'updated'),
    language:
      (textElement && inheritedAttr(textElement, 'xml:lang', item)) ??
      firstText(item, 'dc:language') ??
      inheritedAttr(item, 'xml:lang'),
    base: item.attrs['xml:base'],
  };
}

/** RSS `author` is an e-mail address, often "address (Name)"; the name is what a person reads. */
function readRssAuthor(item: XmlElement): string | undefined {
  const author = firstText(item, 'author');
  if (author !== undefined) {
    const named = /^\S+@\S+\s*\((.+)\)$/.exec(author) ?? /^(.+?)\s*<\S+@\S+>$/.exec(author);
    return named ? named[1]!.trim() : author;
  }
  const atomAuthor = firstChild(item, 'author');
  return (
    firstText(item, 'dc:creator', 'itunes:author') ?? (atomAuthor ? firstText(atomAuthor, 'name', 'email') : undefined)
  );
}

/**
 * RSS titles are meant as plain text, yet many carry escaped HTML or entities: read them as HTML only when they
 * look like it, so a title about "<blink>" keeps its word.
 */
function readRssText(element: XmlElement): Field {
  if (hasElementChildren(element)) return { html: innerMarkup(element) };
  const text = textOf(element);
  return looksLikeHtml(text) ? { html: text } : { text };
}

/** Elements of current HTML (not obsolete ones like <blink>) or a character reference. */
const HTML_HINT =
  /<\/?(?:a|abbr|b|big|blockquote|br|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|li|mark|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|td|th|tr|tt|u|ul)\b[^<>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});/i;

function looksLikeHtml(text: string): boolean {
  return HTML_HINT.test(text);
}

function readAtom(root: XmlElement): RawFeed {
  const title = firstChild(root, 'title', 'dc:title');
  const titleField = title ? readConstruct(title) : undefined;
  const feedAuthor = firstChild(root, 'author');
  const feedAuthorName = feedAuthor ? firstText(feedAuthor, 'name') : undefined;
  return {
    title: titleField ? valueOf(titleField) : undefined,
    titleIsHtml: titleField !== undefined && 'html' in titleField,
    site: pickAtomLink(root),
    language: root.attrs['xml:lang']?.trim() || firstText(root, 'dc:language'),
    base: root.attrs['xml:base'],
    items: collect(root, 'entry').map((entry) => readAtomEntry(entry, feedAuthorName)),
  };
}

function readAtomEntry(entry: XmlElement, feedAuthor: string | undefined): RawItem {
  const title = firstChild(entry, 'title', 'dc:title');
  const titleField = title ? readConstruct(title) : undefined;
  const content = firstChild(entry, 'content');
  const contentField = content ? readConstruct(content) : undefined;
  const mediaGroup = firstChild(entry, 'media:group');
  const summary =
    firstChild(entry, 'summary', 'dc:description', 'media:description') ??
    (mediaGroup && firstChild(mediaGroup, 'media:description'));
  const summaryField = summary ? readConstruct(summary) : undefined;
  // RFC 4287 §4.2.1: without its own author an entry takes its source's, then the feed's.
  const source = firstChild(entry, 'source');
  const author = firstChild(entry, 'author') ?? (source && firstChild(source, 'author'));
  const link = pickAtomLinkElement(entry);
  const textElement = contentField && valueOf(contentField).trim() !== '' ? content : summary;
  return {
    id: firstText(entry, 'id', 'guid'),
    link: link?.attrs.href,
    ...(titleField && ('html' in titleField ? { titleHtml: titleField.html } : { titleText: titleField.text })),
    ...(contentField &&
      ('html' in contentField ? { contentHtml: contentField.html } : { contentText: contentField.text })),
    ...(summaryField &&
      ('html' in summaryField ? { summaryHtml: summaryField.html } : { summaryText: summaryField.text })),
    author: (author ? firstText(author, 'name', 'email') : undefined) ?? firstText(entry, 'dc:creator') ?? feedAuthor,
    date: firstText(entry, 'published', 'issued', 'created', 'dcterms:issued', 'dcterms:created', 'dc:date'),
    // "the most recent instant in time when an entry or feed was modified in a way the publisher considers
    // significant" (RFC 4287 §4.2.15); Atom 0.3 called it `modified`.
    updated: allText(entry, 'updated', 'modified', 'dcterms:modified'),
    language:
      (textElement && inheritedAttr(textElement, 'xml:lang', entry.parent)) ??
      firstText(entry, 'dc:language') ??
      (title && inheritedAttr(title, 'xml:lang', entry.parent)) ??
      inheritedAttr(entry, 'xml:lang'),
    base: (link && inheritedAttr(link, 'xml:base', entry.parent)) ?? undefined,
  };
}

/**
 * An Atom text construct or content element (RFC 4287 §3.1, §4.1.3): type text, html, xhtml or a MIME type; Atom 0.3's
 * `mode` (xml, escaped, base64). Content of a MIME type that is neither text nor XML is Base64 (§4.1.3.3).
 */
function readConstruct(element: XmlElement): Field {
  const type = (element.attrs.type ?? '').trim().toLowerCase();
  const mode = (element.attrs.mode ?? '').trim().toLowerCase();
  const html = type === 'html' || type === 'xhtml' || /html/.test(type);
  if (mode === 'base64' || /base64/.test(type) || (type.includes('/') && !/^text\/|[/+]xml\b/.test(type))) {
    const decoded = decodeBase64(textOf(element));
    return html ? { html: decoded } : { text: decoded };
  }
  if (html) return { html: hasElementChildren(element) ? innerMarkup(element) : textOf(element) };
  if (/[/+]xml\b/.test(type) || (mode === 'xml' && hasElementChildren(element))) return { html: innerMarkup(element) };
  return { text: textOf(element) };
}

function decodeBase64(text: string): string {
  return new TextDecoder('utf-8').decode(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
}

/** The element's HTML: markup written inline (ill-formed but common) or escaped in its text (the RSS way). */
function asHtml(element: XmlElement): string {
  return hasElementChildren(element) ? innerMarkup(element) : textOf(element);
}

function valueOf(field: Field): string {
  return 'html' in field ? field.html : field.text;
}

/** The page of a feed or entry: an Atom link rel="alternate" (the default rel, RFC 4287 §4.2.7.2), HTML first. */
function pickAtomLink(element: XmlElement): string | undefined {
  return pickAtomLinkElement(element)?.attrs.href;
}

function pickAtomLinkElement(element: XmlElement): XmlElement | undefined {
  const alternates = childrenNamed(element, 'link').filter(
    (link) =>
      (link.ns === ATOM_NS || link.attrs.href !== undefined) &&
      link.attrs.href?.trim() &&
      (link.attrs.rel?.trim() || 'alternate') === 'alternate',
  );
  return alternates.find((link) => !link.attrs.type || /html/i.test(link.attrs.type)) ?? alternates[0];
}

/** The first non-empty text of the first child with one of these names (names in order of preference). */
function firstText(element: XmlElement, ...names: string[]): string | undefined {
  for (const name of names) {
    for (const child of childrenNamed(element, name)) {
      // RSS `link` is text; an Atom link in the same place (no text, an href) is read by pickAtomLink.
      if (name === 'link' && child.attrs.href !== undefined) continue;
      const text = textOf(child).trim();
      if (text !== '') return text;
    }
  }
  return undefined;
}

function allText(element: XmlElement, ...names: string[]): string[] {
  return childrenNamed(element, ...names)
    .map((child) => textOf(child).trim())
    .filter((text) => text !== '');
}

/**
 * The items, wherever broken generators put them (under `channel` as RSS says, beside it as RDF does, or under the
 * root); an item cut off by the end of the document is kept only with the children it completed.
 */
function collect(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (element: XmlElement) => {
    for (const child of elementsOf(element)) {
      if (child.name === name) found.push(child.closed ? child : completedPart(child));
      // An item never holds an item: one found inside another lost its predecessor's end tag.
      visit(child);
    }
  };
  visit(root);
  return found;
}

function completedPart(element: XmlElement): XmlElement {
  return {
    ...element,
    children: element.children.filter(
      (child) => typeof child !== 'string' && child.closed && child.name !== element.name,
    ),
  };
}
