/** Fails with every problem listed, one block each, so a single run shows them all. */
export function assertNone(problems: string[], what: string): void {
  if (problems.length > 0) throw new Error(`${problems.length} ${what}:\n\n${problems.join('\n\n')}\n`);
}
