// Posts and channels as people use them: compose for several channels, validate against each network's
// rules, move through the workflow (submit, approve, schedule…), connect accounts. Every write is audited.
import {
  AppError,
  decideTransition,
  hasRole,
  isEditable,
  type ActionContext,
  type Post,
  type Role,
  type WorkflowAction,
} from '@rostra/core';
import {
  ConnectorError,
  type ChannelCredentials,
  type ConnectedAccount,
  type Connector,
  type RuleViolation,
  unknownConnectFields,
} from '@rostra/connectors';
import type { Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';
import type { PublishingEngine } from './engine.js';
import { credentialsContext, sealCredentials } from './credentials.js';
import { hashToken, randomToken } from '../accounts/credentials.js';
import type { Emit } from '../events/webhooks.js';
import { summarisePost } from './summary.js';
import { createPostContent, type ChannelContentInput, type MediaInput } from './post-content.js';
import { createNotifier, type Notifier } from '../notifications/service.js';
import { cleanName } from '../names.js';

const OAUTH_TTL_MS = 10 * 60_000;
/** How long the accounts of one login wait for the person to pick. */
const OAUTH_CHOICE_TTL_MS = 10 * 60_000;

function toChannelError(network: string, error: unknown): unknown {
  if (!(error instanceof ConnectorError)) return error;
  if (error.code === 'address_not_allowed') return new AppError('address_not_allowed', error.message);
  return new AppError(
    error.code === 'auth_expired' || error.code === 'rejected' ? 'channel_refused' : 'channel_unavailable',
    `${network}: ${error.message}`,
  );
}

/** Refresh tokens the network did not resend are kept from the previous connection. */
export function keepRefreshTokens(
  previous: ChannelCredentials | undefined,
  next: ChannelCredentials,
): ChannelCredentials {
  if (!previous) return next;
  const kept = Object.fromEntries(
    Object.entries(previous.data).filter(([key]) => /refresh/i.test(key) && next.data[key] === undefined),
  );
  return { ...next, data: { ...kept, ...next.data } };
}

export interface PostInput {
  text: string;
  channels: ChannelContentInput[];
  /** The post's files in order, each with this post's alternative text. */
  media?: MediaInput[] | undefined;
  languages?: string[] | undefined;
  themeId?: string | null | undefined;
  contentTypeId?: string | null | undefined;
  ownerId?: string | null | undefined;
  backupOwnerId?: string | null | undefined;
  scheduledAt?: number | null | undefined;
}

export interface Caller {
  userId: string | null;
  role: Role;
  ctx: ActionContext;
}

export type PublishingService = ReturnType<typeof createPublishingService>;

export function createPublishingService(deps: {
  store: Store;
  secrets: SecretBox;
  connectors: readonly Connector[];
  engine: PublishingEngine;
  emit?: Emit;
  now?: () => number;
  /** In-app notifications; by default written to the same store. */
  notifier?: Notifier;
}) {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const notifier = deps.notifier ?? createNotifier({ store, now });
  const byNetwork = new Map(deps.connectors.map((c) => [c.network, c]));
  const content = createPostContent({ store, connectors: deps.connectors });

  async function audit(
    workspaceId: string,
    caller: Caller,
    action: string,
    targetId: string,
    details: Record<string, unknown> = {},
  ) {
    const workspace = await store.accounts.getWorkspace(workspaceId);
    await store.audit.record({
      organisationId: workspace?.organisationId ?? '',
      workspaceId,
      actor: caller.ctx.actor,
      action,
      targetType: action.split('.')[0] ?? null,
      targetId,
      ip: caller.ctx.ip,
      userAgent: caller.ctx.userAgent,
      details,
    });
  }

  async function notify(workspaceId: string, event: Parameters<Emit>[1], postId: string): Promise<void> {
    if (deps.emit) await deps.emit(workspaceId, event, await summarisePost(store, workspaceId, postId));
  }

  async function requirePost(workspaceId: string, postId: string): Promise<Post> {
    const post = await store.posts.get(workspaceId, postId);
    if (!post) throw new AppError('not_found', 'Post not found');
    return post;
  }

  /** Everything the post refers to must belong to the same workspace: ids from elsewhere are refused. */
  async function checkReferences(workspaceId: string, input: Partial<PostInput>): Promise<void> {
    const issues: Array<{ path: string; message: string }> = [];
    if (input.channels) {
      const channels = new Set((await store.channels.list(workspaceId)).map((c) => c.id));
      input.channels.forEach((c, i) => {
        if (!channels.has(c.channelId))
          issues.push({ path: `body.channels.${i}.channelId`, message: 'Unknown channel' });
      });
      const ids = input.channels.map((c) => c.channelId);
      if (new Set(ids).size !== ids.length) issues.push({ path: 'body.channels', message: 'A channel appears twice' });
    }
    if (input.themeId) {
      const themes = await store.editorial.listThemes(workspaceId);
      if (!themes.some((t) => t.id === input.themeId)) issues.push({ path: 'body.themeId', message: 'Unknown theme' });
    }
    if (input.contentTypeId) {
      const types = await store.editorial.listContentTypes(workspaceId);
      if (!types.some((t) => t.id === input.contentTypeId))
        issues.push({ path: 'body.contentTypeId', message: 'Unknown content type' });
    }
    for (const field of ['ownerId', 'backupOwnerId'] as const) {
      const userId = input[field];
      if (userId && !(await store.accounts.getMembership(workspaceId, userId))) {
        issues.push({ path: `body.${field}`, message: 'Not a member of this workspace' });
      }
    }
    issues.push(...(await content.checkMedia(workspaceId, input.media)));
    if (issues.length > 0) {
      throw new AppError('validation_failed', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
    }
  }

  /** Each channel's rules, counted the network's way; an empty list means the post can go out. */
  async function validatePost(post: Post): Promise<Array<RuleViolation & { channelId: string }>> {
    const targets = await store.posts.targets(post.id);
    const violations: Array<RuleViolation & { channelId: string }> = [];
    const media = targets.length > 0 ? await content.loadMedia(post) : [];
    for (const target of targets) {
      const channel = await store.channels.get(post.workspaceId, target.channelId);
      const publisher = channel && byNetwork.get(channel.network)?.publisher;
      if (!channel || !publisher) {
        violations.push({
          channelId: target.channelId,
          network: channel?.network ?? 'unknown',
          rule: 'channel_unsupported',
          message: 'Rostra cannot publish to this channel',
        });
        continue;
      }
      if (channel.status !== 'active') {
        violations.push({
          channelId: channel.id,
          network: channel.network,
          rule: 'channel_inactive',
          message: `${channel.name} needs reconnecting before it can publish`,
        });
      }
      for (const v of content.validateTarget(publisher, channel.network, post, target, media))
        violations.push({ ...v, channelId: channel.id });
    }
    return violations;
  }

  /**
   * Stores a connected account. Reconnecting the same account keeps the channel, and keeps a refresh token
   * the network did not send again (some networks send it only on the first authorisation).
   */
  async function storeAccount(workspaceId: string, network: string, account: ConnectedAccount, caller: Caller) {
    const existing = (await store.channels.list(workspaceId)).find(
      (c) => c.network === network && c.accountId === account.accountId,
    );
    let credentials = account.credentials;
    if (existing) {
      const sealed = await store.channels.getSealedCredentials(existing.id);
      const previous = sealed
        ? (JSON.parse(deps.secrets.decrypt(sealed, credentialsContext(existing.id))) as ChannelCredentials)
        : undefined;
      credentials = keepRefreshTokens(previous, credentials);
    }
    // The row exists before its credentials are sealed, because the seal is bound to the channel id.
    const channel = await store.channels.upsert({
      workspaceId,
      network,
      // The network's display name: anything its owner typed, cleaned so it stores and shows as one line.
      name: cleanName(account.name),
      accountId: account.accountId,
      sealedCredentials: 'pending',
      credentialsExpiresAt: credentials.expiresAt ?? null,
      createdBy: caller.userId,
    });
    await store.channels.updateCredentials(
      channel.id,
      sealCredentials(deps.secrets, channel.id, credentials),
      credentials.expiresAt ?? null,
    );
    await audit(workspaceId, caller, existing ? 'channel.reconnected' : 'channel.connected', channel.id, {
      network,
      name: account.name,
    });
    return (await store.channels.get(workspaceId, channel.id)) ?? channel;
  }

  /** The accounts behind a choice token, for its own workspace and the person who logged in only. */
  async function openChoice(workspaceId: string, token: string, caller: Caller) {
    const pending = await store.channels.peekPendingOAuth(hashToken(`choice:${token}`), now());
    if (!pending || pending.workspaceId !== workspaceId) {
      throw new AppError('not_found', 'This choice is unknown, used or expired; connect again');
    }
    if (caller.userId !== pending.userId) {
      throw new AppError('forbidden', 'Only the person who logged in to the network can choose its accounts');
    }
    const accounts = JSON.parse(
      deps.secrets.decrypt(pending.sealed, `oauth-choice:${workspaceId}`),
    ) as ConnectedAccount[];
    return { network: pending.network, accounts };
  }

  function requireOwnDraftOrRole(post: Post, caller: Caller, verb: string) {
    // Contributors propose: they may change their own drafts; community managers and above, any editable post.
    if (hasRole(caller.role, 'community_manager')) return;
    if (post.createdBy === caller.userId && (post.status === 'draft' || post.status === 'in_review')) return;
    throw new AppError('forbidden', `Only the author of a draft or a community manager can ${verb} it`);
  }

  return {
    validatePost,

    async createPost(workspaceId: string, input: PostInput, caller: Caller) {
      await checkReferences(workspaceId, input);
      const post = await store.posts.create({
        workspaceId,
        text: input.text,
        themeId: input.themeId ?? null,
        contentTypeId: input.contentTypeId ?? null,
        ownerId: input.ownerId ?? caller.userId,
        backupOwnerId: input.backupOwnerId ?? null,
        scheduledAt: input.scheduledAt ?? null,
        languages: input.languages ?? [],
        createdBy: caller.userId,
        targets: await content.planTargets(workspaceId, input.channels, input.text),
      });
      if (input.media?.length) await content.setMedia(workspaceId, post.id, input.media);
      await audit(workspaceId, caller, 'post.created', post.id, { channels: input.channels.length });
      await notify(workspaceId, 'post.created', post.id);
      return post;
    },

    async updatePost(workspaceId: string, postId: string, patch: Partial<PostInput>, caller: Caller) {
      const post = await requirePost(workspaceId, postId);
      if (!isEditable(post.status)) {
        throw new AppError('not_editable', `A ${post.status} post cannot be edited; unschedule it first`);
      }
      requireOwnDraftOrRole(post, caller, 'edit');
      await checkReferences(workspaceId, patch);
      await store.posts.update(postId, {
        ...(patch.text !== undefined ? { text: patch.text } : {}),
        ...(patch.themeId !== undefined ? { themeId: patch.themeId } : {}),
        ...(patch.contentTypeId !== undefined ? { contentTypeId: patch.contentTypeId } : {}),
        ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
        ...(patch.backupOwnerId !== undefined ? { backupOwnerId: patch.backupOwnerId } : {}),
        ...(patch.scheduledAt !== undefined ? { scheduledAt: patch.scheduledAt } : {}),
        ...(patch.languages !== undefined ? { languages: patch.languages } : {}),
      });
      if (patch.channels) {
        await store.posts.setTargets(
          postId,
          workspaceId,
          await content.planTargets(workspaceId, patch.channels, patch.text ?? post.text),
        );
      } else if (patch.text !== undefined) {
        await content.resplit(await requirePost(workspaceId, postId));
      }
      if (patch.media !== undefined) await content.setMedia(workspaceId, postId, patch.media);
      await audit(workspaceId, caller, 'post.updated', postId, { fields: Object.keys(patch) });
      await notify(workspaceId, 'post.updated', postId);
      return requirePost(workspaceId, postId);
    },

    async deletePost(workspaceId: string, postId: string, caller: Caller) {
      const post = await requirePost(workspaceId, postId);
      if (post.status === 'scheduled' || post.status === 'publishing') {
        throw new AppError('not_editable', `A ${post.status} post cannot be deleted; unschedule it first`);
      }
      requireOwnDraftOrRole(post, caller, 'delete');
      await store.posts.delete(workspaceId, postId);
      await audit(workspaceId, caller, 'post.deleted', postId, { status: post.status });
    },

    async act(
      workspaceId: string,
      postId: string,
      action: WorkflowAction,
      caller: Caller,
      options: { scheduledAt?: number | undefined } = {},
    ) {
      const post = await requirePost(workspaceId, postId);
      const workspace = await store.accounts.getWorkspace(workspaceId);
      const decision = decideTransition(post.status, action, {
        role: caller.role,
        approvalRequired: workspace?.approvalRequired ?? true,
      });
      if (!decision.ok) {
        throw new AppError(decision.reason === 'forbidden' ? 'forbidden' : 'invalid_transition', decision.message);
      }
      if (action === 'submit' || action === 'schedule' || action === 'retry') {
        if ((await store.posts.targets(postId)).length === 0) {
          throw new AppError('post_invalid', 'Choose at least one channel', { violations: [] });
        }
        // Warnings (e.g. missing alt text) are shown to people but do not block the post.
        const violations = (await validatePost(post)).filter((v) => (v.severity ?? 'error') === 'error');
        if (violations.length > 0) {
          throw new AppError('post_invalid', violations.map((v) => `${v.network}: ${v.message}`).join('; '), {
            violations,
          });
        }
      }
      let dueAt: number | undefined;
      if (action === 'schedule') {
        dueAt = options.scheduledAt ?? post.scheduledAt ?? undefined;
        if (dueAt === undefined) {
          throw new AppError('validation_failed', 'body.scheduledAt: choose when to publish', {
            issues: [{ path: 'body.scheduledAt', message: 'Required to schedule' }],
          });
        }
        // A slot in the past means "now": people schedule at 9:00 at 9:00:30.
        dueAt = Math.max(dueAt, now());
        await store.posts.update(postId, { scheduledAt: dueAt });
      }
      if (action === 'reschedule') {
        if (options.scheduledAt === undefined) {
          throw new AppError('validation_failed', 'body.scheduledAt: choose the new time', {
            issues: [{ path: 'body.scheduledAt', message: 'Required to reschedule' }],
          });
        }
        dueAt = Math.max(options.scheduledAt, now());
        // Post and deliveries move together; the old jobs find a later due time (or a done delivery) and end.
        const moved = await store.pacing.reschedulePost(postId, dueAt);
        if (!moved) throw new AppError('invalid_transition', 'The post changed meanwhile; reload it');
        for (const target of moved) await deps.engine.enqueueDelivery({ ...target, dueAt });
      } else if (!(await store.posts.setStatus(postId, post.status, decision.to))) {
        throw new AppError('invalid_transition', 'The post changed meanwhile; reload it');
      }
      if (action === 'schedule' && dueAt !== undefined) {
        for (const targetId of await store.deliveries.scheduleTargets(postId, dueAt)) {
          await deps.engine.enqueueDelivery({ id: targetId, dueAt, attempts: 0 });
        }
      } else if (action === 'unschedule') {
        await store.deliveries.unscheduleTargets(postId);
      } else if (action === 'retry') {
        const at = now();
        for (const targetId of await store.deliveries.retryTargets(postId, at)) {
          const target = await store.deliveries.getTarget(targetId);
          await deps.engine.enqueueDelivery({ id: targetId, dueAt: at, attempts: target?.attempts ?? 0 });
        }
      }
      await audit(workspaceId, caller, `post.${action}`, postId, {
        from: post.status,
        to: decision.to,
        ...(dueAt ? { scheduledAt: new Date(dueAt).toISOString() } : {}),
      });
      if (action === 'approve') await notify(workspaceId, 'post.approved', postId);
      if (action === 'schedule' || action === 'reschedule') await notify(workspaceId, 'post.scheduled', postId);
      const told = ({ submit: 'post.submitted', approve: 'post.approved', reject: 'post.rejected' } as const)[
        action as 'submit' | 'approve' | 'reject'
      ];
      if (told) await notifier.notifyPost(told, workspaceId, postId, caller.userId);
      return requirePost(workspaceId, postId);
    },

    async comment(workspaceId: string, postId: string, text: string, caller: Caller) {
      await requirePost(workspaceId, postId);
      if (!caller.userId) throw new AppError('forbidden', 'Comments are written by people, not API keys');
      const comment = await store.editorial.addComment(postId, caller.userId, text);
      await audit(workspaceId, caller, 'post.commented', postId);
      await notifier.notifyPost('post.commented', workspaceId, postId, caller.userId);
      return comment;
    },

    async connectChannel(workspaceId: string, network: string, input: Record<string, string>, caller: Caller) {
      const connector = byNetwork.get(network);
      if (!connector?.connect) {
        throw new AppError('validation_failed', `body.network: Rostra cannot connect ${network} accounts this way`, {
          issues: [{ path: 'body.network', message: 'Unsupported network' }],
        });
      }
      const unknown = connector.connectFields ? unknownConnectFields(connector.connectFields, input) : [];
      if (unknown.length > 0) {
        const expected = connector.connectFields?.map((field) => field.name).join(', ');
        const issues = unknown.map((key) => ({
          path: `body.credentials.${key}`,
          message: `${network} has no credential "${key}" (expected ${expected})`,
        }));
        throw new AppError('validation_failed', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
      }
      let account;
      try {
        account = await connector.connect(input);
      } catch (error) {
        throw toChannelError(network, error);
      }
      return storeAccount(workspaceId, network, account, caller);
    },

    /** First leg of an OAuth connection: the URL to send the person to. */
    async startOAuth(
      workspaceId: string,
      network: string,
      fields: Record<string, string>,
      caller: Caller,
      redirectUri: string,
    ): Promise<string> {
      const connector = byNetwork.get(network);
      if (!connector?.oauth) {
        throw new AppError('validation_failed', `body.network: ${network} does not connect through OAuth`, {
          issues: [{ path: 'body.network', message: 'No OAuth flow for this network' }],
        });
      }
      if (!caller.userId) throw new AppError('forbidden', 'A person connects accounts, not an API key');
      const state = randomToken(32);
      let started;
      try {
        started = await connector.oauth.start({ redirectUri, state, fields });
      } catch (error) {
        throw toChannelError(network, error);
      }
      await store.channels.savePendingOAuth({
        stateHash: hashToken(state),
        workspaceId,
        userId: caller.userId,
        network,
        sealed: deps.secrets.encrypt(JSON.stringify(started.pending), `oauth:${workspaceId}`),
        expiresAt: now() + OAUTH_TTL_MS,
      });
      await audit(workspaceId, caller, 'channel.oauth_started', network, { network });
      return started.url;
    },

    /** Second leg: the network sent the person back with a code. Returns the workspace and channel. */
    async finishOAuth(state: string, code: string, userId: string | null, redirectUri: string, ctx: ActionContext) {
      const pending = await store.channels.takePendingOAuth(hashToken(state), now());
      if (!pending) throw new AppError('not_found', 'This connection attempt is unknown or expired; start again');
      // The person who started the connection must be the one finishing it (no account planting).
      if (userId !== pending.userId)
        throw new AppError('forbidden', 'Finish the connection in the browser that started it');
      const connector = byNetwork.get(pending.network);
      if (!connector?.oauth) throw new AppError('not_found', `No OAuth flow for ${pending.network}`);
      const data = JSON.parse(deps.secrets.decrypt(pending.sealed, `oauth:${pending.workspaceId}`)) as Record<
        string,
        string
      >;
      let finished;
      try {
        finished = await connector.oauth.finish({ redirectUri, code, pending: data });
      } catch (error) {
        throw toChannelError(pending.network, error);
      }
      const membership = await store.accounts.getMembership(pending.workspaceId, pending.userId);
      const caller: Caller = { userId: pending.userId, role: membership?.role ?? 'viewer', ctx };
      const accounts = Array.isArray(finished) ? finished : [finished];
      const [only] = accounts;
      if (accounts.length === 1 && only) {
        const channel = await storeAccount(pending.workspaceId, pending.network, only, caller);
        return { workspaceId: pending.workspaceId, channel, choose: undefined };
      }
      if (accounts.length === 0) throw new AppError('channel_refused', `${pending.network}: no account to connect`);
      // Several accounts (a member and their pages…): the person picks. Kept sealed, like the pending state,
      // under a token of their own that only this person can use, once, for a few minutes.
      const choice = randomToken(32);
      await store.channels.savePendingOAuth({
        stateHash: hashToken(`choice:${choice}`),
        workspaceId: pending.workspaceId,
        userId: pending.userId,
        network: pending.network,
        sealed: deps.secrets.encrypt(JSON.stringify(accounts), `oauth-choice:${pending.workspaceId}`),
        expiresAt: now() + OAUTH_CHOICE_TTL_MS,
      });
      await audit(pending.workspaceId, caller, 'channel.oauth_choice_offered', pending.network, {
        network: pending.network,
        accounts: accounts.length,
      });
      return { workspaceId: pending.workspaceId, channel: undefined, choose: choice };
    },

    /** The accounts an OAuth login offered, by name: never their credentials. */
    async listOAuthChoices(workspaceId: string, token: string, caller: Caller) {
      const { network, accounts } = await openChoice(workspaceId, token, caller);
      const connected = new Set(
        (await store.channels.list(workspaceId)).filter((c) => c.network === network).map((c) => c.accountId),
      );
      return {
        network,
        accounts: accounts.map((a) => ({
          accountId: a.accountId,
          name: a.name,
          connected: connected.has(a.accountId),
        })),
      };
    },

    /** Connects the accounts the person picked; the choice is used up. */
    async chooseOAuthAccounts(workspaceId: string, token: string, accountIds: string[], caller: Caller) {
      const { network, accounts } = await openChoice(workspaceId, token, caller);
      const issues: Array<{ path: string; message: string }> = [];
      accountIds.forEach((id, i) => {
        if (!accounts.some((a) => a.accountId === id))
          issues.push({ path: `body.accountIds.${i}`, message: 'Not one of the accounts offered' });
        else if (accountIds.indexOf(id) !== i)
          issues.push({ path: `body.accountIds.${i}`, message: 'This account appears twice' });
      });
      if (issues.length > 0) {
        throw new AppError('validation_failed', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
      }
      // Single use: of two concurrent submissions, only one takes the choice.
      if (!(await store.channels.takePendingOAuth(hashToken(`choice:${token}`), now()))) {
        throw new AppError('not_found', 'This choice is unknown, used or expired; connect again');
      }
      const channels = [];
      for (const id of accountIds) {
        const account = accounts.find((a) => a.accountId === id);
        if (account) channels.push(await storeAccount(workspaceId, network, account, caller));
      }
      return channels;
    },

    async disconnectChannel(workspaceId: string, channelId: string, caller: Caller) {
      const channel = await store.channels.get(workspaceId, channelId);
      if (!channel) throw new AppError('not_found', 'Channel not found');
      await store.channels.setStatus(channelId, 'disabled', null);
      await audit(workspaceId, caller, 'channel.disconnected', channelId, {
        network: channel.network,
        name: channel.name,
      });
    },

    async createTheme(workspaceId: string, name: string, color: string, caller: Caller) {
      const existing = await store.editorial.listThemes(workspaceId);
      if (existing.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
        throw new AppError('conflict', `A theme named ${name} exists`, { path: 'body.name' });
      }
      const theme = await store.editorial.createTheme(workspaceId, name, color);
      await audit(workspaceId, caller, 'theme.created', theme.id, { name, color });
      return theme;
    },

    async deleteTheme(workspaceId: string, themeId: string, caller: Caller) {
      if (!(await store.editorial.deleteTheme(workspaceId, themeId)))
        throw new AppError('not_found', 'Theme not found');
      await audit(workspaceId, caller, 'theme.deleted', themeId);
    },

    async createContentType(workspaceId: string, name: string, caller: Caller) {
      const existing = await store.editorial.listContentTypes(workspaceId);
      if (existing.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
        throw new AppError('conflict', `A content type named ${name} exists`, { path: 'body.name' });
      }
      const type = await store.editorial.createContentType(workspaceId, name);
      await audit(workspaceId, caller, 'content_type.created', type.id, { name });
      return type;
    },

    async deleteContentType(workspaceId: string, id: string, caller: Caller) {
      if (!(await store.editorial.deleteContentType(workspaceId, id)))
        throw new AppError('not_found', 'Content type not found');
      await audit(workspaceId, caller, 'content_type.deleted', id);
    },
  };
}
