import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import enGlossary from '../../locales/en/glossary.json' with { type: 'json' };
import cyOasys from '../../locales/cy/topics/oasys.json' with { type: 'json' };
import enOasys from '../../locales/en/topics/oasys.json' with { type: 'json' };
import enRosh from '../../locales/en/topics/rosh.json' with { type: 'json' };
import { toPlainText } from '../../src/content/markup.ts';
import { publicPath } from '../../src/public-pages/urls.ts';
import { axeViolations } from '../support/axe.ts';
import { type Browser, launchChromium } from '../support/chromium.ts';
import { text } from '../support/locales.ts';
import { recordErrors } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { type Service, startService } from '../support/service.ts';

/**
 * The public pages (device mode `public`) in real Chromium: read with JavaScript off, terms that
 * open in place with it on, axe on a phone in English and Welsh, and print.
 */

const phone = { width: 390, height: 844 };
const plain = (words: string, lng: string) => toPlainText(words, lng, enGlossary);

let service: Service;
beforeAll(async () => {
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

  it('shows the whole guide, and the language link opens the Welsh guide', async () => {
    await page.goto(url('/explainers/oasys'));
    expect(await heading(page)).toBe(enOasys.title);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    for (const section of enOasys.sections) {
      await expect(page.getByRole('heading', { level: 2, name: plain(section.heading, 'en') }).isVisible()).resolves.toBe(true);
    }
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.waitForURL(url('/cy/explainers/oasys'));
    expect(await heading(page)).toBe(cyOasys.title);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(url('/explainers/oasys'));
    expect(await heading(page)).toBe(enOasys.title);
  });

  it('links each term to its meaning under "Words used on this page"', async () => {
    await page.goto(url('/explainers/rosh'));
    expect(await heading(page)).toBe(enRosh.title);
    expect(await page.getByRole('button').count()).toBe(0);
    await page.locator('main a.app-term', { hasText: enGlossary.rosh.term }).first().click();
    await page.waitForURL(/#rosh$/);
    const entry = page.locator('#rosh');
    expect(await entry.isVisible()).toBe(true);
    expect(await entry.innerText()).toContain(enGlossary.rosh.definition.replace(/\[\[[^\]]*\]\]/g, '').slice(0, 20));
    expect(await page.getByRole('heading', { name: text('en', 'publicPages.wordsTitle') }).isVisible()).toBe(true);
  });

  it('opens the guides index at / and the glossary from the menu', async () => {
    await page.goto(url('/'));
    expect(await heading(page)).toBe(text('en', 'publicPages.home.title'));
    await page.getByRole('navigation', { name: text('en', 'nav.label') }).getByRole('link', { name: text('en', 'nav.glossary') }).click();
    await page.waitForURL(url('/glossary'));
    expect(await heading(page)).toBe(text('en', 'glossary.title'));
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

  it('opens a term in place and closes it again, loading only the page, its stylesheet and one small script', async () => {
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

    const other = requests.filter((path) => path !== '/explainers/rosh' && !/^\/assets\/(index-[\w-]+\.css|public-enhance-[\w-]+\.js)$/.test(path) && path !== '/icons/icon.svg' && path !== '/favicon.ico');
    expect(other, 'requests other than the page, its stylesheet and its script').toEqual([]);
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    assertNone(errors, 'page errors');
  });

  it.each(['en', 'cy'] as const)('has no axe violations at 390×844 in %s (guide, home, glossary, a term open)', async (lng) => {
    const problems: string[] = [];
    for (const path of [publicPath({ kind: 'topic', id: 'oasys' }, lng), publicPath({ kind: 'topic', id: 'for-families' }, lng), publicPath({ kind: 'home' }, lng), publicPath({ kind: 'glossary' }, lng)]) {
      await page.goto(url(path), { waitUntil: 'load' });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lng);
      const term = page.locator('button.app-term').first();
      if (await term.count()) await term.click();
      problems.push(...(await axeViolations(page, `${lng} public ${path}`)));
    }
    assertNone(problems, 'axe violations');
  });

  it('prints without the menus, language switch or footer, black on white', async () => {
    await page.goto(url('/explainers/oasys'), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    try {
      for (const selector of ['header.govuk-service-navigation', '.govuk-language-navigation', 'footer', 'nav[aria-labelledby="related-heading"]']) {
        expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
      }
      expect(await page.locator('h1').isVisible()).toBe(true);
      expect(await page.getByRole('heading', { name: text('en', 'publicPages.wordsTitle') }).isVisible()).toBe(true);
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
});
