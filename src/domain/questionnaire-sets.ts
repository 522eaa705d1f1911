import type { QuestionSet } from './questionnaire.ts';

/**
 * The question sets of the self-assessment questionnaire (SAQ), as data. Only ids, order and
 * kinds live here; the words are in locales/<lng>/questionnaire.json under the set's id, written
 * for this product in plain words. A set is never changed once people have answered it: a changed
 * question is a new set (`saq-2`), and the old one stays here, so questionnaires sent under it can
 * still be read and checked. The answers carry the set's id.
 *
 * `saq-1`: the areas of need of a sentence plan (where I live; learning and work; money;
 * relationships; friends and free time; drugs; alcohol; feelings and health; how I think and act),
 * what I think about crime, then open questions: what I want to change, what would help, what
 * might get in the way, and what I want to work on (the person's own suggested goals).
 * Each statement is answered on one short scale; every statement may have a note.
 */
export const saq1 = {
  id: 'saq-1',
  scale: ['problem', 'sometimes', 'notAProblem', 'notSure'],
  sections: [
    { id: 'home', questions: [statement('home.placeToLive'), statement('home.keepingHome')] },
    { id: 'work', questions: [statement('work.readingWriting'), statement('work.findingWork'), statement('work.keepingWork')] },
    { id: 'money', questions: [statement('money.debts'), statement('money.makingItLast'), statement('money.crimeForMoney')] },
    { id: 'relationships', questions: [statement('relationships.family'), statement('relationships.partner'), statement('relationships.children')] },
    { id: 'lifestyle', questions: [statement('lifestyle.friends'), statement('lifestyle.nothingToDo'), statement('lifestyle.troublePlaces')] },
    { id: 'drugs', questions: [statement('drugs.using'), statement('drugs.stopping')] },
    { id: 'alcohol', questions: [statement('alcohol.drinking'), statement('alcohol.trouble')] },
    { id: 'wellbeing', questions: [statement('wellbeing.low'), statement('wellbeing.health'), statement('wellbeing.gettingHelp')] },
    { id: 'thinking', questions: [statement('thinking.temper'), statement('thinking.beforeActing'), statement('thinking.solvingProblems')] },
    { id: 'attitudes', questions: [statement('attitudes.otherPeople'), statement('attitudes.crimeIsOk'), statement('attitudes.canChange')] },
    {
      id: 'change',
      questions: [open('change.whatToChange'), open('change.whatWouldHelp'), open('change.whatGetsInTheWay'), open('change.workOn')],
    },
  ],
} as const satisfies QuestionSet;

function statement<const Id extends string>(id: Id) {
  return { id, kind: 'statement', required: true } as const;
}
function open<const Id extends string>(id: Id) {
  return { id, kind: 'open', required: false } as const;
}

/** Every set the app and the service know, by id. The newest is the one the app offers. */
export const questionSets: ReadonlyMap<string, QuestionSet> = new Map([[saq1.id, saq1]]);
export const currentQuestionSet: QuestionSet = saq1;
