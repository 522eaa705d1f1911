import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { QuestionSet } from '../../../domain/questionnaire.ts';
import { currentQuestionSet, questionSets } from '../../../domain/questionnaire-sets.ts';
import { useSession } from '../../session/session-context.ts';
import { draftName, emptyDraft, isEmpty, type QuestionnaireDraft, toDraft } from './draft.ts';

type Value = {
  set: QuestionSet;
  draft: QuestionnaireDraft;
  /** Shows and saves (sealed, at once) the draft as it is now. */
  update: (next: QuestionnaireDraft) => void;
};

const QuestionnaireContext = createContext<Value | null>(null);

export function useQuestionnaire(): Value {
  const value = useContext(QuestionnaireContext);
  if (!value) throw new Error('useQuestionnaire needs a QuestionnaireProvider.');
  return value;
}

/**
 * The self-assessment being filled in, shared by its pages: read once from the sealed draft, then
 * every answer written back at once (in order, behind earlier writes). A draft with no answers is
 * not kept (on a kiosk, nothing then holds the person's data there).
 */
export function QuestionnaireProvider({ children }: { children: ReactNode }) {
  const { readDraft, saveDraft } = useSession();
  const [draft, setDraft] = useState<QuestionnaireDraft | null>(null);
  useEffect(() => {
    let live = true;
    readDraft(draftName).then(
      (value) => live && setDraft(toDraft(value) ?? emptyDraft(currentQuestionSet)),
      () => live && setDraft(emptyDraft(currentQuestionSet)),
    );
    return () => {
      live = false;
    };
  }, [readDraft]);
  const update = useCallback(
    (next: QuestionnaireDraft) => {
      setDraft(next);
      void saveDraft(draftName, isEmpty(next) && !next.replaces ? null : next);
    },
    [saveDraft],
  );
  const value = useMemo(() => (draft ? { set: questionSets.get(draft.questionSet) ?? currentQuestionSet, draft, update } : null), [draft, update]);
  if (!value) return null;
  return <QuestionnaireContext.Provider value={value}>{children}</QuestionnaireContext.Provider>;
}
