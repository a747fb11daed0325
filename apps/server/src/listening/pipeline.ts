// The mention pipeline, one batch at a time: normalise → skip what is stored already → group reposts and
// near-duplicates → language → sentiment (with the workspace's corrections) → topics → one transaction → hook.
// An item stored already whose network reports a later edit is read again the same way and stored in place.
// Per workspace, the topic index and the sentiment analyzer are built once and rebuilt only when topics or
// corrections change (one cheap version query each per batch). The analysis itself (analysis.ts) runs on this
// thread, or for large batches on analysis threads too (analysis-pool.ts); storage always runs here.
import {
  isNearDuplicate,
  type MentionEdit,
  type MentionInsert,
  type StoredMention,
  type Topic,
  type TopicIndex,
} from '@rostra/core';
import type { Mention } from '@rostra/connectors';
import { newId, type Store } from '@rostra/store';
import {
  buildAnalyzer,
  buildTopicIndex,
  cap,
  type Analysis,
  type AnalysisInputs,
  type AnalysisState,
} from './analysis.js';
import { createAnalysisPool, type AnalysisPool } from './analysis-pool.js';

const MAX_ID = 2000;

/** What the pipeline hands to whoever reacts to new mentions (alerts): only mentions stored by this batch. */
export type OnIngested = (
  workspaceId: string,
  mentionsByTopic: ReadonlyMap<string, readonly StoredMention[]>,
  mentions: readonly StoredMention[],
) => Promise<void>;

export interface IngestResult {
  /** Stored by this batch. */
  stored: number;
  /** Stored before and edited since on their network: stored again in place (not told to the hook). */
  updated: number;
  /** Seen before (same network and id) and not edited since, or twice in the batch. */
  duplicates: number;
  /** New items beyond `limit`, left for the next poll (the caller then keeps its old cursor). */
  deferred: number;
  /** Items refused because they lack what every mention needs (an id), with the reason. */
  rejected: { externalId: string; reason: string }[];
}

export interface ListeningPipeline {
  ingest(
    workspaceId: string,
    sourceId: string | null,
    items: readonly Mention[],
    options?: { limit?: number },
  ): Promise<IngestResult>;
  /** The topic index of a workspace (enabled topics), for previews; rebuilt when topics change. */
  readTopicIndex(workspaceId: string): Promise<{ index: TopicIndex; topics: Topic[] }>;
}

interface WorkspaceState extends AnalysisState {
  topicsVersion: string;
  topics: Topic[];
  correctionsVersion: string;
  corrections: AnalysisInputs['corrections'];
}

const key = (network: string, externalId: string) => `${network}\u0000${externalId}`;

