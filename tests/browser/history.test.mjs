// Browser test of the History tab (client operations as bars, the linearizability verdict).
//
//   node tests/browser/history.test.mjs
//
// Opens the page on the History tab (view=history) and loads a run with a stale read:
// server 1 is cut off, an order is acknowledged by the others, then a read through
// server 1 returns the old stock. Checks that the verdict the tab shows is the one in
// state(), that exactly the witness operations are highlighted (the view exposes a
// `history/witness/ID` rect over each), and that clicking an operation moves the
// timeline to the moment its answer came (read from the page's own history export).
// Screenshot: build/screenshots/history-stale-read.png. Exits 1 if any check failed.
import path from 'node:path';
import {
  check, clickNamed, clipOf, launch, openPage, pictureStats, rects, requireBuild, run, shotDir, startServer, waitFor,
  waitForState,
} from './lib.mjs';

const STALE_READ = `servers 6
quorum on
product WIDGET stock=20 price=5
run 2s
isolate 1
order WIDGET 3
run 2s
read WIDGET via 1
run 1s
`;

// Ten minutes of load: 6,000 operations, far too many to draw one by one zoomed out.
const LONG_LOAD = `load rate=10 duration=10m
run 10m
`;

const state = (page) => page.evaluate(() => window.clustersim.state());

// The operations of the page's history export (EDN, one map per line), in invocation
// order: the process, invocation and completion times in ms (null: no answer).
function operations(edn) {
  const open = new Map();
  const ops = [];
  for (const line of edn.split('\n')) {
    const type = /:type :(\w+)/.exec(line);
    const proc = /:process (\d+)/.exec(line);
    const time = /:time (\d+)/.exec(line);
    if (!type || !proc || !time) continue;
    const ms = Number(time[1]) / 1e6;
    if (type[1] === 'invoke') {
      const op = { process: Number(proc[1]), invoke_ms: ms, complete_ms: null };
      ops.push(op);
      open.set(op.process, op);
    } else if (open.has(Number(proc[1]))) {
      open.get(Number(proc[1])).complete_ms = ms;
      open.delete(Number(proc[1]));
    }
  }
  return ops.sort((a, b) => a.invoke_ms - b.invoke_ms);
}

const named = (all, prefix) => all.filter((r) => r.name.startsWith(prefix));
const idOf = (r) => Number(r.name.split('/')[2]);

run('history', async () => {
  requireBuild();
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors, ready } = await openPage(browser, `http://127.0.0.1:${server.address().port}/?view=history`);
    if (!check(ready, 'the page is ready')) return;
    // The page plays a scenario rather than jumping to its end: seek past it.
    await page.evaluate((text) => {
      window.clustersim.load(text);
      window.clustersim.pause();
      window.clustersim.seek(5000);
    }, STALE_READ);

    // The verdict: not linearizable, as state() says, with the witness outlined.
    const s = await waitForState(page, (x) => x.linearizable === false, 'the stale read to be found');
    check(s.linearizable === false && s.linearizable_witness, 'state(): the stale read makes the history non-linearizable');
    const witness = (s.linearizable_witness?.operations || []).slice().sort((a, b) => a - b);
    const shown = await waitFor(page, async (p) => {
      const all = await rects(p);
      return named(all, 'history/verdict/not-linearizable').length && named(all, 'history/op/').length >= 2 ? all : null;
    }, 'the verdict and the operations in the History tab');
    check(shown, 'the History tab shows "not linearizable", as state() says',
      shown ? '' : JSON.stringify(named(await rects(page), 'history/verdict')));
    const all = shown || (await rects(page));
    const highlighted = named(all, 'history/witness/').map(idOf).sort((a, b) => a - b);
    check(witness.length > 0 && JSON.stringify(highlighted) === JSON.stringify(witness),
      'exactly the witness operations are highlighted', `highlighted ${highlighted}, witness ${witness}`);
    await page.screenshot({ path: path.join(shotDir, 'history-stale-read.png') });

    // Clicking the first operation (the order) moves the timeline to its answer.
    const ops = operations(await page.evaluate(() => window.clustersim.exportHistory()));
    const bars = named(all, 'history/op/').sort((a, b) => a.x - b.x);
    check(ops.length === bars.length && ops.length >= 2, 'one bar per operation of the history',
      `${bars.length} bars, ${ops.length} operations`);
    const first = ops[0];
    const before = (await state(page)).time_ms;
    await clickNamed(page, bars[0].name);
    const after = await waitForState(page, (x) => x.time_ms !== before, 'the timeline to move');
    check(first.complete_ms !== null && after.time_ms === Math.floor(first.complete_ms),
      'clicking the order moves the timeline to the moment it was acknowledged',
      `time ${before} -> ${after.time_ms} ms, acknowledged at ${first.complete_ms} ms`);

    // Back then, before the read, the history was linearizable: the tab says so too.
    check(after.linearizable === true, 'state(): linearizable before the stale read');
    const back = await waitFor(page, async (p) => named(await rects(p), 'history/verdict/linearizable').length > 0,
      'the verdict to follow the timeline');
    check(back, 'the History tab shows "linearizable" there too');

    // And the read that came later is not on screen: it has not happened yet.
    const later = await waitFor(page, async (p) => {
      const r = named(await rects(p), 'history/op/').sort((a, b) => a.x - b.x);
      return r.length ? r : null;
    }, 'the bars after the jump');
    check(later && later.length < bars.length, 'back in time, the later operations have not happened yet',
      later ? `${later.length} bars` : 'none');

    // Zoomed out on 6,000 operations the bars merge into strips per lane: only the few
    // drawn one by one (still in flight) are exposed, and the strips are on screen.
    await page.evaluate((text) => {
      window.clustersim.load(text);
      window.clustersim.pause();
      window.clustersim.seek(600000);
    }, LONG_LOAD);
    await waitForState(page, (x) => x.time_ms >= 600000, 'ten minutes of load', 60000);
    await clickNamed(page, 'history/all');
    const zoomedOut = await waitFor(page, async (p) => {
      const all = await rects(p);
      const area = all.find((r) => r.name === 'history');
      return area && named(all, 'history/op/').length < 20 ? { all, area } : null;
    }, 'the bars to merge zoomed out');
    check(zoomedOut, 'zoomed out on 6,000 operations, bars too narrow to tell apart are merged, not drawn one by one',
      zoomedOut ? '' : `${named(await rects(page), 'history/op/').length} bars drawn one by one`);
    if (zoomedOut) {
      // The strips: the rows below the axis are anything but blank.
      const { area } = zoomedOut;
      const bars = { x: area.x + 70, y: area.y + 30, width: area.w - 80, height: Math.min(60, area.h - 40) };
      const stats = await pictureStats(page, bars);
      check(stats.stddev > 20, 'the merged strips are drawn', `stddev ${stats.stddev.toFixed(1)}`);
      await page.screenshot({ path: path.join(shotDir, 'history-zoomed-out.png') });
    }
    check(errors.length === 0, 'no page errors', errors.join(' | '));
  } finally {
    await browser.close();
    server.close();
  }
});
