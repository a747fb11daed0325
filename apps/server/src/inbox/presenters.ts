// The inbox's API shapes (dates as ISO 8601), shared by the routes and the CLI's JSON.
import type { Conversation, InboxItem, InboxNote } from '@rostra/core';
import { toIso } from '../http/schemas.js';

export function presentInboxItem(item: InboxItem) {
  const { workspaceId: _, createdAt, receivedAt, updatedAt, ...rest } = item;
  return { ...rest, createdAt: toIso(createdAt), receivedAt: toIso(receivedAt), updatedAt: toIso(updatedAt) };
}

export function presentNote(note: InboxNote) {
  const { workspaceId: _, createdAt, ...rest } = note;
  return { ...rest, createdAt: toIso(createdAt) };
}

export function presentConversation(conversation: Conversation) {
  return {
    id: conversation.id,
    channelId: conversation.channelId,
    network: conversation.network,
    rootRemoteId: conversation.rootRemoteId,
    subject: conversation.subject,
    itemCount: conversation.itemCount,
    firstItemAt: toIso(conversation.firstItemAt),
    lastItemAt: toIso(conversation.lastItemAt),
  };
}
