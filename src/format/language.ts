/** The language part of a tag, lower case: "cy-GB" → "cy", "EN_gb" → "en", undefined → "". */
export function baseLanguage(tag: string | undefined): string {
  return (tag ?? '').split(/[-_]/)[0]!.toLowerCase();
}
