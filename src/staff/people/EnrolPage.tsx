import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EnrolPersonRequest, type EnrolPersonResponse } from '../../domain/staff-people.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, type ErrorItem } from '../../ui/ErrorSummary.tsx';
import { Select } from '../../ui/Select.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import { NotAllowed } from '../admin/AccountsPage.tsx';
import { StaffApiFailure } from '../api/client.ts';
import { may } from '../permissions.ts';
import { useSignedIn, useStaffSession } from '../session/session-context.ts';
import { failureItem, useFormErrors } from '../ui/form-errors.ts';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';
import { OneTimePin } from './OneTimePin.tsx';
import { knownPoms } from './poms.ts';
import {
  emptyKeyDates,
  emptyMappa,
  emptySentence,
  keyDatesFromDraft,
  mappaFromDraft,
  sentenceFieldId,
  sentenceFromDraft,
} from './sentence-form.ts';
import { SentenceFields } from './SentenceFields.tsx';

const topFields: Record<string, string> = { prisonNumber: 'prison-number', displayName: 'display-name', pomStaffId: 'pom' };

/** Which message each field's problem gets (`enrol.errors.<key>`). */
function messageKey(fieldId: string): string {
  if (fieldId.startsWith('key-')) return 'keyDate';
  return fieldId;
}

/** Enrol a person in the member's prison: prison number, name, POM, sentence facts, key dates, MAPPA; then their one-time PIN. */
export function EnrolPage() {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const info = useSignedIn();
  const [prisonNumber, setPrisonNumber] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [pom, setPom] = useState('');
  const [sentence, setSentence] = useState(emptySentence);
  const [keyDates, setKeyDates] = useState(emptyKeyDates);
  const [mappa, setMappa] = useState(emptyMappa);
  const [enrolled, setEnrolled] = useState<EnrolPersonResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const poms = useLoaded(() => knownPoms(api).catch(() => []), 'poms');
  if (!may.enrol(info.member.role)) return <NotAllowed />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = {
      prisonNumber,
      displayName,
      pomStaffId: pom || null,
      sentence: sentenceFromDraft(sentence),
      keyDates: keyDatesFromDraft(keyDates),
      ...(mappaFromDraft(mappa) ? { mappa: mappaFromDraft(mappa) } : {}),
    };
    const parsed = EnrolPersonRequest.safeParse(request);
    if (!parsed.success) {
      const problems: ErrorItem[] = [];
      for (const issue of parsed.error.issues) {
        const fieldId = topFields[String(issue.path[0])] ?? sentenceFieldId(issue.path) ?? 'prison-number';
        if (problems.some((p) => p.fieldId === fieldId)) continue;
        problems.push({ fieldId, text: t(`enrol.errors.${messageKey(fieldId)}` as 'enrol.errors.keyDate') });
      }
      return form.show(problems);
    }
    setBusy(true);
    try {
      setEnrolled(await api.enrol(parsed.data));
      form.clear();
    } catch (error) {
      form.show([
        error instanceof StaffApiFailure && error.code === 'prisonNumberTaken'
          ? { fieldId: 'prison-number', text: t('errors.prisonNumberTaken') }
          : failureItem(t, error, { ...topFields, 'sentence.sentencedOn': 'sentenced-on', 'sentence.type': 'sentence-type' }, 'prison-number'),
      ]);
    } finally {
      setBusy(false);
    }
  };

  if (enrolled) {
    return (
      <StaffPage title={t('enrol.doneTitle', { name: enrolled.person.displayName })}>
        <OneTimePin pin={enrolled.oneTimePin} name={enrolled.person.displayName} prisonNumber={enrolled.person.prisonNumber} />
        <p className="govuk-body">
          <Link className="govuk-link" to={`/people/${enrolled.person.prisonNumber}`}>
            {t('enrol.openPerson', { name: enrolled.person.displayName })}
          </Link>
        </p>
      </StaffPage>
    );
  }

  return (
    <StaffPage title={t('enrol.title')}>
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextInput id="prison-number" label={t('enrol.prisonNumber')} hint={t('enrol.prisonNumberHint')} value={prisonNumber} onChange={setPrisonNumber} autoComplete="off" spellCheck={false} width="govuk-input--width-10" error={form.of('prison-number')} errorPrefix={t('form.errorPrefix')} />
        <TextInput id="display-name" label={t('enrol.displayName')} hint={t('enrol.displayNameHint')} value={displayName} onChange={setDisplayName} autoComplete="off" error={form.of('display-name')} errorPrefix={t('form.errorPrefix')} />
        <Select id="pom" label={t('enrol.pom')} hint={t('enrol.pomHint')} value={pom} onChange={setPom} placeholder={t('enrol.noPom')} options={poms.state === 'ready' ? poms.data : []} error={form.of('pom')} errorPrefix={t('form.errorPrefix')} />
        <SentenceFields sentence={sentence} keyDates={keyDates} mappa={mappa} onSentence={setSentence} onKeyDates={setKeyDates} onMappa={setMappa} errorOf={form.of} />
        <Button type="submit" disabled={busy}>
          {t('enrol.submit')}
        </Button>
      </form>
    </StaffPage>
  );
}
