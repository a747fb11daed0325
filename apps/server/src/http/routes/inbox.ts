// The inbox: the list of items (filters, sorted by priority then date), the counts by status, a conversation with
// the post it answers and the team's notes, and people's work on an item. Viewers read; community managers and
// above act. Each handler is one call to the inbox service.
import { z } from 'zod';
import { INBOX_ITEM_KINDS, INBOX_LABEL_MAX_LENGTH, INBOX_LABELS_MAX, INBOX_STATUSES } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, idSchema, workspaceParams } from '../schemas.js';
import { createInboxService, type InboxService } from '../../inbox/service.js';
import { presentConversation, presentInboxItem, presentNote } from '../../inbox/presenters.js';

const base = '/api/workspaces/:workspaceId/inbox';
const statusSchema = z.enum(INBOX_STATUSES).describe('new · open (someone is on it) · waiting (on the author) · done');
const itemParams = workspaceParams.extend({ itemId: idSchema });
const conversationParams = workspaceParams.extend({ conversationId: idSchema });

const subjectSchema = z
  .object({
    remoteId: z.string(),
    url: z.string().nullable(),
    text: z.string().nullable(),
    postId: z.string().nullable().describe("Rostra's post, when Rostra published it"),
  })
  .nullable()
  .describe('The post of ours the item answers');

const itemSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  channelId: z.string(),
  network: z.string(),
  kind: z.enum(INBOX_ITEM_KINDS),
  remoteId: z.string().describe("The network's id of the item"),
  url: z.string().nullable(),
  rootRemoteId: z.string(),
  parentRemoteId: z.string().nullable(),
  subject: subjectSchema,
  author: z.object({
    id: z.string().nullable(),
    handle: z.string().nullable(),
    name: z.string().nullable(),
    url: z.string().nullable(),
    avatar: z.string().nullable(),
    followers: z.number().nullable(),
  }),
  text: z.string().describe('Plain text, as the author wrote it: never HTML'),
  createdAt: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  status: statusSchema,
  assigneeId: z.string().nullable(),
  labels: z.array(z.string()),
  priority: z.number().int(),
  updatedAt: z.iso.datetime(),
});

const noteSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  authorId: z.string().nullable(),
  text: z.string(),
  mentions: z.array(z.string()).describe('Members the note names'),
  createdAt: z.iso.datetime(),
});

const conversationSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  network: z.string(),
  rootRemoteId: z.string(),
  subject: subjectSchema,
  itemCount: z.number().int(),
  firstItemAt: z.iso.datetime(),
  lastItemAt: z.iso.datetime(),
});

export const inboxListQuery = z.strictObject({
  status: statusSchema.optional(),
  assignee: z
    .union([z.literal('none'), idSchema])
    .optional()
    .describe('A member id, or none for the items nobody has'),
  label: z.string().min(1).max(INBOX_LABEL_MAX_LENGTH).optional(),
  channelId: idSchema.optional(),
  kind: z.enum(INBOX_ITEM_KINDS).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function registerInboxRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const service = createInboxService({ store: runtime.store });
  registerItemRoutes(api, service);
  registerConversationRoutes(api, service);
}

/** The list, the counts (every member reads them) and people's work on an item (community managers and up). */
function registerItemRoutes(api: ZodApp, service: InboxService): void {
  api.get(
    `${base}/items`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Inbox items, by priority then newest first, filtered; page with nextCursor',
        tags: ['inbox'],
        params: workspaceParams,
        querystring: inboxListQuery,
        response: { 200: z.object({ items: z.array(itemSchema), nextCursor: z.string().nullable() }), ...commonErrors },
      },
    },
    async (request) => {
      const { status, assignee, label, channelId, kind, cursor, limit } = request.query;
      const filters = {
        ...(status ? { status: [status] } : {}),
        ...(kind ? { kind: [kind] } : {}),
        ...(assignee ? { assigneeId: assignee === 'none' ? null : assignee } : {}),
        ...(label ? { label } : {}),
        ...(channelId ? { channelId } : {}),
      };
      const page = await service.list(requireWorkspace(request).id, filters, cursor ?? null, limit);
      return { items: page.items.map(presentInboxItem), nextCursor: page.nextCursor };
    },
  );

  api.get(
    `${base}/counts`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'How many inbox items are in each status',
        tags: ['inbox'],
        params: workspaceParams,
        response: { 200: z.record(statusSchema, z.number().int()), ...commonErrors },
      },
    },
    async (request) => service.counts(requireWorkspace(request).id),
  );

  api.patch(
    `${base}/items/:itemId`,
    {
      config: { access: { kind: 'workspace', role: 'community_manager' } },
      schema: {
        summary: "Change an item's status, assignee (a member, or null), labels or priority",
        tags: ['inbox'],
        params: itemParams,
        body: z.strictObject({
          status: statusSchema.optional(),
          assigneeId: idSchema.nullable().optional(),
          labels: z
            .array(z.string().max(200))
            .max(INBOX_LABELS_MAX * 2)
            .optional(),
          priority: z.number().int().min(-1000).max(1000).optional(),
        }),
        response: { 200: itemSchema, ...commonErrors },
      },
    },
    async (request) =>
      presentInboxItem(
        await service.updateItem(callerOf(request), requireWorkspace(request).id, request.params.itemId, request.body),
      ),
  );
}

/** A conversation (every member reads it) and its notes (community managers and up). */
function registerConversationRoutes(api: ZodApp, service: InboxService): void {
  api.get(
    `${base}/conversations/:conversationId`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'A conversation as the network threads it: its items (oldest first), the post it answers, notes',
        tags: ['inbox'],
        params: conversationParams,
        response: {
          200: z.object({
            conversation: conversationSchema,
            items: z.array(itemSchema),
            notes: z.array(noteSchema),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const view = await service.getConversation(requireWorkspace(request).id, request.params.conversationId);
      return {
        conversation: presentConversation(view.conversation),
        items: view.items.map(presentInboxItem),
        notes: view.notes.map(presentNote),
      };
    },
  );

  api.post(
    `${base}/conversations/:conversationId/notes`,
    {
      config: { access: { kind: 'workspace', role: 'community_manager' } },
      schema: {
        summary: 'Leave an internal note on a conversation (never sent to the network), naming members',
        tags: ['inbox'],
        params: conversationParams,
        body: z.strictObject({
          text: z.string().trim().min(1).max(5000),
          mentions: z.array(idSchema).max(20).default([]),
        }),
        response: { 201: noteSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const note = await service.addNote(
        callerOf(request),
        requireWorkspace(request).id,
        request.params.conversationId,
        request.body,
      );
      return reply.code(201).send(presentNote(note));
    },
  );
}
