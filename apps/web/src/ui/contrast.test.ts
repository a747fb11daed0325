// WCAG 2.1 contrast ratios (axe-core reports #228be6 on white as 3.56:1) and the darkening that reaches AA.
import { describe, expect, it } from 'vitest';
import { AA_CONTRAST, contrastRatio, darkenHex, firstReadable, lightenHex } from './contrast';

describe('WCAG contrast', () => {
  it('computes ratios from 1 to 21, in either order, from #rrggbb and #rgb', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#228be6', '#ffffff')).toBeCloseTo(3.56, 2);
    expect(contrastRatio('#123456', '#123456')).toBe(1);
  });

  it('darkens toward black and lightens toward white', () => {
    expect(darkenHex('#ffffff', 0.5)).toBe('#808080');
    expect(darkenHex('#228be6', 0)).toBe('#228be6');
    expect(lightenHex('#000000', 0.5)).toBe('#808080');
    expect(lightenHex('#228be6', 1)).toBe('#ffffff');
  });

  it('picks the first candidate readable on every background, else darkens the last one just enough', () => {
    expect(firstReadable(['#228be6', '#1c7ed6', '#1971c2'], ['#ffffff'])).toBe('#1971c2');
    const darkened = firstReadable(['#fab005'], ['#ffffff', '#f1f3f5']);
    expect(contrastRatio(darkened, '#ffffff')).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(darkened, '#f1f3f5')).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(darkenHex('#fab005', 0.05), '#f1f3f5')).toBeLessThan(AA_CONTRAST);
  });

  it('on dark surfaces, lightens the last candidate just enough', () => {
    const surfaces = ['#242424', '#3b3b3b'];
    expect(firstReadable(['#9775fa'], ['#242424'], AA_CONTRAST, 'white')).toBe('#9775fa');
    const lightened = firstReadable(['#9775fa'], surfaces, AA_CONTRAST, 'white');
    expect(contrastRatio(lightened, '#3b3b3b')).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(lightenHex('#9775fa', 0.05), '#3b3b3b')).toBeLessThan(AA_CONTRAST);
    expect(lightened).not.toBe('#ffffff');
  });
});
