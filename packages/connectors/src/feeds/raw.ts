// A feed as its format gave it, before Rostra normalises it (parse.ts): what each reader (read-xml.ts, read-json.ts)
// hands over. HTML fields are untrusted markup; text fields are plain text.

export interface RawItem {
  id?: string | undefined;
  link?: string | undefined;
  titleHtml?: string | undefined;
  titleText?: string | undefined;
  contentHtml?: string | undefined;
  contentText?: string | undefined;
  summaryHtml?: string | undefined;
  summaryText?: string | undefined;
  author?: string | undefined;
  date?: string | undefined;
  /** Every modification date the item gives; the latest readable one wins. */
  updated?: string[] | undefined;
  language?: string | undefined;
  base?: string | undefined;
}

export interface RawFeed {
  title?: string | undefined;
  /** Whether `title` is HTML (RSS, Atom type="html") or plain text. */
  titleIsHtml?: boolean;
  site?: string | undefined;
  language?: string | undefined;
  base?: string | undefined;
  items: RawItem[];
}
