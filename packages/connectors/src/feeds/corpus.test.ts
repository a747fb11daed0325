// Every file of Rostra's feed corpus (testing/feeds-corpus/, written from the specs and the ways real feeds break)
// gives its items and fields: empty feeds, cut-off and ill-formed documents, encodings, text versus HTML, dates.
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { readFeedCorpus, scoreFeedCorpus } from '../testing/feeds-corpus.js';
import { parseFeed } from './parse.js';

const cases = readFeedCorpus();
const parse = (body: Buffer, contentType: string | null, url: string) => parseFeed(body, contentType, url);
const isRefusal = (error: unknown) => error instanceof ConnectorError && error.code === 'rejected';

describe('feed corpus', () => {
  it.each(cases.map((entry) => [entry.file, entry] as const))('%s', (_file, entry) => {
    const score = scoreFeedCorpus([entry], parse, isRefusal);
    expect(score.misses).toEqual([]);
    expect(score.crashes).toBe(0);
    expect(score.parsed).toBe(1);
  });

  it('never crashes on a document cut anywhere: items, or a refusal naming the feed', () => {
    for (const entry of cases) {
      for (let cut = 1; cut < 16; cut += 1) {
        const body = entry.body.subarray(0, Math.floor((entry.body.length * cut) / 16));
        const url = `https://corpus.example/${entry.file}?cut=${cut}`;
        try {
          const feed = parseFeed(body, entry.expected.contentType ?? null, url);
          for (const item of feed.items) expect(typeof item.id).toBe('string');
        } catch (error) {
          expect(isRefusal(error), `${entry.file} cut at ${cut}/16: ${String(error)}`).toBe(true);
          expect((error as Error).message).toContain(url);
        }
      }
    }
  });

  it('refusals name the feed URL', () => {
    for (const entry of cases.filter((candidate) => candidate.expected.rejected)) {
      const url = `https://corpus.example/${entry.file}`;
      expect(() => parseFeed(entry.body, null, url)).toThrow(url);
    }
  });
});
