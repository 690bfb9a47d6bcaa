// Browser smoke test of the web page (build/web) in Debian's headless Chromium.
//
//   node tests/browser/smoke.mjs
//
// Serves build/web on a free loopback port (no extra dependencies), loads the
// page and checks: it becomes ready, nothing is logged as an error, the canvas
// follows the window at device-pixel resolution, the picture is not blank, a
// click on the Pause button works, and window.clustersim does what
// docs/ARCHITECTURE.md promises (command, state, load, pause/resume, speed, URL
// parameters). Saves build/screenshots/web-smoke.png. Exits 1 if any check failed.
import path from 'node:path';
import {
  check, clickNamed, launch, openPage, pictureStats, pressKey, rectOf, requireBuild, run, shotDir, startServer, waitFor,
  waitForState, waitFrames, WAIT_MS,
} from './lib.mjs';

const canvasSize = (page) => page.evaluate(() => ({ w: document.getElementById('canvas').width, h: document.getElementById('canvas').height }));
const paused = (page) => page.evaluate(() => window.clustersim.paused());

// Simulated ms per real ms while playing, measured in the page over 40 frames with
// its own clock: the median of frame-by-frame ratios, so that a frame stretched by a
// loaded machine (the page then runs slower on purpose, frame_clock.h) does not count.
const playRate = (page) => page.evaluate(async () => {
  const cs = window.clustersim;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const ratios = [];
  let last = { t: performance.now(), sim: cs.state().time_ms };
  while (ratios.length < 40) {
    await nextFrame();
    const now = { t: performance.now(), sim: cs.state().time_ms };
    const dt = now.t - last.t;
    if (dt > 2 && dt < 90) ratios.push((now.sim - last.sim) / dt);
    last = now;
  }
  ratios.sort((a, b) => a - b);
  return ratios[ratios.length >> 1];
});

