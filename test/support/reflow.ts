import type { Page } from 'playwright-core';

export type Reflow = { textClass: string; scrollWidth: number; clientWidth: number; wide: string[] };

/**
 * How wide the page is against the window, and what sticks out past its right edge: boxes, and
 * words that overflow their box (a word cut off by its box does not widen the page, but it is
 * still lost to the reader). Plan cards are drawn only near the viewport (content-visibility), but
 * asking for a box's place lays its card out, so a card out of sight is measured too
 * (reflow-signed-in.test.ts checks that).
 */
export async function measureReflow(page: Page): Promise<Reflow> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const limit = root.clientWidth + 0.5;
    const name = (el: Element | null) => (el ? `<${el.tagName.toLowerCase()}${el.className ? ` class="${String(el.className)}"` : ''}>` : '?');
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
    return { textClass: document.documentElement.className, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 8) };
  });
}

/** What is wrong with one page at 200% text: the setting not applied, or anything sideways. */
export function reflowProblems(where: string, m: Reflow): string[] {
  const problems: string[] = [];
  if (!m.textClass.includes('app-text-200')) problems.push(`[${where}] 200% text is not applied (<html class="${m.textClass}">)`);
  if (m.scrollWidth > m.clientWidth || m.wide.length > 0) {
    problems.push(`[${where}] scrollWidth ${m.scrollWidth}, clientWidth ${m.clientWidth}; sticking out:\n    ${m.wide.join('\n    ')}`);
  }
  return problems;
}
