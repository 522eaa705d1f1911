import cyGlossary from '../../../locales/cy/glossary.json' with { type: 'json' };
import enGlossary from '../../../locales/en/glossary.json' with { type: 'json' };
import { Glossary } from '../../content/schema.ts';
import { checkPlainWords } from '../../domain/plain-words.ts';
import type { PlainWordsChecker, PlainWordsFinding } from './checker.ts';

/**
 * The plain-words check (`src/domain/plain-words.ts`) as the console shows it: each finding with
 * its words (`plainWords.<kind>` in staff.json) and where it is; a reading grade above the target
 * as one more finding about the whole text. Checked in the console's language, with that
 * language's glossary (the one the person can open). Parsed once, when first used.
 */
const raw: Record<string, unknown> = { en: enGlossary, cy: cyGlossary };
const parsed = new Map<string, Glossary>();

function glossaryFor(language: string): Glossary {
  const lang = language.startsWith('cy') ? 'cy' : 'en';
  let glossary = parsed.get(lang);
  if (!glossary) {
    glossary = Glossary.parse(raw[lang]);
    parsed.set(lang, glossary);
  }
  return glossary;
}

export const plainWordsChecker: PlainWordsChecker = (text, language) => {
  const report = checkPlainWords(text, { language, glossary: glossaryFor(language) });
  const findings: PlainWordsFinding[] = report.findings.map((finding): PlainWordsFinding => {
    const place = { start: finding.start, end: finding.end };
    switch (finding.kind) {
      case 'longSentence':
        return { ...place, messageKey: finding.level === 'warning' ? 'longSentence' : 'softSentence', values: { words: finding.words } };
      case 'glossaryTerm':
        return { ...place, messageKey: 'glossaryTerm', values: { text: finding.text, term: finding.term } };
      case 'unexplainedAcronym':
        return { ...place, messageKey: 'unexplainedAcronym', values: { text: finding.text } };
      case 'jargon':
        return { ...place, messageKey: 'jargon', values: { text: finding.text, plainer: finding.plainer } };
    }
  });
  if ('grade' in report.reading && report.reading.tooHard) {
    findings.push({ start: 0, end: 0, messageKey: 'readingGrade', values: { grade: Math.round(report.reading.grade), target: report.reading.target } });
  }
  return findings;
};
