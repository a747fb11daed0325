// Channel credentials over time: opened from their seal, refreshed ahead of expiry by a periodic job and
// just before publishing. A transient refresh failure never disconnects a channel; only a refusal does.
import type { Channel, JobHandler } from '@rostra/core';
import { ConnectorError, type ChannelCredentials, type Connector } from '@rostra/connectors';
import type { Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';

export const REFRESH_JOB = 'channels.refresh';
/** Refresh when less than this remains; the job runs every 10 minutes, so nothing lapses in between. */
const REFRESH_MARGIN_MS = 20 * 60_000;

export function credentialsContext(channelId: string): string {
  return `channel:${channelId}`;
}

export function sealCredentials(secrets: SecretBox, channelId: string, credentials: ChannelCredentials): string {
  return secrets.encrypt(JSON.stringify(credentials), credentialsContext(channelId));
}

export function createCredentialKeeper(deps: {
  store: Store;
  secrets: SecretBox;
  connectors: readonly Connector[];
  now?: () => number;
  log?: (message: string, details?: Record<string, unknown>) => void;
  /** Told once when a refusal turns an active channel into one that needs reconnecting. */
  onNeedsReconnect?: (channel: Channel) => Promise<unknown>;
}) {
  const { store, secrets } = deps;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});
  const byNetwork = new Map(deps.connectors.map((c) => [c.network, c]));

  function unseal(channelId: string, sealed: string): ChannelCredentials {
    return JSON.parse(secrets.decrypt(sealed, credentialsContext(channelId))) as ChannelCredentials;
  }

  async function open(channelId: string): Promise<ChannelCredentials | undefined> {
    const sealed = await store.channels.getSealedCredentials(channelId);
    return sealed ? unseal(channelId, sealed) : undefined;
  }

  /**
   * Renews the channel's credentials. Returns the credentials to use: the new ones, or the old ones when
   * the network could not be reached (they may still work). A refusal marks the channel for reconnection.
   */
  async function refresh(channel: Channel, current: ChannelCredentials): Promise<ChannelCredentials> {
    const connector = byNetwork.get(channel.network);
    if (!connector?.refresh) return current;
    try {
      const renewed = await connector.refresh(current);
      await store.channels.updateCredentials(
        channel.id,
        sealCredentials(secrets, channel.id, renewed),
        renewed.expiresAt ?? null,
      );
      if (channel.lastError) await store.channels.setStatus(channel.id, 'active', null);
      return renewed;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ConnectorError && error.code === 'auth_expired') {
        await store.channels.setStatus(channel.id, 'needs_reconnect', message);
        log('channel needs reconnecting', { channelId: channel.id, message });
        if (channel.status === 'active') await deps.onNeedsReconnect?.(channel);
        throw error;
      }
      // Down, slow, rate-limited: keep the channel connected and say what happened.
      await store.channels.setStatus(channel.id, 'active', `Token refresh failed (will retry): ${message}`);
      log('token refresh failed, will retry', { channelId: channel.id, message });
      return current;
    }
  }

  /**
   * The credentials to publish with, refreshed first if they are about to expire. `sealed`: the channel's sealed
   * credentials when the caller has just read them (saves a read).
   */
  async function fresh(
    channel: Channel,
    options: { sealed?: string; marginMs?: number } = {},
  ): Promise<ChannelCredentials | undefined> {
    const { sealed, marginMs = 5 * 60_000 } = options;
    const current = sealed !== undefined ? unseal(channel.id, sealed) : await open(channel.id);
    if (!current) return undefined;
    if (current.expiresAt !== undefined && current.expiresAt - now() < marginMs) return refresh(channel, current);
    return current;
  }

  const refreshDue: JobHandler = async () => {
    for (const channel of await store.channels.listExpiring(now() + REFRESH_MARGIN_MS, 200)) {
      const current = await open(channel.id);
      if (current) await refresh(channel, current).catch(() => undefined);
    }
  };

  return { open, fresh, refresh, handlers: { [REFRESH_JOB]: refreshDue } as Record<string, JobHandler> };
}

export type CredentialKeeper = ReturnType<typeof createCredentialKeeper>;
