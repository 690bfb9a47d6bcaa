// Browser test of the Faults and Log tabs (src/ui/faults_panel.cpp, log_panel.cpp).
//
//   node tests/browser/faults.test.mjs
//
// Drives the real page with the mouse: builds the partition 1,2,3 | 4,5,6 with
// the per-server side toggles and the Partition button, lets both sides sell a
// product of stock 3 until the checker reports a violation, clicks the
// violation (the timeline jumps back to it), heals, switches quorum on, then
// searches the Log tab. Everything is checked through window.clustersim.state().
// Screenshots: build/screenshots/faults-*.png and log-*.png.
import fs from 'node:fs';
import path from 'node:path';
import {
  check, clickNamed, finish, launch, openPage, pictureStats, rects, shotDir, startServer, waitFor, waitForState, waitFrames,
} from './lib.mjs';

const SCENARIO = [
  'servers 6',
  'seed 7',
  'product GADGET stock=3 price=99',
  'run 2s',
].join('\n');

const state = (page) => page.evaluate(() => window.clustersim.state());

// The named item, scrolling the side panel down (mouse wheel over it) if it is below the fold.
async function findScrolling(page, name, overName) {
  for (let attempt = 0; attempt < 12; attempt++) {
    const all = await rects(page);
    const r = all.find((x) => x.name === name);
    if (r && r.y >= 0 && r.y + r.h <= 720) return r;
    const over = all.find((x) => x.name === overName);
    if (!over) return null;
    await page.mouse.move(over.x + over.w / 2, over.y + over.h + 120);
    await page.mouse.wheel(0, r && r.y < 0 ? -200 : 200);
    await waitFrames(page);
  }
  return null;
}

async function clickScrolling(page, name, overName) {
  const r = await findScrolling(page, name, overName);
  if (!check(r, `item '${name}' is on screen`)) return false;
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await waitFrames(page);
  return true;
}

// Opens a side tab and waits for its contents (an item named `content`). The tab
// bar scrolls smoothly when it does not fit, so a tab's rectangle can still be
// moving: click only once it stands still, and click again if the tab did not open.
async function openTab(page, tab, content) {
  for (let attempt = 0; attempt < 3; attempt++) {
    let before = null;
    for (let i = 0; i < 20; i++) {
      const r = (await rects(page)).find((x) => x.name === tab);
      if (r && before && r.x === before.x && r.w === before.w) break;
      before = r;
      await waitFrames(page, 1);
    }
    if (!before) break;
    await page.mouse.click(before.x + before.w / 2, before.y + before.h / 2);
    for (let i = 0; i < 20; i++) {
      if ((await rects(page)).some((x) => x.name === content)) return check(true, `the ${tab} tab opens`);
      await waitFrames(page, 1);
    }
  }
  return check(false, `the ${tab} tab opens`);
}

async function shoot(page, name) {
  fs.mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: path.join(shotDir, name) });
}

const sameSides = (partition, a, b) => Array.isArray(partition) && partition.length === 2 &&
  JSON.stringify(partition[0]) === JSON.stringify(a) && JSON.stringify(partition[1]) === JSON.stringify(b);

