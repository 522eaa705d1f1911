import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Plugin, runnerImport } from 'vite';
import type { PublicAssets, RenderedPage } from '../public-pages/render.tsx';
import { type PublicPagesManifest, publicPagesDir, publicPagesManifest } from '../public-pages/urls.ts';

const noCss = '\0spc-public-pages-no-css';

type RenderModule = {
  renderPublicPages(localesDir: string, assets: PublicAssets): Promise<{ pages: RenderedPage[]; manifest: PublicPagesManifest }>;
};

/**
 * Prerenders the public pages as part of `vite build` (one command builds everything).
 * - At the start of the app's build it adds the pages' one small script (src/public-pages/enhance.ts)
 *   as its own chunk, so it is hashed and cached like the rest of /assets/.
 * - After the app is written, it loads src/public-pages/render.tsx through Vite's module runner
 *   (so the app's components, JSON imports and `import.meta.glob` work as in the app), renders every
 *   page with react-dom/server, and writes dist/public-pages/<lng>/…html plus pages.json, the list
 *   the server reads. The pages link the app's own hashed stylesheet.
 */
export function publicPages(): Plugin {
  let root = process.cwd();
  let outDir = 'dist';
  let skip = false;
  let scriptRef: string | undefined;
  let assets: PublicAssets = { styles: [], script: undefined };
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
    },
    generateBundle(_options, bundle) {
      if (skip) return;
      const entry = Object.values(bundle).find((item) => item.type === 'chunk' && item.isEntry && item.facadeModuleId?.endsWith('/index.html'));
      const css = entry?.type === 'chunk' ? [...(entry.viteMetadata?.importedCss ?? [])] : [];
      if (!css.length) this.error('public pages: could not find the app stylesheet of index.html');
      assets = { styles: css.map((file) => `/${file}`), script: scriptRef ? `/${this.getFileName(scriptRef)}` : undefined };
    },
    async writeBundle() {
      if (skip) return;
      const count = await writePublicPages(root, outDir, assets);
      this.environment.logger.info(`public pages: ${count} prerendered into ${publicPagesDir}/`);
    },
  };
}

/**
 * Renders every public page and writes it under `outDir`/public-pages/, with pages.json.
 * Returns how many pages were written. Used by the plugin above, and by the server tests.
 */
export async function writePublicPages(root: string, outDir: string, assets: PublicAssets): Promise<number> {
  const { module } = await runnerImport<RenderModule>(resolve(root, 'src/public-pages/render.tsx'), {
    configFile: false,
    root,
    logLevel: 'warn',
    // Components import their styles; the pages link the app's built stylesheet instead.
    plugins: [
      {
        name: 'spc-public-pages-no-css',
        enforce: 'pre',
        resolveId: (id) => (/\.(css|scss)(\?.*)?$/.test(id) ? noCss : undefined),
        load: (id) => (id === noCss ? 'export default {};' : undefined),
      },
    ],
  });
  const { pages, manifest } = await module.renderPublicPages(resolve(root, 'locales'), assets);
  const dir = join(outDir, publicPagesDir);
  await rm(dir, { recursive: true, force: true });
  for (const page of pages) {
    const file = join(dir, page.file);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, page.html);
  }
  await writeFile(join(dir, publicPagesManifest), `${JSON.stringify(manifest, null, 2)}\n`);
  return pages.length;
}
