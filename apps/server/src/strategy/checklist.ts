// The facts the seed-003 checklist is evaluated from, read from what the workspace holds: listening topics and
// sources, alert rules, the charter, personas and objectives, the animation plan's rubrics, published posts.
import {
  BRANDING_KINDS,
  evaluateChecklist,
  isMeasured,
  KPI_WINDOW_DAYS,
  type ChecklistFacts,
  type ChecklistItem,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { readCharter } from '../publishing/charter.js';

const DAY = 86_400_000;

async function listeningFacts(store: Store, workspaceId: string, since: number) {
  const topics = await store.listening.listTopics(workspaceId);
  const negative = await store.listening.countSentimentByBucket(
    workspaceId,
    { sentiment: 'negative', handled: false, from: since },
    Number.MAX_SAFE_INTEGER,
  );
  const alerts = await store.alerts.list(workspaceId);
  return {
    brandTopics: topics.filter((t) => t.group === 'brand').length,
    competitorTopics: topics.filter((t) => t.group === 'competitor').length,
    sources: (await store.listening.listSources(workspaceId)).length,
    negativeShareAlerts: alerts.filter((a) => a.kind === 'negative_share' && a.enabled).length,
    unhandledNegativeMentions: negative.reduce((sum, row) => sum + row.count, 0),
  };
}

export async function readChecklistFacts(store: Store, workspaceId: string, now: number): Promise<ChecklistFacts> {
  const since = now - KPI_WINDOW_DAYS * DAY;
  const stored = await readCharter(store, workspaceId);
  const { charter } = stored;
  const objectives = await store.strategy.listObjectives(workspaceId);
  const objectiveIds = new Set(objectives.map((o) => o.id));
  const rubrics = await store.plan.listRubrics(workspaceId);
  const published = await store.posts.list({ workspaceId, from: since, to: now, status: 'published', limit: 1000 });
  return {
    ...(await listeningFacts(store, workspaceId, since)),
    charterTone: stored.version > 0 && (charter.tone.trim() !== '' || charter.voice.trim() !== ''),
    responsePolicy:
      stored.version > 0 && charter.responsePolicy.maxDelayHours !== null && charter.responsePolicy.tone.trim() !== '',
    personas: (await store.strategy.listPersonas(workspaceId)).length,
    objectives: objectives.length,
    measuredObjectives: objectives.filter((o) => isMeasured(o.kpi)).length,
    objectivesWithoutNetworks: objectives.filter((o) => o.networks.length === 0).length,
    brandingObjectives: objectives.filter((o) => (BRANDING_KINDS as readonly string[]).includes(o.kind)).length,
    rubrics: rubrics.length,
    rubricsWithObjective: rubrics.filter((r) => r.objectiveId !== null && objectiveIds.has(r.objectiveId)).length,
    publishedPosts: published.length,
  };
}

export async function readChecklist(store: Store, workspaceId: string, now: number): Promise<ChecklistItem[]> {
  return evaluateChecklist(await readChecklistFacts(store, workspaceId, now));
}
