// Accessibility by keyboard and for screen readers (issue 13; docs/ACCESSIBILITY.md):
//  - Tab puts the focus on the canvas, with a visible ring; Tab again walks the
//    canvas's areas with ImGui's keyboard highlight (Space presses the highlighted
//    control, and only it), and after the last area leaves the canvas (no keyboard trap);
//  - a Space pressed and released at once on the canvas pauses (never missed);
//  - a key pressed on the page's own buttons does not also reach the simulator;
//  - "Describe the cluster" says what state() says, and its buttons crash a server;
//  - the live region says the crash and the election that follows, never heartbeats;
//  - prefers-reduced-motion reaches the UI, and follows a change;
//  - the Bully lesson, embedded at 480x400, is played to its end with page.keyboard
//    alone (no mouse event): the text companion's lesson buttons, by Tab and Enter.
//
//   node tests/browser/a11y_keyboard.test.mjs
import path from 'node:path';
import { check, launch, requireBuild, run, shotDir, startServer, waitFor, waitFrames } from './lib.mjs';
import { focusedId, open, tabTo } from './a11y_common.mjs';

const paused = (page) => page.evaluate(() => window.clustersim.paused());
const lessonState = (page) => page.evaluate(() => window.clustersim.lesson());

// Plays the open lesson to its end with the companion's buttons, by keyboard only.
async function playByKeyboard(page) {
  const pressed = {};
  for (let guard = 0; guard < 80; guard++) {
    const s = await lessonState(page);
    if (!s) return { error: 'the lesson closed' };
    if (s.off_track) return { error: `off track: ${s.off_track}` };
    if (s.phase === 'finished') return { pressed, last: s };
    const wanted = { 'your-turn': 'lesson-do-it', watching: 'lesson-skip', 'step-done': 'lesson-next' }[s.phase];
    if (!wanted) { await waitFrames(page, 1); continue; }
    // The companion follows the lesson a few times a second: wait until it shows this phase.
    const enabled = await waitFor(page, (p) => p.evaluate((id) => document.getElementById(id).getAttribute('aria-disabled') === 'false', wanted),
      `${wanted} to be enabled`, 5000);
    if (!enabled) {
      if (JSON.stringify(await lessonState(page)) === JSON.stringify(s)) return { error: `${wanted} never enabled at step ${s.step}` };
      continue;  // the phase moved on by itself (a wait ended)
    }
    if (!(await tabTo(page, wanted))) return { error: `Tab never reached ${wanted}` };
    const before = JSON.stringify(await lessonState(page));
    // A wait can end by itself while Tab moves: then the button no longer applies.
    if (!(await page.evaluate((id) => document.getElementById(id).getAttribute('aria-disabled') === 'false', wanted))) continue;
    await page.keyboard.press('Enter');
    pressed[wanted] = (pressed[wanted] || 0) + 1;
    await waitFor(page, async (p) => JSON.stringify(await lessonState(p)) !== before, `the lesson to move on after ${wanted}`, 10000);
  }
  return { error: 'did not finish' };
}

