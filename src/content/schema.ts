import { z } from 'zod';
import { ApplicationAbout } from '../domain/application-shortcuts.ts';
import { topicIds } from './topic-ids.ts';

/**
 * The shape of explainer content. The words live in locales/<lng>/topics/<topic>.json and
 * locales/<lng>/glossary.json; this schema is checked against every file in every locale by the tests.
 *
 * Inside any text:
 * - `{{policy.NAME}}` is filled in from src/domain/policy.ts (a time limit), in the page's language;
 * - `{{fact.NAME}}` is filled in from src/content/facts.ts (a counted fact, e.g. how many PIPE units);
 *   no number is typed into a topic by hand (the tests enforce it);
 * - `[[term]]` marks a glossary term: the page shows it as a button that opens its definition in place.
 *   `[[term|shown words]]` shows other words for the same term.
 *   Term marks belong in running text (inShort, paragraphs, list items, action details);
 *   titles, headings, descriptions and action labels are plain (see fields.ts).
 */

/** A topic's id is also its address: /explainers/<id>. */
export const TopicId = z.enum(topicIds);
export type TopicId = z.infer<typeof TopicId>;

/** A glossary term's id, lower case with hyphens: /glossary/<id>. */
export const TermId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
export type TermId = z.infer<typeof TermId>;

/** Things a person can do next. */
export const ActionKind = z.enum(['askOmu', 'askForOasysCopy', 'askForReview', 'askAboutCourse', 'askAboutPipe', 'complain', 'getAdvice', 'contactOffenderManager']);

/** A part of a guide a link can lead to: its outside contacts, or one of its sections (1 is the first). */
export const GuidePart = z.union([z.literal('contacts'), z.number().int().min(1)]);
export type GuidePart = z.infer<typeof GuidePart>;

/** The id of that part on the guide's page (`#part-2`, `#contacts`), which a link can name. */
export function guidePartId(part: GuidePart): string {
  return part === 'contacts' ? 'contacts' : `part-${part}`;
}

/**
 * Where a "What you can do" action leads; every action leads somewhere (no dead text):
 * - `{ about }`: the application to the OMU for that reason, its type chosen and its words written
 *   in for the person to change (src/domain/application-shortcuts.ts);
 * - `{ apply: true }`: the start of a new application, where the person chooses what to ask;
 * - `{ guide, part? }`: a guide, or a part of it, that says where to go (how to complain, help
 *   from outside the prison).
 * The same in every language (the tests check it).
 */
export const ActionTarget = z.union([
  z.strictObject({ about: ApplicationAbout }),
  z.strictObject({ apply: z.literal(true) }),
  z.strictObject({ guide: TopicId, part: GuidePart.optional() }),
]);
export type ActionTarget = z.infer<typeof ActionTarget>;

const Text = z.string().trim().min(1);

export const Section = z.object({
  heading: Text,
  /** Short paragraphs. */
  paragraphs: z.array(Text).min(1),
  /** An optional bulleted list after the paragraphs. */
  list: z.array(Text).optional(),
});
export type Section = z.infer<typeof Section>;

/**
 * An outside service's contact details, taken from a source document (never made up).
 * The phone number and address are the same in every language; the rest is translated.
 * These fields are shown as they are: no markup, and the number rules for prose do not apply.
 */
export const Contact = z.object({
  name: Text,
  /** Who they are and what they do, in one or two short sentences. */
  about: Text,
  phone: z.string().regex(/^[0-9][0-9 ]+[0-9]$/),
  phoneNote: Text.optional(),
  /** Opening times, one line each. */
  hours: z.array(Text),
  /** What to do when the line is closed. */
  hoursNote: Text.optional(),
  /** Postal address, one line each. */
  address: z.array(Text).min(1),
  addressNote: Text.optional(),
  /** Where the details come from: document and lines in shared/reference/. */
  source: z.string().regex(/^\d{3}:\d+(-\d+)?$/),
});
export type Contact = z.infer<typeof Contact>;

export const Topic = z.object({
  id: TopicId,
  title: Text,
  /** One line that sums the topic up. */
  inShort: Text,
  /** For search results and the page's meta description. */
  description: Text,
  sections: z.array(Section).min(1),
  actions: z.array(z.object({ kind: ActionKind, label: Text, detail: Text.optional(), goTo: ActionTarget })),
  related: z.array(TopicId),
  /** Outside services, with details from a source document. */
  contacts: z.array(Contact).optional(),
  /** For outside contact details: when they were last checked against the source (YYYY-MM-DD). */
  lastChecked: z.iso.date().optional(),
}).refine((topic) => !topic.contacts?.length || topic.lastChecked, {
  message: 'A topic with contact details must say when they were last checked (lastChecked)',
  path: ['lastChecked'],
});
export type Topic = z.infer<typeof Topic>;

export const GlossaryEntry = z.object({
  /** The short form, as written in text (for example "OASys"). */
  term: Text,
  /** What the letters stand for, if it is an acronym. */
  expansion: Text.optional(),
  /** One or two short sentences. */
  definition: Text,
});
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

export const Glossary = z.record(TermId, GlossaryEntry);
export type Glossary = z.infer<typeof Glossary>;
