import { parseMarkup } from '../../content/markup.ts';
import type { TopicLike } from '../../content/fields.ts';
import type { Glossary } from '../../content/schema.ts';
import { splitSentences } from '../../content/sentences.ts';

/**
 * What read-aloud says on a page, and how the page shows it: each text block (a paragraph, a
 * list item, a heading) is cut into sentences; each sentence keeps its glossary terms as markup,
 * so the page can still show them as buttons while the sentence is wrapped in a highlightable span.
 * Pure: no DOM, no window. Works for any text (the person's own plan and replies too).
 */

/** One sentence to say, in its own language (a page may mix languages when a translation is missing). */
export type SpokenSentence = { text: string; lng: string };

/** A block as shown: sentences (numbered across the page, in reading order) and the gaps between them. */
export type Segment = { kind: 'sentence'; index: number; markup: string } | { kind: 'gap'; text: string };

export type BlockSource = { key: string; text: string; lng: string };

export type Script = {
  sentences: SpokenSentence[];
  blocks: ReadonlyMap<string, Segment[]>;
};

/** Serialises parts back to markup (placeholders are already filled in, so none remain). */
function termMarkup(termId: string, shown: string): string {
  return `[[${termId}|${shown}]]`;
}

/**
 * Splits one text (with markup) into segments. `first` is the page-wide number of its first sentence.
 * A glossary term always stays whole, in the sentence where it starts.
 */
export function splitBlock(text: string, lng: string, glossary: Glossary, first: number): { segments: Segment[]; spoken: SpokenSentence[] } {
  const { parts } = parseMarkup(text, lng, glossary);
  // Where each part sits in the plain text.
  const placed: { from: number; to: number; part: (typeof parts)[number] }[] = [];
  let plain = '';
  for (const part of parts) {
    const words = part.kind === 'text' ? part.text : part.shown;
    placed.push({ from: plain.length, to: plain.length + words.length, part });
    plain += words;
  }
  const sentences = splitSentences(plain, lng);
  const segments: Segment[] = [];
  const spoken: SpokenSentence[] = [];
  let at = 0;
  sentences.forEach((sentence, n) => {
    // A term that started in the sentence before has already been given out.
    const start = Math.max(sentence.start, at);
    if (start > at) segments.push({ kind: 'gap', text: plain.slice(at, start) });
    let end = sentence.end;
    let markup = '';
    for (const { from, to, part } of placed) {
      if (to <= start || from >= end) continue;
      if (part.kind === 'term') {
        if (from < start) continue;
        markup += termMarkup(part.termId, part.shown);
        end = Math.max(end, to);
      } else {
        markup += part.text.slice(Math.max(0, start - from), Math.min(part.text.length, end - from));
      }
    }
    at = end;
    if (!markup) return;
    segments.push({ kind: 'sentence', index: first + n, markup });
    spoken.push({ text: plain.slice(start, end).trim() || sentence.text, lng });
  });
  if (at < plain.length) segments.push({ kind: 'gap', text: plain.slice(at) });
  // Renumber in case a sentence was swallowed whole by a term.
  let index = first;
  for (const segment of segments) if (segment.kind === 'sentence') segment.index = index++;
  return { segments, spoken };
}

/** Builds the script for blocks given in reading order. */
export function buildScript(sources: BlockSource[], glossary: Glossary): Script {
  const sentences: SpokenSentence[] = [];
  const blocks = new Map<string, Segment[]>();
  for (const source of sources) {
    const { segments, spoken } = splitBlock(source.text, source.lng, glossary, sentences.length);
    blocks.set(source.key, segments);
    sentences.push(...spoken);
  }
  return { sentences, blocks };
}

/** Labels the page shows around the topic's own words, in the app's language. */
export type TopicLabels = { lng: string; inShort: string; whatYouCanDo: string };

/** The key of each block of a topic page (following the paths of content/fields.ts), shared by the page and the script. */
export const topicKey = {
  inShortLabel: 'label.inShort',
  inShort: 'inShort',
  heading: (s: number) => `sections[${s}].heading`,
  paragraph: (s: number, p: number) => `sections[${s}].paragraphs[${p}]`,
  listItem: (s: number, i: number) => `sections[${s}].list[${i}]`,
  actionsLabel: 'label.whatYouCanDo',
  actionLabel: (a: number) => `actions[${a}].label`,
  actionDetail: (a: number) => `actions[${a}].detail`,
} as const;

/**
 * The blocks of an explainer topic, in the order the page shows them. Contact details are not read (numbers and
 * addresses read badly); the page shows them as they are.
 */
export function topicBlocks(topic: TopicLike, lng: string, labels: TopicLabels): BlockSource[] {
  const out: BlockSource[] = [
    { key: topicKey.inShortLabel, text: labels.inShort, lng: labels.lng },
    { key: topicKey.inShort, text: topic.inShort, lng },
  ];
  topic.sections.forEach((section, s) => {
    out.push({ key: topicKey.heading(s), text: section.heading, lng });
    section.paragraphs.forEach((text, p) => out.push({ key: topicKey.paragraph(s, p), text, lng }));
    section.list?.forEach((text, i) => out.push({ key: topicKey.listItem(s, i), text, lng }));
  });
  if (topic.actions.length) out.push({ key: topicKey.actionsLabel, text: labels.whatYouCanDo, lng: labels.lng });
  topic.actions.forEach((action, a) => {
    out.push({ key: topicKey.actionLabel(a), text: action.label, lng });
    if (action.detail) out.push({ key: topicKey.actionDetail(a), text: action.detail, lng });
  });
  return out;
}

export function topicScript(topic: TopicLike, lng: string, glossary: Glossary, labels: TopicLabels): Script {
  return buildScript(topicBlocks(topic, lng, labels), glossary);
}
