import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoutes, topicPath } from '../../src/app/routes.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { text, type TestLanguage } from '../support/locales.ts';
import { openPage, recordErrors, waitForHeading, waitForServiceWorkerControl } from '../support/pages.ts';
import { assertServiceDown } from '../support/service.ts';

/**
 * Read-aloud in Debian's Chromium, which has no system voices: so the offline voice (espeak-ng in a
 * Web Worker, played through an <audio> element) is the one used. Sound is checked where it can be:
 * the audio element plays and its time moves on, and the WAV it plays is not silence.
 */

const topic = topicPath('oasys');

const audio = (page: Page) =>
  page.evaluate(() => {
    const element = document.querySelector<HTMLAudioElement>('audio.app-read-aloud__audio');
    return element ? { paused: element.paused, time: element.currentTime, src: element.currentSrc } : null;
  });

const highlighted = (page: Page) => page.evaluate(() => [...document.querySelectorAll('.app-reading')].map((e) => Number((e as HTMLElement).dataset.sentence)));

async function waitForPlaying(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const element = document.querySelector<HTMLAudioElement>('audio.app-read-aloud__audio');
      return !!element && !element.paused && element.currentTime > 0.15;
    },
    undefined,
    { timeout },
  );
}

/**
 * How loud the audio element is, measured through an analyser over about half a second (the page's
 * CSP forbids fetching its blob: source, which is as it should be).
 */
const loudness = (page: Page) =>
  page.evaluate(async () => {
    const element = document.querySelector<HTMLAudioElement>('audio.app-read-aloud__audio');
    if (!element) return 0;
    const probe = window as unknown as { spcAnalyser?: AnalyserNode };
    if (!probe.spcAnalyser) {
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      context.createMediaElementSource(element).connect(analyser);
      analyser.connect(context.destination);
      await context.resume();
      probe.spcAnalyser = analyser;
    }
    const analyser = probe.spcAnalyser;
    const samples = new Float32Array(analyser.fftSize);
    let loudest = 0;
    for (let n = 0; n < 25; n += 1) {
      analyser.getFloatTimeDomainData(samples);
      for (const sample of samples) loudest = Math.max(loudest, Math.abs(sample));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return loudest;
  });

const button = (page: Page, lang: TestLanguage, key: string) => page.getByRole('button', { name: text(lang, `readAloud.${key}`), exact: true });
const status = (page: Page) => page.locator('.app-read-aloud__status').innerText();

/** Listen → plays, first sentence highlighted, then the next. */
async function listenAndHear(page: Page, lang: TestLanguage): Promise<void> {
  await button(page, lang, 'listen').click();
  await waitForPlaying(page);
  expect(await highlighted(page)).toEqual([0]);
  expect(await loudness(page), 'the audio is silent').toBeGreaterThan(0.05);
  await page.waitForFunction(() => document.querySelector('.app-reading[data-sentence="1"]') !== null, undefined, { timeout: 30_000 });
  expect(await highlighted(page)).toEqual([1]);
  expect(await status(page)).toBe(text(lang, 'readAloud.status.playing'));
}

describe('read-aloud on a tablet (engine fetched at install)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ deviceMode: 'tablet' });
  });
  afterAll(() => e2e?.close());

  it('reads a topic aloud with highlighting, pauses, resumes and stops, in English and Welsh', async () => {
    const { page } = e2e;
    const errors = recordErrors(page);
    await openPage(page, e2e.service.baseUrl, topic);
    await listenAndHear(page, 'en');

    // Pause: the sound stops where it is, the sentence stays highlighted.
    await button(page, 'en', 'pause').click();
    await expect.poll(() => audio(page).then((a) => a?.paused)).toBe(true);
    const pausedAt = (await audio(page))!.time;
    const pausedOn = await highlighted(page);
    await page.waitForTimeout(600);
    expect((await audio(page))!.time).toBe(pausedAt);
    expect(await highlighted(page)).toEqual(pausedOn);
    expect(await status(page)).toBe(text('en', 'readAloud.status.paused'));

    // Resume: it carries on from there.
    await button(page, 'en', 'resume').click();
    await expect.poll(async () => (await audio(page))!.time, { timeout: 10_000 }).toBeGreaterThan(pausedAt + 0.2);

    // Stop: silence, no highlight, and it says so.
    await button(page, 'en', 'stop').click();
    await expect.poll(() => audio(page).then((a) => a?.paused)).toBe(true);
    expect(await highlighted(page)).toEqual([]);
    expect(await status(page)).toBe(text('en', 'readAloud.status.stopped'));
    await expect.poll(() => button(page, 'en', 'listen').isVisible()).toBe(true);

    // Switching language while reading stops it; then the page reads in Welsh.
    await button(page, 'en', 'listen').click();
    await waitForPlaying(page);
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await expect.poll(() => button(page, 'cy', 'listen').isVisible()).toBe(true);
    await expect.poll(() => audio(page).then((a) => a?.paused)).toBe(true);
    expect(await highlighted(page)).toEqual([]);
    await listenAndHear(page, 'cy');

    // Leaving the page stops it.
    await page.getByRole('link', { name: text('cy', 'nav.displaySettings') }).first().click();
    await waitForHeading(page);
    await expect.poll(() => audio(page).then((a) => a?.paused)).toBe(true);

    expect(errors).toEqual([]);
  });

  it('on the A to Z, the controls stay at the top of the screen while reading, and the sentence read is kept mid-view', async () => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, appRoutes.glossary);
    if ((await page.evaluate(() => document.documentElement.lang)) !== 'en') await page.getByRole('link', { name: 'English' }).click();
    await button(page, 'en', 'listen').click();
    await waitForPlaying(page);
    // Far enough down the list that the page must scroll to keep the sentence in the middle.
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('.app-reading')?.dataset.sentence ?? 0) >= 8, undefined, { timeout: 60_000 });
    const where = () =>
      page.evaluate(() => {
        const bar = document.querySelector('.app-read-aloud')!.getBoundingClientRect();
        const sentence = document.querySelector('.app-reading')!.getBoundingClientRect();
        return {
          scrolled: window.scrollY > 0,
          barTop: Math.round(bar.top),
          sentenceMiddle: (sentence.top + sentence.bottom) / 2 / window.innerHeight,
          keptClear: parseFloat(document.documentElement.style.scrollPaddingTop) >= bar.height,
        };
      });
    await expect.poll(async () => (await where()).scrolled && Math.abs((await where()).sentenceMiddle - 0.5) < 0.15, { timeout: 10_000 }).toBe(true);
    const now = await where();
    expect(now.barTop, 'the bar stays at the top of the screen').toBe(0);
    expect(now.keptClear).toBe(true);
    expect(await button(page, 'en', 'pause').isVisible()).toBe(true);
    await button(page, 'en', 'stop').click();
    await expect.poll(() => audio(page).then((a) => a?.paused)).toBe(true);
    expect(await page.locator('.app-read-aloud--reading').count(), 'no bar once stopped').toBe(0);
  });

  it('reads aloud offline with the server stopped, never having read aloud online in this page', async () => {
    const { page } = e2e;
    const baseUrl = e2e.service.baseUrl;
    // A new tab: the speech worker of the first one is gone, so everything comes from the caches.
    const tab = await e2e.browser.context.newPage();
    await page.close();
    await openPage(tab, baseUrl, topic);
    await waitForServiceWorkerControl(tab);
    const cached = await tab.evaluate(async () => (await (await caches.open('speech-engine')).keys()).map((r) => new URL(r.url).pathname));
    expect(cached.sort()).toEqual([expect.stringMatching(/^\/assets\/speech\/espeak-ng-[0-9a-f]{8}\.js$/), expect.stringMatching(/^\/assets\/speech\/espeak-ng-en-cy-[0-9a-f]{8}\.wasm$/)]);

    await e2e.service.stop();
    await assertServiceDown(baseUrl);
    await e2e.browser.context.setOffline(true);
    await tab.goto(baseUrl + topic);
    await waitForHeading(tab);
    if ((await tab.evaluate(() => document.documentElement.lang)) !== 'en') await tab.getByRole('link', { name: 'English' }).click();
    await listenAndHear(tab, 'en');
    await button(tab, 'en', 'stop').click();
  });
});

