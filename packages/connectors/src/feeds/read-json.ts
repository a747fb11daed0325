// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/): read field by field, each checked for its type, so
// one item a generator got wrong costs only that field.
import type { RawFeed, RawItem } from './raw.js';

type Json = Record<string, unknown>;

/** The feed, or null when the value is not a JSON Feed ("version" is required and names the spec). */
export function readJsonFeed(value: unknown): RawFeed | null {
  if (!isObject(value)) return null;
  const version = value.version;
  if (typeof version !== 'string' || !version.includes('jsonfeed.org')) return null;
  const feedAuthor = authorName(value);
  const items = Array.isArray(value.items) ? value.items.filter(isObject) : [];
  return {
    title: str(value.title),
    titleIsHtml: false,
    site: str(value.home_page_url),
    language: str(value.language),
    items: items.map((item): RawItem => {
      const id = item.id;
      return {
        // 1.0 allowed numbers; 1.1: "id (required, string)… If an id is presented as a number… coerce it to a string".
        id: typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined,
        link: str(item.url) ?? str(item.external_url),
        titleText: str(item.title),
        contentHtml: str(item.content_html),
        contentText: str(item.content_text),
        summaryText: str(item.summary),
        author: authorName(item) ?? feedAuthor,
        date: str(item.date_published) ?? str(item.date_modified),
        updated: [str(item.date_modified)].filter((date): date is string => date !== undefined),
        language: str(item.language),
      };
    }),
  };
}

/** 1.1's `authors` array, else 1.0's `author` object. */
function authorName(value: Json): string | undefined {
  const authors = Array.isArray(value.authors) ? value.authors : [value.author];
  for (const author of authors) {
    if (isObject(author)) {
      const name = str(author.name);
      if (name) return name;
    }
  }
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
