// Browser test of the cluster view, the Inspect tab and the concepts strip
// (src/ui/cluster_view.cpp, inspect_panel.cpp, concepts_panel.cpp).
//
//   node tests/browser/cluster.test.mjs
//
// Drives the real page with the mouse: checks the layout at 1280x720 (nothing
// overlaps, everything left of the side panel), clicks server 6 (Inspect shows
// it), hovers a server (a tooltip appears), crashes the leader with its Crash
// button, runs until server 5 leads, steps until a message is in flight and
// clicks its dot (Inspect shows the message), partitions the cluster (the cut
// is drawn in red), clicks a violation in the Faults tab (its servers get a red
// halo), and checks the layout at 1920x1080, on a 2x screen and embedded at
// 800x600 (with 6 and with 64 servers).
// Screenshots: build/screenshots/cluster-*.png.
import fs from 'node:fs';
import path from 'node:path';
import * as lib from './lib.mjs';
import {
  check, clickNamed, countColour, finish, launch, openPage, rects, shotDir, startServer, waitFor, waitForRect, waitFrames,
} from './lib.mjs';

const SCENARIO = ['servers 6', 'seed 5'].join('\n');

const state = (page) => page.evaluate(() => window.clustersim.state());
const named = (all, name) => all.find((r) => r.name === name);
const centre = (r) => [r.x + r.w / 2, r.y + r.h / 2];
const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

const waitForState = (page, fn, what, timeoutMs) => lib.waitForState(page, fn, what, timeoutMs);

// The named item, scrolling the side panel (mouse wheel under its tab bar) until it is in view.
async function findScrolling(page, name, overName, height) {
  for (let attempt = 0; attempt < 12; attempt++) {
    const all = await rects(page);
    const r = named(all, name);
    if (r && r.y >= 0 && r.y + r.h <= height) return r;
    const over = named(all, overName);
    if (!over) return null;
    await page.mouse.move(over.x + over.w / 2, over.y + over.h + 120);
    await page.mouse.wheel(0, r && r.y < 0 ? -200 : 200);
    await waitFrames(page);
  }
  return null;
}

// Clicks the named item if it is there, without a check of its own (for loops).
async function press(page, name) {
  const r = named(await rects(page), name);
  if (r) await page.mouse.click(...centre(r));
  await waitFrames(page);
  return !!r;
}

async function shoot(page, name) {
  fs.mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: path.join(shotDir, name) });
}

// The layout checks shared by every window size: each server node, the two
// boxes, the legend and the concepts strip are on screen, inside the cluster
// area (left of the side panel, if any), and none covers another.
// minNode: the smallest node diameter in CSS pixels that is still easy to click.
async function checkLayout(page, label, servers, width, height, minNode = servers <= 6 ? 32 : 8) {
  const all = await rects(page);
  const nodes = [];
  for (let id = 1; id <= servers; id++) nodes.push(named(all, `server/${id}`));
  const boxes = ['lb', 'clients', 'concepts'].map((n) => named(all, n));
  if (!check(nodes.every(Boolean) && boxes.every(Boolean), `${label}: every server, the two boxes and the concepts strip are exposed`)) return;
  const legend = named(all, 'legend');
  // The cluster area ends at the side panel's tabs, or at an embedded lesson's narration.
  const tab = named(all, 'tab/Inspect') || named(all, 'lesson/narration');
  const right = tab ? tab.x : width;
  // The buttons under the nodes (Crash or Restart, and Isolate beside the selected one).
  const buttons = all.filter((r) => /^button\/(crash|restart|isolate)\/\d+$/.test(r.name));
  const parts = [...nodes, ...buttons, ...boxes, ...(legend ? [legend] : [])];
  check(parts.every((r) => r.x >= 0 && r.y >= 0 && r.x + r.w <= right + 0.5 && r.y + r.h <= height),
    `${label}: everything is inside the cluster area (right edge ${Math.round(right)})`,
    JSON.stringify(parts.filter((r) => !(r.x >= 0 && r.y >= 0 && r.x + r.w <= right + 0.5 && r.y + r.h <= height))));
  // Nodes are circles: two clash when their centres are closer than their radii added,
  // a node and a rectangle when the rectangle's nearest point is inside the circle.
  const isNode = (r) => r.name.startsWith('server/');
  const circleMeetsRect = (c, r) => {
    const cx = c.x + c.w / 2, cy = c.y + c.h / 2;
    const nx = Math.max(r.x, Math.min(cx, r.x + r.w)), ny = Math.max(r.y, Math.min(cy, r.y + r.h));
    return Math.hypot(cx - nx, cy - ny) < c.w / 2;
  };
  const clash = (a, b) => {
    if (isNode(a) && isNode(b)) return Math.hypot(a.x + a.w / 2 - b.x - b.w / 2, a.y + a.h / 2 - b.y - b.h / 2) < (a.w + b.w) / 2;
    if (isNode(a)) return circleMeetsRect(a, b);
    if (isNode(b)) return circleMeetsRect(b, a);
    return overlaps(a, b);
  };
  const clashes = [];
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++)
      if (clash(parts[i], parts[j])) clashes.push(`${parts[i].name} x ${parts[j].name}`);
  check(clashes.length === 0, `${label}: nodes, their ${buttons.length} buttons, boxes, legend and strip do not overlap`,
    clashes.join(', '));
  const smallest = Math.min(...nodes.map((r) => r.w));
  check(smallest >= minNode, `${label}: nodes are big enough to click (${Math.round(smallest)} px, at least ${minNode})`);
}

