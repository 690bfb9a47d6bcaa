// Shared helpers of the browser tests (tests/browser/*.test.mjs and smoke.mjs):
// a loopback static server for build/web, Debian's Chromium through
// playwright-core, error collection, checks with a TAP-like log, and picture
// statistics, and waits on the page's frames and state (never a fixed sleep).
// No dependency beyond playwright-core.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// CLUSTERSIM_WEB_DIR / CLUSTERSIM_SHOT_DIR: test another build (an engineer's own build folder).
export const webDir = path.resolve(process.env.CLUSTERSIM_WEB_DIR || path.join(root, 'build/web'));
export const shotDir = path.resolve(process.env.CLUSTERSIM_SHOT_DIR || path.join(root, 'build/screenshots'));
export const chromiumFlags = ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const READY_TIMEOUT_MS = 60000;

export const results = [];
export function check(ok, what, detail = '') {
  results.push({ ok: !!ok, what });
  console.log(`${ok ? 'ok' : 'not ok'} - ${what}${!ok && detail ? `: ${detail}` : ''}`);
  return !!ok;
}

const contentTypes = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.png': 'image/png', '.css': 'text/css', '.json': 'application/json',
};

export function startServer() {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(webDir, urlPath === '/' ? 'index.html' : urlPath);
    if (!file.startsWith(webDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': contentTypes[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Opens the page and collects every console error, page error and failed request.
// waitReady: false for a page without window.clustersim of its own (web/embed.html).
// The page opens in the dark theme (colorScheme) and without the first visit's start
// card, as the tests were written for; startCard: true shows it as a newcomer sees it.
export async function openPage(browser, url, options = {}) {
  const { waitReady = true, startCard = false, ...pageOptions } = options;
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'dark', ...pageOptions });
  if (!startCard) {
    await page.addInitScript(() => {
      try { window.sessionStorage.setItem('clustersim.startCardDismissed', '1'); } catch (e) { /* storage blocked */ }
    });
  }
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
  page.on('response', (res) => { if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`); });
  await page.goto(url);
  const ready = waitReady ? await whenReady(page) : false;
  return { page, errors, ready };
}

// Waits until the page (or an iframe) has drawn its first frame; false if it never does.
export function whenReady(pageOrFrame) {
  return pageOrFrame.waitForFunction(() => window.clustersim && window.clustersim.ready === true, null,
    { timeout: READY_TIMEOUT_MS }).then(() => true, () => false);
}

// ---- waiting: on the page's frames and state, never for a fixed time ----

// The longest any wait below waits before it gives up (a loaded 2-core machine can be slow).
export const WAIT_MS = 30000;

// How many frames the page has drawn (window.clustersim.frames()).
export const frames = (page) => page.evaluate(() => window.clustersim.frames());

// Waits until the page has drawn n more frames. Input given before the call has been
// taken by then: the page (src/app/input_queue.h) moves the pointer in one frame,
// presses in the next, releases in the next and applies what the UI did at the end
// of that frame. 4 frames cover a click or a key press and release.
export async function waitFrames(page, n = 4, timeoutMs = WAIT_MS) {
  const target = (await frames(page)) + n;
  await page.waitForFunction((t) => window.clustersim.frames() >= t, target, { timeout: timeoutMs, polling: 'raf' });
}

// Polls fn(page) once a frame until it returns something truthy, and returns that; after
// timeoutMs it says what it waited for and returns the last (falsy) value, so the check
// that follows fails with its own message.
export async function waitFor(page, fn, what, timeoutMs = WAIT_MS) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn(page);
    if (value) return value;
    if (Date.now() > end) {
      console.log(`# gave up after ${timeoutMs} ms waiting for ${what}`);
      return value;
    }
    await waitFrames(page, 1, timeoutMs);
  }
}

// Waits until the page's state() satisfies fn; returns the last state seen either way.
export async function waitForState(page, fn, what, timeoutMs = WAIT_MS) {
  let last = null;
  await waitFor(page, async (p) => {
    last = await p.evaluate(() => window.clustersim.state());
    return fn(last);
  }, what, timeoutMs);
  return last;
}

// Looks at the pixels of a screenshot (of the page, or of `clip`), decoded by the
// browser itself (no PNG library needed here): { rows } gives statistics of the top
// rows (0: all), { rgb, tolerance } counts the pixels within tolerance of rgb, and
// { first: true } gives the top-left pixel's [r, g, b].
async function screenshotPixels(page, clip, question) {
  const png = (await page.screenshot(clip ? { clip } : {})).toString('base64');
  return page.evaluate(async ([data, q]) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const rows = q.rows > 0 ? Math.min(q.rows, c.height) : c.height;
    const px = ctx.getImageData(0, 0, c.width, rows).data;
    if (q.first) return Array.from(px.slice(0, 3));
    if (q.rgb) {
      let n = 0;
      for (let i = 0; i < px.length; i += 4)
        if (Math.abs(px[i] - q.rgb[0]) <= q.tolerance && Math.abs(px[i + 1] - q.rgb[1]) <= q.tolerance &&
          Math.abs(px[i + 2] - q.rgb[2]) <= q.tolerance) n++;
      return n;
    }
    const colours = new Set();
    let sum = 0, sumSq = 0, n = 0;
    for (let i = 0; i < px.length; i += 4 * 7) {  // every 7th pixel is plenty
      const lum = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
      sum += lum; sumSq += lum * lum; n++;
      colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    }
    const mean = sum / n;
    return { width: img.width, height: img.height, stddev: Math.sqrt(sumSq / n - mean * mean), colours: colours.size };
  }, [png, question]);
}

