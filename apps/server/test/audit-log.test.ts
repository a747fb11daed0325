// The audit log as people read it: each entry names its actor and its target (a post's opening words, a
// member's name, even after the post is gone), and the log filters by person, kind of action and time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';

let t: TestApp;
let admin: Caller;
let workspaceId: string;
let channelId: string;

interface Entry {
  action: string;
  actor: { id: string | null; name: string };
  target: { type: string; id: string | null; label: string | null } | null;
  details: Record<string, unknown>;
}

beforeEach(async () => {
  const network = createTestNetwork();
  t = await createTestApp('sqlite', {}, { connectors: [network.connector] });
  ({ admin, workspaceId } = await setUp(t));
  const channel = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
    as: admin,
    body: { network: 'testnet', credentials: { handle: 'mairie', password: 'xxxx-yyyy-zzzz-wwww' } },
  });
  channelId = channel.json().id;
});
afterEach(async () => {
  await t.close();
});

const audit = async (query: string, as: Caller = admin) =>
  t.call('GET', `/api/workspaces/${workspaceId}/audit?${query}`, { as });

describe('audit log', () => {
  it('names the actor and the target of each entry, a deleted post included', async () => {
    const created = await t.call('POST', `/api/workspaces/${workspaceId}/posts`, {
      as: admin,
      body: {
        text: 'Travaux rue du Port\nLa circulation est alternée du 15 au 19 décembre.',
        channels: [{ channelId }],
      },
    });
    const postId = created.json().id as string;
    const { userId: memberId } = await addMember(t, admin, workspaceId, 'camille@mairie.test', 'contributor');
    await t.call('PATCH', `/api/workspaces/${workspaceId}/members/${memberId}`, {
      as: admin,
      body: { role: 'manager' },
    });
    await t.call('DELETE', `/api/workspaces/${workspaceId}/posts/${postId}`, { as: admin });

    const items = (await audit('limit=50')).json().items as Entry[];
    const byAction = (action: string) => items.find((e) => e.action === action);
    expect(byAction('post.created')).toMatchObject({
      actor: { name: ADMIN.name },
      target: { type: 'post', id: postId, label: 'Travaux rue du Port' },
    });
    // Gone from the posts, still named by the label kept when it was written.
    expect(byAction('post.deleted')?.target).toMatchObject({ label: 'Travaux rue du Port' });
    expect(byAction('member.role_changed')).toMatchObject({
      target: { type: 'user', id: memberId, label: 'camille' },
      details: { from: 'contributor', to: 'manager' },
    });
  });

  it('filters by person, kind of action and time, and refuses filters it cannot read', async () => {
    const { caller: member, userId: memberId } = await addMember(t, admin, workspaceId, 'cm@mairie.test', 'admin');
    // Entries are stamped to the millisecond and `from` is inclusive: `before` falls strictly between the
    // invitation's entry and the ones after it.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
    await tick();
    const before = new Date().toISOString();
    await tick();
    await t.call('POST', `/api/workspaces/${workspaceId}/posts`, {
      as: member,
      body: { text: 'Marché de Noël', channels: [{ channelId }] },
    });
    await t.call('POST', `/api/workspaces/${workspaceId}/themes`, {
      as: admin,
      body: { name: 'Culture', color: '#123456' },
    });

    const byMember = (await audit(`actorId=${memberId}`)).json().items as Entry[];
    expect(byMember.map((e) => e.action)).toEqual(['post.created', 'invitation.accepted']);
    const posts = (await audit('kind=post')).json().items as Entry[];
    expect(posts.map((e) => e.action)).toEqual(['post.created']);
    const exact = (await audit('action=member.role_changed')).json().items as Entry[];
    expect(exact).toEqual([]);
    const since = (await audit(`from=${encodeURIComponent(before)}`)).json().items as Entry[];
    expect(since.map((e) => e.action)).toEqual(['theme.created', 'post.created']);
    const until = (await audit(`to=${encodeURIComponent(before)}&kind=post`)).json().items as Entry[];
    expect(until).toEqual([]);

    const backwards = await audit(`from=${encodeURIComponent(before)}&to=2000-01-01T00:00:00.000Z`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details.issues).toEqual([
      expect.objectContaining({ path: 'query.to', code: 'end_before_start' }),
    ]);
    const badKind = await audit('kind=nonsense');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().details.issues[0]).toMatchObject({ path: 'query.kind', code: 'invalid_choice' });
  });
});
