import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './escape-html';

describe('escapeHtml', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['"><script>x</script>', '&quot;&gt;&lt;script&gt;x&lt;/script&gt;'],
    ["it's", 'it&#39;s'],
    ['&lt;', '&amp;lt;'],
    ['Mairie de Villeneuve', 'Mairie de Villeneuve'],
    [null, ''],
    [undefined, ''],
    [42, '42'],
  ])('%s → %s', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('html', () => {
  it('keeps the literal markup and escapes every interpolation', () => {
    const name = '<b onclick="x">';
    expect(html`<strong>${name}</strong> ${3} %`).toBe('<strong>&lt;b onclick=&quot;x&quot;&gt;</strong> 3 %');
    expect(html`${'<'}${'>'}`).toBe('&lt;&gt;');
    expect(html`plain`).toBe('plain');
  });
});
