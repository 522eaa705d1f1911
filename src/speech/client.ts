import { engineUrls } from 'virtual:speech-engine';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

/**
 * The app's side of the speech worker: `synthesise(text, lng)` gives a WAV file. Loaded only when
 * a person first presses "Listen" and no local system voice speaks the language.
 */
export type SpeechEngine = {
  synthesise(text: string, lng: string): Promise<Blob>;
  /** Ends the worker; pending requests fail. */
  close(): void;
};

export function startSpeechEngine(): SpeechEngine {
  const worker = new Worker(new URL('./espeak.worker.ts', import.meta.url), { type: 'module', name: 'speech' });
  const pending = new Map<number, { resolve(blob: Blob): void; reject(error: Error): void }>();
  let nextId = 1;
  let broken: Error | null = null;
  const failAll = (error: Error) => {
    broken = error;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'ready') return;
    if (message.type === 'error' && message.id === null) {
      failAll(new Error(message.message));
      return;
    }
    const id = message.id ?? 0;
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    if (message.type === 'audio') request.resolve(new Blob([message.wav], { type: 'audio/wav' }));
    else request.reject(new Error(message.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(new Error(event.message || 'speech worker failed'));
  };
  const post = (message: WorkerRequest) => worker.postMessage(message);
  post({ type: 'init', glue: engineUrls.glue, wasm: engineUrls.wasm });
  return {
    synthesise(text, lng) {
      if (broken) return Promise.reject(broken);
      const id = nextId++;
      return new Promise<Blob>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'say', id, text, lng });
      });
    },
    close() {
      failAll(new Error('speech engine closed'));
      worker.terminate();
    },
  };
}
