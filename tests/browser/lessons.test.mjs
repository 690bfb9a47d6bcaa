// Lessons in the page (issue 6): every shipped lesson opens from its URL at step 1
// and is played to its end through the Lesson tab's own buttons ("Do it for me",
// "Skip ahead", "Next"), as a student would click them; every "What you should
// see" line holds, as it does headless. Also: the lesson picker, ?step=, leaving
// the lesson and coming back, and no console errors anywhere.
//
//   node tests/browser/lessons.test.mjs
//
// Screenshots: build/screenshots/lessons-*.png
import fs from 'node:fs';
import path from 'node:path';
import { check, clickNamed, finish, launch, openPage, rects, shotDir, startServer, waitFor, waitFrames } from './lib.mjs';

const lessonState = (page) => page.evaluate(() => window.clustersim.lesson());

// Until the lesson's state is no longer `before` (a second click on a slow frame
// would skip a step); gives up after 10 s (the click may have changed nothing).
const lessonMovesOn = (page, before, name) => waitFor(page,
  async (p) => JSON.stringify(await lessonState(p)) !== before, `the lesson to move on after '${name}'`, 10000);

// Clicks a named item and waits for the frame that applies it.
async function click(page, name) {
  const before = JSON.stringify(await lessonState(page));
  const ok = await clickNamed(page, name);
  if (ok) await lessonMovesOn(page, before, name);
  return ok;
}

// Clicks a button of the tab if it is (still) there: a wait can end by itself
// between reading the state and clicking. False if it is not on screen.
async function clickIfThere(page, name) {
  const r = (await rects(page)).find((x) => x.name === name);
  if (!r) return false;
  const before = JSON.stringify(await lessonState(page));
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await waitFrames(page);
  await lessonMovesOn(page, before, name);
  return true;
}

// Plays the open lesson to its end with the tab's buttons. Returns the steps seen
// and every expectation shown, with the step it was shown in.
async function playThrough(page, name) {
  const steps = [];
  const expects = [];
  const clicks = {};
  let last = null;
  for (let guard = 0; guard < 120; guard++) {
    const s = await lessonState(page);
    if (!s) return { steps, expects, error: 'the lesson closed' };
    if (steps[steps.length - 1] !== s.step) steps.push(s.step);
    if (s.off_track) return { steps, expects, error: `off track: ${s.off_track}` };
    const wanted = { 'your-turn': 'lesson/do-it', watching: 'lesson/skip', 'step-done': 'lesson/next' }[s.phase];
    if (s.phase === 'step-done' || s.phase === 'finished') {
      for (const e of s.expects) expects.push({ step: s.step, ...e });
      if (s.phase === 'finished') return { steps, expects, clicks, last: s };
    }
    if (wanted) {
      if (await clickIfThere(page, wanted)) {
        clicks[wanted] = (clicks[wanted] || 0) + 1;
      } else {
        const now = await lessonState(page);
        if (JSON.stringify(now) === JSON.stringify(s)) return { steps, expects, error: `no ${wanted} at step ${s.step}` };
        if (s.phase === 'step-done') expects.splice(expects.length - s.expects.length);  // seen again next round
      }
    } else {
      await waitFrames(page);
    }
    last = s;
  }
  return { steps, expects, clicks, error: `${name}: did not finish (last phase ${last && last.phase})` };
}

const server = await startServer();
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
fs.mkdirSync(shotDir, { recursive: true });

