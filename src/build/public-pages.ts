import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Plugin, type Rolldown, runnerImport } from 'vite';
import type { ExtraFile, PublicAssets, PublicBuildOptions, RenderedPage } from '../public-pages/render.tsx';
import { type PublicPagesManifest, publicPagesDir, publicPagesManifest, publicServiceWorkerFile } from '../public-pages/urls.ts';

const noCss = '\0spc-public-pages-no-css';

type RenderModule = {
  renderPublicPages(localesDir: string, assets: PublicAssets, options: Omit<PublicBuildOptions, 'today'> & { today?: string }): Promise<{ pages: RenderedPage[]; manifest: PublicPagesManifest; files: ExtraFile[] }>;
};

/** The help contacts a build uses when HELP_CONTACTS does not name a file: made-up ones that say so. */
export const exampleHelpContactsFile = 'deploy/help-contacts.example.json';
/** Applies the saved display settings before the first paint (copied from public/ as it is). */
export const bootScriptPath = '/display-settings-boot.js';

/** Every chunk a chunk loads, now or later, with itself first (file names). */
function chunkClosure(bundle: Rolldown.OutputBundle, fileName: string, seen = new Set<string>()): string[] {
  const chunk = bundle[fileName];
  if (seen.has(fileName) || chunk?.type !== 'chunk') return [];
  seen.add(fileName);
  return [fileName, ...[...chunk.imports, ...chunk.dynamicImports].flatMap((next) => chunkClosure(bundle, next, seen))];
}

/**
 * Prerenders the family pages as part of `vite build` (one command builds everything).
 * - At the start of the app's build it adds the pages' script (src/public-pages/enhance.ts, with
 *   its stylesheet and the parts it loads later) and their service worker
 *   (src/sw/public-sw.ts → public-sw.js) as chunks of their own.
 * - When the bundle is made, it finds the app's stylesheet and the pages' own files, and writes
 *   into the worker the list of files every family page shares (precached at install) and a
 *   build id.
 * - After the app is written, it loads src/public-pages/render.tsx through Vite's module runner
 *   (so the app's components and JSON imports work as in the app), renders every page with
 *   react-dom/server, and writes dist/public-pages/<lng>/…html, each language's search index
 *   under assets/, and pages.json, the list the server reads.
 * The help contacts come from the file HELP_CONTACTS names (else the example file), checked
 * before anything is written: a broken file stops the build with the field named.
 */
