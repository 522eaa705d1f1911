import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** `titleContent`: what the h1 shows when it is more than the title's words (for example words in another language). */
type Props = { title: string; titleContent?: ReactNode; children: ReactNode };

/**
 * One page's main heading and content. Sets the document title and, after a move between pages,
 * puts focus on the heading so screen-reader users hear where they are.
 */
export function Page({ title, titleContent, children }: Props) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [t, title]);
  useEffect(() => {
    if (window.history.state?.idx > 0) heading.current?.focus({ preventScroll: false });
  }, []);
  return (
    <>
      <h1 className="govuk-heading-xl" tabIndex={-1} ref={heading}>
        {titleContent ?? title}
      </h1>
      {children}
    </>
  );
}
