import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** `titleContent`: what the h1 shows when it is more than the title's words (for example words in another language). */
type Props = { title: string; titleContent?: ReactNode; children: ReactNode };

/**
 * One page's main heading and content, in a column of readable width. Sets the document title.
 * The heading can take focus: after a move between pages the layout puts focus on it
 * (ui/page-change-focus.ts), so screen-reader users hear where they are.
 */
export function Page({ title, titleContent, children }: Props) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.pageTitle', { page: title });
  }, [t, title]);
  // GOV.UK's two-thirds column: lines of about 70 characters at most on a wide screen.
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl" tabIndex={-1}>
          {titleContent ?? title}
        </h1>
        {children}
      </div>
    </div>
  );
}
