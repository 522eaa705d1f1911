import { formatDate, loadLocale, todayInLondon } from '../format/index.ts';
import { fillIn } from './page-ids.ts';

/**
 * The print header's "Printed on …" line: only the phone knows the day a page is printed, so it
 * is written here (in the page's language, through src/format), and again just before printing
 * in case the day has changed since the page was opened. It shows on paper only.
 */
export async function fillPrintDate(line: HTMLElement): Promise<void> {
  const lng = document.documentElement.lang || 'en';
  await loadLocale(lng);
  const fill = () => {
    line.textContent = (line.dataset.pattern ?? '').replace(fillIn.date, formatDate(todayInLondon(), lng));
    line.hidden = false;
  };
  fill();
  addEventListener('beforeprint', fill);
}
