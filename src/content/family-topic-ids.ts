/**
 * The family guides, in reading order: the same facts as the guides for people in prison,
 * written to a family member or friend ("your family member"), plus what a family can do. Their
 * words are in locales/<lng>/family/<id>.json. A guide's id is also its address on the family
 * pages: /explainers/<id>. Where a family guide matches a guide in the app it has the same id, so
 * a link copied from the app opens the family version of the same guide.
 * Kept free of zod, like topic-ids.ts.
 */
export const familyTopicIds = [
  'who-is-who',
  'sentence-plan',
  'how-you-can-help',
  'keeping-in-touch',
  'worried-about-safety',
  'oasys',
  'what-oasys-is-used-for',
  'risk-scores',
  'rosh',
  'mappa',
  'interventions',
  'pipes',
  'getting-help',
] as const;

export type FamilyTopicId = (typeof familyTopicIds)[number];

export function isFamilyTopicId(value: string | undefined): value is FamilyTopicId {
  return (familyTopicIds as readonly string[]).includes(value ?? '');
}
