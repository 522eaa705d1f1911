import { z } from 'zod';
import { addDuration, type Duration } from './policy.ts';

/**
 * Help contacts for families: the services a family member can call (the prison, its visits and
 * safety lines, a families' helpline…), with their numbers and hours. They differ from one
 * deployment to the next, so they are deployment data, never written into the guides: a file
 * the deployment gives (HELP_CONTACTS, read when the family pages are built; see the README,
 * "Configure it"), checked against this schema. Every family page shows them, on screen and on
 * paper, with the date someone last checked them.
 */

/** What a contact is for. The family guides send people to a contact by what it is for. */
export const helpPurposes = ['prison', 'visits', 'money', 'safety', 'familySupport'] as const;
export const HelpPurpose = z.enum(helpPurposes);
export type HelpPurpose = z.infer<typeof HelpPurpose>;

/** How many months old a check may be before the pages say the details may have changed. */
export const helpContactsMaxAgeMonths = 6;
const maxAge: Duration = { months: helpContactsMaxAgeMonths };

const Words = z.string().trim().min(1).max(300);

/** Words in each language. English is needed; without Welsh, the Welsh pages show the English (marked as English). */
export const LocalText = z.strictObject({ en: Words, cy: Words.optional() });
export type LocalText = z.infer<typeof LocalText>;

/** Lines of text in each language (opening hours: one line each). */
export const LocalLines = z.strictObject({ en: z.array(Words).min(1).max(12), cy: z.array(Words).min(1).max(12).optional() });
export type LocalLines = z.infer<typeof LocalLines>;

export const HelpContact = z.strictObject({
  /** Lower case with hyphens; the contact's place on a page is #help-<id>. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'use lower-case letters, digits and hyphens, e.g. "visits-line"' }).max(40),
  for: z.array(HelpPurpose).min(1, { error: 'say what the contact is for (one or more of: ' + helpPurposes.join(', ') + ')' }),
  name: LocalText,
  /** One or two short sentences: who they are, what they can help with. */
  about: LocalText.optional(),
  /** As it is dialled in the UK, digits and spaces, e.g. "0300 123 4567". */
  phone: z.string().regex(/^\+?[0-9][0-9 ]{5,18}[0-9]$/, { error: 'a phone number is digits and spaces, e.g. "0300 123 4567"' }),
  hours: LocalLines,
  /** The service's own web page, if it has one (https only). */
  web: z.url({ protocol: /^https$/, error: 'a web address starts with https://' }).optional(),
  /** The day someone last checked these details with the service itself (YYYY-MM-DD). */
  lastChecked: z.iso.date({
    error: (issue) =>
      issue.input === undefined
        ? 'say when these details were last checked with the service, as YYYY-MM-DD'
        : 'a date is written YYYY-MM-DD, e.g. 2026-12-01',
  }),
});
export type HelpContact = z.infer<typeof HelpContact>;

export const HelpContacts = z
  .strictObject({
    /** True for made-up details (the demo): every page then says plainly that they are an example. */
    example: z.boolean().default(false),
    contacts: z.array(HelpContact).min(1).max(12),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.contacts.forEach((contact, i) => {
      if (seen.has(contact.id)) ctx.addIssue({ code: 'custom', path: ['contacts', i, 'id'], message: `"${contact.id}" is used twice` });
      seen.add(contact.id);
    });
  });
export type HelpContacts = z.infer<typeof HelpContacts>;

/** True when a check on `lastChecked` is older than `helpContactsMaxAgeMonths` on `today` (both YYYY-MM-DD). */
export function isCheckStale(lastChecked: string, today: string): boolean {
  return addDuration(lastChecked, maxAge) < today;
}

export type HelpContactsCheck = {
  /** The contacts, when the data is valid (even if some are stale). */
  value: HelpContacts | undefined;
  /** Anything that must be fixed before the pages are built: "contacts[1].lastChecked: …". */
  problems: string[];
  /** Contacts last checked longer ago than `helpContactsMaxAgeMonths`: "prison: last checked on 2026-03-01 …". */
  stale: string[];
};

const pathOf = (path: readonly PropertyKey[]) =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');

/**
 * Checks help-contact data as a deployment gives it, on `today` (YYYY-MM-DD): the schema, no check
 * dated in the future, every purpose in `needed` covered by a contact (the guides send people
 * there), and which checks are stale.
 */
export function checkHelpContacts(data: unknown, today: string, needed: readonly HelpPurpose[] = []): HelpContactsCheck {
  const parsed = HelpContacts.safeParse(data);
  if (!parsed.success) return { value: undefined, problems: parsed.error.issues.map((issue) => `${pathOf(issue.path) || '(whole file)'}: ${issue.message}`), stale: [] };
  const problems: string[] = [];
  const stale: string[] = [];
  parsed.data.contacts.forEach((contact, i) => {
    if (contact.lastChecked > today) problems.push(`contacts[${i}].lastChecked: ${contact.lastChecked} is after today (${today})`);
    else if (isCheckStale(contact.lastChecked, today)) {
      stale.push(`${contact.id}: last checked on ${contact.lastChecked}, more than ${helpContactsMaxAgeMonths} months before ${today}: check the details with the service and change lastChecked`);
    }
  });
  for (const purpose of needed) {
    if (!parsed.data.contacts.some((contact) => contact.for.includes(purpose))) {
      problems.push(`contacts: no contact is for "${purpose}", but the family guides send people to one: add a contact with "for": ["${purpose}"]`);
    }
  }
  return { value: parsed.data, problems, stale };
}

/** The first contact for a purpose (the one a guide's action leads to). */
export function contactFor(contacts: HelpContacts, purpose: HelpPurpose): HelpContact | undefined {
  return contacts.contacts.find((contact) => contact.for.includes(purpose));
}

/** A contact's words in a language, falling back to English; `lng` says which it is. */
export function localText(text: LocalText, lng: string): { text: string; lng: string } {
  return lng === 'cy' && text.cy ? { text: text.cy, lng: 'cy' } : { text: text.en, lng: 'en' };
}

export function localLines(lines: LocalLines, lng: string): { lines: string[]; lng: string } {
  return lng === 'cy' && lines.cy ? { lines: lines.cy, lng: 'cy' } : { lines: lines.en, lng: 'en' };
}
