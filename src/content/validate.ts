import type { z } from 'zod';

/** Formats zod issues as "file: field.path: message" lines, so a broken file is easy to find and fix. */
export function describeIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${formatPath(issue.path) || '(whole file)'}: ${issue.message}`);
}

/** ["sections", 2, "heading"] → "sections[2].heading". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return out ? `${out}.${name}` : name;
  }, '');
}
