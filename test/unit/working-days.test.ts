import { describe, expect, it } from 'vitest';
import { bankHolidaysKnownUntil, englandAndWalesBankHolidays, isBankHoliday } from '../../src/domain/bank-holidays.ts';
import { replyClock, workingDaysBetween } from '../../src/staff/inbox/reply-time.ts';

describe('working days for the OMU’s reply times', () => {
  it('counts Monday to Friday, not the day it came', () => {
    expect(workingDaysBetween('2026-03-13', '2026-03-16')).toBe(1); // Friday to Monday
    expect(workingDaysBetween('2026-03-16', '2026-03-16')).toBe(0);
    expect(workingDaysBetween('2026-03-02', '2026-03-20')).toBe(14);
  });

  it('leaves out bank holidays in England and Wales, substitute days too', () => {
    // Maundy Thursday to the Tuesday after Easter Monday 2026: Good Friday and Easter Monday are not worked.
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
    // Christmas 2026: the 25th is a Friday, Boxing Day a Saturday, so Monday the 28th is off too.
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(1);
    // New Year 2028 falls on a Saturday: Monday 3 January is the bank holiday.
    expect(workingDaysBetween('2027-12-31', '2028-01-04')).toBe(1);
  });

  it('an application from before Easter is not overdue for days nobody worked', () => {
    const application = { type: 'seeMyPom' as const, status: 'received' as const, receivedAt: '2026-04-01T10:00:00.000Z' };
    const times = { seeMyPom: { workingDays: 3 } } as Parameters<typeof replyClock>[1];
    // Thursday 2, (Good Friday), (Easter Monday), Tuesday 7, Wednesday 8: 3 working days, not 5.
    expect(replyClock(application, times, Date.parse('2026-04-08T12:00:00.000Z'))).toEqual({ workingDaysOld: 3, usualWorkingDays: 3, overdue: false });
  });

  it('holds only weekdays, in order, eight a year, up to the last year it knows', () => {
    for (const date of englandAndWalesBankHolidays) {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      expect(weekday, date).not.toBe(0);
      expect(weekday, date).not.toBe(6);
    }
    expect([...englandAndWalesBankHolidays].sort()).toEqual(englandAndWalesBankHolidays);
    const years = Map.groupBy(englandAndWalesBankHolidays, (date) => date.slice(0, 4));
    for (const [year, dates] of years) expect(dates, year).toHaveLength(8);
    expect(englandAndWalesBankHolidays.at(-1)! <= bankHolidaysKnownUntil).toBe(true);
    expect(isBankHoliday('2026-12-25')).toBe(true);
    expect(isBankHoliday('2026-12-26')).toBe(false);
  });
});
