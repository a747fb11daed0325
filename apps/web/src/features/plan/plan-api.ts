// The animation plan's API for the web app: response shapes named over the generated OpenAPI types, the queries
// (rubrics, slots, coverage, settings) and their cache keys.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

type Plan = '/api/workspaces/{workspaceId}/plan';
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Ok<P extends keyof paths, M extends 'get' | 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { responses: infer R }
    ? R extends { 200: infer S }
      ? Json<S>
      : R extends { 201: infer S }
        ? Json<S>
        : never
    : never;
type BodyOf<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type Rubric = Ok<`${Plan}/rubrics`, 'get'>['items'][number];
export type RubricBody = BodyOf<`${Plan}/rubrics`, 'post'>;
export type RubricPeriod = Rubric['period'];
export type PlanSlot = Ok<`${Plan}/slots`, 'get'>['items'][number];
export type Coverage = Ok<`${Plan}/coverage`, 'get'>;
export type PlanSettings = Ok<`${Plan}/settings`, 'get'>;
export type GenerateResult = Ok<`${Plan}/generate`, 'post'>;
export type SlotPostResult = Ok<`${Plan}/slots/{slotId}/post`, 'post'>;

/** Keys of the weekday and "n-th" labels in the messages. */
export type WeekdayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';
export type NthKey = '1' | '2' | '3' | '4' | '5' | '-1';
export const weekdayKey = (day: number) => String(day) as WeekdayKey;
export const nthKey = (nth: number) => String(nth) as NthKey;

export const DEFAULT_WEEKS = 8;
export const MAX_WEEKS = 26;

export function planKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'plan'] as const;
}

export function usePlanRubrics(workspaceId: string) {
  return useQuery({
    queryKey: [...planKey(workspaceId), 'rubrics'],
    queryFn: () => api.get<{ items: Rubric[] }>(`/api/workspaces/${workspaceId}/plan/rubrics`),
  });
}

export function usePlanSlots(workspaceId: string, weeks: number) {
  return useQuery({
    queryKey: [...planKey(workspaceId), 'slots', weeks],
    queryFn: () => {
      const from = new Date();
      const to = new Date(from.getTime() + (weeks * 7 + 1) * 86_400_000);
      const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
      return api.get<{ items: PlanSlot[] }>(`/api/workspaces/${workspaceId}/plan/slots?${query.toString()}`);
    },
  });
}

export function useCoverage(workspaceId: string, weeks: number) {
  return useQuery({
    queryKey: [...planKey(workspaceId), 'coverage', weeks],
    queryFn: () => api.get<Coverage>(`/api/workspaces/${workspaceId}/plan/coverage?weeks=${weeks}`),
  });
}

export function usePlanSettings(workspaceId: string) {
  return useQuery({
    queryKey: [...planKey(workspaceId), 'settings'],
    queryFn: () => api.get<PlanSettings>(`/api/workspaces/${workspaceId}/plan/settings`),
  });
}

export type Idea = Ok<`${Plan}/ideas`, 'get'>['items'][number];
export type IdeaBody = BodyOf<`${Plan}/ideas`, 'post'>;
export type PlanEvent = Ok<`${Plan}/events`, 'get'>['items'][number];
export type PlanEventBody = BodyOf<`${Plan}/events`, 'post'>;
export type EventOccurrence = Coverage['events'][number];
export type EventImportResult = Ok<`${Plan}/events/import`, 'post'>;

export function useIdeas(workspaceId: string) {
  return useQuery({
    queryKey: [...planKey(workspaceId), 'ideas'],
    queryFn: () => api.get<{ items: Idea[] }>(`/api/workspaces/${workspaceId}/plan/ideas`),
  });
}

export function usePlanEvents(workspaceId: string) {
  return useQuery({
    queryKey: [...planKey(workspaceId), 'events'],
    queryFn: () => api.get<{ items: PlanEvent[] }>(`/api/workspaces/${workspaceId}/plan/events`),
  });
}

/** The strategy's objectives a rubric may serve (the strategy page owns them; the plan only names them). */
export type StrategyObjective = Ok<'/api/workspaces/{workspaceId}/strategy/objectives', 'get'>['items'][number];

export function useStrategyObjectives(workspaceId: string) {
  return useQuery({
    queryKey: ['workspaces', workspaceId, 'strategy', 'objectives'],
    queryFn: () => api.get<{ items: StrategyObjective[] }>(`/api/workspaces/${workspaceId}/strategy/objectives`),
  });
}
