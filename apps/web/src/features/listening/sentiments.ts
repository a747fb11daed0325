// The three sentiments in the order the UI lists them, and the colour each is shown in (badges, filters, menus).
import type { Sentiment } from '../../api/types';

export const SENTIMENT_COLORS: Record<Sentiment, string> = { negative: 'red', neutral: 'gray', positive: 'teal' };
export const SENTIMENTS: readonly Sentiment[] = ['positive', 'neutral', 'negative'];
