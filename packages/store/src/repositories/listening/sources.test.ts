// Sources on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: leases and host activity.
import { describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/test-env.js';
import { T0, setUpListeningStore } from './fixtures.js';

describe.each(testDialects)('listening sources on %s', (dialect) => {
  const bed = setUpListeningStore(dialect);

  it('leases a due source to one worker at a time', async () => {
    const { store, ws } = bed;
    const source = await store.listening.createSource(
      {
        workspaceId: ws,
        network: 'feed',
        kind: 'feed',
        config: { url: 'https://example.org/feed' },
        label: 'Exemple',
        enabled: true,
        realtime: false,
        pollIntervalMs: 60_000,
        host: 'example.org',
        createdBy: null,
      },
      T0,
    );
    expect((await store.listening.listDueSources(T0, 10)).map((s) => s.id)).toEqual([source.id]);
    expect(await store.listening.claimSource(source.id, 'w1', T0, 1000, false)).toBe(true);
    expect(await store.listening.claimSource(source.id, 'w2', T0, 1000, false)).toBe(false);
    expect((await store.listening.readHostActivity(['example.org'], T0)).get('example.org')).toEqual({
      lastPolledAt: T0,
      busy: true,
      lastPolledByWorkspace: new Map([[ws, T0]]),
    });
    expect(await store.listening.recordSuccess(source.id, 'w2', { cursor: 'x', now: T0, nextPollAt: T0 })).toBe(false);
    expect(
      await store.listening.recordSuccess(source.id, 'w1', { cursor: 'c1', now: T0, nextPollAt: T0 + 60_000 }),
    ).toBe(true);
    const after = await store.listening.getSource(ws, source.id);
    expect(after).toMatchObject({ cursor: 'c1', leaseOwner: null, nextPollAt: T0 + 60_000, consecutiveFailures: 0 });
    expect(await store.listening.listDueSources(T0 + 1, 10)).toEqual([]);
  });

  it('counts a poll under way as host activity, never a live stream of that host', async () => {
    const { store, ws } = bed;
    const source = (realtime: boolean) =>
      store.listening.createSource(
        {
          workspaceId: ws,
          network: 'mastodon',
          kind: realtime ? 'stream' : 'hashtag',
          config: { instance: 'streams.example', tag: 'lyon' },
          label: realtime ? 'Direct' : 'Relevé',
          enabled: true,
          realtime,
          pollIntervalMs: 60_000,
          host: 'streams.example',
          createdBy: null,
        },
        T0,
      );
    const stream = await source(true);
    const polled = await source(false);
    expect(await store.listening.claimSource(stream.id, 'w1', T0, 60_000, true)).toBe(true);
    expect((await store.listening.readHostActivity(['streams.example'], T0)).get('streams.example')).toEqual({
      lastPolledAt: null,
      busy: false,
      lastPolledByWorkspace: new Map(),
    });
    expect(await store.listening.claimSource(polled.id, 'w2', T0, 1000, false)).toBe(true);
    expect((await store.listening.readHostActivity(['streams.example'], T0)).get('streams.example')).toEqual({
      lastPolledAt: T0,
      busy: true,
      lastPolledByWorkspace: new Map([[ws, T0]]),
    });
  });
});
