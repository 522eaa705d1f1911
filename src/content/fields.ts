import type { Section } from './schema.ts';

/**
 * Every text of a topic, in reading order, with where it sits (as a path a person can find in
 * the JSON file, e.g. "sections[2].paragraphs[0]") and whether it is running text (which may
 * carry term marks) or plain (titles, headings, the description and action labels, which never do:
 * a label is the text of a button, and a term is a button too).
 * Contact details are left out: they are shown as they are.
 */
export type TopicText = { path: string; text: string; running: boolean };

/** What a guide is made of, in the app (schema.ts Topic) and on the family pages (family-schema.ts FamilyTopic). */
export type TopicLike = {
  title: string;
  description: string;
  inShort: string;
  sections: readonly Section[];
  actions: readonly { label: string; detail?: string | undefined }[];
};

export function topicTexts(topic: TopicLike): TopicText[] {
  const out: TopicText[] = [
    { path: 'title', text: topic.title, running: false },
    { path: 'description', text: topic.description, running: false },
    { path: 'inShort', text: topic.inShort, running: true },
  ];
  topic.sections.forEach((section, s) => {
    out.push({ path: `sections[${s}].heading`, text: section.heading, running: false });
    section.paragraphs.forEach((text, p) => out.push({ path: `sections[${s}].paragraphs[${p}]`, text, running: true }));
    section.list?.forEach((text, i) => out.push({ path: `sections[${s}].list[${i}]`, text, running: true }));
  });
  topic.actions.forEach((action, a) => {
    out.push({ path: `actions[${a}].label`, text: action.label, running: false });
    if (action.detail) out.push({ path: `actions[${a}].detail`, text: action.detail, running: true });
  });
  return out;
}
