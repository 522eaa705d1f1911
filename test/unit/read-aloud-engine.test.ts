import { describe, expect, it } from 'vitest';
import { nodeSpeech } from '../../src/build/espeak-node.ts';
import { makeSpeechEngine } from '../../src/build/speech-engine.ts';
import { gzipSync } from 'node:zlib';

/** The loudest 16-bit sample of a WAV file (after its 44-byte header). */
function loudest(wav: Uint8Array): number {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  let max = 0;
  for (let at = 44; at + 1 < wav.length; at += 2) max = Math.max(max, Math.abs(view.getInt16(at, true)));
  return max;
}

describe('the offline voice (espeak-ng, as built for the app)', () => {
  it('speaks English and Welsh exactly as the unslimmed engine does', async () => {
    const [slim, original] = await Promise.all([nodeSpeech(), nodeSpeech({ original: true })]);
    for (const [lng, text] of [
      ['en', 'Your offender manager should review your OASys, e.g. every year.'],
      ['cy', "Dylai eich Rheolwr Troseddwyr adolygu eich OASys bob blwyddyn."],
      ['en', '-v this text starts with a dash and is not an option'],
    ] as const) {
      const wav = await slim.synthesise(text, lng);
      expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF');
      expect(wav.length).toBeGreaterThan(22050);
      expect(loudest(wav), `${lng} is silent`).toBeGreaterThan(2000);
      expect(Buffer.compare(Buffer.from(wav), Buffer.from(await original.synthesise(text, lng)))).toBe(0);
    }
  }, 30_000);

  it('is small to download: under 1 MB compressed, and the licence and source note go with it', () => {
    const engine = makeSpeechEngine();
    const wasm = engine.files.find((f) => f.fileName.endsWith('.wasm'));
    expect(wasm).toBeDefined();
    expect(gzipSync(wasm!.source).length).toBeLessThan(1_000_000);
    expect(engine.blankedBytes).toBeGreaterThan(15_000_000);
    expect(engine.files.map((f) => f.fileName)).toEqual(
      expect.arrayContaining(['licences/espeak-ng/LICENSE.txt', 'licences/espeak-ng/SOURCE.txt']),
    );
    expect(engine.wasmUrl).toMatch(/^\/assets\/speech\/espeak-ng-en-cy-[0-9a-f]{8}\.wasm$/);
  }, 30_000);
});
