// Which networks serve an objective for a persona, with the reasons: the network's strength for the objective's
// kind, whether the persona says they are there, its fit with BtoB/BtoC, the time it asks, whether Rostra
// publishes there. A score only ranks; the reasons are what people read, and the team keeps the last word.
import { NETWORK_KNOWLEDGE, type NetworkProfile } from './networks.js';
import type { ObjectiveKind, Persona } from './types.js';

export const RECOMMENDATION_REASONS = [
  'serves_kind_strongly',
  'serves_kind',
  'persona_uses',
  'fits_btob',
  'fits_btoc',
  'poor_audience_fit',
  'low_time_cost',
  'high_time_cost',
  'rostra_publishes',
  'rostra_does_not_publish',
] as const;
export type RecommendationReason = (typeof RECOMMENDATION_REASONS)[number];

export interface NetworkRecommendation {
  network: string;
  score: number;
  reasons: RecommendationReason[];
}

type PersonaFacts = Pick<Persona, 'networks' | 'audience'>;

function audienceReasons(profile: NetworkProfile, persona: PersonaFacts | null): [number, RecommendationReason[]] {
  if (!persona) return [0, []];
  const wanted = persona.audience === 'both' ? (['btob', 'btoc'] as const) : ([persona.audience] as const);
  const fit = Math.max(...wanted.map((side) => profile.fit[side]));
  const reasons: RecommendationReason[] = [];
  if (fit === 2)
    for (const side of wanted) if (profile.fit[side] === 2) reasons.push(side === 'btob' ? 'fits_btob' : 'fits_btoc');
  if (fit === 0) reasons.push('poor_audience_fit');
  return [fit === 0 ? -2 : fit, reasons];
}

/** Scores one network; exported for the tests' sake of explaining a ranking. */
export function scoreNetwork(
  profile: NetworkProfile,
  kind: ObjectiveKind,
  persona: PersonaFacts | null,
): NetworkRecommendation {
  const reasons: RecommendationReason[] = [];
  const strength = profile.serves[kind];
  let score = strength * 3;
  if (strength === 2) reasons.push('serves_kind_strongly');
  else if (strength === 1) reasons.push('serves_kind');
  if (persona?.networks.includes(profile.id)) {
    score += 4;
    reasons.push('persona_uses');
  }
  const [audienceScore, audience] = audienceReasons(profile, persona);
  score += audienceScore;
  reasons.push(...audience);
  if (profile.timeCost === 'low') {
    score += 1;
    reasons.push('low_time_cost');
  } else if (profile.timeCost === 'high') {
    score -= 1;
    reasons.push('high_time_cost');
  }
  if (profile.publishable) {
    score += 1;
    reasons.push('rostra_publishes');
  } else reasons.push('rostra_does_not_publish');
  return { network: profile.id, score, reasons };
}

/** The best networks for the objective's kind and the persona (null: no persona named), best first. */
export function recommendNetworks(
  kind: ObjectiveKind,
  persona: PersonaFacts | null,
  options: { limit?: number; knowledge?: readonly NetworkProfile[] } = {},
): NetworkRecommendation[] {
  const knowledge = options.knowledge ?? NETWORK_KNOWLEDGE;
  return knowledge
    .map((profile) => scoreNetwork(profile, kind, persona))
    .filter(
      (r) =>
        r.score > 0 &&
        r.reasons.some(
          (reason) => reason === 'serves_kind' || reason === 'serves_kind_strongly' || reason === 'persona_uses',
        ),
    )
    .sort((a, b) => b.score - a.score || a.network.localeCompare(b.network))
    .slice(0, options.limit ?? 3);
}
