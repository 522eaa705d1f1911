import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatDate,
  formatDuration,
  formatNumber,
  formatRelativeDays,
  formatWait,
  loadLocale,
  londonOffsetMs,
  pluralCategories,
  pluralCategory,
  todayInLondon,
} from '../../src/format/index.ts';

/**
 * src/format against fixed expectations (English and Welsh), and against Node's own Intl, which
 * carries full ICU/CLDR data: the English output must be what the app gave before (it used Intl in
 * en-GB), and the Welsh what a browser with Welsh data gives. Debian's Chromium has no Welsh data,
 * which is why the module exists (test/e2e/welsh-dates.test.ts).
 */
beforeAll(async () => {
  expect(await loadLocale('cy')).toBe(true);
});

const welshMonths = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];
const samples = [0, 1, 2, 3, 6, 7, 11, 100];
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => isoDay(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000);

describe('formatDate', () => {
  it('writes a calendar date in full, in English and in Welsh', () => {
    expect(formatDate('2026-06-01', 'en')).toBe('1 June 2026');
    expect(formatDate('2026-06-01', 'cy')).toBe('1 Mehefin 2026');
    expect(formatDate('2027-12-25', 'cy-GB')).toBe('25 Rhagfyr 2027');
    welshMonths.forEach((name, i) => expect(formatDate(`2026-${String(i + 1).padStart(2, '0')}-09`, 'cy')).toBe(`9 ${name} 2026`));
  });

  it('gives what Intl gives in en-GB (the old output) and in Welsh, for every day of 2026–2028', () => {
    const english = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const welsh = new Intl.DateTimeFormat('cy', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(Intl.DateTimeFormat.supportedLocalesOf(['cy'])).toEqual(['cy']); // Node has the data Chromium lacks
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2029, 0, 1); day += 86_400_000) {
      expect(formatDate(isoDay(day), 'en')).toBe(english.format(day));
      expect(formatDate(isoDay(day), 'cy')).toBe(welsh.format(day));
    }
  });

  it('shows an instant as its date in the UK, summer and winter, whatever the device zone', () => {
    expect(formatDate('2026-06-30T23:30:00Z', 'en')).toBe('1 July 2026'); // 00:30 BST
    expect(formatDate('2026-12-01T23:30:00Z', 'en')).toBe('1 December 2026'); // 23:30 GMT
    expect(formatDate('2026-12-01T23:30:00.000+00:00', 'cy')).toBe('1 Rhagfyr 2026');
    expect(formatDate('2026-07-01T00:30:00+01:00', 'cy')).toBe('1 Gorffennaf 2026');
    // Either side of the clock changes (29 March and 25 October 2026, at 01:00 UTC).
    expect(formatDate('2026-03-28T23:59:00Z', 'en')).toBe('28 March 2026');
    expect(formatDate('2026-03-29T23:30:00Z', 'en')).toBe('30 March 2026');
    expect(formatDate('2026-10-24T23:30:00Z', 'en')).toBe('25 October 2026');
    expect(formatDate('2026-10-25T23:30:00Z', 'en')).toBe('25 October 2026');
  });

  it('gives back anything that is not a date as it is, rather than a wrong date', () => {
    for (const bad of ['', 'soon', '2026-02-30', '2026-13-01', '2026-6-1', '2026-06-01T10:00:00', '2026-06-01T25:00:00Z', '1 June 2026']) {
      expect(formatDate(bad, 'cy')).toBe(bad);
    }
  });
});

