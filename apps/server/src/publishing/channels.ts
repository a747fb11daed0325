// Channels as people connect them: a network's credentials typed in, or OAuth (start, finish, choose among the
// accounts one login offers), reconnecting the same account, disconnecting. Each write runs in one transaction
// with its audit entry; calls to the network happen before it, never inside.
import { AppError, validationError, type ActionContext, type ValidationIssue } from '@rostra/core';
import {
  ConnectorError,
  type ChannelCredentials,
  type ConnectedAccount,
  type Connector,
  unknownConnectFields,
} from '@rostra/connectors';
import type { Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import { hashToken, randomToken } from '../accounts/credentials.js';
import { credentialsContext, sealCredentials } from './credentials.js';
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

function validationFailed(issues: ValidationIssue[]): AppError {
  return validationError(issues);
}

/** Its length is the operations it returns, closed over the same deps; each one stays short. */
export function createChannelsService(deps: {
  store: Store;
  secrets: SecretBox;
  connectors: readonly Connector[];
  now: () => number;
}) {
  const { store, secrets, now } = deps;
  const byNetwork = new Map(deps.connectors.map((c) => [c.network, c]));

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
        ? (JSON.parse(secrets.decrypt(sealed, credentialsContext(existing.id))) as ChannelCredentials)
        : undefined;
      credentials = keepRefreshTokens(previous, credentials);
    }
    return store.transaction(async (repos) => {
      // The row exists before its credentials are sealed, because the seal is bound to the channel id.
      const channel = await repos.channels.upsert({
        workspaceId,
        network,
        // The network's display name: anything its owner typed, cleaned so it stores and shows as one line.
        name: cleanName(account.name),
        accountId: account.accountId,
        sealedCredentials: 'pending',
        credentialsExpiresAt: credentials.expiresAt ?? null,
        createdBy: caller.userId,
      });
      await repos.channels.updateCredentials(
        channel.id,
        sealCredentials(secrets, channel.id, credentials),
        credentials.expiresAt ?? null,
      );
      await auditWorkspace(repos, caller, workspaceId, {
        action: existing ? 'channel.reconnected' : 'channel.connected',
        targetType: 'channel',
        targetId: channel.id,
        details: { network, name: account.name },
      });
      return (await repos.channels.get(workspaceId, channel.id)) ?? channel;
    });
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
    const accounts = JSON.parse(secrets.decrypt(pending.sealed, `oauth-choice:${workspaceId}`)) as ConnectedAccount[];
    return { network: pending.network, accounts };
  }

  /** Several accounts (a member and their pages…) behind one login: kept sealed until the person picks. */
  async function offerChoice(
    pending: { workspaceId: string; userId: string; network: string },
    accounts: ConnectedAccount[],
    caller: Caller,
  ): Promise<string> {
    // Under a token of their own that only this person can use, once, for a few minutes.
    const choice = randomToken(32);
    await store.transaction(async (repos) => {
      await repos.channels.savePendingOAuth({
        stateHash: hashToken(`choice:${choice}`),
        workspaceId: pending.workspaceId,
        userId: pending.userId,
        network: pending.network,
        sealed: secrets.encrypt(JSON.stringify(accounts), `oauth-choice:${pending.workspaceId}`),
        expiresAt: now() + OAUTH_CHOICE_TTL_MS,
      });
      await auditWorkspace(repos, caller, pending.workspaceId, {
        action: 'channel.oauth_choice_offered',
        targetType: 'channel',
        targetId: pending.network,
        details: { network: pending.network, accounts: accounts.length },
      });
    });
    return choice;
  }

  return {
    async connectChannel(workspaceId: string, network: string, input: Record<string, string>, caller: Caller) {
      const connector = byNetwork.get(network);
      if (!connector?.connect) {
        throw new AppError('validation_failed', `body.network: Rostra cannot connect ${network} accounts this way`, {
          issues: [
            { path: 'body.network', code: 'network_unsupported', params: { network }, message: 'Unsupported network' },
          ],
        });
      }
      const unknown = connector.connectFields ? unknownConnectFields(connector.connectFields, input) : [];
      if (unknown.length > 0) {
        const expected = connector.connectFields?.map((field) => field.name).join(', ');
        throw validationFailed(
          unknown.map((key) => ({
            path: `body.credentials.${key}`,
            code: 'unknown_field',
            params: { keys: [key] },
            message: `${network} has no credential "${key}" (expected ${expected})`,
          })),
        );
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
          issues: [
            {
              path: 'body.network',
              code: 'network_without_oauth',
              params: { network },
              message: 'No OAuth flow for this network',
            },
          ],
        });
      }
      const userId = caller.userId;
      if (!userId) throw new AppError('forbidden', 'A person connects accounts, not an API key');
      const state = randomToken(32);
      let started;
      try {
        started = await connector.oauth.start({ redirectUri, state, fields });
      } catch (error) {
        throw toChannelError(network, error);
      }
      await store.transaction(async (repos) => {
        await repos.channels.savePendingOAuth({
          stateHash: hashToken(state),
          workspaceId,
          userId,
          network,
          sealed: secrets.encrypt(JSON.stringify(started.pending), `oauth:${workspaceId}`),
          expiresAt: now() + OAUTH_TTL_MS,
        });
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'channel.oauth_started',
          targetType: 'channel',
          targetId: network,
          details: { network },
        });
      });
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
      const data = JSON.parse(secrets.decrypt(pending.sealed, `oauth:${pending.workspaceId}`)) as Record<
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
      const choose = await offerChoice(pending, accounts, caller);
      return { workspaceId: pending.workspaceId, channel: undefined, choose };
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
      const issues: ValidationIssue[] = [];
      accountIds.forEach((id, i) => {
        if (!accounts.some((a) => a.accountId === id))
          issues.push({
            path: `body.accountIds.${i}`,
            code: 'unknown_account',
            message: 'Not one of the accounts offered',
          });
        else if (accountIds.indexOf(id) !== i)
          issues.push({ path: `body.accountIds.${i}`, code: 'duplicate', message: 'This account appears twice' });
      });
      if (issues.length > 0) throw validationFailed(issues);
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
      await store.transaction(async (repos) => {
        await repos.channels.setStatus(channelId, 'disabled', null);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'channel.disconnected',
          targetType: 'channel',
          targetId: channelId,
          details: { network: channel.network, name: channel.name },
        });
      });
    },
  };
}
