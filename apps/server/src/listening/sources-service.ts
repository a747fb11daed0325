// Sources: what a network offers and accepts, the channel a source searches as, and every change audited in its
// transaction; a poll asked for now is enqueued once its due time is stored.
import {
  AppError,
  validationError,
  type ActionContext,
  type IssueCode,
  type IssueParams,
  type Repositories,
  type Source,
} from '@rostra/core';

import type { ListeningServiceDeps } from './service.js';
import { createAuditedWrite, userIdOf } from './audited.js';
import { deriveSourceHost, LISTEN_POLL_JOB } from './sources.js';

export interface SourceInput {
  network: string;
  kind: string;
  config: Record<string, string>;
  label?: string | undefined;
  enabled: boolean;
  pollIntervalMs: number;
  channelId?: string | null | undefined;
}

export interface SourcePatch {
  label?: string | undefined;
  enabled?: boolean | undefined;
  pollIntervalMs?: number | undefined;
  config?: Record<string, string> | undefined;
  channelId?: string | null | undefined;
}

function refuse(path: string, code: IssueCode, message: string, params?: IssueParams): AppError {
  return validationError([{ path, code, message, ...(params ? { params } : {}) }]);
}

async function requireSource(repos: Pick<Repositories, 'listening'>, workspaceId: string, id: string) {
  const source = await repos.listening.getSource(workspaceId, id);
  if (!source) throw new AppError('not_found', 'Source not found');
  return source;
}

/** The service's operations, each short and independent: the factory's length is their list, not one flow. */
export function createSourcesService(deps: ListeningServiceDeps) {
  const { store } = deps;
  const audited = createAuditedWrite(store);
  const { connectors, queue } = deps;

  /** The network offers this kind and accepts its settings; returns whether the kind is real time. */
  function checkSourceSpec(network: string, kind: string, config: Record<string, string>): boolean {
    const mentions = connectors.find((c) => c.network === network)?.mentions;
    if (!mentions) {
      throw refuse('body.network', 'source_network_unsupported', `No installed source for "${network}"`, { network });
    }
    const found = mentions.kinds.find((k) => k.kind === kind);
    if (!found) {
      const kinds = mentions.kinds.map((k) => k.kind);
      throw refuse('body.kind', 'source_kind_unsupported', `"${network}" offers ${kinds.join(', ')}`, {
        network,
        kind,
        kinds,
      });
    }
    const problems = mentions.validate({ kind, config });
    if (problems.length > 0) {
      throw validationError(
        problems.map((p) => ({
          path: `body.config.${p.field}`,
          code: p.code,
          message: p.message,
          ...(p.params ? { params: p.params } : {}),
        })),
      );
    }
    return found.realtime === true;
  }

  /** A source searches as a channel of its own workspace and network; anything else names body.channelId. */
  async function checkSourceChannel(workspaceId: string, network: string, channelId: string | null | undefined) {
    if (!channelId) return null;
    const channel = await store.channels.get(workspaceId, channelId);
    if (!channel) throw refuse('body.channelId', 'unknown_channel', 'No such channel in this workspace');
    if (channel.network !== network) {
      throw refuse(
        'body.channelId',
        'source_channel_network',
        `The channel is on ${channel.network}, the source on ${network}`,
        {
          channelNetwork: channel.network,
          network,
        },
      );
    }
    return channelId;
  }

  return {
    listSources: (workspaceId: string): Promise<Source[]> => store.listening.listSources(workspaceId),

    /** The kinds of sources each installed network offers, with their settings. */
    listSourceKinds() {
      return connectors
        .filter((c) => c.mentions)
        .map((c) => ({
          network: c.network,
          kinds: (c.mentions?.kinds ?? []).map((k) => ({
            kind: k.kind,
            fields: [...k.fields],
            realtime: k.realtime === true,
          })),
        }));
    },

    async createSource(ctx: ActionContext, workspaceId: string, input: SourceInput) {
      const { network, kind, config } = input;
      const realtime = checkSourceSpec(network, kind, config);
      await deps.checkConfigUrls?.(config);
      const channelId = await checkSourceChannel(workspaceId, network, input.channelId);
      return audited(
        ctx,
        workspaceId,
        (repos) =>
          repos.listening.createSource(
            {
              workspaceId,
              network,
              kind,
              config,
              label: input.label || Object.values(config)[0] || `${network} ${kind}`,
              enabled: input.enabled,
              realtime,
              pollIntervalMs: input.pollIntervalMs,
              host: deriveSourceHost(network, config),
              channelId,
              createdBy: userIdOf(ctx),
            },
            Date.now(),
          ),
        () => ({ action: 'source.created', targetType: 'source', details: { network, kind, config } }),
      );
    },

    /**
     * `changes` is what the caller asked, kept as such in the audit entry. Re-enabling, or new settings, deserve a
     * poll now rather than after the backoff.
     */
    async updateSource(
      ctx: ActionContext,
      workspaceId: string,
      sourceId: string,
      patch: SourcePatch,
      changes: Record<string, unknown>,
    ) {
      const before = await requireSource(store, workspaceId, sourceId);
      const { config, channelId, ...rest } = patch;
      if (config) {
        checkSourceSpec(before.network, before.kind, config);
        await deps.checkConfigUrls?.(config);
      }
      const channel =
        channelId === undefined ? {} : { channelId: await checkSourceChannel(workspaceId, before.network, channelId) };
      return audited(
        ctx,
        workspaceId,
        async (repos) =>
          (await repos.listening.updateSource(workspaceId, before.id, {
            ...rest,
            ...channel,
            ...(config ? { config, host: deriveSourceHost(before.network, config) } : {}),
            ...(patch.enabled === true || config || channelId !== undefined ? { nextPollAt: Date.now() } : {}),
          })) as Source,
        () => ({ action: 'source.updated', targetType: 'source', details: { changes } }),
      );
    },

    async deleteSource(ctx: ActionContext, workspaceId: string, sourceId: string): Promise<void> {
      await audited(
        ctx,
        workspaceId,
        async (repos) => {
          const source = await requireSource(repos, workspaceId, sourceId);
          await repos.listening.deleteSource(workspaceId, source.id);
          return source;
        },
        (source) => ({
          action: 'source.deleted',
          targetType: 'source',
          targetLabel: source.label,
          details: { network: source.network, config: source.config },
        }),
      );
    },

    /** Due now, even while backing off; the job is enqueued once the new due time is stored. */
    async requestPoll(ctx: ActionContext, workspaceId: string, sourceId: string): Promise<Source> {
      const t = Date.now();
      const source = await audited(
        ctx,
        workspaceId,
        async (repos) => {
          const before = await requireSource(repos, workspaceId, sourceId);
          return (await repos.listening.updateSource(workspaceId, before.id, { nextPollAt: t })) as Source;
        },
        () => ({ action: 'source.poll_requested', targetType: 'source' }),
      );
      await queue.enqueue(LISTEN_POLL_JOB, {}, { key: `${LISTEN_POLL_JOB}:now:${source.id}:${t}`, maxAttempts: 1 });
      return source;
    },
  };
}
