// Browser test of the page layout at every size a course page or a phone gives it
// (src/ui/layout.cpp, geometry.cpp plan_page, side_panel.cpp, control_bar.cpp, start_card.cpp).
//
//   node tests/browser/layout.test.mjs     (LAYOUT_SHOTS=1: and screenshots of every size in both themes)
//
// At 480x400 and 800x600 (embedded lesson), 640x480, 390x844 (phone), 1280x800 and
// 2560x1440 (the full page with a lesson), from rects(): the six servers, the
// lesson's narration and its buttons are inside the viewport and none covers
// another; at 1280 every tab is as wide as its label; at 2560 the text is bigger
// than at 1280; the phone gets the stacked form with the tabs as a drop-down and
// touch targets of 44 px or more. A first visit (no parameters) gets the start card
// with the lessons; once dismissed it stays away for the session. theme=auto
// (prefers-color-scheme: light) gives a light canvas.
// Screenshots (LAYOUT_SHOTS=1): build/screenshots/layout-*.png.
import path from 'node:path';
import {
  check, firstPixel, launch, openPage, rects, requireBuild, run, shotDir, startServer, waitFor, waitFrames,
} from './lib.mjs';

const named = (all, name) => all.find((r) => r.name === name);
const overlaps = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
const inside = (r, w, h) => r.x >= -0.5 && r.y >= -0.5 && r.x + r.w <= w + 0.5 && r.y + r.h <= h + 0.5;
const LESSON_BUTTONS = /^lesson\/(do-it|next|next-big|skip|previous|restart|back)$/;
const SHOTS = !!process.env.LAYOUT_SHOTS;

// Resizes the page and waits until the canvas has been laid out for the new size.
async function resize(page, width, height) {
  await page.setViewportSize({ width, height });
  await waitFor(page, async (p) => {
    const all = await rects(p);
    const form = all.find((r) => r.name.startsWith('layout/'));
    return form && Math.abs(form.w - width) < 1 && Math.abs(form.h - height) < 1 && named(all, 'server/6');
  }, `the layout for ${width}x${height}`);
  await waitFrames(page, 3);  // the lesson's height is measured a frame after the first layout
}

// The checks every size shares: servers, narration and the lesson's buttons on screen, apart.
function checkParts(all, label, width, height) {
  const servers = [1, 2, 3, 4, 5, 6].map((id) => named(all, `server/${id}`));
  const narration = named(all, 'lesson/narration');
  const buttons = all.filter((r) => LESSON_BUTTONS.test(r.name));
  check(servers.every(Boolean), `${label}: the six servers are drawn`);
  check(narration, `${label}: the narration is on screen`);
  check(buttons.length >= 2, `${label}: the lesson's buttons are on screen`, buttons.map((b) => b.name).join(' '));
  const parts = [...servers, narration, ...buttons].filter(Boolean);
  const outside = parts.filter((r) => !inside(r, width, height));
  check(outside.length === 0, `${label}: all of them inside the ${width}x${height} viewport`, JSON.stringify(outside));
  // None covers another; the boxes and the legend must not cover them either.
  const others = ['lb', 'clients', 'legend'].map((n) => named(all, n)).filter(Boolean);
  const clashes = [];
  const everything = [...parts, ...others];
  for (let i = 0; i < everything.length; i++)
    for (let j = i + 1; j < everything.length; j++) {
      const a = everything[i], b = everything[j];
      if (i >= parts.length && j >= parts.length) continue;  // box vs legend: cluster.test's business
      if (overlaps(a, b)) clashes.push(`${a.name} x ${b.name}`);
    }
  check(clashes.length === 0, `${label}: none covers another`, clashes.join(', '));
  const smallest = Math.min(...servers.filter(Boolean).map((r) => r.w));
  console.log(`# ${label}: node diameter ${smallest.toFixed(0)} px, ${buttons.length} lesson buttons`);
  return { servers, narration, buttons };
}

// Screenshots cost seconds at 2560x1440 in software GL: only when asked for.
async function shoot(page, name) {
  if (SHOTS) await page.screenshot({ path: path.join(shotDir, `layout-${name}.png`) });
}

// The embedded lesson: 480x400 and 800x600.
async function embedded(browser, base, theme) {
  const { page, errors, ready } = await openPage(browser, `${base}?lesson=bully&embed=1&theme=${theme}`,
    { viewport: { width: 480, height: 400 } });
  check(ready, `embed (${theme}): the page is ready`);
  for (const [w, h] of [[480, 400], [800, 600]]) {
    await resize(page, w, h);
    checkParts(await rects(page), `embed ${w}x${h} ${theme}`, w, h);
    await shoot(page, `embed-${w}x${h}-${theme}`);
  }
  // Tooltips: over a server next to the lesson, and over a toolbar button.
  for (const target of ['server/2', 'server/3', 'button/reset']) {
    const r = named(await rects(page), target);
    await page.mouse.move(r.x + r.w * 0.6, r.y + r.h * 0.6);
    await waitFrames(page);  // the pointer has moved: no tooltip of the last target is left
    const all = await waitFor(page, async (p) => {
      const now = await rects(p);
      return named(now, 'tooltip') ? now : null;
    }, `a tooltip over ${target}`);
    const tip = all && named(all, 'tooltip');
    const covered = (all ? [named(all, target), ...all.filter((x) => LESSON_BUTTONS.test(x.name) || x.name === 'lesson/narration')] : [])
      .filter((x) => x && tip && overlaps(tip, x)).map((x) => x.name);
    check(tip && inside(tip, 800, 600) && covered.length === 0,
      `embed 800x600 ${theme}: the tooltip of ${target} is on screen and covers neither it nor the lesson`,
      `${covered.join(' ')} (tooltip ${JSON.stringify(tip)})`);
    if (target === 'server/2') await shoot(page, `embed-800x600-tooltip-${theme}`);
  }
  await page.mouse.move(1, 1);
  check(errors.length === 0, `embed (${theme}): no errors`, errors.join('\n'));
  await page.close();
}

