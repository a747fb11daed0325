// First-run detection: GET /api/setup tells whether an organisation exists yet.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export const setupQueryKey = ['setup'] as const;

export function useSetupStatus() {
  return useQuery({
    queryKey: setupQueryKey,
    queryFn: () => api.get<{ needed: boolean }>('/api/setup'),
    // Setup happens once; no need to keep asking after we know the answer.
    staleTime: Infinity,
  });
}
