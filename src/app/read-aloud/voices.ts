import { type SpeechEngine, startSpeechEngine } from '../../speech/client.ts';
import { baseLanguage, pickLocalVoice } from './local-voice.ts';
import type { Utterance, UtteranceEvents, Voice } from './player.ts';
import type { SpokenSentence } from './script.ts';

/**
 * The voices read-aloud can use, chosen per sentence by its language:
 * 1. a local system voice (speechSynthesis, `localService`) for that language, when the device has one;
 * 2. otherwise espeak-ng in a Web Worker (src/speech), played through an <audio> element.
 * Loaded (with the speech client) only when a person first presses "Listen".
 */

/** System voices, waiting briefly for the list: some browsers fill it in a moment after load. */
async function systemVoices(): Promise<SpeechSynthesisVoice[]> {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return [];
  const now = speechSynthesis.getVoices();
  if (now.length) return now;
  return new Promise((resolve) => {
    const done = () => {
      speechSynthesis.removeEventListener('voiceschanged', done);
      resolve(speechSynthesis.getVoices());
    };
    speechSynthesis.addEventListener('voiceschanged', done);
    setTimeout(done, 400);
  });
}

/** Says a sentence with a system voice. Pause cancels and resume says the sentence again (pause is unreliable across platforms). */
function systemUtterance(voice: SpeechSynthesisVoice, sentence: SpokenSentence, events: UtteranceEvents): Utterance {
  let live = true;
  const speak = () => {
    const utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    utterance.onstart = () => live && events.onStart();
    utterance.onend = () => live && events.onEnd();
    utterance.onerror = (event) => {
      if (live && event.error !== 'interrupted' && event.error !== 'canceled') events.onError(event.error);
    };
    speechSynthesis.speak(utterance);
  };
  speak();
  return {
    pause() {
      live = false;
      speechSynthesis.cancel();
    },
    resume() {
      live = true;
      speak();
    },
    stop() {
      live = false;
      speechSynthesis.cancel();
    },
  };
}

let sharedEngine: SpeechEngine | null = null;
let sharedAudio: HTMLAudioElement | null = null;

/** One hidden <audio> element for the whole app (it carries no controls; the page has its own). */
function audioElement(): HTMLAudioElement {
  if (!sharedAudio) {
    sharedAudio = document.createElement('audio');
    sharedAudio.className = 'app-read-aloud__audio';
    sharedAudio.preload = 'auto';
    document.body.append(sharedAudio);
  }
  return sharedAudio;
}

/** espeak-ng audio, made in the worker, a sentence ahead of time. */
class EspeakVoice implements Voice {
  #ready = new Map<string, Promise<Blob>>();

  #audio(sentence: SpokenSentence): Promise<Blob> {
    const key = `${sentence.lng}\n${sentence.text}`;
    let blob = this.#ready.get(key);
    if (!blob) {
      sharedEngine ??= startSpeechEngine();
      blob = sharedEngine.synthesise(sentence.text, sentence.lng);
      blob.catch(() => {
        this.#ready.delete(key);
        // A failed engine (for example, never fetched and now offline) is started afresh next time.
        sharedEngine?.close();
        sharedEngine = null;
      });
      this.#ready.set(key, blob);
      // Keep a few sentences only.
      while (this.#ready.size > 8) this.#ready.delete(this.#ready.keys().next().value ?? '');
    }
    return blob;
  }

  prepare(sentence: SpokenSentence): void {
    this.#audio(sentence).catch(() => {});
  }

  say(sentence: SpokenSentence, events: UtteranceEvents): Utterance {
    let stopped = false;
    let paused = false;
    let url = '';
    const audio = audioElement();
    const clear = () => {
      audio.onplaying = null;
      audio.onended = null;
      audio.onerror = null;
    };
    const play = () => {
      audio.play().catch((error: unknown) => {
        if (!stopped && !paused) events.onError(error);
      });
    };
    this.#audio(sentence).then(
      (blob) => {
        if (stopped) return;
        url = URL.createObjectURL(blob);
        audio.onplaying = () => events.onStart();
        audio.onended = () => {
          clear();
          URL.revokeObjectURL(url);
          events.onEnd();
        };
        audio.onerror = () => events.onError(audio.error);
        audio.src = url;
        if (!paused) play();
      },
      (error: unknown) => {
        if (!stopped) events.onError(error);
      },
    );
    return {
      pause() {
        paused = true;
        if (url) audio.pause();
      },
      resume() {
        paused = false;
        if (url) play();
      },
      stop() {
        stopped = true;
        if (!url) return;
        clear();
        audio.pause();
        audio.removeAttribute('src');
        audio.load();
        URL.revokeObjectURL(url);
      },
    };
  }
}

/** Picks, for each language on the page, a local system voice or espeak-ng. */
export async function createVoice(lngs: readonly string[]): Promise<Voice> {
  const voices = await systemVoices();
  const local = new Map<string, SpeechSynthesisVoice>();
  for (const lng of lngs) {
    const voice = pickLocalVoice(voices, lng);
    if (voice) local.set(baseLanguage(lng), voice);
  }
  const espeak = new EspeakVoice();
  return {
    say(sentence, events) {
      const voice = local.get(baseLanguage(sentence.lng));
      return voice ? systemUtterance(voice, sentence, events) : espeak.say(sentence, events);
    },
    prepare(sentence) {
      if (!local.has(baseLanguage(sentence.lng))) espeak.prepare(sentence);
    },
  };
}

/** Stops any system speech (when the page goes away mid-sentence). */
export function silence(): void {
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}
