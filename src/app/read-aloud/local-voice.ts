/** The language without its region: "cy-GB" → "cy". */
export const baseLanguage = (lng: string) => lng.toLowerCase().split(/[-_]/)[0] ?? 'en';

/** A voice on this device (never a network voice: the text may be personal) for the language. */
export function pickLocalVoice(voices: readonly SpeechSynthesisVoice[], lng: string): SpeechSynthesisVoice | undefined {
  const base = baseLanguage(lng);
  const local = voices.filter((v) => v.localService && baseLanguage(v.lang.replace('_', '-')) === base);
  return local.find((v) => v.lang.replace('_', '-').toLowerCase() === `${base}-gb`) ?? local[0];
}
