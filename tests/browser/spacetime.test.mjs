// Browser test of the Space-time tab (src/ui/spacetime_*.cpp): a Bully election after
// the leader crashes, drawn as a space-time diagram.
//
//   node tests/browser/spacetime.test.mjs
//
// Clicks an event through rects() and checks that the events the diagram highlights
// are exactly its happens-before past and future, computed here from the vector
// clocks window.clustersim.spacetime() reports; clicks a message's arrow and checks
// that the timeline jumped to its delivery. Screenshots: build/screenshots/spacetime-*.png.
import path from 'node:path';
import {
  check, launch, openPage, rects, requireBuild, run, shotDir, startServer, waitFor, waitFrames,
} from './lib.mjs';

const state = (page) => page.evaluate(() => window.clustersim.state());
const spacetime = (page, fromMs, toMs) =>
  page.evaluate(([a, b]) => window.clustersim.spacetime(a, b, 5000), [fromMs, toMs]);
const shot = (page, name) => page.screenshot({ path: path.join(shotDir, `spacetime-${name}.png`) });

// a happened before b: a's own component is at most b's, and the clocks differ.
function happenedBefore(a, b) {
  if (a.vc[a.lane] > b.vc[a.lane]) return false;
  return a.vc.some((v, k) => v !== b.vc[k]);
}

function expectedRelation(e, selected) {
  if (e.id === selected.id) return 'selected';
  if (happenedBefore(e, selected)) return 'past';
  if (happenedBefore(selected, e)) return 'future';
  return 'concurrent';
}

// The events the diagram shows as rects, by id.
async function eventRects(page) {
  const out = new Map();
  for (const r of await rects(page)) {
    const m = /^spacetime\/event\/(\d+)$/.exec(r.name);
    if (m) out.set(Number(m[1]), r);
  }
  return out;
}

