// The authorisation matrix, walked over every registered /api route: a new route that forgets a check,
// or that has no entry here, fails this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, RawBody, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { makePng } from '@rostra/connectors/testing';
import type { RouteInfo } from '../src/http/app.js';
import { createListeningPipeline } from '../src/listening/pipeline.js';

/** A valid body for every write route, so refusals are about rights, never about validation. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/setup': {
    organisation: 'O',
    workspace: 'W',
    name: 'N',
    email: 'n@example.org',
    password: 'une phrase de passe',
  },
  'POST /api/auth/login': { email: 'n@example.org', password: 'une phrase de passe' },
  'POST /api/auth/logout': undefined,
  'PATCH /api/me': { locale: 'en' },
  'POST /api/workspaces/:workspaceId/mail/test': undefined,
  'POST /api/workspaces': { name: 'Nouveau' },
  'PATCH /api/workspaces/:workspaceId': { name: 'Renommé' },
  'PATCH /api/workspaces/:workspaceId/members/:userId': { role: 'contributor' },
  'DELETE /api/workspaces/:workspaceId/members/:userId': undefined,
  'POST /api/workspaces/:workspaceId/members/:userId/ownership': undefined,
  'POST /api/workspaces/:workspaceId/members/:userId/password-reset': undefined,
  'POST /api/me/password': { currentPassword: 'mot de passe du membre', newPassword: 'un nouveau mot de passe' },
  'POST /api/auth/password-reset': { email: 'n@example.org' },
  'POST /api/password-resets/:token': { password: 'un nouveau mot de passe' },
  'POST /api/workspaces/:workspaceId/invitations': { email: 'matrix@example.org', role: 'viewer' },
  'DELETE /api/workspaces/:workspaceId/invitations/:invitationId': undefined,
  'POST /api/workspaces/:workspaceId/api-keys': { name: 'matrix', role: 'viewer' },
  'DELETE /api/workspaces/:workspaceId/api-keys/:apiKeyId': undefined,
  'POST /api/invitations/:token/accept': { name: 'N', password: 'une phrase de passe' },
  'POST /api/workspaces/:workspaceId/channels': {
    network: 'testnet',
    credentials: { handle: 'matrix', password: 'xxxx-yyyy-zzzz-wwww' },
  },
  'DELETE /api/workspaces/:workspaceId/channels/:channelId': undefined,
  'POST /api/workspaces/:workspaceId/channels/oauth': { network: 'testnet', fields: {} },
  'POST /api/workspaces/:workspaceId/channels/oauth/choices/:choiceToken': { accountIds: ['page:mairie'] },
  'POST /api/workspaces/:workspaceId/themes': { name: 'Matrice', color: '#1c7ed6' },
  'DELETE /api/workspaces/:workspaceId/themes/:themeId': undefined,
  'POST /api/workspaces/:workspaceId/content-types': { name: 'Matrice' },
  'DELETE /api/workspaces/:workspaceId/content-types/:contentTypeId': undefined,
  'PUT /api/workspaces/:workspaceId/charter': { charter: { tone: 'Matrice' }, version: 0 },
  'PUT /api/workspaces/:workspaceId/ambassador/profile': { mastodonInstance: 'piaille.fr' },
  // The fixtures write version 1 once; the policy route (registered after) writes version 2.
  'POST /api/workspaces/:workspaceId/ambassador/policy/acknowledge': { version: 1 },
  'POST /api/workspaces/:workspaceId/ambassador/relays/:postId/shares': { network: 'x' },
  'PUT /api/workspaces/:workspaceId/ambassador/policy': { text: 'Politique (matrice)', version: 1 },
  'PUT /api/workspaces/:workspaceId/posts/:postId/relay': {
    link: 'https://www.lyon.fr/matrice',
    texts: { x: 'Matrice' },
  },
  'DELETE /api/workspaces/:workspaceId/posts/:postId/relay': undefined,
  'POST /api/workspaces/:workspaceId/posts': { text: 'Bonjour', channels: [] },
  'PATCH /api/workspaces/:workspaceId/posts/:postId': { text: 'Bonjour à tous' },
  'DELETE /api/workspaces/:workspaceId/posts/:postId': undefined,
  'POST /api/workspaces/:workspaceId/posts/:postId/submit': {},
  'POST /api/workspaces/:workspaceId/posts/:postId/approve': {},
  'POST /api/workspaces/:workspaceId/posts/:postId/reject': {},
  'POST /api/workspaces/:workspaceId/posts/:postId/schedule': { scheduledAt: '2030-01-01T09:00:00+01:00' },
  'POST /api/workspaces/:workspaceId/posts/:postId/reschedule': { scheduledAt: '2031-07-01T09:00:00+02:00' },
  'POST /api/workspaces/:workspaceId/posts/:postId/unschedule': {},
  'POST /api/workspaces/:workspaceId/posts/:postId/retry': {},
  'POST /api/workspaces/:workspaceId/posts/:postId/comments': { text: 'Relu, ok pour moi' },
  'POST /api/workspaces/:workspaceId/posts/bulk': { action: 'submit', postIds: [':postId'] },
  'POST /api/workspaces/:workspaceId/webhooks': { url: 'http://127.0.0.1:9/hook', events: ['post.published'] },
  'DELETE /api/workspaces/:workspaceId/webhooks/:webhookId': undefined,
  'POST /api/workspaces/:workspaceId/webhooks/:webhookId/ping': undefined,
  'POST /api/workspaces/:workspaceId/calendar/import': { csv: 'text\nImporté\n' },
  'POST /api/workspaces/:workspaceId/calendar/import/preview': { csv: 'text\nImporté\n' },
  'POST /api/workspaces/:workspaceId/calendar/feed/rotate': undefined,
  'PUT /api/workspaces/:workspaceId/posting-slots': { slots: [{ days: [1, 3], time: '09:30' }] },
  'POST /api/workspaces/:workspaceId/media': new RawBody(makePng(2, 2), 'image/png'),
  'PATCH /api/workspaces/:workspaceId/media/:mediaId': { alt: 'Vue du Rhône depuis le pont' },
  'DELETE /api/workspaces/:workspaceId/media/:mediaId': undefined,
  'POST /api/workspaces/:workspaceId/listening/topics': { name: 'Matrice', group: 'brand', query: 'matrice' },
  'PATCH /api/workspaces/:workspaceId/listening/topics/:topicId': { query: 'matrice OR test' },
  'DELETE /api/workspaces/:workspaceId/listening/topics/:topicId': undefined,
  'POST /api/workspaces/:workspaceId/listening/sources': { network: 'testnet', kind: 'search', config: { q: 'ville' } },
  'PATCH /api/workspaces/:workspaceId/listening/sources/:sourceId': { label: 'Renommée' },
  'DELETE /api/workspaces/:workspaceId/listening/sources/:sourceId': undefined,
  'POST /api/workspaces/:workspaceId/listening/sources/:sourceId/poll': undefined,
  'POST /api/workspaces/:workspaceId/listening/mentions/:mentionId/sentiment': { label: 'positive' },
  'PUT /api/workspaces/:workspaceId/listening/mentions/:mentionId/tags': { tags: ['matrice'] },
  'POST /api/workspaces/:workspaceId/listening/mentions/:mentionId/handled': { handled: true },
  'POST /api/notifications/:notificationId/read': undefined,
  'POST /api/notifications/read-all': {},
  'POST /api/workspaces/:workspaceId/alerts': { topicId: ':topicId', name: 'Matrice', kind: 'new_source' },
  'PATCH /api/workspaces/:workspaceId/alerts/:alertId': { enabled: false },
  'DELETE /api/workspaces/:workspaceId/alerts/:alertId': undefined,
  'POST /api/workspaces/:workspaceId/plan/rubrics': {
    name: 'Matrice',
    channelIds: [':channelId'],
    period: { kind: 'weekly', weekdays: [1] },
    time: '09:30',
  },
  'PUT /api/workspaces/:workspaceId/plan/rubrics/:rubricId': {
    name: 'Matrice modifiée',
    channelIds: [':channelId'],
    period: { kind: 'monthly', weekday: 2, nth: -1 },
    time: '10:00',
  },
  'DELETE /api/workspaces/:workspaceId/plan/rubrics/:rubricId': undefined,
  'POST /api/workspaces/:workspaceId/plan/generate': { weeks: 2 },
  'POST /api/workspaces/:workspaceId/plan/slots/:slotId/post': undefined,
  'PUT /api/workspaces/:workspaceId/plan/settings': { holidayRegion: 'alsace_moselle', targets: {} },
  'POST /api/workspaces/:workspaceId/plan/ideas': { title: 'Matrice' },
  'POST /api/workspaces/:workspaceId/plan/ideas/from-mention': { mentionId: ':mentionId' },
  'PUT /api/workspaces/:workspaceId/plan/ideas/:ideaId': { title: 'Matrice modifiée' },
  'DELETE /api/workspaces/:workspaceId/plan/ideas/:ideaId': undefined,
  'POST /api/workspaces/:workspaceId/plan/ideas/:ideaId/use': { slotId: ':slotId' },
  'POST /api/workspaces/:workspaceId/plan/events': { name: 'Matrice', date: '2031-03-08' },
  'POST /api/workspaces/:workspaceId/plan/events/import': { format: 'csv', content: 'date;nom\n08/03/2031;Matrice\n' },
  'DELETE /api/workspaces/:workspaceId/plan/events/:eventId': undefined,
  'PUT /api/workspaces/:workspaceId/strategy': { context: 'Matrice', diagnostic: '', targets: '' },
  'POST /api/workspaces/:workspaceId/strategy/objectives': {
    statement: 'Matrice',
    kind: 'notoriety',
    kpi: 'share_of_voice',
    target: 0.5,
    deadline: '2031-12-31',
  },
  'PUT /api/workspaces/:workspaceId/strategy/objectives/:objectiveId': {
    statement: 'Matrice modifiée',
    kind: 'e_reputation',
    kpi: 'negative_share',
    target: 0.1,
    deadline: '2031-12-31',
  },
  'DELETE /api/workspaces/:workspaceId/strategy/objectives/:objectiveId': undefined,
  'POST /api/workspaces/:workspaceId/strategy/personas': { name: 'Matrice', audience: 'btoc' },
  'PUT /api/workspaces/:workspaceId/strategy/personas/:personaId': { name: 'Matrice modifiée', audience: 'btob' },
  'DELETE /api/workspaces/:workspaceId/strategy/personas/:personaId': undefined,
  'PATCH /api/workspaces/:workspaceId/inbox/items/:itemId': { status: 'open', labels: ['matrice'] },
  'POST /api/workspaces/:workspaceId/inbox/conversations/:conversationId/notes': { text: 'Note (matrice)' },
  'PUT /api/workspaces/:workspaceId/inbox/service-levels': {
    timeZone: 'Europe/Paris',
    hours: { 1: [{ start: '09:00', end: '17:00' }] },
    holidays: 'france',
    firstResponseMinutes: 120,
    resolutionMinutes: 600,
  },
  'POST /api/workspaces/:workspaceId/inbox/saved-replies': { name: 'Matrice', text: 'Bonjour {prénom}', link: null },
  'PUT /api/workspaces/:workspaceId/inbox/saved-replies/:replyId': { name: 'Matrice modifiée', text: 'Bonjour' },
  'DELETE /api/workspaces/:workspaceId/inbox/saved-replies/:replyId': undefined,
  'POST /api/workspaces/:workspaceId/inbox/saved-replies/preview': {
    text: 'Bonjour {prénom}',
    network: 'testnet',
    author: { name: 'Camille Martin', handle: 'camille' },
  },
  'POST /api/workspaces/:workspaceId/inbox/rules': {
    name: 'Matrice',
    conditions: [{ type: 'query', query: 'matrice' }],
    actions: [{ type: 'label', label: 'matrice' }],
  },
  'PUT /api/workspaces/:workspaceId/inbox/rules/:ruleId': {
    name: 'Matrice',
    conditions: [{ type: 'query', query: 'matrice' }],
    actions: [{ type: 'label', label: 'matrice' }],
  },
  'DELETE /api/workspaces/:workspaceId/inbox/rules/:ruleId': undefined,
  'POST /api/workspaces/:workspaceId/inbox/rules/:ruleId/move': { position: 0 },
  'POST /api/workspaces/:workspaceId/inbox/rules/try': {
    name: 'Matrice',
    conditions: [{ type: 'query', query: 'matrice' }],
    actions: [{ type: 'label', label: 'matrice' }],
  },
};

interface WorkspaceFixture {
  id: string;
  admin: Caller;
  viewer: Caller;
  apiKey: string;
  /** Resource ids of this workspace, by route parameter name. */
  params: Record<string, string>;
}

