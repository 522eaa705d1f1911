import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoutes, termPath, topicPath } from '../../src/app/routes.ts';
import { axeViolations } from '../support/axe.ts';
import { type E2E, startE2E } from '../support/e2e.ts';
import { text, type TestLanguage } from '../support/locales.ts';
import { expectHeading, openPage } from '../support/pages.ts';
import { repoRoot } from '../support/paths.ts';
import { assertNone } from '../support/report.ts';

/**
 * Glossary terms in running text (issue: a tapped term opened its meaning in the middle of the
 * sentence, leaving ". It should…" orphaned, and lines with terms were spaced unevenly), word pages
 * that link to the guides using the word, and read-aloud on word pages and the A to Z with its
 * controls kept on screen.
 */

/** A string of the word pages' own namespace (locales/<lang>/words.json). */
const words = (lang: TestLanguage, key: 'guidesTitle') => (JSON.parse(readFileSync(join(repoRoot, 'locales', lang, 'words.json'), 'utf8')) as Record<string, string>)[key]!;

const phone = { width: 390, height: 844 };
const largeText = JSON.stringify({ textSize: 200, highContrast: false, readableFont: false, reduceMotion: false });

/** The first paragraph of the page's main content with a term in it: its words, and where the term's meaning is drawn. */
const firstParagraphWithTerm = (page: Page) =>
  page.evaluate(() => {
    const p = [...document.querySelectorAll('main p')].find((el) => el.querySelector('button.app-term'))!;
    const term = p.querySelector<HTMLButtonElement>('button.app-term')!;
    const meaning = document.getElementById(term.getAttribute('aria-controls')!)!;
    // The paragraph's own words: everything but the meanings drawn at its end.
    const words = [...p.childNodes]
      .filter((n) => !(n instanceof HTMLElement && n.classList.contains('app-term__meaning')))
      .map((n) => n.textContent)
      .join('');
    // Is anything of the paragraph's own words after the meaning (in reading order)?
    let after = '';
    for (let n = meaning.nextSibling; n; n = n.nextSibling) {
      if (!(n instanceof HTMLElement && n.classList.contains('app-term__meaning'))) after += n.textContent ?? '';
    }
    const lineHeight = parseFloat(getComputedStyle(p).lineHeight);
    const wordsHeight = (() => {
      // The height of the paragraph's lines without the open meaning: up to the top of the first meaning.
      const first = p.querySelector('.app-term__meaning:not([hidden])');
      const bottom = first ? first.getBoundingClientRect().top - parseFloat(getComputedStyle(first).marginTop) : p.getBoundingClientRect().bottom;
      return bottom - p.getBoundingClientRect().top;
    })();
    return {
      words: words.replace(/\s+/g, ' ').trim(),
      term: term.textContent,
      expanded: term.getAttribute('aria-expanded'),
      meaningShown: meaning.checkVisibility(),
      meaningInParagraph: p.contains(meaning),
      wordsAfterMeaning: after.trim(),
      lines: wordsHeight / lineHeight,
      termHeight: term.getBoundingClientRect().height,
      lineHeight,
    };
  });

describe('glossary terms in running text', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());

  for (const [lang, size, settings] of [
    ['en', { width: 1280, height: 800 }, null],
    ['cy', phone, null],
    ['en', phone, largeText],
  ] as const) {
    it(`a tapped term keeps the sentence whole, its meaning after the paragraph, lines evenly spaced (${lang}, ${size.width} px${settings ? ', 200% text' : ''})`, async () => {
      const { page } = e2e;
      await page.setViewportSize(size);
      await openPage(page, e2e.service.baseUrl, '/');
      await page.evaluate(
        ([l, s]) => {
          localStorage.setItem('spc.language', l);
          if (s) localStorage.setItem('spc.displaySettings', s);
          else localStorage.removeItem('spc.displaySettings');
        },
        [lang, settings ?? ''] as const,
      );
      await openPage(page, e2e.service.baseUrl, topicPath('oasys'));
      const before = await firstParagraphWithTerm(page);
      expect(before.expanded).toBe('false');
      expect(before.meaningShown).toBe(false);
      // Even spacing: the paragraph is a whole number of lines of its own line height, and the term
      // is no taller than a line.
      expect(Math.abs(before.lines - Math.round(before.lines)), `lines: ${before.lines}`).toBeLessThan(0.05);
      expect(before.termHeight).toBeLessThanOrEqual(before.lineHeight + 0.5);

      await page.locator('main p button.app-term').first().click();
      const open = await firstParagraphWithTerm(page);
      expect(open.expanded).toBe('true');
      expect(open.meaningShown).toBe(true);
      // The text before and after the term stay in one paragraph, unchanged, and the meaning comes
      // after all of it (on screen and for a screen reader).
      expect(open.words).toBe(before.words);
      expect(open.meaningInParagraph).toBe(true);
      expect(open.wordsAfterMeaning).toBe('');
      expect(Math.abs(open.lines - before.lines), 'the paragraph keeps its lines').toBeLessThan(0.05);
      assertNone(await axeViolations(page, `${lang} ${size.width} px guide, a term open`), 'axe violations');

      await page.locator('main p button.app-term').first().click();
      expect((await firstParagraphWithTerm(page)).meaningShown).toBe(false);
      await page.evaluate(() => localStorage.removeItem('spc.displaySettings'));
    });
  }

  it.each(['en', 'cy'] as const)('a word page lists the guides that use the word, each leading to a guide with it (%s)', async (lang: TestLanguage) => {
    const { page } = e2e;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openPage(page, e2e.service.baseUrl, '/');
    await page.evaluate((l) => localStorage.setItem('spc.language', l), lang);
    await openPage(page, e2e.service.baseUrl, termPath('oasys'));
    const section = page.getByRole('region', { name: words(lang, 'guidesTitle') });
    const links = section.getByRole('link');
    await links.first().waitFor();
    const titles = (await links.allInnerTexts()).map((s) => s.trim());
    expect(titles.length).toBeGreaterThan(0);
    const oasysGuide = titles.find((title) => /OASys/.test(title));
    expect(oasysGuide, `the OASys guide is among ${titles.join(' | ')}`).toBeDefined();
    await links.filter({ hasText: oasysGuide! }).first().click();
    await expectHeading(page, oasysGuide!);
    expect(await page.locator('main button.app-term', { hasText: 'OASys' }).count()).toBeGreaterThan(0);
    await page.evaluate(() => localStorage.removeItem('spc.language'));
  });

  it('the A to Z and word pages offer Listen', async () => {
    const { page } = e2e;
    for (const path of [appRoutes.glossary, termPath('pom')]) {
      await openPage(page, e2e.service.baseUrl, path);
      expect(await page.getByRole('button', { name: text('en', 'readAloud.listen'), exact: true }).isVisible(), path).toBe(true);
    }
  });
});
