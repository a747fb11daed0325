// The mention stream's data: the pages of mentions matching the filters, the actions on a mention (each replaces
// it in the loaded pages), and the infinite scroll that loads the next page when the list's end comes into view.
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Mention, MentionPage } from '../../api/types';
import { notifyError } from '../../ui/api-errors';
import { useWorkspace } from '../workspaces/workspace-context';
import { listeningKeys, listeningPath, useListeningRights } from './listening-api';
import type { MentionActions } from './mention-card-parts';

const PAGE_SIZE = 30;

export function useMentions(apiQuery: string) {
  const { workspace } = useWorkspace();
  const key = listeningKeys.mentions(workspace.id, apiQuery);
  const mentions = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(apiQuery);
      query.set('limit', String(PAGE_SIZE));
      if (pageParam) query.set('cursor', pageParam);
      return api.get<MentionPage>(`${listeningPath(workspace.id, 'mentions')}?${query}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Changing a filter keeps the current list on screen until the new one arrives, rather than a blank page.
    placeholderData: keepPreviousData,
  });
  const actions = useMentionActions(apiQuery);
  const sentinel = useNextPageOnScroll(mentions);
  return { mentions, actions, sentinel };
}

/** The actions on a mention, or undefined when the member may not act on mentions. */
function useMentionActions(apiQuery: string): MentionActions | undefined {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const rights = useListeningRights();
  const queryClient = useQueryClient();
  const key = listeningKeys.mentions(workspace.id, apiQuery);

  // Replace one mention in every loaded page after an action, without refetching the stream (which would
  // jump the scroll position and could drop the mention from a filtered view under the person's eyes).
  const replaceMention = (updated: Mention) =>
    queryClient.setQueryData<InfiniteData<MentionPage>>(key, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.id === updated.id ? updated : item)),
            })),
          }
        : data,
    );

  const act = useMutation({
    mutationFn: (action: { mention: Mention; path: string; method: 'post' | 'put'; body: unknown }) => {
      const path = listeningPath(workspace.id, `mentions/${action.mention.id}/${action.path}`);
      return action.method === 'post' ? api.post<Mention>(path, action.body) : api.put<Mention>(path, action.body);
    },
    onSuccess: (mention) => {
      replaceMention(mention);
      // Figures changed: let the dashboard recount next time it is opened.
      void queryClient.invalidateQueries({ queryKey: [...listeningKeys.all(workspace.id), 'dashboard'] });
    },
    onError: (error) => notifyError(error, t),
  });

  return rights.actOnMentions
    ? {
        busy: act.isPending,
        correctSentiment: (mention, label) =>
          act.mutate({ mention, path: 'sentiment', method: 'post', body: { label } }),
        setTags: (mention, tags) => act.mutate({ mention, path: 'tags', method: 'put', body: { tags } }),
        setHandled: (mention, handled) => act.mutate({ mention, path: 'handled', method: 'post', body: { handled } }),
      }
    : undefined;
}

/** Infinite scroll: load the next page when the element returned comes into view. */
function useNextPageOnScroll(query: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return sentinel;
}
