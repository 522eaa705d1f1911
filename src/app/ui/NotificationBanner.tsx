import { type ReactNode, useId } from 'react';

type Props = { title: string; children: ReactNode; className?: string };

/** A GOV.UK notification banner, announced politely when it appears. */
export function NotificationBanner({ title, children, className }: Props) {
  const titleId = useId();
  return (
    <div
      className={['govuk-notification-banner', className].filter(Boolean).join(' ')}
      role="region"
      aria-labelledby={titleId}
      aria-live="polite"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}
