import { type PlayerState, ReadAloudPlayer } from '../app/read-aloud/player.ts';
import type { SpokenSentence } from '../app/read-aloud/script.ts';

/**
 * "Listen" on a family page, without React: the app's read-aloud player (player.ts) and voices
 * (voices.ts: the phone's own voice for the language, else espeak-ng in a Web Worker), driven
 * from the page's prerendered sentences. Loaded on the first press of Listen; the voices, and the
 * engine, only then. The controls stay on screen while reading (a sticky bar), and the sentence
 * being read is highlighted and kept in the middle of the view.
 */

/** The words of a sentence span, as read: the hidden in-place meanings of terms left out. */
export function spokenText(span: Element): string {
  const copy = span.cloneNode(true) as Element;
  for (const meaning of copy.querySelectorAll('.app-term__meaning')) meaning.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every sentence the page shows in `root`, in order, with the spans that draw each one. */
export function pageSentences(root: ParentNode, fallbackLng: string): { sentences: SpokenSentence[]; spans: HTMLElement[][] } {
  const byIndex = new Map<number, HTMLElement[]>();
  for (const span of root.querySelectorAll<HTMLElement>('[data-sentence]')) {
    const index = Number(span.dataset.sentence);
    if (!Number.isInteger(index)) continue;
    byIndex.set(index, [...(byIndex.get(index) ?? []), span]);
  }
  const order = [...byIndex.keys()].sort((a, b) => a - b);
  const spans = order.map((index) => byIndex.get(index) ?? []);
  const sentences = spans.map((group) => ({
    text: group.map(spokenText).join(' '),
    lng: group[0]?.closest('[lang]')?.getAttribute('lang') ?? fallbackLng,
  }));
  return { sentences, spans };
}

function prefersReducedMotion(): boolean {
  return document.documentElement.classList.contains('app-reduce-motion') || (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
}

export type Reader = { listen(): void };

/** Brings the controls in `block` to life for the sentences in `page`. */
export function attachReader(block: HTMLElement, page: HTMLElement): Reader {
  const words = block.dataset;
  const main = block.querySelector<HTMLButtonElement>('.app-read-aloud__main');
  const stopButton = block.querySelector<HTMLButtonElement>('.app-read-aloud__stop');
  const status = block.querySelector<HTMLElement>('.app-read-aloud__status');
  const failed = block.querySelector<HTMLElement>('.app-read-aloud__failed');
  const { sentences, spans } = pageSentences(page, document.documentElement.lang || 'en');
  let player: ReadAloudPlayer | null = null;
  let heard = false;
  let lit: HTMLElement[] = [];

  const highlight = (index: number | null) => {
    for (const span of lit) span.classList.remove('app-reading');
    lit = index === null ? [] : (spans[index] ?? []);
    for (const span of lit) span.classList.add('app-reading');
    lit[0]?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  };

  const show = (state: PlayerState, stopped = false) => {
    const reading = state.status === 'loading' || state.status === 'playing' || state.status === 'paused';
    if (main) main.textContent = (state.status === 'paused' ? words.resume : reading ? words.pause : words.listen) ?? '';
    if (stopButton) stopButton.hidden = !reading;
    block.classList.toggle('app-read-aloud--sticky', reading);
    if (failed) failed.hidden = state.status !== 'failed';
    const message =
      state.status === 'loading' && !heard
        ? words.loading
        : state.status === 'loading' || state.status === 'playing'
          ? words.playing
          : state.status === 'paused'
            ? words.paused
            : state.status === 'finished'
              ? words.finished
              : stopped
                ? words.stopped
                : '';
    if (status && status.textContent !== message) status.textContent = message ?? '';
    highlight(reading ? state.index : null);
  };

  const listen = async () => {
    show({ status: 'loading', index: 0 });
    try {
      if (!player) {
        const { createVoice } = await import('../app/read-aloud/voices.ts');
        const voice = await createVoice([...new Set(sentences.map((s) => s.lng))]);
        player = new ReadAloudPlayer(sentences, voice, (state) => {
          if (state.status === 'playing') heard = true;
          show(state);
        });
      }
      player.listen();
    } catch (error) {
      console.error(error);
      show({ status: 'failed', index: null });
    }
  };

  main?.addEventListener('click', () => {
    const state = player?.state.status;
    if (state === 'paused') player?.resume();
    else if (state === 'loading' || state === 'playing') player?.pause();
    else void listen();
  });
  stopButton?.addEventListener('click', () => {
    player?.stop();
    show({ status: 'idle', index: null }, true);
    main?.focus();
  });
  // Leaving the page stops reading (and a page kept for Back starts again quiet).
  addEventListener('pagehide', () => {
    player?.stop();
    show({ status: 'idle', index: null });
    void import('../app/read-aloud/voices.ts').then((voices) => voices.silence());
  });
  return { listen: () => void listen() };
}