async function main() {
  requireBuild();
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  try {
    const full = await open(browser, base);
    const page = full.page;
    check(full.ready, 'the page becomes ready');
    const hidden = await page.evaluate(() => document.getElementById('companion').getBoundingClientRect().width);
    check(hidden <= 1, 'the text companion takes no room on the picture until it has the focus', `${hidden}px wide`);

    // ---- Tab onto the canvas: its focus ring shows ----
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      const style = getComputedStyle(c);
      return { focused: document.activeElement === c, visible: c.matches(':focus-visible'), outline: style.outlineStyle, width: style.outlineWidth };
    });
    check(ring.focused && ring.visible && ring.outline === 'solid' && parseFloat(ring.width) >= 2,
      'Tab puts the focus on the canvas, with a visible focus ring', JSON.stringify(ring));

    // A Space pressed and released at once (within one frame) on the canvas pauses; again resumes.
    const running = await paused(page);
    await page.keyboard.press('Space');
    await waitFrames(page);
    check((await paused(page)) === !running, 'a quick Space on the canvas toggles pause');
    await page.keyboard.press('Space');
    await waitFrames(page);
    check((await paused(page)) === running, 'a second quick Space toggles it back');

    // ---- Tab walks the canvas's areas, then leaves it ----
    // The first area is the control bar, its highlight on its first button (Pause or Play):
    // Space presses that button, and the Space shortcut does not also act (one toggle, not two).
    await page.keyboard.press('Tab');
    await waitFrames(page);
    await page.screenshot({ path: path.join(shotDir, 'a11y-keyboard-controls.png') });
    const before = await paused(page);
    await page.keyboard.press('Space');
    await waitFrames(page);
    check((await paused(page)) === !before, 'in the control bar, Space presses the highlighted Pause button once');
    // While the highlight shows, the arrows move it and do not step the clock; after
    // Escape they step it again.
    if (!(await paused(page))) await page.evaluate(() => window.clustersim.pause());
    const events = () => page.evaluate(() => window.clustersim.state().events);
    const atStart = await events();
    await page.keyboard.press('ArrowRight');
    await waitFrames(page);
    await page.keyboard.press('ArrowRight');
    await waitFrames(page);
    check((await events()) === atStart, 'while the highlight shows, Right moves it and does not step an event');
    await page.keyboard.press('Escape');
    await waitFrames(page);
    await page.keyboard.press('ArrowRight');
    await waitFrames(page);
    check((await events()) === atStart + 1, 'after Escape, Right steps one event again', `${atStart} -> ${await events()}`);
    let areas = 1;
    while (areas < 12 && (await focusedId(page)) === 'canvas') {
      await page.keyboard.press('Tab');
      await waitFrames(page, 2);
      if ((await focusedId(page)) === 'canvas') areas++;
    }
    const after = await page.evaluate(() => ({ id: document.activeElement.id, inCompanion: !!document.activeElement.closest('#companion') }));
    check(areas >= 3 && after.inCompanion, `Tab walks the canvas's ${areas} areas, then leaves it for the text companion`, JSON.stringify(after));
    const shown = await page.evaluate(() => {
      const r = document.getElementById('companion').getBoundingClientRect();
      const f = document.activeElement.getBoundingClientRect();
      return { w: r.width, h: r.height, focusedInView: f.width > 4 && f.bottom <= innerHeight && f.right <= innerWidth };
    });
    check(shown.w > 200 && shown.h > 50 && shown.focusedInView, 'the companion shows while it has the focus, the focused control in view', JSON.stringify(shown));
    await page.screenshot({ path: path.join(shotDir, 'a11y-keyboard-companion.png') });
    await page.keyboard.press('Shift+Tab');
    check((await focusedId(page)) === 'canvas', 'Shift+Tab goes back to the canvas');
    await page.keyboard.press('Tab');

    // ---- the page's own buttons keep their keys ----
    if (await paused(page)) await page.evaluate(() => window.clustersim.resume());
    check(await tabTo(page, 'pause'), 'Tab reaches the companion\'s Pause button');
    await page.keyboard.press('Space');
    await waitFrames(page);
    check(await paused(page), 'Space on the Pause button pauses exactly once (the simulator does not also get the key)');
    await page.keyboard.press('Enter');
    await waitFrames(page);
    check(!(await paused(page)), 'Enter on it (now Resume) resumes');

    // ---- "Describe the cluster" ----
    check(await tabTo(page, 'describe'), 'Tab reaches "Describe the cluster"');
    await page.keyboard.press('Enter');
    const described = await page.evaluate(() => ({
      state: window.clustersim.state(),
      summary: document.getElementById('cluster-summary').textContent,
      servers: Array.from(document.querySelectorAll('#cluster-servers li span')).map((s) => s.textContent),
    }));
    const agrees = described.servers.length === described.state.servers.length && described.state.servers.every((s, i) =>
      described.servers[i].startsWith(`Server ${s.id}: `) && described.servers[i].includes(s.alive ? s.role : 'crashed') &&
      (!s.alive || described.servers[i].includes(`${s.queue} request`)));
    check(agrees, 'the description names each server, its role and its queue as state() has them', described.servers.join(' / '));
    check(described.summary.includes(described.state.leader ? `server ${described.state.leader} leads` : 'no leader'),
      'the description names the leader', described.summary);

    // ---- the live region: a crash (by keyboard, with the description's button) and the election ----
    await page.evaluate(() => window.clustersim.speed(10));  // the election after it takes seconds of simulated time
    const leader = described.state.leader || 6;
    const found = await page.evaluate((id) => {
      const b = Array.from(document.querySelectorAll('#cluster-servers button')).find((x) => x.textContent === `Crash server ${id}`);
      if (b) b.id = 'crash-target';
      return !!b;
    }, leader);
    check(found && await tabTo(page, 'crash-target'), `Tab reaches "Crash server ${leader}"`);
    await page.keyboard.press('Enter');
    check(!(await page.evaluate((id) => window.clustersim.state().servers[id - 1].alive, leader)), `Enter on it crashes server ${leader}`);
    const said = await waitFor(page, (p) => p.evaluate((id) => {
      const text = document.getElementById('live').textContent;
      return text.includes(`Server ${id} crashed.`) && text.includes('is the new leader.');
    }, leader), 'the live region to say the crash and the new leader', 20000);
    const live = await page.evaluate(() => ({ attr: document.getElementById('live').getAttribute('aria-live'), text: document.getElementById('live').textContent }));
    check(said, 'the live region says the crash and the election that follows', live.text);
    check(live.attr === 'polite' && !/heartbeat|->/i.test(live.text), 'the live region is polite and never mentions heartbeats or messages');
    check((await page.evaluate(() => document.getElementById('crash-target').textContent)) === `Restart server ${leader}`,
      'the button now offers to restart it');

    // ---- prefers-reduced-motion reaches the UI, and follows a change ----
    check(!(await page.evaluate(() => window.clustersim.reducedMotion())), 'no reduced motion by default');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    check(await waitFor(page, (p) => p.evaluate(() => window.clustersim.reducedMotion()), 'reduced motion on', 5000),
      'prefers-reduced-motion: reduce reaches the UI (FrameInput::reduced_motion)');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    check(await waitFor(page, (p) => p.evaluate(() => !window.clustersim.reducedMotion()), 'reduced motion off', 5000),
      'and turning it off again does too');
    check(full.errors.length === 0, 'no console errors on the full page', full.errors.join(' | '));
    await full.close();

    // ---- the Bully lesson, embedded at 480x400, by keyboard only ----
    const lesson = await open(browser, `${base}?embed=1&lesson=bully`, { viewport: { width: 480, height: 400 } });
    check(lesson.ready, 'the embedded lesson becomes ready');
    // (Enter on a button makes a click event: only the mouse's own events are counted.)
    const mouse = await lesson.page.evaluate(() => {
      window.mouseEvents = 0;
      ['mousedown', 'mouseup', 'mousemove', 'pointerdown', 'wheel'].forEach((t) => window.addEventListener(t, (e) => { if (e.isTrusted) window.mouseEvents++; }, true));
    });
    const played = await playByKeyboard(lesson.page);
    const presses = played.pressed ? Object.entries(played.pressed).map(([k, v]) => `${v} x ${k}`).join(', ') : '';
    check(!played.error && played.last && played.last.phase === 'finished',
      `the Bully lesson is played to its end by keyboard alone (${presses})`, played.error || '');
    check((await lesson.page.evaluate(() => window.mouseEvents)) === 0 && mouse === undefined, 'no mouse event reached the page');
    const lessonText = await lesson.page.evaluate(() => document.getElementById('lesson').textContent);
    check(/Lesson complete/.test(lessonText), 'the companion says the lesson is complete', lessonText.slice(0, 200));
    await lesson.page.screenshot({ path: path.join(shotDir, 'a11y-keyboard-lesson-480x400.png') });
    check(lesson.errors.length === 0, 'no console errors in the keyboard-only lesson', lesson.errors.join(' | '));
    await lesson.close();
  } finally {
    await browser.close();
    server.close();
  }
}

run('a11y_keyboard', main);
