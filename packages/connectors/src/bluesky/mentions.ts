// Bluesky as a listening source: post search through an AppView (polled) and the Jetstream firehose (real
// time). Each kind lives in its own file; this one declares them and checks settings.
import type { MentionSource, SourcePoll } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { assertValidSpec, kindRefused, settingUnknown } from '../shared/source-spec.js';
import { runWithReconnect, sleep } from '../realtime.js';
import { streamJetstream, validateJetstream, type JetstreamOptions } from './jetstream.js';
import { NETWORK } from './rules.js';
import { pollSearch, validateSearch, type BlueskySearchOptions } from './search.js';

export interface BlueskyMentionsOptions {
  search?: BlueskySearchOptions;
  jetstream?: JetstreamOptions;
  /** How often `stream` polls a search source (search has no push). Default 60 s. */
  searchPollMs?: number;
}

const KINDS = [
  { kind: 'search', fields: ['query', 'lang'] },
  { kind: 'jetstream', fields: ['wantedCollections', 'wantedDids', 'keywords'], realtime: true },
] as const;

export function createBlueskyMentions(options: BlueskyMentionsOptions = {}): MentionSource {
  const validate: MentionSource['validate'] = (spec) => {
    const known = KINDS.find((entry) => entry.kind === spec.kind);
    if (!known) {
      return [kindRefused('bluesky', spec.kind, ['search', 'jetstream'])];
    }
    const unknown = Object.keys(spec.config)
      .filter((field) => !(known.fields as readonly string[]).includes(field))
      .map((field) => settingUnknown(field, `"${field}" is not a setting of a Bluesky ${spec.kind} source`));
    return [...unknown, ...(spec.kind === 'search' ? validateSearch(spec.config) : validateJetstream(spec.config))];
  };
  const refuseInvalid = (spec: Parameters<MentionSource['validate']>[0]) => {
    assertValidSpec(NETWORK, validate(spec));
  };

  return {
    kinds: KINDS,
    validate,
    async poll(spec, cursor, pollOptions) {
      refuseInvalid(spec);
      if (spec.kind !== 'search') {
        throw new ConnectorError(NETWORK, 'rejected', 'Jetstream is a stream: it is read with stream, not polled');
      }
      return pollSearch(spec, cursor, options.search ?? {}, pollOptions);
    },
    stream(spec, cursor, onBatch, streamOptions) {
      if (spec.kind === 'jetstream') return streamJetstream(spec, cursor, onBatch, streamOptions, options.jetstream);
      const run = async () => {
        refuseInvalid(spec);
        let current = cursor;
        const { signal } = streamOptions;
        await runWithReconnect(
          async (healthy) => {
            while (!signal.aborted) {
              const result: SourcePoll = await pollSearch(spec, current, options.search ?? {}, streamOptions);
              if (result.items.length > 0 || result.cursor !== current) await onBatch(result);
              current = result.cursor;
              healthy();
              await sleep(options.searchPollMs ?? 60_000, signal);
            }
          },
          { signal },
        );
      };
      return { done: run() };
    },
  };
}
