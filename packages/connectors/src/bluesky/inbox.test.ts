// Bluesky's inbox against a real network on loopback (PLC, PDS and AppView from @atproto/dev-env): the inbox-source
// contract, then Bluesky's quirks — replies deep in our threads, quotes, a long backfill read in slices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppBskyFeedPost } from '@atproto/api';
import type { ChannelCredentials } from '../connector.js';
import { describeInboxSourceContract } from '../testing/inbox-source-contract.js';
import {
  canStartAppViewNetwork,
  startAppViewNetwork,
  type AppViewNetwork,
  type NetworkAccount,
} from '../testing/bluesky/appview-network.js';
import { createBlueskyConnector } from './index.js';

const connector = createBlueskyConnector();

/** Posts as `account`, answering `parent` when given (the root read from the parent's own reply). */
async function post(account: NetworkAccount, text: string, parent?: string): Promise<string> {
  if (!parent) return (await account.agent.post({ text })).uri;
  const [, repo, , rkey] = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(parent) ?? [];
  const stored = await account.agent.com.atproto.repo.getRecord({
    repo: repo ?? '',
    collection: 'app.bsky.feed.post',
    rkey: rkey ?? '',
  });
  const parentRef = { uri: parent, cid: stored.data.cid ?? '' };
  const root = (stored.data.value as AppBskyFeedPost.Record).reply?.root ?? parentRef;
  return (await account.agent.post({ text, reply: { root, parent: parentRef } })).uri;
}

/** Names `target` with a mention facet, as apps do (UTF-8 byte offsets). */
async function mention(account: NetworkAccount, target: NetworkAccount, text: string): Promise<string> {
  const full = `@${target.handle} ${text}`;
  const byteEnd = Buffer.byteLength(`@${target.handle}`, 'utf8');
  const facets = [
    { index: { byteStart: 0, byteEnd }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: target.did }] },
  ];
  return (await account.agent.post({ text: full, facets })).uri;
}

async function connect(network: AppViewNetwork, name: string) {
  const account = await network.createAccount(name);
  const connected = await connector.connect({
    identifier: account.handle,
    appPassword: account.appPassword,
    service: network.pdsUrl,
  });
  return { account, credentials: connected.credentials };
}

describe.skipIf(!canStartAppViewNetwork)('Bluesky inbox', () => {
  let network: AppViewNetwork;
  beforeAll(async () => {
    network = await startAppViewNetwork();
  });
  afterAll(() => network?.close());

  describeInboxSourceContract('bluesky', async () => {
    const { account, credentials } = await connect(network, 'mairie');
    const habitant = await network.createAccount('habitant');
    return {
      network: 'bluesky',
      source: connector.inbox,
      credentials,
      publish: (text) => post(account, text),
      answer: (remoteId, text) => post(habitant, text, remoteId),
      mention: (text) => mention(habitant, account, text),
      settle: () => network.settle(),
      close: async () => {},
    };
  });

  describe('quirks', () => {
    let mairie: NetworkAccount;
    let credentials: ChannelCredentials;
    let habitant: NetworkAccount;
    let voisine: NetworkAccount;
    const since = () => Date.now() - 3_600_000;

    beforeAll(async () => {
      ({ account: mairie, credentials } = await connect(network, 'ville'));
      habitant = await network.createAccount('habitant');
      voisine = await network.createAccount('voisine');
    });

    it('threads a reply to our reply under our first post, and a quote of our post as a mention of it', async () => {
      // Each post is shown by the AppView before the next answers it, as people see them.
      const root = await post(mairie, 'Collecte des encombrants jeudi');
      await network.settle();
      const first = await post(habitant, 'Quelle rue ?', root);
      await network.settle();
      const ours = await post(mairie, 'Toutes les rues du centre', first);
      await network.settle();
      const deep = await post(voisine, 'Merci !', ours);
      const quoteRecord = await mairie.agent.com.atproto.repo.getRecord({
        repo: mairie.did,
        collection: 'app.bsky.feed.post',
        rkey: root.split('/').pop() ?? '',
      });
      const quote = await voisine.agent.post({
        text: 'À noter',
        embed: { $type: 'app.bsky.embed.record', record: { uri: root, cid: quoteRecord.data.cid ?? '' } },
      });
      await network.settle();
      const { items } = await connector.inbox.readInbox(credentials, { since: since(), cursor: null });
      const find = (id: string) => items.find((item) => item.remoteId === id);
      expect(find(deep)).toMatchObject({ kind: 'reply', rootRemoteId: root, parentRemoteId: ours });
      expect(find(deep)?.subject?.remoteId).toBe(root);
      expect(find(deep)?.author).toMatchObject({ handle: voisine.handle, followers: 0 });
      expect(find(first)).toMatchObject({ kind: 'reply', rootRemoteId: root, parentRemoteId: root });
      expect(find(quote.uri)).toMatchObject({ kind: 'mention', rootRemoteId: quote.uri, subject: { remoteId: root } });
      expect(items.filter((item) => item.author.id === mairie.did)).toEqual([]);
    });

    it('reads a long backfill in slices, each cursor going on where the last stopped', async () => {
      const small = createBlueskyConnector({ inbox: { maxPages: 1 } });
      const { account: busy, credentials: busyCredentials } = await connect(network, 'busy');
      const root = await post(busy, 'Consultation sur le budget');
      await network.settle();
      const answers: string[] = [];
      for (let i = 0; i < 105; i += 1) answers.push(await post(habitant, `Avis ${i}`, root));
      await network.settle();
      const seen = new Set<string>();
      let result = await small.inbox.readInbox(busyCredentials, { since: since(), cursor: null });
      let readings = 1;
      result.items.forEach((item) => seen.add(item.remoteId));
      while (result.more) {
        result = await small.inbox.readInbox(busyCredentials, { since: since(), cursor: result.cursor });
        result.items.forEach((item) => seen.add(item.remoteId));
        readings += 1;
      }
      expect(readings).toBe(2);
      expect(answers.filter((id) => !seen.has(id))).toEqual([]);
      const late = await post(habitant, 'Et le parking ?', root);
      await network.settle();
      const next = await small.inbox.readInbox(busyCredentials, { since: since(), cursor: result.cursor });
      expect(next.items.map((item) => item.remoteId)).toContain(late);
      expect(next.items.length).toBeLessThan(5);
    });
  });
});
