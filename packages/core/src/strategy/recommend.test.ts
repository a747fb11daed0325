// The network knowledge base and its recommendation: every figure has a source (name, address, date) or none at
// all; recruitment for a BtoB persona puts LinkedIn first with its reasons; the persona's own networks count; the
// checklist turns green from facts only.
import { describe, expect, it } from 'vitest';
import { NETWORK_KNOWLEDGE } from './networks.js';
import { recommendNetworks } from './recommend.js';
import { evaluateChecklist, type ChecklistFacts } from './checklist.js';

describe('network knowledge base', () => {
  it('gives each figure its source, name, public address and date, and no figure without one', () => {
    for (const network of NETWORK_KNOWLEDGE) {
      if (network.usage === null) continue;
      expect(network.usage.source.name.length).toBeGreaterThan(3);
      expect(network.usage.source.url).toMatch(/^https:\/\/[^\s]+$/);
      expect(network.usage.source.date).toMatch(/^\d{4}(-\d{2})?$/);
      expect(network.usage.figure.fr).toMatch(/\d/);
      expect(network.usage.figure.en).toMatch(/\d/);
    }
    expect(new Set(NETWORK_KNOWLEDGE.map((n) => n.id)).size).toBe(NETWORK_KNOWLEDGE.length);
  });
});

describe('recommendNetworks', () => {
  it('puts LinkedIn first for recruiting professionals, saying why', () => {
    const [first] = recommendNetworks('recruitment', { audience: 'btob', networks: [] });
    expect(first?.network).toBe('linkedin');
    expect(first?.reasons).toEqual(expect.arrayContaining(['serves_kind_strongly', 'fits_btob', 'rostra_publishes']));
  });

  it('prefers the public’s networks for citizen information, and never a network that fits nobody', () => {
    const ranked = recommendNetworks('citizen_information', { audience: 'btoc', networks: [] }, { limit: 10 });
    expect(ranked[0]?.network).toBe('facebook');
    expect(ranked.map((r) => r.network)).not.toContain('linkedin');
  });

  it('counts the networks the persona says they use', () => {
    const without = recommendNetworks('engagement', { audience: 'btoc', networks: [] }, { limit: 10 });
    const withMastodon = recommendNetworks('engagement', { audience: 'btoc', networks: ['mastodon'] }, { limit: 10 });
    const rank = (list: typeof without) => list.findIndex((r) => r.network === 'mastodon');
    expect(rank(withMastodon)).toBeLessThan(rank(without));
    expect(withMastodon.find((r) => r.network === 'mastodon')?.reasons).toContain('persona_uses');
  });
});

const NOTHING: ChecklistFacts = {
  brandTopics: 0,
  competitorTopics: 0,
  sources: 0,
  negativeShareAlerts: 0,
  unhandledNegativeMentions: 0,
  charterTone: false,
  responsePolicy: false,
  personas: 0,
  objectives: 0,
  measuredObjectives: 0,
  objectivesWithoutNetworks: 0,
  brandingObjectives: 0,
  rubrics: 0,
  rubricsWithObjective: 0,
  publishedPosts: 0,
};

describe('evaluateChecklist', () => {
  it('has nothing green on an empty workspace', () => {
    expect(evaluateChecklist(NOTHING).filter((i) => i.done)).toEqual([]);
  });

  it.each([
    ['competitor_topic', { competitorTopics: 1 }],
    ['negative_alert', { negativeShareAlerts: 2 }],
    ['response_policy', { responsePolicy: true }],
    ['rubrics_serve_objectives', { rubricsWithObjective: 1 }],
    ['negative_mentions_handled', { brandTopics: 1 }],
    ['networks_chosen', { objectives: 2 }],
    ['publishing_regularly', { publishedPosts: 4 }],
  ] as const)('%s turns green from %o', (id, facts) => {
    const item = evaluateChecklist({ ...NOTHING, ...facts }).find((i) => i.id === id);
    expect(item?.done).toBe(true);
  });

  it('stays red while negative mentions wait or an objective has no network', () => {
    const items = evaluateChecklist({
      ...NOTHING,
      brandTopics: 1,
      unhandledNegativeMentions: 3,
      objectives: 2,
      objectivesWithoutNetworks: 1,
      publishedPosts: 3,
    });
    const done = (id: string) => items.find((i) => i.id === id)?.done;
    expect([done('negative_mentions_handled'), done('networks_chosen'), done('publishing_regularly')]).toEqual([
      false,
      false,
      false,
    ]);
  });
});
