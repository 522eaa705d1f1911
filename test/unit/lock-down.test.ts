import { afterEach, describe, expect, it } from 'vitest';
import { installLockDown } from '../../src/app/ui/lock-down.ts';
import { isOutsideAddress, splitOutsideAddresses } from '../../src/app/ui/outside-addresses.ts';

let undo: (() => void) | undefined;
afterEach(() => {
  undo?.();
  undo = undefined;
  document.body.innerHTML = '';
});

/** Clicks an element the way a person would (or with a modifier), and says whether the browser would go ahead. */
function click(element: Element, init: MouseEventInit = {}, type = 'click'): boolean {
  return element.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, button: 0, ...init }));
}

function link(href: string, attributes: Record<string, string> = {}): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = 'a link';
  for (const [name, value] of Object.entries(attributes)) a.setAttribute(name, value);
  document.body.append(a);
  return a;
}

describe('outside addresses', () => {
  const origin = 'http://127.0.0.1:8080';
  it.each([
    ['/plan', false],
    ['#main-content', false],
    ['http://127.0.0.1:8080/explainers/oasys', false],
    ['https://www.gov.uk/', true],
    ['//evil.example/x', true],
    ['http://127.0.0.1:9999/', true],
    ['mailto:someone@example.org', true],
    ['tel:0123', true],
    ['javascript:alert(1)', true],
    ['data:text/html,hi', true],
  ])('%s → outside: %s', (href, outside) => {
    expect(isOutsideAddress(href, origin)).toBe(outside);
  });

  it('finds addresses in text, leaving the full stop that ends the sentence', () => {
    expect(splitOutsideAddresses('See https://www.gov.uk/x. Then www.example.org!')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'address', text: 'https://www.gov.uk/x', href: 'https://www.gov.uk/x' },
      { kind: 'text', text: '. Then ' },
      { kind: 'address', text: 'www.example.org', href: 'https://www.example.org' },
      { kind: 'text', text: '!' },
    ]);
    expect(splitOutsideAddresses('No address here, www, or http:')).toEqual([{ kind: 'text', text: 'No address here, www, or http:' }]);
  });
});

describe('lock-down (tablet and kiosk)', () => {
  it('a link to another site, a download link and a link to a new window do nothing; the app’s own links work', () => {
    undo = installLockDown(window);
    expect(click(link('https://www.gov.uk/'))).toBe(false);
    expect(click(link('mailto:someone@example.org'))).toBe(false);
    expect(click(link('/icons/icon.svg', { download: '' }))).toBe(false);
    expect(click(link('/explainers', { target: '_blank' }))).toBe(false);
    expect(click(link('/explainers'))).toBe(true);
    expect(click(link('#main-content'))).toBe(true);
  });

  it('no click meant to open a link somewhere else: Ctrl, Shift, Alt (download), Cmd, the middle button, a long press', () => {
    undo = installLockDown(window);
    const own = link('/explainers');
    for (const init of [{ ctrlKey: true }, { shiftKey: true }, { altKey: true }, { metaKey: true }]) expect(click(own, init)).toBe(false);
    expect(click(own, { button: 1 }, 'auxclick')).toBe(false);
    expect(click(own, {}, 'contextmenu')).toBe(false);
  });

  it('window.open opens nothing; file pickers do not open', async () => {
    undo = installLockDown(window);
    expect(window.open('/explainers', '_blank')).toBeNull();
    const input = document.createElement('input');
    input.type = 'file';
    document.body.append(input);
    expect(click(input)).toBe(false);
    const withPicker = window as unknown as { showOpenFilePicker?: () => Promise<unknown> };
    if (withPicker.showOpenFilePicker) await expect(withPicker.showOpenFilePicker()).rejects.toThrow();
  });

  it('a form aimed at another site or window is not sent', () => {
    undo = installLockDown(window);
    const form = document.createElement('form');
    form.action = 'https://evil.example/collect';
    document.body.append(form);
    expect(form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))).toBe(false);
    form.action = '/search';
    expect(form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))).toBe(true);
    form.target = '_blank';
    expect(form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))).toBe(false);
  });

  it('undo puts everything back (the mode changed to public)', () => {
    const open = window.open;
    installLockDown(window)();
    expect(window.open).toBe(open);
    expect(click(link('https://www.gov.uk/'))).toBe(true);
  });
});
