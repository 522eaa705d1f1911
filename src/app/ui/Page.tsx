import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { title: string; children: ReactNode };

/**
 * One page's main heading and content. Sets the document title and, after a move between pages,
 * puts focus on the heading so screen-reader users hear where they are.
 */
export function Page({ title, children }: Props) {
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
        {title}
      </h1>
      {children}
    </>
  );
}
