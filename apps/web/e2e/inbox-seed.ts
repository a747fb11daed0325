// Inbox items come from the channels' inbox sources, not from any route: browser tests store them in the running
// server's database as a poll stores them (a second connection to its SQLite file, in WAL mode).
import type { SourceInboxItem } from '@rostra/core';
import { createStore, openDatabase } from '@rostra/store';

export const INBOX_POST = 'Le marché de Noël ouvre samedi place de la Mairie';

/** Two people answer the same post of ours (one conversation); a third mentions the account elsewhere. */
export function sampleInboxItems(now: number): SourceInboxItem[] {
  const root = 'https://mastodon.test/@mairie/1';
  const author = (handle: string, name: string) => ({
    id: handle,
    handle,
    name,
    url: null,
    avatar: null,
    followers: 12,
  });
  return [
    {
      kind: 'reply',
      remoteId: 'https://mastodon.test/@lea/2',
      url: 'https://mastodon.test/@lea/2',
      rootRemoteId: root,
      parentRemoteId: root,
      subject: { remoteId: root, url: root, text: INBOX_POST },
      author: author('lea@mastodon.test', 'Léa Petit'),
      text: 'Super ! Jusqu’à quelle heure ?',
      createdAt: now - 3 * 60_000,
    },
    {
      kind: 'reply',
      remoteId: 'https://mastodon.test/@karim/3',
      url: 'https://mastodon.test/@karim/3',
      rootRemoteId: root,
      parentRemoteId: root,
      subject: { remoteId: root, url: root, text: INBOX_POST },
      author: author('karim@mastodon.test', 'Karim B.'),
      text: 'Y aura-t-il des toilettes accessibles ?',
      createdAt: now - 2 * 60_000,
    },
    {
      kind: 'mention',
      remoteId: 'https://mastodon.test/@nina/4',
      url: 'https://mastodon.test/@nina/4',
      rootRemoteId: 'https://mastodon.test/@nina/4',
      parentRemoteId: null,
      subject: null,
      author: author('nina@mastodon.test', 'Nina'),
      text: '@mairie le lampadaire de la rue Haute est en panne',
      createdAt: now - 60_000,
    },
  ];
}

export async function seedInbox(dataDir: string, workspaceId: string, channelId: string): Promise<void> {
  const store = createStore(openDatabase({ databaseUrl: undefined, dataDir }));
  try {
    await store.inbox.insertItems(
      { workspaceId, channelId, network: 'mastodon' },
      sampleInboxItems(Date.now()),
      Date.now(),
    );
  } finally {
    await store.close();
  }
}
