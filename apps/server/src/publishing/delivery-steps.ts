// What one delivery sends, in order: the post (or each part of its thread), then its first comment. Each
// step has its own idempotency key — the target id for the first, `${id}:${i}` for the others,
// `${id}:comment` for the comment — so a retry finds or skips what already went out instead of repeating it.
import type { Post, PostTarget } from '@rostra/core';
import type { MediaAttachment, PublishRequest } from '@rostra/connectors';
import type { Store } from '@rostra/store';

export interface DeliveryStep {
  key: string;
  kind: 'part' | 'comment';
  request: Omit<PublishRequest, 'replyTo'>;
}

export function partKey(targetId: string, index: number): string {
  return index === 0 ? targetId : `${targetId}:${index}`;
}

export function commentKey(targetId: string): string {
  return `${targetId}:comment`;
}

/** The keys of the steps, in order, without loading any media (for the sweep's checks). */
export function deliveryStepKeys(target: Pick<PostTarget, 'id' | 'thread' | 'firstComment'>): string[] {
  const parts = Math.max(1, target.thread?.parts.length ?? 1);
  const keys = Array.from({ length: parts }, (_, i) => partKey(target.id, i));
  if (target.firstComment?.trim()) keys.push(commentKey(target.id));
  return keys;
}

/** The first step not yet recorded as published, or undefined when all are. */
export function nextStepKey(target: Pick<PostTarget, 'id' | 'thread' | 'firstComment' | 'publishedParts'>) {
  const done = new Set(target.publishedParts.map((p) => p.key));
  return deliveryStepKeys(target).find((key) => !done.has(key));
}

export async function buildDeliverySteps(store: Store, target: PostTarget, post: Post): Promise<DeliveryStep[]> {
  const texts = target.thread?.parts.length ? target.thread.parts : [target.text ?? post.text];
  const media: MediaAttachment[] = [];
  // Only the first part carries media: once it is out, a resumed thread does not read the files again.
  const firstDone = target.publishedParts.some((p) => p.key === partKey(target.id, 0));
  for (const item of firstDone ? [] : await store.media.postMedia(post.id)) {
    const data = await store.media.getData(post.workspaceId, item.media.id);
    // The file is protected from deletion while a post uses it; a missing one is a storage fault worth failing on.
    if (!data) throw new Error(`Media ${item.media.id} of post ${post.id} is missing`);
    media.push({
      data,
      mimeType: item.media.mimeType,
      alt: item.alt,
      // Networks that download media (Instagram) get a signed link to this file (media-links.ts).
      source: { workspaceId: post.workspaceId, mediaId: item.media.id },
    });
  }
  const shared = {
    ...(Object.keys(target.options).length > 0 ? { options: target.options } : {}),
    ...(post.languages.length > 0 ? { languages: post.languages } : {}),
  };
  const steps: DeliveryStep[] = texts.map((text, index) => ({
    key: partKey(target.id, index),
    kind: 'part',
    // The media go with the first part, which is the post people see in their feed.
    request: {
      idempotencyKey: partKey(target.id, index),
      text,
      ...(index === 0 && media.length > 0 ? { media } : {}),
      ...shared,
    },
  }));
  const comment = target.firstComment?.trim();
  if (comment) {
    steps.push({
      key: commentKey(target.id),
      kind: 'comment',
      request: { idempotencyKey: commentKey(target.id), text: comment, ...shared },
    });
  }
  return steps;
}
