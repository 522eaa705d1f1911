import { type ComponentType, lazy, type ReactNode, Suspense, use } from 'react';
import { useTranslation } from 'react-i18next';
import { fallbackLanguage } from './languages.ts';
import { hasPageStrings, loadPageStrings } from './i18n.ts';

/**
 * Shows its children once every word of `common` is here in the language on screen (the first
 * page carries only its own words: strings.ts). Until then it suspends: the nearest <Suspense>
 * shows nothing, for the moment it takes to read a cached chunk. `when={false}` lets the first
 * page through at once.
 */
export function PageStrings({ children, when = true }: { children: ReactNode; when?: boolean }) {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? fallbackLanguage;
  if (when && !hasPageStrings(i18n, lng)) use(loadPageStrings(i18n, lng));
  return children;
}

/**
 * A component fetched when it is first drawn, shown once its code and the words of every page are
 * here (nothing is drawn until then). For parts of the frame that only some visits need: the idle
 * warning, the sync line, the update banner.
 */
export function lazyWithStrings<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  function WithStrings(props: P) {
    return (
      <Suspense fallback={null}>
        <PageStrings>
          <Lazy {...props} />
        </PageStrings>
      </Suspense>
    );
  }
  return WithStrings;
}
