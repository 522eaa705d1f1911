import type { ReactNode } from 'react';

/** A GOV.UK success banner: what just happened, and what happens next. */
export function SuccessBanner({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{title}</p>
        {children}
      </div>
    </div>
  );
}
