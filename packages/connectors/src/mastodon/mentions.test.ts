// Listening on Mastodon against the fake instance (testing/mastodon/fake-mastodon.ts, written from the API docs): timelines
// polled from a min_id mark through Link pagination, statuses mapped to plain-text mentions, the streaming
// API with catch-up after a disconnect, and failures as ConnectorError codes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourcePoll, SourceSpec } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { startFakeMastodon, type FakeMastodon } from '../testing/mastodon/fake-mastodon.js';
import { createMastodonMentions } from './mentions.js';

let fake: FakeMastodon;
const source = createMastodonMentions({ reconnectInitialMs: 5, reconnectMaxMs: 20, fallbackPollMs: 5 });
let serial = 0;

beforeAll(async () => {
  fake = await startFakeMastodon({ domain: 'piaille.test' });
});
afterEach(() => {
  expect(fake.unexpected.splice(0)).toEqual([]);
  fake.configure({ streaming: 'open' });
});
afterAll(() => fake.close());

/** A tag no other test uses, so that each test reads its own timeline. */
const freshTag = () => `municipales${++serial}`;
const hashtag = (tag: string): SourceSpec => ({ kind: 'hashtag', config: { instance: fake.url, tag } });
const user = (name: string, options: Parameters<FakeMastodon['createAccount']>[1] = {}) =>
  fake.createAccount(`${name}${++serial}`, options).account;

