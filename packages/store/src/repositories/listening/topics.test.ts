// Topics on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: per workspace, unique names, a version.
import { describe, expect, it, vi } from 'vitest';
import { testDialects } from '../../testing/test-env.js';
import { setUpListeningStore } from './fixtures.js';

describe.each(testDialects)('listening topics on %s', (dialect) => {
  const bed = setUpListeningStore(dialect);

  it('keeps topics per workspace with unique names and a version that moves on every change', async () => {
    const { store, ws, other } = bed;
    const v0 = await store.listening.readTopicsVersion(ws);
    const topic = await store.listening.createTopic({
      workspaceId: ws,
      name: 'Marque',
      group: 'brand',
      query: 'lyon',
      enabled: true,
      color: '#228be6',
      createdBy: null,
    });
    const v1 = await store.listening.readTopicsVersion(ws);
    expect(v1).not.toBe(v0);
    await expect(
      store.listening.createTopic({ ...topic, createdBy: null, workspaceId: ws, name: 'Marque' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await store.listening.getTopic(other, topic.id)).toBeUndefined();
    await store.listening.updateTopic(ws, topic.id, { query: 'lyon OR lugdunum' });
    expect(await store.listening.readTopicsVersion(ws)).not.toBe(v1);
    expect(await store.listening.listTopics(other)).toEqual([]);
  });

  it('moves the version on every write made within one millisecond (the pipeline caches its index by it)', async () => {
    const { store, ws } = bed;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-07T10:00:00Z'));
    try {
      const seen = new Set([await store.listening.readTopicsVersion(ws)]);
      const base = { workspaceId: ws, group: 'brand' as const, enabled: true, color: '#228be6', createdBy: null };
      const first = await store.listening.createTopic({ ...base, name: 'Vélo', query: 'vélo' });
      seen.add(await store.listening.readTopicsVersion(ws));
      const second = await store.listening.createTopic({ ...base, name: 'Tram', query: 'tram' });
      seen.add(await store.listening.readTopicsVersion(ws));
      for (const query of ['vélo OR bicyclette', 'vélo OR biclou']) {
        await store.listening.updateTopic(ws, first.id, { query });
        seen.add(await store.listening.readTopicsVersion(ws));
      }
      await store.listening.updateTopic(ws, second.id, { enabled: false });
      seen.add(await store.listening.readTopicsVersion(ws));
      await store.listening.deleteTopic(ws, second.id);
      seen.add(await store.listening.readTopicsVersion(ws));
      expect(seen.size).toBe(7);
    } finally {
      clock.mockRestore();
    }
  });
});
