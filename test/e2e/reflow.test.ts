import { afterAll, beforeAll, describe, it } from 'vitest';
import { type E2E, startE2E } from '../support/e2e.ts';
import { testLanguages } from '../support/locales.ts';
import { openPage } from '../support/pages.ts';
import { assertNone } from '../support/report.ts';
import { routesAndNotFound } from '../support/routes.ts';

describe('reflow: no sideways scrolling at 320 px wide with 200% text', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ context: { viewport: { width: 320, height: 640 } } });
  });
  afterAll(() => e2e?.close());

  it.each(testLanguages.map((lang) => [lang]))('every page, in %s', async (lang) => {
    const { page } = e2e;
    await openPage(page, e2e.service.baseUrl, '/');
    await page.evaluate((l) => {
      localStorage.setItem('spc.language', l);
      localStorage.setItem(
        'spc.displaySettings',
        JSON.stringify({ textSize: 200, highContrast: false, readableFont: false, reduceMotion: false }),
      );
    }, lang);
    const problems: string[] = [];
    for (const [name, path] of routesAndNotFound) {
      await openPage(page, e2e.service.baseUrl, path);
      const m = await page.evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        const limit = root.clientWidth + 0.5;
        const name = (el: Element | null) =>
          el ? `<${el.tagName.toLowerCase()}${el.className ? ` class="${String(el.className)}"` : ''}>` : '?';
        // What sticks out: boxes past the right edge, and words that overflow their box.
        const wide: string[] = [];
        for (const el of document.querySelectorAll('body *')) {
          const right = el.getBoundingClientRect().right;
          if (right > limit) wide.push(`${name(el)} right=${Math.round(right)}`);
        }
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          const right = range.getBoundingClientRect().right;
          if (right > limit) wide.push(`text "${(node.textContent ?? '').trim().slice(0, 40)}" in ${name(node.parentElement)} right=${Math.round(right)}`);
        }
        return { cls: document.documentElement.className, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 8) };
      });
      if (!m.cls.includes('app-text-200')) problems.push(`[${lang} ${name} ${path}] 200% text is not applied (<html class="${m.cls}">)`);
      if (m.scrollWidth > m.clientWidth) {
        problems.push(`[${lang} ${name} ${path}] scrollWidth ${m.scrollWidth} > clientWidth ${m.clientWidth}; sticking out:\n    ${m.wide.join('\n    ')}`);
      }
    }
    assertNone(problems, 'pages that scroll sideways');
  });
});
