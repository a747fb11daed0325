// Employees as ambassadors: the team marks posts « à relayer » (link + suggested texts, each within its network's
// length as the connectors count it), an admin writes the social media policy as versions, and each ambassador
// acknowledges the version in force before any post is shown, sets their Mastodon instance and declares the relays
// they made. Each write and its audit entry share one transaction; a declared relay is only counted (no audit entry,
// no address or browser kept: the person is not tracked beyond that count).
import {
  AppError,
  buildShareLinks,
  checkRelayTexts,
  parseMastodonInstance,
  type AmbassadorPolicy,
  type RelayInput,
  type RelayNetwork,
  type RelaySummary,
  type ShareLink,
} from '@rostra/core';
import { countForNetwork } from '@rostra/connectors/counting';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';

/** How many relays the ambassador page and the list show (the newest). */
export const RELAYS_SHOWN = 100;

/** What an ambassador sees: the policy to acknowledge, or the posts to relay with their share links. */
export interface AmbassadorView {
  policy: AmbassadorPolicy | null;
  acknowledgedVersion: number | null;
  /** True until the member acknowledged the version in force (and while no policy is written). */
  needsAcknowledgement: boolean;
  mastodonInstance: string | null;
  items: Array<{ relay: RelaySummary; links: ShareLink[]; shared: RelayNetwork[] }>;
}

function requirePerson(caller: Caller): string {
  if (!caller.userId) throw new AppError('forbidden', 'Only a person acknowledges, sets a profile or relays');
  return caller.userId;
}

async function requirePost(store: Store, workspaceId: string, postId: string) {
  const post = await store.posts.get(workspaceId, postId);
  if (!post) throw new AppError('not_found', 'Post not found');
  return post;
}

/** Suggested texts over their network's length, refused with one issue per text. */
function requireTextsFit(input: RelayInput): void {
  const problems = checkRelayTexts(input.texts, input.link, countForNetwork);
  if (problems.length === 0) return;
  throw new AppError('validation_failed', `The ${problems[0]?.network} text is too long`, {
    issues: problems.map((p) => ({
      path: `body.texts.${p.network}`,
      code: 'too_long',
      params: { limit: p.max, count: p.count },
      message: `${p.count} characters as ${p.network} counts them, ${p.max} at most`,
    })),
  });
}

