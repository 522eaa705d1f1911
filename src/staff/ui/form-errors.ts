import type { TFunction } from 'i18next';
import { useState } from 'react';
import type { ErrorItem } from '../../ui/ErrorSummary.tsx';
import { StaffApiFailure, unreachableCode } from '../api/client.ts';

/** A form's problems: shown in its error summary and next to each field. What was typed stays as it is. */
export function useFormErrors() {
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  return {
    errors,
    attempt,
    show(next: ErrorItem[]) {
      setErrors(next);
      setAttempt((n) => n + 1);
    },
    clear() {
      setErrors([]);
    },
    /** The message for one field, if it has one. */
    of(fieldId: string): string | undefined {
      return errors.find((error) => error.fieldId === fieldId)?.text;
    },
  };
}

/** Service codes the console has its own words for (`errors.<code>` in staff.json). */
const knownCodes = new Set([
  unreachableCode,
  'wrongSignIn',
  'accountDisabled',
  'tooManyTries',
  'wrongCurrentPassword',
  'samePassword',
  'usernameTaken',
  'cannotDisableSelf',
  'notAllowed',
  'notFound',
  'alreadyOpen',
  'threadFull',
  'prisonNumberTaken',
  'versionTaken',
  'olderVersion',
  'storeUnavailable',
  'busy',
  'tooLarge',
  'changePasswordFirst',
]);

/**
 * Words for what went wrong on the service: the console's own (in the chosen language) for codes
 * it knows, otherwise the service's own plain English message.
 */
export function failureText(t: TFunction<'staff'>, error: unknown): string {
  if (error instanceof StaffApiFailure) {
    if (knownCodes.has(error.code)) return t(`errors.${error.code}` as 'errors.unreachable');
    return error.message || t('errors.unknown');
  }
  return t('errors.unknown');
}

/** The error summary line for a failure: on the field the service names (if the form has it), else on `fallbackField`. */
export function failureItem(t: TFunction<'staff'>, error: unknown, fieldIds: Record<string, string>, fallbackField: string): ErrorItem {
  const field = error instanceof StaffApiFailure && error.field ? fieldIds[error.field] : undefined;
  return { fieldId: field ?? fallbackField, text: failureText(t, error) };
}
