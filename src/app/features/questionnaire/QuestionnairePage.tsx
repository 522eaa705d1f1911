import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { RequireSignIn } from '../../session/SignInPrompt.tsx';
import { CheckPage } from './CheckPage.tsx';
import { QuestionnaireProvider } from './context.tsx';
import { PartPage, QuestionScreen } from './QuestionPages.tsx';
import { SentView } from './SentView.tsx';
import { StartPage } from './StartPage.tsx';
import './questionnaire.scss';

/**
 * The self-assessment questionnaire (`/questionnaire/…`): the start, one question at a time or a
 * whole part on a page (the person chooses), the check page, and the ones already sent.
 */
export function QuestionnairePage() {
  const { t } = useTranslation('forms');
  return (
    <RequireSignIn title={t('questionnaire.title')}>
      {(person) => (
        <QuestionnaireProvider>
          <Routes>
            <Route index element={<StartPage person={person} />} />
            <Route path="part/:section" element={<PartPage />} />
            <Route path="part/:section/:n" element={<QuestionScreen />} />
            <Route path="check" element={<CheckPage />} />
            <Route path="sent/:id" element={<SentView person={person} />} />
          </Routes>
        </QuestionnaireProvider>
      )}
    </RequireSignIn>
  );
}