/** Milliseconds, or null for a missing or unreadable date. */
function readTime(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function createListeningPipeline(options: {
  store: Store;
  onIngested?: OnIngested;
  now?: () => number;
  log?: (message: string, details?: Record<string, unknown>) => void;
  /** Analysis on several cores for large batches; by default everything is analysed on this thread. */
  analysis?: AnalysisPool;
}): ListeningPipeline {
  const { store } = options;
  const pool = options.analysis ?? createAnalysisPool({ threads: 0 });
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const states = new Map<string, WorkspaceState>();

  async function readState(workspaceId: string): Promise<WorkspaceState> {
    const [topicsVersion, correctionsVersion] = await Promise.all([
      store.listening.readTopicsVersion(workspaceId),
      store.listening.readCorrectionsVersion(workspaceId),
    ]);
    let state = states.get(workspaceId);
    if (!state || state.topicsVersion !== topicsVersion) {
      const topics = await store.listening.listTopics(workspaceId);
      state = {
        topicsVersion,
        topics,
        index: buildTopicIndex(topics, (topicId) => log('topic query does not parse; topic skipped', { topicId })),
        correctionsVersion: state?.correctionsVersion ?? '',
        corrections: state?.corrections ?? [],
        analyzer: state?.analyzer ?? buildAnalyzer([]),
      };
      states.set(workspaceId, state);
    }
    if (state.correctionsVersion !== correctionsVersion) {
      const corrections = await store.listening.listCorrections(workspaceId);
      state.corrections = corrections.map((c) => ({ text: c.text, label: c.label, lang: c.language }));
      state.analyzer = buildAnalyzer(state.corrections);
      state.correctionsVersion = correctionsVersion;
    }
    return state;
  }

  /** Tells the hook of the mentions this batch stored, by topic; its failure is logged, never thrown. */
  async function notifyIngested(workspaceId: string, storedRows: StoredMention[]): Promise<void> {
    if (!options.onIngested || storedRows.length === 0) return;
    const byTopic = new Map<string, StoredMention[]>();
    for (const mention of storedRows) {
      for (const topicId of mention.topicIds) byTopic.set(topicId, [...(byTopic.get(topicId) ?? []), mention]);
    }
    try {
      await options.onIngested(workspaceId, byTopic, storedRows);
    } catch (error) {
      // The mentions are stored; a failing reaction must not make the source poll them again.
      log('listening onIngested hook failed', { workspaceId, error: String(error) });
    }
  }

  async function ingest(
    workspaceId: string,
    sourceId: string | null,
    items: readonly Mention[],
    ingestOptions: { limit?: number } = {},
  ): Promise<IngestResult> {
    const limit = ingestOptions.limit ?? Number.POSITIVE_INFINITY;
    const seenAt = now();
    const { unique, rejected, repeated } = dedupeBatch(items);

    // One lookup for the items and the originals their reposts point to.
    const stored = await store.listening.findStored(workspaceId, [
      ...unique.map((m) => ({ network: m.network, externalId: m.externalId })),
      ...unique.filter((m) => m.repostOf).map((m) => ({ network: m.network, externalId: m.repostOf as string })),
    ]);
    const { fresh, edited, unchanged } = sortAgainstStored(unique, stored);
    let duplicates = repeated + unchanged;
    const accepted = fresh.slice(0, limit);
    const deferred = fresh.length - accepted.length;
    if (accepted.length === 0 && edited.length === 0) return { stored: 0, updated: 0, duplicates, deferred, rejected };

    const state = await readState(workspaceId);
    const analyses = await pool.analyse([...edited.map((e) => e.item), ...accepted], {
      workspaceId,
      topicsVersion: state.topicsVersion,
      correctionsVersion: state.correctionsVersion,
      state,
      inputs: () => ({ topics: state.topics, corrections: state.corrections }),
    });
    // Edits keep their row, group and the people's work on it; what follows from the words is read again.
    // They are not news: the alerts hook hears only of new mentions.
    const edits = edited.map(({ id, editedAt }, i) => toMentionEdit(id, editedAt, analyses[i] as Analysis));
    const updated = (await store.listening.updateEditedMentions(workspaceId, edits)).size;
    if (accepted.length === 0) return { stored: 0, updated, duplicates, deferred, rejected };

    const rows = accepted.map((item, i) =>
      toMentionRow(item, analyses[edited.length + i] as Analysis, { workspaceId, sourceId, seenAt }),
    );
    groupDuplicates(
      rows,
      stored,
      await store.listening.findDuplicateCandidates(
        workspaceId,
        rows.flatMap((r) => (r.bands ? [r.bands] : [])),
      ),
    );

    const inserted = await store.listening.insertMentions(rows, sourceId);
    const storedRows = rows.filter((r) => inserted.has(r.id)).map(toStoredMention);
    duplicates += rows.length - storedRows.length;
    await notifyIngested(workspaceId, storedRows);
    return { stored: storedRows.length, updated, duplicates, deferred, rejected };
  }

  return {
    ingest,
    async readTopicIndex(workspaceId) {
      const state = await readState(workspaceId);
      return { index: state.index, topics: state.topics };
    },
  };
}

/** Within the batch: the first occurrence of an item wins; an item without an id is refused. */
function dedupeBatch(items: readonly Mention[]): {
  unique: Mention[];
  rejected: IngestResult['rejected'];
  repeated: number;
} {
  const unique: Mention[] = [];
  const rejected: IngestResult['rejected'] = [];
  let repeated = 0;
  const inBatch = new Set<string>();
  for (const item of items) {
    const externalId = cap(item.externalId, MAX_ID);
    if (!externalId) {
      rejected.push({ externalId: String(item.externalId ?? ''), reason: 'no external id' });
      continue;
    }
    const k = key(item.network, externalId);
    if (inBatch.has(k)) {
      repeated++;
      continue;
    }
    inBatch.add(k);
    unique.push({ ...item, externalId });
  }
  return { unique, rejected, repeated };
}

/** New items; items stored already whose network reports a later edit; and the rest, seen before. */
function sortAgainstStored(
  unique: readonly Mention[],
  stored: Map<string, { id: string; editedAt: number | null }>,
): { fresh: Mention[]; edited: { item: Mention; id: string; editedAt: number }[]; unchanged: number } {
  const fresh: Mention[] = [];
  const edited: { item: Mention; id: string; editedAt: number }[] = [];
  let unchanged = 0;
  for (const item of unique) {
    const known = stored.get(key(item.network, item.externalId));
    const editedAt = readTime(item.editedAt);
    if (!known) fresh.push(item);
    else if (editedAt !== null && (known.editedAt === null || editedAt > known.editedAt)) {
      edited.push({ item, id: known.id, editedAt });
    } else unchanged++;
  }
  return { fresh, edited, unchanged };
}

/** What an edit changes in a stored mention: what follows from its words. */
function toMentionEdit(id: string, editedAt: number, analysis: Analysis): MentionEdit {
  const { title, text, language, sentiment, fingerprint, hashtags, metrics, topicIds } = analysis;
  return {
    id,
    title,
    text,
    language: language.language,
    languageHow: language.how,
    sentiment: sentiment.label,
    sentimentConfidence: sentiment.confidence,
    simhash: fingerprint?.simhash ?? null,
    bands: fingerprint?.bands ?? null,
    hashtags,
    metrics,
    editedAt,
    topicIds,
  };
}

/** A new mention's row, before grouping (`duplicateOf` is set by groupDuplicates). */
function toMentionRow(
  item: Mention,
  analysis: Analysis,
  batch: { workspaceId: string; sourceId: string | null; seenAt: number },
): MentionInsert {
  const { title, text, author, language, sentiment, fingerprint, hashtags, metrics, topicIds } = analysis;
  const { workspaceId, sourceId, seenAt } = batch;
  const publishedAt = readTime(item.publishedAt);
  return {
    id: newId(),
    workspaceId,
    sourceId,
    network: item.network,
    externalId: item.externalId,
    url: cap(item.url),
    title,
    text,
    author,
    site: cap(item.site),
    publishedAt,
    seenAt,
    // A date in the future (a wrong clock, a scheduled article) would stay on top of the stream for ever.
    sortAt: publishedAt !== null && publishedAt <= seenAt ? publishedAt : seenAt,
    language: language.language,
    languageHow: language.how,
    sentiment: sentiment.label,
    sentimentConfidence: sentiment.confidence,
    metrics,
    hashtags,
    repostOf: cap(item.repostOf, MAX_ID),
    replyTo: cap(item.replyTo, MAX_ID),
    duplicateOf: null,
    simhash: fingerprint?.simhash ?? null,
    bands: fingerprint?.bands ?? null,
    editedAt: readTime(item.editedAt),
    topicIds,
  };
}

/** An inserted row as the hook sees it: new, unhandled, untagged. */
function toStoredMention({ bands: _bands, ...row }: MentionInsert): StoredMention {
  return {
    ...row,
    editedAt: row.editedAt ?? null,
    handledAt: null,
    handledBy: null,
    tags: [],
    sentimentCorrected: false,
  };
}

/**
 * Sets `duplicateOf` to the group's first mention: a repost joins its original (stored before, or earlier in
 * this batch); a text within the SimHash threshold of a group's first mention (stored, or earlier in the batch)
 * joins that group. Earlier
 * fingerprints are filed by band, so a row is compared only with those sharing a band (the only ones that can
 * be within the threshold), not with the whole batch.
 */
function groupDuplicates(
  rows: MentionInsert[],
  stored: Map<string, { id: string; duplicateOf: string | null }>,
  candidates: { id: string; simhash: string; duplicateOf: string | null }[],
): void {
  type Earlier = { id: string; simhash: string; duplicateOf: string | null };
  const byKey = new Map<string, MentionInsert>();
  const byBand = new Map<string, Earlier[]>();
  const file = (entry: Earlier) => {
    const hex = entry.simhash;
    for (let band = 0; band < 4; band++) {
      const bandKey = `${band}:${hex.slice(band * 4, band * 4 + 4)}`;
      const list = byBand.get(bandKey);
      if (list) list.push(entry);
      else byBand.set(bandKey, [entry]);
    }
  };
  for (const candidate of candidates) file(candidate);
  for (const row of rows) {
    if (row.repostOf) {
      const original = stored.get(key(row.network, row.repostOf)) ?? byKey.get(key(row.network, row.repostOf));
      if (original) row.duplicateOf = original.duplicateOf ?? original.id;
    }
    const simhash = row.simhash;
    if (!row.duplicateOf && simhash) {
      for (let band = 0; band < 4 && !row.duplicateOf; band++) {
        const near = byBand
          .get(`${band}:${simhash.slice(band * 4, band * 4 + 4)}`)
          ?.find((c) => isNearDuplicate(c.simhash, simhash));
        if (near) row.duplicateOf = near.duplicateOf ?? near.id;
      }
    }
    byKey.set(key(row.network, row.externalId), row);
    // Like the stored candidates, only group heads are compared with later rows.
    if (simhash && !row.duplicateOf) file({ id: row.id, simhash, duplicateOf: null });
  }
}
