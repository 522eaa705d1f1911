import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';

/** The lint rule that keeps new screens on src/format, run on code as a new screen might write it. */
const eslint = new ESLint({ cwd: projectPath('.') });

async function formatRuleHits(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: projectPath(file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-properties').map((m) => `${m.line}: ${m.message}`);
}

const offending = [
  "export const a = (d: Date) => new Intl.DateTimeFormat('cy', { month: 'long' }).format(d);",
  "export const b = (n: number) => new Intl.RelativeTimeFormat('cy').format(-n, 'day');",
  "export const c = (n: number) => new globalThis.Intl.NumberFormat('cy').format(n);",
  "export const d = (d: Date) => d.toLocaleDateString('cy-GB');",
  'export const e = (n: number) => n.toLocaleString();',
  "export const f = (d: Date) => d.toLocaleTimeString('en-GB');",
  '',
].join('\n');

// The first lint loads the TypeScript project, which takes a while on a busy machine.
describe('the formatting lint rule', { timeout: 60_000 }, () => {
  it('forbids Intl and toLocale*String in the app, the family pages and the service', async () => {
    for (const file of ['src/app/features/plan/NewScreen.tsx', 'src/public-pages/NewPage.tsx', 'src/server/routes/new.ts']) {
      const hits = await formatRuleHits(offending, file);
      expect(hits.map((hit) => hit.split(':')[0]), file).toEqual(['1', '2', '3', '4', '5', '6']);
      expect(hits[0]).toContain('src/format');
    }
  });

  it('allows them inside src/format, the one place that decides when the browser may be trusted', async () => {
    expect(await formatRuleHits(offending, 'src/format/new-helper.ts')).toEqual([]);
  });
});
