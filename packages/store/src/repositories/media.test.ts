// Media and the publishing columns of 0007, on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { createStore, type Store } from '../store.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../testing/test-env.js';

describe.each(testDialects)('media and thread deliveries on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let channelId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    await store.migrate();
    const org = await store.accounts.createOrganisation('Mairie');
    workspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'A', timezone: 'UTC' })).id;
    otherWorkspaceId = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'B', timezone: 'UTC' }))
      .id;
    channelId = (
      await store.channels.upsert({
        workspaceId,
        network: 'bluesky',
        name: 'c',
        accountId: 'did:plc:media',
        sealedCredentials: 'v1:x',
        credentialsExpiresAt: null,
        createdBy: null,
      })
    ).id;
  });

  afterAll(async () => {
    await store?.close();
    await testDb?.drop();
  });

  const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 1, 2, 3]);

  function newPost(text = 'Fête de quartier') {
    return store.posts.create({
      workspaceId,
      text,
      themeId: null,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      scheduledAt: null,
      languages: ['fr'],
      createdBy: null,
      targets: [
        {
          channelId,
          text: null,
          options: { visibility: 'unlisted' },
          firstComment: 'Programme complet sur lyon.fr',
          thread: { mode: 'split', parts: ['Un.', 'Deux.'] },
        },
      ],
    });
  }

  it('keeps the bytes exactly, scoped to their workspace', async () => {
    const media = await store.media.create({
      workspaceId,
      mimeType: 'image/png',
      data: bytes,
      width: 2,
      height: 3,
      sha256: 'abc',
      alt: 'Le maire coupe le ruban',
      createdBy: null,
    });
    expect(media).toMatchObject({
      size: 9,
      width: 2,
      height: 3,
      mimeType: 'image/png',
      alt: 'Le maire coupe le ruban',
    });
    expect(await store.media.get(workspaceId, media.id)).toEqual(media);
    expect([...((await store.media.getData(workspaceId, media.id)) ?? [])]).toEqual([...bytes]);
    expect(await store.media.get(otherWorkspaceId, media.id)).toBeUndefined();
    expect(await store.media.getData(otherWorkspaceId, media.id)).toBeUndefined();
    expect(await store.media.delete(otherWorkspaceId, media.id)).toBe(false);
    expect((await store.media.list(workspaceId, 10)).map((m) => m.id)).toEqual([media.id]);
    expect(await store.media.list(otherWorkspaceId, 10)).toEqual([]);
  });

  it('replaces a file’s own alternative text only within its workspace, leaving posts’ texts alone', async () => {
    const media = await store.media.create({
      workspaceId,
      mimeType: 'image/png',
      data: bytes,
      width: null,
      height: null,
      sha256: 'alt',
      alt: '',
      createdBy: null,
    });
    const post = await newPost();
    await store.media.setPostMedia(post.id, [{ mediaId: media.id, alt: 'Décrite pour ce post' }]);
    expect(await store.media.setAlt(otherWorkspaceId, media.id, 'Intrus')).toBe(false);
    expect((await store.media.get(workspaceId, media.id))?.alt).toBe('');
    expect(await store.media.setAlt(workspaceId, media.id, 'Les lanternes de la place des Terreaux')).toBe(true);
    expect((await store.media.get(workspaceId, media.id))?.alt).toBe('Les lanternes de la place des Terreaux');
    expect((await store.media.postMedia(post.id)).map((m) => m.alt)).toEqual(['Décrite pour ce post']);
    expect(await store.media.setAlt(workspaceId, 'missing', 'x')).toBe(false);
    await store.posts.delete(workspaceId, post.id);
  });

  it('orders a post’s media with its own alt text, and keeps a used file from being deleted', async () => {
    const make = (alt: string) =>
      store.media.create({
        workspaceId,
        mimeType: 'image/gif',
        data: bytes,
        width: null,
        height: null,
        sha256: alt,
        alt,
        createdBy: null,
      });
    const first = await make('premier');
    const second = await make('second');
    const post = await newPost();
    await store.media.setPostMedia(post.id, [
      { mediaId: second.id, alt: 'Deuxième photo, décrite pour ce post' },
      { mediaId: first.id, alt: '' },
    ]);
    const attached = await store.media.postMedia(post.id);
    expect(attached.map((m) => [m.media.id, m.position, m.alt])).toEqual([
      [second.id, 0, 'Deuxième photo, décrite pour ce post'],
      [first.id, 1, ''],
    ]);
    expect(await store.media.usedBy(first.id)).toEqual([post.id]);
    await expect(store.media.delete(workspaceId, first.id)).rejects.toThrow();
    await store.media.setPostMedia(post.id, [{ mediaId: second.id, alt: 'seule' }]);
    expect(await store.media.usedBy(first.id)).toEqual([]);
    expect(await store.media.delete(workspaceId, first.id)).toBe(true);
    await store.posts.delete(workspaceId, post.id);
    expect(await store.media.usedBy(second.id)).toEqual([]);
  });

  it('stores options, first comment, thread and the parts published so far', async () => {
    const post = await newPost();
    expect((await store.posts.get(workspaceId, post.id))?.languages).toEqual(['fr']);
    const [target] = await store.posts.targets(post.id);
    expect(target).toMatchObject({
      options: { visibility: 'unlisted' },
      firstComment: 'Programme complet sur lyon.fr',
      thread: { mode: 'split', parts: ['Un.', 'Deux.'] },
      publishedParts: [],
    });
    const id = target?.id as string;
    await store.posts.setThread(id, { mode: 'split', parts: ['Un, deux.'] });
    await store.posts.update(post.id, { languages: ['fr', 'en'] });
    expect((await store.posts.get(workspaceId, post.id))?.languages).toEqual(['fr', 'en']);
    await store.deliveries.scheduleTargets(post.id, 0);
    const part = { key: id, id: 'at://1', url: 'https://bsky.app/1', extra: { cid: 'c1' } };
    expect(await store.deliveries.recordPart(id, 'A', part)).toBe(false); // not held
    await store.deliveries.claim(id, 'A', 1, 10_000);
    expect(await store.deliveries.recordPart(id, 'B', part)).toBe(false); // held by another
    expect(await store.deliveries.recordPart(id, 'A', part)).toBe(true);
    expect(await store.deliveries.recordPart(id, 'A', { ...part, key: `${id}:1`, id: 'at://2' })).toBe(true);
    expect(await store.deliveries.recordPart(id, 'A', part)).toBe(true); // same key: replaced, not doubled
    const after = await store.deliveries.getTarget(id);
    expect(after?.thread).toEqual({ mode: 'split', parts: ['Un, deux.'] });
    expect(after?.publishedParts.map((p) => p.key).sort()).toEqual([id, `${id}:1`].sort());
  });
});
