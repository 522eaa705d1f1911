/**
 * The words of a question, as the person read it, by question set and id. The question sets'
 * words come with the questionnaire's own locale files; until those are here, the question's id is shown.
 */
export function questionWords(_questionSet: string, _questionId: string, _lang: string): string | undefined {
  return undefined;
}
