// Both schemes' colour variables, computed in theme.ts, meet AA for every palette colour and for dimmed text.
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { AA_CONTRAST, contrastRatio, darkenHex } from './contrast';
import { cssVariablesResolver, DARK_SURFACES } from './theme';

const { light, dark } = cssVariablesResolver(mergeMantineTheme(DEFAULT_THEME, {}));

describe('theme colours in the light scheme', () => {
  const colors = Object.keys(DEFAULT_THEME.colors).filter((name) => name !== 'dark');

  it.each(colors)('%s: white on filled, text on white and on its tint at AA', (name) => {
    const shades = DEFAULT_THEME.colors[name] ?? [];
    const read = (variable: string) => light[`--mantine-color-${name}-${variable}`] ?? '';
    expect(contrastRatio(read('filled'), '#ffffff')).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(read('filled-hover'), '#ffffff')).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(read('text'), '#ffffff')).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(read('outline'), DEFAULT_THEME.colors.gray[1])).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(read('light-color'), shades[2] ?? '')).toBeGreaterThanOrEqual(AA_CONTRAST);
  });

  it('dims secondary text no further than AA on white, pale grey and the primary tint', () => {
    const dimmed = light['--mantine-color-dimmed'] ?? '';
    for (const background of ['#ffffff', DEFAULT_THEME.colors.gray[1], DEFAULT_THEME.colors.blue[1]]) {
      expect(contrastRatio(dimmed, background), background).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
  });
});

describe('theme colours in the dark scheme', () => {
  const colors = Object.keys(DEFAULT_THEME.colors).filter((name) => name !== 'dark');

  it.each(colors)('%s: white on filled, text on the dark surfaces and on its tint at AA', (name) => {
    const shades = DEFAULT_THEME.colors[name] ?? [];
    const read = (variable: string) => dark[`--mantine-color-${name}-${variable}`] ?? '';
    expect(contrastRatio(read('filled'), '#ffffff')).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(read('filled-hover'), '#ffffff')).toBeGreaterThanOrEqual(AA_CONTRAST);
    for (const surface of DARK_SURFACES) {
      expect(contrastRatio(read('text'), surface), surface).toBeGreaterThanOrEqual(AA_CONTRAST);
      expect(contrastRatio(read('outline'), surface), surface).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
    // Mantine's light variant there: shade 0 on shade 9 darkened by half (its own values, kept).
    const tint = darkenHex(shades[9] ?? '', 0.5);
    expect(contrastRatio(shades[0] ?? '', tint)).toBeGreaterThanOrEqual(AA_CONTRAST);
  });

  it('keeps the shade Mantine picks where it already reads: red, blue', () => {
    expect(dark['--mantine-color-red-filled']).toBe(DEFAULT_THEME.colors.red[8]);
    expect(dark['--mantine-color-blue-text']).toBe(DEFAULT_THEME.colors.blue[4]);
  });

  it('lightens secondary text no further than AA on every dark surface, and body text reads there too', () => {
    const dimmed = dark['--mantine-color-dimmed'] ?? '';
    for (const surface of DARK_SURFACES) {
      expect(contrastRatio(dimmed, surface), surface).toBeGreaterThanOrEqual(AA_CONTRAST);
      expect(contrastRatio(DEFAULT_THEME.colors.dark[0], surface), surface).toBeGreaterThanOrEqual(AA_CONTRAST);
    }
    expect(contrastRatio(DEFAULT_THEME.colors.dark[2], DARK_SURFACES[0] ?? '')).toBeLessThan(AA_CONTRAST);
  });
});
