import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/roles.js';
import { canDeletePost, canEditPost, decidePostDelete, decidePostEdit, isDeletable } from './post-access.js';
import { POST_STATUSES, type PostStatus } from './workflow.js';

const AUTHOR = 'user-author';
const outcome = (decision: ReturnType<typeof decidePostEdit>) => (decision.ok ? 'ok' : decision.reason);

describe('decidePostEdit', () => {
  it.each([
    // [status, role, own post, expected]
    ['draft', 'contributor', true, 'ok'],
    ['in_review', 'contributor', true, 'ok'],
    ['approved', 'contributor', true, 'forbidden'],
    ['failed', 'contributor', true, 'forbidden'],
    ['draft', 'contributor', false, 'forbidden'],
    ['draft', 'viewer', true, 'forbidden'],
    ['draft', 'community_manager', false, 'ok'],
    ['approved', 'community_manager', false, 'ok'],
    ['failed', 'admin', false, 'ok'],
    ['scheduled', 'admin', true, 'not_editable'],
    ['publishing', 'community_manager', false, 'not_editable'],
    ['published', 'manager', false, 'not_editable'],
    ['unconfirmed', 'admin', false, 'not_editable'],
    ['scheduled', 'viewer', false, 'not_editable'],
  ] as Array<[PostStatus, Role, boolean, string]>)('%s post, %s (own: %s) → %s', (status, role, own, expected) => {
    const post = { status, createdBy: own ? AUTHOR : 'someone-else' };
    expect(outcome(decidePostEdit(post, { role, userId: AUTHOR }))).toBe(expected);
    expect(canEditPost(post, { role, userId: AUTHOR })).toBe(expected === 'ok');
  });

  it('never treats a post without author as anybody’s own', () => {
    expect(outcome(decidePostEdit({ status: 'draft', createdBy: null }, { role: 'contributor', userId: '' }))).toBe(
      'forbidden',
    );
  });

  it('lets an API key (no user) change the authorless drafts API keys wrote', () => {
    const actor = { role: 'contributor' as const, userId: null };
    expect(outcome(decidePostEdit({ status: 'draft', createdBy: null }, actor))).toBe('ok');
    expect(outcome(decidePostEdit({ status: 'draft', createdBy: AUTHOR }, actor))).toBe('forbidden');
  });
});

describe('decidePostDelete', () => {
  it.each([
    ['draft', 'contributor', true, 'ok'],
    ['in_review', 'contributor', true, 'ok'],
    ['approved', 'contributor', true, 'forbidden'],
    ['draft', 'contributor', false, 'forbidden'],
    ['draft', 'viewer', true, 'forbidden'],
    // Unlike editing, a published or unconfirmed post may be removed from Rostra.
    ['published', 'community_manager', false, 'ok'],
    ['unconfirmed', 'manager', false, 'ok'],
    ['published', 'contributor', true, 'forbidden'],
    ['scheduled', 'admin', true, 'not_editable'],
    ['publishing', 'admin', false, 'not_editable'],
  ] as Array<[PostStatus, Role, boolean, string]>)('%s post, %s (own: %s) → %s', (status, role, own, expected) => {
    const post = { status, createdBy: own ? AUTHOR : 'someone-else' };
    expect(outcome(decidePostDelete(post, { role, userId: AUTHOR }))).toBe(expected);
    expect(canDeletePost(post, { role, userId: AUTHOR })).toBe(expected === 'ok');
  });

  it('keeps only scheduled and publishing posts out of reach', () => {
    expect(POST_STATUSES.filter((status) => !isDeletable(status))).toEqual(['scheduled', 'publishing']);
  });
});
