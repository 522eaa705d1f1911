/**
 * JSON text with every object's keys in sorted order (arrays keep theirs), so two values with the
 * same content give the same text whatever order their keys came in. Undefined members are left
 * out, as JSON.stringify does. Only for data that has passed a schema (plain objects, arrays,
 * strings, numbers, booleans, null): its depth is bounded by that schema.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .flatMap((key) => {
        const member = (value as Record<string, unknown>)[key];
        return member === undefined ? [] : [`${JSON.stringify(key)}:${canonicalJson(member)}`];
      });
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}
