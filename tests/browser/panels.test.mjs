// Browser test of the data panels: the Shop, Data, Balancer and Metrics tabs
// (src/ui/shop_panel.cpp, data_panel.cpp, balancer_panel.cpp, metrics_panel.cpp).
//
//   node tests/browser/panels.test.mjs
//
// Drives the real page with the mouse and keyboard: orders PRD-1 from the Shop
// (quantity 1, then 3 typed in, then 0, which the leader rejects), switches the
// load-balancing algorithm, starts the heavy load test, crashes a server while
// the balancer still believes it healthy, and opens the Data and Metrics tabs.
// Results are read through window.clustersim.state(); the simulation is paused
// and advanced with command('run ...') so every number is deterministic.
// Then a second load test (light, round robin) at a speed the student chose: the
// Balancer tab's table and the state's load_tests keep both, oldest first.
// Screenshots: build/screenshots/panel-{shop,data,balancer,balancer-done,metrics,balancer-tests}.png.
import fs from 'node:fs';
import path from 'node:path';
import { check, finish, launch, openPage, pictureStats, rects, shotDir, startServer, waitFrames } from './lib.mjs';

const state = (page) => page.evaluate(() => window.clustersim.state());
const command = (page, line) => page.evaluate((l) => window.clustersim.command(l), line);

async function shoot(page, name) {
  fs.mkdirSync(shotDir, { recursive: true });
  // The pointer off the panels, so no tooltip or hover colour covers them.
  await page.mouse.move(400, 40);
  await waitFrames(page);
  await page.screenshot({ path: path.join(shotDir, name) });
}

// Picture statistics of the side panel's contents: its own rectangle below the tab bar
// (the cluster view beside it is always drawn, so the whole page says nothing).
async function panelStats(page, tab) {
  const all = await rects(page);
  const panel = all.find((r) => r.name === 'panel');
  const bar = all.find((r) => r.name === `tab/${tab}`);
  if (!panel || !bar) return { missing: !panel ? 'panel' : `tab/${tab}` };
  const top = bar.y + bar.h + 4;
  return pictureStats(page, { x: panel.x, y: top, width: panel.w, height: panel.y + panel.h - top });
}
const hasContent = (st) => st.stddev > 15 && st.colours > 30;

async function findRect(page, name) {
  return (await rects(page)).find((r) => r.name === name);
}

// Clicks the named item at dx of its width and waits for the frames that apply the click.
async function clickNamed(page, name, dx = 0.5) {
  const r = await findRect(page, name);
  if (!check(r, `item '${name}' is on screen`)) return false;
  await page.mouse.click(r.x + r.w * dx, r.y + r.h / 2);
  await waitFrames(page);
  return true;
}

// Runs the paused simulation forward and checks the command was accepted.
async function run(page, duration) {
  const r = await command(page, `run ${duration}`);
  check(r.ok, `command('run ${duration}') is accepted`, r.error);
  await waitFrames(page);
}

const stockOf = (s, sku) => s.servers.filter((x) => x.alive).map((x) => x.stock[sku]);
const allEqual = (values, v) => values.length > 0 && values.every((x) => x === v);

// Types a quantity into the Shop's field for `sku` (select all, then the new number).
async function typeQuantity(page, sku, text) {
  // The field is the left part of the item; the - and + buttons sit on its right.
  if (!(await clickNamed(page, `shop/qty/${sku}`, 0.1))) return;
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await waitFrames(page, 2 * text.length + 3);  // each key down for a frame, up the next
}

