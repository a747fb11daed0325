// The light scheme's colour variables, computed in theme.ts, meet AA for every palette colour and for dimmed text.
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { AA_CONTRAST, contrastRatio } from './contrast';
import { cssVariablesResolver } from './theme';

const light = cssVariablesResolver(mergeMantineTheme(DEFAULT_THEME, {})).light;

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
