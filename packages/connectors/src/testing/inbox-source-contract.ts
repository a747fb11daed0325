// The one suite every inbox source runs: the promises the inbox poll relies on — the first reading goes back to
// `since` and no further, items come threaded under the post of ours they answer, a reading from the cursor it
// returned hands on what came since, and a reading from an older cursor hands the same items on again (so a poll that
// dies before storing loses nothing; the store keeps each item once). A network's own quirks are tested beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceInboxItem } from '@rostra/core';
import type { ChannelCredentials, InboxRead, InboxSource } from '../connector.js';

export interface InboxSourceHarness {
  /** The network id every item carries. */
  network: string;
  source: InboxSource;
  /** The connected channel's credentials: the account whose inbox is read. */
  credentials: ChannelCredentials;
  /** Publishes a post as the channel's account; returns its remote id. */
  publish(text: string): Promise<string>;
  /** Another account answers a post (a reply, or a comment where the network has comments); returns its id. */
  answer(remoteId: string, text: string): Promise<string>;
  /** Another account names the channel's account outside any thread of ours; returns its id. */
  mention(text: string): Promise<string>;
  /** Returns once the network shows everything done so far (an AppView indexing, a fake at once). */
  settle(): Promise<void>;
  /** Requests the fake did not expect (emptied by reading); absent for a real server. */
  takeUnexpected?(): unknown[];
  close(): Promise<void>;
}

export function describeInboxSourceContract(name: string, makeHarness: () => Promise<InboxSourceHarness>): void {
  describe(`${name} inbox source contract`, () => {
    let harness: InboxSourceHarness;
    const read = (cursor: string | null, since = Date.now() - 7 * 24 * 3_600_000) =>
      harness.source.readInbox(harness.credentials, { since, cursor });
    /** Reads until nothing more is waiting, as the poll does. */
    async function readAll(cursor: string | null, since?: number): Promise<InboxRead> {
      const items: SourceInboxItem[] = [];
      let result = await read(cursor, since);
      items.push(...result.items);
      while (result.more) {
        result = await read(result.cursor, since);
        items.push(...result.items);
      }
      return { ...result, items };
    }
    const byId = (items: SourceInboxItem[], id: string) => items.find((item) => item.remoteId === id);

    beforeAll(async () => {
      harness = await makeHarness();
    });
    afterAll(async () => {
      expect(harness?.takeUnexpected?.() ?? []).toEqual([]);
      await harness?.close();
    });

    it('hands on answers threaded under our post, with its words, and mentions apart', async () => {
      const post = await harness.publish('Le marché de Noël ouvre samedi');
      // People answer a post they have seen: the network shows it first.
      await harness.settle();
      const answer = await harness.answer(post, 'Super, à quelle heure ?');
      const mention = await harness.mention('Merci pour les infos');
      await harness.settle();
      const { items } = await readAll(null);
      expect(harness.source.kinds).toContain(byId(items, answer)?.kind);
      expect(byId(items, answer)).toMatchObject({
        remoteId: answer,
        rootRemoteId: post,
        parentRemoteId: post,
        subject: { remoteId: post, text: 'Le marché de Noël ouvre samedi' },
        text: 'Super, à quelle heure ?',
      });
      expect(byId(items, answer)?.author.handle).toBeTruthy();
      expect(byId(items, answer)?.url).toMatch(/^https:\/\//);
      expect(byId(items, mention)).toMatchObject({ kind: 'mention', subject: null, parentRemoteId: null });
      expect(byId(items, mention)?.text).toContain('Merci pour les infos');
      expect(new Set(items.map((item) => item.remoteId)).size).toBe(items.length);
    });

    it('goes back no further than `since` on the first reading', async () => {
      const { items } = await readAll(null, Date.now() + 3_600_000);
      expect(items).toEqual([]);
    });

    it('hands on from its cursor what came since, and again from an older cursor', async () => {
      const before = await readAll(null);
      const post = await harness.publish('Travaux rue de la République');
      await harness.settle();
      const answer = await harness.answer(post, 'Jusqu’à quand ?');
      await harness.settle();
      const after = await readAll(before.cursor);
      expect(byId(after.items, answer)).toMatchObject({ rootRemoteId: post, text: 'Jusqu’à quand ?' });
      const known = new Set(before.items.map((item) => item.remoteId));
      // Items at the cursor's own edge may come again; none older than it.
      expect(after.items.filter((item) => !known.has(item.remoteId)).map((item) => item.remoteId)).toEqual([answer]);
      const again = await readAll(before.cursor);
      expect(again.items.map((item) => item.remoteId)).toEqual(after.items.map((item) => item.remoteId));
      const quiet = await readAll(after.cursor);
      expect(quiet.items.filter((item) => item.remoteId !== answer)).toEqual([]);
    });
  });
}
