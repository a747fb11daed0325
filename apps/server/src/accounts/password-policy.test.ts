// Which passwords are refused, and why: table-driven over the three reasons.
import { describe, expect, it } from 'vitest';
import { isAppError } from '@rostra/core';
import { assertPasswordAcceptable, judgePassword } from './password-policy.js';

const ADELE = { email: 'adele.admin@mairie-lyon.fr', name: 'Adèle Admin' };

describe('password policy', () => {
  it.each([
    ['onze carac.', 'too_short'],
    ['password', 'too_short'],
    ['Password1234!', 'common'],
    ['123456789012', 'common'],
    ['qwertyuiop123', 'common'],
    ['azertyuiopqs', 'common'],
    ['abcdefghijkl', 'common'],
    ['aaaaaaaaaaaa', 'common'],
    ['motdepasse2024', 'common'],
    ['iloveyouiloveyou', 'common'],
    ['adele.admin2024', 'personal'],
    ['Adèle Admin 1234!', 'personal'],
    ['ADELE.ADMIN@MAIRIE-LYON.FR', 'personal'],
    ['mairie-lyon-2026', 'personal'],
    ['un mot de passe solide', undefined],
    ['adèle aime les tramways', undefined],
    ['correct-horse-battery', undefined],
  ] as const)('%s → %s', (password, reason) => {
    expect(judgePassword(password, ADELE)).toBe(reason);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(judgePassword('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊', ADELE)).toBe('too_short');
  });

  it('throws weak_password with the reason and the field', () => {
    try {
      assertPasswordAcceptable('Password1234!', ADELE, 'body.newPassword');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('weak_password');
      expect(isAppError(error) && error.details).toMatchObject({ reason: 'common', path: 'body.newPassword' });
    }
  });
});
