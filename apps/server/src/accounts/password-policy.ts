// What a new password must be: long enough, not on a list of common and breached passwords, not made of the
// person's own email or name. The list ships with @zxcvbn-ts/language-common (no network at run time).
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '@rostra/core';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** What must remain once the person's email and name are taken out of the password. */
const MIN_OWN_CHARACTERS = 8;

export type WeakPasswordReason = 'too_short' | 'common' | 'personal';

let common: Set<string> | undefined;

/** ~49,000 passwords from breach corpora, loaded on first use (the list is decompressed then). */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Lower case, accents and every non-letter/digit removed: "Adèle.Admin-42" → "adeleadmin42". */
function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Alphabet, digit and keyboard rows (French AZERTY and QWERTY): a run along one is no secret. */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'azertyuiopqsdfghjklmwxcvbn',
  'qwertyuiopasdfghjklzxcvbnm',
];

function isSequence(folded: string): boolean {
  const reversed = [...folded].reverse().join('');
  return SEQUENCES.some((row) => row.includes(folded) || row.includes(reversed));
}

function isCommon(password: string): boolean {
  const list = commonPasswords();
  const lower = password.normalize('NFKC').toLowerCase();
  // "Password123!", "123456789012" and "azertyuiop!!" are the listed word with digits or symbols around it.
  const core = lower.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');
  const folded = fold(lower);
  if (list.has(lower) || list.has(core) || list.has(folded) || isSequence(folded)) return true;
  // One short unit repeated ("aaaaaaaaaaaa", "abcabcabcabc") or a listed one repeated ("motdepassemotdepasse").
  const repeated = /^(.+?)\1+$/u.exec(folded);
  if (repeated?.[1] !== undefined && (repeated[1].length <= 4 || list.has(repeated[1]))) return true;
  return false;
}

function isPersonal(password: string, person: { email: string; name?: string | undefined }): boolean {
  let rest = fold(password);
  const email = person.email.trim();
  const pieces = [
    fold(email),
    fold(email.split('@')[0] ?? ''),
    fold(person.name ?? ''),
    ...(person.name ?? '').split(/\s+/).map(fold),
    ...email.split(/[@._+-]/).map(fold),
  ]
    .filter((piece) => piece.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const piece of pieces) rest = rest.split(piece).join('');
  return rest.length < MIN_OWN_CHARACTERS;
}

/** Why this password is refused for this person, or `undefined` when it is acceptable. */
export function judgePassword(
  password: string,
  person: { email: string; name?: string | undefined },
): WeakPasswordReason | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (isCommon(password)) return 'common';
  if (isPersonal(password, person)) return 'personal';
  return undefined;
}

const MESSAGES: Record<WeakPasswordReason, string> = {
  too_short: `Use at least ${MIN_PASSWORD_LENGTH} characters`,
  common: 'This password is too common: it appears in lists of leaked passwords',
  personal: 'This password is too close to your email address or name',
};

/** Throws `weak_password` (details: reason, minLength, path) when the password is refused. */
export function assertPasswordAcceptable(
  password: string,
  person: { email: string; name?: string | undefined },
  path = 'body.password',
): void {
  const reason = judgePassword(password, person);
  if (reason) {
    throw new AppError('weak_password', MESSAGES[reason], { reason, minLength: MIN_PASSWORD_LENGTH, path });
  }
}
