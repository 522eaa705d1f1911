import type { SpokenSentence } from './script.ts';

/**
 * The read-aloud player: says sentences one after another through a voice, and can pause, resume
 * and stop. Pure state machine: it knows nothing of the DOM or of how sound is made, so it is
 * tested with a fake voice.
 *
 *   idle ──listen──▶ loading(i) ──started──▶ playing(i) ──ended──▶ loading(i+1) … ──▶ finished
 *   loading|playing ──pause──▶ paused(i) ──resume──▶ loading|playing(i)
 *   any ──stop──▶ idle;   any ──voice error──▶ failed
 */

export type ReadAloudStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'finished' | 'failed';

export type PlayerState = {
  status: ReadAloudStatus;
  /** The sentence being said (or about to be, or paused in); null when not reading. */
  index: number | null;
};

export type UtteranceEvents = {
  /** Sound has begun. */
  onStart(): void;
  /** The sentence has been said to the end. */
  onEnd(): void;
  /** It could not be said. */
  onError(error: unknown): void;
};

/** One sentence being said. Calls after `stop()` are ignored by the player anyway. */
export type Utterance = { pause(): void; resume(): void; stop(): void };

export interface Voice {
  say(sentence: SpokenSentence, events: UtteranceEvents): Utterance;
  /** Optional: get the next sentence ready while this one is said, so there is no gap. */
  prepare?(sentence: SpokenSentence): void;
}

export class ReadAloudPlayer {
  #state: PlayerState = { status: 'idle', index: null };
  #current: Utterance | null = null;
  /** Bumped whenever an utterance is abandoned, so its late events are ignored. */
  #turn = 0;
  #started = false;
  /** Paused between sentences: the next one is to be said on resume. */
  #pendingSay = false;
  readonly #sentences: readonly SpokenSentence[];
  readonly #voice: Voice;
  readonly #onChange: (state: PlayerState) => void;

  constructor(sentences: readonly SpokenSentence[], voice: Voice, onChange: (state: PlayerState) => void) {
    this.#sentences = sentences;
    this.#voice = voice;
    this.#onChange = onChange;
  }

  get state(): PlayerState {
    return this.#state;
  }

  /** Starts reading from the first sentence (or from `from`), whatever was happening. */
  listen(from = 0): void {
    this.#abandon();
    if (from >= this.#sentences.length) {
      this.#set({ status: 'finished', index: null });
      return;
    }
    this.#say(from);
  }

  pause(): void {
    const { status, index } = this.#state;
    if (status !== 'loading' && status !== 'playing') return;
    this.#current?.pause();
    this.#set({ status: 'paused', index });
  }

  resume(): void {
    const { status, index } = this.#state;
    if (status !== 'paused' || index === null) return;
    if (this.#pendingSay) {
      this.#pendingSay = false;
      this.#say(index);
      return;
    }
    this.#current?.resume();
    this.#set({ status: this.#started ? 'playing' : 'loading', index });
  }

  stop(): void {
    this.#abandon();
    if (this.#state.status !== 'idle') this.#set({ status: 'idle', index: null });
  }

  #say(index: number): void {
    const sentence = this.#sentences[index];
    if (!sentence) return;
    const turn = ++this.#turn;
    this.#started = false;
    this.#pendingSay = false;
    this.#set({ status: 'loading', index });
    const live = () => turn === this.#turn;
    this.#current = this.#voice.say(sentence, {
      onStart: () => {
        if (!live()) return;
        this.#started = true;
        if (this.#state.status === 'loading') this.#set({ status: 'playing', index });
      },
      onEnd: () => {
        if (!live()) return;
        this.#current = null;
        const next = index + 1;
        if (next >= this.#sentences.length) {
          this.#turn += 1;
          this.#set({ status: 'finished', index: null });
        } else if (this.#state.status === 'paused') {
          // Paused just as the sentence ended: wait on the next one.
          this.#turn += 1;
          this.#pendingSay = true;
          this.#set({ status: 'paused', index: next });
        } else {
          this.#say(next);
        }
      },
      onError: () => {
        if (!live()) return;
        this.#abandon();
        this.#set({ status: 'failed', index: null });
      },
    });
    const following = this.#sentences[index + 1];
    if (following && live()) this.#voice.prepare?.(following);
  }

  #abandon(): void {
    this.#turn += 1;
    this.#pendingSay = false;
    const current = this.#current;
    this.#current = null;
    current?.stop();
  }

  #set(state: PlayerState): void {
    this.#state = state;
    this.#onChange(state);
  }
}
