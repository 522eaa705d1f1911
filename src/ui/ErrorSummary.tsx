import { type MouseEvent, useEffect, useRef } from 'react';

export type ErrorItem = { fieldId: string; text: string };

type Props = {
  title: string;
  errors: readonly ErrorItem[];
  /** Changes each time the form is sent, so focus moves here again on a second try. */
  attempt: number;
};

/**
 * The GOV.UK error summary: at the top of the form, takes focus when it appears, and each problem
 * is a link that moves to its field. Nothing here changes what was typed.
 */
export function ErrorSummary({ title, errors, attempt }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown, attempt]);
  if (!shown) return null;
  const jump = (fieldId: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView?.({ block: 'center' });
    field.focus();
  };
  return (
    <div className="govuk-error-summary" tabIndex={-1} ref={box}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.fieldId}-${error.text}`}>
                <a href={`#${error.fieldId}`} onClick={jump(error.fieldId)}>
                  {error.text}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
