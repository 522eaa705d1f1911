import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appRoutes, topicPath } from '../../src/app/routes.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { text, type TestLanguage } from '../support/locales.ts';
import { expectHeading, openPage } from '../support/pages.ts';
import { routes } from '../support/routes.ts';

/**
 * Reading comfort: lines of about 70 characters on a wide screen, headings that break only between
 * words at 200% text, radios and checkboxes that grow with the text, a clear "Done" on the display
 * settings, and the page font everywhere (the sync line came out in Times New Roman).
 */

const settings = (textSize: number) => JSON.stringify({ textSize, highContrast: false, readableFont: false, reduceMotion: false });

async function choose(page: Page, baseUrl: string, lang: TestLanguage, textSize: number): Promise<void> {
  await openPage(page, baseUrl, '/');
  await page.evaluate(
    ([l, s]) => {
      localStorage.setItem('spc.language', l);
      localStorage.setItem('spc.displaySettings', s);
    },
    [lang, settings(textSize)] as const,
  );
}

describe('reading comfort', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());
  beforeEach(() => e2e.page.setViewportSize({ width: 1280, height: 800 }));

  it('a guide on a wide screen has lines of about 70 characters at most', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 1920, height: 1000 });
    await choose(page, e2e.service.baseUrl, 'en', 100);
    await openPage(page, e2e.service.baseUrl, topicPath('oasys'));
    // Characters a line holds: the paragraph's width over the average width of its own characters.
    const perLine = await page.evaluate(() => {
      const p = [...document.querySelectorAll<HTMLElement>('main p')].sort((a, b) => (b.textContent?.length ?? 0) - (a.textContent?.length ?? 0))[0]!;
      const words = p.textContent ?? '';
      const canvas = document.createElement('canvas').getContext('2d')!;
      const style = getComputedStyle(p);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return p.clientWidth / (canvas.measureText(words).width / words.length);
    });
    expect(perLine).toBeLessThanOrEqual(80);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it.each(['en', 'cy'] as const)('at 200% text, 320 px wide, no heading word is split across lines (%s)', async (lang) => {
    const { page } = e2e;
    await page.setViewportSize({ width: 320, height: 800 });
    await choose(page, e2e.service.baseUrl, lang, 200);
    const split: string[] = [];
    for (const [, path] of routes) {
      await openPage(page, e2e.service.baseUrl, path);
      split.push(
        ...(await page.evaluate((where) => {
          const out: string[] = [];
          for (const heading of document.querySelectorAll('main h1, main h2, main h3')) {
            const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const value = node.textContent ?? '';
              // A word, or one part of a hyphenated word ("self-" of "self-assessment"): a line may
              // end after a hyphen, as in print, but never inside a part.
              for (const match of value.matchAll(/[^\s-]+-?/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
                if (lines.size > 1) out.push(`${where}: "${match[0]}" in "${heading.textContent?.trim()}"`);
              }
            }
          }
          return out;
        }, path)),
      );
    }
    expect(split).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('radios grow with the text size', async () => {
    const { page } = e2e;
    const radioSize = async (textSize: number) => {
      await choose(page, e2e.service.baseUrl, 'en', textSize);
      await openPage(page, e2e.service.baseUrl, appRoutes.displaySettings);
      return page.evaluate(() => {
        const label = document.querySelector('.govuk-radios__label')!;
        const input = document.querySelector<HTMLElement>('.govuk-radios__input')!;
        return { circle: parseFloat(getComputedStyle(label, '::before').width), input: input.getBoundingClientRect().width };
      });
    };
    const normal = await radioSize(100);
    const large = await radioSize(200);
    expect(large.circle).toBeCloseTo(normal.circle * 2, 0);
    expect(large.input).toBeCloseTo(normal.input * 2, 0);
  });

  it('"Done" on the display settings goes back to the page the person came from', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 1280, height: 800 });
    await choose(page, e2e.service.baseUrl, 'en', 100);
    await openPage(page, e2e.service.baseUrl, appRoutes.explainers);
    await page.getByRole('navigation', { name: text('en', 'nav.label') }).getByRole('link', { name: text('en', 'nav.displaySettings') }).click();
    await expectHeading(page, text('en', 'settings.title'));
    await page.getByRole('radio', { name: text('en', 'settings.textSize.large') }).check();
    await page.getByRole('button', { name: text('en', 'settings.done'), exact: true }).click();
    await expectHeading(page, text('en', 'explainers.title'));
    expect(await page.evaluate(() => document.documentElement.classList.contains('app-text-150'))).toBe(true);
  });

  it('text outside GOV.UK classes is in the page font, not the browser default', async () => {
    const { page } = e2e;
    await choose(page, e2e.service.baseUrl, 'en', 100);
    await openPage(page, e2e.service.baseUrl, '/');
    const fonts = await page.evaluate(() => {
      const probe = document.createElement('div');
      document.getElementById('main-content')!.append(probe);
      const family = getComputedStyle(probe).fontFamily;
      probe.remove();
      return { probe: family, heading: getComputedStyle(document.querySelector('h1')!).fontFamily };
    });
    expect(fonts.probe).toBe(fonts.heading);
    expect(fonts.probe).not.toMatch(/times/i);
  });
});
