// The WordPress connector: any self-hosted or hosted WordPress (5.6+) reached with an application password,
// publishing posts (title, categories and tags by name, featured image, draft or live) at most once per
// idempotency key — the key becomes the post's slug, looked up before every attempt. Replies and the first
// comment become comments, found again before every attempt.
import type { ChannelCredentials, Connector, PublishRequest, PublishedRef, Publisher } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { outboundFetch } from '../outbound.js';
import { createWordPressApi, isWordPressError, type ApiOptions, type Taxonomy, type WordPressApi } from './api.js';
import {
  escapeHtml,
  splitTitle,
  toCommentMarker,
  toCommentRef,
  toCommentWords,
  toHtml,
  toMediaSlug,
  toPostRef,
  toSlug,
} from './mapping.js';
import { isBlocking, NETWORK, readOptions, validatePost, type PostOptions } from './rules.js';
import { connectSite, readSession, type WordPressSession } from './session.js';

export { normalizeSiteUrl } from './session.js';
export { toSlug } from './mapping.js';

export interface WordPressConnectorOptions {
  /** Per HTTP call; past it a post is `unknown_outcome`, anything else `unavailable`. Default 30 s. */
  timeoutMs?: number;
  /** The fetch to reach sites with (default: the guarded outboundFetch; tests put a TLS terminator in front). */
  fetch?: typeof fetch;
}

/** Every capability declared, none optional: tools and tests call them without checks. */
export interface WordPressConnector extends Connector {
  readonly connect: NonNullable<Connector['connect']>;
  readonly publisher: Publisher & {
    findPublished: NonNullable<Publisher['findPublished']>;
    comment: NonNullable<Publisher['comment']>;
  };
}

export function createWordPressConnector(options: WordPressConnectorOptions = {}): WordPressConnector {
  const api: ApiOptions = { timeoutMs: options.timeoutMs ?? 30_000, fetch: options.fetch ?? outboundFetch };
  const open = (session: WordPressSession) => createWordPressApi(session, api);

  return {
    network: NETWORK,
    auth: 'app-password',
    connect: (input) => connectSite(input, api),
    connectFields: [
      {
        name: 'site',
        required: true,
        description: 'the site address, e.g. mairie-exemple.fr',
        input: 'url',
        placeholder: 'https://www.exemple.fr',
      },
      { name: 'username', required: true, description: 'the WordPress user name', input: 'text' },
      {
        name: 'applicationPassword',
        required: true,
        description: 'an application password (Users → Profile → Application Passwords)',
        input: 'secret',
        placeholder: 'xxxx xxxx xxxx xxxx xxxx xxxx',
      },
    ],
    // No refresh: application passwords do not expire.
    publisher: {
      idempotent: true,
      validate: (request) => validatePost(request),
      async publish(credentials, request) {
        const session = readSession(credentials);
        const violations = validatePost(request);
        const blocking = violations.filter(isBlocking);
        const { options: postOptions } = readOptions(request.options);
        if (blocking.length > 0 || !postOptions) {
          throw new ConnectorError(NETWORK, 'rejected', blocking.map((v) => v.message).join('; '));
        }
        const client = open(session);
        if (request.replyTo) return publishComment(client, session, request, request.replyTo);
        return publishPost(client, session, request, postOptions);
      },
      async findPublished(credentials: ChannelCredentials, idempotencyKey: string) {
        const session = readSession(credentials);
        const client = open(session);
        const post = await client.findPostBySlug(toSlug(idempotencyKey));
        if (post) return toPostRef(post);
        return findComment(client, session, idempotencyKey);
      },
      async comment(credentials, on, request) {
        const session = readSession(credentials);
        const blocking = validatePost({ text: request.text }).filter(isBlocking);
        if (blocking.length > 0) {
          throw new ConnectorError(NETWORK, 'rejected', blocking.map((v) => v.message).join('; '));
        }
        return publishFirstComment(open(session), session, on, request);
      },
    },
  };
}

