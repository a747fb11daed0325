// A post's content beyond its text, per channel: media with alternative text, network options, first
// comment and thread. Turns what the composer sends into what is stored (a thread split by each network's
// own counting), and checks it against each network's rules the way the engine will send it.
import {
  AppError,
  splitThread,
  type Channel,
  type Post,
  type PostTarget,
  type Repositories,
  type TargetInput,
  type ThreadPlan,
  type ValidationIssue,
} from '@rostra/core';
import type { Connector, MediaAttachment, Publisher, RuleViolation } from '@rostra/connectors';
import type { Store } from '@rostra/store';

/** The longest post text the API takes (any network's own limit is far lower; this bounds what is stored). */
export const MAX_POST_TEXT = 100_000;

export interface ChannelContentInput {
  channelId: string;
  text?: string | null | undefined;
  options?: Record<string, unknown> | undefined;
  firstComment?: string | null | undefined;
  /** true: Rostra splits the text at sentence boundaries; a list: the parts as written. */
  thread?: boolean | string[] | undefined;
  /** With a split thread: " 1/3", " 2/3"… at the end of each part. */
  threadNumbering?: boolean | undefined;
}

export interface MediaInput {
  mediaId: string;
  /** This post's alternative text; the file's proposed one when left out. */
  alt?: string | undefined;
}

/** The parts of a split thread for this network, or one part when the network cannot count (no threads). */
export function splitFor(
  publisher: Publisher | undefined,
  text: string,
  options: Record<string, unknown>,
  numbering: boolean,
): string[] {
  const thread = publisher?.thread;
  if (!thread) return [text];
  return splitThread(text, {
    limit: thread.maxLength(options),
    count: (t) => thread.count(t, options),
    numbering,
  });
}

function planThread(input: ChannelContentInput, publisher: Publisher | undefined, postText: string): ThreadPlan | null {
  if (Array.isArray(input.thread)) {
    const parts = input.thread.map((p) => p.trim()).filter((p) => p !== '');
    return parts.length > 0 ? { mode: 'parts', parts } : null;
  }
  if (input.thread !== true) return null;
  const numbering = input.threadNumbering === true;
  const parts = splitFor(publisher, input.text ?? postText, input.options ?? {}, numbering);
  return { mode: 'split', parts, ...(numbering ? { numbering } : {}) };
}

export function createPostContent(deps: { store: Store; connectors: readonly Connector[] }) {
  const { store } = deps;
  const byNetwork = new Map(deps.connectors.map((c) => [c.network, c]));

  function publisherOf(channel: Channel | undefined): Publisher | undefined {
    return channel ? byNetwork.get(channel.network)?.publisher : undefined;
  }

  return {
    /** Media ids must name files of this workspace, each once. */
    async checkMedia(workspaceId: string, media: MediaInput[] | undefined): Promise<ValidationIssue[]> {
      const issues: ValidationIssue[] = [];
      if (!media) return issues;
      for (const [i, item] of media.entries()) {
        if (!(await store.media.get(workspaceId, item.mediaId))) {
          issues.push({ path: `body.media.${i}.mediaId`, code: 'unknown_media', message: 'Unknown media file' });
        }
      }
      const ids = media.map((m) => m.mediaId);
      if (new Set(ids).size !== ids.length)
        issues.push({
          path: 'body.media',
          code: 'invalid',
          params: { reason: 'duplicate' },
          message: 'A file appears twice',
        });
      return issues;
    },

    /** What to store for each channel, with each split thread cut by that network's counting. */
    async planTargets(workspaceId: string, channels: ChannelContentInput[], postText: string): Promise<TargetInput[]> {
      const known = new Map((await store.channels.list(workspaceId)).map((c) => [c.id, c]));
      return channels.map((input) => ({
        channelId: input.channelId,
        text: input.text ?? null,
        options: input.options ?? {},
        firstComment: input.firstComment?.trim() ? input.firstComment.trim() : null,
        thread: planThread(input, publisherOf(known.get(input.channelId)), postText),
      }));
    },

    /** `repos`: the caller's transaction, so the post's files change with the post and its audit entry. */
    async setMedia(
      workspaceId: string,
      postId: string,
      media: MediaInput[],
      repos: Repositories = store,
    ): Promise<void> {
      const items = [];
      for (const item of media) {
        const stored = await repos.media.get(workspaceId, item.mediaId);
        if (!stored) throw new AppError('validation_failed', 'body.media: unknown media file');
        items.push({ mediaId: item.mediaId, alt: (item.alt ?? stored.alt).trim() });
      }
      await repos.media.setPostMedia(postId, items);
    },

    /** After the text changed: threads Rostra split are split again; parts a person wrote stay theirs. */
    async resplit(post: Post, repos: Repositories = store): Promise<void> {
      const channels = new Map((await repos.channels.list(post.workspaceId)).map((c) => [c.id, c]));
      for (const target of await repos.posts.targets(post.id)) {
        if (target.thread?.mode !== 'split') continue;
        const parts = splitFor(
          publisherOf(channels.get(target.channelId)),
          target.text ?? post.text,
          target.options,
          target.thread.numbering === true,
        );
        await repos.posts.setThread(target.id, { ...target.thread, parts });
      }
    },

    /** The post's files with their bytes, as every channel will receive them. */
    async loadMedia(post: Post): Promise<MediaAttachment[]> {
      const attachments: MediaAttachment[] = [];
      for (const item of await store.media.postMedia(post.id)) {
        const data = await store.media.getData(post.workspaceId, item.media.id);
        if (data) attachments.push({ data, mimeType: item.media.mimeType, alt: item.alt });
      }
      return attachments;
    },

    /** One channel's rules over everything it will send: the post or each thread part, then the comment. */
    validateTarget(
      publisher: Publisher,
      network: string,
      post: Post,
      target: PostTarget,
      media: MediaAttachment[],
    ): RuleViolation[] {
      const shared = {
        ...(Object.keys(target.options).length > 0 ? { options: target.options } : {}),
        ...(post.languages.length > 0 ? { languages: post.languages } : {}),
      };
      const parts = target.thread?.parts.length ? target.thread.parts : [target.text ?? post.text];
      const found: RuleViolation[] = [];
      if (target.thread && !publisher.thread) {
        found.push({ network, rule: 'thread_unsupported', message: `${network} does not take threads` });
      }
      parts.forEach((text, index) => {
        const violations = publisher.validate({
          text,
          ...(index === 0 && media.length > 0 ? { media } : {}),
          ...shared,
        });
        // Options are checked once, on the first part: the same options go with every part.
        for (const v of violations) {
          if (index > 0 && (v.rule === 'unsupported_option' || v.rule === 'option_invalid')) continue;
          found.push(parts.length > 1 ? { ...v, message: `Part ${index + 1}/${parts.length}: ${v.message}` } : v);
        }
      });
      if (target.firstComment) {
        if (!publisher.comment && !publisher.thread) {
          found.push({
            network,
            rule: 'first_comment_unsupported',
            message: `${network} has no way to add a first comment`,
          });
        } else {
          for (const v of publisher.validate({ text: target.firstComment, ...shared })) {
            if (v.rule === 'unsupported_option' || v.rule === 'option_invalid') continue;
            // A comment carries no media: a network's "a post needs media" (Instagram) is about the post.
            if (v.rule === 'media_required') continue;
            found.push({ ...v, message: `First comment: ${v.message}` });
          }
        }
      }
      return found;
    },
  };
}

export type PostContent = ReturnType<typeof createPostContent>;
