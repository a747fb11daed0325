// The one interface every network or source implements. A capability a network lacks is absent
// (undefined), never a stub that throws. Each network lives in its own folder beside this file.
import type {
  InboxItemKind,
  IssueCode,
  IssueParams,
  MentionAuthor,
  SourceInboxItem,
  SourceMention,
} from '@rostra/core';

/** Identifies a network or source, e.g. "bluesky", "mastodon", "rss". */
export type NetworkId = string;

export type AuthFlow = 'oauth2' | 'app-password' | 'none';

/**
 * What a connected channel holds, opaque to the rest of Rostra (stored encrypted at rest).
 * `expiresAt` (ms) lets the scheduler refresh ahead of expiry.
 */
export interface ChannelCredentials {
  data: Record<string, string>;
  expiresAt?: number;
}

export interface MediaAttachment {
  data: Uint8Array;
  mimeType: string;
  /** Alternative text, for accessibility. */
  alt: string;
  /** The stored file it was read from, for networks that fetch media from a URL Rostra serves (Instagram). */
  source?: { workspaceId: string; mediaId: string };
}

/** A post as one network receives it, after the composer adapted it for that network. */
export interface PublishRequest {
  /**
   * Rostra's stable id for this post on this channel. Connectors derive their network's idempotency
   * mechanism from it (a record key, an Idempotency-Key header, a slug), so publishing twice is harmless.
   */
  idempotencyKey: string;
  text: string;
  media?: MediaAttachment[];
  /** A link to show as a card, when the network supports cards. */
  link?: { url: string; title?: string; description?: string };
  /** The previous post of a thread, or the post this one answers. */
  replyTo?: PublishedRef;
  /** BCP 47 language tags of the text, e.g. ["fr"]. */
  languages?: string[];
  /** Network-specific settings (visibility, content warning, categories…), validated by the connector. */
  options?: Record<string, unknown>;
}

export interface PublishedRef {
  /** The network's id for the post (an at:// URI, a status id…). */
  id: string;
  /** Where a person can open it. */
  url: string;
  /** Whatever else the network needs to reply to or quote it (e.g. Bluesky's cid). */
  extra?: Record<string, string>;
}

/** A broken network rule, with what to do about it. */
/** A source setting refused: the field, why as a code people read in their language (with `params`), and in English. */
export interface SourceProblem {
  field: string;
  code: IssueCode;
  message: string;
  params?: IssueParams;
}

export interface RuleViolation {
  network: NetworkId;
  rule: string;
  message: string;
  /** How far over the limit, when the rule is a limit (e.g. 12 graphemes too many). */
  excess?: number;
  /**
   * `error` (the default) blocks publishing; `warning` is advice the network itself does not enforce
   * (e.g. an image without alternative text) and must not block.
   */
  severity?: 'error' | 'warning';
}

export interface Publisher {
  /**
   * True when publishing twice with the same idempotency key creates one post (Bluesky record key,
   * Mastodon Idempotency-Key…): only then may a worker retry after a crash or an unknown outcome.
   */
  readonly idempotent: boolean;
  /** Checks a post against the network's rules, counted the network's way. */
  validate(request: Omit<PublishRequest, 'idempotencyKey'>): RuleViolation[];
  publish(credentials: ChannelCredentials, request: PublishRequest): Promise<PublishedRef>;
  /**
   * Finds the post published earlier with this idempotency key, when the network allows it; used after
   * an `unknown_outcome` to tell "published" from "not published" without publishing twice.
   */
  findPublished?(credentials: ChannelCredentials, idempotencyKey: string): Promise<PublishedRef | undefined>;
  /**
   * At most `posts` publications per account in any `perMs` window, below the network's documented limit:
   * the engine holds deliveries back instead of spending attempts on "too many requests". Undefined = none.
   */
  readonly rateLimit?: { posts: number; perMs: number };
  /**
   * Present on networks where an account answers its own posts (`replyTo`): threads, and the first comment
   * as a reply. Says how long one part may be, counted the network's way, so Rostra can split a long text.
   */
  readonly thread?: ThreadSupport;
  /**
   * Networks with a comments endpoint (a page's post comments): posts the first comment under a published
   * post. Networks without it but with `thread` get the first comment as a reply to self.
   */
  comment?(credentials: ChannelCredentials, on: PublishedRef, request: PublishRequest): Promise<PublishedRef>;
}

