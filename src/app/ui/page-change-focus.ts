import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** The longest a new page may take to show its heading (its code and words come from the cache). */
const waitForHeadingMs = 10_000;

/**
 * The one place that handles a move to another page (a link, Back or Forward, a redirect): the
 * view starts at the top and focus moves to the new page's main heading (`<h1 tabindex="-1">`
 * inside `#main-content`), so a screen-reader user hears where they are and a keyboard user starts
 * from there. A page whose code or words are still being fetched shows its heading a moment later:
 * this waits for it. The first page of a visit keeps the browser's own start (focus at the top,
 * before the skip link). A jump within a page (`#letter-A`) is not a move to another page. The
 * browser's own scroll restoration is off: on Back it would put an old position back after this.
 */
export function useFocusOnPageChange(): void {
  const { pathname, hash } = useLocation();
  const firstPage = useRef(true);
  // The app, not the browser, says where a page starts (the browser would restore an old position on Back).
  useEffect(() => {
    if ('scrollRestoration' in window.history) window.history.scrollRestoration = 'manual';
  }, []);
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return undefined;
    }
    const main = document.getElementById('main-content');
    if (!main) return undefined;
    // A link to a place in another page (`/questionnaire/home#q-home-keepingHome`): that place,
    // not the heading, is where the person is sent, and the page puts focus there.
    const target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (target) return undefined;
    window.scrollTo(0, 0);
    // What had focus when the page changed (the link or button pressed). If focus has gone
    // somewhere else since (a dialog such as the idle warning, or the person), it is left there.
    const before = document.activeElement;
    const focusMovedMeanwhile = () => {
      const now = document.activeElement;
      return now !== null && now !== document.body && now !== before && now.isConnected;
    };
    const focusHeading = (): boolean => {
      if (focusMovedMeanwhile()) return true;
      const heading = main.querySelector('h1');
      if (!heading?.textContent?.trim()) return false;
      heading.focus({ preventScroll: true });
      window.scrollTo(0, 0);
      return true;
    };
    if (focusHeading()) return undefined;
    const observer = new MutationObserver(() => {
      if (focusHeading()) stop();
    });
    const timer = setTimeout(() => stop(), waitForHeadingMs);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return stop;
    // Only a new page (pathname) counts; the hash is read as it is then. A jump within a page is not a page change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathname]);
}
