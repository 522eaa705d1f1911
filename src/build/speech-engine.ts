import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { blankUnusedFiles, embeddedTableAddress, keepLanguages } from './espeak-slim.ts';

/**
 * Build plugin for read-aloud's offline voice (see src/app/read-aloud/NOTES.md).
 *
 * Puts the espeak-ng engine (GPL-3.0-or-later) into the build as separate files, never bundled
 * with the app's code:
 *   assets/speech/espeak-ng-<hash>.js           the package's JavaScript, unchanged
 *   assets/speech/espeak-ng-en-cy-<hash>.wasm   its WebAssembly, other languages' dictionaries blanked
 *   (each with .br and .gz siblings, so the server sends ~0.6 MB instead of 18 MB)
 *   speech-engine.json                          where they are (read by the service worker)
 *   licences/espeak-ng/LICENSE.txt, SOURCE.txt  the licence and where its source is
 * The app learns the addresses from the virtual module `virtual:speech-engine`.
 * None of these are precached (vite.config.ts ignores assets/speech/): see sw.ts for when they are fetched.
 */

export const speechEngineModuleId = 'virtual:speech-engine';
const resolvedId = `\0${speechEngineModuleId}`;

/** Languages the app speaks, as espeak-ng names its dictionaries. */
export const speechLanguages = ['en', 'cy'] as const;

type EngineFile = { fileName: string; source: Uint8Array | string; compress: boolean };
export type SpeechEngineBuild = { glueUrl: string; wasmUrl: string; files: EngineFile[]; blankedBytes: number; keptBytes: number };

const hash = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

/** Reads the installed package and makes the engine files. */
export function makeSpeechEngine(): SpeechEngineBuild {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('espeak-ng/package.json'));
  const glue = readFileSync(join(packageDir, 'dist/espeak-ng.js'), 'utf8');
  const original = new Uint8Array(readFileSync(join(packageDir, 'dist/espeak-ng.wasm')));
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string; license: string; repository?: { url?: string } };
  const { wasm, kept, blanked } = blankUnusedFiles(original, embeddedTableAddress(glue), keepLanguages(speechLanguages));
  const glueName = `assets/speech/espeak-ng-${hash(glue)}.js`;
  const wasmName = `assets/speech/espeak-ng-${speechLanguages.join('-')}-${hash(wasm)}.wasm`;
  const source = [
    `espeak-ng ${pkg.version} (npm package "espeak-ng", licence ${pkg.license}).`,
    'The files under assets/speech/ are espeak-ng, compiled to WebAssembly by the package above.',
    'The JavaScript is unchanged. In the .wasm file, the dictionaries of languages other than',
    `${speechLanguages.join(' and ')} are filled with zeros (src/build/espeak-slim.ts in this app's source).`,
    `Source of the package: ${pkg.repository?.url ?? 'see its package.json'}; of espeak-ng itself: the espeak-ng/espeak-ng project.`,
    'The rest of this app is a separate program: it talks to espeak-ng only by messages to a Web Worker.',
    '',
  ].join('\n');
  return {
    glueUrl: `/${glueName}`,
    wasmUrl: `/${wasmName}`,
    keptBytes: kept.reduce((sum, f) => sum + f.length, 0),
    blankedBytes: blanked.reduce((sum, f) => sum + f.length, 0),
    files: [
      { fileName: glueName, source: glue, compress: true },
      { fileName: wasmName, source: wasm, compress: true },
      { fileName: 'licences/espeak-ng/LICENSE.txt', source: readFileSync(join(packageDir, 'LICENSE'), 'utf8'), compress: false },
      { fileName: 'licences/espeak-ng/SOURCE.txt', source, compress: false },
    ],
  };
}

export function speechEngine(): Plugin {
  let engine: SpeechEngineBuild | undefined;
  const get = () => (engine ??= makeSpeechEngine());
  return {
    name: 'spc-speech-engine',
    resolveId(id) {
      return id === speechEngineModuleId ? resolvedId : null;
    },
    load(id) {
      if (id !== resolvedId) return null;
      const { glueUrl, wasmUrl } = get();
      return `export const engineUrls = ${JSON.stringify({ glue: glueUrl, wasm: wasmUrl })};\n`;
    },
    // The dev server serves the same files from memory.
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = request.url?.split('?')[0] ?? '';
        const file = get().files.find((f) => `/${f.fileName}` === path);
        if (!file) return next();
        response.setHeader('content-type', path.endsWith('.wasm') ? 'application/wasm' : path.endsWith('.js') ? 'text/javascript' : 'text/plain; charset=utf-8');
        response.end(file.source);
      });
    },
    generateBundle() {
      const built = get();
      for (const file of built.files) {
        this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
        if (!file.compress) continue;
        const bytes = typeof file.source === 'string' ? Buffer.from(file.source) : file.source;
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.gz`, source: gzipSync(bytes, { level: 9 }) });
        this.emitFile({
          type: 'asset',
          fileName: `${file.fileName}.br`,
          source: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
        });
      }
      this.emitFile({ type: 'asset', fileName: 'speech-engine.json', source: `${JSON.stringify({ glue: built.glueUrl, wasm: built.wasmUrl })}\n` });
    },
  };
}
