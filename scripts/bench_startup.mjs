// Startup benchmark of the web page: how long after navigation the page is ready
// (its first frame drawn), measured RUNS times in fresh pages on the loopback server
// of tests/browser/lib.mjs (the same content types as scripts/serve.sh's Python server:
// application/wasm, so the browser compiles the wasm while it downloads).
//
//   node scripts/bench_startup.mjs [RUNS] [--json]     (after scripts/build.sh web)
//
// Each page records, with performance.now() (ms since navigation began):
//   js      clustersim.js downloaded (Resource Timing)
//   wasm    clustersim.wasm downloaded (Resource Timing)
//   main    the runtime initialised, main() about to run (Module.onRuntimeInitialized)
//   context the WebGL context made; host: the simulation host made; gui: ImGui, fonts and
//           GL objects made (the page's own clustersim.startup, main_web.cpp)
//   ready   the first frame drawn (the page calls window.clustersimSetReady)
// No change to the page is needed: an init script wraps those two hooks.
import { launch, openPage, requireBuild, startServer } from '../tests/browser/lib.mjs';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) || 7);

function hookStartup() {
  const marks = {};
  window.__startup = marks;
  // The shell assigns window.Module and defines window.clustersimSetReady later: wrap both as they arrive.
  let module;
  Object.defineProperty(window, 'Module', {
    configurable: true,
    get() { return module; },
    set(m) {
      module = m;
      const before = m.onRuntimeInitialized;
      m.onRuntimeInitialized = function () { marks.main = performance.now(); if (before) before.apply(this, arguments); };
    },
  });
  let setReady;
  Object.defineProperty(window, 'clustersimSetReady', {
    configurable: true,
    get() { return setReady && function () { if (marks.ready === undefined) marks.ready = performance.now(); return setReady.apply(this, arguments); }; },
    set(f) { setReady = f; },
  });
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

async function main() {
  requireBuild();
  const server = await startServer();
  const browser = await launch();
  const samples = [];
  try {
    const url = `http://127.0.0.1:${server.address().port}/`;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();  // a fresh cache each run: a first visit
      const page = await context.newPage();
      await page.addInitScript(hookStartup);
      await page.addInitScript(() => { try { window.sessionStorage.setItem('clustersim.startCardDismissed', '1'); } catch (e) { /* storage blocked */ } });
      await page.goto(url);
      await page.waitForFunction(() => window.__startup && window.__startup.ready !== undefined, null, { timeout: 60000 });
      const sample = await page.evaluate(() => {
        const end = (name) => {
          const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(name));
          return entry ? entry.responseEnd : NaN;
        };
        // The page's own milestones (main_web.cpp): main() entered, WebGL context, host, GUI, first frame.
        const own = window.clustersim.startup || {};
        return {
          js: end('/clustersim.js'), wasm: end('/clustersim.wasm'), main: window.__startup.main,
          context: own.window_ms, host: own.host_ms, gui: own.gui_ms, ready: window.__startup.ready,
        };
      });
      samples.push(sample);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const summary = {};
  for (const key of ['js', 'wasm', 'main', 'context', 'host', 'gui', 'ready']) summary[key] = stats(samples.map((s) => s[key]));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ runs, summary, samples }));
    return;
  }
  console.log(`startup, ${runs} fresh page loads (ms since navigation: min / median / max):`);
  for (const [key, s] of Object.entries(summary)) console.log(`  ${key.padEnd(6)} ${s.min.toFixed(0)} / ${s.median.toFixed(0)} / ${s.max.toFixed(0)}`);
  console.log(`  each ready: ${samples.map((s) => s.ready.toFixed(0)).join(' ')}`);
}

main().catch((err) => {
  console.error(`startup bench: ${err.stack || err}`);
  process.exit(1);
});
