import { describe, expect, it } from 'vitest';
import { cleanName } from './names.js';

describe('cleanName', () => {
  it.each([
    ['Ville de Lyon', 'Ville de Lyon'],
    ['Ville\u0000de\nLyon', 'Ville de Lyon'],
    ['  \u001b[31mRouge\u0007 ', '[31mRouge'],
    ['Lyon \ud83d', 'Lyon \ufffd'],
    ['\ude00Lyon', '\ufffdLyon'],
    ['Fête 🎉', 'Fête 🎉'],
    [`${'é'.repeat(119)}🎉🎉`, `${'é'.repeat(119)}🎉`],
  ])('%j → %j', (input, expected) => {
    expect(cleanName(input)).toBe(expected);
  });
});
