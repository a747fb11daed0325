// Rostra's Mantine theme. Mantine's light scheme puts white on shade 6 and shade-6 text on white (3.3:1 for red and
// blue, 2.7:1 for yellow on its tint): below WCAG AA, which RGAA asks of French public bodies. Its dark scheme (the
// app follows the system's, defaultColorScheme="auto") puts white on shade 8 (2.5:1 for yellow) and dims text to
// 4:1. Both schemes' colour variables are therefore recomputed here so every text-on-colour pair reaches 4.5:1
// (contrast.ts). Checked on every page by the browser test e2e/accessibility.test.ts, in both schemes.
import { DEFAULT_THEME, createTheme, mergeThemeOverrides, type CSSVariablesResolver } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { darkenHex, firstReadable } from './contrast';

const WHITE = '#ffffff';
/** The lightest surface text sits on besides white: striped table rows and hovered rows (gray.1). */
const PALE_SURFACE = DEFAULT_THEME.colors.gray[1];
/** The primary colour's tint (unread notifications, selected rows), where secondary text also appears. */
const PRIMARY_TINT = DEFAULT_THEME.colors.blue[1];
const DARKS = DEFAULT_THEME.colors.dark;
/**
 * What text sits on in the dark scheme: the page (dark.7), striped rows, inputs and default buttons (dark.6), hovered
 * rows and buttons (dark.5).
 */
export const DARK_SURFACES = [DARKS[7], DARKS[6], DARKS[5]];

const baseTheme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  components: {
    // Mantine puts a role="presentation" placeholder inside role="menu", which only allows menu items (axe
    // aria-required-children); without it the first item takes the focus when the menu opens from the keyboard.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
  },
});

/**
 * The theme, with the names of Mantine's icon-only buttons (dialog close, field clear, colour picker, password
 * visibility) in the person's language: Mantine leaves them unnamed or in English.
 */
export function useTheme() {
  const { t } = useTranslation();
  return useMemo(
    () =>
      mergeThemeOverrides(
        baseTheme,
        createTheme({
          components: {
            CloseButton: { defaultProps: { 'aria-label': t('common.close') } },
            InputClearButton: { defaultProps: { 'aria-label': t('a11y.clear') } },
            ColorInput: { defaultProps: { eyeDropperButtonProps: { 'aria-label': t('a11y.pickColor') } } },
            PasswordInput: {
              defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } },
            },
          },
        }),
      ),
    [t],
  );
}

/** The light-scheme variables of one palette colour, each pair at AA (see Mantine's get-css-color-variables). */
function readableColorVariables(name: string, shades: readonly string[]): Record<string, string> {
  const [tint = WHITE, tintHover = WHITE] = [shades[1], shades[2]];
  const fromShade = (first: number) => shades.slice(first);
  // White text on it (filled buttons and badges).
  const filled = firstReadable(fromShade(6), [WHITE]);
  const filledHover = darkenHex(filled, 0.1);
  // Coloured text on white and pale surfaces (outline and subtle variants, Text c="red", links).
  const text = firstReadable(fromShade(6), [WHITE, PALE_SURFACE]);
  // Coloured text on its own tint (light variant, alerts), also when hovered.
  const onTint = firstReadable(fromShade(7), [tint, tintHover]);
  return {
    [`--mantine-color-${name}-filled`]: filled,
    [`--mantine-color-${name}-filled-hover`]: filledHover,
    [`--mantine-color-${name}-text`]: text,
    [`--mantine-color-${name}-outline`]: text,
    [`--mantine-color-${name}-light-color`]: onTint,
  };
}

function readableLightScheme(): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    if (name !== 'dark') Object.assign(variables, readableColorVariables(name, shades));
  }
  const grays = DEFAULT_THEME.colors.gray;
  // Secondary text: Mantine's gray.6 (3.3:1) darkened just enough to read on white, pale surfaces and the tint.
  const dimmed = firstReadable([grays[6]], [WHITE, PALE_SURFACE, PRIMARY_TINT]);
  return {
    ...variables,
    '--mantine-color-dimmed': dimmed,
    '--mantine-color-placeholder': dimmed,
    '--mantine-color-anchor': `var(--mantine-color-${baseTheme.primaryColor ?? 'blue'}-text)`,
    '--mantine-color-error': 'var(--mantine-color-red-text)',
  };
}

/** The dark-scheme variables of one palette colour, each pair at AA (Mantine's dark shades: fill 8, text 4). */
function readableDarkColorVariables(name: string, shades: readonly string[]): Record<string, string> {
  // White text on it: shade 8, darkened where white does not read on it (yellow, lime, green, teal, orange, cyan).
  const filled = firstReadable(shades.slice(8), [WHITE]);
  // Coloured text on dark surfaces: shade 4, lightened toward shade 0 and white where needed (violet, indigo, grape).
  const text = firstReadable(
    [4, 3, 2, 1, 0].map((shade) => shades[shade] ?? WHITE),
    DARK_SURFACES,
    undefined,
    'white',
  );
  return {
    [`--mantine-color-${name}-filled`]: filled,
    [`--mantine-color-${name}-filled-hover`]: darkenHex(filled, 0.1),
    [`--mantine-color-${name}-text`]: text,
    [`--mantine-color-${name}-outline`]: text,
  };
}

function readableDarkScheme(): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    if (name !== 'dark') Object.assign(variables, readableDarkColorVariables(name, shades));
  }
  // Secondary text: Mantine's dark.2 (4:1 on the page) lightened just enough to read on every dark surface.
  const dimmed = firstReadable([DARKS[2], DARKS[1], DARKS[0]], DARK_SURFACES, undefined, 'white');
  return {
    ...variables,
    '--mantine-color-dimmed': dimmed,
    '--mantine-color-placeholder': dimmed,
    '--mantine-color-anchor': `var(--mantine-color-${baseTheme.primaryColor ?? 'blue'}-text)`,
    '--mantine-color-error': 'var(--mantine-color-red-text)',
  };
}

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: readableLightScheme(),
  dark: readableDarkScheme(),
});
