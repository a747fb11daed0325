// The WordPress connector against a real WordPress (Playground serving Debian's WordPress core, on loopback):
// the publisher contract, then WordPress's quirks, each checked through WordPress's own REST API afterwards.
// Faults on the wire come from a proxy in front of the same WordPress.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelCredentials } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.js';
import { makeGif, makePng } from '../testing/images.js';
import { describePublisherContract, type HeldPost } from '../testing/publisher-contract.js';
import { startWordPressServer, type WordPressTestServer, type WordPressTestUser } from '../testing/wordpress-server.js';
import { createWordPressConnector, toSlug } from './index.js';
import { decodeEntities, toHtml } from './mapping.js';
import { LIMITS } from './rules.js';

// WordPress runs as WebAssembly on a shared machine: a request takes from 0.1 s to a few seconds under load.
vi.setConfig({ testTimeout: 120_000 });

let server: WordPressTestServer;
let connector: ReturnType<typeof createWordPressConnector>;
let admin: ChannelCredentials;
let author: ChannelCredentials;

beforeAll(async () => {
  server = await startWordPressServer();
  connector = createWordPressConnector({ fetch: server.fetch });
  admin = (await connectAs(server.admin)).credentials;
  author = (await connectAs(server.author)).credentials;
});

afterAll(async () => {
  await server?.stop();
});

const connectAs = (user: WordPressTestUser, site = server.siteUrl) =>
  connector.connect({ site, username: user.username, applicationPassword: user.applicationPassword });

/** WordPress's REST API read as the administrator, the way an editor's screen would (context=edit). */
async function readRest<T>(route: string, query: Record<string, string> = {}): Promise<T> {
  const url = new URL(`${server.siteUrl}/wp-json${route}`);
  for (const [name, value] of Object.entries({ context: 'edit', ...query })) url.searchParams.set(name, value);
  const { username, applicationPassword } = server.admin;
  const response = await server.fetch(url, {
    headers: { authorization: `Basic ${Buffer.from(`${username}:${applicationPassword}`).toString('base64')}` },
  });
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

interface RestPost {
  id: number;
  slug: string;
  status: string;
  link: string;
  title: { raw: string };
  content: { raw: string; rendered: string };
  excerpt: { raw: string };
  categories: number[];
  tags: number[];
  featured_media: number;
}

interface RestComment {
  id: number;
  post: number;
  parent: number;
  content: { raw: string };
}

const readPost = (id: string) => readRest<RestPost>(`/wp/v2/posts/${id}`);

async function readAll<T>(route: string, query: Record<string, string>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const items = await readRest<T[]>(route, { per_page: '100', page: String(page), ...query });
    all.push(...items);
    if (items.length < 100) return all;
  }
}

/** The HTML the connector writes, back to the text it came from. */
function toText(html: string): string {
  return decodeEntities(
    html
      .split(/<\/p>\s*<p>/)
      .join('\n\n')
      .replace(/<br \/>\n/g, '\n')
      .replace(/<[^>]*>/g, ''),
  ).trim();
}

type ListedPost = RestPost & { _embedded?: { 'wp:featuredmedia'?: { alt_text?: string }[] } };

async function listHeld(): Promise<HeldPost[]> {
  // The featured image comes embedded (its alt_text is in the embed context): two requests, not three. Only the
  // post fields read here are asked for: WordPress then skips rendering each post through its filters
  // (the_content), work that grows with every post the suite writes.
  const posts = await readAll<ListedPost>('/wp/v2/posts', {
    status: 'publish,draft,pending,future,private',
    _embed: 'wp:featuredmedia',
    _fields: 'id,content.raw,featured_media,_links,_embedded',
  });
  const comments = await readAll<RestComment>('/wp/v2/comments', { status: 'all' });
  return [
    ...posts.map((post) => ({
      id: String(post.id),
      text: toText(post.content.raw),
      alts: post.featured_media ? [post._embedded?.['wp:featuredmedia']?.[0]?.alt_text ?? ''] : [],
    })),
    ...comments.map((comment) => ({
      id: `comment-${comment.id}`,
      text: toText(comment.content.raw),
      replyTo: comment.parent ? `comment-${comment.parent}` : String(comment.post),
      threadRoot: String(comment.post),
      alts: [],
    })),
  ];
}

