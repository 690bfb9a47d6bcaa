// Links, embedding, export and import in the page (issue 6):
//   - "Copy link" makes a URL that, opened in a new page, shows the same state
//     (state() equal at that moment, and after seeking both to other moments);
//   - embed=1 at 800x600 (and smaller) shows the cluster view and the lesson;
//   - web/embed.html, the example course page, runs a lesson and a custom scenario;
//   - malformed URL parameters give readable notices and no console errors, and
//     the page still works;
//   - the trace and metrics downloads; loading a scenario by drag-and-drop and by
//     pasting it into the Lesson tab.
//
//   node tests/browser/links.test.mjs
//
// Screenshots: build/screenshots/links-*.png
import fs from 'node:fs';
import path from 'node:path';
import {
  check, clickNamed, clipOf, countColour, finish, launch, openPage, pictureStats, rectOf, rects, settledRect, shotDir,
  startServer, waitFor, waitForRect, waitForState, waitFrames, whenReady,
} from './lib.mjs';

const state = (page) => page.evaluate(() => window.clustersim.state());
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const inside = (r, w, h) => r && r.x >= 0 && r.y >= 0 && r.x + r.w <= w + 1 && r.y + r.h <= h + 1;
const click = clickNamed;

// Lets `ms` of simulated time pass on a playing page.
async function runFor(page, ms) {
  const t = (await state(page)).time_ms;
  await waitForState(page, (s) => s.time_ms >= t + ms, `${ms} simulated ms to pass`);
}

