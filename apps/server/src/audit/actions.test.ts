// Every audit action the server writes is listed in AUDIT_ACTIONS (@rostra/core), the list the web app renders
// as sentences — and every listed action is written somewhere. Types already refuse an unlisted action at each
// call; this reads the sources so a cast or a new way of writing entries cannot slip past.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditAction } from '@rostra/core';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const DOTTED = /'([a-z_]+\.[a-z_]+)'/g;

/** The dotted literals given as an audit entry's `action` (also through a ternary) or to `auditPost`. */
function writtenActions(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\baction:\s*([^,\n}]+)/g)) {
    for (const literal of (match[1] ?? '').matchAll(DOTTED)) found.push(literal[1] ?? '');
  }
  for (const match of source.matchAll(/auditPost\([^;]*?,\s*'([a-z_]+\.[a-z_]+)'/g)) found.push(match[1] ?? '');
  return found;
}

describe('audit actions', () => {
  const files = sourceFiles(SRC);
  const written = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const action of writtenActions(source)) {
      written.set(action, [...(written.get(action) ?? []), path.relative(SRC, file)]);
    }
  }

  it('finds the audit writes it reads (the scan itself works)', () => {
    expect(written.get('post.created')).toEqual(['publishing/posts.ts']);
    expect(written.get('channel.reconnected')).toBeDefined();
    expect(written.size).toBeGreaterThan(40);
  });

  it('writes only listed actions', () => {
    const unlisted = [...written.keys()].filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action));
    expect(unlisted).toEqual([]);
  });

  it('lists only actions something writes (post workflow moves come from `post.${action}`)', () => {
    const workflow = (action: AuditAction) =>
      /^post\.(submit|approve|reject|schedule|reschedule|unschedule|retry)$/.test(action);
    const unwritten = AUDIT_ACTIONS.filter((action) => !written.has(action) && !workflow(action));
    expect(unwritten).toEqual([]);
    expect(files.some((file) => readFileSync(file, 'utf8').includes('`post.${action}`'))).toBe(true);
  });
});
