import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkHelpContacts, contactFor, HelpContacts, helpContactsMaxAgeMonths, isCheckStale, localLines, localText } from '../../src/domain/help-contacts.ts';
import { todayInLondon } from '../../src/format/index.ts';
import { projectPath } from '../project-path.ts';

/**
 * Help contacts are deployment data (name, number, hours, the date they were last checked):
 * a missing or stale "last checked" date is flagged, and a broken file names the field.
 */

const contact = (over: Record<string, unknown> = {}) => ({
  id: 'prison',
  for: ['prison'],
  name: { en: 'Example Prison', cy: 'Carchar Enghreifftiol' },
  phone: '01632 960 000',
  hours: { en: ['Monday to Friday: 9am to 5pm'] },
  lastChecked: '2026-11-01',
  ...over,
});
const file = (...contacts: unknown[]) => ({ contacts });

describe('the help contacts this deployment ships', () => {
  const path = projectPath('deploy', 'help-contacts.example.json');
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const today = todayInLondon();

  it('are valid, and say they are an example', () => {
    const { value, problems } = checkHelpContacts(data, today, ['prison', 'visits', 'money', 'safety', 'familySupport']);
    expect(problems).toEqual([]);
    expect(value?.example).toBe(true);
  });

  it(`were checked in the last ${helpContactsMaxAgeMonths} months (this fails when they go stale: check them, then change lastChecked)`, () => {
    expect(checkHelpContacts(data, today).stale).toEqual([]);
  });

  it('use only numbers set aside for examples (01632 960 000 to 999), never a real service’s number', () => {
    for (const { phone } of HelpContacts.parse(data).contacts) expect(phone.replace(/ /g, '')).toMatch(/^01632960\d{3}$/);
  });
});

describe('checking help contacts', () => {
  it('flags a contact with no "last checked" date, naming the contact and the field', () => {
    const { lastChecked: _gone, ...noDate } = contact();
    const { value, problems } = checkHelpContacts(file(contact({ id: 'visits' }), noDate), '2026-12-01');
    expect(value).toBeUndefined();
    expect(problems).toEqual(['contacts[1].lastChecked: say when these details were last checked with the service, as YYYY-MM-DD']);
  });

  it('flags a date that is not a real date, or not written YYYY-MM-DD', () => {
    for (const lastChecked of ['2026-02-30', '1/12/2026', 'last week', '']) {
      expect(checkHelpContacts(file(contact({ lastChecked })), '2026-12-01').problems, lastChecked).toEqual(['contacts[0].lastChecked: a date is written YYYY-MM-DD, e.g. 2026-12-01']);
    }
  });

  it(`flags a check more than ${helpContactsMaxAgeMonths} months old as stale, and only then`, () => {
    const today = '2026-12-01';
    expect(checkHelpContacts(file(contact({ lastChecked: '2026-06-01' })), today).stale).toEqual([]);
    const { stale, problems, value } = checkHelpContacts(file(contact({ lastChecked: '2026-05-30' })), today);
    expect(problems).toEqual([]);
    expect(value).toBeDefined();
    expect(stale).toEqual([`prison: last checked on 2026-05-30, more than ${helpContactsMaxAgeMonths} months before 2026-12-01: check the details with the service and change lastChecked`]);
    expect(isCheckStale('2026-05-30', today)).toBe(true);
    expect(isCheckStale('2026-06-01', today)).toBe(false);
  });

  it('flags a check dated after today', () => {
    expect(checkHelpContacts(file(contact({ lastChecked: '2026-12-02' })), '2026-12-01').problems).toEqual(['contacts[0].lastChecked: 2026-12-02 is after today (2026-12-01)']);
  });

  it('flags a purpose the guides send people to that no contact covers', () => {
    const { problems } = checkHelpContacts(file(contact()), '2026-12-01', ['prison', 'safety']);
    expect(problems).toEqual(['contacts: no contact is for "safety", but the family guides send people to one: add a contact with "for": ["safety"]']);
  });

  it('flags a duplicate id, an unknown purpose, a bad number, a plain-http web address and unknown fields', () => {
    const { problems } = checkHelpContacts(
      file(contact(), contact({ for: ['parole'], phone: 'call us', web: 'http://example.org', fax: '1' })),
      '2026-12-01',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^contacts\[1\]\.for\[0\]: /),
        'contacts[1].phone: a phone number is digits and spaces, e.g. "0300 123 4567"',
        'contacts[1].web: a web address starts with https://',
        expect.stringMatching(/^contacts\[1\]: .*fax/),
      ]),
    );
    expect(checkHelpContacts(file(contact(), contact()), '2026-12-01').problems).toEqual(['contacts[1].id: "prison" is used twice']);
  });

  it('flags a file with no contacts at all', () => {
    expect(checkHelpContacts({ contacts: [] }, '2026-12-01').problems).toEqual([expect.stringMatching(/^contacts: /)]);
    expect(checkHelpContacts(null, '2026-12-01').problems).toEqual([expect.stringMatching(/^\(whole file\): /)]);
  });

  it('finds the contact for a purpose, and gives English where there is no Welsh, saying so', () => {
    const contacts = HelpContacts.parse(file(contact(), contact({ id: 'safer', for: ['safety', 'prison'] })));
    expect(contactFor(contacts, 'prison')?.id).toBe('prison');
    expect(contactFor(contacts, 'safety')?.id).toBe('safer');
    expect(contactFor(contacts, 'money')).toBeUndefined();
    const c = contacts.contacts[0]!;
    expect(localText(c.name, 'cy')).toEqual({ text: 'Carchar Enghreifftiol', lng: 'cy' });
    expect(localLines(c.hours, 'cy')).toEqual({ lines: ['Monday to Friday: 9am to 5pm'], lng: 'en' });
    expect(contacts.example).toBe(false);
  });
});
