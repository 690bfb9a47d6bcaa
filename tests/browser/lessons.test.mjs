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
import {
  check, clickNamed, clipOf, countColour, finish, launch, openPage, rectOf, rects, settledRect, shotDir, startServer, waitFor,
  waitForRect, waitFrames,
} from './lib.mjs';

const lessonState = (page) => page.evaluate(() => window.clustersim.lesson());

// Until the lesson's state is no longer `before` (a second click on a slow frame
// would skip a step); gives up after 10 s (the click may have changed nothing).
const lessonMovesOn = (page, before, name) => waitFor(page,
  async (p) => JSON.stringify(await lessonState(p)) !== before, `the lesson to move on after '${name}'`, 10000);

// Clicks a named item once it stands still, and waits for the frame that applies it.
// The Lesson tab's buttons sit below the step box, which changes height when the
// step's phase or the user's own commands change: a rect read a frame before that
// and clicked after it misses the button. So the click waits until the rect is the
// same two frames in a row (settledRect).
async function click(page, name) {
  const before = JSON.stringify(await lessonState(page));
  const r = await settledRect(page, name, 5000);
  if (!check(r, `item '${name}' is on screen`)) return false;
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await waitFrames(page);
  await lessonMovesOn(page, before, name);
  return true;
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

// The size the course's screenshots are taken at.
const screen = { width: 1280, height: 800 };
const allShots = process.env.CLUSTERSIM_LESSON_SHOTS === 'all';
const simTime = (page) => page.evaluate(() => window.clustersim.state().time_ms);

// Plays the open lesson to its end with the tab's buttons. Returns the steps seen
// and every expectation shown, with the step it was shown in. Takes a screenshot
// when each step is done, the moment it shows (build/screenshots/lessons-NAME-K-done.png),
// and with CLUSTERSIM_LESSON_SHOTS=all also as it opens (lessons-NAME-K.png).
// A step-done card stops the clock: paused, and the time still where it was ten
// frames later (`stillClock`, one entry per done step). A step that brings another
// tab forward leaves the "Lesson: step K of N" chip in the cluster view
// (`chipSteps`); clicking it brings the narration back.
async function playThrough(page, name) {
  const steps = [];
  const expects = [];
  const clicks = {};
  const stillClock = [];
  const chipSteps = [];
  let doneShot = -1;
  let last = null;
  for (let guard = 0; guard < 160; guard++) {
    const s = await lessonState(page);
    if (!s) return { steps, expects, error: 'the lesson closed' };
    if (steps[steps.length - 1] !== s.step) {
      steps.push(s.step);
      await waitFrames(page, 2);
      if (await rectOf(page, 'lesson-chip')) chipSteps.push(s.step);
      if (allShots) await page.screenshot({ path: path.join(shotDir, `lessons-${name}-${s.step}.png`) });
    }
    if (s.off_track) return { steps, expects, error: `off track: ${s.off_track}` };
    const wanted = { 'your-turn': 'lesson/do-it', watching: 'lesson/skip', 'step-done': 'lesson/next' }[s.phase];
    if ((s.phase === 'step-done' || s.phase === 'finished') && doneShot !== s.step) {
      doneShot = s.step;
      if (s.phase === 'step-done') {
        const before = await simTime(page);
        await waitFrames(page, 6);
        const after = await simTime(page);
        const paused = await page.evaluate(() => window.clustersim.paused());
        stillClock.push({ step: s.step, ok: paused && before === after, detail: `${before} -> ${after} ms, paused ${paused}` });
      }
      await page.screenshot({ path: path.join(shotDir, `lessons-${name}-${s.step}-done.png`) });
    }
    if (s.phase === 'step-done' || s.phase === 'finished') {
      for (const e of s.expects) expects.push({ step: s.step, ...e });
      if (s.phase === 'finished') return { steps, expects, clicks, stillClock, chipSteps, last: s };
    }
    if (wanted) {
      if (await clickIfThere(page, wanted)) {
        clicks[wanted] = (clicks[wanted] || 0) + 1;
      } else if (await rectOf(page, 'lesson-chip')) {
        // The step brought another tab forward: back to the narration, as a student would.
        const chip = await rectOf(page, 'lesson-chip');
        await page.mouse.click(chip.x + chip.w / 2, chip.y + chip.h / 2);
        await waitFrames(page);
        if (s.phase === 'step-done') expects.splice(expects.length - s.expects.length);  // seen again next round
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

// The steps whose `## view:` brings another tab forward (the chip shows then).
const stepsWithView = { bully: [3], replication: [2], consistency: [4], cap_quorum: [3] };

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
  // (While a step watches time pass its state changes every frame, so wait for the rebuild itself.)
  s = await waitFor(first.page, async (p) => { const l = await lessonState(p); return l.own_commands.length === 0 && l; },
    'the step to be rebuilt') || await lessonState(first.page);
  const alive2 = (await first.page.evaluate(() => window.clustersim.state())).servers[1].alive;
  check(s.own_commands.length === 0 && alive2, '"Back to the lesson" rebuilds the step as the lesson set it up');
  await first.page.screenshot({ path: path.join(shotDir, 'lessons-replication.png') });
  check(first.errors.length === 0, 'no console errors on the picker page', first.errors.join(' | '));
  await first.page.close();

  // ---- every lesson, from its URL, to its end ----
  for (const name of names) {
    const { page, errors, ready } = await openPage(browser, `${base}?lesson=${name}`, { viewport: screen });
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
    const moving = (played.stillClock || []).filter((c) => !c.ok);
    check((played.stillClock || []).length === expected.length - 1 && moving.length === 0,
      `${name}: the clock stands still while each of the ${expected.length - 1} step-done cards waits`,
      moving.map((c) => `step ${c.step}: ${c.detail}`).join('; '));
    const withView = stepsWithView[name] || [];
    check(JSON.stringify(played.chipSteps) === JSON.stringify(withView),
      `${name}: steps ${withView.join(',') || '(none)'} bring their tab forward (the lesson chip shows)`,
      JSON.stringify(played.chipSteps));
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

  // ---- the consistency lesson's stale read, done the student's way: the Shop ----
  {
    const { page, errors } = await openPage(browser, `${base}?lesson=consistency&step=2`, { viewport: screen });
    check(await click(page, 'lesson/do-it'), 'consistency step 2: the order is placed');
    let c = await waitFor(page, async (p) => { const l = await lessonState(p); return l.phase === 'step-done' && l; },
      'the order\'s step to end');
    const acked = (await page.evaluate(() => window.clustersim.state())).orders;
    check(c && acked && acked.acknowledged === 1, 'the order is acknowledged before the read is asked for',
      JSON.stringify(acked));
    check(await click(page, 'lesson/next'), 'Next goes on to the read');
    c = await waitFor(page, async (p) => { const l = await lessonState(p); return l.phase === 'your-turn' && l; },
      'the lesson to wait for the read');
    check(c && c.step === 3 && c.awaited === 'read PRD-4 via 1', 'step 3 waits for "read PRD-4 via 1"', JSON.stringify(c));
    // Paused with messages in flight (100 ms latency): each dot is at least 10 px across,
    // i.e. holds 60 pixels or more of its family's colour (a 7 px dot holds about 38).
    const families = [[96, 170, 255], [255, 140, 50], [240, 220, 80], [230, 100, 210], [120, 200, 150]];
    const dots = (await rects(page)).filter((r) => r.name.startsWith('message/'));
    let biggest = 0;
    for (const d of dots.slice(0, 6))
      for (const rgb of families) biggest = Math.max(biggest, await countColour(page, clipOf(d), rgb, 12));
    console.log(`# ${dots.length} dots in flight; the biggest holds ${biggest} pixels of its family's colour`);
    check(dots.length > 0 && biggest >= 60, 'message dots are at least 10 px across at 1280x800',
      `${dots.length} dots, most family-coloured pixels in one: ${biggest}`);
    await page.screenshot({ path: path.join(shotDir, 'lessons-consistency-dots.png') });
    // Shop: send to server 1, Refresh stock (one read per product).
    check(await clickNamed(page, 'tab/Shop'), 'the Shop tab is on screen');
    check(await clickNamed(page, 'shop/route'), 'the Shop\'s "Send to" is on screen');
    check(await clickNamed(page, 'shop/route/1'), '"server 1" can be chosen');
    check(await clickNamed(page, 'shop/refresh'), 'Refresh stock is on screen');
    c = await waitFor(page, async (p) => { const l = await lessonState(p); return l.phase === 'step-done' && l; },
      'the step to end after the Shop\'s read');
    check(c && c.own_commands.length === 0 && !c.off_track,
      "the Shop's read of every product through server 1 is the lesson's read, not a step off its path",
      JSON.stringify(c));
    const stale = await waitForRect(page, 'shop/stale/PRD-4', 5000);
    check(stale, 'the Shop shows the stale read of PRD-4 beside what the leader holds');
    await page.screenshot({ path: path.join(shotDir, 'lessons-consistency-stale-shop.png') });
    check(await clickNamed(page, 'tab/Lesson'), 'the Lesson tab is on screen');
    check(await waitForRect(page, 'lesson/stale-read', 5000), 'the lesson shows the stale read too');
    await page.screenshot({ path: path.join(shotDir, 'lessons-consistency-stale-lesson.png') });
    // Step 4 brings the History tab forward: not linearizable, the order and the read outlined.
    check(await click(page, 'lesson/next'), 'Next goes on to the History tab');
    check(await waitForRect(page, 'history/verdict/not-linearizable', 5000), 'History: the verdict is "Not linearizable"');
    const witness = (await rects(page)).filter((r) => r.name.startsWith('history/witness/'));
    check(witness.length === 2, 'History: two operations are outlined as the witness (the order and the stale read)',
      witness.map((r) => r.name).join(', '));
    await page.screenshot({ path: path.join(shotDir, 'lessons-consistency-history.png') });
    check(errors.length === 0, 'no console errors on the consistency page', errors.join(' | '));
    await page.close();
  }
} catch (error) {
  check(false, 'the test ran to the end', error.stack || String(error));
} finally {
  await browser.close();
  server.close();
}
finish('lessons');
