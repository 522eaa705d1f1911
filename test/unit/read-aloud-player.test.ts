import { describe, expect, it } from 'vitest';
import { type PlayerState, ReadAloudPlayer, type UtteranceEvents, type Voice } from '../../src/app/read-aloud/player.ts';
import type { SpokenSentence } from '../../src/app/read-aloud/script.ts';

/** A voice the test drives by hand: it records what was asked and lets the test start and end sentences. */
class FakeVoice implements Voice {
  said: { text: string; events: UtteranceEvents; log: string[] }[] = [];
  prepared: string[] = [];
  say(sentence: SpokenSentence, events: UtteranceEvents) {
    const entry = { text: sentence.text, events, log: [] as string[] };
    this.said.push(entry);
    return { pause: () => entry.log.push('pause'), resume: () => entry.log.push('resume'), stop: () => entry.log.push('stop') };
  }
  prepare(sentence: SpokenSentence) {
    this.prepared.push(sentence.text);
  }
  get last() {
    const entry = this.said.at(-1);
    if (!entry) throw new Error('nothing said');
    return entry;
  }
}

const sentences: SpokenSentence[] = [
  { text: 'One.', lng: 'en' },
  { text: 'Two.', lng: 'en' },
  { text: 'Tri.', lng: 'cy' },
];

function setup() {
  const voice = new FakeVoice();
  const states: PlayerState[] = [];
  const player = new ReadAloudPlayer(sentences, voice, (state) => states.push(state));
  return { voice, states, player };
}

describe('ReadAloudPlayer', () => {
  it('reads every sentence in order, then finishes', () => {
    const { voice, states, player } = setup();
    player.listen();
    expect(player.state).toEqual({ status: 'loading', index: 0 });
    expect(voice.prepared).toEqual(['Two.']);
    voice.last.events.onStart();
    expect(player.state).toEqual({ status: 'playing', index: 0 });
    voice.last.events.onEnd();
    expect(voice.last.text).toBe('Two.');
    voice.last.events.onStart();
    voice.last.events.onEnd();
    expect(voice.last.text).toBe('Tri.');
    voice.last.events.onStart();
    voice.last.events.onEnd();
    expect(player.state).toEqual({ status: 'finished', index: null });
    expect(states.map((s) => `${s.status}:${s.index}`)).toEqual(['loading:0', 'playing:0', 'loading:1', 'playing:1', 'loading:2', 'playing:2', 'finished:null']);
  });

  it('pauses and resumes the same sentence', () => {
    const { voice, player } = setup();
    player.listen();
    voice.last.events.onStart();
    player.pause();
    expect(player.state).toEqual({ status: 'paused', index: 0 });
    expect(voice.last.log).toEqual(['pause']);
    player.pause();
    expect(voice.last.log).toEqual(['pause']);
    player.resume();
    expect(player.state).toEqual({ status: 'playing', index: 0 });
    expect(voice.last.log).toEqual(['pause', 'resume']);
    expect(voice.said).toHaveLength(1);
  });

  it('can be paused while a sentence is still loading, and resumes to loading', () => {
    const { voice, player } = setup();
    player.listen();
    player.pause();
    expect(player.state).toEqual({ status: 'paused', index: 0 });
    player.resume();
    expect(player.state).toEqual({ status: 'loading', index: 0 });
    voice.last.events.onStart();
    expect(player.state).toEqual({ status: 'playing', index: 0 });
  });

  it('paused just as a sentence ends: waits on the next one until resumed', () => {
    const { voice, player } = setup();
    player.listen();
    voice.last.events.onStart();
    player.pause();
    voice.last.events.onEnd();
    expect(player.state).toEqual({ status: 'paused', index: 1 });
    expect(voice.said).toHaveLength(1);
    player.resume();
    expect(voice.last.text).toBe('Two.');
    expect(player.state).toEqual({ status: 'loading', index: 1 });
  });

  it('stops, and ignores anything the stopped sentence reports later', () => {
    const { voice, player } = setup();
    player.listen();
    const first = voice.last;
    first.events.onStart();
    player.stop();
    expect(player.state).toEqual({ status: 'idle', index: null });
    expect(first.log).toEqual(['stop']);
    first.events.onEnd();
    first.events.onError(new Error('late'));
    expect(player.state).toEqual({ status: 'idle', index: null });
    expect(voice.said).toHaveLength(1);
    player.resume();
    expect(player.state.status).toBe('idle');
  });

  it('listening again starts from the top and abandons the sentence being said', () => {
    const { voice, player } = setup();
    player.listen();
    voice.last.events.onStart();
    voice.last.events.onEnd();
    const second = voice.last;
    player.listen();
    expect(second.log).toEqual(['stop']);
    expect(voice.last.text).toBe('One.');
    second.events.onEnd();
    expect(player.state).toEqual({ status: 'loading', index: 0 });
  });

  it('fails plainly when the voice cannot speak', () => {
    const { voice, player } = setup();
    player.listen();
    voice.last.events.onError(new Error('no audio'));
    expect(player.state).toEqual({ status: 'failed', index: null });
    player.listen();
    expect(player.state).toEqual({ status: 'loading', index: 0 });
  });

  it('with nothing to read, finishes at once', () => {
    const voice = new FakeVoice();
    const player = new ReadAloudPlayer([], voice, () => {});
    player.listen();
    expect(player.state).toEqual({ status: 'finished', index: null });
    expect(voice.said).toEqual([]);
  });
});
