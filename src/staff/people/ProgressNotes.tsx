import { useTranslation } from 'react-i18next';
import type { StaffPersonDetail } from '../../domain/staff-people.ts';
import { useStaffSession } from '../session/session-context.ts';
import { formatDateTime } from '../ui/dates.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoaded } from '../ui/use-loaded.ts';

/** What the person has written about their goals ("what I have done"), by goal in plan order, oldest first. Read only. */
export function ProgressNotes({ person }: { person: StaffPersonDetail }) {
  const { t, i18n } = useTranslation('staff');
  const { api } = useStaffSession();
  const loaded = useLoaded(() => api.progressNotes(person.prisonNumber), person.prisonNumber);
  const steps = new Map((person.plan?.plan.objectives ?? []).flatMap((objective) => objective.steps.map((step) => [step.id, step.description] as const)));
  return (
    <section aria-labelledby="progress-notes-heading">
      <h2 className="govuk-heading-m" id="progress-notes-heading">
        {t('progressNotes.title')}
      </h2>
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' ? (
        loaded.data.objectives.length === 0 ? (
          <p className="govuk-body">{t('progressNotes.none')}</p>
        ) : (
          loaded.data.objectives.map((goal) => (
            <div key={goal.objectiveId} className="staff-thread">
              <h3 className="govuk-heading-s">{goal.title ?? t('progressNotes.goalGone')}</h3>
              <ol className="govuk-list">
                {goal.notes.map((note) => (
                  <li key={note.id} className="staff-thread__message">
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      {t('progressNotes.written', { when: formatDateTime(note.createdAt, i18n.language) })}
                      {note.stepId && steps.get(note.stepId) ? ` ${t('progressNotes.aboutStep', { step: steps.get(note.stepId) })}` : null}
                    </p>
                    <p className="govuk-body staff-written">{note.text}</p>
                  </li>
                ))}
              </ol>
            </div>
          ))
        )
      ) : null}
    </section>
  );
}
