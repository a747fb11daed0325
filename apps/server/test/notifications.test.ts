// In-app notifications through the API (who hears about what, reading them), and rescheduling a post:
// on SQLite and, when ROSTRA_TEST_DATABASE_URL is set, on PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';
import { createPublishingEngine, PUBLISH_JOB } from '../src/publishing/engine.js';

describe.each(testDialects)('on %s', (dialect) => {
  let t: TestApp;
  let network: ReturnType<typeof createTestNetwork>;
  let admin: Caller;
  let adminId: string;
  let workspaceId: string;
  let channelId: string;

  beforeEach(async () => {
    network = createTestNetwork();
    t = await createTestApp(dialect, {}, { connectors: [network.connector] });
    ({ admin, workspaceId, userId: adminId } = await setUp(t));
    const channel = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
      as: admin,
      body: { network: 'testnet', credentials: { handle: 'villedelyon', password: 'xxxx-yyyy-zzzz-wwww' } },
    });
    channelId = channel.json().id;
  });
  afterEach(async () => {
    await t.close();
  });

  const posts = (path = '') => `/api/workspaces/${workspaceId}/posts${path}`;
  const inbox = async (who: Caller, query = '') =>
    (await t.call('GET', `/api/notifications${query}`, { as: who })).json();

  describe('notifications', () => {
    it('tells managers of a submission, the author of comments and decisions, never the actor', async () => {
      const { caller: author, userId: authorId } = await addMember(
        t,
        admin,
        workspaceId,
        'agent@lyon.fr',
        'contributor',
      );
      const { caller: manager } = await addMember(t, admin, workspaceId, 'dircom@lyon.fr', 'manager');
      const { caller: cm } = await addMember(t, admin, workspaceId, 'cm@lyon.fr', 'community_manager');
      const created = await t.call('POST', posts(), {
        as: author,
        body: { text: 'Fête des Lumières :\n<b>programme</b> du 8 décembre', channels: [{ channelId }] },
      });
      const postId = created.json().id;
      expect((await t.call('POST', posts(`/${postId}/submit`), { as: author, body: {} })).statusCode).toBe(200);

      // Managers and above hear of the submission; the author (the actor) and the community manager do not.
      const managerInbox = await inbox(manager);
      expect(managerInbox.unread).toBe(1);
      expect(managerInbox.items[0]).toMatchObject({
        workspaceId,
        kind: 'post.submitted',
        params: { post: 'Fête des Lumières :', actor: 'agent' },
        link: `/w/${workspaceId}/posts/${postId}`,
        actorId: authorId,
        readAt: null,
      });
      expect((await inbox(admin)).items.map((n: { kind: string }) => n.kind)).toEqual(['post.submitted']);
      expect((await inbox(author)).unread).toBe(0);
      expect((await inbox(cm)).unread).toBe(0);

      // A comment reaches the author, then later comments reach earlier commenters too.
      await t.call('POST', posts(`/${postId}/comments`), { as: manager, body: { text: 'Ajoutez l’horaire' } });
      expect((await inbox(author)).items.map((n: { kind: string }) => n.kind)).toEqual(['post.commented']);
      await t.call('POST', posts(`/${postId}/comments`), { as: author, body: { text: 'Fait' } });
      expect((await inbox(manager)).items.map((n: { kind: string }) => n.kind)).toEqual([
        'post.commented',
        'post.submitted',
      ]);
      expect((await inbox(cm)).unread).toBe(0);

      await t.call('POST', posts(`/${postId}/reject`), { as: manager, body: {} });
      expect((await inbox(author)).items[0]).toMatchObject({ kind: 'post.rejected', params: { actor: 'dircom' } });
    });

    it('pages, marks one read (only one’s own) and marks all read, per workspace or everywhere', async () => {
      const { caller: author } = await addMember(t, admin, workspaceId, 'agent@lyon.fr', 'contributor');
      const other = await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Métropole' } });
      const otherId = other.json().id;
      for (let i = 0; i < 3; i++) {
        const postId = (
          await t.call('POST', posts(), { as: author, body: { text: `Post ${i}`, channels: [{ channelId }] } })
        ).json().id;
        await t.call('POST', posts(`/${postId}/submit`), { as: author, body: {} });
      }
      await t.runtime.store.notifications.create(
        [
          {
            workspaceId: otherId,
            userId: adminId,
            kind: 'channel.needs_reconnect',
            params: { post: 'elsewhere' },
            link: null,
            actorId: null,
          },
        ],
        1,
      );
      const first = await inbox(admin, '?limit=2');
      expect(first.items.map((n: { params: { post: string } }) => n.params.post)).toEqual(['Post 2', 'Post 1']);
      expect(first.unread).toBe(4);
      const next = await inbox(admin, `?limit=2&cursor=${first.nextCursor}`);
      expect(next.items.map((n: { params: { post: string } }) => n.params.post)).toEqual(['Post 0', 'elsewhere']);
      expect(next.nextCursor).toBeNull();

      // Somebody else's notification does not exist for you.
      const stranger = await t.call('POST', `/api/notifications/${first.items[0].id}/read`, { as: author });
      expect(stranger.statusCode).toBe(404);
      expect(stranger.json().code).toBe('not_found');
      const read = await t.call('POST', `/api/notifications/${first.items[0].id}/read`, { as: admin });
      expect(read.statusCode).toBe(200);
      expect(read.json().readAt).not.toBeNull();
      expect((await inbox(admin)).unread).toBe(3);
      expect((await inbox(admin, '?unread=true')).items).toHaveLength(3);
      expect((await inbox(admin, `?workspaceId=${workspaceId}`)).unread).toBe(2);

      const allHere = await t.call('POST', '/api/notifications/read-all', { as: admin, body: { workspaceId } });
      expect(allHere.json()).toEqual({ marked: 2 });
      expect((await inbox(admin)).unread).toBe(1);
      const everywhere = await t.call('POST', '/api/notifications/read-all', { as: admin, body: {} });
      expect(everywhere.json()).toEqual({ marked: 1 });
      expect((await inbox(admin)).unread).toBe(0);

      const bad = await t.call('GET', '/api/notifications?limit=0', { as: admin });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation_failed');
    });
  });

  describe('reschedule', () => {
    async function scheduledPost(at: string) {
      const postId = (
        await t.call('POST', posts(), { as: admin, body: { text: 'Conseil municipal', channels: [{ channelId }] } })
      ).json().id;
      await t.call('POST', posts(`/${postId}/submit`), { as: admin, body: {} });
      await t.call('POST', posts(`/${postId}/approve`), { as: admin, body: {} });
      const scheduled = await t.call('POST', posts(`/${postId}/schedule`), { as: admin, body: { scheduledAt: at } });
      expect(scheduled.json().status).toBe('scheduled');
      return postId as string;
    }

    it('moves a scheduled post and its deliveries in one step; the old job then ends quietly', async () => {
      const postId = await scheduledPost('2000-01-01T09:00:00Z'); // in the past: due now
      const moved = await t.call('POST', posts(`/${postId}/reschedule`), {
        as: admin,
        body: { scheduledAt: '2040-03-05T10:30:00+01:00' },
      });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({
        status: 'scheduled',
        scheduledAt: '2040-03-05T09:30:00.000Z',
        targets: [{ status: 'scheduled', dueAt: '2040-03-05T09:30:00.000Z', attempts: 0 }],
      });
      const audit = await t.call('GET', `/api/workspaces/${workspaceId}/audit?limit=1`, { as: admin });
      expect(audit.json().items[0]).toMatchObject({
        action: 'post.reschedule',
        targetId: postId,
        details: { from: 'scheduled', to: 'scheduled', scheduledAt: '2040-03-05T09:30:00.000Z' },
      });

      // The job of the first time runs: the delivery is not due any more, nothing is published.
      const engine = createPublishingEngine({
        store: t.runtime.store,
        secrets: t.runtime.secrets,
        queue: t.runtime.queue,
        connectors: t.runtime.connectors,
      });
      const targetId = moved.json().targets[0].id;
      const run = engine.handlers[PUBLISH_JOB] as NonNullable<(typeof engine.handlers)[string]>;
      await run({ targetId }, { jobId: 'old', attempt: 1, workerId: 'w1' });
      expect(network.published).toEqual([]);
      const after = (await t.call('GET', posts(`/${postId}`), { as: admin })).json();
      expect(after.targets[0]).toMatchObject({ status: 'scheduled', attempts: 0 });

      // Back to a time already passed: due at once, and the job for it publishes.
      await t.call('POST', posts(`/${postId}/reschedule`), {
        as: admin,
        body: { scheduledAt: '2001-01-01T00:00:00Z' },
      });
      await run({ targetId }, { jobId: 'new', attempt: 1, workerId: 'w1' });
      expect(network.published).toHaveLength(1);
      expect((await t.call('GET', posts(`/${postId}`), { as: admin })).json().status).toBe('published');
    });

    it('refuses a post that is not scheduled, a missing time, and contributors', async () => {
      const draft = (await t.call('POST', posts(), { as: admin, body: { text: 'Brouillon', channels: [] } })).json().id;
      const notScheduled = await t.call('POST', posts(`/${draft}/reschedule`), {
        as: admin,
        body: { scheduledAt: '2040-01-01T09:00:00Z' },
      });
      expect(notScheduled.statusCode).toBe(409);
      expect(notScheduled.json().code).toBe('invalid_transition');

      const postId = await scheduledPost('2040-01-01T09:00:00Z');
      const missing = await t.call('POST', posts(`/${postId}/reschedule`), { as: admin, body: {} });
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toMatchObject({
        code: 'validation_failed',
        details: { issues: [{ path: 'body.scheduledAt' }] },
      });
      const { caller: contributor } = await addMember(t, admin, workspaceId, 'agent@lyon.fr', 'contributor');
      const refused = await t.call('POST', posts(`/${postId}/reschedule`), {
        as: contributor,
        body: { scheduledAt: '2040-02-01T09:00:00Z' },
      });
      expect(refused.statusCode).toBe(403);
      const unchanged = (await t.call('GET', posts(`/${postId}`), { as: admin })).json();
      expect(unchanged.scheduledAt).toBe('2040-01-01T09:00:00.000Z');
    });
  });
});