const server = await startServer();
const browser = await launch();
try {
  const { page, errors, ready } = await openPage(browser, `http://127.0.0.1:${server.address().port}/`);
  if (!check(ready, 'page becomes ready')) throw new Error('page not ready');
  await page.evaluate(() => window.clustersim.pause());
  await run(page, '1s');

  // ---- Shop: order PRD-1 by clicking its Order button
  await clickNamed(page, 'tab/Shop');
  await waitFrames(page);
  const shopRects = await rects(page);
  check(shopRects.some((r) => r.name === 'shop/order/PRD-8') && shopRects.some((r) => r.name === 'shop/qty/PRD-1'),
    'the Shop lists every product with a quantity field and an Order button');
  let s = await state(page);
  const before = s.servers[0].stock['PRD-1'];
  check(allEqual(stockOf(s, 'PRD-1'), before), `every server starts with the same PRD-1 stock (${before})`);

  await clickNamed(page, 'shop/order/PRD-1');
  await waitFrames(page);
  s = await state(page);
  check(s.orders.submitted === 1, 'clicking Order submits one order', JSON.stringify(s.orders));
  await run(page, '3s');
  s = await state(page);
  check(s.orders.acknowledged === 1, 'the order is acknowledged', JSON.stringify(s.orders));
  check(allEqual(stockOf(s, 'PRD-1'), before - 1), `PRD-1 stock is ${before - 1} on every server`,
    JSON.stringify(stockOf(s, 'PRD-1')));

  // A typed quantity: 3.
  await typeQuantity(page, 'PRD-1', '3');
  await clickNamed(page, 'shop/order/PRD-1');
  await waitFrames(page);
  await run(page, '3s');
  s = await state(page);
  check(s.orders.acknowledged === 2, 'the order of 3 is acknowledged', JSON.stringify(s.orders));
  check(allEqual(stockOf(s, 'PRD-1'), before - 4), `PRD-1 stock is ${before - 4} on every server after ordering 3`,
    JSON.stringify(stockOf(s, 'PRD-1')));

  // A bad quantity can be sent: the leader rejects it (the lesson), stock is unchanged.
  await typeQuantity(page, 'PRD-1', '0');
  await clickNamed(page, 'shop/order/PRD-1');
  await waitFrames(page);
  await run(page, '3s');
  s = await state(page);
  check(s.orders.rejected === 1 && s.orders.acknowledged === 2, 'an order of quantity 0 is rejected by the leader',
    JSON.stringify(s.orders));
  check(allEqual(stockOf(s, 'PRD-1'), before - 4), 'a rejected order leaves the stock alone');
  await typeQuantity(page, 'PRD-1', '1');

  // Straight to server 3, skipping the balancer: the balancer routes nothing more.
  const routedSum = (st) => Object.values(st.lb.routed).reduce((a, b) => a + b, 0);
  const routedBefore = routedSum(s);
  await clickNamed(page, 'shop/route');
  await clickNamed(page, 'shop/route/3');
  await clickNamed(page, 'shop/order/PRD-2');
  await run(page, '3s');
  s = await state(page);
  check(s.orders.acknowledged === 3 && allEqual(stockOf(s, 'PRD-2'), 49), 'an order sent via server 3 is acknowledged',
    JSON.stringify(s.orders));
  check(routedSum(s) === routedBefore, 'an order sent via a server does not pass the balancer',
    `${routedSum(s)} vs ${routedBefore}`);

  // Refresh asks every product's stock through the balancer.
  await clickNamed(page, 'shop/refresh');
  await waitFrames(page);
  await run(page, '1s');
  s = await state(page);
  check(s.orders.submitted === 4, 'stock reads are not counted as orders', JSON.stringify(s.orders));
  await shoot(page, 'panel-shop.png');
  const shopStats = await panelStats(page, 'Shop');
  check(hasContent(shopStats), 'the Shop panel has content', JSON.stringify(shopStats));

  // ---- Balancer: switch the algorithm, start the heavy load test
  await clickNamed(page, 'tab/Balancer');
  await waitFrames(page);
  await clickNamed(page, 'balancer/algorithm');
  await waitFrames(page);
  await clickNamed(page, 'balancer/algorithm/least-connections');
  await waitFrames(page);
  s = await state(page);
  check(s.lb.algorithm === 'least-connections', 'the algorithm switches to least-connections', s.lb.algorithm);

  await clickNamed(page, 'balancer/weight/1/up');
  s = await state(page);
  check(s.servers[0].weight === 2, 'the + beside server 1 raises its weight to 2', String(s.servers[0].weight));
  await clickNamed(page, 'balancer/weight/1/down');
  s = await state(page);
  check(s.servers[0].weight === 1, 'the - brings it back to 1', String(s.servers[0].weight));

  const speedBefore = await page.evaluate(() => window.clustersim.speed());
  await clickNamed(page, 'balancer/load/heavy');
  await waitFrames(page);
  s = await state(page);
  check(s.load_test && s.load_test.running && s.load_test.preset === 'heavy', 'the heavy load test is running',
    JSON.stringify(s.load_test));
  // Real time: at the default 0.1x Heavy would take 200 s; started from the tab it runs at 1x.
  const speedAfter = await page.evaluate(() => window.clustersim.speed());
  check(speedBefore === 0.1 && speedAfter === 1, `a load test started at the default speed runs in real time (${speedBefore}x -> ${speedAfter}x)`);
  await run(page, '8s');
  s = await state(page);
  const lt = s.load_test;
  check(lt.running && lt.progress > 0.2 && lt.progress < 0.8,
    `after 8 s of 20 s the load test is part way (progress ${lt && lt.progress})`);
  check(lt.submitted > 50 && lt.submitted < 150, `it has sent about 80 orders (${lt.submitted})`);
  // Crash a server: the balancer keeps believing it healthy until a health check.
  const crash = await command(page, 'crash 2');
  check(crash.ok, 'server 2 crashes', crash.error);
  await run(page, '300ms');
  s = await state(page);
  check(s.lb.healthy.includes(2) && !s.servers[1].alive, 'the balancer still believes the crashed server 2 healthy',
    JSON.stringify(s.lb.healthy));
  await shoot(page, 'panel-balancer.png');

  await run(page, '25s');
  s = await state(page);
  check(s.load_test.finished && !s.load_test.running, 'the load test finishes', JSON.stringify(s.load_test));
  check(s.load_test.submitted === 200, 'heavy sends 200 orders', String(s.load_test.submitted));
  check(!s.lb.healthy.includes(2), 'a health check has taken server 2 out of rotation', JSON.stringify(s.lb.healthy));
  await shoot(page, 'panel-balancer-done.png');

  // ---- Data: restart server 2 and look before it has synced (a stale replica)
  const restart = await command(page, 'restart 2');
  check(restart.ok, 'server 2 restarts', restart.error);
  await clickNamed(page, 'tab/Data');
  await waitFrames(page);
  s = await state(page);
  check(s.servers[1].alive && s.servers[1].orders < s.servers[5].orders,
    'just restarted, server 2 holds fewer orders than the leader', `${s.servers[1].orders} vs ${s.servers[5].orders}`);
  await shoot(page, 'panel-data.png');
  const dataStats = await panelStats(page, 'Data');
  check(hasContent(dataStats), 'the Data panel has content', JSON.stringify(dataStats));

  // ---- Metrics
  await run(page, '5s');
  await clickNamed(page, 'tab/Metrics');
  await waitFrames(page);
  const metricRects = await rects(page);
  check(['CPU', 'Queue depth', 'Response time', 'Throughput'].every((m) => metricRects.some((r) => r.name === `metrics/plot/${m}`)),
    'the Metrics tab plots CPU, queue depth, response time and throughput',
    metricRects.filter((r) => r.name.startsWith('metrics/')).map((r) => r.name).join(', '));
  await shoot(page, 'panel-metrics.png');
  const metricStats = await panelStats(page, 'Metrics');
  check(hasContent(metricStats), 'the Metrics panel has content', JSON.stringify(metricStats));

  // ---- Balancer again: a second load test with another algorithm; both stay in the table
  await clickNamed(page, 'tab/Balancer');
  await waitFrames(page);
  await command(page, 'lb round-robin');
  // A speed the student chose is kept.
  await page.evaluate(() => window.clustersim.speed(0.5));
  await waitFrames(page);
  await clickNamed(page, 'balancer/load/light');
  await waitFrames(page);
  const chosen = await page.evaluate(() => window.clustersim.speed());
  check(chosen === 0.5, `a speed the student chose is kept when a load test starts (${chosen}x)`);
  await run(page, '15s');
  s = await state(page);
  const kept = s.load_tests || [];
  check(kept.length === 2 && kept[0].number === 1 && kept[1].number === 2,
    'load_tests keeps both finished load tests, in the order they ran', JSON.stringify(kept.map((t) => t.number)));
  check(kept.length === 2 && kept[0].preset === 'heavy' && kept[0].algorithm === 'least-connections' &&
    kept[1].preset === 'light' && kept[1].algorithm === 'round-robin',
  'each with its preset and algorithm', JSON.stringify(kept.map((t) => [t.preset, t.algorithm])));
  check(kept.length === 2 && kept[0].submitted === 200 && kept[1].submitted === 20 &&
    kept[1].acknowledged === s.load_test.acknowledged && kept[1].latency_ms.p99 === s.load_test.latency_ms.p99,
  'the rows hold the counts and percentiles each test ended with', JSON.stringify(kept.map((t) => [t.submitted, t.acknowledged, t.latency_ms])));
  const rows = (await rects(page)).filter((r) => r.name.startsWith('balancer/load-tests/'));
  const row1 = rows.find((r) => r.name === 'balancer/load-tests/1');
  const row2 = rows.find((r) => r.name === 'balancer/load-tests/2');
  check(rows.length === 2 && row1 && row2 && row2.y > row1.y,
    'the Balancer tab shows one row per finished load test, oldest first', JSON.stringify(rows));
  const panelRect = await findRect(page, 'panel');
  check(panelRect && row2 && row2.y + row2.h <= panelRect.y + panelRect.h,
    'both rows are in view without scrolling', JSON.stringify({ panel: panelRect, row2 }));
  await shoot(page, 'panel-balancer-tests.png');

  check(errors.length === 0, 'no console errors', errors.join('\n'));
} catch (e) {
  check(false, 'the test ran to the end', e.stack || String(e));
} finally {
  await browser.close();
  server.close();
}
finish('panels');