async function main() {
  requireBuild();
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors, ready } = await openPage(browser, `http://127.0.0.1:${server.address().port}/?view=spacetime`);
    check(ready, 'the page opens with view=spacetime');
    // Bully, course text: the leader (6) crashes; 5 sends ELECTION to 6, hears nothing,
    // and sends COORDINATOR to 1..4.
    const loaded = await page.evaluate(() => window.clustersim.load('servers 6\nrun 2s\ncrash 6\nrun 6s\n'));
    check(loaded.ok, 'the Bully scenario loads', JSON.stringify(loaded));
    // The page plays a loaded scenario's run lines as time goes by: go to its end.
    await page.evaluate(() => window.clustersim.pause());
    await page.evaluate(() => window.clustersim.seek(8000));
    await waitFor(page, async (p) => (await state(p)).time_ms === 8000, 'the end of the scenario');
    // The election: go to just after its first ELECTION (the diagram follows the timeline).
    const all = await spacetime(page, 0, 8000);
    const firstElection = all.events.find((e) => e.kind === 'send' && e.type === 'ELECTION');
    check(firstElection && all.events.some((e) => e.kind === 'deliver' && e.type === 'COORDINATOR'),
      'the events include ELECTION and COORDINATOR messages');
    check(all.lanes === 7 && all.hosts[0] === 'clients' && all.hosts[6] === 'server6', 'seven lanes: clients and six servers');
    await page.evaluate((ms) => window.clustersim.seek(ms), firstElection.t_us / 1000 + 120);
    const shown = await waitFor(page, async (p) => (await eventRects(p)).size > 20 && eventRects(p), 'events on screen');
    check(shown && shown.size > 20, 'the diagram exposes its events as spacetime/event/ID', String(shown && shown.size));
    const canvas = (await rects(page)).find((r) => r.name === 'spacetime');
    check(canvas && canvas.w > 200 && canvas.h > 200, 'the diagram is named spacetime in rects()', JSON.stringify(canvas));

    // Click server 5's ELECTION send: it has a past, a future and concurrent events.
    const now = (await state(page)).time_ms;
    const win = await spacetime(page, now - 3000, now);
    const pick = win.events.find((e) => e.kind === 'send' && e.type === 'ELECTION' && e.lane === 5 && shown.has(e.id)) ||
      win.events.find((e) => e.kind === 'send' && e.type === 'ELECTION' && shown.has(e.id));
    check(pick, 'an ELECTION send is on screen');
    const r = shown.get(pick.id);
    await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
    const after = await waitFor(page, async (p) => {
      const s = await spacetime(p, now - 3000, now);
      return s.selected === pick.id && s;
    }, 'the click to select the event');
    check(after && after.selected === pick.id, 'clicking the event selects it', JSON.stringify(after && after.selected));
    if (after) {
      const selected = after.events.find((e) => e.id === pick.id);
      let wrong = 0;
      const counts = { past: 0, future: 0, concurrent: 0, selected: 0 };
      for (const e of after.events) {
        const want = expectedRelation(e, selected);
        counts[want]++;
        if (e.rel !== want) {
          if (wrong < 3) console.log(`# event ${e.id} (${e.kind} ${e.type || ''} on lane ${e.lane}): drawn ${e.rel}, clocks say ${want}`);
          wrong++;
        }
      }
      check(wrong === 0, `the highlight is exactly the happens-before past and future (${after.events.length} events)`,
        `${wrong} differ`);
      check(counts.past > 0 && counts.future > 0 && counts.concurrent > 0 && counts.selected === 1,
        'the window holds past, future and concurrent events', JSON.stringify(counts));
    }
    await shot(page, 'election-selected');

    // Click an arrow away from every event dot: the timeline goes to its delivery.
    const dots = [...(await eventRects(page)).values()];
    const arrows = (await rects(page)).filter((x) => x.name.startsWith('spacetime/message/'));
    const far = arrows.find((a) => dots.every((d) => Math.hypot(d.x + d.w / 2 - a.x - a.w / 2, d.y + d.h / 2 - a.y - a.h / 2) > 14));
    check(far, 'an arrow is on screen away from the event dots', `${arrows.length} arrows`);
    if (far) {
      const id = Number(far.name.split('/')[2]);
      const delivery = win.events.find((e) => e.msg === id && e.kind !== 'send') ||
        (await spacetime(page, 0, now + 1000)).events.find((e) => e.msg === id && e.kind !== 'send');
      const target = delivery ? delivery.t_us / 1000 : win.events.find((e) => e.msg === id).t_us / 1000;
      const before = (await state(page)).time_ms;
      await page.mouse.click(far.x + far.w / 2, far.y + far.h / 2);
      const moved = await waitFor(page, async (p) => {
        const t = (await state(p)).time_ms;
        return Math.abs(t - target) < 1 && t;  // state().time_ms is in whole milliseconds
      }, 'the timeline to move to the message');
      check(moved && Math.abs(before - target) > 1, `clicking message #${id}'s arrow moves the timeline to ${target} ms`,
        `was ${before} ms, now ${(await state(page)).time_ms} ms`);
    }
    // The crash and the election in one view: zoom out, select the crash.
    await page.evaluate(() => window.clustersim.seek(5900));
    await waitFrames(page, 4);
    const zoomOut = (await rects(page)).find((x) => x.name === 'spacetime/zoom-out');
    if (zoomOut) {
      for (let i = 0; i < 4; i++) {  // 400 ms x 2^4: from before the crash (2 s) to the election
        await page.mouse.click(zoomOut.x + zoomOut.w / 2, zoomOut.y + zoomOut.h / 2);
        await waitFrames(page, 4);
      }
    }
    const crash = (await spacetime(page, 0, 6000)).events.find((e) => e.kind === 'crash');
    const crashRect = crash && (await eventRects(page)).get(crash.id);
    check(crashRect, 'zoomed out, the crash is on screen');
    if (crashRect) {
      await page.mouse.click(crashRect.x + crashRect.w / 2, crashRect.y + crashRect.h / 2);
      const sel = await waitFor(page, async (p) => (await spacetime(p, 0, 6000)).selected === crash.id, 'the crash selected');
      check(sel, 'clicking the crash selects it');
      await shot(page, 'crash-selected');
    }
    check(errors.length === 0, 'no page errors', errors.join(' | '));
  } finally {
    await browser.close();
    server.close();
  }
}

run('spacetime', main);
