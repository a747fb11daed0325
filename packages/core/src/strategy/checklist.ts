// The seed-003 checklist — listen, participate, build the community; branding before selling; e-reputation — as
// items that turn green from what the workspace holds (a competitor topic, an alert on negative share, a written
// response policy, rubrics feeding objectives…), never from a tick. The server gathers the facts; this decides.

export const CHECKLIST_STAGES = ['listen', 'participate', 'community', 'branding', 'e_reputation'] as const;
export type ChecklistStage = (typeof CHECKLIST_STAGES)[number];

export interface ChecklistFacts {
  brandTopics: number;
  competitorTopics: number;
  sources: number;
  negativeShareAlerts: number;
  /** Negative mentions of the last 28 days nobody marked handled. */
  unhandledNegativeMentions: number;
  charterTone: boolean;
  /** The charter sets a delay and a tone for answers. */
  responsePolicy: boolean;
  personas: number;
  objectives: number;
  /** Objectives whose KPI Rostra measures. */
  measuredObjectives: number;
  /** Objectives with no network chosen. */
  objectivesWithoutNetworks: number;
  brandingObjectives: number;
  rubrics: number;
  rubricsWithObjective: number;
  /** Posts published in the last 28 days. */
  publishedPosts: number;
}

export const CHECKLIST_ITEMS = [
  'brand_topic',
  'competitor_topic',
  'listening_source',
  'charter_tone',
  'personas_defined',
  'networks_chosen',
  'publishing_regularly',
  'animation_rubric',
  'rubrics_serve_objectives',
  'measured_objective',
  'branding_objective',
  'negative_alert',
  'response_policy',
  'negative_mentions_handled',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number];

/** Where in Rostra the item is done (a path under the workspace). */
export type ChecklistLink =
  | 'listening/topics'
  | 'listening/sources'
  | 'listening/mentions'
  | 'alerts'
  | 'charter'
  | 'strategy'
  | 'plan'
  | 'posts';

export interface ChecklistItem {
  id: ChecklistItemId;
  stage: ChecklistStage;
  done: boolean;
  /** The figures the item's sentence names. */
  params: Record<string, number>;
  link: ChecklistLink;
}

/** At least one published post a week over the last four weeks. */
export const REGULAR_POSTS_PER_28_DAYS = 4;

type Rule = [
  ChecklistItemId,
  ChecklistStage,
  ChecklistLink,
  (f: ChecklistFacts) => boolean,
  (f: ChecklistFacts) => Record<string, number>,
];

const RULES: Rule[] = [
  ['brand_topic', 'listen', 'listening/topics', (f) => f.brandTopics > 0, (f) => ({ count: f.brandTopics })],
  [
    'competitor_topic',
    'listen',
    'listening/topics',
    (f) => f.competitorTopics > 0,
    (f) => ({ count: f.competitorTopics }),
  ],
  ['listening_source', 'listen', 'listening/sources', (f) => f.sources > 0, (f) => ({ count: f.sources })],
  ['charter_tone', 'participate', 'charter', (f) => f.charterTone, () => ({})],
  ['personas_defined', 'participate', 'strategy', (f) => f.personas > 0, (f) => ({ count: f.personas })],
  [
    'networks_chosen',
    'participate',
    'strategy',
    (f) => f.objectives > 0 && f.objectivesWithoutNetworks === 0,
    (f) => ({ count: f.objectivesWithoutNetworks }),
  ],
  [
    'publishing_regularly',
    'participate',
    'posts',
    (f) => f.publishedPosts >= REGULAR_POSTS_PER_28_DAYS,
    (f) => ({ count: f.publishedPosts, wanted: REGULAR_POSTS_PER_28_DAYS }),
  ],
  ['animation_rubric', 'community', 'plan', (f) => f.rubrics > 0, (f) => ({ count: f.rubrics })],
  [
    'rubrics_serve_objectives',
    'community',
    'plan',
    (f) => f.rubricsWithObjective > 0,
    (f) => ({ count: f.rubricsWithObjective }),
  ],
  [
    'measured_objective',
    'community',
    'strategy',
    (f) => f.measuredObjectives > 0,
    (f) => ({ count: f.measuredObjectives }),
  ],
  [
    'branding_objective',
    'branding',
    'strategy',
    (f) => f.brandingObjectives > 0,
    (f) => ({ count: f.brandingObjectives }),
  ],
  [
    'negative_alert',
    'e_reputation',
    'alerts',
    (f) => f.negativeShareAlerts > 0,
    (f) => ({ count: f.negativeShareAlerts }),
  ],
  ['response_policy', 'e_reputation', 'charter', (f) => f.responsePolicy, () => ({})],
  [
    'negative_mentions_handled',
    'e_reputation',
    'listening/mentions',
    (f) => f.brandTopics > 0 && f.unhandledNegativeMentions === 0,
    (f) => ({ count: f.unhandledNegativeMentions }),
  ],
];

/** Objective kinds that build the brand (seed 003: branding before selling). */
export const BRANDING_KINDS = ['notoriety', 'engagement', 'e_reputation', 'citizen_information'] as const;

export function evaluateChecklist(facts: ChecklistFacts): ChecklistItem[] {
  return RULES.map(([id, stage, link, done, params]) => ({
    id,
    stage,
    link,
    done: done(facts),
    params: params(facts),
  }));
}
