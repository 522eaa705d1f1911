import './public-pages.scss';
import { pageIds } from './page-ids.ts';

/**
 * The family pages' one script (about a kilobyte; everything else it needs is fetched only on a
 * page that uses it). Every page reads in full without it. With it:
 * - glossary terms: each link to its meaning in "Words used on this page" becomes the same
 *   button the app uses, opening the meaning (already in the page, hidden) in place;
 * - "Listen": the read-aloud controls come out of their <template>; the first press loads the
 *   reader (listen.ts), and the voice only then (a phone's own voice, or espeak-ng);
 * - search and display settings: their pages' forms start working (search-page.ts, settings-page.ts);
 * - print: the date it is printed goes in the print header (print-date.ts);
 * - offline: the family pages' own small service worker (/sw.js, src/sw/public-sw.ts) keeps each
 *   page read, and the read-aloud engine once used.
 */

for (const link of document.querySelectorAll<HTMLAnchorElement>('a.app-term[data-meaning]')) {
  const meaning = document.getElementById(link.dataset.meaning ?? '');
  if (!meaning) continue;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'app-term';
  button.textContent = link.textContent;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', meaning.id);
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    meaning.hidden = !open;
  });
  link.replaceWith(button);
}

const template = document.getElementById(pageIds.listenTemplate);
const main = document.querySelector('main');
if (template instanceof HTMLTemplateElement && main?.querySelector('[data-sentence]')) {
  const block = template.content.firstElementChild?.cloneNode(true);
  if (block instanceof HTMLElement) {
    template.replaceWith(block);
    const listen = block.querySelector<HTMLButtonElement>('.app-read-aloud__main');
    const start = () => {
      listen?.removeEventListener('click', start);
      void import('./listen.ts').then((reader) => reader.attachReader(block, main).listen());
    };
    listen?.addEventListener('click', start);
  }
}

const searchForm = document.getElementById(pageIds.search.form);
if (searchForm instanceof HTMLFormElement) void import('./search-page.ts').then((page) => page.enhanceSearch(searchForm));

const settingsForm = document.getElementById(pageIds.settings.form);
if (settingsForm instanceof HTMLFormElement) void import('./settings-page.ts').then((page) => page.enhanceSettings(settingsForm));

const printDate = document.querySelector<HTMLElement>(`.${pageIds.printDateClass}`);
if (printDate) void import('./print-date.ts').then((print) => print.fillPrintDate(printDate));

if ('serviceWorker' in navigator) {
  // Offline the first visit has nothing to register: it is tried again at the next visit.
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}
