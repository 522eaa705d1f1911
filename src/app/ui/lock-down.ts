import { isOutsideAddress } from './outside-addresses.ts';

/**
 * Lock-down for prison tablets and kiosks: nothing leaves the product and nothing lands on the
 * device. The app itself has no outside links, file pickers, downloads or new windows; this is
 * the backstop should one ever slip in (content, a future page):
 * - a link to another site, a `download` link, a link to another window or tab, and any click
 *   meant to open a link elsewhere (Ctrl, Shift, Alt, Cmd or the middle button) does nothing;
 * - `window.open` opens nothing; file pickers (an `<input type=file>`, `showOpenFilePicker`…)
 *   do not open; a file dropped on the page does not open;
 * - a long press or right click on a link gives no "open in new tab" or "download" menu.
 * Returns the undo (used when the mode changes, and by tests).
 */
export function installLockDown(win: Window & typeof globalThis = window): () => void {
  const doc = win.document;
  const origin = win.location.origin;
  const undo: Array<() => void> = [];

  const replace = <K extends string>(name: K, value: unknown) => {
    const owner = win as unknown as Record<string, unknown>;
    if (!(name in owner)) return;
    const before = owner[name];
    owner[name] = value;
    undo.push(() => {
      owner[name] = before;
    });
  };
  replace('open', () => null);
  const refuse = () => Promise.reject(new DOMException('Files cannot be opened or saved on this device.', 'NotAllowedError'));
  for (const picker of ['showOpenFilePicker', 'showSaveFilePicker', 'showDirectoryPicker']) replace(picker, refuse);

  const linkOf = (target: EventTarget | null): HTMLAnchorElement | HTMLAreaElement | null =>
    target instanceof Element ? (target.closest('a[href], area[href]') as HTMLAnchorElement | HTMLAreaElement | null) : null;
  const opensElsewhere = (link: HTMLAnchorElement | HTMLAreaElement, event: MouseEvent) =>
    isOutsideAddress(link.href, origin) ||
    link.hasAttribute('download') ||
    !['', '_self'].includes(link.target.toLowerCase()) ||
    event.button !== 0 ||
    event.ctrlKey ||
    event.metaKey ||
    event.shiftKey ||
    event.altKey;

  const listen = <E extends Event>(type: string, handler: (event: E) => void) => {
    const listener = handler as EventListener;
    doc.addEventListener(type, listener, true);
    undo.push(() => doc.removeEventListener(type, listener, true));
  };
  const onClick = (event: MouseEvent) => {
    const link = linkOf(event.target);
    if (link && opensElsewhere(link, event)) event.preventDefault();
    if (event.target instanceof HTMLInputElement && event.target.type === 'file') event.preventDefault();
  };
  listen('click', onClick);
  listen('auxclick', onClick);
  listen<MouseEvent>('contextmenu', (event) => {
    if (linkOf(event.target) || event.target instanceof HTMLImageElement) event.preventDefault();
  });
  listen<DragEvent>('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  listen<DragEvent>('drop', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  listen<SubmitEvent>('submit', (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    if (form && (!['', '_self'].includes(form.target.toLowerCase()) || isOutsideAddress(form.action, origin))) event.preventDefault();
  });

  return () => {
    for (const step of undo.reverse()) step();
    undo.length = 0;
  };
}
