// Accessibility, automated (issue 13; docs/ACCESSIBILITY.md): axe-core finds no
// violation of the WCAG 2.0 and 2.1 level A and AA rules on the full page, on an
// embedded lesson at 480x400, on web/embed.html with its two simulators, and with
// theme=light and theme=dark; the page has a language, a title, a main landmark,
// and a name and a description for the canvas. And the check can fail: with the
// page's language and a button's name taken away, axe reports both.
// (The keyboard, the live region and reduced motion: a11y_keyboard.test.mjs.)
//
//   node tests/browser/a11y.test.mjs
import path from 'node:path';
import { check, launch, requireBuild, run, shotDir, startServer, waitFor, waitFrames } from './lib.mjs';
import { axeViolations, open } from './a11y_common.mjs';

async function axeClean(page, where) {
  const violations = await axeViolations(page);
  check(violations.length === 0, `axe: no WCAG 2.1 A/AA violation on ${where}`, violations.join(' | '));
}

async function main() {
  requireBuild();
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  try {
    // ---- the full page ----
    // (One simulator at a time, web/embed.html's two aside: on two cores more would only be slower.)
    const full = await open(browser, base);
    check(full.ready, 'the page becomes ready');
    const head = await full.page.evaluate(() => {
      const canvas = document.getElementById('canvas');
      const description = document.getElementById(canvas.getAttribute('aria-describedby'));
      return {
        lang: document.documentElement.lang, title: document.title, main: !!document.querySelector('main canvas'),
        tabindex: canvas.tabIndex, role: canvas.getAttribute('role'), name: canvas.getAttribute('aria-label') || '',
        description: description ? description.textContent : '', live: (document.querySelector('[aria-live="polite"]') || {}).id,
      };
    });
    check(head.lang === 'en' && head.title.length > 10 && head.main, 'the page has a language, a title and a main landmark around the canvas', JSON.stringify(head));
    check(head.tabindex === 0 && head.role === 'application' && head.name.length > 5 && head.description.length > 100,
      'the canvas is focusable and has a role, a name and a description', JSON.stringify(head));
    check(head.live === 'live', 'the page has a polite live region');
    await axeClean(full.page, 'the full page');
    check(full.errors.length === 0, 'no console errors on the full page', full.errors.join(' | '));

    // ---- the check can fail: no language, a nameless button ----
    await full.page.evaluate(() => {
      document.documentElement.removeAttribute('lang');
      document.getElementById('describe').textContent = '';
    });
    const broken = await axeViolations(full.page);
    check(broken.some((v) => v.startsWith('html-has-lang')) && broken.some((v) => v.startsWith('button-name')),
      'axe reports a page without a language and a button without a name (the check can fail)', broken.join(' | ') || 'no violation');
    await full.close();

    // ---- an embedded lesson, at the smallest size the README promises ----
    const lesson = await open(browser, `${base}?embed=1&lesson=bully`, { viewport: { width: 480, height: 400 } });
    check(lesson.ready, 'the embedded Bully lesson becomes ready');
    await lesson.page.waitForFunction(() => !document.getElementById('lesson').hidden);
    await axeClean(lesson.page, 'the embedded Bully lesson at 480x400 (its companion showing the lesson)');
    await lesson.page.screenshot({ path: path.join(shotDir, 'a11y-embed-480x400.png') });
    await lesson.close();

    // ---- the example course page: axe looks inside both frames ----
    // (Their pages' markup is what is checked: the frames need not have started their simulators.)
    // A narrow window (a phone's, about): the frames shrink with the column, and two
    // simulators drawing in software cost less time while axe reads the page.
    const course = await open(browser, `${base}embed.html`, { waitReady: false, viewport: { width: 480, height: 800 } });
    await course.page.evaluate(() => document.querySelectorAll('iframe').forEach((f) => f.setAttribute('loading', 'eager')));
    const loaded = await course.page.waitForFunction(() => {
      const frames = Array.from(document.querySelectorAll('iframe'));
      return frames.length === 2 && frames.every((f) => f.contentDocument && f.contentDocument.getElementById('companion'));
    }).then(() => true, () => false);
    check(loaded, 'both simulators of web/embed.html have loaded their pages');
    await axeClean(course.page, 'web/embed.html with its two simulators');
    await course.close();

    // ---- both themes ----
    for (const theme of ['light', 'dark']) {
      const opened = await open(browser, `${base}?theme=${theme}`);
      check(opened.ready, `theme=${theme}: the page becomes ready`);
      await axeClean(opened.page, `the full page with theme=${theme}`);
      check(await opened.page.evaluate(() => window.clustersim.theme()) === theme, `theme=${theme} draws the ${theme} theme`);
      await opened.close();
    }

    // ---- theme=auto (the default) follows the system's colour scheme, also while open ----
    const auto = await open(browser, base);
    const drawn = () => auto.page.evaluate(() => window.clustersim.theme());
    const follows = async (scheme) => {
      await auto.page.emulateMedia({ colorScheme: scheme });
      return !!(await waitFor(auto.page, async () => (await drawn()) === scheme, `the ${scheme} theme`));
    };
    // Playwright's pages start with a light colour scheme.
    check(await drawn() === 'light', 'with no theme parameter, a light system gives the light theme');
    check(await follows('dark'), 'the page turns dark when the system does, without a reload');
    check(await follows('light'), 'and light again');
    const pinned = await open(browser, `${base}?theme=dark`);
    await pinned.page.emulateMedia({ colorScheme: 'light' });
    await waitFrames(pinned.page, 6);
    check(await pinned.page.evaluate(() => window.clustersim.theme()) === 'dark', 'theme=dark stays dark when the system turns light');
    await pinned.close();
    await auto.close();
  } finally {
    await browser.close();
    server.close();
  }
}

run('a11y', main);