const server = await startServer();
const browser = await launch();
try {
  const { page, errors, ready } = await openPage(browser, `http://127.0.0.1:${server.address().port}/`);
  if (!check(ready, 'page becomes ready')) throw new Error('page not ready');

  const loaded = await page.evaluate((text) => window.clustersim.load(text), SCENARIO);
  check(loaded.ok, 'the small-stock scenario loads', loaded.error);
  await page.evaluate(() => window.clustersim.pause());

  // ---- the Faults tab and its partition editor
  await openTab(page, 'tab/Faults', 'faults/partition');
  const initial = await rects(page);
  check(initial.some((r) => r.name === 'faults/side/6') && initial.some((r) => r.name === 'faults/partition'),
    'the Faults tab shows a side toggle per server and the Partition button');
  await shoot(page, 'faults-initial.png');

  for (const id of [4, 5, 6]) {
    await clickNamed(page, `faults/side/${id}`);
  }
  await clickNamed(page, 'faults/partition');
  let s = await waitForState(page, (x) => x.network.partition !== null, 'a partition');
  check(sameSides(s.network.partition, [1, 2, 3], [4, 5, 6]), 'clicking 4, 5, 6 and Partition gives partition 1,2,3 | 4,5,6',
    JSON.stringify(s.network.partition));
  await shoot(page, 'faults-partitioned.png');

  // ---- both sides elect a leader and sell the same scarce stock
  await page.evaluate(() => { window.clustersim.speed(10); window.clustersim.resume(); });
  s = await waitForState(page, (x) => [1, 2, 3].every((id) => x.servers[id - 1].alive && [1, 2, 3].includes(x.servers[id - 1].leader)),
    'a leader on the side 1,2,3', 60000);
  check([1, 2, 3].every((id) => [1, 2, 3].includes(s.servers[id - 1].leader)), 'the side 1,2,3 elects its own leader',
    JSON.stringify(s.servers.map((x) => x.leader)));
  const a = await page.evaluate(() => window.clustersim.command('order GADGET 2 via 1'));
  const b = await page.evaluate(() => window.clustersim.command('order GADGET 2 via 4'));
  check(a.ok && b.ok, 'an order on each side is accepted by the page', `${a.error || ''} ${b.error || ''}`);
  s = await waitForState(page, (x) => x.violations.length > 0, 'a violation', 60000);
  check(s.violations.length > 0, 'the checker reports a violation', JSON.stringify(s.orders));
  const violation = s.violations[0] || { time_ms: 0, kind: '?' };
  // Run on a little, so that jumping back to the violation is a real jump.
  s = await waitForState(page, (x) => x.time_ms > violation.time_ms + 3000, 'time to run on');
  await page.evaluate(() => window.clustersim.pause());
  await waitFrames(page);
  s = await state(page);
  check(s.time_ms > violation.time_ms + 2000, 'time ran on past the violation', `${s.time_ms} vs ${violation.time_ms}`);
  await shoot(page, 'faults-violations.png');

  // ---- a click on the violation jumps back to it
  if (await clickScrolling(page, 'violation/0', 'tab/Faults')) {
    s = await waitForState(page, (x) => Math.abs(x.time_ms - violation.time_ms) <= 1000, 'the jump');
    check(Math.abs(s.time_ms - violation.time_ms) <= 1000,
      `clicking the ${violation.kind} violation jumps to its time (${violation.time_ms} ms)`, `time_ms ${s.time_ms}`);
    check(await page.evaluate(() => window.clustersim.paused()), 'the jump pauses, so the moment stays on screen');
    await shoot(page, 'faults-violation-selected.png');
  }

  // ---- heal and quorum, by clicking
  if (await clickScrolling(page, 'faults/heal', 'tab/Faults')) {
    s = await waitForState(page, (x) => x.network.partition === null, 'the heal');
    check(s.network.partition === null, 'Heal ends the partition', JSON.stringify(s.network.partition));
  }
  check(!(await state(page)).quorum, 'quorum is off to begin with (the course design)');
  if (await clickScrolling(page, 'faults/quorum', 'tab/Faults')) {
    s = await waitForState(page, (x) => x.quorum === true, 'quorum on');
    check(s.quorum === true, 'clicking the quorum box switches quorum on');
  }
  await shoot(page, 'faults-quorum.png');

  // ---- the loss slider sends its command on release, not while dragged
  const loss = await findScrolling(page, 'faults/loss', 'tab/Faults');
  if (check(loss, "item 'faults/loss' is on screen")) {
    const y = loss.y + loss.h / 2;
    await page.mouse.move(loss.x + 4, y);
    await page.mouse.down();
    await waitFrames(page);
    await page.mouse.move(loss.x + loss.w * 0.3, y, { steps: 5 });
    await waitFrames(page);
    const during = (await state(page)).network.loss;
    await page.mouse.up();
    s = await waitForState(page, (x) => x.network.loss > 0, 'the loss to be set');
    check(during === 0 && s.network.loss > 0.1 && s.network.loss < 0.5,
      'dragging the loss slider changes nothing until release, then sets the loss', `during ${during}, after ${s.network.loss}`);
  }

  // ---- the Log tab: search
  // What the tab shows is read back through window.clustersim.logView(): its search,
  // how many lines its filters keep out of how many, and the newest of those lines.
  const logView = (p) => p.evaluate(() => window.clustersim.logView(200));
  const mentions = (line) => /gadget/i.test(line);
  await openTab(page, 'tab/Log', 'log/search');
  const unfiltered = await waitFor(page, async (p) => { const v = await logView(p); return v.total > 0 && v; }, 'log lines');
  check(unfiltered.search === '' && unfiltered.shown === unfiltered.total && unfiltered.lines.some((l) => !mentions(l)),
    'before a search the Log shows every line, also lines without GADGET',
    JSON.stringify({ search: unfiltered.search, shown: unfiltered.shown, total: unfiltered.total }));
  await shoot(page, 'log-all.png');
  if (await clickNamed(page, 'log/search')) {
    await page.keyboard.type('GADGET');
    const view = await waitFor(page, async (p) => { const v = await logView(p); return v.search === 'GADGET' && v; },
      'the search to apply') || await logView(page);
    const others = view.lines.filter((l) => !mentions(l));
    check(view.shown > 0 && view.shown < view.total && view.lines.length > 0 && others.length === 0,
      'searching GADGET keeps only the lines that mention it',
      JSON.stringify({ search: view.search, shown: view.shown, total: view.total, other: others.slice(0, 3) }));
    const all = await rects(page);
    check(all.some((r) => r.name === 'log/lines'), 'the log lines are on screen');
    await shoot(page, 'log-search.png');
    const stats = await pictureStats(page);
    check(stats.stddev > 10 && stats.colours > 20, 'the log screenshot is not blank', JSON.stringify(stats));
  }

  check(errors.length === 0, 'no console errors', errors.join('\n'));
} catch (error) {
  check(false, 'the test ran to the end', error.stack || String(error));
} finally {
  await browser.close();
  server.close();
}
finish('faults');
