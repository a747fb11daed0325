import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceCursor } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createFeedConnector, createFeedMentions, validateFeedSpec } from './source.js';

// Real feeds from the rss-parser test suite (MIT), kept outside the repository.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const REAL_FEEDS = [path.resolve(repoRoot, '../shared/data/feeds-real'), '/work/shared/data/feeds-real'].find((dir) =>
  existsSync(dir),
);

type Route = (request: IncomingMessage, response: ServerResponse) => void;
const routes = new Map<string, Route>();
const requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push({ path: pathname, headers: request.headers });
    const route = routes.get(pathname);
    if (route) return route(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  routes.clear();
  requests.length = 0;
});

/** Serves `body()` with an ETag derived from it, answering 304 when the client already has it. */
function serveWithEtag(pathname: string, body: () => string | Buffer, contentType = 'application/rss+xml'): string {
  routes.set(pathname, (request, response) => {
    const content = body();
    const etag = `"${Buffer.byteLength(content)}-${String(content).length}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    response.writeHead(200, { 'content-type': contentType, etag }).end(content);
  });
  return `${origin}${pathname}`;
}

function rss(items: { guid: string; title: string; date: string; category?: string }[]): string {
  const entries = items
    .map(
      (item) =>
        `<item><guid isPermaLink="false">${item.guid}</guid><title>${item.title}</title>` +
        `<link>https://blog.example.fr/${item.guid}</link><pubDate>${item.date}</pubDate>` +
        `<description>&lt;p&gt;Texte de ${item.title}&lt;/p&gt;</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><link>https://blog.example.fr/</link><language>fr</language>${entries}</channel></rss>`;
}

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12)).toUTCString();

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('feed connector', () => {
  const source = createFeedMentions();

  it('is a feed connector without authentication, with one kind', () => {
    const connector = createFeedConnector();
    expect(connector.network).toBe('feed');
    expect(connector.auth).toBe('none');
    expect(connector.mentions?.kinds).toEqual([{ kind: 'feed', fields: ['url'] }]);
  });

  it.each([
    [{ kind: 'feed', config: {} }, [{ field: 'url', code: 'address_missing' }]],
    [{ kind: 'feed', config: { url: '   ' } }, [{ field: 'url', code: 'address_missing' }]],
    [{ kind: 'feed', config: { url: 'ftp://example.org/feed' } }, [{ field: 'url', code: 'address_scheme' }]],
    [{ kind: 'feed', config: { url: 'example.org/feed' } }, [{ field: 'url', code: 'address_invalid' }]],
    [
      { kind: 'feed', config: { url: 'https://example.org/feed', tag: 'x' } },
      [{ field: 'tag', code: 'unknown_field' }],
    ],
    [
      { kind: 'page', config: { url: 'https://example.org/feed' } },
      [{ field: 'kind', code: 'source_kind_unsupported' }],
    ],
    [{ kind: 'feed', config: { url: 'https://example.org/feed.xml' } }, []],
  ])('validates %j', (spec, expected) => {
    const problems = validateFeedSpec(spec);
    expect(problems.map(({ field, code }) => ({ field, code }))).toEqual(expected);
    for (const problem of problems) expect(problem.message).not.toBe('');
  });

  it('names what people typed in the parameters of a refused address', () => {
    expect(validateFeedSpec({ kind: 'feed', config: { url: 'example.org/feed' } })[0]?.params).toEqual({
      value: 'example.org/feed',
    });
  });

  it.skipIf(!REAL_FEEDS)('reads a YouTube channel feed: video ids, description text, then a cheap 304', async () => {
    const url = serveWithEtag('/youtube.atom', () => readFileSync(path.join(REAL_FEEDS!, 'atom-customfields.atom')));
    const first = await source.poll!({ kind: 'feed', config: { url } }, null);
    expect(first.items).toHaveLength(15);
    const video = first.items.find((item) => item.externalId === 'yt:video:lR-w1h5ONOY')!;
    expect(video).toMatchObject({
      network: 'feed',
      url: 'https://www.youtube.com/watch?v=lR-w1h5ONOY',
      title: 'Buy Now, Bitches*',
      site: 'www.youtube.com',
      publishedAt: Date.parse('2017-09-14T18:03:34+00:00'),
      author: { id: 'https://www.youtube.com/channel/UCBcRF18a7Qf58cCRy5xuWwQ', name: 'L2inc' },
    });
    // The media:group description is the only text a YouTube feed has.
    expect(video.text).toContain('Scott\'s Book "The Four"');
    expect(video.text).not.toMatch(/&quot;|<[a-z]/);
    // Newest first.
    const dates = first.items.map((item) => item.publishedAt ?? 0);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));

    const second = await source.poll!({ kind: 'feed', config: { url } }, first.cursor);
    expect(second.items).toEqual([]);
    expect(requests.at(-1)!.headers['if-none-match']).toMatch(/^"/);
    expect(second.cursor).toBe(first.cursor);
  });

  it.skipIf(!REAL_FEEDS)('reads a feed in ISO-8859-1 with its declared language', async () => {
    const url = serveWithEtag('/jn.rss', () => readFileSync(path.join(REAL_FEEDS!, 'encoding.rss')));
    const { items } = await source.poll!({ kind: 'feed', config: { url } }, null);
    expect(items).toHaveLength(40);
    // Feedburner links: the site is where the item link points.
    expect(items[0]).toMatchObject({ language: 'pt-pt', site: 'feeds.jn.pt' });
    expect(items.map((item) => item.title)).toContain('Mãe de utente é a nova presidente da Raríssimas');
  });

  it('hands on only the items it has not handed on before, even when the feed reorders them', async () => {
    let items = [
      { guid: 'a', title: 'Premier', date: day(1) },
      { guid: 'b', title: 'Deuxième', date: day(2) },
    ];
    const url = serveWithEtag('/blog.rss', () => rss(items));
    const spec = { kind: 'feed', config: { url } };
    const first = await source.poll!(spec, null);
    expect(first.items.map((item) => item.title)).toEqual(['Deuxième', 'Premier']);
    // Guids only unique within the feed are made global with the feed's address.
    expect(first.items[0]).toMatchObject({
      externalId: `${url}#b`,
      url: 'https://blog.example.fr/b',
      language: 'fr',
      site: 'blog.example.fr',
      text: 'Texte de Deuxième',
    });

    items = [{ guid: 'c', title: 'Troisième', date: day(3) }, ...items.reverse()];
    const second = await source.poll!(spec, first.cursor);
    expect(second.items.map((item) => item.externalId)).toEqual([`${url}#c`]);

    const third = await source.poll!(spec, second.cursor);
    expect(third.items).toEqual([]);
  });

  it('hands on an entry again when it is updated, with its update date as editedAt', async () => {
    let text = 'La piscine ouvre lundi';
    let updated = '2026-01-05T08:00:00Z';
    const url = serveWithEtag(
      '/news.atom',
      () =>
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Actu</title><link href="https://ville.example/"/>' +
        '<entry><id>tag:ville.example,2026:1</id><title>Piscine</title><link href="https://ville.example/1"/>' +
        `<published>2026-01-05T08:00:00Z</published><updated>${updated}</updated><content type="text">${text}</content></entry>` +
        '<entry><id>tag:ville.example,2026:2</id><title>Marché</title><published>2026-01-04T08:00:00Z</published>' +
        '<content type="text">Le marché est ouvert</content></entry></feed>',
      'application/atom+xml',
    );
    const spec = { kind: 'feed', config: { url } };
    const first = await source.poll!(spec, null);
    expect(first.items.map((item) => [item.text, item.editedAt])).toEqual([
      ['La piscine ouvre lundi', null],
      ['Le marché est ouvert', null],
    ]);

    text = 'La piscine ouvre enfin mardi';
    updated = '2026-01-05T15:00:00Z';
    const second = await source.poll!(spec, first.cursor);
    expect(second.items).toEqual([
      { ...first.items[0], text: 'La piscine ouvre enfin mardi', editedAt: Date.UTC(2026, 0, 5, 15) },
    ]);
    expect((await source.poll!(spec, second.cursor)).items).toEqual([]);
  });

  it('caps a flood and hands on the rest with the next polls, never skipping one behind a 304', async () => {
    const items = Array.from({ length: 5 }, (_, index) => ({
      guid: `p${index}`,
      title: `Billet ${index}`,
      date: day(index + 1),
    }));
    const url = serveWithEtag('/flood.rss', () => rss(items));
    const capped = createFeedMentions({ maxItemsPerPoll: 2 });
    const spec = { kind: 'feed', config: { url } };
    const titles: string[][] = [];
    let cursor: SourceCursor = null;
    for (let poll = 0; poll < 4; poll += 1) {
      const result = await capped.poll!(spec, cursor);
      titles.push(result.items.map((item) => item.title!));
      cursor = result.cursor;
    }
    expect(titles).toEqual([['Billet 4', 'Billet 3'], ['Billet 2', 'Billet 1'], ['Billet 0'], []]);
    // Validators are only sent once everything was handed on.
    expect(requests.map((request) => request.headers['if-none-match'] ?? null)).toEqual([
      null,
      null,
      null,
      expect.stringMatching(/^"/),
    ]);
  });

  it('maps HTTP failures to connector codes', async () => {
    routes.set('/gone', (_request, response) => response.writeHead(410).end());
    routes.set('/busy', (_request, response) => response.writeHead(429, { 'retry-after': '120' }).end());
    routes.set('/down', (_request, response) => response.writeHead(503).end());
    const poll = (pathname: string) => source.poll!({ kind: 'feed', config: { url: `${origin}${pathname}` } }, null);
    expect((await rejection(poll('/gone'))).code).toBe('rejected');
    const busy = await rejection(poll('/busy'));
    expect(busy.code).toBe('rate_limited');
    expect(busy.retryAfterMs).toBe(120_000);
    expect((await rejection(poll('/down'))).code).toBe('unavailable');
  });

  it('refuses a bad spec or a cursor it did not write, and stops when the caller aborts', async () => {
    expect((await rejection(source.poll!({ kind: 'feed', config: { url: 'file:///etc/passwd' } }, null))).code).toBe(
      'rejected',
    );
    const url = serveWithEtag('/ok.rss', () => rss([]));
    expect((await rejection(source.poll!({ kind: 'feed', config: { url } }, 'garbage'))).code).toBe('rejected');
    routes.set('/slow', () => undefined);
    const controller = new AbortController();
    const pending = source.poll!({ kind: 'feed', config: { url: `${origin}/slow` } }, null, {
      signal: controller.signal,
    });
    controller.abort();
    expect((await rejection(pending)).code).toBe('unavailable');
  });

  it('sends the instance user agent', async () => {
    const url = serveWithEtag('/ua.rss', () => rss([]));
    await source.poll!({ kind: 'feed', config: { url } }, null, { userAgent: 'Rostra/1 (+https://rostra.example)' });
    expect(requests.at(-1)!.headers['user-agent']).toBe('Rostra/1 (+https://rostra.example)');
  });
});
