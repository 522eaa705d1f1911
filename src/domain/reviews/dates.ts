import { addDuration, type Duration } from '../policy.ts';

/** Calendar dates as YYYY-MM-DD: they sort as text, so comparing them needs no Date. */
export type IsoDay = string;

export const after = (date: IsoDay, duration: Duration): IsoDay => addDuration(date, duration, 1);
export const before = (date: IsoDay, duration: Duration): IsoDay => addDuration(date, duration, -1);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: IsoDay, to: IsoDay): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The latest of some dates, or undefined when there are none. */
export function latest(dates: readonly IsoDay[]): IsoDay | undefined {
  let out: IsoDay | undefined;
  for (const date of dates) if (out === undefined || date > out) out = date;
  return out;
}
