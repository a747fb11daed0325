// The lint rule that keeps untrusted text out of HTML sinks (eslint.config.js, HTML_SINK_RULES), run on small
// sources through the repository's own ESLint configuration: the bug it exists for — a tooltip formatter
// interpolating a topic name — must fail, and the escaped form must pass.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The probe is not a file of any TypeScript project: the type-checked promise rules (which need one) are off.
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parserOptions: { project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});

async function restrictedSyntaxIn(source: string): Promise<number> {
  const [result] = await eslint.lintText(`import { html } from './escape-html';\n${source}\n`, {
    filePath: 'apps/web/src/ui/lint-probe.tsx',
  });
  const messages = result?.messages ?? [];
  // A probe that does not parse would pass the "accepts" cases for the wrong reason.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
}

describe('HTML sinks lint rule', () => {
  it.each([
    [
      'the share-of-voice bug: a template literal from a tooltip formatter',
      'export const o = { tooltip: { formatter: (p: { name: string }) => `${p.name} : 1` } };',
    ],
    [
      'a formatter with a block body',
      'export const o = { tooltip: { trigger: "item", formatter(p: { name: string }) { const s = `<b>${p.name}</b>`; return s; } } };',
    ],
    ['concatenation', 'export const o = { tooltip: { formatter: (p: { name: string }) => "<b>" + p.name + "</b>" } };'],
    [
      'a series-level tooltip formatter returning a helper result',
      'const describe = (n: string) => n;\nexport const o = { series: [{ tooltip: { formatter: (p: { name: string }) => describe(p.name) } }] };',
    ],
    [
      'a formatter passed by name',
      'const f = (p: { name: string }) => p.name;\nexport const o = { tooltip: { formatter: f } };',
    ],
    ['FullCalendar html content', 'export const c = (name: string) => ({ html: `<i>${name}</i>` });'],
    ['FullCalendar html content from a variable', 'export const c = (name: string) => ({ html: name });'],
    [
      'dangerouslySetInnerHTML',
      'export const C = (p: { t: string }) => <div dangerouslySetInnerHTML={{ __html: p.t }} />;',
    ],
    ['innerHTML', 'export function f(el: HTMLElement, t: string) { el.innerHTML = t; }'],
    ['insertAdjacentHTML', 'export function f(el: HTMLElement, t: string) { el.insertAdjacentHTML("beforeend", t); }'],
    ['document.write', 'export function f(t: string) { document.write(t); }'],
  ])('refuses %s', async (_, source) => {
    expect(await restrictedSyntaxIn(source)).toBeGreaterThan(0);
  });

  it.each([
    [
      'the escaped share-of-voice tooltip',
      'export const o = { tooltip: { formatter: (p: { name: string; value: number }) => html`${p.name} : ${p.value}` } };',
    ],
    [
      'a block body returning html',
      'export const o = { tooltip: { formatter(p: { name: string }) { const n = p.name.trim(); return html`<b>${n}</b>`; } } };',
    ],
    ['an ECharts string template (ECharts escapes {b})', "export const o = { tooltip: { formatter: '{b}: {c}' } };"],
    ['a text label formatter', 'export const o = { axisLabel: { formatter: (v: number) => `${v} %` } };'],
    [
      'a value formatter (ECharts escapes its result)',
      'export const o = { tooltip: { valueFormatter: (v: number) => `${v} %` } };',
    ],
    ['React text', 'export const C = (p: { t: string }) => <div title={p.t}>{p.t}</div>;'],
    ['textContent', 'export function f(el: HTMLElement, t: string) { el.textContent = t; }'],
  ])('accepts %s', async (_, source) => {
    expect(await restrictedSyntaxIn(source)).toBe(0);
  });
});
