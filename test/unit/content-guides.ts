import { FamilyTopic } from '../../src/content/family-schema.ts';
import type { TopicLike } from '../../src/content/fields.ts';
import { familyTopicFiles, topicFiles } from '../../src/content/node-source.ts';
import { Topic } from '../../src/content/schema.ts';

/**
 * Every guide of a language that parses, from both sets: the app's (locales/<lng>/topics/) and the
 * family pages' (locales/<lng>/family/). The content tests run their checks over both, so the family
 * guides meet the same rules (reading level, numbers, glossary marks) as the app's.
 */
export type Guide = { set: 'topics' | 'family'; file: string; topic: TopicLike & { id: string } };

export function guides(localesDir: string, lng: string): Guide[] {
  const app = topicFiles(localesDir, lng).flatMap(({ file, data }) => {
    const parsed = Topic.safeParse(data);
    return parsed.success ? [{ set: 'topics' as const, file: `locales/${file}`, topic: parsed.data }] : [];
  });
  const family = familyTopicFiles(localesDir, lng).flatMap(({ file, data }) => {
    const parsed = FamilyTopic.safeParse(data);
    return parsed.success ? [{ set: 'family' as const, file: `locales/${file}`, topic: parsed.data }] : [];
  });
  return [...app, ...family];
}
