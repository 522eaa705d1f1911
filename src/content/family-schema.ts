import { z } from 'zod';
import { HelpPurpose } from '../domain/help-contacts.ts';
import { familyTopicIds } from './family-topic-ids.ts';
import { Section, TermId } from './schema.ts';

/**
 * The shape of the family guides (locales/<lng>/family/<id>.json) and of the family glossary
 * (locales/<lng>/family/glossary.json), checked against every file in every locale by the tests.
 * The markup is the guides' own (schema.ts): `{{policy.NAME}}`, `{{range.NAME}}`, `{{fact.NAME}}`,
 * `[[term]]` in running text only.
 *
 * "You" on these pages is the family member or friend reading; the person in prison is "your
 * family member" (../shared/CONTENT.md).
 */

export const FamilyTopicId = z.enum(familyTopicIds);
export type FamilyTopicId = z.infer<typeof FamilyTopicId>;

const Text = z.string().trim().min(1);

/**
 * Where a "What you can do" item leads: one of the deployment's help contacts, chosen by what it
 * is for (the page shows that contact's name and number, from the deployment's data); another
 * family guide; or the family member, who can ask staff in the prison (the detail says what to ask).
 */
export const FamilyLeadsTo = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('contact'), purpose: HelpPurpose }),
  z.strictObject({ kind: z.literal('guide'), id: FamilyTopicId }),
  z.strictObject({ kind: z.literal('familyMember') }),
]);
export type FamilyLeadsTo = z.infer<typeof FamilyLeadsTo>;

export const FamilyAction = z.strictObject({
  /** Starts with a verb; plain text (no marks). */
  label: Text,
  /** A sentence of its own: what to say or ask, what happens next. */
  detail: Text.optional(),
  leadsTo: FamilyLeadsTo,
});
export type FamilyAction = z.infer<typeof FamilyAction>;

export const FamilyTopic = z.strictObject({
  id: FamilyTopicId,
  title: Text,
  inShort: Text,
  description: Text,
  sections: z.array(Section).min(1),
  actions: z.array(FamilyAction).min(1),
  related: z.array(FamilyTopicId),
});
export type FamilyTopic = z.infer<typeof FamilyTopic>;

/**
 * Glossary meanings written for a family: only the entries whose meaning in the app speaks to the
 * person in prison ("your sentence"). Every other entry is the app's own.
 */
export const FamilyGlossary = z.record(TermId, z.strictObject({ definition: Text }));
export type FamilyGlossary = z.infer<typeof FamilyGlossary>;

/** The help-contact purposes the family guides send people to: the deployment must have a contact for each. */
export function purposesUsed(topics: readonly FamilyTopic[]): HelpPurpose[] {
  const used = new Set<HelpPurpose>();
  for (const topic of topics) for (const action of topic.actions) if (action.leadsTo.kind === 'contact') used.add(action.leadsTo.purpose);
  return [...used];
}
