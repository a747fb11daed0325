import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { createCursorCodec, seenList } from './cursor.js';

const codec = createCursorCodec('feed', 'feed source', z.object({ etag: z.string().optional(), seen: seenList }));

describe('createCursorCodec', () => {
  it('reads what it wrote, and no cursor as a first poll', () => {
    const state = { etag: '"abc"', seen: ['x', 'y'] };
    const written = codec.write(state);
    expect(JSON.parse(written)).toEqual({ v: 1, ...state });
    expect(codec.read(written)).toEqual(state);
    expect(codec.read(null)).toBeUndefined();
    expect(codec.read('')).toBeUndefined();
  });

  it.each([
    ['not JSON', 'garbage'],
    ['JSON of another kind', '[1, 2]'],
    ['another version', '{"v": 2, "seen": []}'],
    ['no version', '{"seen": []}'],
    ['a field of the wrong type', '{"v": 1, "seen": [1]}'],
    ['a missing field', '{"v": 1}'],
  ])('refuses %s as rejected, naming the source', (_case, cursor) => {
    let caught: unknown;
    try {
      codec.read(cursor);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectorError);
    expect(caught).toMatchObject({ network: 'feed', code: 'rejected' });
  });

  it('stores a transformed state back in its stored shape', () => {
    const pairs = createCursorCodec(
      'bluesky',
      'Bluesky search',
      z
        .object({ seen: z.array(z.tuple([z.string(), z.number()])) })
        .transform(({ seen }) => ({ seen: seen.map(([uri, at]) => ({ uri, at })) })),
      (state) => ({ seen: state.seen.map(({ uri, at }) => [uri, at]) }),
    );
    const written = pairs.write({ seen: [{ uri: 'at://a', at: 5 }] });
    expect(JSON.parse(written)).toEqual({ v: 1, seen: [['at://a', 5]] });
    expect(pairs.read(written)).toEqual({ seen: [{ uri: 'at://a', at: 5 }] });
  });
});
