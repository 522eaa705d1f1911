import type { ApplicationStatus, ApplicationType } from '../../domain/application.ts';
import { isOpenStatus } from '../../domain/application.ts';
import { parseIsoDate, todayInLondon } from '../../format/index.ts';
import { londonDay } from '../ui/dates.ts';

/**
 * The usual reply time per type, in working days. Until the deployment's reply times reach the
 * console, every type has this one default.
 */
export const defaultReplyWorkingDays = 10;

export function usualReplyWorkingDays(_type: ApplicationType): number {
  return defaultReplyWorkingDays;
}

/**
 * Working days (Monday to Friday) from one UK calendar date to a later one: the day it came is
 * not counted, so an application from Friday is 1 working day old on Monday. Bank holidays are not
 * known here and count as working days.
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return 0;
  let day = Date.UTC(a.year, a.month - 1, a.day);
  const end = Date.UTC(b.year, b.month - 1, b.day);
  let count = 0;
  while (day < end) {
    day += 86_400_000;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}

export type ReplyClock = { workingDaysOld: number; usualWorkingDays: number; overdue: boolean };

/** How old an application is in working days, its usual reply time, and whether it looks overdue (still open and older). */
export function replyClock(application: { type: ApplicationType; status: ApplicationStatus; receivedAt: string }, now: number = Date.now()): ReplyClock {
  const workingDaysOld = workingDaysBetween(londonDay(application.receivedAt), todayInLondon(now));
  const usualWorkingDays = usualReplyWorkingDays(application.type);
  return { workingDaysOld, usualWorkingDays, overdue: isOpenStatus(application.status) && workingDaysOld > usualWorkingDays };
}