export function publicPages(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  let skip = false;
  let scriptRef: string | undefined;
  let assets: PublicAssets = { styles: [], script: undefined, bootScript: bootScriptPath };
  return {
    name: 'spc-public-pages',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = resolve(config.root, config.build.outDir);
      // Only the app's own build: not an SSR or library build (such as the service worker's).
      skip = Boolean(config.build.ssr) || Boolean(config.build.lib);
    },
    buildStart() {
      if (skip) return;
      scriptRef = this.emitFile({ type: 'chunk', id: resolve(root, 'src/public-pages/enhance.ts'), name: 'public-enhance' });
      this.emitFile({ type: 'chunk', id: resolve(root, 'src/sw/public-sw.ts'), fileName: publicServiceWorkerFile });
    },
    generateBundle(_options, bundle) {
      if (skip) return;
      const entry = Object.values(bundle).find((item) => item.type === 'chunk' && item.isEntry && item.facadeModuleId?.endsWith('/index.html'));
      const appCss = entry?.type === 'chunk' ? [...(entry.viteMetadata?.importedCss ?? [])] : [];
      if (!appCss.length) this.error('public pages: could not find the app stylesheet of index.html');
      const script = scriptRef ? this.getFileName(scriptRef) : undefined;
      const chunks = script ? chunkClosure(bundle, script) : [];
      const css = (names: string[]) => names.flatMap((name) => [...((bundle[name] as Rolldown.OutputChunk | undefined)?.viteMetadata?.importedCss ?? [])]);
      const ownCss = script ? css([script]) : [];
      assets = { styles: [...appCss, ...ownCss].map((file) => `/${file}`), script: script ? `/${script}` : undefined, bootScript: bootScriptPath };

      const worker = bundle[publicServiceWorkerFile];
      if (worker?.type !== 'chunk') return this.error(`public pages: ${publicServiceWorkerFile} was not built`);
      if (/^\s*(import|export)\b/m.test(worker.code)) this.error(`public pages: ${publicServiceWorkerFile} must be one classic script, with no import or export`);
      const shared = [...new Set([...appCss, ...css(chunks), ...chunks].map((file) => `/${file}`)), bootScriptPath, '/icons/icon.svg'];
      const build = createHash('sha256').update(shared.join('\n')).digest('hex').slice(0, 12);
      worker.code = worker.code.replace(/(["'`])%SPC_PUBLIC_PRECACHE%\1/, shared.map((path) => JSON.stringify(path)).join(', ')).replace(/%SPC_PUBLIC_BUILD%/g, build);
      if (worker.code.includes('%SPC_PUBLIC_')) this.error(`public pages: could not fill in ${publicServiceWorkerFile}`);
    },
    async writeBundle() {
      if (skip) return;
      const { count, manifest } = await writePublicPages(root, outDir, assets);
      const logger = this.environment.logger;
      logger.info(`public pages: ${count} prerendered into ${publicPagesDir}/`);
      if (manifest.helpContacts?.example) logger.warn(`public pages: the help contacts are the example ones (${exampleHelpContactsFile}); set HELP_CONTACTS to the deployment's file`);
      for (const stale of manifest.helpContacts?.stale ?? []) logger.warn(`public pages: help contact ${stale}`);
    },
  };
}

export type WritePublicPagesOptions = {
  /** The help contacts file (default: HELP_CONTACTS, else the example file), relative to `root`. */
  helpContactsFile?: string;
  /** The day the pages are built for (YYYY-MM-DD); default today in the UK. */
  today?: string;
};

/**
 * Renders every family page and writes it under `outDir`/public-pages/, with pages.json, and the
 * search indexes under `outDir`/assets/. Returns how many pages were written and the manifest.
 * Used by the plugin above, and by the server tests.
 */
export async function writePublicPages(root: string, outDir: string, assets: PublicAssets, options: WritePublicPagesOptions = {}): Promise<{ count: number; manifest: PublicPagesManifest }> {
  const file = resolve(root, options.helpContactsFile ?? process.env.HELP_CONTACTS ?? exampleHelpContactsFile);
  if (!existsSync(file)) throw new Error(`public pages: the help contacts file ${file} is not there (HELP_CONTACTS names it)`);
  let helpContacts: unknown;
  try {
    helpContacts = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`public pages: the help contacts file ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { module } = await runnerImport<RenderModule>(resolve(root, 'src/public-pages/render.tsx'), {
    configFile: false,
    root,
    logLevel: 'warn',
    // Components import their styles; the pages link the built stylesheets instead.
    plugins: [
      {
        name: 'spc-public-pages-no-css',
        enforce: 'pre',
        resolveId: (id) => (/\.(css|scss)(\?.*)?$/.test(id) ? noCss : undefined),
        load: (id) => (id === noCss ? 'export default {};' : undefined),
      },
    ],
  });
  const { pages, manifest, files } = await module.renderPublicPages(resolve(root, 'locales'), assets, {
    helpContacts,
    helpContactsFile: file,
    ...(options.today ? { today: options.today } : {}),
  });
  const dir = join(outDir, publicPagesDir);
  await rm(dir, { recursive: true, force: true });
  for (const page of pages) {
    const path = join(dir, page.file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, page.html);
  }
  for (const extra of files) {
    const path = join(outDir, extra.file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, extra.body);
  }
  const withWorker: PublicPagesManifest = existsSync(join(outDir, publicServiceWorkerFile)) ? { ...manifest, serviceWorker: publicServiceWorkerFile } : manifest;
  await writeFile(join(dir, publicPagesManifest), `${JSON.stringify(withWorker, null, 2)}\n`);
  return { count: pages.length, manifest: withWorker };
}
