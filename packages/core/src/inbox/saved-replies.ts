// Saved replies ("réponses enregistrées"): answers the team writes once with variables — {prénom}, {nom}, {lien},
// {réseau}… (English aliases too) — checked as they are typed (an unknown variable is named with its line and
// column), filled in with the item's author and a link, then counted the network's way so an answer too long for
// the network is refused before it is sent rather than by the network.
import type { ValidationIssue } from '../errors.js';

export const SAVED_REPLY_VARIABLES = [
  'first_name',
  'last_name',
  'full_name',
  'handle',
  'link',
  'network',
  'signature',
  'organisation',
] as const;
/** What a variable stands for, whatever name it was written with. */
export type SavedReplyVariable = (typeof SAVED_REPLY_VARIABLES)[number];

/** The names people may write, French first (the one the editor inserts), folded as `foldVariableName` does. */
export const VARIABLE_NAMES: Record<SavedReplyVariable, { fr: string; en: string; aliases: readonly string[] }> = {
  first_name: { fr: 'prénom', en: 'first_name', aliases: ['firstname'] },
  last_name: { fr: 'nom', en: 'last_name', aliases: ['lastname', 'surname', 'nom_de_famille'] },
  full_name: { fr: 'nom_complet', en: 'name', aliases: ['full_name'] },
  handle: { fr: 'pseudo', en: 'handle', aliases: ['compte', 'username'] },
  link: { fr: 'lien', en: 'link', aliases: ['url'] },
  network: { fr: 'réseau', en: 'network', aliases: [] },
  signature: { fr: 'signature', en: 'signature', aliases: ['agent'] },
  organisation: { fr: 'organisation', en: 'organization', aliases: ['organisme'] },
};

export interface SavedReply {
  id: string;
  name: string;
  text: string;
  /** What {lien} stands for unless the person gives another link when answering. */
  link: string | null;
}

export const MAX_SAVED_REPLY_NAME_LENGTH = 100;
export const MAX_SAVED_REPLY_LENGTH = 5000;

/** `{Prénom}`, `{prenom}`, `{first name}` and `{First-Name}` are the same variable. */
export function foldVariableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/gu, '_');
}

const BY_NAME = new Map<string, SavedReplyVariable>(
  SAVED_REPLY_VARIABLES.flatMap((variable) => {
    const names = VARIABLE_NAMES[variable];
    return [names.fr, names.en, ...names.aliases].map((name) => [foldVariableName(name), variable] as const);
  }),
);

export type TemplatePart =
  { type: 'text'; text: string } | { type: 'variable'; variable: SavedReplyVariable; written: string; index: number };

/** Where an index falls, 1-based, for the editor. */
function locate(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

function templateIssue(text: string, index: number, length: number, code: ValidationIssue['code'], written: string) {
  const { line, column } = locate(text, index);
  const message =
    code === 'saved_reply_unclosed_variable'
      ? `Line ${line}, column ${column}: "{" opens a variable that is never closed (write {{ for a brace)`
      : `Line ${line}, column ${column}: unknown variable {${written}}`;
  return { path: 'text', code, params: { variable: written, line, column, index, length }, message };
}

/**
 * A template read into text and variables; `{{` and `}}` write braces. Issues name each unknown variable and each
 * `{` never closed on its line, with where it is.
 */
export function parseTemplate(text: string): { parts: TemplatePart[]; issues: ValidationIssue[] } {
  const parts: TemplatePart[] = [];
  const issues: ValidationIssue[] = [];
  let literal = '';
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if ((char === '{' || char === '}') && text[at + 1] === char) {
      literal += char;
      at += 2;
      continue;
    }
    if (char !== '{') {
      literal += char;
      at++;
      continue;
    }
    const close = text.indexOf('}', at);
    const newline = text.indexOf('\n', at);
    if (close < 0 || (newline >= 0 && newline < close)) {
      issues.push(templateIssue(text, at, 1, 'saved_reply_unclosed_variable', ''));
      literal += char;
      at++;
      continue;
    }
    const written = text.slice(at + 1, close);
    const variable = BY_NAME.get(foldVariableName(written));
    if (variable) {
      if (literal) parts.push({ type: 'text', text: literal });
      literal = '';
      parts.push({ type: 'variable', variable, written, index: at });
    } else {
      issues.push(templateIssue(text, at, close + 1 - at, 'saved_reply_unknown_variable', written));
    }
    at = close + 1;
  }
  if (literal) parts.push({ type: 'text', text: literal });
  return { parts, issues };
}

