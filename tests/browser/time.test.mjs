// Browser test of the time controls: play/pause, step, speed, skip quiet time,
// the timeline (scrub back, replay of the user's own command, markers ahead of
// the cursor), reset with a seed, keyboard shortcuts, the help overlay and touch.
//
//   node tests/browser/time.test.mjs
//
// Drives the real page with mouse, keyboard and touch at the rectangles that
// window.clustersim.rects() exposes; reads results through window.clustersim.
// Screenshots: build/screenshots/time-*.png. Exits 1 if any check failed.
import path from 'node:path';
import {
  check, clickNamed, launch, openPage, pressKey, rectOf, requireBuild, run, settledRect, shotDir, startServer,
  waitFor, waitForRect, waitForState, waitFrames,
} from './lib.mjs';

const state = (page) => page.evaluate(() => window.clustersim.state());
const timeline = (page) => page.evaluate(() => window.clustersim.timeline());
const paused = (page) => page.evaluate(() => window.clustersim.paused());
const speed = (page) => page.evaluate(() => window.clustersim.speed());
const shot = (page, name) => page.screenshot({ path: path.join(shotDir, `time-${name}.png`) });

// The x of simulated time t_ms on the timeline strip, from its rect and range.
async function timelineX(page, tMs) {
  const r = await rectOf(page, 'timeline');
  const tl = await timeline(page);
  const f = (tMs - tl.start_ms) / (tl.end_ms - tl.start_ms);
  return { x: r.x + f * r.w, y: r.y + r.h * 0.55, rect: r, tl };
}

async function playPauseAndStep(page) {
  await clickNamed(page, 'button/play');
  check(await paused(page), 'clicking Pause pauses');
  const t0 = (await state(page)).time_ms;
  await waitFrames(page, 10);
  check((await state(page)).time_ms === t0, 'paused: simulated time stands still (10 frames)');

  const e0 = (await state(page)).events;
  await clickNamed(page, 'button/step');
  const e1 = (await state(page)).events;
  check(e1 === e0 + 1, 'Step processes exactly one event', `${e0} -> ${e1}`);
  check(await paused(page), 'and stays paused');
  await clickNamed(page, 'button/step-back');
  const e2 = (await state(page)).events;
  check(e2 === e0, 'Back undoes exactly that event', `${e1} -> ${e2}`);

  await clickNamed(page, 'button/play');
  const playing = !(await paused(page));
  check(playing && (await waitForState(page, (x) => x.time_ms > t0, 'time to move on')).time_ms > t0,
    'clicking Play plays again');
}

async function speedControls(page) {
  await page.evaluate(() => window.clustersim.speed(0.1));
  await clickNamed(page, 'button/faster');
  check(Math.abs((await speed(page)) - 0.2) < 1e-9, 'the + button goes from 0.1x to 0.2x', String(await speed(page)));
  await clickNamed(page, 'button/slower');
  await clickNamed(page, 'button/slower');
  check(Math.abs((await speed(page)) - 0.05) < 1e-9, 'two clicks on - go to 0.05x', String(await speed(page)));
  await pressKey(page, '+');
  check(Math.abs((await speed(page)) - 0.1) < 1e-9, 'the + key goes back to 0.1x', String(await speed(page)));
  // Dragging the slider to its right end gives the top speed.
  const slider = await rectOf(page, 'slider/speed');
  await page.mouse.move(slider.x + slider.w * 0.3, slider.y + slider.h / 2);
  await page.mouse.down();
  await page.mouse.move(slider.x + slider.w + 40, slider.y + slider.h / 2, { steps: 5 });
  await page.mouse.up();
  await waitFrames(page);
  check((await speed(page)) === 1000, 'dragging the speed slider to the end gives 1000x', String(await speed(page)));
  await page.evaluate(() => window.clustersim.speed(0.1));
  check((await page.evaluate(() => window.clustersim.speed(0.0001))) === 0.001, 'speed() clamps to 0.001x');
  await page.evaluate(() => window.clustersim.speed(0.1));
}

