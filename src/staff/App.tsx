import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { HomePage } from './HomePage.tsx';
import { ApplicationPage } from './inbox/ApplicationPage.tsx';
import { InboxPage } from './inbox/InboxPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { ChangePasswordPage } from './session/ChangePasswordPage.tsx';
import { IdleWarning } from './session/IdleWarning.tsx';
import { useStaffSession } from './session/session-context.ts';
import { SignInPage } from './session/SignInPage.tsx';
import { TimedOutPage } from './session/TimedOutPage.tsx';
import { Shell } from './ui/Shell.tsx';
import { AccountsPage } from './admin/AccountsPage.tsx';
import { AddAccountPage } from './admin/AddAccountPage.tsx';
import { SystemsPage } from './admin/SystemsPage.tsx';
import { AddSystemPage } from './admin/AddSystemPage.tsx';
import { PeoplePage } from './people/PeoplePage.tsx';
import { EnrolPage } from './people/EnrolPage.tsx';
import { PersonPage } from './people/PersonPage.tsx';
import { QuestionnairesPage } from './questionnaires/QuestionnairesPage.tsx';
import { QuestionnairePage } from './questionnaires/QuestionnairePage.tsx';
import { AuditPage } from './audit/AuditPage.tsx';

// The plan editor is the biggest screen: its code comes when it is opened.
const PlanEditorPage = lazy(() => import('./plan/PlanEditorPage.tsx').then((m) => ({ default: m.PlanEditorPage })));

/** The console: sign-in until someone is signed in, the forced password change, then every screen. */
export function App() {
  const { t } = useTranslation('staff');
  const { state } = useStaffSession();
  let content;
  if (state.kind === 'loading') content = <p className="govuk-body">{t('app.loading')}</p>;
  else if (state.kind === 'signedOut') content = state.why === 'timedOut' ? <TimedOutPage /> : <SignInPage />;
  else if (state.info.mustChangePassword) content = <ChangePasswordPage />;
  else
    content = (
      <>
        <IdleWarning />
        <Suspense fallback={<p className="govuk-body">{t('app.loading')}</p>}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/password" element={<ChangePasswordPage />} />
            <Route path="/people" element={<PeoplePage />} />
            <Route path="/people/new" element={<EnrolPage />} />
            <Route path="/people/:prisonNumber" element={<PersonPage />} />
            <Route path="/people/:prisonNumber/plan" element={<PlanEditorPage />} />
            <Route path="/applications" element={<InboxPage />} />
            <Route path="/applications/:id" element={<ApplicationPage />} />
            <Route path="/questionnaires" element={<QuestionnairesPage />} />
            <Route path="/questionnaires/:id" element={<QuestionnairePage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/accounts" element={<AccountsPage />} />
            <Route path="/accounts/new" element={<AddAccountPage />} />
            <Route path="/systems" element={<SystemsPage />} />
            <Route path="/systems/new" element={<AddSystemPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </>
    );
  return <Shell>{content}</Shell>;
}