export interface ThreadSupport {
  /** The most one part may count, with these options (an instance's own limit, a content warning…). */
  maxLength(options?: Record<string, unknown>): number;
  count(text: string, options?: Record<string, unknown>): number;
}

/** An account a person connected: who it is on the network, and what Rostra keeps to act as it. */
export interface ConnectedAccount {
  /** The network's stable id of the account (a DID, a page id…). */
  accountId: string;
  /** What people recognise: a handle, a page name. */
  name: string;
  credentials: ChannelCredentials;
}

/** The first leg of an OAuth connection: where to send the person, and what to keep until they return. */
export interface OAuthStart {
  url: string;
  /** Kept by Rostra (sealed) until the callback: PKCE verifier, app credentials, instance… */
  pending: Record<string, string>;
}

/** `Finished` narrows what `finish` gives for networks where one login is always one account. */
export interface OAuthFlow<
  Finished extends ConnectedAccount | ConnectedAccount[] = ConnectedAccount | ConnectedAccount[],
> {
  /** `state` is Rostra's anti-forgery value, to put in the URL; `input` holds what the person typed (e.g. instance). */
  start(input: { redirectUri: string; state: string; fields: Record<string, string> }): Promise<OAuthStart>;
  /**
   * One login may open several accounts (the member and the organisation pages they run, each page a person
   * manages): a list means the person picks which to connect. A single account connects at once.
   */
  finish(input: { redirectUri: string; code: string; pending: Record<string, string> }): Promise<Finished>;
}

export interface ConnectField {
  name: string;
  required: boolean;
  description: string;
  /** How a form asks for it: a secret is masked. */
  input: 'text' | 'secret' | 'url';
  /** An example value a form shows in the empty field. */
  placeholder?: string;
  /** Also read by `oauth.start` (Mastodon's instance): a form asks for it before leaving for the network. */
  oauth?: boolean;
  /** Other names accepted for the same field (older spellings). */
  aliases?: readonly string[];
}

/** One line per field: `  service (optional): the account's server… Also: pdsUrl.` — for help texts and API docs. */
export function describeConnectFields(fields: readonly ConnectField[]): string[] {
  return fields.map(
    (field) =>
      `${field.name} (${field.required ? 'required' : 'optional'}): ${field.description}` +
      (field.aliases?.length ? ` (also accepted as ${field.aliases.join(', ')})` : ''),
  );
}

/** Keys of `input` that no field of `fields` names: what a connect must refuse. */
export function unknownConnectFields(fields: readonly ConnectField[], input: Record<string, string>): string[] {
  const known = new Set(fields.flatMap((field) => [field.name, ...(field.aliases ?? [])]));
  return Object.keys(input).filter((key) => !known.has(key));
}

export interface Connector {
  readonly network: NetworkId;
  readonly auth: AuthFlow;
  /** OAuth connection (authorisation code, with PKCE where the network supports it). */
  readonly oauth?: OAuthFlow;
  /** App-password style connection: the person gives an identifier and a secret (fields named by the network). */
  readonly connect?: (input: Record<string, string>) => Promise<ConnectedAccount>;
  /**
   * The fields `connect` reads, for help texts and the API description. Any other key is refused (a misspelt
   * optional field — `server=` for `service=` — would otherwise be ignored and the default server tried).
   */
  readonly connectFields?: readonly ConnectField[];
  /**
   * Renews credentials ahead of expiry. A transient failure throws `unavailable` (the channel stays connected);
   * only a refused refresh throws `auth_expired`.
   */
  readonly refresh?: (credentials: ChannelCredentials) => Promise<ChannelCredentials>;
  readonly publisher?: Publisher;
  /** Listening: finds public posts, articles or comments that a topic may be about. */
  readonly mentions?: MentionSource;
  /** The inbox: what people say to or about the channel's account (replies, comments, mentions, messages). */
  readonly inbox?: InboxSource;
}