export function createAmbassadorService(deps: { store: Store }) {
  const { store } = deps;
  return {
    async markRelay(workspaceId: string, postId: string, input: RelayInput, caller: Caller) {
      await requirePost(store, workspaceId, postId);
      requireTextsFit(input);
      return store.transaction(async (repos) => {
        const before = await repos.ambassador.getRelay(workspaceId, postId);
        const relay = await repos.ambassador.saveRelay(workspaceId, postId, input, caller.userId);
        await auditWorkspace(repos, caller, workspaceId, {
          action: before ? 'ambassador.relay_updated' : 'ambassador.relay_marked',
          targetType: 'post',
          targetId: postId,
          details: { link: input.link, networks: Object.keys(input.texts) },
        });
        return relay;
      });
    },

    async unmarkRelay(workspaceId: string, postId: string, caller: Caller) {
      await requirePost(store, workspaceId, postId);
      await store.transaction(async (repos) => {
        if (!(await repos.ambassador.deleteRelay(workspaceId, postId))) {
          throw new AppError('not_found', 'This post is not marked to relay');
        }
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'ambassador.relay_unmarked',
          targetType: 'post',
          targetId: postId,
        });
      });
    },

    async savePolicy(workspaceId: string, text: string, expectedVersion: number, caller: Caller) {
      return store.transaction(async (repos) => {
        const saved = await repos.ambassador.savePolicy(workspaceId, text, expectedVersion, caller.userId);
        if (!saved) {
          throw new AppError('conflict', 'The policy changed meanwhile; reload it to see the new version', {
            path: 'body.version',
          });
        }
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'ambassador.policy_updated',
          targetType: 'ambassador_policy',
          targetId: workspaceId,
          details: { version: saved.version },
        });
        return saved;
      });
    },

    /** The member read `version`, which must be the one in force (an older page refreshes first). */
    async acknowledge(workspaceId: string, version: number, caller: Caller) {
      const userId = requirePerson(caller);
      const policy = await store.ambassador.getPolicy(workspaceId);
      if (!policy) throw new AppError('not_found', 'No social media policy is written yet');
      if (policy.version !== version) {
        throw new AppError('conflict', `Version ${policy.version} of the policy is in force; read it first`, {
          path: 'body.version',
        });
      }
      await store.transaction(async (repos) => {
        if (!(await repos.ambassador.acknowledge(workspaceId, userId, version, Date.now()))) return;
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'ambassador.policy_acknowledged',
          targetType: 'ambassador_policy',
          targetId: workspaceId,
          details: { version },
        });
      });
    },

    async saveProfile(workspaceId: string, mastodonInstance: string | null, caller: Caller) {
      const userId = requirePerson(caller);
      const instance =
        mastodonInstance === null || mastodonInstance.trim() === '' ? null : parseMastodonInstance(mastodonInstance);
      if (instance === undefined) {
        throw new AppError('validation_failed', 'Not a Mastodon instance name', {
          issues: [
            {
              path: 'body.mastodonInstance',
              code: 'invalid_format',
              message: 'A host name such as mastodon.social (https only, no path)',
            },
          ],
        });
      }
      return store.transaction(async (repos) => {
        const profile = await repos.ambassador.saveProfile(workspaceId, userId, instance);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'ambassador.profile_updated',
          targetType: 'user',
          targetId: userId,
          details: { mastodonInstance: instance },
        });
        return profile;
      });
    },

    /** A relay the ambassador says they made (their click on a share link); counted once per network. */
    async declareShare(workspaceId: string, postId: string, network: RelayNetwork, caller: Caller) {
      const userId = requirePerson(caller);
      if (!(await store.ambassador.getRelay(workspaceId, postId))) throw new AppError('not_found', 'Relay not found');
      await requireAcknowledged(store, workspaceId, userId);
      return { counted: await store.ambassador.recordShare(workspaceId, postId, userId, network, Date.now()) };
    },

    async view(workspaceId: string, caller: Caller): Promise<AmbassadorView> {
      const userId = requirePerson(caller);
      const policy = (await store.ambassador.getPolicy(workspaceId)) ?? null;
      const acknowledged = await store.ambassador.latestAcknowledgement(workspaceId, userId);
      const profile = await store.ambassador.getProfile(workspaceId, userId);
      const mastodonInstance = profile?.mastodonInstance ?? null;
      const needsAcknowledgement = policy === null || acknowledged?.version !== policy.version;
      const base = {
        policy,
        acknowledgedVersion: acknowledged?.version ?? null,
        needsAcknowledgement,
        mastodonInstance,
      };
      if (needsAcknowledgement) return { ...base, items: [] };
      const shared = await store.ambassador.sharesOf(workspaceId, userId);
      const relays = await store.ambassador.listRelays(workspaceId, RELAYS_SHOWN);
      return {
        ...base,
        items: relays.map((relay) => ({
          relay,
          links: buildShareLinks(relay, mastodonInstance),
          shared: shared.filter((s) => s.postId === relay.postId).map((s) => s.network),
        })),
      };
    },
  };
}

/** Posts are shown, and relays counted, only to a member who acknowledged the policy in force. */
async function requireAcknowledged(store: Store, workspaceId: string, userId: string): Promise<void> {
  const policy = await store.ambassador.getPolicy(workspaceId);
  const acknowledged = await store.ambassador.latestAcknowledgement(workspaceId, userId);
  if (!policy || acknowledged?.version !== policy.version) {
    throw new AppError('forbidden', 'Acknowledge the social media policy in force first');
  }
}

export type AmbassadorService = ReturnType<typeof createAmbassadorService>;