export const wordpress: WordPressConnector = createWordPressConnector();

/** WordPress's default wait between two comments of one person (the `comment_flood_filter` interval). */
const COMMENT_FLOOD_MS = 15_000;

/**
 * Looks the slug up first, so a retry after a crash or an unknown outcome answers the post made the first
 * time; then names become term ids, the image is uploaded (or found, by its own slug), and the post is made.
 */
async function publishPost(
  api: WordPressApi,
  session: WordPressSession,
  request: PublishRequest,
  options: PostOptions,
): Promise<PublishedRef> {
  const slug = toSlug(request.idempotencyKey);
  const existing = await api.findPostBySlug(slug);
  if (existing) return toPostRef(existing);

  const categories = await resolveTerms(api, session, 'categories', options.categories);
  const tags = await resolveTerms(api, session, 'tags', options.tags);
  const image = request.media?.[0];
  let featuredMedia: number | undefined;
  if (image) {
    const mediaSlug = toMediaSlug(request.idempotencyKey);
    featuredMedia =
      (await api.findMediaBySlug(mediaSlug)) ??
      (await api.uploadMedia({
        data: image.data,
        mimeType: image.mimeType,
        filename: `${mediaSlug}.${EXTENSIONS[image.mimeType] ?? 'bin'}`,
        alt: image.alt.trim(),
        slug: mediaSlug,
      }));
  }

  const { title, body } = splitTitle(request.text, options.title);
  const post: Record<string, unknown> = {
    title,
    content: toHtml(body) + linkParagraph(request),
    status: options.status,
    slug,
  };
  if (options.excerpt !== undefined) post.excerpt = options.excerpt;
  if (categories.length > 0) post.categories = categories;
  if (tags.length > 0) post.tags = tags;
  if (featuredMedia !== undefined) post.featured_media = featuredMedia;
  return toPostRef(await api.createPost(post));
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** A link card has no WordPress equivalent: the link goes at the end of the body, unless the text has it. */
function linkParagraph(request: PublishRequest): string {
  const link = request.link;
  if (!link || request.text.includes(link.url)) return '';
  const label = link.title?.trim() || link.url;
  return `\n\n<p><a href="${escapeHtml(link.url)}">${escapeHtml(label)}</a></p>`;
}

/**
 * Names as term ids, made when missing. Categories shape a site's menus: WordPress lets only editors and
 * administrators make them (`manage_categories`), and tags likewise through the REST API (the classic editor's
 * on-the-fly tags do not apply): a refusal says which name is missing rather than posting without it.
 * https://developer.wordpress.org/rest-api/reference/tags/#create-a-tag
 */
async function resolveTerms(
  api: WordPressApi,
  session: WordPressSession,
  taxonomy: Taxonomy,
  names: string[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const found = await api.findTerm(taxonomy, name);
    if (found) {
      ids.push(found.id);
      continue;
    }
    try {
      ids.push((await api.createTerm(taxonomy, name)).id);
    } catch (error) {
      if (error instanceof ConnectorError && error.code === 'rejected') {
        const what = taxonomy === 'categories' ? 'category' : 'tag';
        throw new ConnectorError(
          NETWORK,
          'rejected',
          `WordPress: the ${what} "${name}" does not exist on ${session.site} and ${session.username} may not create it (${error.message}); create it there, or ask an editor`,
          { cause: error },
        );
      }
      throw error;
    }
  }
  return ids;
}

/**
 * A reply is a comment on the post it answers, nested under the comment it answers. Comments have no slug:
 * the key's marker in the user agent lets a retry find the comment made the first time.
 */
async function publishComment(
  api: WordPressApi,
  session: WordPressSession,
  request: PublishRequest,
  replyTo: PublishedRef,
): Promise<PublishedRef> {
  const existing = await findComment(api, session, request.idempotencyKey);
  if (existing) return existing;
  const comment = await api.createComment({
    post: Number(replyTo.extra?.postId),
    parent: replyTo.extra?.commentId ? Number(replyTo.extra.commentId) : 0,
    content: toHtml(request.text),
    author_user_agent: toCommentMarker(request.idempotencyKey),
  });
  return toCommentRef(comment);
}

async function findComment(
  api: WordPressApi,
  session: WordPressSession,
  idempotencyKey: string,
): Promise<PublishedRef | undefined> {
  const marker = toCommentMarker(idempotencyKey);
  let comments;
  try {
    // Among the user's 100 latest comments: retries come soon after the first attempt.
    comments = await api.listCommentsBy(session.userId);
  } catch (error) {
    // Only moderators may read comments in the edit context (403 rest_forbidden_context for authors): their
    // retried replies are kept single by WordPress's own duplicate check instead (409 comment_duplicate).
    if (error instanceof ConnectorError && error.code === 'rejected') return undefined;
    throw error;
  }
  const comment = comments.find((candidate) => candidate.userAgent === marker);
  return comment ? toCommentRef(comment) : undefined;
}

/**
 * The first comment, under the post itself. A retry must not say it twice: the user's own comments on the post
 * are read first, and one with the same marker (moderators can read it) or the same words is the one made before.
 * https://developer.wordpress.org/rest-api/reference/comments/#create-a-comment
 */
async function publishFirstComment(
  api: WordPressApi,
  session: WordPressSession,
  on: PublishedRef,
  request: PublishRequest,
): Promise<PublishedRef> {
  const postId = Number(on.extra?.postId ?? Number.NaN);
  if (!Number.isSafeInteger(postId) || postId <= 0) {
    throw new ConnectorError(
      NETWORK,
      'rejected',
      `WordPress: ${on.url || on.id} carries no post id, so the first comment has no post to go under`,
    );
  }
  const content = toHtml(request.text);
  const marker = toCommentMarker(request.idempotencyKey);
  const existing = await findOwnComment(api, session, postId, marker, content);
  if (existing) return existing;
  try {
    return toCommentRef(await api.createComment({ post: postId, content, author_user_agent: marker }));
  } catch (error) {
    // Who does not moderate comments waits between two of them (15 s unless a plugin changes it); WordPress
    // says so with a 400. A wait, not a refusal: on the person's own post the comment is approved at once, so
    // the retry finds it by its words if it went through after all.
    // https://developer.wordpress.org/reference/functions/wp_check_comment_flood/
    if (isWordPressError(error, 'comment_flood')) {
      throw new ConnectorError(NETWORK, 'rate_limited', (error as Error).message, {
        retryAfterMs: COMMENT_FLOOD_MS,
        cause: error,
      });
    }
    // WordPress itself refuses the same words twice from one person on a post: the comment is there, though a
    // non-moderator cannot list it while it waits for moderation.
    if (!isWordPressError(error, 'comment_duplicate')) throw error;
    const found = await findOwnComment(api, session, postId, marker, content);
    if (found) return found;
    throw new ConnectorError(
      NETWORK,
      'rejected',
      `WordPress: this first comment is already on post ${postId} of ${session.site}, but ${session.username} cannot see it (held for moderation?); approve it there`,
      { cause: error },
    );
  }
}

async function findOwnComment(
  api: WordPressApi,
  session: WordPressSession,
  postId: number,
  marker: string,
  content: string,
): Promise<PublishedRef | undefined> {
  let comments;
  try {
    comments = await api.listCommentsOn(postId, session.userId, 'edit');
  } catch (error) {
    // Authors may not read the edit context (403 rest_forbidden_context): the approved comments will do.
    if (!(error instanceof ConnectorError && error.code === 'rejected')) throw error;
    comments = await api.listCommentsOn(postId, session.userId, 'view');
  }
  const words = toCommentWords(content);
  const comment = comments.find(
    (candidate) => candidate.userAgent === marker || toCommentWords(candidate.content) === words,
  );
  return comment ? toCommentRef(comment) : undefined;
}
