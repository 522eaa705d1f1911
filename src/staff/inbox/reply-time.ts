import type { ApplicationStatus, ApplicationType } from '../../domain/application.ts';
import { isOpenStatus } from '../../domain/application.ts';
import { isBankHoliday } from '../../domain/bank-holidays.ts';
import { defaultReplyTimes, type ReplyTime } from '../../domain/reply-times.ts';
import { parseIsoDate, todayInLondon } from '../../format/index.ts';
import { useStaffSession } from '../session/session-context.ts';
import { londonDay } from '../ui/dates.ts';
import { useLoaded } from '../ui/use-loaded.ts';

export type ReplyTimes = Readonly<Record<ApplicationType, ReplyTime>>;

/**
 * The deployment's usual reply time per type (GET reply-times: REPLY_TIMES over the defaults).
 * Until it has come, or if it cannot be had, the defaults, which the page says are the usual times.
 */
export function useReplyTimes(): ReplyTimes {
  const { api } = useStaffSession();
  const loaded = useLoaded(() => api.replyTimes(), 'reply-times');
  return loaded.state === 'ready' ? loaded.data : defaultReplyTimes;
}

/**
 * Working days (Monday to Friday, not bank holidays in England and Wales) from one UK calendar
 * date to a later one: the day it came is not counted, so an application from Friday is 1 working
 * day old on Monday, and on the Tuesday after an Easter Monday.
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
    const date = new Date(day);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isBankHoliday(date.toISOString().slice(0, 10))) count += 1;
  }
  return count;
}

export type ReplyClock = { workingDaysOld: number; usualWorkingDays: number; overdue: boolean };

/** How old an application is in working days, its usual reply time, and whether it looks overdue (still open and older). */
export function replyClock(
  application: { type: ApplicationType; status: ApplicationStatus; receivedAt: string },
  times: ReplyTimes = defaultReplyTimes,
  now: number = Date.now(),
): ReplyClock {
  const workingDaysOld = workingDaysBetween(londonDay(application.receivedAt), todayInLondon(now));
  const usualWorkingDays = times[application.type].workingDays;
  return { workingDaysOld, usualWorkingDays, overdue: isOpenStatus(application.status) && workingDaysOld > usualWorkingDays };
}
