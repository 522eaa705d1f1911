import { espeakVoice, type WorkerRequest, type WorkerResponse, wordsPerMinute } from './protocol.ts';

/**
 * The speech worker: turns a sentence into a WAV file with espeak-ng, off the page's main thread.
 *
 * espeak-ng itself (GPL-3.0-or-later) is not bundled in here: it is loaded at run time from its
 * own files (assets/speech/, see src/build/speech-engine.ts), through the service worker's cache,
 * so it works offline once fetched. Its WebAssembly is compiled once; each sentence runs the
 * espeak-ng command line in a fresh instance (~0.1 s), reading the text from a file so that no
 * text can be taken for an option.
 */

type EmscriptenModule = { FS: { readFile(path: string): Uint8Array; writeFile(path: string, data: string): void } };
type EspeakFactory = (options: {
  arguments: string[];
  locateFile(path: string): string;
  instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void): object;
  preRun: ((module: EmscriptenModule) => void)[];
  print(text: string): void;
  printErr(text: string): void;
}) => Promise<EmscriptenModule>;

type Scope = {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
};
const scope = globalThis as unknown as Scope;

let engine: Promise<{ factory: EspeakFactory; module: WebAssembly.Module; wasmUrl: string }> | null = null;

async function load(glue: string, wasm: string) {
  const [imported, module] = await Promise.all([
    import(/* @vite-ignore */ glue) as Promise<{ default: EspeakFactory }>,
    fetch(wasm).then(async (response) => {
      if (!response.ok) throw new Error(`speech engine: ${response.status} for ${wasm}`);
      return WebAssembly.compile(await response.arrayBuffer());
    }),
  ]);
  return { factory: imported.default, module, wasmUrl: wasm };
}

async function say(text: string, lng: string): Promise<ArrayBuffer> {
  if (!engine) throw new Error('speech engine: not started');
  const { factory, module, wasmUrl } = await engine;
  const instance = await factory({
    arguments: ['-b', '1', '-v', espeakVoice(lng), '-s', String(wordsPerMinute), '-w', '/out.wav', '-f', '/in.txt'],
    locateFile: () => wasmUrl,
    instantiateWasm(imports, done) {
      void WebAssembly.instantiate(module, imports).then(done);
      return {};
    },
    preRun: [(m) => m.FS.writeFile('/in.txt', text)],
    print() {},
    printErr() {},
  });
  const wav = instance.FS.readFile('/out.wav');
  return wav.buffer.slice(wav.byteOffset, wav.byteOffset + wav.byteLength) as ArrayBuffer;
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'init') {
    engine ??= load(request.glue, request.wasm);
    engine.then(
      () => scope.postMessage({ type: 'ready' }),
      (error: unknown) => {
        engine = null;
        scope.postMessage({ type: 'error', id: null, message: String(error) });
      },
    );
    return;
  }
  const started = performance.now();
  say(request.text, request.lng).then(
    (wav) => scope.postMessage({ type: 'audio', id: request.id, wav, ms: Math.round(performance.now() - started) }, [wav]),
    (error: unknown) => scope.postMessage({ type: 'error', id: request.id, message: String(error) }),
  );
};
