// Deciding when a topic needs a person: a volume spike against the topic's own baseline, a negative share above a
// threshold, a watched author or source, a source never seen on the topic before; and a cooldown so one
// incident sends one alert, not one per minute. Pure functions over counts the store computes.

export const ALERT_KINDS = ['volume_spike', 'negative_share', 'watched_author', 'new_source'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface VolumeSpikeParams {
  /** How many standard deviations above the baseline mean the last hour must be. */
  k: number;
  /** Below this many mentions in the last hour, nothing is a spike (3 mentions instead of 0 is not news). */
  minVolume: number;
  /** Hours of history the baseline is computed from (the last hour excluded). */
  baselineHours: number;
}

export interface NegativeShareParams {
  /** Share of negative mentions (0–1) above which the alert fires. */
  threshold: number;
  /** Mentions needed in the window before a share means anything. */
  minVolume: number;
  windowHours: number;
}

export interface WatchedParams {
  /** Handles, account ids or names, compared case-insensitively, without "@". */
  authors: string[];
  /** Sites (hosts) or source ids. */
  sources: string[];
}

export interface NewSourceParams {
  /** A source is new when it did not mention the topic within this many days. */
  lookbackDays: number;
}

export type AlertParams =
  | ({ kind: 'volume_spike' } & VolumeSpikeParams)
  | ({ kind: 'negative_share' } & NegativeShareParams)
  | ({ kind: 'watched_author' } & WatchedParams)
  | ({ kind: 'new_source' } & NewSourceParams);

/** Defaults chosen for a community manager's morning, not a trading desk: rare, meaningful alerts. */
export const ALERT_DEFAULTS = {
  volume_spike: { k: 4, minVolume: 10, baselineHours: 7 * 24 },
  negative_share: { threshold: 0.4, minVolume: 10, windowHours: 1 },
  watched_author: { authors: [], sources: [] },
  new_source: { lookbackDays: 30 },
} as const satisfies { [K in AlertKind]: Omit<Extract<AlertParams, { kind: K }>, 'kind'> };

export interface SpikeVerdict {
  triggered: boolean;
  count: number;
  mean: number;
  /** The expected count for this hour (the same hour on previous days when the baseline spans two days). */
  // (kept as `mean` for the alert's figures)
  /** The spread used: the standard deviation around the expected counts, floored at √mean (and 1). */
  spread: number;
  /** The count the last hour had to exceed. */
  threshold: number;
}

/**
 * `baseline` holds one count per hour, oldest first, ending with the hour just before the one judged. Topics
 * have a daily rhythm (quiet nights, busy lunchtimes), so when the baseline covers at least two days the
 * expected count is the mean of the same hour on previous days and the spread is that of the residuals around
 * each hour's own mean: a busy noon is not a spike, and a busy 3 a.m. is. The spread is floored at √expected,
 * the noise of a Poisson count, and at 1: otherwise a topic that always has exactly 4 mentions an hour would
 * "spike" at 5.
 */
export function detectVolumeSpike(
  lastHour: number,
  baseline: readonly number[],
  params: VolumeSpikeParams,
): SpikeVerdict {
  const n = baseline.length;
  const seasonal = n >= 48;
  // Hour-of-day means, aligned so that slot 0 is the hour being judged (24 hours after baseline[n - 24]).
  const slotOf = (index: number) => (((index - n) % 24) + 24) % 24;
  const sums = new Array<number>(24).fill(0);
  const counts = new Array<number>(24).fill(0);
  for (let i = 0; i < n; i++) {
    const slot = seasonal ? slotOf(i) : 0;
    sums[slot]! += baseline[i]!;
    counts[slot]! += 1;
  }
  const expectedAt = (slot: number) => (counts[slot]! === 0 ? 0 : sums[slot]! / counts[slot]!);
  const mean = expectedAt(0);
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (baseline[i]! - expectedAt(seasonal ? slotOf(i) : 0)) ** 2;
  const degrees = seasonal ? n - 24 : n - 1;
  const deviation = degrees > 0 ? Math.sqrt(squares / degrees) : 0;
  const spread = Math.max(deviation, Math.sqrt(mean), 1);
  const threshold = mean + params.k * spread;
  return {
    triggered: lastHour >= params.minVolume && lastHour > threshold,
    count: lastHour,
    mean,
    spread,
    threshold,
  };
}

export interface ShareVerdict {
  triggered: boolean;
  negative: number;
  total: number;
  share: number;
}

export function detectNegativeShare(
  counts: { negative: number; total: number },
  params: NegativeShareParams,
): ShareVerdict {
  const share = counts.total === 0 ? 0 : counts.negative / counts.total;
  return {
    triggered: counts.total >= params.minVolume && share > params.threshold,
    negative: counts.negative,
    total: counts.total,
    share,
  };
}

/** What identifies "who said it" for watched authors. */
export interface AuthorKeys {
  id: string | null;
  handle: string | null;
  name: string | null;
}

const fold = (value: string) => value.trim().replace(/^@/, '').toLowerCase();

export function isWatchedAuthor(author: AuthorKeys, params: Pick<WatchedParams, 'authors'>): boolean {
  const watched = new Set(params.authors.map(fold).filter(Boolean));
  return [author.id, author.handle, author.name].some((key) => key !== null && watched.has(fold(key)));
}

export function isWatchedSource(
  source: { sourceId: string | null; site: string | null },
  params: Pick<WatchedParams, 'sources'>,
): boolean {
  const watched = new Set(params.sources.map((value) => fold(value).replace(/^www\./, '')).filter(Boolean));
  if (source.sourceId && watched.has(fold(source.sourceId))) return true;
  if (!source.site) return false;
  // "lemonde.fr" watches "www.lemonde.fr" and "blog.lemonde.fr" too.
  const site = fold(source.site).replace(/^www\./, '');
  return [...watched].some((entry) => site === entry || site.endsWith(`.${entry}`));
}

/**
 * Who counts as "a source" for the new-source alert: the site for web items (articles, feeds), the network
 * account otherwise — a new blog writing about the brand is news, and so is a new account on a network.
 */
export function sourceKeyOf(mention: {
  network: string;
  site: string | null;
  author: { id: string | null; handle: string | null };
}): string | null {
  const account = mention.author.id ?? mention.author.handle;
  if (mention.network === 'feed' || mention.network === 'web') {
    return mention.site ? `site:${fold(mention.site).replace(/^www\./, '')}` : null;
  }
  return account ? `${mention.network}:${fold(account)}` : mention.site ? `site:${fold(mention.site)}` : null;
}

/** Whether a rule may fire again: one alert per incident, then silence for the cooldown. */
export function isCoolingDown(lastFiredAt: number | null, cooldownMs: number, now: number): boolean {
  return lastFiredAt !== null && now - lastFiredAt < cooldownMs;
}

/** Counts per bucket for [from, to): the series a spike is judged on, oldest first. */
export function bucketCounts(timestamps: Iterable<number>, from: number, to: number, bucketMs: number): number[] {
  const buckets = new Array<number>(Math.max(0, Math.ceil((to - from) / bucketMs))).fill(0);
  for (const at of timestamps) {
    if (at < from || at >= to) continue;
    buckets[Math.floor((at - from) / bucketMs)]! += 1;
  }
  return buckets;
}
