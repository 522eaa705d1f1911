/**
 * A person's name as the staff caseload sorts and searches it: trimmed, in lower case. Worked out
 * here rather than by SQL's LOWER (which SQLite applies to ASCII letters only), so both engines
 * sort and find the same people in the same order.
 */
export function nameKey(displayName: string): string {
  return displayName.trim().toLowerCase();
}
