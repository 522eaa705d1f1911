import { facts, isFactName } from './facts.ts';
import { isPolicyName, isRangeName, policyText, rangeText } from './policy-text.ts';
import { type Glossary, TermId } from './schema.ts';

/**
 * Explainer text markup (see schema.ts):
 * - `{{policy.NAME}}` → a policy time limit in words, `{{range.NAME}}` → a span of two of them,
 *   smallest first ("2 to 8 weeks"), `{{fact.NAME}}` → a counted fact, as digits;
 * - `[[term-id]]` or `[[term-id|shown words]]` → a glossary term.
 * Anything that does not parse stays as plain text and is reported as a problem, so a page never
 * breaks on a typo; the tests make sure no shipped text has a problem.
 */

export type Part = { kind: 'text'; text: string } | { kind: 'term'; termId: string; shown: string };

export type MarkupProblem =
  | { kind: 'unknownPlaceholder'; text: string }
  | { kind: 'malformedPlaceholder'; text: string }
  | { kind: 'unknownTerm'; text: string; termId: string }
  | { kind: 'malformedTerm'; text: string };

export type Parsed = { parts: Part[]; problems: MarkupProblem[] };

const placeholderPattern = /\{\{\s*([A-Za-z]+)\.([A-Za-z0-9_]+)\s*\}\}/g;
const termPattern = /\[\[([^[\]]*)\]\]/g;

/** The placeholders a text uses, e.g. [{ namespace: 'policy', name: 'initialOasysDeterminate' }]. */
export function placeholdersIn(text: string): { namespace: string; name: string }[] {
  return [...text.matchAll(placeholderPattern)].map((m) => ({ namespace: m[1] ?? '', name: m[2] ?? '' }));
}

/** Fills in `{{policy.NAME}}`, `{{range.NAME}}` and `{{fact.NAME}}`; unknown ones stay as they are and are reported. */
export function fillPlaceholders(text: string, lng: string): { text: string; problems: MarkupProblem[] } {
  const problems: MarkupProblem[] = [];
  const filled = text.replace(placeholderPattern, (whole, namespace: string, name: string) => {
    if (namespace === 'policy' && isPolicyName(name)) return policyText(name, lng);
    if (namespace === 'range' && isRangeName(name)) return rangeText(name, lng);
    if (namespace === 'fact' && isFactName(name)) return String(facts[name].value);
    problems.push({ kind: 'unknownPlaceholder', text: whole });
    return whole;
  });
  // Leftover braces mean a placeholder was typed wrongly, e.g. "{{policy.x}" or "{policy.x}}".
  const rest = filled.replace(placeholderPattern, '');
  if (/\{\{|\}\}/.test(rest)) problems.push({ kind: 'malformedPlaceholder', text: rest.match(/.{0,20}(\{\{|\}\}).{0,20}/)?.[0] ?? rest });
  return { text: filled, problems };
}

/** Parses one text into plain parts and term parts, with placeholders filled in. */
export function parseMarkup(text: string, lng: string, glossary: Glossary): Parsed {
  const { text: filled, problems } = fillPlaceholders(text, lng);
  const parts: Part[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    if (/\[\[|\]\]/.test(value)) problems.push({ kind: 'malformedTerm', text: value.trim() });
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += value;
    else parts.push({ kind: 'text', text: value });
  };
  let at = 0;
  for (const match of filled.matchAll(termPattern)) {
    pushText(filled.slice(at, match.index));
    at = match.index + match[0].length;
    const inside = match[1] ?? '';
    const bar = inside.indexOf('|');
    const termId = (bar === -1 ? inside : inside.slice(0, bar)).trim();
    const shownWords = bar === -1 ? '' : inside.slice(bar + 1).trim();
    if (!TermId.safeParse(termId).success) {
      problems.push({ kind: 'malformedTerm', text: match[0] });
      const last = parts.at(-1);
      const value = shownWords || termId || match[0];
      if (last?.kind === 'text') last.text += value;
      else parts.push({ kind: 'text', text: value });
      continue;
    }
    const entry = glossary[termId];
    if (!entry) {
      problems.push({ kind: 'unknownTerm', text: match[0], termId });
      pushText(shownWords || termId);
      continue;
    }
    parts.push({ kind: 'term', termId, shown: shownWords || entry.term });
  }
  pushText(filled.slice(at));
  return { parts, problems };
}

/** The words a reader sees (or hears), without markup. */
export function toPlainText(text: string, lng: string, glossary: Glossary): string {
  return parseMarkup(text, lng, glossary)
    .parts.map((part) => (part.kind === 'text' ? part.text : part.shown))
    .join('');
}

/** The glossary term ids a text marks, in order (well-formed marks only). */
export function termIdsIn(text: string): string[] {
  return [...text.matchAll(termPattern)]
    .map((m) => (m[1] ?? '').split('|')[0]?.trim() ?? '')
    .filter((id) => TermId.safeParse(id).success);
}
