// The strategy document of a workspace (seeds 001–004): context and diagnostic, SMART objectives measured by a KPI
// from Rostra's catalogue, personas and targets. Plain data; the KPI catalogue, progress, network recommendation and
// the seed-003 checklist are pure functions beside it.
import type { LocalDate } from '../planning/local-dates.js';
import type { KpiId } from './kpis.js';

/** What an objective is for (seed 001: notoriété, fidélisation, contacts commerciaux…; seed 003: branding/selling). */
export const OBJECTIVE_KINDS = [
  'notoriety',
  'engagement',
  'traffic',
  'leads',
  'recruitment',
  'citizen_information',
  'e_reputation',
  'service',
] as const;
export type ObjectiveKind = (typeof OBJECTIVE_KINDS)[number];

/** Who a persona is: professionals (BtoB), the public (BtoC), or both. */
export const PERSONA_AUDIENCES = ['btob', 'btoc', 'both'] as const;
export type PersonaAudience = (typeof PERSONA_AUDIENCES)[number];

export interface StrategyDocument {
  /** The organisation's situation, why it is on social media (free text). */
  context: string;
  /** What works, what does not, threats and opportunities (free text). */
  diagnostic: string;
  /** The publics aimed at, in the team's words (the personas detail them). */
  targets: string;
  updatedBy: string | null;
  /** 0 while nothing was written. */
  updatedAt: number;
}

export type StrategyDocumentInput = Pick<StrategyDocument, 'context' | 'diagnostic' | 'targets'>;

export interface ObjectiveInput {
  /** The objective in one sentence ("Faire connaître le nouveau service de collecte"). */
  statement: string;
  kind: ObjectiveKind;
  kpi: KpiId;
  /** For listening KPIs: one topic measured (null: every brand topic). Ignored by the other KPIs. */
  topicId: string | null;
  /** For posts per week: one channel (null: every channel). */
  channelId: string | null;
  /**
   * The starting point the team states; null for a measured KPI means "measure it over the 30 days before
   * `startDate`". Shown as declared, never as measured.
   */
  baseline: number | null;
  target: number;
  startDate: LocalDate;
  deadline: LocalDate;
  ownerId: string | null;
  personaIds: string[];
  /** The networks the team chose for this objective (the last word over the recommendation). */
  networks: string[];
}

export interface Objective extends ObjectiveInput {
  /** Stable: rubrics of the animation plan name it. */
  id: string;
  workspaceId: string;
  createdAt: number;
  updatedAt: number;
}

export interface PersonaInput {
  name: string;
  /** Who they are (age, job, place, situation). */
  description: string;
  needs: string;
  /** The questions they ask (what content answers). */
  questions: string;
  /** Network ids they use ("facebook", "linkedin"…). */
  networks: string[];
  /** The tone that reaches them. */
  tone: string;
  audience: PersonaAudience;
}

export interface Persona extends PersonaInput {
  id: string;
  workspaceId: string;
  createdAt: number;
  updatedAt: number;
}

export const EMPTY_STRATEGY_DOCUMENT: StrategyDocument = {
  context: '',
  diagnostic: '',
  targets: '',
  updatedBy: null,
  updatedAt: 0,
};
