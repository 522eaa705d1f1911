/** Made by src/build/speech-engine.ts: where the build put the espeak-ng engine files. */
declare module 'virtual:speech-engine' {
  export const engineUrls: { glue: string; wasm: string };
}