describe('read-aloud where the engine was not fetched at install (as on a family phone)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ deviceMode: 'tablet' });
  });
  afterAll(() => e2e?.close());

  it('is never precached, fetches the engine on first use, then works offline', async () => {
    const { page } = e2e;
    const baseUrl = e2e.service.baseUrl;
    await openPage(page, baseUrl, topic);
    await waitForServiceWorkerControl(page);
    /** Speech engine files in the caches whose names contain `inCache` ('' for every cache). */
    const speechFiles = (inCache: string) =>
      page.evaluate(async (part) => {
        const found: string[] = [];
        for (const name of await caches.keys()) {
          if (!name.includes(part)) continue;
          for (const request of await (await caches.open(name)).keys()) if (request.url.includes('/assets/speech/')) found.push(request.url);
        }
        return found;
      }, inCache);
    expect(await speechFiles('precache'), 'the speech engine must never be precached').toEqual([]);
    // As if the install-time fetch had not happened (a family phone, or a failed download).
    await page.evaluate(() => caches.delete('speech-engine'));
    await page.reload();
    await waitForHeading(page);
    expect(await speechFiles('')).toEqual([]);

    await listenAndHear(page, 'en');
    await button(page, 'en', 'stop').click();
    expect(await speechFiles('')).toHaveLength(2);

    await e2e.service.stop();
    await assertServiceDown(baseUrl);
    await e2e.browser.context.setOffline(true);
    await page.reload();
    await waitForHeading(page);
    await listenAndHear(page, 'en');
  });
});
