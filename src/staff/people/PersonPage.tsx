import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { StaffPersonDetail, StaffPersonSummary } from '../../domain/staff-people.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { Select } from '../../ui/Select.tsx';
import { SuccessBanner } from '../ui/Banner.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { may } from '../permissions.ts';
import { useSignedIn, useStaffSession } from '../session/session-context.ts';
import { formatDate, formatDateTime } from '../ui/dates.ts';
import { failureText, useFormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';
import { OneTimePin } from './OneTimePin.tsx';
import { ProgressNotes } from './ProgressNotes.tsx';
import { knownPoms } from './poms.ts';
import { ReviewDates } from './ReviewDates.tsx';
import { keyDateNames } from './sentence-form.ts';

/** One person: their facts, their PIN, their plan's newest version, and their audit trail. */
export function PersonPage() {
  const { t } = useTranslation('staff');
  const { prisonNumber = '' } = useParams();
  const { api } = useStaffSession();
  const loaded = useLoaded(() => api.getPerson(prisonNumber), prisonNumber);
  return (
    <StaffPage title={loaded.state === 'ready' ? loaded.data.displayName : t('person.titleLoading')} caption={loaded.state === 'ready' ? loaded.data.prisonNumber : undefined}>
      <p className="govuk-body">
        <Link className="govuk-link" to="/people">
          {t('person.back')}
        </Link>
      </p>
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' ? <PersonView person={loaded.data} onChanged={loaded.reload} onUpdated={(summary) => loaded.set({ ...loaded.data, ...summary })} /> : null}
    </StaffPage>
  );
}

function PersonView({ person, onChanged, onUpdated }: { person: StaffPersonDetail; onChanged: () => void; onUpdated: (summary: StaffPersonSummary) => void }) {
  const { t, i18n } = useTranslation('staff');
  const lang = i18n.language;
  const info = useSignedIn();
  const plan = person.plan;
  const savedBy = plan
    ? plan.savedBy.kind === 'staff'
      ? plan.savedBy.displayName
      : plan.savedBy.kind === 'system'
        ? t('person.bySystem', { name: plan.savedBy.name })
        : t('person.byService')
    : '';
  return (
    <>
      <SummaryList
        rows={[
          { key: t('person.prisonNumber'), value: person.prisonNumber },
          { key: t('person.pom'), value: person.pomName ?? t('people.noPom') },
          { key: t('person.enrolled'), value: formatDate(person.enrolledAt, lang) },
          { key: t('person.pin'), value: person.mustChangePin ? <Tag text={t('people.pinOneTime')} colour="yellow" /> : <Tag text={t('people.pinOwn')} colour="green" /> },
          {
            key: t('person.openApplications'),
            value: (
              <Link className="govuk-link" to="/applications">
                {t('person.openCount', { count: person.openApplications })}
              </Link>
            ),
          },
        ]}
      />
      <h2 className="govuk-heading-m">{t('person.planTitle')}</h2>
      {plan ? (
        <>
          <SummaryList
            rows={[
              { key: t('person.planVersion'), value: String(plan.version) },
              { key: t('person.planSaved'), value: t('person.savedByOn', { who: savedBy, when: formatDateTime(plan.savedAt, lang) }) },
              { key: t('person.goals'), value: t('person.goalCount', { count: plan.plan.objectives.length }) },
              { key: t('person.shared'), value: plan.plan.shareable ? t('person.sharedYes') : t('person.sharedNo') },
              { key: t('sentence.title'), value: `${t(`sentence.${plan.plan.sentence.type}`)}, ${formatDate(plan.plan.sentence.sentencedOn, lang)}` },
              ...keyDateNames.filter((name) => plan.plan.keyDates[name]).map((name) => ({ key: t(`keyDates.${name}`), value: formatDate(plan.plan.keyDates[name]!, lang) })),
            ]}
          />
        </>
      ) : (
        <p className="govuk-body">{t('person.noPlan')}</p>
      )}
      {plan ? <ReviewDates record={plan.plan} /> : null}
      <p className="govuk-body">
        <Link className="govuk-button" to={`/people/${person.prisonNumber}/plan`}>
          {t('person.editPlan')}
        </Link>
      </p>
      <ProgressNotes person={person} />
      {may.enrol(info.member.role) ? <ChangePom person={person} onUpdated={onUpdated} /> : null}
      {may.resetPin(info.member.role) ? <ResetPin person={person} onChanged={onChanged} /> : null}
      {may.audit(info.member.role) ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/audit?personId=${person.personId}&name=${encodeURIComponent(person.displayName)}`}>
            {t('person.trail', { name: person.displayName })}
          </Link>
        </p>
      ) : null}
    </>
  );
}

function ResetPin({ person, onChanged }: { person: StaffPersonDetail; onChanged: () => void }) {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const [asking, setAsking] = useState(false);
  const [pin, setPin] = useState<string | null>(null);
  const form = useFormErrors();
  const reset = async () => {
    try {
      const answer = await api.resetPin(person.prisonNumber);
      setPin(answer.oneTimePin);
      setAsking(false);
      form.clear();
    } catch (error) {
      form.show([{ fieldId: 'reset-pin-yes', text: failureText(t, error) }]);
    }
  };
  return (
    <section className="staff-section" aria-labelledby="reset-pin-heading">
      <h2 className="govuk-heading-m" id="reset-pin-heading">
        {t('resetPin.title')}
      </h2>
      {pin ? (
        <>
          <OneTimePin pin={pin} name={person.displayName} prisonNumber={person.prisonNumber} />
          <Button
            variant="secondary"
            onClick={() => {
              setPin(null);
              onChanged();
            }}
          >
            {t('resetPin.done')}
          </Button>
        </>
      ) : asking ? (
        <>
          <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
          <p className="govuk-body">{t('resetPin.confirmText', { name: person.displayName })}</p>
          <div className="govuk-button-group">
            <Button id="reset-pin-yes" variant="warning" onClick={() => void reset()}>
              {t('resetPin.confirmYes')}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t('resetPin.confirmNo')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="govuk-body">{t('resetPin.text')}</p>
          <Button variant="secondary" onClick={() => setAsking(true)}>
            {t('resetPin.start')}
          </Button>
        </>
      )}
    </section>
  );
}

/** OMU and admin: allocate the person to a POM of the prison, or to nobody yet. */
function ChangePom({ person, onUpdated }: { person: StaffPersonDetail; onUpdated: (summary: StaffPersonSummary) => void }) {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const poms = useLoaded(() => knownPoms(api).catch(() => []), 'poms');
  const [chosen, setChosen] = useState(person.pomStaffId ?? '');
  const [done, setDone] = useState<string | null>(null);
  const form = useFormErrors();
  const options = poms.state === 'ready' ? poms.data : [];
  // The person's own POM is always a choice, even when the list cannot show them.
  const withCurrent = person.pomStaffId && person.pomName && !options.some((o) => o.value === person.pomStaffId) ? [{ value: person.pomStaffId, label: person.pomName }, ...options] : options;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const changed = await api.allocatePom(person.prisonNumber, chosen || null);
      form.clear();
      setDone(changed.pomName ?? t('people.noPom'));
      onUpdated(changed);
    } catch (error) {
      setDone(null);
      form.show([{ fieldId: 'change-pom', text: failureText(t, error) }]);
    }
  };
  return (
    <form className="staff-section" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="change-pom-heading">
      <h2 className="govuk-heading-m" id="change-pom-heading">
        {t('changePom.title')}
      </h2>
      {done ? <SuccessBanner title={t('changePom.done', { name: done })} /> : null}
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <Select id="change-pom" label={t('changePom.label')} value={chosen} onChange={setChosen} placeholder={t('people.noPom')} options={withCurrent} error={form.of('change-pom')} errorPrefix={t('form.errorPrefix')} />
      <Button type="submit" variant="secondary">
        {t('changePom.submit')}
      </Button>
    </form>
  );
}
