import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cyFamilyOasys from '../../locales/cy/family/oasys.json' with { type: 'json' };
import enFamilyGlossary from '../../locales/en/family/glossary.json' with { type: 'json' };
import enFamilyOasys from '../../locales/en/family/oasys.json' with { type: 'json' };
import enFamilyRosh from '../../locales/en/family/rosh.json' with { type: 'json' };
import enGlossary from '../../locales/en/glossary.json' with { type: 'json' };
import { toPlainText } from '../../src/content/markup.ts';
import { formatDate, loadLocale, todayInLondon } from '../../src/format/index.ts';
import { publicPages, publicPath } from '../../src/public-pages/urls.ts';
import { axeViolations } from '../support/axe.ts';
import { type Browser, launchChromium } from '../support/chromium.ts';
import { type TestLanguage, testLanguages } from '../support/locales.ts';
import { recordErrors, waitForHeading } from '../support/pages.ts';
import { repoRoot } from '../support/paths.ts';
import { assertNone } from '../support/report.ts';
import { smallTargets } from '../support/targets.ts';
import { assertServiceDown, type Service, startService } from '../support/service.ts';
import { viewports } from '../support/viewports.ts';

/**
 * The family pages (device mode `public`) in real Chromium, against the real built pages and
 * service: read with JavaScript off; with it on, terms that open in place, "Listen" (the voice
 * fetched only when pressed, and playing offline after first use), display settings that stay
 * for every page, search, print; axe in English and Welsh, on a phone and a desktop, at 200% text.
 */

