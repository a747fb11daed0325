// The inbox for people: the list (filters, priority then date), a conversation with the post it answers and the
// team's notes, and people's work on an item (status, assignee, labels, priority) — each write with its audit entry
// in one transaction. Reads go straight to the store.
import {
  AppError,
  INBOX_LABEL_MAX_LENGTH,
  INBOX_LABELS_MAX,
  normalizeInboxLabels,
  type Conversation,
  type InboxFilters,
  type InboxItem,
  type InboxItemPage,
  type InboxItemPatch,
  type InboxNote,
  type Repositories,
  type ValidationIssue,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import { textLabel } from '../audit/record.js';
import { recordStatusTimes } from './sla-stats.js';

export interface ConversationView {
  conversation: Conversation;
  items: InboxItem[];
  notes: InboxNote[];
}

export type InboxService = ReturnType<typeof createInboxService>;

export function createInboxService(deps: { store: Store; now?: () => number }) {
  const { store } = deps;
  const now = deps.now ?? Date.now;

  const notFound = (what: string) => new AppError('not_found', `${what} not found`);

  /** Everyone named must be a member of the workspace who works in it (not an ambassador). */
  async function checkMembers(
    repos: Repositories,
    workspaceId: string,
    ids: Array<{ id: string; path: string }>,
  ): Promise<void> {
    if (ids.length === 0) return;
    const members = new Map((await repos.accounts.listMembers(workspaceId)).map((m) => [m.userId, m.role]));
    const issues: ValidationIssue[] = ids
      .filter(({ id }) => !members.has(id) || members.get(id) === 'ambassador')
      .map(({ path }) => ({ path, code: 'not_a_member', message: 'Not a member of this workspace' }));
    if (issues.length > 0) throw new AppError('validation_failed', 'Unknown member', { issues });
  }

  function checkLabels(labels: string[]): string[] {
    const kept = normalizeInboxLabels(labels);
    const issues: ValidationIssue[] = [];
    kept.forEach((label, i) => {
      if ([...label].length > INBOX_LABEL_MAX_LENGTH) {
        issues.push({ path: `body.labels.${i}`, code: 'too_long', message: 'Label too long' });
      }
    });
    if (kept.length > INBOX_LABELS_MAX) issues.push({ path: 'body.labels', code: 'too_many', message: 'Too many' });
    if (issues.length > 0) throw new AppError('validation_failed', 'Invalid labels', { issues });
    return kept;
  }

  return {
    list(workspaceId: string, filters: InboxFilters, cursor: string | null, limit: number): Promise<InboxItemPage> {
      return store.inbox.listItems(workspaceId, filters, cursor, limit);
    },
    counts: (workspaceId: string) => store.inbox.countByStatus(workspaceId),

    async getConversation(workspaceId: string, id: string): Promise<ConversationView> {
      const conversation = await store.inbox.getConversation(workspaceId, id);
      if (!conversation) throw notFound('Conversation');
      const [items, notes] = await Promise.all([
        store.inbox.listConversationItems(workspaceId, id),
        store.inbox.listNotes(workspaceId, id),
      ]);
      return { conversation, items, notes };
    },

    async updateItem(caller: Caller, workspaceId: string, id: string, patch: InboxItemPatch): Promise<InboxItem> {
      return store.transaction(async (repos) => {
        const before = await repos.inbox.getItem(workspaceId, id);
        if (!before) throw notFound('Item');
        if (patch.assigneeId)
          await checkMembers(repos, workspaceId, [{ id: patch.assigneeId, path: 'body.assigneeId' }]);
        const clean = patch.labels ? { ...patch, labels: checkLabels(patch.labels) } : patch;
        const updated = await repos.inbox.updateItem(workspaceId, id, clean, now());
        if (!updated) throw notFound('Item');
        await recordStatusTimes(repos, before, updated, now());
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'inbox.item_updated',
          targetType: 'inbox_item',
          targetId: id,
          targetLabel: textLabel(before.text),
          details: changes(before, updated),
        });
        return updated;
      });
    },

    async addNote(
      caller: Caller,
      workspaceId: string,
      conversationId: string,
      input: { text: string; mentions: string[] },
    ): Promise<InboxNote> {
      return store.transaction(async (repos) => {
        const conversation = await repos.inbox.getConversation(workspaceId, conversationId);
        if (!conversation) throw notFound('Conversation');
        const mentions = [...new Set(input.mentions)];
        await checkMembers(
          repos,
          workspaceId,
          mentions.map((id, i) => ({ id, path: `body.mentions.${i}` })),
        );
        const note = await repos.inbox.addNote({
          workspaceId,
          conversationId,
          authorId: caller.userId,
          text: input.text.trim(),
          mentions,
          createdAt: now(),
        });
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'inbox.note_added',
          targetType: 'inbox_conversation',
          targetId: conversationId,
          targetLabel: textLabel(note.text),
          details: { noteId: note.id, mentions },
        });
        return note;
      });
    },
  };
}

/** What moved, before → after, for the audit log. */
function changes(before: InboxItem, after: InboxItem): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const field of ['status', 'assigneeId', 'priority'] as const) {
    if (before[field] !== after[field]) details[field] = { from: before[field], to: after[field] };
  }
  if (before.labels.join('\n') !== after.labels.join('\n')) details.labels = { from: before.labels, to: after.labels };
  return details;
}