async function main() {
  requireBuild();

  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  try {
    // ---- the page itself ----
    const { page, errors, ready } = await openPage(browser, base);
    check(ready, 'page becomes ready (window.clustersim.ready)');
    if (!ready) return;

    const size = await waitFor(page, async (p) => { const c = await canvasSize(p); return c.w === 1280 && c.h === 720 && c; },
      'the canvas to be 1280x720') || await canvasSize(page);
    check(size.w === 1280 && size.h === 720, 'canvas drawing buffer matches the 1280x720 window', JSON.stringify(size));

    const stats = await pictureStats(page);
    check(stats.stddev > 10 && stats.colours > 50, 'the picture is not blank', JSON.stringify(stats));

    const top = await pictureStats(page, 40);
    check(top.stddev > 10, 'the control bar is drawn at the top of the window', JSON.stringify(top));

    const loading = await page.evaluate(() => document.getElementById('status').classList.contains('hidden'));
    check(loading, 'the loading text is gone once ready');
    const startup = await page.evaluate(() => window.clustersim.startup);
    const steps = startup ? ['main_ms', 'window_ms', 'host_ms', 'gui_ms', 'course_ms', 'ready_ms'].map((k) => startup[k]) : [];
    check(steps.length === 6 && steps.every((v, i) => typeof v === 'number' && v > 0 && (i === 0 || v >= steps[i - 1])),
          'clustersim.startup holds the startup steps in order', JSON.stringify(startup));

    // ---- state() ----
    const s0 = await page.evaluate(() => window.clustersim.state());
    check(Array.isArray(s0.servers) && s0.servers.length === 6, 'state() lists 6 servers', JSON.stringify(s0.servers?.length));
    check(typeof s0.time_ms === 'number' && typeof s0.seed === 'number' && typeof s0.events === 'number',
      'state() has time_ms, seed and events', JSON.stringify({ time_ms: s0.time_ms, seed: s0.seed, events: s0.events }));
    check(s0.servers.every((s, i) => s.id === i + 1 && s.alive === true), 'every server starts alive with ids 1..6');
    const s1 = await waitForState(page, (s) => s.time_ms > s0.time_ms, 'simulated time to move on');
    check(s1.time_ms > s0.time_ms, 'simulated time moves on while playing', `${s0.time_ms} -> ${s1.time_ms}`);

    // ---- command() ----
    const crash = await page.evaluate(() => window.clustersim.command('crash 6'));
    check(crash.ok === true, "command('crash 6') returns {ok:true}", JSON.stringify(crash));
    const afterCrash = await page.evaluate(() => window.clustersim.state());
    check(afterCrash.servers[5].alive === false, 'server 6 is not alive after crash 6');
    check(afterCrash.servers.slice(0, 5).every((s) => s.alive), 'servers 1..5 are still alive');
    await waitFrames(page);
    await page.screenshot({ path: path.join(shotDir, 'web-smoke.png') });

    const bogus = await page.evaluate(() => window.clustersim.command('bogus'));
    check(bogus.ok === false && typeof bogus.error === 'string' && bogus.error.length > 0,
      "command('bogus') returns {ok:false, error}", JSON.stringify(bogus));
    const bad = await page.evaluate(() => window.clustersim.command('crash 99'));
    check(bad.ok === false && bad.error.length > 0, "command('crash 99') is refused", JSON.stringify(bad));
    const restart = await page.evaluate(() => window.clustersim.command('restart 6'));
    const afterRestart = await page.evaluate(() => window.clustersim.state());
    check(restart.ok && afterRestart.servers[5].alive === true, "command('restart 6') brings server 6 back");

    // ---- pause(), resume(), speed() ----
    await page.evaluate(() => window.clustersim.pause());
    const p0 = (await page.evaluate(() => window.clustersim.state())).time_ms;
    await waitFrames(page, 10);
    const p1 = (await page.evaluate(() => window.clustersim.state())).time_ms;
    check(p0 === p1, 'pause() stops simulated time', `${p0} -> ${p1}`);
    const speed = await page.evaluate(() => window.clustersim.speed(2));
    check(speed === 2, 'speed(2) returns 2', String(speed));
    // Without skipping quiet time: that alone runs a quiet cluster at 2x, whatever the speed.
    const skipped = await page.evaluate(() => window.clustersim.skipQuietTime(false));
    await page.evaluate(() => window.clustersim.resume());
    const rate = await playRate(page);
    check(Math.abs(rate - 2) < 0.3, 'resume() at 2x runs 2 simulated ms per real ms (skip quiet time off)',
      `median ${rate.toFixed(3)} simulated ms per real ms`);
    await page.evaluate((on) => window.clustersim.skipQuietTime(on), skipped);
    const badSpeed = await page.evaluate(() => { try { window.clustersim.speed('fast'); return 'no error'; } catch (e) { return e.name; } });
    check(badSpeed === 'RangeError', "speed('fast') throws a RangeError", badSpeed);

    // ---- a real click on the Pause button, found through rects() ----
    const play = await rectOf(page, 'button/play');
    check(play && play.w > 20 && play.h > 10 && play.x >= 0 && play.y >= 0 && play.y < 60,
      "rects() has the Play/Pause button in the control bar, in CSS pixels", JSON.stringify(play));
    await clickNamed(page, 'button/play');
    check(await paused(page), 'clicking the Pause button pauses');
    await clickNamed(page, 'button/play');
    check(!(await paused(page)), 'clicking it again plays');
    await pressKey(page, 'Space');
    check(await paused(page), 'the Space key pauses');
    await pressKey(page, 'Space');
    check(!(await paused(page)), 'and plays again');

    // A key pressed and released between two frames (one task: no frame can come in
    // between) still counts: the page holds it down for a frame (src/app/input_queue.h).
    const tap = (p, key, keyCode) => p.evaluate(([key, keyCode]) => {
      for (const type of ['keydown', 'keyup']) {
        const event = new KeyboardEvent(type, { key, code: key === ' ' ? 'Space' : key, bubbles: true, cancelable: true });
        Object.defineProperty(event, 'keyCode', { get: () => keyCode });  // what the browser's GLFW reads
        window.dispatchEvent(event);
      }
    }, [key, keyCode]);
    await tap(page, ' ', 32);
    await waitFrames(page);
    check(await paused(page), 'Space pressed and released within one frame pauses');
    await tap(page, ' ', 32);
    await waitFrames(page);
    check(!(await paused(page)), 'and a second such tap plays again');
    // The same for a click: mouse down and up in one task.
    const clickAt = (p, r) => p.evaluate(([x, y]) => {
      const canvas = document.getElementById('canvas');
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
      canvas.dispatchEvent(new MouseEvent('mousedown', { clientX: x, clientY: y, button: 0, buttons: 1, bubbles: true }));
      canvas.dispatchEvent(new MouseEvent('mouseup', { clientX: x, clientY: y, button: 0, buttons: 0, bubbles: true }));
    }, [r.x + r.w / 2, r.y + r.h / 2]);
    await clickAt(page, play);
    await waitFrames(page);
    check(await paused(page), 'a click pressed and released within one frame pauses');
    await clickAt(page, play);
    await waitFrames(page);
    check(!(await paused(page)), 'and a second one plays again');

    // ---- load() ----
    const loaded = await page.evaluate(() => window.clustersim.load('servers 4\nseed 3\ncrash 2\n'));
    const afterLoad = await page.evaluate(() => window.clustersim.state());
    check(loaded.ok && afterLoad.servers.length === 4 && afterLoad.servers[1].alive === false && afterLoad.seed === 3,
      'load() replaces the scenario', JSON.stringify(loaded));
    const badLoad = await page.evaluate(() => window.clustersim.load('servers 4\nfrobnicate\n'));
    const keptState = await page.evaluate(() => window.clustersim.state());
    check(badLoad.ok === false && /:2:/.test(badLoad.error) && keptState.servers.length === 4,
      'a bad load() names the line and changes nothing', JSON.stringify(badLoad));

    check(errors.length === 0, 'no console errors, page errors or failed requests', errors.join(' | '));
    await page.close();

    // ---- URL parameters, HiDPI, resizing ----
    const scenario = Buffer.from('servers 5\ncrash 4\n').toString('base64url');
    const withParams = await openPage(browser, `${base}?seed=42&speed=0.5&scenario=${scenario}`);
    const sp = withParams.ready ? await withParams.page.evaluate(() => window.clustersim.state()) : null;
    check(sp && sp.seed === 42 && sp.servers.length === 5 && sp.servers[3].alive === false,
      'URL parameters seed and scenario are applied', JSON.stringify(sp && { seed: sp.seed, n: sp.servers.length }));
    check(withParams.errors.length === 0, 'no errors with URL parameters', withParams.errors.join(' | '));
    await withParams.page.close();

    const malformed = await openPage(browser, `${base}?seed=banana&nonsense=1&scenario=***`);
    check(malformed.ready && malformed.errors.length === 0, 'malformed URL parameters do not break the page',
      malformed.errors.join(' | '));
    await malformed.page.close();

    const hidpi = await openPage(browser, base, { deviceScaleFactor: 2 });
    const hs = hidpi.ready ? await hidpi.page.evaluate(() => ({ w: document.getElementById('canvas').width, h: document.getElementById('canvas').height })) : {};
    check(hs.w === 2560 && hs.h === 1440, 'on a 2x screen the drawing buffer is 2560x1440', JSON.stringify(hs));
    await hidpi.page.screenshot({ path: path.join(shotDir, 'web-hidpi.png') });
    // rects() are CSS pixels whatever the pixel ratio: the same button, the same size, clickable.
    const play2 = hidpi.ready ? await rectOf(hidpi.page, 'button/play') : undefined;
    check(play2 && play && Math.abs(play2.h - play.h) <= 2 && play2.y < 60,
      'on a 2x screen rects() are still in CSS pixels', JSON.stringify({ play, play2 }));
    if (play2) {
      await clickNamed(hidpi.page, 'button/play');
      check(await paused(hidpi.page), 'on a 2x screen a click at the rect pauses');
      await clickNamed(hidpi.page, 'button/play');
    }
    await hidpi.page.setViewportSize({ width: 900, height: 600 });
    const rs = await waitFor(hidpi.page, async (p) => { const c = await canvasSize(p); return c.w === 1800 && c.h === 1200 && c; },
      'the canvas to follow the resize') || await canvasSize(hidpi.page);
    await waitFrames(hidpi.page);  // a frame drawn at the new size
    check(rs.w === 1800 && rs.h === 1200, 'the canvas follows a window resize', JSON.stringify(rs));
    const rtop = await pictureStats(hidpi.page, 40);
    check(rtop.stddev > 10, 'after the resize the control bar is still at the top', JSON.stringify(rtop));

    // A window exactly the size of the screen must not be taken for a fullscreen request.
    const full = await openPage(browser, base, { viewport: { width: 800, height: 450 }, screen: { width: 800, height: 450 } });
    const fs2 = full.ready ? await full.page.evaluate(() => { const c = document.getElementById('canvas'); return { w: c.width, h: c.height, style: c.style.cssText }; }) : {};
    check(fs2.w === 800 && fs2.h === 450 && !fs2.style, 'a screen-sized window gets a screen-sized canvas', JSON.stringify(fs2));
    check(full.errors.length === 0, 'no errors in a screen-sized window', full.errors.join(' | '));
    await full.page.close();
    check(hidpi.errors.length === 0, 'no errors on a 2x screen', hidpi.errors.join(' | '));
    await hidpi.page.close();

    // ---- a browser without WebGL 2 gets a sentence, not a blank page ----
    const noGl = await browser.newPage();
    const noGlErrors = [];
    noGl.on('pageerror', (err) => noGlErrors.push(err.message));
    noGl.on('console', (msg) => { if (msg.type() === 'error') noGlErrors.push(msg.text()); });
    await noGl.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
      };
    });
    await noGl.goto(base);
    await noGl.waitForFunction(() => /WebGL/.test(document.getElementById('status-text').textContent), null,
      { timeout: WAIT_MS }).catch(() => null);
    const message = await noGl.evaluate(() => document.getElementById('status-text').textContent);
    check(/WebGL 2/.test(message), 'without WebGL 2 the page says so', message);
    check(noGlErrors.length === 0, 'and logs no errors', noGlErrors.join(' | '));
    await noGl.close();
  } finally {
    await browser.close();
    server.close();
  }
}

run('browser smoke', main);
