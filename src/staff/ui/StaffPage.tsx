import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { title: string; caption?: string | undefined; children: ReactNode };

let pagesShown = 0;

/**
 * One page's heading and content. Sets the document title; on every page after the first, focus
 * moves to the h1, so a screen reader says where the member now is (the first page keeps the
 * browser's own start).
 */
export function StaffPage({ title, caption, children }: Props) {
  const { t } = useTranslation('staff');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [t, title]);
  useEffect(() => {
    pagesShown += 1;
    if (pagesShown > 1) heading.current?.focus();
  }, []);
  return (
    <>
      {caption ? <span className="govuk-caption-l">{caption}</span> : null}
      <h1 className="govuk-heading-l" tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
    </>
  );
}
