import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { appRoutes } from '../routes.ts';
import { Button } from '../../ui/Button.tsx';

type Props = { initialQuery?: string };

/** Search the guides and the words, offline. An empty search says what to do and keeps the page. */
export function SearchForm({ initialQuery = '' }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  const [error, setError] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!query.trim()) {
      setError(true);
      return;
    }
    setError(false);
    void navigate(`${appRoutes.search}?q=${encodeURIComponent(query.trim())}`);
  };
  return (
    <form action={appRoutes.search} method="get" role="search" onSubmit={submit} noValidate>
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-label--s" htmlFor={`${id}-q`}>
          {t('search.label')}
        </label>
        <div id={`${id}-hint`} className="govuk-hint">
          {t('search.hint')}
        </div>
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">{t('search.errorTitle')}: </span>
            {t('search.empty')}
          </p>
        ) : null}
        <input
          className={`govuk-input govuk-!-width-two-thirds${error ? ' govuk-input--error' : ''}`}
          id={`${id}-q`}
          name="q"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error || undefined}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <Button type="submit">{t('search.button')}</Button>
    </form>
  );
}