// At the default 0.1x, a leader crash is noticed after 3 missed 1 s heartbeats:
// 30 s of staring without quiet time, a couple of seconds with it.
async function quietTime(page) {
  check(await page.evaluate(() => window.clustersim.skipQuietTime()), 'skip quiet time is on by default');
  await page.evaluate(() => { window.clustersim.load('servers 6\n'); window.clustersim.speed(0.1); window.clustersim.resume(); });
  await page.evaluate(() => window.clustersim.seek(6000));
  const settled = await state(page);
  check(settled.leader === 6, 'server 6 leads a settled cluster', String(settled.leader));
  const ff = await waitFor(page, async (p) => (await timeline(p)).fast_forwarding, 'fast-forwarding');
  check(ff, 'with only heartbeats on the wire, time fast-forwards');
  await page.mouse.move(640, 400);  // no tooltip over the control bar in the picture
  await waitFrames(page);
  await page.screenshot({ path: path.join(shotDir, 'time-quiet.png'), clip: { x: 0, y: 0, width: 1280, height: 40 } });
  // Measured in the page with its own clock, per frame (a frame stretched by a loaded
  // machine runs slower on purpose, frame_clock.h): the median ratio.
  const rate = await page.evaluate(async () => {
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const ratios = [];
    let last = { t: performance.now(), sim: window.clustersim.state().time_ms };
    while (ratios.length < 30) {
      await nextFrame();
      const now = { t: performance.now(), sim: window.clustersim.state().time_ms };
      const dt = now.t - last.t;
      if (dt > 2 && dt < 90) ratios.push((now.sim - last.sim) / dt);
      last = now;
    }
    ratios.sort((a, b) => a - b);
    return ratios[ratios.length >> 1];
  });
  check(rate > 1.5 && rate < 2.5, 'quiet time runs at about 2x, not 0.1x', `median ${rate.toFixed(3)} simulated ms per real ms`);

  await page.evaluate(() => window.clustersim.command('crash 6'));
  const crashedAt = Date.now();
  const crashedMs = (await state(page)).time_ms;
  const elected = await waitFor(page, async (p) => (await timeline(p)).milestones.some((m) => m.kind === 'election'),
    'an election');
  const waitedS = (Date.now() - crashedAt) / 1000;
  // 3 missed 1 s heartbeats at 2x is 1.5 s of wall time; at 0.1x it would be 30 s.
  check(elected && waitedS < 10, 'after a leader crash the election starts within a few seconds of wall time',
    `${waitedS.toFixed(1)} s for ${((await state(page)).time_ms - crashedMs).toFixed(0)} simulated ms`);
  const during = await timeline(page);
  check(!during.fast_forwarding, 'during the election time runs at the chosen 0.1x');

  await clickNamed(page, 'toggle/skip-quiet');
  check(!(await page.evaluate(() => window.clustersim.skipQuietTime())), 'clicking the checkbox turns it off');
  await pressKey(page, 'q');
  check(await page.evaluate(() => window.clustersim.skipQuietTime()), 'the Q key turns it on again');
}

async function scrubAndReplay(page) {
  await page.evaluate(() => { window.clustersim.load('servers 6\n'); window.clustersim.pause(); window.clustersim.seek(3000); });
  await waitFrames(page);  // the buttons drawn for the loaded scenario
  // The user's own command, by a real click, at t = 3 s.
  await clickNamed(page, 'button/crash/3');
  check((await state(page)).servers[2].alive === false, 'clicking Crash under server 3 crashes it');
  await page.evaluate(() => window.clustersim.seek(6000));
  await waitFrames(page);  // the timeline drawn for 6 s
  await shot(page, 'timeline');

  // Drag the timeline cursor from now (6 s) back to 1 s.
  const from = await timelineX(page, 6000);
  const to = await timelineX(page, 1000);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await waitFrames(page);
  const back = await state(page);
  const perPixel = (from.tl.end_ms - from.tl.start_ms) / from.rect.w;
  check(Math.abs(back.time_ms - 1000) <= 2 * perPixel + 1, 'dragging the timeline to 1 s goes back to 1 s',
    `time_ms ${back.time_ms}`);
  check(back.servers[2].alive === true, 'at 1 s server 3 is alive again (before the crash)');
  const tl = await timeline(page);
  check(tl.latest_ms >= 6000 && tl.milestones.some((m) => m.kind === 'crash' && m.server === 3 && m.time_ms > tl.now_ms),
    'the crash at 3 s is still marked ahead of the cursor', JSON.stringify(tl.milestones));
  await shot(page, 'scrubbed');

  // A click (no drag) further along jumps there.
  const click = await timelineX(page, 2000);
  await page.mouse.click(click.x, click.y);
  await waitFrames(page);
  const clicked = await state(page);
  check(Math.abs(clicked.time_ms - 2000) <= 2 * perPixel + 1, 'a click on the timeline at 2 s goes to 2 s', String(clicked.time_ms));
  check(await paused(page), 'still paused after scrubbing (it was paused before)');

  // Scrubbing while playing: paused while the mouse is held, playing again after.
  await page.evaluate(() => { window.clustersim.seek(5000); window.clustersim.resume(); });
  await waitFrames(page);  // the timeline drawn at 5 s
  const live = await timelineX(page, (await state(page)).time_ms);
  const earlier = await timelineX(page, 1500);
  await page.mouse.move(live.x, live.y);
  await page.mouse.down();
  await page.mouse.move(earlier.x, earlier.y, { steps: 4 });
  await waitFrames(page);
  const held = await paused(page);
  await page.mouse.up();
  await waitFrames(page);
  const afterDrag = (await state(page)).time_ms;  // playing on (at 2x in quiet time) moves it on from 1.5 s
  check(held && !(await paused(page)), 'scrubbing while playing pauses during the drag and plays on after it');
  check(afterDrag < 4000, 'and goes back in time (5 s -> 1.5 s, then on)', String(afterDrag));
  await page.evaluate(() => { window.clustersim.pause(); window.clustersim.seek(2000); });

  // Play on: the crash the user issued at 3 s happens again.
  await page.evaluate(() => window.clustersim.speed(2));
  await clickNamed(page, 'button/play');
  const replayed = await waitForState(page, (s) => s.time_ms > 3500, 'time to pass 3.5 s');
  check(replayed.time_ms > 3500 && replayed.servers[2].alive === false, 'playing past 3 s replays the crash of server 3',
    JSON.stringify(replayed && replayed.servers.map((s) => s.alive)));
  await page.evaluate(() => { window.clustersim.pause(); window.clustersim.speed(0.1); });
}

