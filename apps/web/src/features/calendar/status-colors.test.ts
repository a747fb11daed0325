import { describe, expect, it } from 'vitest';
import { POST_STATUSES } from '../../api/types';
import { LEGEND_STATUSES, STATUS_COLORS, contrastRatio } from './status-colors';

describe('calendar status colours', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('gives every status a text colour that reads on its background at AA (4.5:1)', () => {
    for (const status of POST_STATUSES) {
      const { background, text } = STATUS_COLORS[status];
      expect(contrastRatio(background, text), status).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('tells the legend’s statuses apart by colour', () => {
    const backgrounds = LEGEND_STATUSES.map((status) => STATUS_COLORS[status].background);
    expect(new Set(backgrounds).size).toBe(LEGEND_STATUSES.length);
  });
});
