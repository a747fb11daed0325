// The dashboard's figures: the query every chart shares (the chosen window, its bucket, and the topic or group)
// and one request per part (volume, sentiment, top sources and authors, trending, share of voice).
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client';
import type {
  SentimentDashboard,
  ShareOfVoiceDashboard,
  TopDashboard,
  TopicGroup,
  TrendingDashboard,
  VolumeDashboard,
} from '../../api/types';
import { useWorkspace } from '../workspaces/workspace-context';
import type { describePeriod } from './dashboard-options';
import { listeningKeys, listeningPath } from './listening-api';

export function useDashboard(
  span: ReturnType<typeof describePeriod>,
  topicId: string | null,
  group: TopicGroup | null,
) {
  const query = useMemo(() => {
    const params = new URLSearchParams({
      from: new Date(span.from).toISOString(),
      to: new Date(span.to).toISOString(),
      bucket: span.bucket,
      limit: '10',
    });
    if (topicId) params.set('topicId', topicId);
    else if (group) params.set('group', group);
    return params;
  }, [span, topicId, group]);

  const volume = useDashboardPart<VolumeDashboard>('volume', query);
  const sentiment = useDashboardPart<SentimentDashboard>('sentiment', query);
  const top = useDashboardPart<TopDashboard>('top', query);
  const trending = useDashboardPart<TrendingDashboard>('trending', query);
  const voices = useDashboardPart<ShareOfVoiceDashboard>('share-of-voice', query);
  const error = [volume, sentiment, top, trending, voices].find((part) => part.isError)?.error;
  return { volume, sentiment, top, trending, voices, error };
}

function useDashboardPart<T>(part: string, query: URLSearchParams) {
  const { workspace } = useWorkspace();
  const search = query.toString();
  return useQuery({
    queryKey: listeningKeys.dashboard(workspace.id, part, search),
    queryFn: () => api.get<T>(`${listeningPath(workspace.id, `dashboard/${part}`)}?${search}`),
  });
}
