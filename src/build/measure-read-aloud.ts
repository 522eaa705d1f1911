import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topicScript } from '../app/read-aloud/script.ts';
import { loadGlossary, loadTopic } from '../content/load.ts';
import { fileLoader } from '../content/node-source.ts';
import { topicIds } from '../content/topic-ids.ts';
import { nodeSpeech } from './espeak-node.ts';

/**
 * Measures what build-time read-aloud audio would cost: every sentence of every topic, in English
 * and Welsh, rendered with espeak-ng under Node. Prints a table. Run: `npx node src/build/measure-read-aloud.ts`.
 * The figures are in src/app/read-aloud/NOTES.md.
 */

const localesDir = join(import.meta.dirname, '../../locales');
const loader = fileLoader(localesDir);
const speech = await nodeSpeech();
const labelsFor = (lng: string) => {
  const common = JSON.parse(readFileSync(join(localesDir, lng, 'common.json'), 'utf8')) as { explainers: { inShort: string; whatYouCanDo: string } };
  return { lng, inShort: common.explainers.inShort, whatYouCanDo: common.explainers.whatYouCanDo };
};
const rows: string[] = [];
for (const lng of ['en', 'cy'] as const) {
  const glossary = await loadGlossary(loader, lng);
  let sentences = 0;
  let wavBytes = 0;
  let seconds = 0;
  let ms = 0;
  let slowest = 0;
  for (const id of topicIds) {
    const topic = await loadTopic(loader, lng, id);
    const script = topicScript(topic.value, topic.language, glossary.value, labelsFor(lng));
    for (const sentence of script.sentences) {
      const started = performance.now();
      const wav = await speech.synthesise(sentence.text, sentence.lng);
      const took = performance.now() - started;
      ms += took;
      slowest = Math.max(slowest, took);
      sentences += 1;
      wavBytes += wav.length;
      seconds += (wav.length - 44) / 2 / 22050;
    }
  }
  // Estimates for compact encodings of the same audio (22.05 kHz mono):
  // 8-bit mu-law at 11 kHz is 1/4 of the 16-bit PCM; speech codecs (Opus ~16 kbit/s) far less.
  const opusBytes = (seconds * 16_000) / 8;
  rows.push(
    `${lng}\t${sentences}\t${(seconds / 60).toFixed(1)} min\t${(wavBytes / 1e6).toFixed(1)} MB\t${(wavBytes / 4 / 1e6).toFixed(1)} MB\t${(opusBytes / 1e6).toFixed(2)} MB\t${(ms / sentences).toFixed(0)} ms\t${slowest.toFixed(0)} ms`,
  );
}
console.log('lng\tsentences\taudio\tWAV 16-bit 22 kHz\tmu-law 11 kHz\tOpus 16 kbit/s\tsynth/sentence (mean)\tslowest');
console.log(rows.join('\n'));
