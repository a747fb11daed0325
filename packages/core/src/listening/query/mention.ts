// The mention a listening query runs against, and its prepared form: folded once per post, then shared by
// every topic that evaluates it.
import {
  extractHost,
  foldHandle,
  foldKeepingLigatures,
  foldHashtag,
  listDomainSuffixes,
  listFoldedWords,
  normaliseRawWord,
  scanText,
  type TextVisitor,
} from './normalise.js';

export interface Mention {
  text: string;
  title?: string;
  /** Handle or display name. */
  author?: string;
  url?: string;
  /** BCP 47 tag: "fr", "fr-CA". */
  lang?: string;
  /** Network or feed id: "bluesky", "rss", "rss:le-monde-une". */
  source?: string;
  hashtags?: string[];
  mentions?: string[];
}

export interface PreparedMention {
  readonly prepared: true;
  /**
   * Folded word → its positions; the title's words first, then the text's after a gap no NEAR can span. A word
   * with œ, æ or ß is also there with them kept (cœur), and an emoji or symbol at the position of the next word.
   */
  readonly words: ReadonlyMap<string, readonly number[]>;
  /** Keys that are not words: `#tag`, `@handle`, `site:domain`, `lang:code`, `source:id`. */
  readonly fieldKeys: ReadonlySet<string>;
  /** Folded, without `#`. */
  readonly hashtags: readonly string[];
  readonly authorWords: readonly string[];
  /** Lower case, as given. */
  readonly url: string;
  /** Word in its `raw:` form → its positions, built on first use. */
  rawWords(): ReadonlyMap<string, readonly number[]>;
  /** Positions of every word `test` accepts, computed once per post for each `key`. */
  findPositions(key: string, raw: boolean, test: (word: string) => boolean): readonly number[];
}

/** Larger than any NEAR distance, so a phrase or a proximity never joins the end of a title to the text. */
const TITLE_GAP = 100_000;

class MentionDocument implements PreparedMention, TextVisitor {
  readonly prepared = true;
  readonly words = new Map<string, number[]>();
  readonly fieldKeys = new Set<string>();
  readonly hashtags: string[] = [];
  readonly authorWords: string[];
  readonly url: string;
  private position = 0;
  private readonly title: string;
  private readonly text: string;
  private rawIndex: Map<string, number[]> | undefined;
  private patternCache: Map<string, readonly number[]> | undefined;

  constructor(mention: Mention) {
    this.title = mention.title ?? '';
    this.text = mention.text;
    if (this.title) {
      scanText(this.title, this);
      this.position += TITLE_GAP;
    }
    scanText(this.text, this);
    for (const tag of mention.hashtags ?? []) this.hashtag(foldHashtag(tag));
    for (const handle of mention.mentions ?? []) this.handle(foldHandle(handle));

    this.authorWords = mention.author ? listFoldedWords(mention.author) : [];
    this.url = (mention.url ?? '').toLowerCase();
    if (mention.url) {
      for (const domain of listDomainSuffixes(extractHost(mention.url))) this.fieldKeys.add(`site:${domain}`);
    }
    if (mention.lang) this.addHierarchy('lang', mention.lang.toLowerCase(), '-');
    if (mention.source) this.addHierarchy('source', mention.source.toLowerCase(), ':');
  }

  // The document is its own scan visitor, so preparing a mention allocates no closures.
  word(raw: string, folded: string): void {
    this.addWord(folded);
    // Expanding a ligature lengthens the word: only then is there a second form to index.
    if (raw.length !== folded.length) {
      const kept = foldKeepingLigatures(raw);
      if (kept !== undefined && kept !== folded) this.addWord(kept);
    }
    this.position++;
  }

  symbol(symbol: string): void {
    this.addWord(symbol);
  }

  private addWord(key: string): void {
    const positions = this.words.get(key);
    if (positions) {
      if (positions[positions.length - 1] !== this.position) positions.push(this.position);
    } else this.words.set(key, [this.position]);
  }

  hashtag(tag: string): void {
    if (!tag || this.fieldKeys.has(`#${tag}`)) return;
    this.fieldKeys.add(`#${tag}`);
    this.hashtags.push(tag);
  }

  /** A handle also answers to its first label, so `@lemonde` finds lemonde.fr and lemonde.bsky.social. */
  handle(handle: string): void {
    if (!handle) return;
    this.fieldKeys.add(`@${handle}`);
    const dot = handle.indexOf('.');
    if (dot > 0) this.fieldKeys.add(`@${handle.slice(0, dot)}`);
  }

  /** Built by scanning again, the first time a `raw:` query asks: most topics never do. */
  rawWords(): ReadonlyMap<string, readonly number[]> {
    if (this.rawIndex) return this.rawIndex;
    const index = new Map<string, number[]>();
    let position = 0;
    const add = (word: string) => {
      const positions = index.get(word);
      if (!positions) index.set(word, [position]);
      else if (positions[positions.length - 1] !== position) positions.push(position);
    };
    const visitor: TextVisitor = {
      word(raw) {
        add(normaliseRawWord(raw));
        position++;
      },
      symbol: add,
    };
    if (this.title) {
      scanText(this.title, visitor);
      position += TITLE_GAP;
    }
    scanText(this.text, visitor);
    this.rawIndex = index;
    return index;
  }

  findPositions(key: string, raw: boolean, test: (word: string) => boolean): readonly number[] {
    this.patternCache ??= new Map();
    const cacheKey = raw ? `raw:${key}` : key;
    const cached = this.patternCache.get(cacheKey);
    if (cached) return cached;
    const found: number[] = [];
    const index = raw ? this.rawWords() : this.words;
    let words = 0;
    for (const word of index.keys()) {
      if (!test(word)) continue;
      found.push(...(index.get(word) as readonly number[]));
      words++;
    }
    if (words > 1) found.sort((a, b) => a - b);
    this.patternCache.set(cacheKey, found);
    return found;
  }

  /** "fr-ca" gives lang:fr-ca and lang:fr; "rss:le-monde" gives source:rss:le-monde and source:rss. */
  private addHierarchy(field: string, value: string, separator: string): void {
    this.fieldKeys.add(`${field}:${value}`);
    for (let at = value.indexOf(separator); at > 0; at = value.indexOf(separator, at + 1)) {
      this.fieldKeys.add(`${field}:${value.slice(0, at)}`);
    }
  }
}

export function prepareMention(mention: Mention): PreparedMention {
  return new MentionDocument(mention);
}

export function isPreparedMention(mention: Mention | PreparedMention): mention is PreparedMention {
  return (mention as Partial<PreparedMention>).prepared === true;
}
