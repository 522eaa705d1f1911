import { useTranslation } from 'react-i18next';
import type { AnswerChoice, QuestionSet } from '../../../domain/questionnaire.ts';

/** The words of a question set (locales/<lng>/questionnaire.json, under the set's id). */
export type SetWords = {
  lng: string;
  sectionTitle(section: string): string;
  sectionIntro(section: string): string;
  question(id: string): string;
  choice(choice: AnswerChoice): string;
};

export function useSetWords(set: QuestionSet): SetWords {
  const { t, i18n } = useTranslation('questionnaire');
  // The keys come from the set's data; the set's own test checks every one has words in every language.
  const say = t as unknown as (key: string) => string;
  return {
    lng: i18n.resolvedLanguage ?? 'en',
    sectionTitle: (section) => say(`${set.id}.sections.${section}.title`),
    sectionIntro: (section) => say(`${set.id}.sections.${section}.intro`),
    question: (id) => say(`${set.id}.questions.${id}`),
    choice: (choice) => say(`${set.id}.scale.${choice}`),
  };
}
