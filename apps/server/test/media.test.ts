// Media, alternative text, threads, first comments and network options: from the API to the network, on
// SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '@rostra/connectors';
import { makeGif, makePng } from '@rostra/connectors/testing';
import { testDialects } from '@rostra/store/testing';
import { createTestApp, RawBody, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';
import { createPublishingEngine, PUBLISH_JOB } from '../src/publishing/engine.js';

describe.each(testDialects)('media and threads on %s', (dialect) => {
  let t: TestApp;
  let network: ReturnType<typeof createTestNetwork>;
  let admin: Caller;
  let workspaceId: string;
  let channelId: string;

  beforeEach(async () => {
    network = createTestNetwork();
    t = await createTestApp(dialect, { ROSTRA_MEDIA_MAX_BYTES: '4096' }, { connectors: [network.connector] });
    ({ admin, workspaceId } = await setUp(t));
    const channel = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
      as: admin,
      body: { network: 'testnet', credentials: { handle: 'villedelyon', password: 'xxxx-yyyy-zzzz-wwww' } },
    });
    channelId = channel.json().id;
    await t.call('PATCH', `/api/workspaces/${workspaceId}`, { as: admin, body: { approvalRequired: false } });
  });
  afterEach(async () => {
    await t.close();
  });

  const mediaUrl = (path = '') => `/api/workspaces/${workspaceId}/media${path}`;
  const postUrl = (path = '') => `/api/workspaces/${workspaceId}/posts${path}`;

  async function upload(data: Uint8Array, type: string, alt?: string) {
    return t.call('POST', mediaUrl(alt === undefined ? '' : `?alt=${encodeURIComponent(alt)}`), {
      as: admin,
      body: new RawBody(data, type),
    });
  }

  /** Runs the delivery's publish job as a worker would, right now. */
  async function publishNow(postId: string) {
    const engine = createPublishingEngine({
      store: t.runtime.store,
      secrets: t.runtime.secrets,
      queue: t.runtime.queue,
      connectors: t.runtime.connectors,
    });
    const [target] = await t.runtime.store.posts.targets(postId);
    await engine.handlers[PUBLISH_JOB]?.({ targetId: target?.id }, { jobId: 'j', attempt: 1, workerId: 'w' });
    return target?.id as string;
  }

  async function schedule(postId: string) {
    const past = new Date(Date.now() - 60_000).toISOString();
    const response = await t.call('POST', postUrl(`/${postId}/schedule`), { as: admin, body: { scheduledAt: past } });
    expect(response.statusCode, response.body).toBe(200);
  }

  it('recognises files by their bytes, serves them back safely, and refuses what they are not', async () => {
    const png = makePng(3, 2);
    const created = await upload(png, 'image/png', 'Le parvis de l’hôtel de ville');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      mimeType: 'image/png',
      size: png.byteLength,
      width: 3,
      height: 2,
      alt: 'Le parvis de l’hôtel de ville',
    });
    const id = created.json().id as string;

    const served = await t.call('GET', mediaUrl(`/${id}`), { as: admin });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['content-disposition']).toBe('inline');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect([...served.rawPayload]).toEqual([...png]);
    expect((await t.call('GET', mediaUrl(), { as: admin })).json().items.map((m: { id: string }) => m.id)).toEqual([
      id,
    ]);

    const mismatch = await upload(png, 'image/jpeg');
    expect(mismatch.statusCode).toBe(415);
    expect(mismatch.json()).toMatchObject({
      code: 'unsupported_media_type',
      details: { declared: 'image/jpeg', detected: 'image/png' },
    });
    const notAnImage = await upload(new TextEncoder().encode('%PDF-1.7 ...'), 'image/png');
    expect(notAnImage.json()).toMatchObject({ code: 'unsupported_media_type', details: { path: 'body' } });
    const wrongType = await upload(new TextEncoder().encode('%PDF-1.7 ...'), 'application/pdf');
    expect(wrongType.json()).toMatchObject({
      code: 'unsupported_media_type',
      details: { path: 'headers.content-type' },
    });
    const tooLarge = await upload(new Uint8Array(5000), 'image/png');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('payload_too_large');

    const audit = (await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=5`, { as: admin })).json();
    expect(audit.items[0]).toMatchObject({ action: 'media.uploaded', targetType: 'media', targetId: id });

    expect((await t.call('DELETE', mediaUrl(`/${id}`), { as: admin })).statusCode).toBe(204);
    expect((await t.call('GET', mediaUrl(`/${id}`), { as: admin })).statusCode).toBe(404);
  });

  it('edits a file’s alternative text after upload, within its workspace, until a post takes it out', async () => {
    const id = (await upload(makePng(2, 2), 'image/png')).json().id as string;
    const edited = await t.call('PATCH', mediaUrl(`/${id}`), {
      as: admin,
      body: { alt: '  La fresque des Lyonnais, quai Saint-Vincent  ' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ id, alt: 'La fresque des Lyonnais, quai Saint-Vincent' });
    expect((await t.call('GET', mediaUrl(), { as: admin })).json().items[0].alt).toBe(
      'La fresque des Lyonnais, quai Saint-Vincent',
    );
    const audit = (await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=1`, { as: admin })).json();
    expect(audit.items[0]).toMatchObject({ action: 'media.updated', targetType: 'media', targetId: id });

    const tooLong = await t.call('PATCH', mediaUrl(`/${id}`), { as: admin, body: { alt: 'é'.repeat(1501) } });
    expect(tooLong.json()).toMatchObject({ code: 'validation_failed', details: { issues: [{ path: 'body.alt' }] } });
    const unknownField = await t.call('PATCH', mediaUrl(`/${id}`), { as: admin, body: { alt: 'a', size: 1 } });
    expect(unknownField.json().code).toBe('validation_failed');

    // The same person, in another workspace: that workspace has no such file, and this one's is untouched.
    const other = (await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Métropole' } })).json();
    const crossed = await t.call('PATCH', `/api/workspaces/${other.id}/media/${id}`, {
      as: admin,
      body: { alt: 'Réécrit ailleurs' },
    });
    expect(crossed.statusCode).toBe(404);
    expect(crossed.json().code).toBe('not_found');
    expect((await t.runtime.store.media.get(workspaceId, id))?.alt).toBe('La fresque des Lyonnais, quai Saint-Vincent');

    // While the post using it waits, the text may still change; once published, it is what went out.
    const created = await t.call('POST', postUrl(), {
      as: admin,
      body: { text: 'La fresque', media: [{ mediaId: id }], channels: [{ channelId }] },
    });
    const postId = created.json().id as string;
    await schedule(postId);
    expect((await t.call('PATCH', mediaUrl(`/${id}`), { as: admin, body: { alt: 'Avant départ' } })).statusCode).toBe(
      200,
    );
    await publishNow(postId);
    expect(network.published).toHaveLength(1);
    const refused = await t.call('PATCH', mediaUrl(`/${id}`), { as: admin, body: { alt: 'Trop tard' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'not_editable', details: { posts: [postId] } });
    expect((await t.runtime.store.media.get(workspaceId, id))?.alt).toBe('Avant départ');

    const doc = (await t.call('GET', '/api/openapi.json')).json();
    const operation = doc.paths['/api/workspaces/{workspaceId}/media/{mediaId}'].patch;
    expect(operation.requestBody.content['application/json'].schema.properties.alt).toMatchObject({
      type: 'string',
    });
  });

  it('stores a post’s media with alt text, options, first comment and a thread split per network', async () => {
    const first = (await upload(makePng(2, 2), 'image/png', 'Proposé')).json().id as string;
    const second = (await upload(makeGif(), 'image/gif')).json().id as string;
    const sentences = Array.from({ length: 6 }, (_, i) => `Phrase numéro ${i + 1} du conseil municipal de ce soir.`);
    const created = await t.call('POST', postUrl(), {
      as: admin,
      body: {
        text: sentences.join(' '),
        languages: ['fr'],
        media: [{ mediaId: second }, { mediaId: first, alt: 'La salle du conseil' }],
        channels: [
          {
            channelId,
            options: { visibility: 'unlisted' },
            firstComment: 'Ordre du jour : lyon.fr/conseil',
            thread: true,
            threadNumbering: true,
          },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const post = created.json();
    expect(post.languages).toEqual(['fr']);
    expect(post.media.map((m: { mediaId: string; alt: string }) => [m.mediaId, m.alt])).toEqual([
      [second, ''],
      [first, 'La salle du conseil'],
    ]);
    const [target] = post.targets;
    expect(target).toMatchObject({
      options: { visibility: 'unlisted' },
      firstComment: 'Ordre du jour : lyon.fr/conseil',
      thread: { mode: 'split', numbering: true },
    });
    const parts = target.thread.parts as string[];
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect([...part].length).toBeLessThanOrEqual(100);
    expect(parts[0]?.endsWith(` 1/${parts.length}`)).toBe(true);
    // The second file has no alternative text: a warning, which names the network and the file.
    expect(post.violations).toEqual([
      expect.objectContaining({ network: 'testnet', rule: 'alt_text_missing', severity: 'warning', channelId }),
    ]);

    // A file a post uses cannot be deleted.
    const refused = await t.call('DELETE', mediaUrl(`/${first}`), { as: admin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details.posts).toEqual([post.id]);

    // A new text is split again; a third file breaks the network's count, by how much it says.
    const third = (await upload(makePng(1, 1), 'image/png', 'x')).json().id as string;
    const edited = await t.call('PATCH', postUrl(`/${post.id}`), {
      as: admin,
      body: {
        text: 'Court.',
        media: [
          { mediaId: first, alt: 'a' },
          { mediaId: second, alt: 'b' },
          { mediaId: third, alt: 'c' },
        ],
      },
    });
    expect(edited.json().targets[0].thread.parts).toEqual(['Court.']);
    expect(edited.json().violations).toEqual([
      expect.objectContaining({ rule: 'too_many_media', excess: 1, network: 'testnet' }),
    ]);

    // Parts written one by one are checked one by one: the message says which part, and by how much.
    const written = await t.call('PATCH', postUrl(`/${post.id}`), {
      as: admin,
      body: {
        media: [],
        channels: [{ channelId, thread: ['Court.', 'y'.repeat(120)], firstComment: 'z'.repeat(101) }],
      },
    });
    expect(written.json().targets[0].thread).toEqual({ mode: 'parts', parts: ['Court.', 'y'.repeat(120)] });
    expect(written.json().violations).toEqual([
      expect.objectContaining({ rule: 'max_length', excess: 20, message: expect.stringMatching(/^Part 2\/2: /) }),
      expect.objectContaining({ rule: 'max_length', excess: 1, message: expect.stringMatching(/^First comment: /) }),
    ]);

    const unknown = await t.call('PATCH', postUrl(`/${post.id}`), {
      as: admin,
      body: { media: [{ mediaId: 'nope' }] },
    });
    expect(unknown.json()).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'body.media.0.mediaId' }] },
    });
  });

  it('publishes media with alt text, a thread in order, then the first comment once, resuming after a failure', async () => {
    const png = makePng(2, 2);
    const mediaId = (await upload(png, 'image/png')).json().id as string;
    const created = await t.call('POST', postUrl(), {
      as: admin,
      body: {
        text: 'ignoré',
        media: [{ mediaId, alt: 'Le maire et les enfants du conseil' }],
        channels: [{ channelId, thread: ['Un.', 'Deux.', 'Trois.'], firstComment: 'Plus sur lyon.fr' }],
      },
    });
    const postId = created.json().id as string;
    await schedule(postId);
    // The network fails on the second part: the first is out and must not go out again.
    network.failures.push(undefined, new ConnectorError('testnet', 'unavailable', '503 Service Unavailable'));
    const targetId = await publishNow(postId);
    expect(network.published.map((r) => r.text)).toEqual(['Un.']);
    let detail = (await t.call('GET', postUrl(`/${postId}`), { as: admin })).json();
    expect(detail.targets[0]).toMatchObject({ status: 'scheduled', lastErrorCode: 'unavailable' });
    expect(detail.targets[0].publishedParts).toEqual([{ key: targetId, url: `https://testnet.example/${targetId}` }]);

    // The retry is due after a backoff; the worker runs it then.
    await forceDue(postId);
    await publishNow(postId);
    expect(network.published.map((r) => [r.idempotencyKey, r.text, r.replyTo?.id ?? null])).toEqual([
      [targetId, 'Un.', null],
      [`${targetId}:1`, 'Deux.', `testnet:${targetId}`],
      [`${targetId}:2`, 'Trois.', `testnet:${targetId}:1`],
      [`${targetId}:comment`, 'Plus sur lyon.fr', `testnet:${targetId}`],
    ]);
    const [first] = network.published;
    expect(first?.media?.map((m) => ({ type: m.mimeType, alt: m.alt, bytes: m.data.byteLength }))).toEqual([
      { type: 'image/png', alt: 'Le maire et les enfants du conseil', bytes: png.byteLength },
    ]);
    expect(network.published.slice(1).every((r) => r.media === undefined)).toBe(true);
    detail = (await t.call('GET', postUrl(`/${postId}`), { as: admin })).json();
    expect(detail).toMatchObject({ status: 'published', targets: [{ status: 'published' }] });
    expect(detail.targets[0].publishedParts).toHaveLength(4);

    // Running the job again publishes nothing more.
    await publishNow(postId);
    expect(network.published).toHaveLength(4);
  });

  /** Makes a scheduled retry due now (the backoff is the engine test's business, not this one's). */
  async function forceDue(postId: string) {
    const [target] = await t.runtime.store.posts.targets(postId);
    if (target?.status !== 'scheduled') return;
    await t.runtime.store.deliveries.unscheduleTargets(postId);
    await t.runtime.store.deliveries.scheduleTargets(postId, 0);
  }
});
