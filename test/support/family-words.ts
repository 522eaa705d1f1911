/**
 * Words that speak to the person in prison as "you". On a family page "you" is the family member
 * reading: "your family member's plan", never "your plan" or "manage you" (../shared/CONTENT.md).
 * Used on the family guides' words (test/unit/content-family.test.ts) and on every built family
 * page as a reader sees it (test/server/public-pages.test.ts).
 */
export const speaksToPrisoner = {
  en: [
    /\byour (POM|COM|OASys|key worker|sentence|plan|case|release|rating|scores?|goals?|prison number|licence|category|application)\b/i,
    /\bmanages? you\b/i,
    /\b(before|after|when) you (are released|leave prison|leave)\b/i,
    /\byou are (released|sentenced|in prison)\b/i,
    /\bwhile you are in prison\b/i,
  ],
  cy: [
    /(\beich|'ch) (POM|COM|OASys|gweithiwr allweddol|dedfryd|cynllun|achos|rhyddhau|sgôr|sgoriau|nodau|rhif carchar|trwydded|categori|cais)\b/i,
    /\b(ch|'ch) rheoli\b/i,
    /\bcyn i chi (gael eich rhyddhau|adael)\b/i,
    /\bpan fyddwch chi yn y carchar\b/i,
  ],
} as const;

/** The first words in `text` that speak to the person in prison, or undefined. */
export function prisonerAddressed(text: string, lng: 'en' | 'cy'): string | undefined {
  for (const pattern of speaksToPrisoner[lng]) {
    const found = text.match(pattern);
    if (found) return found[0];
  }
  return undefined;
}
