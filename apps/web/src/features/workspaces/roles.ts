// What each workspace role may do in the UI. The roles and their order are the domain's (@rostra/core), the
// same the server enforces; the UI only mirrors them so nobody sees buttons that would 403.
import { hasRole, type Role } from '@rostra/core';

export { ROLES, isRole, hasRole as hasRoleAtLeast, type Role } from '@rostra/core';

export interface WorkspacePermissions {
  manageMembers: boolean;
  manageInvitations: boolean;
  manageApiKeys: boolean;
  /** Webhooks and their delivery logs (admins). */
  manageWebhooks: boolean;
  viewAudit: boolean;
  editSettings: boolean;
  /** Write posts and submit them (contributors and up). */
  writePosts: boolean;
  /** Approve or reject posts in review (managers and up). */
  reviewPosts: boolean;
  /** Schedule, unschedule, retry, and edit anybody's post (community managers and up). */
  schedulePosts: boolean;
  /** Connect and reconnect channels (managers and up). */
  connectChannels: boolean;
  disconnectChannels: boolean;
  /** Themes and content types (managers and up). */
  manageEditorial: boolean;
  /** An ambassador sees the ambassador page and nothing else. */
  ambassadorOnly: boolean;
  /** Mark posts « à relayer » with their texts (community managers and up). */
  markRelays: boolean;
  /** The employees' social media policy and its acknowledgements (admins). */
  manageAmbassadors: boolean;
}

export function describePermissions(role: Role): WorkspacePermissions {
  const isAdmin = hasRole(role, 'admin');
  return {
    manageMembers: isAdmin,
    manageInvitations: isAdmin,
    manageApiKeys: isAdmin,
    manageWebhooks: isAdmin,
    viewAudit: hasRole(role, 'manager'),
    editSettings: isAdmin,
    writePosts: hasRole(role, 'contributor'),
    reviewPosts: hasRole(role, 'manager'),
    schedulePosts: hasRole(role, 'community_manager'),
    connectChannels: hasRole(role, 'manager'),
    disconnectChannels: isAdmin,
    manageEditorial: hasRole(role, 'manager'),
    ambassadorOnly: role === 'ambassador',
    markRelays: hasRole(role, 'community_manager'),
    manageAmbassadors: isAdmin,
  };
}
