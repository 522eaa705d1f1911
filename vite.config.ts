import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { speechEngine } from './src/build/speech-engine.ts';
import { publicPages } from './src/build/public-pages.ts';
import { dropUnusedRouterParts } from './src/build/unused-router-parts.ts';
import { inlineBootScript } from './src/build/inline-boot-script.ts';

/** Colours shared by the manifest and the page. */
const themeColour = '#0b0c0c';

/**
 * The libraries every page needs (React, the router, i18next), in one chunk the first page loads
 * with the entry: one file compresses better than three (about 1.5 kB gzip less), and every later
 * page finds them loaded.
 */
const firstPageLibraries = /node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next|react-router)[\\/]/;

export default defineConfig({
  plugins: [
    react(),
    // Lets the bundler leave out the router components the app does not use (see the file).
    dropUnusedRouterParts(),
    // The display-settings boot script inside index.html, allowed by its hash (see the file).
    inlineBootScript({ file: fileURLToPath(new URL('./public/display-settings-boot.js', import.meta.url)), src: '/display-settings-boot.js' }),
    // Read-aloud's offline voice, espeak-ng (GPL), as separate files under assets/speech/.
    speechEngine(),
    // Prerenders the public explainer pages into dist/public-pages/ (see src/public-pages/).
    publicPages(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        // Fonts for the dyslexia-friendly setting are precached so it works offline.
        // The public pages (families, device mode `public`) are not the app: never precached.
        globIgnores: ['**/*.woff', 'public-pages/**', 'assets/public-enhance-*.js', 'assets/speech/**'],
      },
      manifest: {
        name: 'Sentence plan companion',
        short_name: 'My plan',
        description: 'Your sentence plan, in plain words.',
        lang: 'en-GB',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: themeColour,
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  css: {
    // GOV.UK Frontend still carries an old Internet Explorer hack that modern CSS tools reject;
    // error recovery drops just that rule.
    lightningcss: { errorRecovery: true },
    preprocessorOptions: {
      scss: {
        quietDeps: true,
        silenceDeprecations: ['import', 'global-builtin', 'mixed-decls'],
      },
    },
  },
  resolve: {
    // React 19 has useSyncExternalStore: react-i18next need not bring the pre-18 copy (see the file).
    alias: [{ find: /^use-sync-external-store\/shim$/, replacement: fileURLToPath(new URL('./src/app/use-sync-external-store-shim.ts', import.meta.url)) }],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    modulePreload: {
      // Every browser the app runs on supports <link rel="modulepreload">: no polyfill in the first page.
      polyfill: false,
      // index.html preloads what the first page imports. A page loaded later fetches its own imports
      // as it meets them (from the service worker's cache, offline); listing every page's imports in
      // advance would put that list, about 0.7 kB gzip, into the first page. Stylesheets are still listed.
      resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : deps.filter((dep) => dep.endsWith('.css'))),
    },
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'libraries', test: firstPageLibraries }] } },
    },
  },
});
