import cyQuestionnaire from '../../../locales/cy/questionnaire.json' with { type: 'json' };
import enQuestionnaire from '../../../locales/en/questionnaire.json' with { type: 'json' };

/**
 * The words of a question set as the person read them (locales/<lng>/questionnaire.json, the
 * app's own file, read here as data): questions by id ("home.placeToLive"), section titles and
 * the scale's answers. A set or question these files do not have gives undefined (the id is shown).
 */
type Words = Record<string, unknown>;
const byLanguage: Record<string, Words> = { en: enQuestionnaire as Words, cy: cyQuestionnaire as Words };

function lookUp(lang: string, path: readonly string[]): string | undefined {
  let node: unknown = byLanguage[lang] ?? byLanguage.en;
  for (const part of path) node = node && typeof node === 'object' ? (node as Words)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** A question's words ("Finding a safe place to live when I leave"). */
export function questionWords(questionSet: string, questionId: string, lang: string): string | undefined {
  return lookUp(lang, [questionSet, 'questions', ...questionId.split('.')]);
}

/** A section's title ("Where I live"). */
export function sectionTitle(questionSet: string, sectionId: string, lang: string): string | undefined {
  return lookUp(lang, [questionSet, 'sections', sectionId, 'title']);
}

/** An answer on the set's scale, in the person's words ("This is a problem for me"). */
export function choiceWords(questionSet: string, choice: string, lang: string): string | undefined {
  return lookUp(lang, [questionSet, 'scale', choice]);
}
