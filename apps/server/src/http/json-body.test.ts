import { describe, expect, it } from 'vitest';
import { jsonDepth } from './json-body.js';

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['"[[[{{{"', 0],
    ['{}', 1],
    ['[[],[[]]]', 3],
    ['{"a":{"b":[1,{"c":2}]}}', 4],
    ['{"a":"\\"[[[","b":[]}', 2],
    ['["\\\\",[[]]]', 3],
  ])('%s → %i', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it('counts 10,000 levels without recursion, and stops counting past the limit', () => {
    expect(jsonDepth(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toBe(10_000);
    expect(jsonDepth('['.repeat(1_000_000), 32)).toBe(33);
  });
});
