// The strategy's API for the web app: response shapes named over the generated OpenAPI types, the queries (the
// document with objectives and personas, the network knowledge base, recommendations, the checklist) and their
// cache key, and how a KPI's figure reads (shares as percentages).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';

type Base = '/api/workspaces/{workspaceId}/strategy';
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Ok<P extends keyof paths> =
  NonNullable<paths[P]['get']> extends { responses: infer R } ? (R extends { 200: infer S } ? Json<S> : never) : never;
type BodyOf<P extends keyof paths, M extends 'post' | 'put'> =
  NonNullable<paths[P][M]> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type Strategy = Ok<Base>;
export type StrategyDocument = Strategy['document'];
export type Objective = Strategy['objectives'][number];
export type ObjectiveBody = BodyOf<`${Base}/objectives`, 'post'>;
export type Persona = Strategy['personas'][number];
export type PersonaBody = BodyOf<`${Base}/personas`, 'post'>;
export type Kpi = Strategy['kpis'][number];
export type KpiId = Objective['kpi'];
export type ObjectiveKind = Objective['kind'];
export type NetworkProfile = Ok<`${Base}/networks`>['items'][number];
export type Recommendation = Ok<`${Base}/recommendations`>['items'][number];
export type ChecklistItem = Ok<`${Base}/checklist`>['items'][number];

export const OBJECTIVE_KINDS: ObjectiveKind[] = [
  'notoriety',
  'engagement',
  'traffic',
  'leads',
  'recruitment',
  'citizen_information',
  'e_reputation',
  'service',
];

export function strategyKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'strategy'] as const;
}

export function strategyPath(workspaceId: string, path = ''): string {
  return `/api/workspaces/${workspaceId}/strategy${path}`;
}

export function useStrategy(workspaceId: string) {
  return useQuery({
    queryKey: [...strategyKey(workspaceId), 'document'],
    queryFn: () => api.get<Strategy>(strategyPath(workspaceId)),
  });
}

export function useNetworkKnowledge(workspaceId: string) {
  return useQuery({
    queryKey: [...strategyKey(workspaceId), 'networks'],
    queryFn: () => api.get<{ items: NetworkProfile[] }>(strategyPath(workspaceId, '/networks')),
    staleTime: Infinity,
  });
}

export function useRecommendations(workspaceId: string) {
  return useQuery({
    queryKey: [...strategyKey(workspaceId), 'recommendations'],
    queryFn: () => api.get<{ items: Recommendation[] }>(strategyPath(workspaceId, '/recommendations')),
  });
}

export function useChecklist(workspaceId: string) {
  return useQuery({
    queryKey: [...strategyKey(workspaceId), 'checklist'],
    queryFn: () => api.get<{ items: ChecklistItem[] }>(strategyPath(workspaceId, '/checklist')),
  });
}

/** A KPI's value as people read it: shares in percent, posts a week with one decimal, counts whole. */
export function formatKpiValue(value: number, unit: Kpi['unit'], locale: string): string {
  if (unit === 'share')
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (unit === 'per_week') return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}