describe('the UK clock', () => {
  it('is GMT in winter and BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October', () => {
    expect(londonOffsetMs(Date.parse('2026-03-29T00:59:59.999Z'))).toBe(0);
    expect(londonOffsetMs(Date.parse('2026-03-29T01:00:00Z'))).toBe(3_600_000);
    expect(londonOffsetMs(Date.parse('2026-10-25T00:59:59.999Z'))).toBe(3_600_000);
    expect(londonOffsetMs(Date.parse('2026-10-25T01:00:00Z'))).toBe(0);
  });

  it('agrees with the time-zone database for Europe/London, every 3 hours from 2000 to 2040', () => {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2041, 0, 1); t += 3 * 3_600_000) {
      const p = Object.fromEntries(parts.formatToParts(t).map((part) => [part.type, part.value]));
      const london = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour));
      const expected = london - Math.floor(t / 3_600_000) * 3_600_000;
      if (londonOffsetMs(t) !== expected) throw new Error(`At ${new Date(t).toISOString()}: ${londonOffsetMs(t)} ms, the tz database says ${expected}`);
    }
    expect(todayInLondon(Date.parse('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(todayInLondon(Date.parse('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('formatRelativeDays', () => {
  it('says how far a date is, both ways, with CLDR\'s own words near today', () => {
    const today = '2026-06-01';
    const cases: Array<[number, string, string]> = [
      [26, 'in 26 days', 'ymhen 26 diwrnod'],
      [-26, '26 days ago', '26 diwrnod yn ôl'],
      [0, 'today', 'heddiw'],
      [1, 'tomorrow', 'yfory'],
      [-1, 'yesterday', 'ddoe'],
      [2, 'in 2 days', 'drennydd'],
      [-2, '2 days ago', 'echdoe'],
      [3, 'in 3 days', 'ymhen 3 diwrnod'],
      [365, 'in 365 days', 'ymhen 365 diwrnod'],
      [1000, 'in 1,000 days', 'ymhen 1,000 diwrnod'],
    ];
    for (const [days, en, cy] of cases) {
      expect(formatRelativeDays(addDays(today, days), today, 'en')).toBe(en);
      expect(formatRelativeDays(addDays(today, days), today, 'cy')).toBe(cy);
    }
  });

  it('counts calendar days across months, years and leap days', () => {
    expect(formatRelativeDays('2028-03-01', '2028-02-28', 'en')).toBe('in 2 days'); // 29 February 2028
    expect(formatRelativeDays('2027-01-01', '2026-12-31', 'cy')).toBe('yfory');
    expect(formatRelativeDays('2026-03-30', '2026-03-28', 'en')).toBe('in 2 days'); // across the clock change
  });

  it('gives what Intl.RelativeTimeFormat (numeric: auto) gives, in English and Welsh, from −400 to 400 days', () => {
    const english = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
    const welsh = new Intl.RelativeTimeFormat('cy', { numeric: 'auto' });
    for (let days = -400; days <= 400; days += 1) {
      expect(formatRelativeDays(addDays('2026-06-01', days), '2026-06-01', 'en')).toBe(english.format(days, 'day'));
      expect(formatRelativeDays(addDays('2026-06-01', days), '2026-06-01', 'cy')).toBe(welsh.format(days, 'day'));
    }
  });

  it('gives back a bad date as it is', () => {
    expect(formatRelativeDays('2026-02-30', '2026-02-01', 'cy')).toBe('2026-02-30');
    expect(formatRelativeDays('2026-03-01', 'today', 'cy')).toBe('2026-03-01');
  });
});

describe('formatAgo and formatDuration', () => {
  it('write every Welsh plural category with CLDR\'s own forms (0, 1, 2, 3, 6, 7, 11, 100)', () => {
    expect(samples.map((n) => pluralCategory(n, 'cy'))).toEqual(['zero', 'one', 'two', 'few', 'many', 'other', 'other', 'other']);
    expect(samples.map((n) => formatDuration(n, 'year', 'cy'))).toEqual(['0 mlynedd', '1 flwyddyn', '2 flynedd', '3 blynedd', '6 blynedd', '7 mlynedd', '11 mlynedd', '100 mlynedd']);
    expect(samples.map((n) => formatDuration(n, 'day', 'cy'))).toEqual(['0 diwrnod', '1 diwrnod', '2 ddiwrnod', '3 diwrnod', '6 diwrnod', '7 diwrnod', '11 diwrnod', '100 diwrnod']);
    expect(samples.map((n) => formatDuration(n, 'minute', 'cy'))).toEqual(['0 munud', '1 munud', '2 funud', '3 munud', '6 munud', '7 munud', '11 munud', '100 munud']);
    expect(samples.map((n) => formatDuration(n, 'month', 'cy'))[2]).toBe('2 fis');
    expect(samples.map((n) => formatDuration(n, 'second', 'cy'))).toEqual(samples.map((n) => `${n} eiliad`));
    expect(samples.map((n) => formatAgo(n, 'day', 'cy'))).toEqual(['0 diwrnod yn ôl', '1 diwrnod yn ôl', '2 ddiwrnod yn ôl', '3 diwrnod yn ôl', '6 diwrnod yn ôl', '7 diwrnod yn ôl', '11 diwrnod yn ôl', '100 diwrnod yn ôl']);
    expect(formatAgo(2, 'hour', 'cy')).toBe('2 awr yn ôl');
  });

  it('writes English as before: "1 minute ago", "2 days ago", "30 seconds"', () => {
    expect(samples.map((n) => formatAgo(n, 'day', 'en'))).toEqual(samples.map((n) => `${n} ${n === 1 ? 'day' : 'days'} ago`));
    expect(formatAgo(1, 'minute', 'en')).toBe('1 minute ago');
    expect(formatDuration(30, 'second', 'en')).toBe('30 seconds');
    expect(formatDuration(1, 'week', 'en')).toBe('1 week');
    expect(formatDuration(1500, 'hour', 'en')).toBe('1,500 hours');
  });

  it('gives what Intl gives in en-GB and Welsh, for every unit and 0–200', () => {
    for (const unit of ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const) {
      const ago = { en: new Intl.RelativeTimeFormat('en-GB', { numeric: 'always' }), cy: new Intl.RelativeTimeFormat('cy', { numeric: 'always' }) };
      const length = { en: new Intl.NumberFormat('en-GB', { style: 'unit', unit, unitDisplay: 'long' }), cy: new Intl.NumberFormat('cy', { style: 'unit', unit, unitDisplay: 'long' }) };
      for (let n = 0; n <= 200; n += 1) {
        for (const lang of ['en', 'cy'] as const) {
          expect(formatAgo(n, unit, lang)).toBe(ago[lang].format(-n, unit));
          expect(formatDuration(n, unit, lang)).toBe(length[lang].format(n));
        }
      }
    }
  });
});

describe('formatWait', () => {
  it('says a wait in whole seconds up to two minutes, then whole minutes, rounded up, never 0', () => {
    expect(formatWait(30_000, 'en')).toBe('30 seconds');
    expect(formatWait(30_000, 'cy')).toBe('30 eiliad');
    expect(formatWait(29_001, 'cy')).toBe('30 eiliad');
    expect(formatWait(0, 'en')).toBe('1 second');
    expect(formatWait(1_000, 'cy')).toBe('1 eiliad');
    expect(formatWait(119_000, 'en')).toBe('119 seconds');
    expect(formatWait(120_000, 'en')).toBe('2 minutes');
    expect(formatWait(120_000, 'cy')).toBe('2 funud');
    expect(formatWait(15 * 60_000, 'cy')).toBe('15 munud');
  });
});

describe('formatNumber', () => {
  it('groups thousands and keeps up to 3 decimals, as CLDR says for both languages', () => {
    expect(formatNumber(85_000, 'en')).toBe('85,000');
    expect(formatNumber(85_000, 'cy')).toBe('85,000');
    expect(formatNumber(999, 'en')).toBe('999');
    expect(formatNumber(1000, 'cy')).toBe('1,000');
    expect(formatNumber(1_234_567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(0.0005, 'en')).toBe('0.001');
    expect(formatNumber(-42, 'cy')).toBe('-42');
    expect(formatNumber(1e21, 'en')).toBe('1,000,000,000,000,000,000,000');
    expect(formatNumber(Number.NaN, 'en')).toBe('NaN');
    expect(formatNumber(-Infinity, 'cy')).toBe('-∞');
  });

  it('gives what Intl.NumberFormat gives in en-GB and Welsh, for any number (randomized)', () => {
    const english = new Intl.NumberFormat('en-GB');
    const welsh = new Intl.NumberFormat('cy');
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ noNaN: true }), fc.constantFrom(0, -0, 0.5, 1.0005, 2.5e-7, 999.9995, -0.0004, 123456.789, 1e21, 1.5e300)), (n) => {
        expect(formatNumber(n, 'en')).toBe(english.format(n));
        expect(formatNumber(n, 'cy')).toBe(welsh.format(n));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('pluralCategory', () => {
  it('uses CLDR\'s rules, not the browser\'s, and reads visible decimals', () => {
    expect(pluralCategories('cy')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(pluralCategories('en')).toEqual(['one', 'other']);
    expect([0, 1, 2].map((n) => pluralCategory(n, 'en'))).toEqual(['other', 'one', 'other']);
    expect(pluralCategory('1.0', 'en')).toBe('other');
    expect(pluralCategory(1.5, 'cy')).toBe('other');
    expect(pluralCategory(5, 'cy', 'ordinal')).toBe('many');
    expect(pluralCategory(2, 'fr')).toBe('other'); // a language we have no rules for: English
  });

  it('agrees with Intl.PluralRules where Node has the data, for 0–1000', () => {
    for (const lang of ['en', 'cy']) {
      const native = new Intl.PluralRules(lang);
      for (let n = 0; n <= 1000; n += 1) expect(pluralCategory(n, lang)).toBe(native.select(n));
    }
  });
});

describe('a language with no data of its own', () => {
  it('is written in English, as a missing translation is', () => {
    expect(formatDate('2026-06-01', 'fr')).toBe('1 June 2026');
    expect(formatDate('2026-06-01', undefined)).toBe('1 June 2026');
    expect(formatWait(30_000, 'de')).toBe('30 seconds');
  });
});