const server = await startServer();
const browser = await launch();
const base = `http://127.0.0.1:${server.address().port}/`;
try {
  const { page, errors, ready } = await openPage(browser, base);
  if (!check(ready, 'page becomes ready')) throw new Error('page not ready');
  const loaded = await page.evaluate((text) => window.clustersim.load(text), SCENARIO);
  check(loaded.ok, 'the scenario loads', loaded.error);
  await page.evaluate(() => window.clustersim.pause());
  await waitFrames(page);

  // ---- layout at 1280x720, and nothing selected yet
  await checkLayout(page, '1280x720', 6, 1280, 720);
  let all = await rects(page);
  for (let id = 1; id <= 6; id++) check(named(all, `button/crash/${id}`), `server ${id} has a Crash button under it`);
  check(named(all, 'inspect/empty'), 'Inspect says to click a server or a message while nothing is selected');
  check(!named(all, 'button/isolate/6'), 'no Isolate button before a server is selected');
  await shoot(page, 'cluster-start.png');

  // ---- a click on server 6 selects it and shows it in Inspect
  const s0 = await state(page);
  check(s0.leader === 6, 'server 6 leads at the start', JSON.stringify(s0.leader));
  await clickNamed(page, 'server/6');
  check(await waitForRect(page, 'inspect/server/6'), 'clicking server 6 shows it in the Inspect tab');
  all = await rects(page);
  check(!named(all, 'inspect/empty'), 'the hint is gone once a server is selected');
  check(named(all, 'button/isolate/6') && named(all, 'inspect/button/isolate/6'),
    'the selected server gets an Isolate button beside its node and in Inspect');
  check(named(all, 'inspect/button/crash/6'), 'Inspect has a Crash button for server 6');
  await shoot(page, 'cluster-select.png');

  // ---- hovering server 3 shows its tooltip: the picture changes next to the mouse
  const s3 = named(all, 'server/3');
  const tipArea = { x: s3.x + s3.w / 2, y: s3.y + s3.h / 2, width: 260, height: 160 };
  tipArea.x = Math.min(tipArea.x, 1280 - tipArea.width);
  tipArea.y = Math.min(tipArea.y, 720 - tipArea.height);
  await page.mouse.move(5, 700);
  await waitFrames(page);
  const before = await page.screenshot({ clip: tipArea });
  await page.mouse.move(...centre(s3));
  await waitFrames(page, 5);
  const after = await page.screenshot({ clip: tipArea });
  check(!before.equals(after), 'hovering server 3 draws a tooltip beside it');
  await shoot(page, 'cluster-hover.png');

  // ---- crash the leader with its Crash button, then a new leader is elected
  await clickNamed(page, 'button/crash/6');
  const crashed = await waitForState(page, (s) => s.servers[5].alive === false, 'server 6 down');
  check(crashed.servers[5].alive === false, 'the Crash button under server 6 crashes it', JSON.stringify(crashed.servers[5]));
  check(await waitForRect(page, 'button/restart/6'), 'server 6 now has a Restart button');
  await shoot(page, 'cluster-crash.png');
  await page.evaluate(() => { window.clustersim.speed(10); window.clustersim.resume(); });
  const elected = await waitForState(page, (s) => s.leader === 5, 'server 5 to lead');
  check(elected.leader === 5, 'after the crash, server 5 is elected leader', JSON.stringify(elected.leader));
  await page.evaluate(() => { window.clustersim.pause(); window.clustersim.speed(0.1); });
  await waitFrames(page);
  await shoot(page, 'cluster-new-leader.png');

  // ---- step until a message is in flight, click its dot, Inspect shows it
  await page.evaluate(() => window.clustersim.command('order PRD-1 1'));
  let dot = null;
  for (let i = 0; i < 40 && !dot; i++) {
    await press(page, 'button/step');
    // Only dots out in the open are exposed (one still inside its sender's node is not).
    dot = (await rects(page)).find((r) => r.name.startsWith('message/'));
  }
  if (check(dot, 'stepping event by event puts a message dot on screen')) {
    const id = dot.name.split('/')[1];
    await page.mouse.click(...centre(dot));
    check(await waitForRect(page, `inspect/message/${id}`), `clicking the dot shows message ${id} in Inspect`);
    all = await rects(page);
    check(!named(all, 'inspect/server/6'), 'selecting a message replaces the selected server');
    await shoot(page, 'cluster-message.png');
    // Delivered, it stays in Inspect (marked as delivered).
    for (let i = 0; i < 10; i++) await press(page, 'button/step');
    check(await waitForRect(page, `inspect/message/${id}`), 'the message stays in Inspect after it is delivered');
  }

  // ---- a partition is drawn as a red cut across the ring
  const ring = await rects(page).then((rs) => {
    const ns = rs.filter((r) => r.name.startsWith('server/'));
    const x0 = Math.min(...ns.map((r) => r.x)) - 30, y0 = Math.min(...ns.map((r) => r.y)) - 30;
    const x1 = Math.max(...ns.map((r) => r.x + r.w)) + 30, y1 = Math.max(...ns.map((r) => r.y + r.h)) + 30;
    return { x: Math.max(0, x0), y: Math.max(0, y0), width: x1 - Math.max(0, x0), height: y1 - Math.max(0, y0) };
  });
  const cutRed = [235, 85, 85];
  const redBefore = await countColour(page, ring, cutRed, 25);
  const part = await page.evaluate(() => window.clustersim.command('partition 1,2,3 | 4,5,6'));
  check(part.ok, 'the partition command is accepted', JSON.stringify(part));
  await waitFrames(page);
  const redAfter = await countColour(page, ring, cutRed, 25);
  check(redAfter > redBefore + 400, 'the partition is drawn as a red cut across the ring', `${redBefore} -> ${redAfter} red pixels`);
  await shoot(page, 'cluster-partition.png');

  // ---- split brain: click the violation in the Faults tab, its servers get a red halo
  await page.evaluate(() => { window.clustersim.command('restart 6'); window.clustersim.speed(10); window.clustersim.resume(); });
  await waitForState(page, (s) => s.servers.filter((x) => x.alive && x.leader === x.id).length >= 2, 'two leaders');
  await page.evaluate(() => { window.clustersim.command('order PRD-1 1 via 1'); window.clustersim.command('order PRD-1 1 via 6'); });
  const split = await waitForState(page, (s) => s.violations.length > 0, 'a violation');
  await page.evaluate(() => window.clustersim.pause());
  if (check(split.violations.length > 0, 'both sides take orders: the checker reports a violation', JSON.stringify(split.violations))) {
    await clickNamed(page, 'tab/Faults');
    const row = await findScrolling(page, 'violation/0', 'tab/Faults', 720);
    if (!row) await shoot(page, 'cluster-violation-missing.png');
    if (check(row, 'the Faults tab lists the violation')) {
      await page.mouse.click(...centre(row));
      const halo = await waitFor(page, async (p) => { const rs = await rects(p); return rs.some((r) => r.name.startsWith('highlight/')) && rs; },
        'a highlight') || [];
      const marked = halo.filter((r) => r.name.startsWith('highlight/')).map((r) => Number(r.name.split('/')[1]));
      check(marked.length > 0, 'the servers of the clicked violation are marked in the cluster view', JSON.stringify(marked));
      await shoot(page, 'cluster-violation.png');
    }
  }

  // ---- a bigger window, then the embedded layout
  await page.evaluate(() => window.clustersim.command('heal'));
  await page.setViewportSize({ width: 1920, height: 1080 });
  await waitFor(page, (p) => p.evaluate(() => document.getElementById('canvas').width === 1920), 'the canvas at 1920 px');
  await waitFrames(page);  // a frame laid out at the new size
  await checkLayout(page, '1920x1080', 6, 1920, 1080);
  await shoot(page, 'cluster-1920.png');
  check(errors.length === 0, 'no console errors, page errors or failed requests', errors.join(' | '));
  await page.close();

  // On a 2x screen everything is drawn twice as big in device pixels: the same layout in CSS pixels.
  const hidpi = await openPage(browser, base, { deviceScaleFactor: 2 });
  if (check(hidpi.ready, 'the page becomes ready on a 2x screen')) {
    await hidpi.page.evaluate(() => window.clustersim.pause());
    await waitFrames(hidpi.page);
    await checkLayout(hidpi.page, '1280x720 at 2x', 6, 1280, 720);
    await shoot(hidpi.page, 'cluster-hidpi.png');
    check(hidpi.errors.length === 0, 'no errors on a 2x screen', hidpi.errors.join(' | '));
  }
  await hidpi.page.close();

  const embed = await openPage(browser, `${base}?embed=1`, { viewport: { width: 800, height: 600 } });
  if (check(embed.ready, 'the embedded page becomes ready')) {
    await embed.page.evaluate(() => window.clustersim.pause());
    await waitFrames(embed.page);
    await checkLayout(embed.page, 'embed 800x600', 6, 800, 600);
    await shoot(embed.page, 'cluster-embed.png');

    const big = await embed.page.evaluate(() => window.clustersim.load('servers 64\nrun 3s'));
    check(big.ok, '64 servers load', big.error);
    await waitForRect(embed.page, 'server/64');
    await checkLayout(embed.page, 'embed with 64 servers', 64, 800, 600);
    await embed.page.mouse.click(...centre(named(await rects(embed.page), 'server/40')));
    await waitFrames(embed.page);
    check((await state(embed.page)).servers.length === 64, 'clicking a node of a 64-server ring does no harm');
    await shoot(embed.page, 'cluster-embed-64.png');
    check(embed.errors.length === 0, 'no errors in the embedded page', embed.errors.join(' | '));
  }
  await embed.page.close();

  // An embedded lesson at 800x600: the cluster view beside the narration is small. A
  // button under every node would cover the node below (commit 52acca8), so only the
  // selected node shows its buttons; before and after selecting one, nothing overlaps.
  const lesson = await openPage(browser, `${base}?lesson=bully&embed=1`, { viewport: { width: 800, height: 600 } });
  if (check(lesson.ready, 'the embedded lesson becomes ready')) {
    await waitForRect(lesson.page, 'lesson/narration');
    // Beside the narration the nodes are smaller: 24 px is still a comfortable target.
    await checkLayout(lesson.page, 'embedded lesson 800x600', 6, 800, 600, 24);
    await clickNamed(lesson.page, 'server/3');
    check(await waitForRect(lesson.page, 'button/isolate/3'), 'embedded lesson: the selected server 3 shows its buttons');
    await checkLayout(lesson.page, 'embedded lesson 800x600, server 3 selected', 6, 800, 600, 24);
    await shoot(lesson.page, 'cluster-embed-lesson.png');
    check(lesson.errors.length === 0, 'no errors in the embedded lesson', lesson.errors.join(' | '));
  }
  await lesson.page.close();
} catch (error) {
  check(false, 'the test ran to the end', error.stack || String(error));
} finally {
  await browser.close();
  server.close();
}
finish('cluster');
