// Every code the server can send has words in French and English: error codes, validation issue codes (with
// source settings and CSV lines), connector error codes, post rule codes, audit actions and their kinds. A new
// code without its sentence fails here; so does a sentence whose placeholders differ between the languages.
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_KINDS, AUDIT_ACTIONS, ERROR_CODES, ISSUE_CODES } from '@rostra/core';
import en from './en.json';
import fr from './fr.json';
import type { AuditEntry } from '../api/types';
import { describeEntry } from '../features/audit/audit-page';
import { describeConnectorError, describeIssue } from '../ui/server-text';

const LANGUAGES = { fr, en } as Record<string, unknown>;

function lookup(messages: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

function missing(keys: readonly string[]): string[] {
  return Object.entries(LANGUAGES).flatMap(([language, messages]) =>
    keys.filter((key) => typeof lookup(messages, key) !== 'string').map((key) => `${language}: ${key}`),
  );
}

// The sources that give post violations and connector errors, read as text (Vite's glob, so no Node types here).
const SOURCES = import.meta.glob<string>(
  ['../../../../packages/connectors/src/**/*.ts', '../../../server/src/**/*.ts', '!**/*.test.ts', '!**/testing/**'],
  { query: '?raw', import: 'default', eager: true },
);

/** The rule codes connectors (and the server's own checks) give post violations, read from their sources. */
function ruleCodes(): string[] {
  const codes = new Set<string>();
  for (const text of Object.values(SOURCES)) {
    for (const match of text.matchAll(/\bviolation\(\s*(?:[A-Za-z_.]+,\s*)?'([a-z_]+)'/g)) codes.add(match[1] ?? '');
    for (const match of text.matchAll(/\brule:\s*'([a-z_]+)'/g)) codes.add(match[1] ?? '');
  }
  return [...codes];
}

/** ConnectorErrorCode's members, read from its declaration. */
function connectorErrorCodes(): string[] {
  const text = Object.entries(SOURCES).find(([file]) => file.endsWith('packages/connectors/src/errors.ts'))?.[1] ?? '';
  const declaration = text.slice(text.indexOf('export type ConnectorErrorCode ='));
  const union = declaration.slice(0, declaration.search(/'\s*;/) + 1);
  return [...union.matchAll(/\|\s*'([a-z_]+)'/g)].map((match) => match[1] ?? '');
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([a-zA-Z]+)/g)].map((match) => match[1] ?? '').sort();
}

describe('server codes have French and English words', () => {
  it('every error code', () => {
    expect(missing(ERROR_CODES.map((code) => `errors.${code}`))).toEqual([]);
  });

  it('every validation issue code, source setting and CSV problem included', () => {
    expect(missing(ISSUE_CODES.map((code) => `issues.${code}`))).toEqual([]);
  });

  it('every connector error code', () => {
    const codes = connectorErrorCodes();
    expect(codes).toContain('rejected');
    expect(missing(codes.map((code) => `connectorErrors.${code}`))).toEqual([]);
  });

  it('every post rule a connector or the server checks', () => {
    const codes = ruleCodes();
    expect(codes).toContain('text_too_long');
    expect(missing(codes.map((code) => `composer.rules.${code}`))).toEqual([]);
  });

  it('every weak password reason', () => {
    expect(missing(['too_short', 'common', 'personal'].map((reason) => `password.weak.${reason}`))).toEqual([]);
  });

  it('every audit action, and every kind the log filters by', () => {
    expect(missing(AUDIT_ACTIONS.map((action) => `auditLog.actions.${action}`))).toEqual([]);
    expect(missing(AUDIT_ACTION_KINDS.map((kind) => `auditLog.kinds.${kind}`))).toEqual([]);
  });

  it('the same placeholders in both languages', () => {
    const keys = [
      ...ERROR_CODES.map((code) => `errors.${code}`),
      ...ISSUE_CODES.map((code) => `issues.${code}`),
      ...AUDIT_ACTIONS.map((action) => `auditLog.actions.${action}`),
    ];
    const differing = keys.filter(
      (key) => placeholders(String(lookup(fr, key))).join() !== placeholders(String(lookup(en, key))).join(),
    );
    expect(differing).toEqual([]);
  });
});

describe('rendering server codes', () => {
  async function translator(language: 'fr' | 'en') {
    const i18n = createInstance();
    await i18n.init({
      lng: language,
      resources: { fr: { translation: fr }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    return i18n.t;
  }

  it('says a refused source address in French, never in the server English', async () => {
    const t = await translator('fr');
    const issue = {
      path: 'body.config.url',
      code: 'address_invalid',
      params: { value: 'mairie.fr/flux' },
      message: '"mairie.fr/flux" is not an address: it should look like https://example.org/page',
    };
    expect(describeIssue(issue, t)).toBe(
      '« mairie.fr/flux » n’est pas une adresse : elle doit ressembler à https://exemple.fr/page.'.replace('’', "'"),
    );
    const csv = {
      path: 'body.csv.line3.text',
      code: 'csv_text_too_long',
      params: { line: 3, column: 'text', limit: 5000, count: 5001 },
      message: '',
    };
    expect(describeIssue(csv, t)).toBe('Ligne 3, colonne « text » : 5\u202f001 caractères, 5\u202f000 au plus.');
    expect(
      describeIssue(
        { path: 'body.network', code: 'network_unsupported', params: { network: 'bluesky' }, message: '' },
        t,
      ),
    ).toBe('Rostra ne sait pas connecter de compte Bluesky.');
    expect(describeConnectorError('auth_expired', t)).toMatch(/reconnectez le compte/);
    expect(describeConnectorError('something_new', t)).toBe('Erreur du réseau.');
  });

  it('writes an audit entry as a sentence, in French and in English', async () => {
    const entry: AuditEntry = {
      id: 'e1',
      at: '2026-12-07T10:00:00.000Z',
      actor: { type: 'user', id: 'u1', label: 'camille@mairie.fr', name: 'Camille Martin' },
      action: 'post.schedule',
      targetType: 'post',
      targetId: '0190-post',
      target: { type: 'post', id: '0190-post', label: 'Travaux rue du Port' },
      ip: null,
      userAgent: null,
      details: { from: 'approved', to: 'scheduled', scheduledAt: '2026-12-15T10:30:00.000Z' },
    };
    expect(describeEntry(entry, await translator('fr'), 'fr', 'Europe/Paris')).toBe(
      'Camille Martin a programmé « Travaux rue du Port » pour le 15 déc. à 11 h 30',
    );
    expect(describeEntry(entry, await translator('en'), 'en', 'Europe/Paris')).toMatch(
      /^Camille Martin scheduled “Travaux rue du Port” for Dec 15 at 11:30\sAM$/,
    );
    const roleChange: AuditEntry = {
      ...entry,
      action: 'member.role_changed',
      target: { type: 'user', id: 'u2', label: 'Lou Bernard' },
      details: { from: 'contributor', to: 'manager' },
    };
    expect(describeEntry(roleChange, await translator('fr'), 'fr', 'Europe/Paris')).toMatch(
      /^Camille Martin a changé le rôle de « Lou Bernard » : \S.* devient \S/,
    );
  });
});
