import type { Page } from 'playwright-core';

/** WCAG 2.5.5 (AAA) size, which this app meets for every control: 44 × 44 CSS pixels. */
export const minTarget = 44;

/** Everything a person can click or tap. */
export const clickableSelector =
  'a[href], button, input[type=radio], input[type=checkbox], select, summary, [role=button], [tabindex]:not([tabindex="-1"])';

/** Every visible clickable element smaller than the minimum, described so it can be found. */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ selector, min }) => {
      const size = (r: DOMRect) => ({ w: Math.round(r.width * 10) / 10, h: Math.round(r.height * 10) / 10 });
      const big = (r: { width: number; height: number }) => r.width >= min - 0.05 && r.height >= min - 0.05;
      // A control may take taps on an invisible area of its own around it (a ::after box placed
      // absolutely, like a glossary term in a sentence, which must keep the line's own height).
      const tapArea = (el: Element, r: DOMRect) => {
        const after = getComputedStyle(el, '::after');
        if (after.content === 'none' || after.content === 'normal' || after.position !== 'absolute' || after.pointerEvents === 'none') return r;
        return { width: Math.max(r.width, parseFloat(after.width) || 0), height: Math.max(r.height, parseFloat(after.height) || 0) };
      };
      const visuallyHidden = (el: Element) => {
        const style = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return (
          (r.width <= 1 && r.height <= 1) ||
          style.clip === 'rect(0px, 0px, 0px, 0px)' ||
          style.clipPath === 'inset(50%)'
        );
      };
      const describe = (el: Element) => {
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
        const id = el.id ? `#${el.id}` : '';
        const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
        const href = el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : '';
        return `<${el.tagName.toLowerCase()}${id}${cls}${href}> "${text}"`;
      };
      const problems: string[] = [];
      for (const el of document.querySelectorAll(selector)) {
        const isToggle = el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox');
        // Styled radios and checkboxes hide the real input (opacity 0); the label is what shows.
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: !isToggle }) || visuallyHidden(el)) continue;
        const box = el.getBoundingClientRect();
        if (isToggle) {
          const label = (el as HTMLInputElement).labels?.[0];
          const labelBox = label?.getBoundingClientRect();
          if (big(box) || (labelBox && big(labelBox))) continue;
          const s = size(box);
          const l = labelBox ? size(labelBox) : undefined;
          problems.push(`${describe(el)}: input ${s.w}×${s.h}, label ${l ? `${l.w}×${l.h}` : 'none'}`);
        } else if (!big(tapArea(el, box))) {
          const s = size(box);
          problems.push(`${describe(el)}: ${s.w}×${s.h}`);
        }
      }
      return problems;
    },
    { selector: clickableSelector, min: minTarget },
  );
}