// Statistics of a screenshot: of the whole page, of its top `area` rows (a number),
// or of a rectangle `area` = {x, y, width, height} in CSS pixels.
export function pictureStats(page, area = 0) {
  const clip = typeof area === 'object' && area ? area : undefined;
  return screenshotPixels(page, clip, { rows: typeof area === 'number' ? area : 0 });
}

// Pixels inside `clip` within `tolerance` of the colour rgb.
export function countColour(page, clip, rgb, tolerance) {
  return screenshotPixels(page, clip, { rgb, tolerance });
}

// The [r, g, b] of the top-left pixel of `clip`.
export function firstPixel(page, clip) {
  return screenshotPixels(page, clip, { first: true });
}

// A named rect as a screenshot clip.
export const clipOf = (r) => ({ x: r.x, y: r.y, width: r.w, height: r.h });

// Throws unless the page has been built into webDir; makes the screenshot folder.
export function requireBuild() {
  for (const f of ['index.html', 'clustersim.js', 'clustersim.wasm'])
    if (!fs.existsSync(path.join(webDir, f))) throw new Error(`${path.relative(root, webDir) || webDir}/${f} is missing: build the web page first`);
  fs.mkdirSync(shotDir, { recursive: true });
}

// Launches Debian's Chromium headless with the flags this machine needs.
export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumFlags });
}

// Prints the summary line and exits non-zero when any check failed. ("checks
// passed", not "passed": only scripts/test.sh prints the "N passed, N failed" line.)
export function finish(name) {
  const bad = results.filter((r) => !r.ok).length;
  console.log(`${name}: ${results.length - bad} checks passed, ${bad} failed`);
  process.exit(bad === 0 && results.length > 0 ? 0 : 1);
}

// Runs a test's main(): an exception counts as a failed check, then finish().
export function run(name, main) {
  main().then(() => finish(name), (err) => {
    check(false, `${name} ran to the end`, err.stack || String(err));
    finish(name);
  });
}

// Rectangles the page exposes for tests (server nodes, buttons, tabs), by name.
export async function rects(page) {
  return page.evaluate(() => window.clustersim.rects());
}

// Clicks the centre of the named on-screen item and waits for the frames that apply
// the click; fails the check if the item is not there.
export async function clickNamed(page, name) {
  const r = await rectOf(page, name);
  if (!check(r, `item '${name}' is on screen`)) return false;
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
  await waitFrames(page);
  return true;
}

// The named on-screen item, or undefined.
export async function rectOf(page, name) {
  return (await rects(page)).find((x) => x.name === name);
}

// The named item once it is on screen, or undefined after the timeout.
export async function waitForRect(page, name, timeoutMs = WAIT_MS) {
  return waitFor(page, (p) => rectOf(p, name), `'${name}' on screen`, timeoutMs);
}

// Presses and releases a key (a playwright key name) at once, as a quick tap does, and
// waits for the frames that apply it: the page holds the key down for a frame.
export async function pressKey(page, key) {
  await page.keyboard.press(key);
  await waitFrames(page);
}

// The named item once it has stopped moving (a window that sizes itself to its
// contents settles over a frame or two): the same rect two frames in a row, or the
// last one seen after timeoutMs; undefined if it never appeared.
export async function settledRect(page, name, timeoutMs = WAIT_MS) {
  let last = await rectOf(page, name);
  const settled = await waitFor(page, async (p) => {
    await waitFrames(p, 1);
    const now = await rectOf(p, name);
    const same = now && last && now.x === last.x && now.y === last.y && now.w === last.w && now.h === last.h;
    last = now;
    return same ? now : null;
  }, `'${name}' to stand still`, timeoutMs);
  return settled || last;
}