describePublisherContract('wordpress', async () => ({
  connector,
  credentials: admin,
  badCredentials: { data: { ...admin.data, applicationPassword: 'abcd EFGH ijkl MNOP qrst UVWX' } },
  listPosts: listHeld,
  textLimit: LIMITS.textBytes,
  sampleImage: { data: makePng(8, 8), mimeType: 'image/png', alt: '' },
}));

const newKey = () => `wordpress-${randomUUID()}`;

describe('connecting a WordPress site', () => {
  it('finds the REST API from the site address and names the account after the site and the user', async () => {
    const account = await connectAs(server.admin);
    expect(account.accountId).toBe(`${server.siteUrl}#user-${server.admin.id}`);
    expect(account.name).toBe(`My WordPress Website (${server.admin.username})`);
    expect(account.credentials.data).toMatchObject({
      apiRoot: `${server.siteUrl}/wp-json/`,
      userId: String(server.admin.id),
    });
  });

  it('accepts the address of the admin screens, as people paste it', async () => {
    const account = await connectAs(server.author, `${server.siteUrl}/wp-admin/profile.php`);
    expect(account.accountId).toBe(`${server.siteUrl}#user-${server.author.id}`);
  });

  it('refuses a wrong application password with auth_expired', async () => {
    const attempt = connectAs({ ...server.admin, applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' });
    await expect(attempt).rejects.toMatchObject({ code: 'auth_expired', network: 'wordpress' });
  });

  it('refuses an address that is not a WordPress site, saying so', async () => {
    const plain: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>Mairie</title><p>Bienvenue</p>');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const site = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
      const attempt = connectAs(server.admin, site);
      await expect(attempt).rejects.toMatchObject({ code: 'rejected', network: 'wordpress' });
      await expect(attempt).rejects.toThrow(/does not look like a WordPress site/);
    } finally {
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it('refuses plain http to a remote site, since the password travels with every request', async () => {
    await expect(connectAs(server.admin, 'http://exemple.fr')).rejects.toMatchObject({ code: 'rejected' });
  });
});

describe('WordPress posts', () => {
  it('sets categories and tags by name: existing ones matched case aside, missing ones created once', async () => {
    const options = { categories: ['uncategorized', 'Vie locale'], tags: ['Marché', 'Culture & loisirs'] };
    const first = await connector.publisher.publish(admin, { idempotencyKey: newKey(), text: 'Le marché', options });
    const second = await connector.publisher.publish(admin, { idempotencyKey: newKey(), text: 'Le marché 2', options });
    const categories = await readAll<{ id: number; name: string }>('/wp/v2/categories', {});
    const tags = await readAll<{ id: number; name: string }>('/wp/v2/tags', {});
    const idOf = (terms: { id: number; name: string }[], name: string) =>
      terms.filter((term) => decodeEntities(term.name) === name).map((term) => term.id);
    expect(idOf(categories, 'Vie locale')).toHaveLength(1);
    expect(idOf(tags, 'Culture & loisirs')).toHaveLength(1);
    for (const ref of [first, second]) {
      const post = await readPost(ref.id);
      expect(post.categories.sort()).toEqual(
        [...idOf(categories, 'Uncategorized'), ...idOf(categories, 'Vie locale')].sort(),
      );
      expect(post.tags.sort()).toEqual([...idOf(tags, 'Marché'), ...idOf(tags, 'Culture & loisirs')].sort());
    }
  });

  it('refuses, before posting, a category the author may not create; existing ones are fine', async () => {
    const refusedKey = newKey();
    const attempt = connector.publisher.publish(author, {
      idempotencyKey: refusedKey,
      text: 'Conseil municipal',
      options: { categories: ['Catégorie inconnue'] },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'rejected' });
    await expect(attempt).rejects.toThrow(/category "Catégorie inconnue" does not exist/);
    expect(await connector.publisher.findPublished(author, refusedKey)).toBeUndefined();
    const ref = await connector.publisher.publish(author, {
      idempotencyKey: newKey(),
      text: 'Conseil municipal',
      options: { categories: ['Vie locale'] },
    });
    expect((await readPost(ref.id)).status).toBe('publish');
  });

  it('uploads the first image as the featured image, with its alternative text, once per key', async () => {
    const key = newKey();
    const request = {
      idempotencyKey: key,
      text: 'Travaux place de la mairie',
      media: [{ data: makeGif(), mimeType: 'image/gif', alt: 'La place en travaux' }],
    };
    const ref = await connector.publisher.publish(admin, request);
    const post = await readPost(ref.id);
    expect(post.featured_media).toBeGreaterThan(0);
    const media = await readRest<{ alt_text: string; mime_type: string; slug: string }>(
      `/wp/v2/media/${post.featured_media}`,
    );
    expect(media).toMatchObject({ alt_text: 'La place en travaux', mime_type: 'image/gif' });
    expect(await connector.publisher.publish(admin, request)).toEqual(ref);
    const uploads = await readAll<{ slug: string }>('/wp/v2/media', { slug: media.slug });
    expect(uploads).toHaveLength(1);
  });

  it('publishes a draft when asked, live by default, and finds either by its key', async () => {
    const draftKey = newKey();
    const draft = await connector.publisher.publish(admin, {
      idempotencyKey: draftKey,
      text: 'Brouillon du bulletin',
      options: { status: 'draft', excerpt: 'Le bulletin de novembre' },
    });
    const live = await connector.publisher.publish(admin, { idempotencyKey: newKey(), text: 'Bulletin publié' });
    expect(await readPost(draft.id)).toMatchObject({
      status: 'draft',
      slug: toSlug(draftKey),
      excerpt: { raw: 'Le bulletin de novembre' },
    });
    expect((await readPost(live.id)).status).toBe('publish');
    expect(await connector.publisher.findPublished(admin, draftKey)).toEqual(draft);
  });

  it('keeps untrusted text as text: markup escaped, paragraphs and line breaks kept, addresses made links', async () => {
    const text = 'Alerte <script>alert("x")</script> & co\nligne 2\n\nVoir https://exemple.fr/a?b=1&c=2.';
    const ref = await connector.publisher.publish(admin, {
      idempotencyKey: newKey(),
      text,
      options: { title: 'Alerte' },
    });
    const post = await readPost(ref.id);
    expect(post.title.raw).toBe('Alerte');
    expect(post.content.raw).toBe(
      '<p>Alerte &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co<br />\nligne 2</p>\n\n' +
        '<p>Voir <a href="https://exemple.fr/a?b=1&amp;c=2">https://exemple.fr/a?b=1&amp;c=2</a>.</p>',
    );
    expect(post.content.rendered).not.toContain('<script');
    expect(toText(post.content.raw)).toBe(text);
  });

  it('takes a short first line followed by a blank line as the title', async () => {
    const ref = await connector.publisher.publish(admin, {
      idempotencyKey: newKey(),
      text: 'Fermeture de la piscine\n\nLa piscine ferme du 2 au 9 décembre.',
    });
    const post = await readPost(ref.id);
    expect(post.title.raw).toBe('Fermeture de la piscine');
    expect(post.content.raw).toBe('<p>La piscine ferme du 2 au 9 décembre.</p>');
  });

  it('publishes a reply once per key: found by its marker, or refused as a duplicate for non-moderators', async () => {
    const root = await connector.publisher.publish(admin, { idempotencyKey: newKey(), text: 'Sujet du jour' });
    const reply = { idempotencyKey: newKey(), text: `Réponse ${randomUUID()}`, replyTo: root };
    const first = await connector.publisher.publish(admin, reply);
    expect(await connector.publisher.publish(admin, reply)).toEqual(first);
    expect(await connector.publisher.findPublished(admin, reply.idempotencyKey)).toEqual(first);

    const byAuthor = { ...reply, idempotencyKey: newKey(), text: `Réponse ${randomUUID()}` };
    await connector.publisher.publish(author, byAuthor);
    await expect(connector.publisher.publish(author, byAuthor)).rejects.toMatchObject({ code: 'rejected' });
    const held = await listHeld();
    expect(held.filter((post) => post.text === reply.text)).toHaveLength(1);
    expect(held.filter((post) => post.text === byAuthor.text)).toHaveLength(1);
  });

  it('adds the first comment under the post once, however often the delivery is retried', async () => {
    const post = await connector.publisher.publish(admin, { idempotencyKey: newKey(), text: 'Marché de Noël' });
    const comment = {
      idempotencyKey: `${newKey()}:comment`,
      text: `Programme complet sur https://lyon.fr/noel — l'entrée est libre ${randomUUID()}`,
    };
    const first = await connector.publisher.comment(admin, post, comment);
    expect(await connector.publisher.comment(admin, post, comment)).toEqual(first);
    const held = (await listHeld()).filter((item) => item.text === comment.text);
    expect(held).toEqual([expect.objectContaining({ id: first.id, replyTo: post.id, threadRoot: post.id })]);
  });

  it('recognises an author’s first comment by its words, since authors cannot read the marker', async () => {
    const own = await connector.publisher.publish(author, { idempotencyKey: newKey(), text: 'Fête des Lumières' });
    const byAuthor = {
      idempotencyKey: `${newKey()}:comment`,
      text: `Horaires : 18 h -- 23 h, "venez tôt" ${randomUUID()}`,
    };
    // The first attempt's comment, as WordPress keeps it (made here by the administrator in the author's name:
    // an author's own second comment within 15 s would meet WordPress's flood check, not this code).
    const { username, applicationPassword } = server.admin;
    const made = await server.fetch(`${server.siteUrl}/wp-json/wp/v2/comments`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${applicationPassword}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        post: Number(own.id),
        author: Number(author.data.userId),
        content: toHtml(byAuthor.text),
      }),
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const madeId = ((await made.json()) as { id: number }).id;
    const found = await connector.publisher.comment(author, own, byAuthor);
    expect(found).toMatchObject({ id: `comment-${madeId}`, extra: { postId: own.id } });
    expect((await listHeld()).filter((item) => item.text === byAuthor.text)).toHaveLength(1);
  });

  it('refuses what it cannot publish before calling WordPress', async () => {
    const attempt = connector.publisher.publish(admin, {
      idempotencyKey: newKey(),
      text: 'Deux images',
      media: [
        { data: makePng(2, 2), mimeType: 'image/png', alt: 'une' },
        { data: makePng(2, 2), mimeType: 'image/png', alt: 'deux' },
      ],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'rejected' });
  });
});

/** Names each call through the fault proxy, so a swallowed one can be told apart. */
const CALL_HEADER = 'x-rostra-test-call';

// WordPress Playground runs PHP in WebAssembly: on a loaded 2-core machine one request may take seconds, so the
// connector's timeout here only has to tell a swallowed answer from a slow one.
describe('WordPress failures on the wire', { timeout: 120_000 }, () => {
  let proxy: FaultProxy;
  let viaProxy: ReturnType<typeof createWordPressConnector>;

  // A swallowed answer would keep the connector waiting for its whole deadline: once WordPress has finished that
  // request, its deadline is passed at once, failing the call exactly as AbortSignal.timeout does. Each call is
  // marked so that only the swallowed one ends, even if it had already given up and another call is under way.
  const deadlines = new Map<string, AbortController>();
  let calls = 0;
  const passDeadline = (headers: IncomingHttpHeaders) => {
    const call = headers[CALL_HEADER];
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    if (typeof call === 'string') deadlines.get(call)?.abort(reason);
  };

  beforeAll(async () => {
    proxy = await startFaultProxy(server.httpUrl, { onSwallowed: passDeadline });
    // The TLS terminator in front of the proxy: WordPress still sees its https address.
    viaProxy = createWordPressConnector({
      timeoutMs: 15_000,
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : input.toString();
        const target = url.startsWith(server.siteUrl) ? proxy.url + url.slice(server.siteUrl.length) : url;
        const call = String((calls += 1));
        const deadline = new AbortController();
        deadlines.set(call, deadline);
        const headers = new Headers(init?.headers);
        headers.set(CALL_HEADER, call);
        const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
        try {
          return await fetch(target, { ...init, headers, signal });
        } finally {
          deadlines.delete(call);
        }
      },
    });
  });

  afterAll(async () => {
    await proxy?.close();
  });

  const creatingPost = ({ method, path }: { method: string; path: string }) =>
    method === 'POST' && path.startsWith('/wp-json/wp/v2/posts');

  it('a lost answer is unknown_outcome; findPublished then finds the post and a retry returns it', async () => {
    const request = { idempotencyKey: newKey(), text: `Réponse perdue ${randomUUID()}` };
    proxy.setRule((call) => (creatingPost(call) ? { kind: 'swallow-answer' } : undefined));
    try {
      await expect(viaProxy.publisher.publish(admin, request)).rejects.toMatchObject({ code: 'unknown_outcome' });
    } finally {
      proxy.setRule(undefined);
    }
    const found = await viaProxy.publisher.findPublished(admin, request.idempotencyKey);
    expect(found).toBeDefined();
    expect(await viaProxy.publisher.publish(admin, request)).toEqual(found);
    expect((await listHeld()).filter((post) => post.text === request.text)).toHaveLength(1);
  });

  it('a first comment whose answer was lost is found on the retry, not posted again', async () => {
    const post = await viaProxy.publisher.publish(admin, { idempotencyKey: newKey(), text: 'Conseil municipal' });
    const comment = { idempotencyKey: `${newKey()}:comment`, text: `Ordre du jour : lyon.fr/conseil ${randomUUID()}` };
    const creatingComment = ({ method, path }: { method: string; path: string }) =>
      method === 'POST' && path.startsWith('/wp-json/wp/v2/comments');
    proxy.setRule((call) => (creatingComment(call) ? { kind: 'swallow-answer' } : undefined));
    try {
      await expect(viaProxy.publisher.comment(admin, post, comment)).rejects.toMatchObject({
        code: 'unknown_outcome',
      });
    } finally {
      proxy.setRule(undefined);
    }
    const retried = await viaProxy.publisher.comment(admin, post, comment);
    const held = (await listHeld()).filter((item) => item.text === comment.text);
    expect(held).toEqual([expect.objectContaining({ id: retried.id, replyTo: post.id })]);
  });

  it('a first comment WordPress holds back as too quick is a rate limit, retried after its interval', async () => {
    const post = await viaProxy.publisher.publish(admin, { idempotencyKey: newKey(), text: 'Vide-greniers' });
    const flood = { code: 'comment_flood', message: 'You are posting comments too quickly. Slow down.' };
    proxy.setRule(({ method, path }) =>
      method === 'POST' && path.startsWith('/wp-json/wp/v2/comments')
        ? { kind: 'answer', status: 400, body: { ...flood, data: { status: 400 } } }
        : undefined,
    );
    try {
      const attempt = viaProxy.publisher.comment(admin, post, { idempotencyKey: newKey(), text: 'Inscriptions' });
      await expect(attempt).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 15_000 });
    } finally {
      proxy.setRule(undefined);
    }
  });

  it.each([
    [429, { 'retry-after': '30' }, 'rate_limited', 30_000],
    [503, { 'retry-after': '600' }, 'unavailable', 600_000],
    [500, {}, 'unavailable', undefined],
    [504, {}, 'unknown_outcome', undefined],
    [403, {}, 'rejected', undefined],
  ] as const)('an answer %i becomes %s', async (status, headers, code, retryAfterMs) => {
    proxy.setRule((call) =>
      creatingPost(call)
        ? { kind: 'answer', status, headers, body: { code: 'injected', message: 'Injected', data: { status } } }
        : undefined,
    );
    try {
      const attempt = viaProxy.publisher.publish(admin, { idempotencyKey: newKey(), text: 'Panne' });
      await expect(attempt).rejects.toBeInstanceOf(ConnectorError);
      await expect(attempt).rejects.toMatchObject({ code, retryAfterMs });
    } finally {
      proxy.setRule(undefined);
    }
  });

  it('a 2xx answer without a post in it, after posting, is unknown_outcome', async () => {
    proxy.setRule((call) =>
      creatingPost(call) ? { kind: 'answer', status: 201, body: '<html>Merci</html>' } : undefined,
    );
    try {
      const attempt = viaProxy.publisher.publish(admin, { idempotencyKey: newKey(), text: 'Illisible' });
      await expect(attempt).rejects.toMatchObject({ code: 'unknown_outcome' });
    } finally {
      proxy.setRule(undefined);
    }
  });
});
