import { describe, expect, it } from 'vitest';
import { countGraphemes } from './graphemes';

describe('countGraphemes', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 1],
    ['e\u0301', 1],
    ['👩‍👩‍👧', 1],
    ['🇫🇷 Allez !', 9],
  ])('%j → %i', (input, expected) => {
    expect(countGraphemes(input)).toBe(expected);
  });
});
