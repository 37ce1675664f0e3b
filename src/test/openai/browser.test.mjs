// The page at / in a real headless Chromium: it loads without console errors, lists the shipped voice, synthesizes
// (its audio element gets a positive duration) and shows the service's errors verbatim. Saves a screenshot.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const base = process.env.LUNA_URL ?? 'http://localhost:18080';
const screenshot = process.env.SCREENSHOT;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
});
after(() => browser.close());

test('the page lists the voice, synthesizes and shows errors verbatim', async () => {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 }, deviceScaleFactor: 1 });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  const res = await page.goto(`${base}/`);
  assert.equal(res.status(), 200);
  await page.waitForSelector('#voice option[value="tiny"]', { state: 'attached' });
  assert.deepEqual(await page.$$eval('#style option', (os) => os.map((o) => o.value)), ['Neutral', 'Happy']);
  assert.ok((await page.$$eval('#format option', (os) => os.map((o) => o.value))).includes('wav'));
  // ranges come from the OpenAPI document
  assert.equal(await page.getAttribute('#speed', 'min'), '0.25');
  assert.equal(await page.getAttribute('#sdp_ratio', 'max'), '1');

  await page.selectOption('#style', 'Happy');
  await page.fill('#text', 'こんにちは。\n今日はいい天気ですね。');
  await page.click('#speak');
  await page.waitForFunction(() => {
    const a = document.getElementById('audio');
    return a.src !== '' && Number.isFinite(a.duration) && a.duration > 0;
  }, null, { timeout: 60_000 });
  const duration = await page.$eval('#audio', (a) => a.duration);
  assert.ok(duration > 0.3, `audio duration ${duration}`);
  // two lines are synthesized and sent one after the other; each was queued for playback as it came
  const streamed = Number(await page.getAttribute('#audio', 'data-streamed-chunks'));
  assert.ok(streamed >= 2, `audio queued while streaming: ${streamed} chunks`);
  assert.ok(await page.isHidden('#error'));
  assert.match(await page.textContent('#download'), /Download wav/);
  assert.match(await page.textContent('#status'), /^Done: /);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  assert.deepEqual(consoleErrors, [], 'no console errors while loading and speaking');

  // a compressed format plays once complete
  await page.selectOption('#format', 'mp3');
  await page.click('#speak');
  await page.waitForFunction(() => document.getElementById('download').textContent.startsWith('Download mp3'),
    null, { timeout: 60_000 });
  await page.waitForFunction(() => Number.isFinite(document.getElementById('audio').duration)
    && document.getElementById('audio').duration > 0, null, { timeout: 30_000 });
  assert.deepEqual(consoleErrors, [], 'no console errors with mp3');
  await page.selectOption('#format', 'wav');

  // an error from the service appears as the service sent it
  const tooLong = 'あ'.repeat(1001);
  await page.fill('#text', tooLong);
  await page.click('#speak');
  await page.waitForSelector('#error', { state: 'visible' });
  const shown = await page.textContent('#error');
  const direct = await fetch(`${base}/v1/audio/speech`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'tts-1', input: tooLong, voice: 'tiny:Happy', response_format: 'wav' }),
  });
  assert.equal(direct.status, 400);
  assert.equal(shown, await direct.text());
  assert.equal(JSON.parse(shown).error.code, 'string_above_max_length');
});

test('Swagger UI shows the OpenAPI document', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const res = await page.goto(`${base}/q/swagger-ui/`);
  assert.equal(res.status(), 200);
  for (const path of ['/v1/audio/speech', '/synthesize', '/voice']) {
    await page.waitForSelector(`.opblock-summary-path[data-path="${path}"]`, { timeout: 30_000 });
  }
  assert.deepEqual(errors, []);
});
