/**
 * Messages between the app and the speech worker (espeak.worker.ts). This is the whole boundary
 * between the app and espeak-ng (GPL-3.0-or-later): the app sends text, the worker sends back a
 * WAV file. Nothing else crosses it.
 */

export type WorkerRequest =
  | { type: 'init'; glue: string; wasm: string }
  | { type: 'say'; id: number; text: string; lng: string };

export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'audio'; id: number; wav: ArrayBuffer; ms: number }
  | { type: 'error'; id: number | null; message: string };

/** espeak-ng voice names for the app's languages. */
export function espeakVoice(lng: string): string {
  return lng.toLowerCase().startsWith('cy') ? 'cy' : 'en-gb';
}

/** Words a minute: a little slower than espeak-ng's 175, for easier listening. */
export const wordsPerMinute = 150;