/** A public item a listening source found: a domain type (core), named `Mention` on the connectors' side. */
export type Mention = SourceMention;
export type { MentionAuthor };

/** Where a source resumes: opaque to Rostra, stored after every batch the pipeline has stored. */
export type SourceCursor = string | null;

export interface SourceSpec {
  /** One of the connector's `kinds` (e.g. "hashtag", "search", "account", "feed", "jetstream", "page", "sitemap"). */
  kind: string;
  /** The kind's settings, checked by `validate` (e.g. { tag: "municipales" }, { url: "https://…" }). */
  config: Record<string, string>;
  /** Credentials of a connected channel, for networks whose search needs an account. */
  credentials?: ChannelCredentials;
}

export interface SourcePollOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Names the instance and a contact URL, so a site's operator can reach Rostra's. */
  userAgent?: string;
}

export interface SourcePoll {
  items: Mention[];
  /** Given back on the next poll (newest id seen, ETag and Last-Modified, a since-id…). */
  cursor: SourceCursor;
  /** Items the network answered without what Rostra needs (an id, a date): left out, and counted here. */
  skipped?: number;
}

export interface SourceStream {
  /** Resolves when the stream stops (signal aborted); rejects with a ConnectorError when it cannot go on. */
  done: Promise<void>;
}

export interface MentionSource {
  /** The kinds of sources this network offers, with the settings each needs. */
  readonly kinds: readonly { kind: string; fields: readonly string[]; realtime?: boolean }[];
  /** Problems with a source's settings, one per bad field (empty when fine). */
  validate(spec: Omit<SourceSpec, 'credentials'>): SourceProblem[];
  /** One poll, from the stored cursor. Failures throw ConnectorError (`rate_limited` with retryAfterMs…). */
  poll?(spec: SourceSpec, cursor: SourceCursor, options?: SourcePollOptions): Promise<SourcePoll>;
  /**
   * Real time (Jetstream, Mastodon streaming): calls `onBatch` with items and the cursor to resume from; awaits
   * it before reading on, so a cursor is only stored once its items are.
   */
  stream?(
    spec: SourceSpec,
    cursor: SourceCursor,
    onBatch: (batch: SourcePoll) => Promise<void>,
    options: SourcePollOptions & { signal: AbortSignal },
  ): SourceStream;
}

/** One reading of a channel's inbox. */
export interface InboxReadRequest {
  /** The first reading (no cursor yet) goes back to this time (ms): the backfill. */
  since: number;
  /** What the previous reading returned; null the first time. */
  cursor: string | null;
  signal?: AbortSignal;
}

export interface InboxRead {
  /** Each item at most once per reading; a later reading may hand an item on again (Rostra stores it once). */
  items: SourceInboxItem[];
  /** Where the next reading resumes: stored with these items, in one transaction. */
  cursor: string | null;
  /** More is waiting already (a long backfill, a flood): read again at once from `cursor`. */
  more: boolean;
  /** Items the network answered without what Rostra needs: left out, and counted here. */
  skipped?: number;
}

export interface InboxSource {
  /** The kinds of items this network hands on. */
  readonly kinds: readonly InboxItemKind[];
  /** Failures throw ConnectorError (`rate_limited` with retryAfterMs, `auth_expired`…), as publishing's do. */
  readInbox(credentials: ChannelCredentials, request: InboxReadRequest): Promise<InboxRead>;
}
