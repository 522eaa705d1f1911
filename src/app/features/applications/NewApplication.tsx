import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApplicationType } from '../../../domain/application.ts';
import { shortcutFor } from '../../../domain/application-shortcuts.ts';
import { applicationPath, newApplicationPath } from '../../later-paths.ts';
import { type ActivePerson, useSession } from '../../session/session-context.ts';
import { StoreDamageNotice } from '../../session/StoreDamageNotice.tsx';
import { Page } from '../../ui/Page.tsx';
import { AlreadyOpen, WhatHappensNext } from './AboutType.tsx';
import { ApplicationForm } from './ApplicationForm.tsx';
import { useApplications } from './data.ts';
import { type Draft, newDraftName, openOfType, toDraft } from './model.ts';

/** The form for one type of application (`/applications/new/<type>`, `?about=` from a shortcut). */
export function NewApplication({ person }: { person: ActivePerson }) {
  const parsed = ApplicationType.safeParse(useParams().type);
  if (!parsed.success) return <Navigate to={newApplicationPath()} replace />;
  return <NewApplicationOfType key={parsed.data} person={person} type={parsed.data} />;
}

type Start = { draft: Draft; from: 'draft' | 'shortcut' | 'nothing' };

function NewApplicationOfType({ person, type }: { person: ActivePerson; type: ApplicationType }) {
  const { t } = useTranslation('forms');
  const navigate = useNavigate();
  const { readDraft } = useSession();
  const [params] = useSearchParams();
  const about = params.get('about');
  const data = useApplications(person);
  const [start, setStart] = useState<Start | null>(null);

  // What was written before (even before an idle sign-out) comes back; otherwise a shortcut's
  // words and what it knows are written in; otherwise the form is empty.
  useEffect(() => {
    let live = true;
    const shortcut = shortcutFor(about);
    const fromShortcut: Start | null =
      shortcut && shortcut.type === type ? { draft: { type, fields: { ...(shortcut.fields ?? {}) }, details: t(`about.${shortcut.about}`) }, from: 'shortcut' } : null;
    const empty: Start = { draft: { type, fields: {}, details: '' }, from: 'nothing' };
    readDraft(newDraftName(type)).then(
      (value) => {
        const kept = toDraft(value, type);
        if (live) setStart(kept ? { draft: kept, from: 'draft' } : (fromShortcut ?? empty));
      },
      () => live && setStart(fromShortcut ?? empty),
    );
    return () => {
      live = false;
    };
  }, [readDraft, type, about, t]);

  const rows = data.state === 'ready' ? data.value.rows : [];
  const open = openOfType(rows, type);
  return (
    <Page title={t(`type.${type}`)}>
      <StoreDamageNotice person={person} />
      {open ? <AlreadyOpen row={open} /> : null}
      {start?.from === 'draft' ? <p className="govuk-inset-text">{t('form.draftKept')}</p> : null}
      {start?.from === 'shortcut' ? <p className="govuk-inset-text">{t('form.wordsWritten')}</p> : null}
      <WhatHappensNext type={type} />
      {start && data.state === 'ready' ? (
        <ApplicationForm
          initial={start.draft}
          draftName={newDraftName(type)}
          plan={data.value.plan}
          hasOpenOfType={(asked) => openOfType(data.value.rows, asked) !== null}
          onSent={(id) => void navigate(applicationPath(id), { state: { saved: true } })}
        />
      ) : null}
    </Page>
  );
}
