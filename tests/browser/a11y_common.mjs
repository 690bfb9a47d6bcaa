// Shared by the accessibility tests (a11y.test.mjs, a11y_keyboard.test.mjs).
import AxeBuilder from '@axe-core/playwright';
import { openPage } from './lib.mjs';

// The WCAG 2.0 and 2.1 rules of levels A and AA, as axe-core tags them.
export const kWcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// axe-core's findings on the page (its iframes included), one line each.
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(kWcagTags).analyze();
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

// A page in a context of its own: axe-core's Playwright runner opens a helper page in
// the page's context, which a page made by browser.newPage() does not allow.
export async function open(browser, url, { viewport = { width: 1280, height: 720 }, waitReady = true, reducedMotion } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...(reducedMotion ? { reducedMotion } : {}) });
  const opened = await openPage(context, url, { waitReady });
  opened.close = () => context.close();
  return opened;
}

export const focusedId = (page) => page.evaluate(() => (document.activeElement ? document.activeElement.id : ''));

// Presses Tab (or Shift+Tab, when the element comes before the focus in the page) until
// the element with this id has the focus; at most `limit` presses.
export async function tabTo(page, id, limit = 40) {
  for (let i = 0; i < limit; i++) {
    const where = await page.evaluate((target) => {
      const el = document.getElementById(target);
      const active = document.activeElement;
      if (!el || active === el) return active === el ? 'here' : 'missing';
      // The canvas comes first in the page: from it (or from nowhere), go forward.
      if (!active || active === document.body || active.id === 'canvas') return 'forward';
      return el.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING ? 'back' : 'forward';
    }, id);
    if (where === 'here') return true;
    if (where === 'missing') return false;
    await page.keyboard.press(where === 'back' ? 'Shift+Tab' : 'Tab');
  }
  return (await focusedId(page)) === id;
}
