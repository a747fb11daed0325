// Runs axe-core (the engine behind most accessibility checkers) inside a Playwright page and keeps what WCAG 2.1 AA
// / RGAA audits treat as blocking: violations of impact "serious" or "critical", each written as one readable line
// (rule, what it asks, where) so a failing browser test says what to fix and on which elements.
// The script is evaluated through the DevTools protocol rather than added as a <script> tag: the app's Content
// Security Policy (script-src 'self') rightly refuses inline scripts, and the check must not weaken it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SCRIPT = readFileSync(join(dirname(require.resolve('axe-core/package.json')), 'axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);
const NODES_SHOWN = 3;

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  /** How many elements fail the rule. */
  count: number;
  /** The first elements: CSS selector, start of their HTML, and what axe says about each. */
  nodes: Array<{ target: string; html: string; summary: string }>;
}

interface AxeResultNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}

interface AxeResult {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeResultNode[];
}

declare global {
  interface Window {
    axe?: { run: (context: Document, options: object) => Promise<{ violations: AxeResult[] }> };
  }
}

/** The serious and critical violations on the page as it is now (every default axe rule, WCAG and best practice). */
export async function findA11yViolations(page: Page): Promise<A11yViolation[]> {
  // A menu or dialog still fading in has its text at partial opacity: wait for finite animations to end.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity,
      ),
  );
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE_SCRIPT);
  const results = await page.evaluate(async () => {
    const axe = window.axe;
    if (!axe) throw new Error('axe-core did not load');
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))),
        html: node.html,
        failureSummary: node.failureSummary ?? '',
      })),
    }));
  });
  return results
    .filter((violation) => BLOCKING.has(violation.impact))
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      count: violation.nodes.length,
      nodes: violation.nodes.slice(0, NODES_SHOWN).map((node) => ({
        target: node.target.join(' '),
        html: shorten(node.html, 120),
        summary: shorten(node.failureSummary, 220),
      })),
    }));
}

function shorten(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/**
 * One line per violation and one per element shown:
 * `color-contrast (serious, 4 elements): Elements must meet…` then `  at p.x <p class="x">Bonjour…> — Fix any of: …`.
 */
export function formatA11yViolations(violations: A11yViolation[]): string[] {
  return violations.flatMap((violation) => [
    `${violation.id} (${violation.impact}, ${violation.count} element${violation.count > 1 ? 's' : ''}): ${violation.help}`,
    ...violation.nodes.map((node) => `  at ${node.target} ${node.html} — ${node.summary}`),
  ]);
}
