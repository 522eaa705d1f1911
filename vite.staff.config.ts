import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The OMU staff console: its own entry (src/staff/index.html), built to dist-staff/ and served
 * only by the staff listener. Nothing of it is in the app's build, so the app's service worker
 * cannot precache it, and prisoner devices never get it.
 */
export default defineConfig({
  root: 'src/staff',
  base: '/',
  publicDir: false,
  plugins: [react()],
  css: {
    lightningcss: { errorRecovery: true },
    preprocessorOptions: {
      scss: {
        quietDeps: true,
        silenceDeprecations: ['import', 'global-builtin', 'mixed-decls'],
      },
    },
  },
  build: {
    outDir: '../../dist-staff',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsDir: 'assets',
    // One desktop page for staff on the prison network, kept for a year once fetched: its size
    // (about 180 kB gzip, both languages and the plain-words check included) is not the app's concern.
    chunkSizeWarningLimit: 900,
  },
});
