import { type ReactNode, type Ref, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomLeft } from './text-room.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

type Props = {
  id: string;
  name: string;
  label: ReactNode;
  /** `l` or `m` for a label that is the question itself; `s` for a smaller one under another question. */
  labelSize?: 's' | 'm' | 'l';
  hint?: ReactNode;
  value: string;
  /** The most characters the shared schema takes (after trimming, as it counts). */
  max: number;
  error?: string | undefined;
  rows?: number;
  onChange: (value: string) => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
};

/** How long the counter waits after the last key before a screen reader hears it. */
const announceAfterMs = 1000;

/**
 * A text box with a live counter in words people use ("You can write about 80 more words"). Typing
 * past the limit is never cut off (nothing is lost silently, pasted text included): the counter
 * says how much too much, in the error style, and the form refuses to send it. A screen reader
 * hears the counter once typing pauses, not at every key. Words in `forms:count.*`.
 */
export function CountedTextarea({ id, name, label, labelSize = 'm', hint, value, max, error, rows = 5, onChange, textareaRef }: Props) {
  const { t } = useTranslation('forms');
  const room = roomLeft(value.trim().length, max);
  const message = room.key === 'full' ? t('count.full') : t(`count.${room.key}`, { count: room.count });
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setAnnounced(message), announceAfterMs);
    return () => clearTimeout(timer);
  }, [message]);
  const describedBy = [hint ? `${id}-hint` : null, `${id}-count`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group govuk-character-count${error ? ' govuk-form-group--error' : ''}`}>
      <label className={`govuk-label govuk-label--${labelSize}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={`${id}-error`} text={error} /> : null}
      <textarea
        ref={textareaRef}
        id={id}
        name={name}
        autoComplete="off"
        spellCheck
        rows={rows}
        className={`govuk-textarea app-textarea${error || room.over ? ' govuk-textarea--error' : ''}`}
        value={value}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      <div id={`${id}-count`} className={`govuk-character-count__message ${room.over ? 'govuk-error-message' : 'govuk-hint'}`} aria-hidden="true">
        {message}
      </div>
      <div className="govuk-visually-hidden" aria-live="polite">
        {announced}
      </div>
    </div>
  );
}