// Markers for what happened, also ahead of the cursor after going back; hover says what it was.
async function markers(page) {
  const scenario = 'servers 6\nload medium\nat 2s crash 6\nat 8s restart 6\nat 11s partition 1,2,3 | 4,5,6\nat 19s heal\n';
  await page.evaluate((text) => { window.clustersim.load(text); window.clustersim.pause(); }, scenario);
  await page.evaluate(() => { window.clustersim.seek(24000); window.clustersim.seek(9000); });
  const tl = await timeline(page);
  const kinds = new Set(tl.milestones.map((m) => m.kind));
  for (const kind of ['crash', 'restart', 'fault', 'heal', 'election', 'leader'])
    check(kinds.has(kind), `the timeline has a '${kind}' marker`, JSON.stringify([...kinds]));
  check(tl.milestones.some((m) => m.kind === 'heal' && m.time_ms > tl.now_ms),
    'markers ahead of the cursor (the heal at 19 s) are kept after going back to 9 s');
  const crash = tl.milestones.find((m) => m.kind === 'crash');
  check(crash && crash.text === 'server 6 crashed', 'a marker says what happened', crash && crash.text);
  const at = await timelineX(page, crash.time_ms);
  await page.mouse.move(at.x, at.rect.y + 8);
  await waitFrames(page, 5);  // the tooltip drawn
  await shot(page, 'markers');
  await page.mouse.move(640, 400);
}

async function resetWithSeed(page) {
  await page.evaluate(() => { window.clustersim.load('servers 6\n'); window.clustersim.seek(4000); window.clustersim.resume(); });
  await clickNamed(page, 'field/seed');
  await pressKey(page, 'Control+A');
  await page.keyboard.type('77');
  await waitFrames(page, 6);  // each key is down for a frame and up the next
  // While typing in the field, shortcut keys are text, not commands.
  const wasPaused = await paused(page);
  await pressKey(page, 'Space');
  await pressKey(page, 'r');
  check((await paused(page)) === wasPaused, 'Space typed into the seed field does not pause');
  check((await state(page)).seed !== 77, 'typing in the seed field does not reset by itself');
  await clickNamed(page, 'button/reset');
  const reset = await state(page);
  check(reset.seed === 77, 'Reset starts again with the typed seed', String(reset.seed));
  check(reset.time_ms < 2000, 'and from the beginning', String(reset.time_ms));

  await clickNamed(page, 'button/new-seed');
  const fresh = await state(page);
  check(fresh.seed !== 77 && fresh.seed >= 1 && fresh.time_ms < 2000, 'New seed starts again with another seed',
    String(fresh.seed));

  await page.evaluate(() => window.clustersim.seek(5000));
  await pressKey(page, 'r');
  const again = await state(page);
  check(again.seed === fresh.seed && again.time_ms < 2000, 'the R key resets with the same seed',
    JSON.stringify({ seed: again.seed, time_ms: again.time_ms }));
  await page.evaluate(() => window.clustersim.reset(1234));
  check((await state(page)).seed === 1234, 'clustersim.reset(1234) resets with seed 1234');
}

async function keyboard(page) {
  await page.evaluate(() => { window.clustersim.load('servers 6\n'); window.clustersim.seek(3000); window.clustersim.resume(); });
  await page.mouse.move(640, 400);  // away from any tooltip-producing item
  await pressKey(page, 'Space');
  check(await paused(page), 'Space pauses');
  const e0 = (await state(page)).events;
  await pressKey(page, 'ArrowRight');
  const e1 = (await state(page)).events;
  check(e1 === e0 + 1, 'the \u2192 key steps exactly one event', `${e0} -> ${e1}`);
  await pressKey(page, 'ArrowLeft');
  const e2 = (await state(page)).events;
  check(e2 === e0, 'the \u2190 key undoes it', `${e1} -> ${e2}`);
  const t0 = (await state(page)).time_ms;
  await pressKey(page, 'Shift+ArrowLeft');
  const t1 = (await state(page)).time_ms;
  check(Math.abs(t0 - 1000 - t1) < 1, 'Shift+\u2190 goes back 1 s', `${t0} -> ${t1}`);
  await pressKey(page, '-');
  check(Math.abs((await speed(page)) - 0.05) < 1e-9, 'the - key slows down to 0.05x', String(await speed(page)));
  await pressKey(page, '+');
  await pressKey(page, 'Space');
  check(!(await paused(page)), 'Space plays again');
}

