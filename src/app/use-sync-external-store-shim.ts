/**
 * react-i18next imports `useSyncExternalStore` from the `use-sync-external-store/shim` package,
 * which carries a copy for React versions before 18. React 19 has its own, so the build points
 * that import here (vite.config.ts) and the first page does not carry the copy.
 */
export { useSyncExternalStore } from 'react';
