// Who may edit or delete a post, beyond its workflow: authors change their own drafts and posts in review;
// community managers and above, any post the status still allows. The server enforces it and the web app
// hides the buttons it would refuse, from this one rule.
import { hasRole, type Role } from '../accounts/roles.js';
import { isEditable, type PostStatus } from './workflow.js';

export interface PostOwnership {
  status: PostStatus;
  /** Null for posts nobody wrote in Rostra (imported, or the author's account is gone). */
  createdBy: string | null;
}

export interface PostActor {
  role: Role;
  /**
   * Null for an API key: posts it writes carry no author either, so a contributor key changes the
   * authorless drafts it proposed, as before this rule moved here.
   */
  userId: string | null;
}

/** `not_editable`: the status forbids it for everybody; `forbidden`: this person may not. */
export type PostChangeDecision = { ok: true } | { ok: false; reason: 'not_editable' | 'forbidden' };

const ALLOWED: PostChangeDecision = { ok: true };

/** Whether the post may still be deleted at all: never while it is scheduled or going out. */
export function isDeletable(status: PostStatus): boolean {
  return status !== 'scheduled' && status !== 'publishing';
}

function decideAuthorship(post: PostOwnership, actor: PostActor): PostChangeDecision {
  if (hasRole(actor.role, 'community_manager')) return ALLOWED;
  // Contributors propose: once a manager approved their post, it is no longer theirs to change.
  const ownProposal =
    hasRole(actor.role, 'contributor') &&
    post.createdBy === actor.userId &&
    (post.status === 'draft' || post.status === 'in_review');
  return ownProposal ? ALLOWED : { ok: false, reason: 'forbidden' };
}

export function decidePostEdit(post: PostOwnership, actor: PostActor): PostChangeDecision {
  if (!isEditable(post.status)) return { ok: false, reason: 'not_editable' };
  return decideAuthorship(post, actor);
}

export function decidePostDelete(post: PostOwnership, actor: PostActor): PostChangeDecision {
  if (!isDeletable(post.status)) return { ok: false, reason: 'not_editable' };
  return decideAuthorship(post, actor);
}

export function canEditPost(post: PostOwnership, actor: PostActor): boolean {
  return decidePostEdit(post, actor).ok;
}

export function canDeletePost(post: PostOwnership, actor: PostActor): boolean {
  return decidePostDelete(post, actor).ok;
}
