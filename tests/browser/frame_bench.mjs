// Frame-time benchmark of the web page (not a pass/fail test; scripts/bench.sh runs it).
//
//   node tests/browser/frame_bench.mjs [--json]
//
// Opens the page with ?bench=1: the page itself runs fixed workloads (6 servers
// under heavy load, then 64 servers under heavy load, 300 frames of 1/60 s each
// at 1x) and measures the CPU time of every frame inside the wasm frame callback:
// host tick + UI build + render submission (src/app/main_web.cpp, frame_bench.cpp).
// Then the seek benchmark (src/app/seek_bench.h: an hour under heavy load, 40 seeks
// back and forth, each timed inside the page) and the page's startup milestones
// (performance.now() at main(), host, GUI, first frame = ready).
// Prints mean, 95th percentile and worst frame per workload; exits 1 only if the
// page could not run the benchmark. Then the same again with the Space-time tab open
// (?bench=1&view=spacetime: the diagram follows the run), reported as
// servers6_spacetime and servers64_spacetime.
import { launch, openPage, requireBuild, startServer, waitFor } from './lib.mjs';

const BENCH_TIMEOUT_MS = 400000;  // the seek benchmark plays two hours under load first

async function main() {
  requireBuild();
  const server = await startServer();
  const browser = await launch();
  try {
    const errors = [];
    const bench = {};
    for (const [query, suffix] of [['bench=1', ''], ['bench=1&view=spacetime', '_spacetime']]) {
      const opened = await openPage(browser, `http://127.0.0.1:${server.address().port}/?${query}`);
      if (!opened.ready) throw new Error('the page did not become ready');
      const results = await waitFor(opened.page, (p) => p.evaluate(() => window.clustersim.bench), 'the benchmark', BENCH_TIMEOUT_MS);
      if (!results) throw new Error(`no results in window.clustersim.bench after ${BENCH_TIMEOUT_MS / 1000} s (${query})`);
      for (const [name, s] of Object.entries(results)) {
        // Seeks and startup are measured once, on the plain page; the second pass is for frame times.
        if (suffix && (name === 'seek' || name === 'startup')) continue;
        bench[name + suffix] = s;
      }
      errors.push(...opened.errors);
      await opened.page.close();
    }
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(bench));
    } else {
      console.log('frame CPU time (host tick + UI build + render submission), headless Chromium, WebGL 2 on SwiftShader:');
      for (const [name, s] of Object.entries(bench)) {
        if (name === 'seek' || name === 'startup') continue;
        console.log(`  ${name.padEnd(20)} mean ${s.mean_ms.toFixed(2)} ms   p95 ${s.p95_ms.toFixed(2)} ms   max ${s.max_ms.toFixed(2)} ms   (${s.frames} frames)`);
      }
      const startup = bench.startup;
      for (const [name, seek] of Object.entries(bench.seek || {}))
        console.log(`seek inside an hour, ${name.padEnd(6)} (${seek.seeks} seeks): mean ${seek.mean_ms.toFixed(1)} ms   p95 ${seek.p95_ms.toFixed(1)} ms   max ${seek.max_ms.toFixed(1)} ms (to ${seek.worst_target_s} s); playing the hour first: ${seek.reach_ms.toFixed(0)} ms`);
      if (startup)
        console.log(`startup (ms since navigation): main() ${startup.main_ms.toFixed(0)}, WebGL ${startup.window_ms.toFixed(0)}, host ${startup.host_ms.toFixed(0)}, GUI ${startup.gui_ms.toFixed(0)}, lesson/link ${startup.course_ms.toFixed(0)}, ready ${startup.ready_ms.toFixed(0)}`);
    }
    if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => {
  console.error(`frame bench: ${err.stack || err}`);
  process.exit(1);
});
