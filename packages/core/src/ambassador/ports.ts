// The ambassadors' storage port: relays (posts marked « à relayer ») and the relays ambassadors declare, the
// versioned social media policy and who acknowledged which version, each ambassador's own settings.
import type { Timestamp } from '../accounts/types.js';
import type {
  AmbassadorPolicy,
  AmbassadorProfile,
  PolicyAcknowledgement,
  Relay,
  RelayInput,
  RelayNetwork,
  RelaySummary,
} from './types.js';

export interface AmbassadorRepository {
  /** The policy in force (highest version); undefined while none was written. */
  getPolicy(workspaceId: string): Promise<AmbassadorPolicy | undefined>;
  /** A new version when the current one is still `expectedVersion` (0: none); undefined when someone saved first. */
  savePolicy(
    workspaceId: string,
    text: string,
    expectedVersion: number,
    createdBy: string | null,
  ): Promise<AmbassadorPolicy | undefined>;
  /** Records that the member read `version`; false when they already had. */
  acknowledge(workspaceId: string, userId: string, version: number, at: Timestamp): Promise<boolean>;
  /** The member's acknowledgement of the highest version they acknowledged. */
  latestAcknowledgement(workspaceId: string, userId: string): Promise<PolicyAcknowledgement | undefined>;
  /** Every acknowledgement of the workspace, newest first. */
  listAcknowledgements(workspaceId: string): Promise<PolicyAcknowledgement[]>;

  getProfile(workspaceId: string, userId: string): Promise<AmbassadorProfile | undefined>;
  saveProfile(workspaceId: string, userId: string, mastodonInstance: string | null): Promise<AmbassadorProfile>;

  getRelay(workspaceId: string, postId: string): Promise<Relay | undefined>;
  /** Marks the post « à relayer » or changes its link and texts (the first marking's date is kept). */
  saveRelay(workspaceId: string, postId: string, input: RelayInput, userId: string | null): Promise<Relay>;
  /** False when the post was not marked. */
  deleteRelay(workspaceId: string, postId: string): Promise<boolean>;
  /** The marked posts, most recently marked first, with the declared relays counted per network. */
  listRelays(workspaceId: string, limit: number): Promise<RelaySummary[]>;
  /** An ambassador's declared relay, once per post, person and network; false when already counted. */
  recordShare(
    workspaceId: string,
    postId: string,
    userId: string,
    network: RelayNetwork,
    at: Timestamp,
  ): Promise<boolean>;
  /** The networks the member already declared for each of the posts. */
  sharesOf(workspaceId: string, userId: string): Promise<Array<{ postId: string; network: RelayNetwork }>>;
}