async function helpOverlay(page) {
  check(!(await rectOf(page, 'help')), 'no help overlay at first');
  await pressKey(page, 'h');
  const help = await settledRect(page, 'help');
  check(help && help.w > 300 && help.h > 200, 'the H key opens the help overlay', JSON.stringify(help));
  await shot(page, 'help');
  await pressKey(page, 'Space');
  check(!(await paused(page)), 'keys other than Esc/H do not act behind the overlay');
  await pressKey(page, 'Escape');
  check(!(await rectOf(page, 'help')), 'Esc closes it');
  await pressKey(page, '?');
  check(await rectOf(page, 'help'), 'the ? key opens it too');
  // A click on the dimmed backdrop closes it and does not reach what is under it
  // (here the Pause button, top left, outside the overlay).
  const wasPaused = await paused(page);
  const play = await rectOf(page, 'button/play');
  await page.mouse.click(play.x + play.w / 2, play.y + play.h / 2);
  await waitFrames(page);
  check(!(await rectOf(page, 'help')), 'a click beside the overlay closes it');
  check((await paused(page)) === wasPaused, 'and does not press the Pause button under it');
  await clickNamed(page, 'button/help');
  check(await rectOf(page, 'help'), 'the ? button opens it');
  const close = await settledRect(page, 'button/help-close');
  check(close, 'the help has a Close button');
  if (close) await page.mouse.click(close.x + close.w / 2, close.y + close.h / 2);
  await waitFrames(page);
  check(!(await rectOf(page, 'help')), 'its Close button closes it');
}

async function touch(browser, base) {
  const { page, errors, ready } = await openPage(browser, base, { hasTouch: true, isMobile: false });
  check(ready, 'the page becomes ready on a touch screen');
  if (!ready) return;
  const play = await waitForRect(page, 'button/play');
  await page.touchscreen.tap(play.x + play.w / 2, play.y + play.h / 2);
  check(await waitFor(page, paused, 'paused'), 'a tap on Pause pauses');
  await page.touchscreen.tap(play.x + play.w / 2, play.y + play.h / 2);
  check(await waitFor(page, async (p) => !(await paused(p)), 'playing'), 'a second tap plays again');

  // A finger dragged along the timeline scrubs back (CDP touch events: playwright has no touch move).
  await page.evaluate(() => { window.clustersim.pause(); window.clustersim.seek(6000); });
  await waitFrames(page);  // the timeline drawn at 6 s
  const from = await timelineX(page, 6000);
  const to = await timelineX(page, 2000);
  const cdp = await page.context().newCDPSession(page);
  const touchAt = (type, x, y) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
  await touchAt('touchStart', from.x, from.y);
  await waitFrames(page, 1);
  for (let i = 1; i <= 8; i++) {
    await touchAt('touchMove', from.x + (to.x - from.x) * i / 8, from.y);
    await waitFrames(page, 1);
  }
  await touchAt('touchEnd');
  // The release reaches the page a couple of frames after the finger lifts (api.js).
  await waitFrames(page, 8);
  const t = (await state(page)).time_ms;
  const perPixel = (from.tl.end_ms - from.tl.start_ms) / from.rect.w;
  check(Math.abs(t - 2000) <= 3 * perPixel + 1, 'dragging a finger on the timeline goes back to 2 s', String(t));
  await page.screenshot({ path: path.join(shotDir, 'time-touch.png') });
  check(errors.length === 0, 'no console errors on a touch screen', errors.join(' | '));
  await page.close();
}

async function main() {
  requireBuild();
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  try {
    const { page, errors, ready } = await openPage(browser, base);
    check(ready, 'page becomes ready');
    if (!ready) return;
    await waitForRect(page, 'button/play');
    await playPauseAndStep(page);
    await speedControls(page);
    await quietTime(page);
    await scrubAndReplay(page);
    await markers(page);
    await resetWithSeed(page);
    await keyboard(page);
    await helpOverlay(page);
    check(errors.length === 0, 'no console errors, page errors or failed requests', errors.join(' | '));
    await page.close();
    await touch(browser, base);
  } finally {
    await browser.close();
    server.close();
  }
}

run('browser time', main);
