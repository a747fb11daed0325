import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalField, parseAnswer, readField, readItems } from './network-json.js';

const item = z.object({ id: z.string(), note: optionalField(z.string()) });

describe('readItems', () => {
  it('keeps the items that fit, in order, leaves odd optional fields out, and counts the rest', () => {
    expect(readItems([{ id: 'a' }, { note: 'no id' }, { id: 'b', note: 7 }, null], item)).toEqual({
      items: [{ id: 'a' }, { id: 'b', note: undefined }],
      skipped: 2,
    });
  });
});

describe('parseAnswer', () => {
  it('returns what fits, and otherwise names the source and the first mismatch', () => {
    expect(parseAnswer('net', 'the API', item, { id: 'a', extra: 1 })).toEqual({ id: 'a' });
    expect(() => parseAnswer('net', 'the API', item, { id: 3 })).toThrow(/^the API answered an unexpected shape at id/);
  });
});

describe('readField', () => {
  it.each([
    ['an own field', { id: 'a' }, 'id', 'a'],
    ['a missing one', { id: 'a' }, 'name', undefined],
    ['a name only the prototype has', {}, 'constructor', undefined],
    ['a list', ['a'], '0', undefined],
    ['null', null, 'id', undefined],
    ['a string', 'id', 'length', undefined],
  ])('%s', (_case, body, name, expected) => {
    expect(readField(body, name)).toBe(expected);
  });
});
