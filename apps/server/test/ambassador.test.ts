// Ambassadors through the API: an admin writes the policy, a community manager marks a post « à relayer » (texts
// checked against each network's length), an ambassador invited as such must acknowledge the policy in force before
// seeing posts, gets share links (their Mastodon instance once set), declares relays counted once per network; a new
// version asks again; another workspace sees none of it — on SQLite and, when ROSTRA_TEST_DATABASE_URL is set,
// PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';

const LINK = 'https://www.lyon.fr/agenda/fete-des-lumieres';

describe.each(testDialects)('ambassadors API on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let workspaceId: string;
  let postId: string;
  let ambassador: Caller;
  const ws = (path: string) => `/api/workspaces/${workspaceId}${path}`;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    ({ admin, workspaceId } = await setUp(t));
    ({ caller: ambassador } = await addMember(t, admin, workspaceId, 'amba@mairie.test', 'ambassador'));
    const post = await t.call('POST', ws('/posts'), { as: admin, body: { text: 'La fête arrive', channels: [] } });
    postId = post.json().id;
  });
  afterEach(async () => {
    await t.close();
  });

  const writePolicy = (text: string, version: number) =>
    t.call('PUT', ws('/ambassador/policy'), { as: admin, body: { text, version } });
  const markRelay = (body: unknown, as: Caller = admin) => t.call('PUT', ws(`/posts/${postId}/relay`), { as, body });

  it('shows the ambassador nothing before the policy is written and acknowledged, then the posts with links', async () => {
    expect(
      (await markRelay({ link: LINK, texts: { x: 'Ce soir 🎆 #FeteDesLumieres', bluesky: 'Ce soir !' } })).statusCode,
    ).toBe(200);
    const before = await t.call('GET', ws('/ambassador'), { as: ambassador });
    expect(before.json()).toMatchObject({ policy: null, needsAcknowledgement: true, items: [] });
    expect((await writePolicy('Restez courtois. Ne parlez pas au nom de la mairie.', 0)).json().version).toBe(1);
    expect((await t.call('GET', ws('/ambassador'), { as: ambassador })).json()).toMatchObject({
      policy: { version: 1 },
      acknowledgedVersion: null,
      needsAcknowledgement: true,
      items: [],
    });
    const share = () =>
      t.call('POST', ws(`/ambassador/relays/${postId}/shares`), { as: ambassador, body: { network: 'x' } });
    expect((await share()).statusCode).toBe(403);
    const stale = await t.call('POST', ws('/ambassador/policy/acknowledge'), { as: ambassador, body: { version: 2 } });
    expect(stale.statusCode).toBe(409);
    const ack = await t.call('POST', ws('/ambassador/policy/acknowledge'), { as: ambassador, body: { version: 1 } });
    expect(ack.statusCode).toBe(204);

    const view = (await t.call('GET', ws('/ambassador'), { as: ambassador })).json();
    expect(view).toMatchObject({ needsAcknowledgement: false, acknowledgedVersion: 1, mastodonInstance: null });
    expect(view.items).toHaveLength(1);
    const links = Object.fromEntries(view.items[0].links.map((l: { network: string }) => [l.network, l]));
    expect(new URL(links.x.url).searchParams.get('text')).toBe('Ce soir 🎆 #FeteDesLumieres');
    expect(new URL(links.x.url).searchParams.get('url')).toBe(LINK);
    expect(links.linkedin.url).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(LINK)}`);
    expect(links.mastodon.url).toBeNull();
    expect(view.items[0].relay.postText).toBe('La fête arrive');

    // The instance, set once, is where the Mastodon link opens; a path or another scheme is refused.
    const bad = await t.call('PUT', ws('/ambassador/profile'), {
      as: ambassador,
      body: { mastodonInstance: 'javascript:alert(1)' },
    });
    expect(bad.json()).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'body.mastodonInstance' }] },
    });
    await t.call('PUT', ws('/ambassador/profile'), {
      as: ambassador,
      body: { mastodonInstance: 'https://Piaille.fr/' },
    });
    const withInstance = (await t.call('GET', ws('/ambassador'), { as: ambassador })).json();
    const mastodon = withInstance.items[0].links.find((l: { network: string }) => l.network === 'mastodon');
    expect(mastodon.url).toBe(`https://piaille.fr/share?text=${encodeURIComponent(LINK)}`);

    // Declared relays: once per network, counted for the team, remembered for the ambassador.
    expect((await share()).json()).toEqual({ counted: true });
    expect((await share()).json()).toEqual({ counted: false });
    const relays = (await t.call('GET', ws('/relays'), { as: admin })).json();
    expect(relays.items[0]).toMatchObject({ postId, shares: { x: 1 } });
    expect((await t.call('GET', ws('/ambassador'), { as: ambassador })).json().items[0].shared).toEqual(['x']);

    // A new version: acknowledge again before seeing posts.
    await writePolicy('Restez courtois. Signalez toute crise à la communication.', 1);
    expect((await t.call('GET', ws('/ambassador'), { as: ambassador })).json()).toMatchObject({
      policy: { version: 2 },
      acknowledgedVersion: 1,
      needsAcknowledgement: true,
      items: [],
    });
    const acks = (await t.call('GET', ws('/ambassador/acknowledgements'), { as: admin })).json();
    expect(acks.items).toEqual([expect.objectContaining({ name: 'amba', email: 'amba@mairie.test', version: 1 })]);
  });

  it('refuses a suggested text over its network’s length, counted the network’s way, naming the text', async () => {
    // X counts a link as 23 and an emoji as 2: 255 + 1 + 23 = 279 fits, one emoji more does not.
    const fits = await markRelay({ link: LINK, texts: { x: 'a'.repeat(255) } });
    expect(fits.statusCode).toBe(200);
    const over = await markRelay({ link: LINK, texts: { x: `${'a'.repeat(255)}🎆`, linkedin: 'b'.repeat(3000) } });
    expect(over.statusCode).toBe(400);
    expect(over.json().details.issues).toEqual([
      expect.objectContaining({ path: 'body.texts.x', code: 'too_long', params: { limit: 280, count: 281 } }),
    ]);
    const bluesky = await markRelay({ link: LINK, texts: { bluesky: 'é'.repeat(300) } });
    expect(bluesky.json().details.issues[0]).toMatchObject({ path: 'body.texts.bluesky', params: { limit: 300 } });
    expect((await markRelay({ link: 'javascript:alert(1)', texts: {} })).statusCode).toBe(400);
  });

  it('lets community managers mark and unmark, audited; contributors and ambassadors may not', async () => {
    const { caller: contributor } = await addMember(t, admin, workspaceId, 'c@mairie.test', 'contributor');
    const { caller: cm } = await addMember(t, admin, workspaceId, 'cm@mairie.test', 'community_manager');
    expect((await markRelay({ link: LINK }, contributor)).statusCode).toBe(403);
    expect((await markRelay({ link: LINK }, ambassador)).statusCode).toBe(403);
    expect((await markRelay({ link: LINK }, cm)).json()).toMatchObject({ postId, link: LINK, texts: {} });
    expect((await markRelay({ link: `${LINK}?v=2` }, cm)).statusCode).toBe(200);
    expect((await t.call('GET', ws(`/posts/${postId}/relay`), { as: contributor })).json().relay.link).toBe(
      `${LINK}?v=2`,
    );
    expect((await t.call('DELETE', ws(`/posts/${postId}/relay`), { as: cm })).statusCode).toBe(204);
    expect((await t.call('GET', ws(`/posts/${postId}/relay`), { as: cm })).json()).toEqual({ relay: null });
    const audit = (await t.call('GET', ws('/audit?limit=5'), { as: admin })).json();
    expect(audit.items.slice(0, 3).map((e: { action: string }) => e.action)).toEqual([
      'ambassador.relay_unmarked',
      'ambassador.relay_updated',
      'ambassador.relay_marked',
    ]);
  });

  it('keeps another workspace’s ambassadors, relays and policy apart', async () => {
    await writePolicy('Politique A', 0);
    await markRelay({ link: LINK });
    const other = await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Office de tourisme' } });
    const otherId = other.json().id;
    const { caller: otherAmbassador } = await addMember(t, admin, otherId, 'b@tourisme.test', 'ambassador');
    await t.call('PUT', `/api/workspaces/${otherId}/ambassador/policy`, { as: admin, body: { text: 'B', version: 0 } });
    await t.call('POST', `/api/workspaces/${otherId}/ambassador/policy/acknowledge`, {
      as: otherAmbassador,
      body: { version: 1 },
    });
    expect(
      (await t.call('GET', `/api/workspaces/${otherId}/ambassador`, { as: otherAmbassador })).json().items,
    ).toEqual([]);
    expect((await t.call('GET', ws('/ambassador'), { as: otherAmbassador })).statusCode).toBe(404);
    const crossed = await t.call('POST', `/api/workspaces/${otherId}/ambassador/relays/${postId}/shares`, {
      as: otherAmbassador,
      body: { network: 'x' },
    });
    expect(crossed.statusCode).toBe(404);
    expect((await t.call('GET', `/api/workspaces/${otherId}/relays`, { as: admin })).json().items).toEqual([]);
  });
});
