// Topics on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: per workspace, unique names, a version.
import { describe, expect, it } from 'vitest';
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
});
