/**
 * The explainer topics, in reading order. A topic's id is also its address: /explainers/<id>.
 * Kept free of zod so the app's first page can import it without the schema library.
 */
export const topicIds = [
  'who-is-who',
  'oasys',
  'risk-scores',
  'rosh',
  'sentence-plan',
  'interventions',
  'pipes',
  'mappa',
  'what-oasys-is-used-for',
  'getting-help',
  'for-families',
] as const;

export type TopicId = (typeof topicIds)[number];

export function isTopicId(value: string | undefined): value is TopicId {
  return (topicIds as readonly string[]).includes(value ?? '');
}
