// The inbox from end to end on a real Bluesky network on loopback (PLC, PDS, AppView): a channel connected through
// the API, our post answered and our account mentioned by other accounts, the inbox.poll job, then the API's list
// and conversation — threaded under our post, each item once however often the job runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlueskyConnector } from '@rostra/connectors';
import {
  canStartAppViewNetwork,
  startAppViewNetwork,
  type AppViewNetwork,
  type NetworkAccount,
} from '@rostra/connectors/testing/bluesky-network';
import { createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createInboxWorker } from '../src/inbox/worker.js';
import { INBOX_POLL_JOB } from '../src/inbox/poller.js';

describe.skipIf(!canStartAppViewNetwork)('inbox on a real Bluesky network', () => {
  let network: AppViewNetwork;
  let t: TestApp;
  let admin: Caller;
  let workspaceId: string;
  let mairie: NetworkAccount;
  let habitant: NetworkAccount;
  let poll: () => Promise<void>;
  const items = async () =>
    (await t.call('GET', `/api/workspaces/${workspaceId}/inbox/items`, { as: admin })).json().items as Array<{
      remoteId: string;
      kind: string;
      text: string;
      conversationId: string;
      author: { handle: string };
    }>;

  beforeAll(async () => {
    network = await startAppViewNetwork();
    t = await createTestApp('sqlite', {}, { connectors: [createBlueskyConnector()] });
    ({ admin, workspaceId } = await setUp(t));
    mairie = await network.createAccount('mairie');
    habitant = await network.createAccount('habitant');
    const connected = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
      as: admin,
      body: {
        network: 'bluesky',
        credentials: { identifier: mairie.handle, appPassword: mairie.appPassword, service: network.pdsUrl },
      },
    });
    expect(connected.statusCode).toBe(201);
    const handler = createInboxWorker({ runtime: t.runtime }).handlers[INBOX_POLL_JOB];
    poll = async () => {
      // Due at once: the test does not wait out the poll interval.
      await t.runtime.store.transaction(async (repos) => {
        const channel = (await repos.channels.list(workspaceId))[0];
        const cursor = channel && (await repos.inbox.getCursor(channel.id));
        if (channel && cursor) {
          await repos.inbox.recordPollFailure(
            { workspaceId, channelId: channel.id, network: 'bluesky' },
            { code: 'test', message: 'due now', now: 0, nextPollAt: 0 },
          );
        }
      });
      await handler?.({}, { jobId: 'j', workerId: 'w', attempt: 1 } as never);
    };
  });
  afterAll(async () => {
    await t?.close();
    await network?.close();
  });

  it('shows a reply by another account under our post after a poll, once however often the job runs', async () => {
    const post = await mairie.agent.post({ text: 'La piscine rouvre lundi' });
    await network.settle();
    const reply = await habitant.agent.post({
      text: 'Enfin ! Quels horaires ?',
      reply: { root: post, parent: post },
    });
    await network.settle();
    await poll();
    await poll();
    const [item] = await items();
    expect(item).toMatchObject({ remoteId: reply.uri, kind: 'reply', text: 'Enfin ! Quels horaires ?' });
    expect(item?.author.handle).toBe(habitant.handle);
    const view = await t.call('GET', `/api/workspaces/${workspaceId}/inbox/conversations/${item?.conversationId}`, {
      as: admin,
    });
    expect(view.json().conversation).toMatchObject({
      rootRemoteId: post.uri,
      itemCount: 1,
      subject: { remoteId: post.uri, text: 'La piscine rouvre lundi' },
    });

    const second = await habitant.agent.post({ text: 'Et le dimanche ?', reply: { root: post, parent: post } });
    await network.settle();
    await poll();
    // The list is ordered by priority (sentiment, reach, waiting) before date: only which items, and once each.
    expect((await items()).map((i) => i.remoteId).sort()).toEqual([second.uri, reply.uri].sort());
    const again = await t.call('GET', `/api/workspaces/${workspaceId}/inbox/conversations/${item?.conversationId}`, {
      as: admin,
    });
    expect(again.json().items.map((i: { text: string }) => i.text)).toEqual([
      'Enfin ! Quels horaires ?',
      'Et le dimanche ?',
    ]);
  });
});
