import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { title: string; children: ReactNode };

/**
 * One page's main heading and content, in a column of readable width. Sets the document title.
 * The heading can take focus: after
 * a move between pages the layout puts focus on it (ui/page-change-focus.ts), so screen-reader
 * users hear where they are.
 */
export function Page({ title, children }: Props) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [t, title]);
  // GOV.UK's two-thirds column: lines of about 70 characters at most on a wide screen.
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl" tabIndex={-1}>
          {title}
        </h1>
        {children}
      </div>
    </div>
  );
}
