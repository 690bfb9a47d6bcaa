// Shared helpers of the browser tests (tests/browser/*.test.mjs and smoke.mjs):
// a loopback static server for build/web, Debian's Chromium through
// playwright-core, error collection, checks with a TAP-like log, and picture
// statistics. No dependency beyond playwright-core.
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
export async function openPage(browser, url, options = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, ...options });
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
  page.on('response', (res) => { if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`); });
  await page.goto(url);
  const ready = await page.waitForFunction(() => window.clustersim && window.clustersim.ready === true, null,
    { timeout: READY_TIMEOUT_MS }).then(() => true, () => false);
  return { page, errors, ready };
}

// Statistics of a screenshot (or of its top `rows` rows), decoded by the
// browser itself (no PNG library needed here).
export async function pictureStats(page, rows = 0) {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(async ([data, rows]) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, rows > 0 ? Math.min(rows, c.height) : c.height).data;
    const colours = new Set();
    let sum = 0, sumSq = 0, n = 0;
    for (let i = 0; i < px.length; i += 4 * 7) {  // every 7th pixel is plenty
      const lum = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
      sum += lum; sumSq += lum * lum; n++;
      colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    }
    const mean = sum / n;
    return { width: img.width, height: img.height, stddev: Math.sqrt(sumSq / n - mean * mean), colours: colours.size };
  }, [png, rows]);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

// Clicks the centre of the named on-screen item; fails the check if it is not there.
export async function clickNamed(page, name) {
  const all = await rects(page);
  const r = all.find((x) => x.name === name);
  if (!check(r, `item '${name}' is on screen`)) return false;
  // Held for a few frames, and a pause after, as a person clicks: ImGui 1.86 samples
  // the button once a frame, so two instant clicks in one frame count as one.
  await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2, { delay: 60 });
  await sleep(60);
  return true;
}

// The named on-screen item, or undefined.
export async function rectOf(page, name) {
  return (await rects(page)).find((x) => x.name === name);
}

// Presses a key the way a person does: ImGui 1.86 samples keys once a frame,
// so a press shorter than a frame can be missed. key: a playwright key name.
export async function pressKey(page, key, holdMs = 100) {
  await page.keyboard.down(key);
  await sleep(holdMs);
  await page.keyboard.up(key);
  await sleep(holdMs);
}

// The named item once it has stopped moving (a window that sizes itself to its
// contents settles over a frame or two): the same rect twice in a row, or the
// last one seen after timeoutMs; undefined if it never appeared.
export async function settledRect(page, name, timeoutMs = 2000) {
  const end = Date.now() + timeoutMs;
  let last = await rectOf(page, name);
  while (Date.now() < end) {
    await sleep(100);
    const now = await rectOf(page, name);
    if (now && last && now.x === last.x && now.y === last.y && now.w === last.w && now.h === last.h) return now;
    last = now;
  }
  return last;
}