try {
  // ---- the catalogue ----
  let first = await openPage(browser, base);
  check(first.ready, 'the page becomes ready');
  const catalogue = await first.page.evaluate(() => window.clustersim.lessons());
  const names = catalogue.map((l) => l.name);
  check(names.length >= 7, 'seven lessons or more are shipped', names.join(', '));
  for (const wanted of ['bully', 'replication', 'fault_tolerance', 'consistency', 'cap_split_brain', 'cap_quorum',
    'load_balancing'])
    check(names.includes(wanted), `lesson '${wanted}' is in the catalogue`);
  check(catalogue.every((l) => l.title && l.section), 'every lesson has a title and a course section');

  await first.page.close();

  // The picker: a lesson's URL brings the Lesson tab forward; closing the lesson shows
  // the picker there. (The tab bar scrolls at 1280 px, so its last tab is not always
  // clickable itself.)
  const picker = await openPage(browser, `${base}?lesson=bully`);
  check(await click(picker.page, 'lesson/close'), 'the lesson can be closed');
  check((await lessonState(picker.page)) === null, 'closing it leaves no lesson open');
  await picker.page.screenshot({ path: path.join(shotDir, 'lessons-picker.png') });
  first.page = picker.page;
  first.errors = picker.errors;
  check(await click(first.page, 'lesson/open/replication'), 'the picker lists the replication lesson');
  let s = await lessonState(first.page);
  check(s && s.name === 'replication' && s.step === 1, 'clicking it opens the lesson at step 1', JSON.stringify(s));
  // Leave the path (crash a server the lesson does not ask for), then come back.
  await first.page.evaluate(() => window.clustersim.command('crash 2'));
  s = await waitFor(first.page, async (p) => { const l = await lessonState(p); return l.own_commands.length > 0 && l; },
    'the lesson to notice the command') || await lessonState(first.page);
  check(s.own_commands.includes('crash 2'), "the user's own command is noticed", JSON.stringify(s.own_commands));
  check(await click(first.page, 'lesson/back'), '"Back to the lesson" is offered');
  s = await lessonState(first.page);
  const alive2 = (await first.page.evaluate(() => window.clustersim.state())).servers[1].alive;
  check(s.own_commands.length === 0 && alive2, '"Back to the lesson" rebuilds the step as the lesson set it up');
  await first.page.screenshot({ path: path.join(shotDir, 'lessons-replication.png') });
  check(first.errors.length === 0, 'no console errors on the picker page', first.errors.join(' | '));
  await first.page.close();

  // ---- every lesson, from its URL, to its end ----
  for (const name of names) {
    const { page, errors, ready } = await openPage(browser, `${base}?lesson=${name}`);
    check(ready, `${name}: the page becomes ready`);
    const start = await lessonState(page);
    check(start && start.name === name && start.step === 1, `${name}: the URL opens the lesson at step 1`,
      JSON.stringify(start));
    const visible = (await rects(page)).some((r) => r.name === 'lesson/narration');
    check(visible, `${name}: the Lesson tab is open with the narration on screen`);
    const played = await playThrough(page, name);
    const expected = Array.from({ length: start ? start.steps : 0 }, (_, i) => i + 1);
    check(!played.error, `${name}: played to the end with the tab's buttons`, played.error);
    check(JSON.stringify(played.steps) === JSON.stringify(expected), `${name}: went through steps ${expected.join(',')}`,
      played.steps.join(','));
    const clicks = played.clicks || {};
    check(clicks['lesson/next'] === expected.length - 1 && clicks['lesson/do-it'] > 0,
      `${name}: by clicking Next ${expected.length - 1} times and "Do it for me" ${clicks['lesson/do-it']} times`,
      JSON.stringify(clicks));
    const failed = played.expects.filter((e) => !e.ok);
    check(played.expects.length > 0 && failed.length === 0,
      `${name}: all ${played.expects.length} "What you should see" lines hold`,
      failed.map((e) => `step ${e.step}: ${e.what} (seen ${e.got})`).join('; '));
    const notices = await page.evaluate(() => window.clustersim.notices());
    check(notices.length === 0, `${name}: no notices`, notices.join(' | '));
    if (name === 'cap_split_brain') await page.screenshot({ path: path.join(shotDir, 'lessons-cap_split_brain-end.png') });
    check(errors.length === 0, `${name}: no console errors`, errors.join(' | '));
    await page.close();
  }

  // ---- ?step=, "your turn", and Previous ----
  {
    const { page, errors } = await openPage(browser, `${base}?lesson=bully&step=2`);
    let b = await lessonState(page);
    check(b && b.step === 2 && b.phase === 'your-turn' && b.awaited === 'crash 6',
      '?lesson=bully&step=2 opens step 2, waiting for "crash 6"', JSON.stringify(b));
    check(await page.evaluate(() => window.clustersim.paused()), 'the clock waits while it is the user\'s turn');
    await page.screenshot({ path: path.join(shotDir, 'lessons-bully-your-turn.png') });
    // Doing it yourself (the cluster view's Crash button) moves the lesson on.
    check(await click(page, 'button/crash/6'), "server 6's Crash button is on screen");
    b = await lessonState(page);
    check(b.phase === 'step-done' && b.own_commands.length === 0 && b.expects.length === 1 && b.expects[0].ok,
      'crashing 6 yourself counts as the step\'s action', JSON.stringify(b));
    check(await click(page, 'lesson/previous'), 'Previous is offered');
    b = await lessonState(page);
    const st = await page.evaluate(() => window.clustersim.state());
    check(b.step === 1 && st.servers[5].alive, 'Previous rebuilds step 1 (server 6 alive again)');
    check(errors.length === 0, 'no console errors on the step page', errors.join(' | '));
    await page.close();
  }
} catch (error) {
  check(false, 'the test ran to the end', error.stack || String(error));
} finally {
  await browser.close();
  server.close();
}
finish('lessons');
