// What follows from a mention's words, and nothing else: its cleaned text, language, sentiment (with the
// workspace's corrections), near-duplicate fingerprint and topics. Pure, so it runs the same on the pipeline's
// thread or in an analysis thread (analysis-pool.ts); the state it needs is built from plain data (the topics'
// queries, the corrections) that can be sent to a thread.
import {
  chooseLanguage,
  computeFingerprint,
  createSentimentAnalyzer,
  createTopicIndex,
  isQueryError,
  normaliseMentionText,
  normaliseMentionTitle,
  prepareMention,
  type LanguageChoice,
  type SentimentAnalyzer,
  type SentimentCorrection,
  type SentimentResult,
  type TopicIndex,
} from '@rostra/core';
import type { Mention } from '@rostra/connectors';

const MAX_FIELD = 2000;

/** What a workspace's analysis is built from: plain data, as read from the store or received by a thread. */
export interface AnalysisInputs {
  topics: { id: string; query: string; enabled: boolean }[];
  corrections: SentimentCorrection[];
}

export interface AnalysisState {
  index: TopicIndex;
  analyzer: SentimentAnalyzer;
}

export interface Analysis {
  title: string | null;
  text: string;
  author: { id: string | null; handle: string | null; name: string | null; url: string | null };
  language: LanguageChoice;
  sentiment: SentimentResult;
  fingerprint: ReturnType<typeof computeFingerprint>;
  hashtags: string[];
  metrics: { reach: number | null; likes: number | null; reposts: number | null; replies: number | null };
  topicIds: string[];
}

/** Trimmed and capped; null for an empty field. */
export function cap(value: string | null | undefined, max = MAX_FIELD): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.slice(0, max);
}

function count(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.trunc(value) : null;
}

/** Sentiment reads the headline with the text: an article's stance is often in its title. */
function readable(title: string | null, text: string): string {
  return title ? `${title}\n\n${text}` : text;
}

/** The enabled topics; one whose query no longer parses (stored before a language change) is skipped, not fatal. */
export function buildTopicIndex(topics: AnalysisInputs['topics'], onSkipped: (topicId: string) => void): TopicIndex {
  const usable = topics.filter((topic) => {
    if (!topic.enabled) return false;
    try {
      createTopicIndex([{ id: topic.id, query: topic.query }]);
      return true;
    } catch (error) {
      if (!isQueryError(error)) throw error;
      onSkipped(topic.id);
      return false;
    }
  });
  return createTopicIndex(usable.map((t) => ({ id: t.id, query: t.query })));
}

export function buildAnalyzer(corrections: AnalysisInputs['corrections']): SentimentAnalyzer {
  return createSentimentAnalyzer(corrections.length > 0 ? { corrections } : {});
}

/**
 * The analysis of each item, in order. Step by step over the whole batch rather than item by item: each step's
 * tables (language profiles, the sentiment model, the topic index) stay in the processor's cache while it runs.
 */
export function analyseBatch(items: readonly Mention[], state: AnalysisState): Analysis[] {
  const texts = items.map((item) => normaliseMentionText(item.text ?? ''));
  const titles = items.map((item) => normaliseMentionTitle(cap(item.title)));
  const wholes = items.map((_, i) => readable(titles[i] ?? null, texts[i] as string));
  const languages = items.map((item, i) => chooseLanguage(item.language, wholes[i] as string));
  const langs = languages.map((l) => (l.language === 'und' ? undefined : l.language));
  const sentiments = wholes.map((whole, i) => state.analyzer.analyze(whole, langs[i]));
  const fingerprints = wholes.map((whole) => computeFingerprint(whole));
  return items.map((item, i) => {
    const text = texts[i] as string;
    const title = titles[i] ?? null;
    const lang = langs[i];
    const author = {
      id: cap(item.author?.id),
      handle: cap(item.author?.handle?.replace(/^@/, '')),
      name: cap(item.author?.name),
      url: cap(item.author?.url),
    };
    const hashtags = [...new Set((item.hashtags ?? []).map((t) => t.replace(/^#/, '')).filter(Boolean))];
    const topicIds = state.index.match(
      prepareMention({
        text,
        ...(title ? { title } : {}),
        ...(author.handle || author.name ? { author: author.handle ?? author.name ?? '' } : {}),
        ...(item.url ? { url: item.url } : {}),
        ...(lang ? { lang } : {}),
        source: item.network,
        hashtags,
      }),
    );
    return {
      title,
      text,
      author,
      language: languages[i] as LanguageChoice,
      sentiment: sentiments[i] as SentimentResult,
      fingerprint: fingerprints[i] ?? null,
      hashtags,
      metrics: {
        reach: count(item.metrics?.reach),
        likes: count(item.metrics?.likes),
        reposts: count(item.metrics?.reposts),
        replies: count(item.metrics?.replies),
      },
      topicIds,
    };
  });
}
