// Reading untrusted HTML pages: bytes to text with the charset the page declares, the list of items a watched page
// shows (its articles, or what a CSS selector picks), and one article's title, description and text. Everything
// leaves as plain text; node-html-parser only locates elements, `htmlToText` turns their markup into words.
import { parse, type HTMLElement } from 'node-html-parser';
import { parseFeedDate } from '../feeds/dates.js';
import { decodeFeedBody } from '../feeds/decode.js';
import { htmlToLine, htmlToText } from '../feeds/html-to-text.js';

export interface PageItem {
  /** Absolute http(s) link without fragment; null when the item links nowhere (then its id hashes its text). */
  url: string | null;
  title: string | null;
  text: string;
  publishedAt: number | null;
}

export interface PageSummary {
  title: string | null;
  description: string | null;
  text: string;
  language: string | null;
  publishedAt: number | null;
  author: string | null;
  siteName: string | null;
}

const MAX_ITEMS = 500;
const MAX_ITEM_TEXT = 5_000;
const MAX_TEXT = 50_000;
/** Links shorter than this in a page without articles are navigation ("Suite", "Accueil"), not items. */
const MIN_LINK_TITLE = 15;
/** The page's layout around its content; inside an <article>, a <header> or <footer> is the article's own. */
const LAYOUT = 'nav, header, footer, aside, form';
/** Never words a person reads. */
const NOISE = 'script, style, noscript, template, svg, iframe';

/**
 * The page's text. HTTP's charset wins over the document's own (https://html.spec.whatwg.org/#determining-the-character-encoding),
 * then `<meta charset>` or `http-equiv` within the first 1,024 bytes, then UTF-8 when valid, else windows-1252 —
 * the same fallbacks as feeds.
 */
export function decodeHtml(body: Uint8Array, contentType: string | null): string {
  const http = /;\s*charset\s*=/i.test(contentType ?? '') ? contentType : null;
  const head = new TextDecoder('latin1').decode(body.subarray(0, 1024));
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset\s*=\s*([A-Za-z0-9._:-]+)/i.exec(head)?.[1];
  const declared = http ?? (meta ? `text/html; charset=${meta}` : null);
  return decodeFeedBody(body, declared).text.replace(/^\uFEFF/, '');
}

export function parseHtml(html: string): HTMLElement {
  return parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false } });
}

/** Throws when node-html-parser cannot use the selector (for `validate`). */
export function checkSelector(selector: string): void {
  parse('<div></div>').querySelectorAll(selector);
}

/**
 * What a watched page lists. With a selector, each matching element is an item. Without, each `<article>`; a page
 * without articles gives the links of its content (outside navigation, header, footer and sidebars) whose text is
 * long enough to be a title.
 */
export function extractPageItems(root: HTMLElement, pageUrl: string, selector?: string): PageItem[] {
  const base = baseOf(root, pageUrl);
  const items: PageItem[] = [];
  const add = (item: PageItem | null) => {
    if (item && (item.url !== null || item.text !== '') && items.length < MAX_ITEMS) items.push(item);
  };
  if (selector) {
    for (const element of root.querySelectorAll(selector)) add(readBlock(element, base));
    return dedupe(items);
  }
  const content = root.querySelector('main') ?? root.querySelector('body') ?? root;
  stripChrome(content);
  const articles = content.querySelectorAll('article');
  if (articles.length > 0) {
    for (const article of articles) add(readBlock(article, base));
    return dedupe(items);
  }
  for (const link of content.querySelectorAll('a[href]')) {
    const title = htmlToLine(link.innerHTML);
    if (title.length < MIN_LINK_TITLE) continue;
    const url = absoluteLink(link.getAttribute('href'), base);
    if (url === null || url === stripFragment(pageUrl)) continue;
    add({ url, title, text: title, publishedAt: null });
  }
  return dedupe(items);
}

/** An article page's own words: title, description, main text, language, date and byline. */
export function summarisePage(root: HTMLElement): PageSummary {
  const meta = (selector: string) => {
    const value = root.querySelector(selector)?.getAttribute('content');
    const line = value ? htmlToLine(value) : '';
    return line === '' ? null : line;
  };
  const title =
    meta('meta[property="og:title"]') ?? lineOf(root.querySelector('title')) ?? lineOf(root.querySelector('h1'));
  const description = meta('meta[name="description"]') ?? meta('meta[property="og:description"]');
  const published =
    meta('meta[property="article:published_time"]') ??
    root.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  stripChrome(root);
  const main = root.querySelector('article') ?? root.querySelector('main') ?? root.querySelector('body') ?? root;
  const body = truncate(htmlToText(main.innerHTML), MAX_TEXT);
  return {
    title,
    description,
    text: description && !body.startsWith(description) ? `${description}\n\n${body}`.trim() : body,
    language: pageLanguage(root),
    publishedAt: parseFeedDate(published ?? undefined),
    author: meta('meta[name="author"]'),
    siteName: meta('meta[property="og:site_name"]'),
  };
}

/** `<html lang>`, the language the page declares (BCP 47). */
export function pageLanguage(root: HTMLElement): string | null {
  const lang = root.querySelector('html')?.getAttribute('lang')?.trim().replace(/_/g, '-');
  return lang && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : null;
}

function stripChrome(root: HTMLElement): void {
  for (const element of root.querySelectorAll(NOISE)) element.remove();
  for (const element of root.querySelectorAll(LAYOUT)) {
    if (!element.parentNode?.closest('article')) element.remove();
  }
}

function readBlock(element: HTMLElement, base: string): PageItem | null {
  const heading = element.querySelector('h1, h2, h3, h4, h5, h6');
  const link =
    element.tagName === 'A' ? element : (heading?.querySelector('a[href]') ?? element.querySelector('a[href]'));
  const url = absoluteLink(link?.getAttribute('href'), base);
  const title = lineOf(heading) ?? lineOf(link) ?? null;
  const time = element.querySelector('time[datetime]')?.getAttribute('datetime');
  const text = truncate(htmlToText(element.innerHTML), MAX_ITEM_TEXT);
  return { url, title, text: text === '' ? (title ?? '') : text, publishedAt: parseFeedDate(time ?? undefined) };
}

function lineOf(element: HTMLElement | null | undefined): string | null {
  if (!element) return null;
  const line = htmlToLine(element.innerHTML);
  return line === '' ? null : line;
}

/** `<base href>` when the page names one (https://html.spec.whatwg.org/#the-base-element). */
function baseOf(root: HTMLElement, pageUrl: string): string {
  return absoluteLink(root.querySelector('base[href]')?.getAttribute('href'), pageUrl) ?? pageUrl;
}

export function absoluteLink(href: string | undefined, base: string): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function stripFragment(url: string): string {
  return absoluteLink(url, url) ?? url;
}

/** One item per link; items without a link, one per text. */
function dedupe(items: PageItem[]): PageItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.url ?? `text:${item.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
