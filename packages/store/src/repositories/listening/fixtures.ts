// Shared by the listening repository suites: a migrated store with two workspaces of one organisation, on the
// dialect asked, and a mention ready to insert.
import { afterAll, beforeAll } from 'vitest';
import type { MentionInsert } from '@rostra/core';
import { openDatabase } from '../../database.js';
import { createStore, type Store } from '../../store.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from '../../testing/test-env.js';
import { newId } from '../../ids.js';

export const HOUR = 3_600_000;
export const T0 = Date.UTC(2026, 2, 1);

export interface ListeningTestBed {
  store: Store;
  /** The workspace under test, and another of the same organisation that must see none of it. */
  ws: string;
  other: string;
}

/** Registers the suite's beforeAll/afterAll; the returned bed is filled once beforeAll has run. */
export function setUpListeningStore(dialect: TestDialect): ListeningTestBed {
  const bed = {} as ListeningTestBed;
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    bed.store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    await bed.store.migrate();
    const org = await bed.store.accounts.createOrganisation('Ville');
    const workspace = (name: string) =>
      bed.store.accounts.createWorkspace({ organisationId: org.id, name, timezone: 'Europe/Paris' });
    bed.ws = (await workspace('A')).id;
    bed.other = (await workspace('B')).id;
  });
  afterAll(async () => {
    await bed.store?.close();
    await testDb?.drop();
  });
  return bed;
}

export function mention(
  workspaceId: string,
  externalId: string,
  text: string,
  extra: Partial<MentionInsert> = {},
): MentionInsert {
  return {
    id: newId(),
    workspaceId,
    sourceId: null,
    network: 'feed',
    externalId,
    url: `https://example.org/${externalId}`,
    title: null,
    text,
    author: { id: null, handle: 'alice', name: 'Alice Martin', url: null },
    site: 'example.org',
    publishedAt: T0,
    seenAt: T0,
    sortAt: T0,
    language: 'fr',
    languageHow: 'declared',
    sentiment: 'neutral',
    sentimentConfidence: 0.6,
    metrics: { reach: null, likes: null, reposts: null, replies: null },
    hashtags: [],
    repostOf: null,
    replyTo: null,
    duplicateOf: null,
    simhash: null,
    bands: null,
    topicIds: [],
    ...extra,
  };
}
