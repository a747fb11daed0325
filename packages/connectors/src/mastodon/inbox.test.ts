// Mastodon's inbox against the fake instance (testing/mastodon/fake-mastodon.ts, written from the API docs): the
// inbox-source contract, then Mastodon's own cases — direct messages, a backfill of more notifications than a page
// holds (Link paging, and slices across readings), a reply deep in our thread, a mention in someone else's thread.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourceInboxItem } from '@rostra/core';
import type { ChannelCredentials } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { describeInboxSourceContract } from '../testing/inbox-source-contract.js';
import { startFakeMastodon, type FakeMastodon } from '../testing/mastodon/fake-mastodon.js';
import { createMastodonInbox } from './inbox.js';
import { createMastodonConnector } from './index.js';

const connector = createMastodonConnector();
const week = () => Date.now() - 7 * 24 * 3_600_000;

async function connect(fake: FakeMastodon, username: string): Promise<ChannelCredentials> {
  const { accessToken } = fake.createAccount(username);
  return (await connector.connect({ instance: fake.url, accessToken })).credentials;
}

describeInboxSourceContract('mastodon', async () => {
  const fake = await startFakeMastodon({ domain: 'piaille.test' });
  const credentials = await connect(fake, 'mairie');
  fake.createAccount('habitant');
  return {
    network: 'mastodon',
    source: connector.inbox,
    credentials,
    publish: async (text) => fake.addStatus({ username: 'mairie', text }).id,
    // Clients start a reply with the name of the author it answers: that is what notifies them.
    answer: async (remoteId, text) =>
      fake.addStatus({ username: 'habitant', text: `@mairie ${text}`, inReplyToId: remoteId }).id,
    mention: async (text) => fake.addStatus({ username: 'habitant', text: `${text} @mairie` }).id,
    settle: async () => {},
    takeUnexpected: () => fake.unexpected.splice(0),
    close: () => fake.close(),
  };
});

