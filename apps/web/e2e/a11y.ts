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
  /** The CSS selectors of the first elements, and what axe says about the first one. */
  targets: string[];
  summary: string;
}

interface AxeResultNode {
  target: unknown[];
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
      targets: violation.nodes.slice(0, NODES_SHOWN).map((node) => node.target.join(' ')),
      summary: (violation.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    }));
}

/** One line per violation: `color-contrast (serious, 4): Elements must meet… at .a, .b — Fix any of: …`. */
export function formatA11yViolations(violations: A11yViolation[]): string[] {
  return violations.map((violation) => {
    const more = violation.count > violation.targets.length ? ` (+${violation.count - violation.targets.length})` : '';
    return `${violation.id} (${violation.impact}, ${violation.count}): ${violation.help} at ${violation.targets.join(' | ')}${more} — ${violation.summary}`;
  });
}
