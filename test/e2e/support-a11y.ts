import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The smallest touch target allowed, in CSS pixels (WCAG 2.5.5 AAA / platform guidelines). */
export const MIN_TARGET = 44;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page and returns the serious and critical violations, described. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async (): Promise<AxeViolation[]> => {
    const runner = (window as unknown as { axe: typeof axe }).axe;
    const results = await runner.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}: ${v.help}) at ${v.targets.join(', ')}`);
}

/**
 * Every visible control in main, nav and the top bar that is smaller than 44×44 CSS pixels.
 * A checkbox or radio counts with its label, which takes the same tap. Links inside a
 * paragraph of running text are exempt (WCAG 2.5.8, inline exception); nothing else is.
 */
export async function smallTouchTargets(page: Page): Promise<{ checked: number; offenders: string[] }> {
  return page.evaluate((min) => {
    const selector = ['main', 'nav', 'header']
      .flatMap((region) => ['a[href]', 'button', 'input', 'select', 'summary'].map((c) => `${region} ${c}`))
      .join(', ');
    const offenders: string[] = [];
    let checked = 0;
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
      if (element instanceof HTMLInputElement && element.type === 'hidden') continue;
      const inRunningText =
        element.tagName === 'A' && getComputedStyle(element).display === 'inline' && element.closest('p') !== null;
      if (inRunningText) continue;
      checked += 1;
      const boxes = [element.getBoundingClientRect()];
      if (element instanceof HTMLInputElement && element.labels) {
        for (const label of element.labels) boxes.push(label.getBoundingClientRect());
      }
      const width = Math.max(...boxes.map((b) => b.width));
      const height = Math.max(...boxes.map((b) => b.height));
      // Sub-pixel layout can round a 44 px box to 43.99.
      if (width + 0.5 < min || height + 0.5 < min) {
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? element.getAttribute('name') ?? '')
          .trim()
          .replace(/\s+/g, ' ')
          .slice(0, 50);
        const tag = element.tagName.toLowerCase();
        const classes =
          element.className && typeof element.className === 'string'
            ? `.${element.className.split(' ').join('.')}`
            : '';
        offenders.push(`${tag}${classes} "${name}" is ${Math.round(width)}×${Math.round(height)} px`);
      }
    }
    return { checked, offenders };
  }, MIN_TARGET);
}
