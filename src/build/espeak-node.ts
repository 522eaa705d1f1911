import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { espeakVoice, wordsPerMinute } from '../speech/protocol.ts';
import { blankUnusedFiles, embeddedTableAddress, keepLanguages } from './espeak-slim.ts';
import { speechLanguages } from './speech-engine.ts';

/**
 * espeak-ng under Node, exactly as the speech worker runs it in the browser (same options, the same
 * slimmed WebAssembly): for tests and measurements. `original: true` uses the package's own .wasm.
 */

type Module = { FS: { readFile(path: string): Uint8Array; writeFile(path: string, data: string): void } };
type Factory = (options: object) => Promise<Module>;

export type NodeSpeech = { synthesise(text: string, lng: string): Promise<Uint8Array> };

export async function nodeSpeech(options: { original?: boolean } = {}): Promise<NodeSpeech> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('espeak-ng/package.json'));
  const gluePath = join(packageDir, 'dist/espeak-ng.js');
  const wasm: Uint8Array<ArrayBuffer> = new Uint8Array(readFileSync(join(packageDir, 'dist/espeak-ng.wasm')));
  const bytes = options.original ? wasm : blankUnusedFiles(wasm, embeddedTableAddress(readFileSync(gluePath, 'utf8')), keepLanguages(speechLanguages)).wasm;
  const [{ default: factory }, module] = await Promise.all([import(pathToFileURL(gluePath).href) as Promise<{ default: Factory }>, WebAssembly.compile(bytes)]);
  return {
    async synthesise(text, lng) {
      const instance = await factory({
        arguments: ['-b', '1', '-v', espeakVoice(lng), '-s', String(wordsPerMinute), '-w', '/out.wav', '-f', '/in.txt'],
        instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
          void WebAssembly.instantiate(module, imports).then(done);
          return {};
        },
        preRun: [(m: Module) => m.FS.writeFile('/in.txt', text)],
        print() {},
        printErr() {},
      });
      return instance.FS.readFile('/out.wav');
    },
  };
}