// First difference between two states, for a readable failure.
function difference(a, b, where = 'state') {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return `${where}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = difference(a[k], b[k], `${where}.${k}`);
    if (d) return d;
  }
  return where;
}

const server = await startServer();
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
fs.mkdirSync(shotDir, { recursive: true });
const clipboard = { permissions: ['clipboard-read', 'clipboard-write'] };

try {
  // ---- a run with commands from the page's UI and from the API, then "Copy link" ----
  // 1600 px wide: every side tab fits, so the Lesson tab itself can be clicked.
  const A = await openPage(browser, `${base}?seed=5&speed=0.5`, { viewport: { width: 1600, height: 900 }, ...clipboard });
  check(A.ready, 'the author page becomes ready');
  // The Lesson tab first: with the Inspect tab open, a click on a Crash button leaves
  // the side panel showing Inspect whatever tab is clicked next (reported to the lead).
  check(await click(A.page, 'tab/Lesson'), 'the Lesson tab');
  await A.page.evaluate(() => window.clustersim.command('order PRD-1 3'));
  await runFor(A.page, 350);
  check(await click(A.page, 'button/crash/6'), "server 6's Crash button (a command from the UI)");
  check((await waitForState(A.page, (s) => !s.servers[5].alive, 'server 6 down')).servers[5].alive === false,
    'the click crashed server 6');
  await runFor(A.page, 600);
  await A.page.evaluate(() => window.clustersim.command('partition 1,2,3 | 4,5,6'));
  await runFor(A.page, 450);
  await A.page.evaluate(() => { window.clustersim.command('heal'); window.clustersim.command('order PRD-2 1 via 2'); });
  await runFor(A.page, 350);
  await A.page.evaluate(() => window.clustersim.pause());
  check(await click(A.page, 'share/copy-link'), 'the Copy link button');
  const copied = await waitFor(A.page, (p) => p.evaluate(() => window.clustersimLastCopied), 'a copied link');
  const apiLink = await A.page.evaluate(() => window.clustersim.link());
  // The clipboard is written asynchronously: wait until it holds the link.
  const readClip = (p) => p.evaluate(() => navigator.clipboard.readText().catch((e) => `(${e.message})`));
  const clip = await waitFor(A.page, async (p) => { const c = await readClip(p); return c === copied && c; }, 'the link on the clipboard')
    || await readClip(A.page);
  check(typeof copied === 'string' && copied === apiLink, 'Copy link made the same URL as clustersim.link()', copied);
  check(clip === copied, 'the URL is on the clipboard', clip);
  check((await rects(A.page)).some((r) => r.name === 'share/link'), 'the URL is shown in a text field too');
  const url = new URL(copied || apiLink);
  check(url.searchParams.get('seed') === '5' && url.searchParams.get('speed') === '0.5' &&
    /^\d+(\.\d+)?s$/.test(url.searchParams.get('t') || '') && (url.searchParams.get('scenario') || '').length > 20,
  'the link carries seed, speed, the moment t and the scenario', url.search.slice(0, 120));
  await A.page.screenshot({ path: path.join(shotDir, 'links-copy-link.png') });
  const stateA = await state(A.page);

  // ---- the link in a new page ----
  const B = await openPage(browser, url.href, { viewport: { width: 1280, height: 720 } });
  check(B.ready, 'the link opens');
  check(await B.page.evaluate(() => window.clustersim.paused()), 'it opens paused at the moment');
  const stateB = await state(B.page);
  check(same(stateA, stateB), `the same state at t=${stateA.time_ms} ms`, difference(stateA, stateB));
  check(stateA.servers[5].alive === false && stateA.orders.submitted === 2, 'a state with the crash and both orders');
  for (const t of [stateA.time_ms + 4000, 1500, stateA.time_ms]) {
    await A.page.evaluate((ms) => window.clustersim.seek(ms), t);
    await B.page.evaluate((ms) => window.clustersim.seek(ms), t);
    const a = await state(A.page), b = await state(B.page);
    check(a.time_ms === t && same(a, b), `after seeking both to ${t} ms: the same state`, difference(a, b));
  }
  const notices = await B.page.evaluate(() => window.clustersim.notices());
  check(notices.length === 0, 'no notices on the opened link', notices.join(' | '));
  check(!(await rectOf(B.page, 'notices')), 'and no notice strip');
  check(B.errors.length === 0, 'no console errors on the opened link', B.errors.join(' | '));
  await B.page.close();

  // ---- exports ----
  const trace = await A.page.evaluate(() => window.clustersim.exportTrace());
  const lines = trace.trim().split('\n');
  let parsed = 0;
  for (const line of lines) { try { JSON.parse(line); parsed++; } catch { /* counted below */ } }
  check(lines.length > 50 && parsed === lines.length, `the trace is JSON lines (${lines.length})`);
  check(JSON.parse(lines[lines.length - 1]).t_us <= stateA.time_ms * 1000, 'the trace ends at the moment shown');
  const csv = await A.page.evaluate(() => window.clustersim.exportMetrics());
  check(csv.startsWith('time_s,server,cpu_percent,queue,response_ms,throughput_rps,memory_mb\n') &&
    csv.trim().split('\n').length > 6, 'the metrics are CSV, per server per second');
  for (const [button, file] of [['share/trace', 'clustersim-trace.jsonl'], ['share/metrics', 'clustersim-metrics.csv']]) {
    const download = A.page.waitForEvent('download', { timeout: 5000 }).catch(() => null);
    await clickNamed(A.page, button);
    const d = await download;
    check(d && d.suggestedFilename() === file, `the ${button} button downloads ${file}`);
  }

  // ---- import: drag-and-drop a file, paste into the Lesson tab ----
  await A.page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['servers 4\ncrash 2\n'], 'four.scn', { type: 'text/plain' }));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  let s = await waitForState(A.page, (x) => x.servers.length === 4, 'the dropped file to load');
  check(s.servers.length === 4 && s.servers[1].alive === false, 'a dropped scenario file replaces the run',
    `${s.servers.length} servers`);
  await A.page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['## lesson: Dropped\n## section: Test\n## step: Crash server 2, please.\ncrash 2 ## do\n'],
      'mine.scn'));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  const dropped = await waitFor(A.page, async (p) => {
    const l = await p.evaluate(() => window.clustersim.lesson());
    return l && l.title === 'Dropped' && l;
  }, 'the dropped lesson to open');
  check(dropped && dropped.title === 'Dropped' && dropped.phase === 'your-turn', 'a dropped lesson file opens as a lesson');
  await click(A.page, 'lesson/close');
  await waitFor(A.page, (p) => p.evaluate(() => window.clustersim.lesson() === null), 'the lesson to close');
  await settledRect(A.page, 'share/paste');  // the picker's layout drawn, so the paste box's rectangle is current

  // Paste: the text on the real clipboard, Ctrl+V in the box, then Load.
  await A.page.evaluate(() => navigator.clipboard.writeText('servers 3\nseed 4\n'));
  check(await click(A.page, 'share/paste'), 'the paste box');
  await A.page.keyboard.press('Control+V');
  await waitFrames(A.page);
  check(await click(A.page, 'share/load'), 'the Load button');
  s = await waitForState(A.page, (x) => x.servers.length === 3, 'the pasted scenario to load');
  check(s.servers.length === 3, 'a pasted scenario loads', `${s.servers.length} servers`);
  await A.page.screenshot({ path: path.join(shotDir, 'links-pasted.png') });
  check(A.errors.length === 0, 'no console errors on the author page', A.errors.join(' | '));
  await A.page.close();

  // ---- embed=1 ----
  for (const [w, h] of [[800, 600], [480, 400]]) {
    const E = await openPage(browser, `${base}?lesson=bully&embed=1`, { viewport: { width: w, height: h } });
    check(E.ready, `embed ${w}x${h}: ready`);
    await settledRect(E.page, 'lesson/narration');
    const r = await rects(E.page);
    const servers = r.filter((x) => /^server\/\d+$/.test(x.name));
    const narration = r.find((x) => x.name === 'lesson/narration');
    check(servers.length === 6 && servers.every((x) => inside(x, w, h)), `embed ${w}x${h}: the six servers are on screen`);
    check(inside(narration, w, h), `embed ${w}x${h}: the lesson's narration is on screen`);
    check(!r.some((x) => x.name.startsWith('tab/')), `embed ${w}x${h}: no tab bar`);
    // A landscape frame keeps the lesson beside the cluster, a portrait one puts it below (layout.test.mjs).
    if (w < 560) check(narration && servers.every((x) => x.y + x.h <= narration.y || x.x + x.w <= narration.x),
      'narrow: the lesson is beside or below the cluster, clear of it');
    const pic = await pictureStats(E.page);
    check(pic.stddev > 10 && pic.colours > 50, `embed ${w}x${h}: the picture is not blank`);
    await E.page.screenshot({ path: path.join(shotDir, `links-embed-${w}x${h}.png`) });
    check(E.errors.length === 0, `embed ${w}x${h}: no console errors`, E.errors.join(' | '));
    await E.page.close();
  }

  // ---- web/embed.html: a course page with two iframes ----
  {
    // The course page has no window.clustersim of its own: each iframe has one.
    const C = await openPage(browser, `${base}embed.html`, { viewport: { width: 1000, height: 2000 }, waitReady: false });
    const frames = C.page.frames().filter((f) => f !== C.page.mainFrame());
    check(frames.length === 2, 'embed.html has two iframes');
    const ready = [];
    for (const f of frames) ready.push(await whenReady(f));
    check(ready.length === 2 && ready.every(Boolean), 'both iframes become ready');
    const [lessonFrame, scenarioFrame] = frames;
    const l = ready[0] && (await lessonFrame.evaluate(() => window.clustersim.lesson()));
    check(l && l.name === 'bully' && l.step === 1, 'the first iframe runs the bully lesson');
    const sc = ready[1] && (await scenarioFrame.evaluate(() => window.clustersim.state()));
    check(sc && sc.seed === 7 && 'GADGET' in sc.servers[0].stock, 'the second runs the custom scenario (seed 7, GADGET)');
    for (let i = 0; i < frames.length; i++) if (ready[i]) await waitFrames(frames[i]);  // drawn with their contents
    await C.page.screenshot({ path: path.join(shotDir, 'links-embed-page.png'), fullPage: true });
    check(C.errors.length === 0, 'embed.html: no console errors', C.errors.join(' | '));
    await C.page.close();
  }

  // ---- malformed parameters ----
  for (const [query, expected] of [
    ['?seed=abc&speed=fast&scenario=*not*base64*&colour=red', ['seed', 'speed', 'scenario', 'colour']],
    ['?lesson=nope&t=soon&step=zero', ['lesson', 't ', 'step']],
  ]) {
    const M = await openPage(browser, `${base}${query}`);
    check(M.ready, `${query}: the page still starts`);
    const n = await M.page.evaluate(() => window.clustersim.notices());
    const missing = expected.filter((word) => !n.some((x) => x.includes(word)));
    check(missing.length === 0, `${query}: a readable notice for each`, `missing ${missing.join(',')}: ${n.join(' | ')}`);
    const before = (await state(M.page)).time_ms;
    const after = await waitForState(M.page, (x) => x.time_ms > before, 'time to pass');
    const ok = await M.page.evaluate(() => window.clustersim.command('crash 1').ok);
    check(after.time_ms > before && ok, `${query}: and works (time passes, commands apply)`);
    // The strip itself: its own rectangle, mostly its brown background, with the
    // notices written in the warning colour (src/ui/layout.cpp, notices.cpp).
    const strip = await rectOf(M.page, 'notices');
    let drawn = {};
    if (strip) {
      const area = Math.round(strip.w) * Math.round(strip.h);
      drawn = { area, background: await countColour(M.page, clipOf(strip), [64, 46, 20], 6),
        text: await countColour(M.page, clipOf(strip), [240, 180, 60], 40) };
    }
    check(strip && strip.y < 80 && drawn.background > 0.5 * drawn.area && drawn.text > 100,
      `${query}: the notice strip is drawn`, JSON.stringify({ strip, ...drawn }));
    await M.page.screenshot({ path: path.join(shotDir, `links-malformed-${expected[0]}.png`) });
    check(M.errors.length === 0, `${query}: no console errors`, M.errors.join(' | '));
    await M.page.close();
  }
} catch (error) {
  check(false, 'the test ran to the end', error.stack || String(error));
} finally {
  await browser.close();
  server.close();
}
finish('links');
