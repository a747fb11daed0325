// Topics: a query checked before it is stored, and every change audited in its transaction.
import {
  AppError,
  prepareMention,
  type ActionContext,
  type QueryLocale,
  type Repositories,
  type Topic,
  type TopicGroup,
} from '@rostra/core';

import type { ListeningServiceDeps } from './service.js';
import { createAuditedWrite, userIdOf } from './audited.js';
import { compileOrRefuse } from './topic-query.js';

const DAY = 86_400_000;
/** Mentions a preview reads at most: enough to judge a query, small enough to answer at once. */
const PREVIEW_SCAN = 5000;

export interface TopicInput {
  name: string;
  group: TopicGroup;
  query: string;
  enabled: boolean;
  color: string;
}

async function requireTopic(repos: Pick<Repositories, 'listening'>, workspaceId: string, id: string) {
  const topic = await repos.listening.getTopic(workspaceId, id);
  if (!topic) throw new AppError('not_found', 'Topic not found');
  return topic;
}

/** The service's operations, each short and independent: the factory's length is their list, not one flow. */
export function createTopicsService(deps: ListeningServiceDeps) {
  const { store } = deps;
  const audited = createAuditedWrite(store);

  return {
    listTopics: (workspaceId: string): Promise<Topic[]> => store.listening.listTopics(workspaceId),

    /** What a query would catch among the latest stored mentions. */
    async previewQuery(workspaceId: string, ask: { query: string; days: number; limit: number; locale: QueryLocale }) {
      const compiled = compileOrRefuse(ask.query, ask.locale, 'query.query');
      const page = await store.listening.queryMentions(
        workspaceId,
        { from: Date.now() - ask.days * DAY },
        null,
        PREVIEW_SCAN,
      );
      const matched = page.items.filter((m) =>
        compiled.test(
          prepareMention({
            text: m.text,
            ...(m.title ? { title: m.title } : {}),
            ...(m.author.handle || m.author.name ? { author: m.author.handle ?? m.author.name ?? '' } : {}),
            ...(m.url ? { url: m.url } : {}),
            ...(m.language !== 'und' ? { lang: m.language } : {}),
            source: m.network,
            hashtags: m.hashtags,
          }),
        ),
      );
      return { scanned: page.items.length, matched: matched.length, items: matched.slice(0, ask.limit) };
    },

    async createTopic(ctx: ActionContext, workspaceId: string, input: TopicInput, locale: QueryLocale) {
      compileOrRefuse(input.query, locale, 'body.query');
      return audited(
        ctx,
        workspaceId,
        (repos) => repos.listening.createTopic({ workspaceId, ...input, createdBy: userIdOf(ctx) }),
        (topic) => ({
          action: 'topic.created',
          targetType: 'topic',
          details: { name: topic.name, group: topic.group, query: topic.query },
        }),
      );
    },

    async updateTopic(
      ctx: ActionContext,
      workspaceId: string,
      topicId: string,
      patch: Partial<TopicInput>,
      locale: QueryLocale,
    ) {
      let before: Topic | undefined;
      return audited(
        ctx,
        workspaceId,
        async (repos) => {
          before = await requireTopic(repos, workspaceId, topicId);
          if (patch.query !== undefined) compileOrRefuse(patch.query, locale, 'body.query');
          return (await repos.listening.updateTopic(workspaceId, topicId, patch)) as Topic;
        },
        () => ({
          action: 'topic.updated',
          targetType: 'topic',
          details: {
            changes: patch,
            before: { name: before?.name, group: before?.group, query: before?.query, enabled: before?.enabled },
          },
        }),
      );
    },

    async deleteTopic(ctx: ActionContext, workspaceId: string, topicId: string): Promise<void> {
      await audited(
        ctx,
        workspaceId,
        async (repos) => {
          const topic = await requireTopic(repos, workspaceId, topicId);
          await repos.listening.deleteTopic(workspaceId, topic.id);
          return topic;
        },
        (topic) => ({
          action: 'topic.deleted',
          targetType: 'topic',
          details: { name: topic.name, query: topic.query },
        }),
      );
    },
  };
}