describe('Mastodon inbox', () => {
  let fake: FakeMastodon;
  let serial = 0;
  beforeAll(async () => {
    fake = await startFakeMastodon({ domain: 'piaille.test' });
  });
  afterEach(() => {
    expect(fake.unexpected.splice(0)).toEqual([]);
  });
  afterAll(() => fake.close());

  /** A channel and two people of its own, so that each test reads its own notifications. */
  async function setUp() {
    serial += 1;
    const names = { mairie: `mairie${serial}`, habitant: `habitant${serial}`, voisine: `voisine${serial}` };
    const credentials = await connect(fake, names.mairie);
    fake.createAccount(names.habitant, { followersCount: 12 });
    fake.createAccount(names.voisine);
    const post = (username: string, text: string, inReplyToId?: string, visibility?: string) =>
      fake.addStatus({ username, text, inReplyToId: inReplyToId ?? null, ...(visibility ? { visibility } : {}) }).id;
    return { credentials, names, post };
  }
  const find = (items: SourceInboxItem[], id: string) => items.find((item) => item.remoteId === id);

  it('threads a reply to our reply under our first status, naming its parent, with one context call', async () => {
    const { credentials, names, post } = await setUp();
    const root = post(names.mairie, 'Collecte des encombrants jeudi');
    const first = post(names.habitant, `@${names.mairie} Quelle rue ?`, root);
    const ours = post(names.mairie, `@${names.habitant} Toutes les rues du centre`, first);
    const deep = post(names.voisine, `@${names.mairie} @${names.habitant} Merci ! @${names.habitant} aussi`, ours);
    const before = fake.requests.length;
    const { items, more } = await connector.inbox.readInbox(credentials, { since: week(), cursor: null });
    expect(more).toBe(false);
    expect(items.map((item) => item.remoteId).sort()).toEqual([first, deep].sort());
    expect(find(items, deep)).toMatchObject({
      kind: 'reply',
      rootRemoteId: root,
      parentRemoteId: ours,
      subject: { remoteId: root, text: 'Collecte des encombrants jeudi' },
      text: `Merci ! @${names.habitant} aussi`,
      url: `https://piaille.test/@${names.voisine}/${deep}`,
    });
    expect(find(items, first)).toMatchObject({ kind: 'reply', rootRemoteId: root, parentRemoteId: root });
    expect(find(items, first)?.author).toMatchObject({
      handle: `${names.habitant}@piaille.test`,
      followers: 12,
      id: `https://piaille.test/users/${names.habitant}`,
    });
    const contexts = fake.requests.slice(before).filter((r) => r.route === 'GET /api/v1/statuses/:id/context');
    expect(contexts).toHaveLength(1);
  });

  it('reads direct messages, strangers’ ones that Mastodon sets aside included, and a mention in someone else’s thread', async () => {
    const { credentials, names, post } = await setUp();
    const question = post(names.habitant, `@${names.mairie} Mon dossier est-il complet ?`, undefined, 'direct');
    const answer = post(names.mairie, `@${names.habitant} Oui, depuis hier.`, question, 'direct');
    const thanks = post(names.habitant, `@${names.mairie} Merci beaucoup`, answer, 'direct');
    const theirs = post(names.voisine, 'Qui sait pour la piscine ?');
    const aside = post(names.habitant, `@${names.voisine} demande à @${names.mairie}`, theirs);
    const { items } = await connector.inbox.readInbox(credentials, { since: week(), cursor: null });
    expect(find(items, question)).toMatchObject({
      kind: 'message',
      rootRemoteId: question,
      parentRemoteId: null,
      subject: null,
      text: 'Mon dossier est-il complet ?',
    });
    expect(find(items, thanks)).toMatchObject({
      kind: 'message',
      rootRemoteId: question,
      parentRemoteId: answer,
      subject: null,
    });
    expect(find(items, aside)).toMatchObject({
      kind: 'mention',
      rootRemoteId: theirs,
      parentRemoteId: theirs,
      subject: null,
      text: `demande à @${names.mairie}`,
    });
    expect(find(items, answer)).toBeUndefined();
  });

  it('pages through the Link header across more notifications than a page holds, in one reading', async () => {
    const { credentials, names, post } = await setUp();
    const root = post(names.mairie, 'Consultation sur le budget');
    const answers = Array.from({ length: 45 }, (_, i) => post(names.habitant, `@${names.mairie} Avis ${i}`, root));
    const source = createMastodonInbox({ pageSize: 40 });
    const before = fake.requests.length;
    const { items, more } = await source.readInbox(credentials, { since: week(), cursor: null });
    expect(more).toBe(false);
    expect(items.map((item) => item.remoteId).sort()).toEqual([...answers].sort());
    const pages = fake.requests.slice(before).filter((r) => r.route === 'GET /api/v1/notifications');
    expect(pages).toHaveLength(2);
    expect(pages[1]?.path).toMatch(/max_id=\d+/);
    expect(pages[1]?.path).toContain('types%5B%5D=mention');
    expect(fake.requests.slice(before).filter((r) => r.route === 'GET /api/v1/statuses/:id/context')).toHaveLength(1);
  });

  it('reads a long backfill in slices, each cursor going on where the last stopped, then only what is new', async () => {
    const { credentials, names, post } = await setUp();
    const root = post(names.mairie, 'Travaux de la médiathèque');
    const answers = Array.from({ length: 45 }, (_, i) => post(names.habitant, `@${names.mairie} Question ${i}`, root));
    const source = createMastodonInbox({ pageSize: 40, maxPages: 1 });
    const seen: string[] = [];
    let result = await source.readInbox(credentials, { since: week(), cursor: null });
    seen.push(...result.items.map((item) => item.remoteId));
    expect(result).toMatchObject({ more: true });
    expect(result.items).toHaveLength(40);
    result = await source.readInbox(credentials, { since: Date.now(), cursor: result.cursor });
    seen.push(...result.items.map((item) => item.remoteId));
    expect(result.more).toBe(false);
    expect(seen.sort()).toEqual([...answers].sort());
    const late = post(names.voisine, `@${names.mairie} Et le parking ?`, root);
    const next = await source.readInbox(credentials, { since: week(), cursor: result.cursor });
    expect(next.items.map((item) => item.remoteId)).toEqual([late]);
    const quiet = await source.readInbox(credentials, { since: week(), cursor: next.cursor });
    expect(quiet).toMatchObject({ items: [], more: false, cursor: next.cursor });
  });

  it('reads a status’s HTML as text, with its content warning, the way listening does', async () => {
    const { credentials, names } = await setUp();
    const status = fake.addStatus({
      username: names.habitant,
      text: `@${names.mairie} Le <b> &amp; la balise\n\nDeuxième paragraphe`,
      spoilerText: 'Travaux',
    });
    const { items } = await connector.inbox.readInbox(credentials, { since: week(), cursor: null });
    expect(find(items, status.id)?.text).toBe('Travaux\n\nLe <b> &amp; la balise\n\nDeuxième paragraphe');
  });

  it('refuses a cursor it did not write, and a token the instance no longer knows', async () => {
    const { credentials } = await setUp();
    const read = (cursor: string | null, with_ = credentials) =>
      connector.inbox.readInbox(with_, { since: week(), cursor });
    await expect(read('{"mark":"12"}')).rejects.toMatchObject({ code: 'rejected' });
    await expect(read('{"v":1,"mark":"douze"}')).rejects.toBeInstanceOf(ConnectorError);
    fake.revokeToken(credentials.data.accessToken ?? '');
    await expect(read(null)).rejects.toMatchObject({ code: 'auth_expired' });
  });
});
