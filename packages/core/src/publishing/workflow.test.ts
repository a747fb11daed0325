import { describe, expect, it } from 'vitest';
import type { Role } from '../accounts/roles.js';
import { decideTransition, isEditable, type PostStatus, type WorkflowAction } from './workflow.js';

describe('decideTransition', () => {
  it.each([
    ['draft', 'submit', 'contributor', true, 'in_review'],
    ['draft', 'submit', 'viewer', true, 'forbidden'],
    ['in_review', 'approve', 'manager', true, 'approved'],
    ['in_review', 'approve', 'community_manager', true, 'forbidden'],
    ['in_review', 'reject', 'manager', true, 'draft'],
    ['approved', 'schedule', 'community_manager', true, 'scheduled'],
    ['approved', 'schedule', 'contributor', true, 'forbidden'],
    ['draft', 'schedule', 'community_manager', true, 'invalid_transition'],
    ['draft', 'schedule', 'community_manager', false, 'scheduled'],
    ['scheduled', 'unschedule', 'community_manager', true, 'approved'],
    ['published', 'unschedule', 'admin', true, 'invalid_transition'],
    ['scheduled', 'reschedule', 'community_manager', true, 'scheduled'],
    ['scheduled', 'reschedule', 'contributor', true, 'forbidden'],
    ['approved', 'reschedule', 'admin', false, 'invalid_transition'],
    ['publishing', 'reschedule', 'admin', true, 'invalid_transition'],
    ['unconfirmed', 'retry', 'community_manager', true, 'scheduled'],
    ['failed', 'retry', 'contributor', true, 'forbidden'],
    ['publishing', 'retry', 'admin', true, 'invalid_transition'],
  ] as Array<[PostStatus, WorkflowAction, Role, boolean, string]>)(
    '%s + %s by %s (approval %s) → %s',
    (from, action, role, approvalRequired, expected) => {
      const decision = decideTransition(from, action, { role, approvalRequired });
      expect(decision.ok ? decision.to : decision.reason).toBe(expected);
    },
  );

  it('locks content once a post is on its way out', () => {
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('scheduled')).toBe(false);
    expect(isEditable('publishing')).toBe(false);
    expect(isEditable('published')).toBe(false);
  });
});
