import type { KeyDates, Sentence } from '../../domain/plan.ts';

/** The sentence facts as typed (every field as text, so nothing typed is ever lost to a number). */
export type SentenceDraft = { type: '' | 'determinate' | 'indeterminate'; sentencedOn: string; lengthMonths: string; tariffMonths: string };
export type KeyDatesDraft = Record<keyof KeyDates, string>;
export type MappaDraft = { category: '' | '1' | '2' | '3'; level: '' | '1' | '2' | '3' };

export const keyDateNames = [
  'releaseDate',
  'homeDetentionCurfewEligibilityDate',
  'paroleEligibilityDate',
  'tariffExpiryDate',
  'licenceExpiryDate',
  'sentenceExpiryDate',
] as const satisfies readonly (keyof KeyDates)[];

export const emptySentence: SentenceDraft = { type: '', sentencedOn: '', lengthMonths: '', tariffMonths: '' };
export const emptyKeyDates = Object.fromEntries(keyDateNames.map((name) => [name, ''])) as KeyDatesDraft;
export const emptyMappa: MappaDraft = { category: '', level: '' };

/** Typed text to a number when it is whole digits; otherwise the text itself, so the schema names the field. */
function months(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function sentenceFromDraft(draft: SentenceDraft): unknown {
  return {
    type: draft.type || undefined,
    sentencedOn: draft.sentencedOn,
    ...(draft.type === 'determinate' && months(draft.lengthMonths) !== undefined ? { lengthMonths: months(draft.lengthMonths) } : {}),
    ...(draft.type === 'indeterminate' && months(draft.tariffMonths) !== undefined ? { tariffMonths: months(draft.tariffMonths) } : {}),
  };
}

export function keyDatesFromDraft(draft: KeyDatesDraft): Record<string, string> {
  return Object.fromEntries(keyDateNames.filter((name) => draft[name].trim() !== '').map((name) => [name, draft[name].trim()]));
}

export function mappaFromDraft(draft: MappaDraft): unknown {
  if (draft.category === '') return undefined;
  return { category: Number(draft.category), level: draft.level === '' ? undefined : Number(draft.level) };
}

export function sentenceToDraft(sentence: Sentence): SentenceDraft {
  return {
    type: sentence.type,
    sentencedOn: sentence.sentencedOn,
    lengthMonths: sentence.lengthMonths === undefined ? '' : String(sentence.lengthMonths),
    tariffMonths: sentence.tariffMonths === undefined ? '' : String(sentence.tariffMonths),
  };
}

export function keyDatesToDraft(keyDates: KeyDates): KeyDatesDraft {
  return Object.fromEntries(keyDateNames.map((name) => [name, keyDates[name] ?? ''])) as KeyDatesDraft;
}

/** The element id of each sentence, key date and MAPPA field (for the error summary's links). */
export function sentenceFieldId(path: readonly PropertyKey[]): string | undefined {
  const [first, second] = path;
  if (first === 'sentence') return second === 'type' ? 'sentence-type' : second === 'sentencedOn' ? 'sentenced-on' : second === 'lengthMonths' ? 'length-months' : second === 'tariffMonths' ? 'tariff-months' : 'sentence-type';
  if (first === 'keyDates' && typeof second === 'string') return `key-${second}`;
  if (first === 'mappa') return second === 'level' ? 'mappa-level' : 'mappa-category';
  return undefined;
}
