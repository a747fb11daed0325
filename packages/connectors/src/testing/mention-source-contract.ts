// The one suite every mention source runs: the promises the listening worker relies on — settings checked field
// by field, polls that hand each item on once from the cursor they return, cursors that survive being stored,
// failures as the codes the worker schedules from, items as plain text with every field the pipeline reads.
// A source's own quirks are tested beside it, not here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Mention, MentionSource, SourceCursor, SourcePollOptions, SourceSpec } from '../connector.js';
import { ConnectorError } from '../errors.js';

/** An address the outbound guard refuses (private, not in the tests' allow-list): nothing may be sent to it. */
export const REFUSED_ORIGIN = 'https://10.255.255.1:8443';

export interface MentionSourceHarness {
  /** The network id every item and error carries ("hackernews", "feed"…). */
  network: string;
  /**
   * Whether the network sends HTML (then no markup or entity may reach an item's text), or plain text (where a
   * "<b>" a person typed is text and stays).
   */
  sendsHtml: boolean;
  /** The fake's origin (`http://127.0.0.1:<port>`). */
  origin: string;
  /** The source, reading from `origin` (the fake's, or REFUSED_ORIGIN). */
  source(origin: string): MentionSource;
  /** A spec that validates and reads the items `addItems` adds, at `origin` (asked again after each `reset`). */
  spec(origin: string): SourceSpec;
  /** Specs `validate` refuses, each with the fields it must name, in order. */
  invalid: { spec: Omit<SourceSpec, 'credentials'>; fields: string[] }[];
  /**
   * Puts `count` new items at the source, newer than any before, their text with markup and entities where
   * the network sends HTML. Starts empty for each test.
   */
  addItems(count: number): void | Promise<void>;
  /** The source's next request is answered by a rate limit (with Retry-After where the network sends one) or a 503. */
  failNext(failure: 'rate_limited' | 'unavailable'): void;
  /** Requests the fake did not expect since the last call (emptied by reading). */
  takeUnexpected(): unknown[];
  /** Forgets the items, between tests. */
  reset(): void;
  /** Stops the fake, after the suite. */
  close(): Promise<void>;
  pollOptions?: SourcePollOptions;
}

export function describeMentionSourceContract(name: string, makeHarness: () => Promise<MentionSourceHarness>): void {
  describe(`${name} mention source contract`, () => {
    let harness: MentionSourceHarness;
    let source: MentionSource;
    const poll = (cursor: SourceCursor, from = source, at = harness.spec(harness.origin)) => {
      if (!from.poll) throw new Error(`${name} does not poll`);
      return from.poll(at, cursor, harness.pollOptions);
    };
    const failure = async (promise: Promise<unknown>): Promise<ConnectorError> => {
      const caught = await promise.then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(caught).toBeInstanceOf(ConnectorError);
      return caught as ConnectorError;
    };
    const ids = (items: Mention[]) => items.map((item) => item.externalId);

    beforeAll(async () => {
      harness = await makeHarness();
      source = harness.source(harness.origin);
    });
    afterAll(() => harness?.close());
    afterEach(() => {
      expect(harness.takeUnexpected()).toEqual([]);
      harness.reset();
    });

    it('validates a good spec without a problem, and names each bad field', () => {
      const spec = harness.spec(harness.origin);
      expect(source.validate(spec)).toEqual([]);
      for (const { spec: bad, fields } of harness.invalid) {
        const problems = source.validate(bad);
        expect(
          problems.map((problem) => problem.field),
          JSON.stringify(bad),
        ).toEqual(fields);
        for (const problem of problems) expect(problem.message).not.toBe('');
      }
      expect(source.kinds.map((kind) => kind.kind)).toContain(spec.kind);
    });

    it('polls from no cursor, then from the cursor it gave, handing each item on once', async () => {
      await harness.addItems(3);
      const first = await poll(null);
      expect(first.items).toHaveLength(3);
      const again = await poll(first.cursor);
      expect(again.items).toEqual([]);

      await harness.addItems(2);
      const next = await poll(again.cursor);
      expect(next.items).toHaveLength(2);
      expect(ids(next.items).filter((id) => ids(first.items).includes(id))).toEqual([]);
      expect((await poll(next.cursor)).items).toEqual([]);
    });

    it('gives cursors that survive being stored: the same cursor polled again hands the same items', async () => {
      await harness.addItems(2);
      const first = await poll(null);
      await harness.addItems(2);
      // Stored as text, read back as text: what a crash between polling and storing replays.
      const stored: SourceCursor = first.cursor === null ? null : String(first.cursor);
      const once = await poll(stored);
      const replayed = await poll(stored);
      expect(ids(once.items)).toHaveLength(2);
      expect(ids(replayed.items)).toEqual(ids(once.items));
      expect(replayed.cursor).toEqual(once.cursor);
    });

    it('refuses a cursor it cannot read as rejected, rather than starting over silently', async () => {
      const error = await failure(poll('{"not": "a cursor"'));
      expect(error).toMatchObject({ network: harness.network, code: 'rejected' });
    });

    it('says rate_limited with a delay when the network asks to slow down', async () => {
      harness.failNext('rate_limited');
      const error = await failure(poll(null));
      expect(error).toMatchObject({ network: harness.network, code: 'rate_limited' });
      expect(error.retryAfterMs).toBeGreaterThan(0);
    });

    it('says unavailable on a 5xx', async () => {
      harness.failNext('unavailable');
      expect(await failure(poll(null))).toMatchObject({ network: harness.network, code: 'unavailable' });
    });

    it('says address_not_allowed for an address the outbound guard refuses', async () => {
      const refused = harness.source(REFUSED_ORIGIN);
      const error = await failure(poll(null, refused, harness.spec(REFUSED_ORIGIN)));
      expect(error).toMatchObject({ network: harness.network, code: 'address_not_allowed' });
    });

    it('hands items as plain text with every field the pipeline reads', async () => {
      await harness.addItems(2);
      const { items } = await poll(null);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expectMention(item, harness.network, harness.sendsHtml);
    });
  });
}

const MARKUP = /<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;
const nullableString = (value: unknown) => value === null || typeof value === 'string';

function expectMention(item: Mention, network: string, sendsHtml: boolean): void {
  const label = item.externalId;
  expect(item.network, label).toBe(network);
  expect(item.externalId, label).not.toBe('');
  expect(typeof item.text, label).toBe('string');
  expect(item.text.trim(), label).not.toBe('');
  if (sendsHtml) {
    expect(item.text, label).not.toMatch(MARKUP);
    if (item.title !== null) expect(item.title, label).not.toMatch(MARKUP);
  }
  if (item.url !== null) expect(item.url, label).toMatch(/^https?:\/\//);
  expect(item.publishedAt === null || Number.isFinite(item.publishedAt), label).toBe(true);
  for (const field of ['language', 'site', 'repostOf', 'replyTo'] as const) {
    expect(nullableString(item[field]), `${label} ${field}`).toBe(true);
  }
  for (const field of ['id', 'handle', 'name', 'url'] as const) {
    expect(nullableString(item.author[field]), `${label} author.${field}`).toBe(true);
  }
  expect(Array.isArray(item.hashtags) && item.hashtags.every((tag) => typeof tag === 'string'), label).toBe(true);
  expect(typeof item.metrics, label).toBe('object');
}
