// The idea bank of the animation plan: ideas a team keeps for later (typed in, or taken from a listening mention
// with its link), each used at most once — dropped on a plan slot, it becomes that slot's draft.
import type { StoredMention } from '../listening/types.js';

export const IDEA_SOURCES = ['manual', 'mention'] as const;
export type IdeaSource = (typeof IDEA_SOURCES)[number];

export interface IdeaInput {
  title: string;
  notes: string;
  themeId: string | null;
  /** Free text until personas exist. */
  persona: string;
}

export interface Idea extends IdeaInput {
  id: string;
  workspaceId: string;
  source: IdeaSource;
  /** The mention it came from (null once that mention is gone) and its link on the network. */
  mentionId: string | null;
  sourceUrl: string | null;
  /** Set once the idea became a slot's draft. */
  usedAt: number | null;
  usedPostId: string | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewIdea extends IdeaInput {
  source: IdeaSource;
  mentionId: string | null;
  sourceUrl: string | null;
  createdBy: string | null;
}

export const IDEA_TITLE_MAX = 200;

/** The words a title keeps of a longer text: whole words, an ellipsis when cut. */
export function titleFromText(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** An idea taken from a mention: its opening words as the title, its text and author as the notes, its link. */
export function ideaFromMention(mention: StoredMention, createdBy: string | null): NewIdea {
  const text = mention.title ? `${mention.title}\n\n${mention.text}` : mention.text;
  const author = mention.author.name ?? mention.author.handle;
  return {
    title: titleFromText(mention.title ?? mention.text) || mention.network,
    notes: author ? `${text.trim()}\n\n— ${author}` : text.trim(),
    themeId: null,
    persona: '',
    source: 'mention',
    mentionId: mention.id,
    sourceUrl: mention.url,
    createdBy,
  };
}

/** The draft's text an idea gives: its title, then its notes. */
export function draftTextOf(idea: Pick<IdeaInput, 'title' | 'notes'>): string {
  const notes = idea.notes.trim();
  return notes ? `${idea.title.trim()}\n\n${notes}` : idea.title.trim();
}