type Tree = { [key: string]: string | Tree };
const publicWords = (lng: TestLanguage) => JSON.parse(readFileSync(join(repoRoot, 'locales', lng, 'public.json'), 'utf8')) as Tree;
/** A family-page string (locales/<lng>/public.json). */
function say(lng: TestLanguage, key: string): string {
  let node: string | Tree | undefined = publicWords(lng);
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No string "${key}" in locales/${lng}/public.json`);
  return node;
}

const phone = { width: 390, height: 844 };
const glossary = { ...enGlossary, pom: { ...enGlossary.pom, definition: enFamilyGlossary.pom.definition } };
const plain = (words: string, lng: string) => toPlainText(words, lng, glossary);

let service: Service;
beforeAll(async () => {
  await loadLocale('cy');
  service = await startService({ deviceMode: 'public' });
});
afterAll(() => service?.stop());

const url = (path: string) => service.baseUrl + path;

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

describe('with JavaScript off', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium({ javaScriptEnabled: false, viewport: phone });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  });
  afterAll(() => browser?.close());

  it('shows the whole family guide, and the language link opens the Welsh one', async () => {
    await page.goto(url('/explainers/oasys'));
    expect(await heading(page)).toBe(enFamilyOasys.title);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    for (const section of enFamilyOasys.sections) {
      await expect(page.getByRole('heading', { level: 2, name: plain(section.heading, 'en') }).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByRole('heading', { name: say('en', 'contacts.title') }).isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.waitForURL(url('/cy/explainers/oasys'));
    expect(await heading(page)).toBe(cyFamilyOasys.title);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(url('/explainers/oasys'));
    expect(await heading(page)).toBe(enFamilyOasys.title);
  });

  it('links each term to its family meaning under "Words used on this page", and offers nothing to press', async () => {
    await page.goto(url('/explainers/rosh'));
    expect(await heading(page)).toBe(enFamilyRosh.title);
    expect(await page.getByRole('button').count()).toBe(0);
    await page.locator('main a.app-term', { hasText: enGlossary.pom.term }).first().click();
    await page.waitForURL(/#pom$/);
    const entry = page.locator('#pom');
    expect(await entry.isVisible()).toBe(true);
    expect(await entry.innerText()).toContain("your family member's sentence");
    expect(await page.getByRole('heading', { name: say('en', 'words.title') }).isVisible()).toBe(true);
  });

  it('reaches the words, search and display settings from the menu; those two say what to do without a script', async () => {
    await page.goto(url('/'));
    expect(await heading(page)).toBe(say('en', 'home.title'));
    const menu = page.getByRole('navigation', { name: say('en', 'nav.label') });
    await menu.getByRole('link', { name: say('en', 'nav.glossary') }).click();
    await page.waitForURL(url('/glossary'));
    expect(await heading(page)).toBe(say('en', 'glossary.title'));
    await menu.getByRole('link', { name: say('en', 'nav.search') }).click();
    await page.waitForURL(url('/search'));
    expect(await page.getByText(say('en', 'search.needsScript')).isVisible()).toBe(true);
    expect(await page.getByRole('searchbox').isVisible()).toBe(false);
    await menu.getByRole('link', { name: say('en', 'nav.settings') }).click();
    await page.waitForURL(url('/settings'));
    expect(await page.getByText(say('en', 'settings.needsScript')).isVisible()).toBe(true);
    expect(await page.getByRole('radio').first().isVisible()).toBe(false);
  });
});

describe('with JavaScript on', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium({ viewport: phone });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  });
  afterAll(() => browser?.close());

  it('opens a term in place and closes it again, and loads nothing of the app', async () => {
    const errors = recordErrors(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(url('/explainers/rosh'), { waitUntil: 'networkidle' });
    const term = page.getByRole('button', { name: enGlossary.rosh.term }).first();
    await term.waitFor();
    expect(await term.getAttribute('aria-expanded')).toBe('false');
    const meaning = page.locator(`[id="${await term.getAttribute('aria-controls')}"]`);
    expect(await meaning.isVisible()).toBe(false);
    await term.click();
    expect(await term.getAttribute('aria-expanded')).toBe('true');
    expect(await meaning.isVisible()).toBe(true);
    expect(await meaning.innerText()).toContain(enGlossary.rosh.term);
    expect(page.url()).toBe(url('/explainers/rosh'));
    await term.click();
    expect(await meaning.isVisible()).toBe(false);

    const app = requests.filter((path) => /^\/(api\/|config\.json|manifest\.webmanifest|index\.html|assets\/index-[\w-]+\.js)/.test(path));
    expect(app, 'requests for the app or its service').toEqual([]);
    expect(requests.filter((path) => path.startsWith('/assets/speech/')), 'the voice before anyone pressed Listen').toEqual([]);
    assertNone(errors, 'page errors');
  });

  it('reads the guide aloud when Listen is pressed, fetching the voice only then, with the controls kept on screen', async () => {
    const errors = recordErrors(page);
    const speech: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/assets/speech/')) speech.push(request.url());
    });
    await page.goto(url('/explainers/oasys'), { waitUntil: 'networkidle' });
    await waitForFamilyWorker(page);
    expect(speech).toEqual([]);
    await listenAndHear(page, 'en');
    expect(speech.length).toBeGreaterThan(0);
    // The controls stay at the top while reading; the sentence read is in the middle of the view.
    await page.evaluate(() => window.scrollBy(0, 900));
    const bar = await page.locator('.app-read-aloud').boundingBox();
    expect(bar?.y ?? 999).toBeLessThan(5);
    await expect.poll(() => page.evaluate(() => {
      const box = document.querySelector('.app-reading')?.getBoundingClientRect();
      return box ? Math.abs(box.top + box.height / 2 - window.innerHeight / 2) < window.innerHeight / 3 : false;
    }), { timeout: 10_000 }).toBe(true);
    await listenButton(page, 'en', 'pause').click();
    await expect.poll(() => audio(page).then((a) => a?.paused)).toBe(true);
    expect(await page.locator('.app-read-aloud__status').innerText()).toBe(say('en', 'listen.paused'));
    await listenButton(page, 'en', 'stop').click();
    expect(await highlighted(page)).toEqual([]);
    expect(await page.locator('.app-read-aloud__status').innerText()).toBe(say('en', 'listen.stopped'));
    assertNone(errors, 'page errors');
  });

  it('plays offline after first use: the page and the voice come from the phone', async () => {
    const offline = await startService({ deviceMode: 'public' });
    const other = await launchChromium({ viewport: phone });
    try {
      const tab = other.context.pages()[0] ?? (await other.context.newPage());
      await tab.goto(offline.baseUrl + '/cy/explainers/who-is-who', { waitUntil: 'networkidle' });
      await waitForFamilyWorker(tab);
      await listenAndHear(tab, 'cy');
      await listenButton(tab, 'cy', 'stop').click();

      await offline.stop();
      await assertServiceDown(offline.baseUrl);
      await other.context.setOffline(true);
      await tab.reload({ waitUntil: 'load' });
      expect(await waitForHeading(tab)).toBeTruthy();
      await listenAndHear(tab, 'cy');
      await listenButton(tab, 'cy', 'stop').click();
    } finally {
      await other.close();
      await offline.stop();
    }
  });

  it('keeps display settings for every family page, from the first paint, and can put them back', async () => {
    await page.goto(url('/settings'), { waitUntil: 'load' });
    await page.getByRole('radio', { name: say('en', 'settings.textSize.veryLarge') }).check();
    await page.getByRole('checkbox', { name: say('en', 'settings.other.highContrast') }).check();
    await expect.poll(() => page.locator('[role="status"]').first().innerText()).toBe(say('en', 'settings.saved'));
    expect(await classes(page)).toEqual(expect.arrayContaining(['app-text-200', 'app-high-contrast']));

    // Another page, in Welsh: the settings are there before its script runs, and its language stays Welsh.
    await page.goto(url('/cy/explainers/keeping-in-touch'), { waitUntil: 'domcontentloaded' });
    expect(await classes(page)).toEqual(expect.arrayContaining(['app-text-200', 'app-high-contrast']));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await page.goto(url('/cy/settings'), { waitUntil: 'load' });
    expect(await page.getByRole('radio', { name: say('cy', 'settings.textSize.veryLarge') }).isChecked()).toBe(true);
    await page.getByRole('button', { name: say('cy', 'settings.reset') }).click();
    expect(await classes(page)).not.toEqual(expect.arrayContaining(['app-text-200']));
    expect(await page.getByRole('radio', { name: say('cy', 'settings.textSize.normal') }).isChecked()).toBe(true);
    await page.getByRole('link', { name: say('cy', 'settings.done') }).click();
    await page.waitForURL(url('/cy'));
  });

  it('searches the family guides and words, says plainly when the search is empty, and keeps the query in the address', async () => {
    await page.goto(url('/search'), { waitUntil: 'load' });
    const box = page.getByRole('searchbox', { name: say('en', 'search.label') });
    await page.getByRole('button', { name: say('en', 'search.button') }).click();
    expect(await page.getByText(say('en', 'search.empty')).isVisible()).toBe(true);
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toBe(url('/search'));

    await box.fill('visit');
    await page.getByRole('button', { name: say('en', 'search.button') }).click();
    await page.waitForURL(url('/search?q=visit'));
    const results = page.locator('.app-search-results');
    await results.waitFor();
    const first = results.getByRole('link', { name: 'Contact, visits and money' });
    expect(await first.getAttribute('href')).toBe(publicPath({ kind: 'topic', id: 'keeping-in-touch' }, 'en'));
    expect(await box.inputValue()).toBe('visit');

    await page.goto(url('/cy/search?q=ymweld'), { waitUntil: 'load' });
    await page.locator('.app-search-results').waitFor();
    expect(await page.locator('.app-search-results a').first().getAttribute('href')).toMatch(/^\/cy\//);
    await page.goto(url('/search?q=zzzzqqq'), { waitUntil: 'load' });
    await page.getByText(say('en', 'search.noResults')).waitFor();
  });

  it.each(testLanguages)('prints (%s) without the menus, with where the page came from and the day it was printed', async (lng) => {
    await page.goto(url(publicPath({ kind: 'topic', id: 'keeping-in-touch' }, lng)), { waitUntil: 'networkidle' });
    await page.emulateMedia({ media: 'print' });
    try {
      for (const selector of ['header.govuk-service-navigation', '.govuk-language-navigation', 'footer', 'nav[aria-labelledby="related-heading"]', '.app-read-aloud']) {
        expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
      }
      const header = await page.locator('.app-print-header').innerText();
      const address = url(publicPath({ kind: 'topic', id: 'keeping-in-touch' }, lng));
      expect(header).toContain(say(lng, 'print.address').replace('{{address}}', address));
      expect(header).toContain(say(lng, 'print.date').replace('{{date}}', formatDate(todayInLondon(), lng)));
      expect(await page.getByRole('heading', { name: say(lng, 'contacts.title') }).isVisible()).toBe(true);
      const colours = await page.evaluate(() => {
        const p = document.querySelector('main p')!;
        return { text: getComputedStyle(p).color, page: getComputedStyle(document.body).backgroundColor };
      });
      expect(colours.text).toBe('rgb(11, 12, 12)');
      expect(['rgb(255, 255, 255)', 'rgba(0, 0, 0, 0)']).toContain(colours.page);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.byteLength).toBeGreaterThan(1000);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  const axeCases = ([100, 200] as const).flatMap((size) => testLanguages.map((lng) => [lng, size] as const));
  it.each(axeCases)('has no axe violations on any kind of family page in %s with text at %s per cent, on a phone and a desktop', async (lng, size) => {
    const problems: string[] = [];
    const pages = [
      publicPath({ kind: 'home' }, lng),
      publicPath({ kind: 'topic', id: 'worried-about-safety' }, lng),
      publicPath({ kind: 'topic', id: 'oasys' }, lng),
      publicPath({ kind: 'glossary' }, lng),
      `${publicPath({ kind: 'search' }, lng)}?q=OASys`,
      publicPath({ kind: 'settings' }, lng),
    ];
    await page.goto(url('/'), { waitUntil: 'load' });
    await page.evaluate((textSize) => localStorage.setItem('spc.displaySettings', JSON.stringify({ textSize, highContrast: false, readableFont: false, reduceMotion: false })), size);
    try {
      for (const viewport of viewports) {
        await page.setViewportSize(viewport);
        for (const path of pages) {
          await page.goto(url(path), { waitUntil: 'load' });
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(lng);
          if (path.includes('?q=')) await page.locator('.app-search-results').waitFor();
          const term = page.locator('button.app-term').first();
          if (await term.count()) await term.click();
          const where = `${lng} ${size}% ${viewport.name} ${path}`;
          problems.push(...(await axeViolations(page, where)));
          const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (wide > 1) problems.push(`[${where}] scrolls sideways by ${wide} px`);
        }
      }
    } finally {
      await page.evaluate(() => localStorage.removeItem('spc.displaySettings'));
      await page.setViewportSize(phone);
    }
    assertNone(problems, 'axe violations');
  }, 240_000);

  it.each(viewports)('has every control at least 44×44 px on every family page, in both languages ($name)', async (viewport) => {
    await page.setViewportSize(viewport);
    const problems: string[] = [];
    try {
      for (const lng of testLanguages) {
        for (const kind of publicPages) {
          const path = publicPath(kind, lng);
          await page.goto(url(path), { waitUntil: 'load' });
          await page.locator('.app-read-aloud, form, main').first().waitFor();
          problems.push(...(await smallTargets(page)).map((p) => `[${lng} ${viewport.name} ${path}] ${p}`));
        }
      }
    } finally {
      await page.setViewportSize(phone);
    }
    assertNone(problems, 'controls smaller than the minimum');
  }, 120_000);

  it('fits every family page into 320 px at 200% text, in both languages, with nothing scrolling sideways', async () => {
    await page.goto(url('/'), { waitUntil: 'load' });
    await page.evaluate(() => localStorage.setItem('spc.displaySettings', JSON.stringify({ textSize: 200, highContrast: false, readableFont: false, reduceMotion: false })));
    await page.setViewportSize({ width: 320, height: 640 });
    const problems: string[] = [];
    try {
      for (const lng of testLanguages) {
        for (const kind of publicPages) {
          const path = publicPath(kind, lng);
          await page.goto(url(path), { waitUntil: 'load' });
          const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (wide > 1) problems.push(`${path} scrolls sideways by ${wide} px`);
        }
      }
    } finally {
      await page.evaluate(() => localStorage.removeItem('spc.displaySettings'));
      await page.setViewportSize(phone);
    }
    assertNone(problems, 'pages wider than the screen');
  }, 120_000);
});

// --- helpers ---

const listenButton = (page: Page, lng: TestLanguage, key: 'listen' | 'pause' | 'resume' | 'stop') => page.getByRole('button', { name: say(lng, `listen.${key}`), exact: true });

const audio = (page: Page) =>
  page.evaluate(() => {
    const element = document.querySelector<HTMLAudioElement>('audio.app-read-aloud__audio');
    return element ? { paused: element.paused, time: element.currentTime } : null;
  });

const highlighted = (page: Page) => page.evaluate(() => [...new Set([...document.querySelectorAll('.app-reading')].map((e) => Number((e as HTMLElement).dataset.sentence)))]);

/** How loud the audio element is, through an analyser over about half a second (the CSP keeps its blob: source from being fetched). */
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
    const samples = new Float32Array(probe.spcAnalyser.fftSize);
    let loudest = 0;
    for (let n = 0; n < 25; n += 1) {
      probe.spcAnalyser.getFloatTimeDomainData(samples);
      for (const sample of samples) loudest = Math.max(loudest, Math.abs(sample));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return loudest;
  });

const classes = (page: Page) => page.evaluate(() => [...document.documentElement.classList]);

/** Listen → sound plays (Debian's Chromium has no voices, so it is espeak-ng), sentence 0 then 1 highlighted. */
async function listenAndHear(page: Page, lng: TestLanguage): Promise<void> {
  await listenButton(page, lng, 'listen').click();
  await page.waitForFunction(
    () => {
      const element = document.querySelector<HTMLAudioElement>('audio.app-read-aloud__audio');
      return !!element && !element.paused && element.currentTime > 0.15;
    },
    undefined,
    { timeout: 45_000 },
  );
  expect(await highlighted(page)).toEqual([0]);
  expect(await loudness(page), 'the audio is silent').toBeGreaterThan(0.05);
  await page.waitForFunction(() => document.querySelector('.app-reading[data-sentence="1"]') !== null, undefined, { timeout: 30_000 });
  expect(await page.locator('.app-read-aloud__status').innerText()).toBe(say(lng, 'listen.playing'));
}

/** Waits until the family pages' service worker is active and controls the page. */
async function waitForFamilyWorker(page: Page): Promise<void> {
  const state = await page.evaluate(() =>
    Promise.race([navigator.serviceWorker.ready.then((r) => r.active?.scriptURL ?? ''), new Promise<string>((resolve) => setTimeout(() => resolve('timed out'), 30_000))]),
  );
  expect(state).toMatch(/\/sw\.js$/);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
}