/** Streams a hashtag's timeline from the start, collecting the batches; `stop` aborts it. */
function streamHashtag(tag: string) {
  const batches: SourcePoll[] = [];
  const controller = new AbortController();
  const { done } = source.stream!(
    hashtag(tag),
    null,
    async (batch) => {
      batches.push(batch);
    },
    { signal: controller.signal },
  );
  return { batches, done, stop: () => controller.abort() };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

describe('validate', () => {
  it.each([
    [{ kind: 'hashtag', config: { instance: 'piaille.fr', tag: '#municipales' } }, []],
    [{ kind: 'public', config: { instance: 'https://piaille.fr', local: 'true' } }, []],
    [{ kind: 'account', config: { instance: 'piaille.fr', account: '@mairie@piaille.fr' } }, []],
    [{ kind: 'hashtag', config: { instance: 'piaille.fr', tag: '' } }, ['tag']],
    [{ kind: 'hashtag', config: { instance: 'piaille.fr', tag: 'élections 2026' } }, ['tag']],
    [{ kind: 'hashtag', config: { instance: 'piaille.fr', tag: '2026' } }, ['tag']],
    [{ kind: 'public', config: { instance: 'http://piaille.fr', local: 'oui' } }, ['instance', 'local']],
    [{ kind: 'account', config: { instance: '', account: 'not an account!' } }, ['instance', 'account']],
    [{ kind: 'public', config: { instance: 'piaille.fr', tag: 'x' } }, ['tag']],
    [{ kind: 'search', config: { instance: 'piaille.fr' } }, ['kind']],
  ])('%j → problems with %j', (spec, fields) => {
    const problems = source.validate(spec);
    expect(problems.map((p) => p.field)).toEqual(fields);
    for (const problem of problems) expect(problem.message).not.toBe('');
  });

  it('refuses to poll a source that does not validate, saying which field', async () => {
    const error = await source.poll?.({ kind: 'hashtag', config: { instance: fake.url } }, null).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('rejected');
    expect((error as ConnectorError).message).toMatch(/^tag:/);
  });
});

describe('polling a hashtag', () => {
  it('maps statuses to plain text, then finds only what is new', async () => {
    const tag = freshTag();
    const local = user('mairie', { displayName: 'Mairie de Lyon', followersCount: 1200 });
    const remote = user('claire', { domain: 'mastodon.social', followersCount: 35 });
    fake.addStatus({ username: local.username, text: `Avant le début #${tag}` });
    const first = await source.poll?.(hashtag(`#${tag}`), null);
    expect(first?.items.map((m) => m.text)).toEqual([`Avant le début #${tag}`]);

    // Real-shaped HTML as remote servers send it: links, a hashtag link, a script that must stay text.
    const html =
      `<p>Réunion publique &amp; débat ce soir <a href="https://mastodon.social/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a></p>` +
      `<p>Programme&nbsp;: <a href="https://lyon.fr/agenda" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="">lyon.fr/agenda</span></a><br />&lt;script&gt;alert(1)&lt;/script&gt;</p><script>steal()</script>`;
    const status = fake.addStatus({
      username: `${remote.username}@mastodon.social`,
      html,
      spoilerText: 'Politique locale',
      language: 'fr',
      tags: [tag, 'lyon'],
    });
    const second = await source.poll?.(hashtag(tag), first?.cursor ?? null);
    expect(second?.items).toEqual([
      {
        externalId: `https://mastodon.social/users/${remote.username}/statuses/${status.id}`,
        network: 'mastodon',
        url: `https://mastodon.social/@${remote.username}/${status.id}`,
        title: null,
        text: `Politique locale\n\nRéunion publique & débat ce soir #${tag}\n\nProgramme : https://lyon.fr/agenda\n<script>alert(1)</script>`,
        author: {
          id: `https://mastodon.social/users/${remote.username}`,
          handle: `${remote.username}@mastodon.social`,
          name: remote.username,
          url: `https://mastodon.social/@${remote.username}`,
        },
        publishedAt: Date.parse(status.createdAt),
        editedAt: null,
        language: 'fr',
        site: 'mastodon.social',
        repostOf: null,
        replyTo: null,
        hashtags: [tag, 'lyon'],
        metrics: { reach: 35, likes: 0, reposts: 0, replies: 0 },
      },
    ]);

    const third = await source.poll?.(hashtag(tag), second?.cursor ?? null);
    expect(third).toEqual({ items: [], cursor: second?.cursor });
    // A local author's handle carries the instance's domain.
    expect(first?.items[0]?.author).toMatchObject({ handle: `${local.username}@piaille.test`, name: 'Mairie de Lyon' });
  });

  it('pages through everything published between two polls, oldest first, across polls when capped', async () => {
    const tag = freshTag();
    const author = user('asso');
    const paged = createMastodonMentions({ pageSize: 2, maxPagesPerPoll: 2 });
    fake.addStatus({ username: author.username, text: `zéro #${tag}` });
    const start = await paged.poll?.(hashtag(tag), null);
    const texts = ['un', 'deux', 'trois', 'quatre', 'cinq'];
    for (const text of texts) fake.addStatus({ username: author.username, text: `${text} #${tag}` });
    // Another hashtag's statuses stay out.
    fake.addStatus({ username: author.username, text: 'ailleurs #autre' });

    const before = fake.requests.length;
    const one = await paged.poll?.(hashtag(tag), start?.cursor ?? null);
    expect(one?.items.map((m) => m.text.split(' ')[0])).toEqual(['un', 'deux', 'trois', 'quatre']);
    // Two pages, the second reached through the first's Link rel="prev", then the newest page for edits.
    const paths = fake.requests.slice(before).map((r) => r.path);
    expect(paths).toHaveLength(3);
    expect(paths[0]).toMatch(/[?&]min_id=\d+/);
    expect(paths[1]).toContain(`min_id=${one?.items[1]?.externalId.split('/').pop()}`);
    expect(paths[2]).not.toContain('min_id');

    const two = await paged.poll?.(hashtag(tag), one?.cursor ?? null);
    expect(two?.items.map((m) => m.text.split(' ')[0])).toEqual(['cinq']);
  });
});

describe('edits found by polling', () => {
  it('hands on a status edited since it was handed on, once, with its new text', async () => {
    const tag = freshTag();
    const author = user('edits');
    const status = fake.addStatus({ username: author.username, text: `Conseil mardi #${tag}` });
    fake.addStatus({ username: author.username, text: `Marché jeudi #${tag}` });
    const first = await source.poll?.(hashtag(tag), null);
    expect(first?.items).toHaveLength(2);
    expect(await source.poll?.(hashtag(tag), first?.cursor ?? null)).toMatchObject({ items: [] });

    const edited = fake.editStatus(status.id, { text: `Conseil reporté à mercredi #${tag}` });
    const newer = fake.addStatus({ username: author.username, text: `Fête vendredi #${tag}` });
    const second = await source.poll?.(hashtag(tag), first?.cursor ?? null);
    // The new status by its mark, the edited one from the newest page, oldest first.
    expect(second?.items.map((m) => [m.text, m.editedAt])).toEqual([
      [`Conseil reporté à mercredi #${tag}`, Date.parse(edited.editedAt ?? '')],
      [`Fête vendredi #${tag}`, null],
    ]);
    expect(second?.items[1]?.externalId).toContain(newer.id);
    // Handed on once: the next poll has nothing.
    expect(await source.poll?.(hashtag(tag), second?.cursor ?? null)).toMatchObject({ items: [] });
  });
});

describe('polling an account', () => {
  it('resolves the handle once, groups boosts with the original and names reply parents', async () => {
    const mairie = user('mairie');
    const other = user('journal', { domain: 'mastodon.social' });
    const original = fake.addStatus({ username: `${other.username}@mastodon.social`, text: 'Le tram arrive' });
    const spec: SourceSpec = { kind: 'account', config: { instance: fake.url, account: `@${mairie.username}` } };
    const start = await source.poll?.(spec, null);
    expect(start?.items).toEqual([]);
    expect(fake.requests.at(-2)?.path).toBe(`/api/v1/accounts/lookup?acct=${mairie.username}`);

    const boost = fake.addStatus({ username: mairie.username, reblogOfId: original.id });
    const reply = fake.addStatus({ username: mairie.username, text: 'Merci !', inReplyToId: original.id });
    const found = await source.poll?.(spec, start?.cursor ?? null);
    const originalUri = `https://mastodon.social/users/${other.username}/statuses/${original.id}`;
    expect(found?.items.map((m) => [m.externalId, m.text, m.repostOf, m.replyTo])).toEqual([
      [
        `https://piaille.test/users/${mairie.username}/statuses/${boost.id}/activity`,
        'Le tram arrive',
        originalUri,
        null,
      ],
      [`https://piaille.test/users/${mairie.username}/statuses/${reply.id}`, 'Merci !', null, originalUri],
    ]);
    // The boost points people at the original; the parent was looked up; no second lookup of the handle.
    expect(found?.items[0]?.url).toBe(`https://mastodon.social/@${other.username}/${original.id}`);
    expect(fake.requests.filter((r) => r.route === 'GET /api/v1/accounts/lookup')).toHaveLength(1);
  });

  it('says when the account is unknown on the instance', async () => {
    const spec: SourceSpec = { kind: 'account', config: { instance: fake.url, account: 'personne@ailleurs.fr' } };
    await expect(source.poll?.(spec, null)).rejects.toMatchObject({ code: 'rejected' });
  });
});

describe('polling the public timeline', () => {
  it('keeps to local accounts when asked', async () => {
    const here = user('ici');
    const away = user('loin', { domain: 'mastodon.social' });
    const spec: SourceSpec = { kind: 'public', config: { instance: fake.url, local: 'true' } };
    const start = await source.poll?.(spec, null);
    fake.addStatus({ username: `${away.username}@mastodon.social`, text: 'fédéré' });
    fake.addStatus({ username: here.username, text: 'local' });
    fake.addStatus({ username: here.username, text: 'privé', visibility: 'private' });
    const found = await source.poll?.(spec, start?.cursor ?? null);
    expect(found?.items.map((m) => m.text)).toEqual(['local']);
  });
});

describe('failures', () => {
  const route = 'GET /api/v1/timelines/tag/:hashtag' as const;

  it('429 → rate_limited with the reset as retryAfterMs', async () => {
    fake.failNext(route, { status: 429 });
    const error = (await source.poll?.(hashtag(freshTag()), null).catch((e) => e)) as ConnectorError;
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBeGreaterThan(60_000);
  });

  it.each([500, 502, 503])('%d → unavailable', async (status) => {
    fake.failNext(route, { status });
    await expect(source.poll?.(hashtag(freshTag()), null)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('garbage → unavailable, naming the URL', async () => {
    fake.failNext(route, { status: 200, rawBody: '<html>maintenance' });
    const error = (await source.poll?.(hashtag('garbage'), null).catch((e) => e)) as ConnectorError;
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('/api/v1/timelines/tag/garbage');
    fake.failNext(route, { status: 200, body: { error: 'not a list' } });
    await expect(source.poll?.(hashtag('garbage'), null)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('an unreadable cursor is refused', async () => {
    await expect(source.poll?.(hashtag('x'), 'nope')).rejects.toMatchObject({ code: 'rejected' });
  });
});

describe('streaming', () => {
  it('hands on updates, catches up after a disconnect without losing or repeating, and stops on abort', async () => {
    const tag = freshTag();
    const author = user('live');
    fake.addStatus({ username: author.username, text: `déjà là #${tag}` });
    const clientsBefore = fake.streamClients;
    const { batches, done, stop } = streamHashtag(tag);
    const texts = () => batches.flatMap((b) => b.items.map((m) => m.text.replace(` #${tag}`, '')));

    await waitFor(() => fake.streamClients > clientsBefore && batches.length > 0);
    expect(texts()).toEqual(['déjà là']);
    fake.addStatus({ username: author.username, text: `en direct #${tag}` });
    fake.addStatus({ username: author.username, text: 'sans rapport #autre' });
    await waitFor(() => texts().length === 2);

    // Cut, and publish before the client can reconnect: the catch-up poll finds them.
    fake.dropStreams();
    fake.addStatus({ username: author.username, text: `pendant la coupure #${tag}` });
    fake.addStatus({ username: author.username, text: `toujours coupé #${tag}` });
    await waitFor(() => texts().length >= 4);
    await waitFor(() => fake.streamClients > clientsBefore);
    fake.addStatus({ username: author.username, text: `après #${tag}` });
    await waitFor(() => texts().length >= 5);
    expect(texts()).toEqual(['déjà là', 'en direct', 'pendant la coupure', 'toujours coupé', 'après']);

    stop();
    await expect(done).resolves.toBeUndefined();
    await waitFor(() => fake.streamClients === clientsBefore);
    // The last cursor resumes after everything handed on.
    const again = await source.poll?.(hashtag(tag), batches.at(-1)?.cursor ?? null);
    expect(again?.items).toEqual([]);
  });

  it('hands on an edited status (status.update) with its new text and edit date, the mark unmoved', async () => {
    const tag = freshTag();
    const author = user('edition');
    fake.addStatus({ username: author.username, text: `ouverture #${tag}` });
    const { batches, done, stop } = streamHashtag(tag);
    const items = () => batches.flatMap((b) => b.items);
    await waitFor(() => items().length === 1);
    const status = fake.addStatus({ username: author.username, text: `Réunion mardi #${tag}` });
    await waitFor(() => items().length === 2);
    const cursor = batches.at(-1)?.cursor;

    const edited = fake.editStatus(status.id, { text: `Réunion reportée à jeudi #${tag}` });
    await waitFor(() => items().length === 3);
    const [before, after] = items().slice(1);
    expect(after).toEqual({
      ...before,
      text: `Réunion reportée à jeudi #${tag}`,
      editedAt: Date.parse(edited.editedAt ?? ''),
    });
    expect(before?.editedAt).toBeNull();
    expect(after?.editedAt).toBeGreaterThan(after?.publishedAt ?? Infinity);
    // The edit is of a status handed on already: the mark stays where it was; the latest edit is remembered.
    expect(JSON.parse(batches.at(-1)?.cursor ?? '{}')).toEqual({
      ...JSON.parse(cursor ?? '{}'),
      editedAt: Date.parse(edited.editedAt ?? ''),
    });
    stop();
    await done;

    // Timelines carry edited_at too, so a poll reads the same.
    const polled = await source.poll?.(hashtag(tag), null);
    expect(polled?.items.find((m) => m.externalId === after?.externalId)).toEqual(after);
  });

  it('polls instead when the instance has no streaming server', async () => {
    fake.configure({ streaming: 'absent' });
    const tag = freshTag();
    const author = user('sondage');
    const { batches, done, stop } = streamHashtag(tag);
    fake.addStatus({ username: author.username, text: `un #${tag}` });
    await waitFor(() => batches.some((b) => b.items.length > 0));
    fake.addStatus({ username: author.username, text: `deux #${tag}` });
    await waitFor(() => batches.flatMap((b) => b.items).length === 2);
    stop();
    await done;
    expect(batches.flatMap((b) => b.items.map((m) => m.text))).toEqual([`un #${tag}`, `deux #${tag}`]);
  });

  it('stops with the error when the handler fails', async () => {
    const tag = freshTag();
    const author = user('erreur');
    fake.addStatus({ username: author.username, text: `un #${tag}` });
    const { done } = source.stream!(
      hashtag(tag),
      null,
      async () => {
        throw new Error('disk full');
      },
      { signal: new AbortController().signal },
    );
    await expect(done).rejects.toThrow('disk full');
  });
});