// The full page with a lesson: 640x480, the phone, 1280x800, 2560x1440.
async function fullPage(browser, base, theme, opened = null) {
  const { page, errors, ready } = opened || await openPage(browser, `${base}?lesson=bully&theme=${theme}`,
    { viewport: { width: 1280, height: 800 } });
  check(ready, `full page (${theme}): the page is ready`);
  await waitFor(page, async (p) => named(await rects(p), 'lesson/narration'), 'the lesson');
  let tabHeight1280 = 0;
  for (const [w, h] of [[1280, 800], [2560, 1440], [640, 480], [390, 844]]) {
    await resize(page, w, h);
    const all = await rects(page);
    const label = `${w}x${h} ${theme}`;
    checkParts(all, label, w, h);
    const stacked = !!named(all, 'layout/stacked');
    if (w === 1280) {
      const tabs = all.filter((r) => r.name.startsWith('tab/'));
      const cut = tabs.filter((t) => {
        const text = named(all, `tab-label/${t.name.slice(4)}`);
        return !text || t.w < text.w + 8;  // room for the label and a little padding
      });
      check(tabs.length === 10 && cut.length === 0, `${label}: the 10 tabs show their whole names`,
        `${tabs.length} tabs; too narrow: ${cut.map((t) => t.name).join(' ')}`);
      check(!stacked, `${label}: two columns`);
      tabHeight1280 = tabs.length ? tabs[0].h : 0;
    }
    if (w === 2560) {
      const tab = named(all, 'tab/Lesson');
      check(tab && tab.h > tabHeight1280 * 1.3, `${label}: the text grows with the screen`,
        `tab height ${tab && tab.h} vs ${tabHeight1280} at 1280`);
    }
    if (w === 390) {
      check(stacked, `${label}: the phone gets the stacked layout`);
      const menu = named(all, 'tabs/menu');
      check(menu, `${label}: the tabs are a drop-down`);
      const targets = ['button/play', 'button/step', 'button/slower', 'button/faster', 'button/reset', 'button/more',
        'tabs/menu'].map((n) => named(all, n) || { name: n, h: 0, w: 0, missing: true });
      const small = targets.filter((r) => r.h < 44 - 0.5 || r.w < 44 - 0.5);
      check(small.length === 0, `${label}: touch targets are 44 px or more`, JSON.stringify(small));
      // Top to bottom: controls, cluster, the lesson, the timeline.
      const s1 = named(all, 'server/1'), s4 = named(all, 'server/4');
      const narration = named(all, 'lesson/narration'), timeline = named(all, 'timeline');
      check(named(all, 'button/play').y < s1.y && s4.y + s4.h < narration.y && narration.y < timeline.y,
        `${label}: controls, cluster, narration, timeline from top to bottom`);
    }
    await shoot(page, `page-${w}x${h}-${theme}`);
  }
  check(errors.length === 0, `full page (${theme}): no errors`, errors.join('\n'));
  await page.close();
}

// Pixels of the page's top-left corner, under the control bar's padding: the canvas colour.
const cornerColour = (page) => firstPixel(page, { x: 2, y: 2, width: 2, height: 2 });

// A first visit: the start card, in the theme the system prefers; opening a lesson
// from it closes it for the session. Returns the page, now in the lesson.
async function firstVisit(browser, base) {
  const opened = await openPage(browser, base,
    { viewport: { width: 1280, height: 800 }, startCard: true, colorScheme: 'light' });
  const { page, ready } = opened;
  check(ready, 'first visit: the page is ready');
  const card = await waitFor(page, async (p) => named(await rects(p), 'start/bully'), 'the start card');
  const all = await rects(page);
  check(card && named(all, 'start/free-play') && named(all, 'start/replication'),
    'first visit: the start card offers the lessons and free play');
  await shoot(page, 'start-card-light');
  await page.mouse.click(card.x + card.w / 2, card.y + card.h / 2);
  const gone = await waitFor(page, async (p) => !named(await rects(p), 'start'), 'the card to close');
  check(gone, 'first visit: choosing a lesson closes the card');
  check(await page.evaluate(() => sessionStorage.getItem('clustersim.startCardDismissed')) === '1',
    'first visit: the dismissal is kept for the session');
  const [r, g, b] = await cornerColour(page);
  check(r > 200 && g > 200 && b > 200, 'first visit: theme=auto follows prefers-color-scheme: light', `${r},${g},${b}`);
  return opened;
}

run('layout', async () => {
  requireBuild();
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  try {
    // Each size in one theme (dark embeds; the page in light, reached from the start
    // card as a newcomer would), or every size in both with LAYOUT_SHOTS.
    await embedded(browser, base, 'dark');
    await fullPage(browser, base, 'light', await firstVisit(browser, base));
    if (SHOTS) {
      await embedded(browser, base, 'light');
      await fullPage(browser, base, 'dark');
    }
  } finally {
    await browser.close();
    server.close();
  }
});