/** Every problem of a saved reply as the team writes it. */
export function validateSavedReply(reply: Pick<SavedReply, 'name' | 'text' | 'link'>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const name = reply.name.trim();
  if (name === '') issues.push({ path: 'name', code: 'required', message: 'A name' });
  else if (name.length > MAX_SAVED_REPLY_NAME_LENGTH) {
    const limit = MAX_SAVED_REPLY_NAME_LENGTH;
    issues.push({ path: 'name', code: 'too_long', params: { limit }, message: `At most ${limit} characters` });
  }
  if (reply.text.trim() === '') issues.push({ path: 'text', code: 'required', message: 'A text' });
  else if (reply.text.length > MAX_SAVED_REPLY_LENGTH) {
    const limit = MAX_SAVED_REPLY_LENGTH;
    issues.push({ path: 'text', code: 'too_long', params: { limit }, message: `At most ${limit} characters` });
  }
  issues.push(...parseTemplate(reply.text).issues);
  if (reply.link !== null && !/^https?:\/\/[^\s]+$/iu.test(reply.link.trim())) {
    issues.push({ path: 'link', code: 'invalid_format', params: { format: 'url' }, message: 'An http(s) address' });
  }
  return issues;
}

/** What the variables are filled with when answering one item. */
export interface ReplyValues {
  author: {
    /** The display name as the network gives it ("Camille Martin"). */
    name: string | null;
    handle: string | null;
  };
  /** The link the person chose; the saved reply's own when null. */
  link?: string | null;
  /** The network as people name it ("Bluesky"). */
  network: string;
  /** Who answers, as they sign ("Claire, pour la mairie"). */
  signature?: string | null;
  organisation?: string | null;
}

/** How the network counts a text and how long it may be (a connector's thread support has this shape). */
export interface ReplyLengthRule {
  maxLength(): number;
  count(text: string): number;
}

/** "Camille Martin" → Camille / Martin; "Jean-Pierre de La Fontaine" → Jean-Pierre / de La Fontaine. */
export function splitName(name: string | null): { first: string | null; last: string | null } {
  const words = (name ?? '').trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return { first: null, last: null };
  return { first: words[0] as string, last: words.length > 1 ? words.slice(1).join(' ') : null };
}

function valueOf(variable: SavedReplyVariable, values: ReplyValues, savedLink: string | null): string | null {
  const { first, last } = splitName(values.author.name);
  const handle = values.author.handle ? `@${values.author.handle.replace(/^@/u, '')}` : null;
  switch (variable) {
    case 'first_name':
      return first;
    case 'last_name':
      return last;
    case 'full_name':
      return values.author.name?.trim() || null;
    case 'handle':
      return handle;
    case 'link':
      return values.link?.trim() || savedLink;
    case 'network':
      return values.network;
    case 'signature':
      return values.signature?.trim() || null;
    case 'organisation':
      return values.organisation?.trim() || null;
  }
}

export type RenderedReply =
  { ok: true; text: string; length: number; limit: number } | { ok: false; issues: ValidationIssue[] };

/**
 * The answer to send: variables filled in, then counted the network's way. Refused with its issues when the
 * template is wrong, a variable has no value for this person (no « Bonjour , » ever goes out) or the answer is
 * longer than the network takes.
 */
export function renderSavedReply(
  reply: Pick<SavedReply, 'text' | 'link'>,
  values: ReplyValues,
  lengthRule: ReplyLengthRule,
): RenderedReply {
  const { parts, issues } = parseTemplate(reply.text);
  if (issues.length > 0) return { ok: false, issues };
  let text = '';
  for (const part of parts) {
    if (part.type === 'text') {
      text += part.text;
      continue;
    }
    const value = valueOf(part.variable, values, reply.link);
    if (value === null) {
      const { line, column } = locate(reply.text, part.index);
      issues.push({
        path: 'text',
        code: 'saved_reply_missing_value',
        params: { variable: part.written, line, column },
        message: `{${part.written}} has no value for this person`,
      });
    } else text += value;
  }
  if (issues.length > 0) return { ok: false, issues };
  const rendered = text.trim();
  const length = lengthRule.count(rendered);
  const limit = lengthRule.maxLength();
  if (length > limit) {
    const params = { count: length, limit, networkName: values.network };
    const message = `${length} characters as ${values.network} counts them; ${limit} at most`;
    return { ok: false, issues: [{ path: 'text', code: 'saved_reply_too_long', params, message }] };
  }
  return { ok: true, text: rendered, length, limit };
}
