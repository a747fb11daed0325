import { describe, expect, it } from 'vitest';
import { canGrantRole, hasRole, isRole, ROLES } from './roles.js';
import { invitationStatus, type Invitation } from './types.js';
import { retryDelayMs } from '../jobs/port.js';

describe('roles', () => {
  it.each([
    ['admin', 'viewer', true],
    ['manager', 'community_manager', true],
    ['community_manager', 'manager', false],
    ['contributor', 'contributor', true],
    ['viewer', 'contributor', false],
  ] as const)('%s has at least %s: %s', (role, required, expected) => {
    expect(hasRole(role, required)).toBe(expected);
  });

  it('orders every role strictly', () => {
    for (const [i, role] of ROLES.entries()) {
      for (const [j, other] of ROLES.entries()) expect(hasRole(role, other)).toBe(i <= j);
    }
  });

  it('lets nobody grant more than they have', () => {
    expect(canGrantRole('manager', 'admin')).toBe(false);
    expect(canGrantRole('admin', 'admin')).toBe(true);
  });

  it('recognises role names only', () => {
    expect(isRole('community_manager')).toBe(true);
    expect(isRole('owner')).toBe(false);
    expect(isRole(3)).toBe(false);
  });
});

describe('invitationStatus', () => {
  const base: Invitation = {
    id: 'i',
    workspaceId: 'w',
    email: 'e',
    role: 'viewer',
    invitedBy: 'u',
    createdAt: 0,
    expiresAt: 100,
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
    emailStatus: null,
    emailError: null,
  };
  it.each([
    [base, 50, 'pending'],
    [base, 100, 'expired'],
    [{ ...base, revokedAt: 10 }, 50, 'revoked'],
    [{ ...base, acceptedAt: 10, revokedAt: 20 }, 500, 'accepted'],
  ] as const)('%# → %s', (invitation, now, expected) => {
    expect(invitationStatus(invitation, now)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('grows exponentially with ±25 % jitter and a 30-minute cap', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(1_000);
    expect(retryDelayMs(4, () => 0.5)).toBe(8_000);
    expect(retryDelayMs(4, () => 0)).toBe(6_000);
    expect(retryDelayMs(4, () => 1)).toBe(10_000);
    expect(retryDelayMs(40, () => 0.5)).toBe(1_800_000);
  });
});
