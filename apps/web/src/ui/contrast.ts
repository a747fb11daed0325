// WCAG 2.1 colour contrast (success criterion 1.4.3): the ratio of two colours and the darkening (light scheme) or
// lightening (dark scheme) needed for text to reach AA. The theme (theme.ts) and the calendar's status colours use it
// to pick pairs that stay readable.

/** AA for normal-size text. */
export const AA_CONTRAST = 4.5;

function channels(hex: string): [number, number, number] {
  const value = hex.replace('#', '');
  const full = value.length === 3 ? [...value].map((digit) => digit + digit).join('') : value;
  return [0, 2, 4].map((start) => parseInt(full.slice(start, start + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two #rrggbb (or #rgb) colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `hex` mixed with black by `amount` (0 to 1), as #rrggbb. */
export function darkenHex(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((channel) =>
      Math.round(channel * (1 - amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `hex` mixed with white by `amount` (0 to 1), as #rrggbb. */
export function lightenHex(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((channel) =>
      Math.round(channel + (255 - channel) * amount)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * The first of `candidates` that reads at `ratio` on every one of `backgrounds`; failing that, the last candidate
 * moved step by step toward black (text on light surfaces, or a fill under white text) or toward white (text on
 * dark surfaces) until it does. Candidates go from the one most wanted to the one furthest toward that end.
 */
export function firstReadable(
  candidates: string[],
  backgrounds: string[],
  ratio = AA_CONTRAST,
  toward: 'black' | 'white' = 'black',
): string {
  const reads = (color: string) => backgrounds.every((background) => contrastRatio(color, background) >= ratio);
  const found = candidates.find(reads);
  if (found) return found;
  const last = candidates[candidates.length - 1] ?? (toward === 'black' ? '#000000' : '#ffffff');
  const move = toward === 'black' ? darkenHex : lightenHex;
  for (let amount = 0.05; amount < 1; amount += 0.05) {
    const moved = move(last, amount);
    if (reads(moved)) return moved;
  }
  return toward === 'black' ? '#000000' : '#ffffff';
}
