import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../../domain/plan-summary.ts';
import { reviewTitle } from './review-words.ts';

/** What a timeline entry is, in the app's words (a goal done is followed by its title, in staff's words). */
export function entryLabel(t: TFunction<'plan'>, entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'keyDate':
      return t(`keyDates.${entry.name}`);
    case 'reviewDone':
      return t('timeline.reviewDone', { kind: t(`reviewKind.${entry.review.kind}`), who: t(`reviewBy.${entry.review.by}`) });
    case 'reviewDue':
      return reviewTitle(t, entry.due);
    case 'event':
      return t(`event.${entry.event.kind}`);
    case 'goalDone':
      return t('timeline.goalDone');
  }
}

/** A key for an entry, the same every render (for React and for read-aloud blocks). */
export function entryKey(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'keyDate':
      return `date.${entry.name}`;
    case 'reviewDone':
      return `done.${entry.review.id}`;
    case 'reviewDue':
      return `due.${entry.due.rule}`;
    case 'event':
      return `event.${entry.event.id}`;
    case 'goalDone':
      return `goal.${entry.objective.id}`;
  }
}
