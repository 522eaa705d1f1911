/**
 * zod builds faster parsers with `new Function` when it may, and tries once whether it may. The
 * Content-Security-Policy allows no eval, so that try is blocked and reported as a violation (the
 * e2e tests assert there are none). In `jitless` mode zod never tries.
 *
 * Set through zod's own shared settings object (`globalThis.__zod_globalConfig`, which zod reads
 * when its schemas are made), so this first-page module does not pull zod itself into the first
 * page. Imported first by main.tsx, before any schema exists.
 */
const shared = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(shared.__zod_globalConfig ??= {}).jitless = true;

export {};