let t: TestApp;
let a: WorkspaceFixture;
let b: WorkspaceFixture;
/** A member of workspace A invited as ambassador. */
let ambassador: Caller;

async function fixture(admin: Caller, workspaceId: string, tag: string): Promise<WorkspaceFixture> {
  const { caller: viewer, userId: viewerId } = await addMember(
    t,
    admin,
    workspaceId,
    `viewer-${tag}@example.org`,
    'viewer',
  );
  const { userId: memberId } = await addMember(t, admin, workspaceId, `member-${tag}@example.org`, 'contributor');
  const invitation = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
    as: admin,
    body: { email: `pending-${tag}@example.org`, role: 'viewer' },
  });
  const key = await t.call('POST', `/api/workspaces/${workspaceId}/api-keys`, {
    as: admin,
    body: { name: tag, role: 'admin' },
  });
  const spare = await t.call('POST', `/api/workspaces/${workspaceId}/api-keys`, {
    as: admin,
    body: { name: `${tag}-spare`, role: 'viewer' },
  });
  expect(viewerId).toBeTruthy();
  const channel = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
    as: admin,
    body: { network: 'testnet', credentials: { handle: `ville-${tag}`, password: 'xxxx-yyyy-zzzz-wwww' } },
  });
  const theme = await t.call('POST', `/api/workspaces/${workspaceId}/themes`, {
    as: admin,
    body: { name: `Thème ${tag}`, color: '#40c057' },
  });
  const type = await t.call('POST', `/api/workspaces/${workspaceId}/content-types`, {
    as: admin,
    body: { name: `Type ${tag}` },
  });
  // One post in each state the workflow routes start from.
  const posts: Record<string, string> = {};
  const newPost = async () =>
    (
      await t.call('POST', `/api/workspaces/${workspaceId}/posts`, {
        as: admin,
        body: { text: `Post ${tag}`, channels: [{ channelId: channel.json().id }] },
      })
    ).json().id as string;
  const act = (postId: string, action: string, body: unknown = {}) =>
    t.call('POST', `/api/workspaces/${workspaceId}/posts/${postId}/${action}`, { as: admin, body });
  posts.draft = await newPost();
  posts.in_review = await newPost();
  await act(posts.in_review, 'submit');
  posts.approved = await newPost();
  await act(posts.approved, 'submit');
  await act(posts.approved, 'approve');
  posts.scheduled = await newPost();
  await act(posts.scheduled, 'submit');
  await act(posts.scheduled, 'approve');
  const scheduled = await act(posts.scheduled, 'schedule', { scheduledAt: '2031-06-01T08:00:00Z' });
  expect(scheduled.json().status).toBe('scheduled');
  posts.failed = await newPost();
  await t.runtime.store.posts.forceStatus(posts.failed, 'failed');
  const [target] = await t.runtime.store.deliveries.scheduleTargets(posts.failed, 0);
  await t.runtime.store.deliveries.claim(target as string, 'matrix', 1, 1000);
  await t.runtime.store.deliveries.markFailed(target as string, 'matrix', 'failed', 'rejected', 'refused');
  // One OAuth login offering several accounts, waiting for the person to pick.
  const oauth = await t.call('POST', `/api/workspaces/${workspaceId}/channels/oauth`, {
    as: admin,
    body: { network: 'testnet', fields: { handle: `oauth-${tag}`, pages: 'mairie,tourisme' } },
  });
  const oauthState = new URL(oauth.json().url as string).searchParams.get('state');
  const callback = await t.call('GET', `/api/oauth/callback?state=${oauthState}&code=good-code`, { as: admin });
  const choiceToken = new URL(callback.headers.location as string, 'http://x').searchParams.get('choose') as string;
  const webhook = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks`, {
    as: admin,
    body: { url: 'http://127.0.0.1:9/hook', events: ['post.published'] },
  });
  const media = await t.call('POST', `/api/workspaces/${workspaceId}/media`, {
    as: admin,
    body: new RawBody(makePng(1, 1), 'image/png'),
  });
  const topic = await t.call('POST', `/api/workspaces/${workspaceId}/listening/topics`, {
    as: admin,
    body: { name: `Veille ${tag}`, group: 'brand', query: 'ville' },
  });
  const source = await t.call('POST', `/api/workspaces/${workspaceId}/listening/sources`, {
    as: admin,
    body: { network: 'testnet', kind: 'search', config: { q: `ville ${tag}` } },
  });
  const mentionId = await ingestOneMention(workspaceId, tag);
  const alert = await t.call('POST', `/api/workspaces/${workspaceId}/alerts`, {
    as: admin,
    body: { topicId: topic.json().id, name: `Alerte ${tag}`, kind: 'volume_spike' },
  });
  const { rubricId, slotId } = await planFixture(admin, workspaceId, channel.json().id, tag);
  await ambassadorFixture(admin, workspaceId, posts.draft);
  const { ideaId, eventId } = await ideaEventFixture(admin, workspaceId, tag);
  const { objectiveId, personaId } = await strategyFixture(admin, workspaceId, tag);
  const { itemId, conversationId } = await inboxFixture(workspaceId, channel.json().id, tag);
  const { replyId, ruleId } = await inboxAutomationFixture(admin, workspaceId, tag);
  return {
    id: workspaceId,
    admin,
    viewer,
    apiKey: key.json().secret,
    params: {
      userId: memberId,
      invitationId: invitation.json().invitation.id,
      apiKeyId: spare.json().apiKey.id,
      token: invitation.json().url.split('/invite/')[1],
      channelId: channel.json().id,
      themeId: theme.json().id,
      contentTypeId: type.json().id,
      webhookId: webhook.json().webhook.id,
      mediaId: media.json().id,
      topicId: topic.json().id,
      sourceId: source.json().id,
      mentionId,
      alertId: alert.json().id,
      rubricId,
      slotId,
      ideaId,
      eventId,
      objectiveId,
      personaId,
      itemId,
      conversationId,
      replyId,
      ruleId,
      choiceToken,
      file: 'unknown.ics',
      postId: posts.draft,
      'postId:submit': posts.draft,
      'postId:approve': posts.in_review,
      'postId:reject': posts.in_review,
      'postId:schedule': posts.approved,
      'postId:unschedule': posts.scheduled,
      'postId:reschedule': posts.scheduled,
      // Person routes are refused before the id is looked at; the notification routes test reads real ones.
      notificationId: '0190a000-0000-7000-8000-000000000000',
      'postId:retry': posts.failed,
      'postId:relay': posts.draft,
      'postId:shares': posts.draft,
    } as Record<string, string>,
  };
}

/** A rubric with a slot every day, generated: one open slot to create a post from. */
async function planFixture(admin: Caller, workspaceId: string, channelId: string, tag: string) {
  const rubric = await t.call('POST', `/api/workspaces/${workspaceId}/plan/rubrics`, {
    as: admin,
    body: {
      name: `Rubrique ${tag}`,
      channelIds: [channelId],
      period: { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      time: '12:00',
      keepOnHolidays: true,
    },
  });
  await t.call('POST', `/api/workspaces/${workspaceId}/plan/generate`, { as: admin, body: { weeks: 1 } });
  const slots = await t.call('GET', `/api/workspaces/${workspaceId}/plan/slots`, { as: admin });
  const slot = (slots.json().items as Array<{ id: string; rubricId: string; status: string }>).find(
    (s) => s.rubricId === rubric.json().id && s.status === 'open',
  );
  return { rubricId: rubric.json().id as string, slotId: slot?.id as string };
}

/** One persona and one objective of the strategy. */
async function strategyFixture(admin: Caller, workspaceId: string, tag: string) {
  const persona = await t.call('POST', `/api/workspaces/${workspaceId}/strategy/personas`, {
    as: admin,
    body: { name: `Persona ${tag}`, audience: 'both' },
  });
  const objective = await t.call('POST', `/api/workspaces/${workspaceId}/strategy/objectives`, {
    as: admin,
    body: {
      statement: `Objectif ${tag}`,
      kind: 'engagement',
      kpi: 'mentions_count',
      target: 10,
      deadline: '2031-01-31',
    },
  });
  expect(objective.statusCode).toBe(201);
  return { objectiveId: objective.json().id as string, personaId: persona.json().id as string };
}

/** One idea of the plan's idea bank and one event of its calendar. */
async function ideaEventFixture(admin: Caller, workspaceId: string, tag: string) {
  const idea = await t.call('POST', `/api/workspaces/${workspaceId}/plan/ideas`, {
    as: admin,
    body: { title: `Idée ${tag}` },
  });
  const event = await t.call('POST', `/api/workspaces/${workspaceId}/plan/events`, {
    as: admin,
    body: { name: `Événement ${tag}`, date: '2031-06-05', yearly: true },
  });
  return { ideaId: idea.json().id as string, eventId: event.json().id as string };
}

/** The social media policy (written once per workspace) and the draft marked « à relayer ». */
async function ambassadorFixture(admin: Caller, workspaceId: string, postId: string) {
  const policy = await t.call('GET', `/api/workspaces/${workspaceId}/ambassador/policy`, { as: admin });
  if (policy.json().policy === null) {
    const written = await t.call('PUT', `/api/workspaces/${workspaceId}/ambassador/policy`, {
      as: admin,
      body: { text: 'Restez courtois.', version: 0 },
    });
    expect(written.statusCode).toBe(200);
  }
  const relay = await t.call('PUT', `/api/workspaces/${workspaceId}/posts/${postId}/relay`, {
    as: admin,
    body: { link: 'https://www.lyon.fr/agenda', texts: {} },
  });
  expect(relay.statusCode).toBe(200);
}

/** Inbox items come from the channels' inbox sources, not from the API: one stored as a poll stores it. */
async function inboxFixture(workspaceId: string, channelId: string, tag: string) {
  const [item] = await t.runtime.store.inbox.insertItems(
    { workspaceId, channelId, network: 'testnet' },
    [
      {
        kind: 'reply',
        remoteId: `matrix-reply-${tag}`,
        url: null,
        rootRemoteId: `matrix-post-${tag}`,
        parentRemoteId: `matrix-post-${tag}`,
        subject: { remoteId: `matrix-post-${tag}`, url: null, text: 'Notre post' },
        author: { id: 'h', handle: 'habitant', name: null, url: null, avatar: null, followers: null },
        text: `Une réponse ${tag}`,
        createdAt: Date.now(),
      },
    ],
    Date.now(),
  );
  return { itemId: item?.id as string, conversationId: item?.conversationId as string };
}

/** A saved reply and a moderation rule, written through the API. */
async function inboxAutomationFixture(admin: Caller, workspaceId: string, tag: string) {
  const reply = await t.call('POST', `/api/workspaces/${workspaceId}/inbox/saved-replies`, {
    as: admin,
    body: { name: `Réponse ${tag}`, text: 'Merci {prénom} !', link: null },
  });
  const rule = await t.call('POST', `/api/workspaces/${workspaceId}/inbox/rules`, {
    as: admin,
    body: {
      name: `Règle ${tag}`,
      conditions: [{ type: 'has_link' }],
      actions: [{ type: 'label', label: 'lien' }],
    },
  });
  expect([reply.statusCode, rule.statusCode]).toEqual([201, 201]);
  return { replyId: reply.json().id as string, ruleId: rule.json().id as string };
}

/** Mentions come from sources, not from the API: one stored through the pipeline. */
async function ingestOneMention(workspaceId: string, tag: string): Promise<string> {
  const pipeline = createListeningPipeline({ store: t.runtime.store });
  await pipeline.ingest(workspaceId, null, [
    {
      externalId: `matrix-${tag}`,
      network: 'testnet',
      url: null,
      title: null,
      text: `La ville ${tag} en parle`,
      author: { id: null, handle: 'habitant', name: null, url: null },
      publishedAt: null,
      language: 'fr',
      site: null,
      repostOf: null,
      replyTo: null,
      hashtags: [],
      metrics: {},
    },
  ]);
  const page = await t.runtime.store.listening.queryMentions(workspaceId, {}, null, 1);
  return page.items[0]?.id as string;
}

function urlFor(route: RouteInfo, workspaceId: string, params: Record<string, string>): string {
  const action = route.url.split('/').at(-1) ?? '';
  return route.url.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'workspaceId') return workspaceId;
    const value = params[`${name}:${action}`] ?? params[name];
    if (value === undefined)
      throw new Error(`No fixture for :${name} in ${route.url}: add one to access-matrix.test.ts`);
    return value;
  });
}

/**
 * A sample body, with top-level ":name" values (alone or in a list) replaced by the workspace's fixture ids
 * (e.g. a topic id, the posts of a bulk action).
 */
function bodyFor(route: RouteInfo, params: Record<string, string> = a.params): unknown {
  const key = `${route.method} ${route.url}`;
  if (route.method === 'GET') return undefined;
  if (!(key in SAMPLE_BODIES)) throw new Error(`No sample body for ${key}: add one to access-matrix.test.ts`);
  const body = SAMPLE_BODIES[key];
  if (!body || typeof body !== 'object' || Array.isArray(body) || body instanceof RawBody) return body;
  const fill = (value: unknown): unknown =>
    typeof value === 'string' && value.startsWith(':') ? (params[value.slice(1)] ?? value) : value;
  return Object.fromEntries(
    Object.entries(body).map(([field, value]) => [field, Array.isArray(value) ? value.map(fill) : fill(value)]),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  const { admin, workspaceId } = await setUp(t);
  const other = await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Client B' } });
  // Workspace B gets its own admin, who is not a member of A; the owner then leaves B (only they may).
  const { caller: bAdmin } = await addMember(t, admin, other.json().id, 'admin-b@example.org', 'admin');
  const left = await t.call(
    'DELETE',
    `/api/workspaces/${other.json().id}/members/${(await t.call('GET', '/api/session', { as: admin })).json().user.id}`,
    { as: admin },
  );
  expect(left.statusCode).toBe(204);
  a = await fixture(admin, workspaceId, 'a');
  b = await fixture(bAdmin, other.json().id, 'b');
  ({ caller: ambassador } = await addMember(t, admin, workspaceId, 'ambassador-a@example.org', 'ambassador'));
});

afterAll(async () => {
  await t?.close();
});

/** POST routes that only check what they are sent (a CSV too large for a query string) and write nothing. */
const CHECKS_ONLY = new Set([
  'POST /api/workspaces/:workspaceId/calendar/import/preview',
  'POST /api/workspaces/:workspaceId/inbox/saved-replies/preview',
  'POST /api/workspaces/:workspaceId/inbox/rules/try',
]);
/** Writes kept out of the audit log on purpose: a declared relay is counted, the person is not tracked beyond. */
const UNAUDITED = new Set(['POST /api/workspaces/:workspaceId/ambassador/relays/:postId/shares']);

/** The ambassador's own routes: any member's own (acknowledgement, profile, declared relays, their page). */
const AMBASSADOR_ROUTES = [
  'GET /api/workspaces/:workspaceId/ambassador',
  'POST /api/workspaces/:workspaceId/ambassador/policy/acknowledge',
  'POST /api/workspaces/:workspaceId/ambassador/relays/:postId/shares',
  'PUT /api/workspaces/:workspaceId/ambassador/profile',
];
const isAmbassadorRoute = (route: RouteInfo) => route.access.kind === 'workspace' && route.access.role === 'ambassador';

describe('authorisation matrix over every /api route', () => {
  it('has routes of every kind to check', () => {
    const kinds = new Set(t.routes.map((r) => r.access.kind));
    expect([...kinds].sort()).toEqual(['public', 'user', 'workspace']);
    expect(t.routes.filter((r) => r.access.kind === 'workspace').length).toBeGreaterThanOrEqual(12);
  });

  it('answers 404 to a member of workspace A for every resource of workspace B', async () => {
    const failures: string[] = [];
    for (const route of t.routes.filter((r) => r.access.kind === 'workspace')) {
      const body = bodyFor(route);
      // B's workspace id with B's resources…
      const direct = await t.call(route.method, urlFor(route, b.id, b.params), { as: a.admin, body });
      if (direct.statusCode !== 404) failures.push(`${route.method} ${route.url} (B ids): ${direct.statusCode}`);
      // …and A's workspace id with B's resources, for routes that name a resource.
      if (/:(?!workspaceId)\w+/.test(route.url)) {
        const crossed = await t.call(route.method, urlFor(route, a.id, b.params), { as: a.admin, body });
        if (crossed.statusCode !== 404)
          failures.push(`${route.method} ${route.url} (A ws, B resource): ${crossed.statusCode}`);
      }
      // An API key of A is worth nothing in B.
      const byKey = await t.call(route.method, urlFor(route, b.id, b.params), { as: { apiKey: a.apiKey }, body });
      if (byKey.statusCode !== 404) failures.push(`${route.method} ${route.url} (A key): ${byKey.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses, post by post, a bulk action in workspace A on the posts of workspace B, and changes none', async () => {
    const before = await t.call('GET', `/api/workspaces/${b.id}/posts/${b.params.postId}`, { as: b.admin });
    const route = { method: 'POST', url: '/api/workspaces/:workspaceId/posts/bulk' } as RouteInfo;
    for (const action of ['submit', 'delete']) {
      const response = await t.call('POST', urlFor(route, a.id, a.params), {
        as: a.admin,
        body: { action, postIds: [b.params.postId] },
      });
      expect(response.json()).toMatchObject({
        done: 0,
        refused: 1,
        results: [{ ok: false, error: { code: 'not_found' } }],
      });
    }
    const after = await t.call('GET', `/api/workspaces/${b.id}/posts/${b.params.postId}`, { as: b.admin });
    expect(after.json()).toEqual(before.json());
  });

  it('answers 403 to a viewer on every write, and changes nothing', async () => {
    const before = await t.call('GET', `/api/workspaces/${a.id}/audit?limit=200`, { as: a.admin });
    const failures: string[] = [];
    // A viewer's own acknowledgement, profile and declared relays are theirs to write.
    const writes = t.routes.filter((r) => r.access.kind === 'workspace' && r.method !== 'GET' && !isAmbassadorRoute(r));
    expect(writes.length).toBeGreaterThanOrEqual(7);
    for (const route of writes) {
      const response = await t.call(route.method, urlFor(route, a.id, a.params), {
        as: a.viewer,
        body: bodyFor(route),
      });
      if (response.statusCode !== 403 || response.json().code !== 'forbidden') {
        failures.push(`${route.method} ${route.url}: ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    const after = await t.call('GET', `/api/workspaces/${a.id}/audit?limit=200`, { as: a.admin });
    expect(after.json().items).toEqual(before.json().items);
  });

  it('answers 403 to an ambassador on every workspace route but their own, and changes nothing', async () => {
    const own = t.routes.filter(isAmbassadorRoute).map((r) => `${r.method} ${r.url}`);
    expect(own.sort()).toEqual([...AMBASSADOR_ROUTES].sort());
    const before = await t.call('GET', `/api/workspaces/${a.id}/audit?limit=200`, { as: a.admin });
    const failures: string[] = [];
    const others = t.routes.filter((r) => r.access.kind === 'workspace' && !isAmbassadorRoute(r));
    expect(others.length).toBeGreaterThanOrEqual(80);
    for (const route of others) {
      const response = await t.call(route.method, urlFor(route, a.id, a.params), {
        as: ambassador,
        body: bodyFor(route),
      });
      if (response.statusCode !== 403 || response.json().code !== 'forbidden') {
        failures.push(`${route.method} ${route.url}: ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    const after = await t.call('GET', `/api/workspaces/${a.id}/audit?limit=200`, { as: a.admin });
    expect(after.json().items).toEqual(before.json().items);
    // Their own page answers them.
    const page = await t.call('GET', `/api/workspaces/${a.id}/ambassador`, { as: ambassador });
    expect(page.json()).toMatchObject({ policy: { version: 1 }, needsAcknowledgement: true });
  });

  it('answers 401 to anonymous callers on every non-public route', async () => {
    const failures: string[] = [];
    for (const route of t.routes.filter((r) => r.access.kind !== 'public')) {
      const response = await t.call(route.method, urlFor(route, a.id, a.params), { body: bodyFor(route) });
      if (response.statusCode !== 401) failures.push(`${route.method} ${route.url}: ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to API keys on person-only routes', async () => {
    const failures: string[] = [];
    for (const route of t.routes.filter((r) => r.access.kind === 'user')) {
      const response = await t.call(route.method, urlFor(route, a.id, a.params), {
        as: { apiKey: a.apiKey },
        body: bodyFor(route),
      });
      if (response.statusCode !== 403) failures.push(`${route.method} ${route.url}: ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('audits every successful workspace write, and writes nothing where a POST only checks', async () => {
    const failures: string[] = [];
    const writes = t.routes.filter((r) => r.access.kind === 'workspace' && r.method !== 'GET');
    for (const route of writes) {
      const fresh = await fixture(a.admin, a.id, `audit-${writes.indexOf(route)}`);
      const before = (await t.call('GET', `/api/workspaces/${a.id}/audit?limit=1`, { as: a.admin })).json().items[0];
      const response = await t.call(route.method, urlFor(route, a.id, fresh.params), {
        as: a.admin,
        body: bodyFor(route, fresh.params),
      });
      if (response.statusCode >= 300) {
        failures.push(`${route.method} ${route.url}: could not succeed (${response.statusCode} ${response.body})`);
        continue;
      }
      const latest = (await t.call('GET', `/api/workspaces/${a.id}/audit?limit=1`, { as: a.admin })).json().items[0];
      const audited = latest && latest.id !== before?.id && latest.actor.label === 'admin@mairie.test';
      if (CHECKS_ONLY.has(`${route.method} ${route.url}`) || UNAUDITED.has(`${route.method} ${route.url}`)) {
        if (audited) failures.push(`${route.method} ${route.url}: a write kept out of the log that wrote an entry`);
      } else if (!audited) {
        failures.push(`${route.method} ${route.url}: no audit entry`);
      }
    }
    expect(failures).toEqual([]);
    // Builds a fresh fixture (members with Argon2id passwords, posts, media…) for each of ~50 write routes.
  }, 120_000);
});
