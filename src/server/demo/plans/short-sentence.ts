import { dateAfter, dateBefore, objectives, reviews, type DemoPerson } from '../build.ts';

/** An 8-month sentence, a few weeks in: the plan is about getting ready to leave. */
export const shortSentence: DemoPerson = {
  prisonNumber: 'C3456DE',
  pin: '917240',
  displayName: 'Chloe Ward',
  summary: '8-month sentence',
  buildPlan({ personId, planId, today, now }) {
    const sentencedOn = dateBefore(today, { weeks: 5 });
    const releaseDate = dateAfter(sentencedOn, { months: 4 });
    const sentenceEnd = dateAfter(sentencedOn, { months: 8 });
    return {
      id: planId,
      personId,
      updatedAt: now,
      shareable: true,
      sentence: { type: 'determinate', sentencedOn, lengthMonths: 8 },
      rosh: 'low',
      keyDates: {
        releaseDate,
        homeDetentionCurfewEligibilityDate: dateAfter(sentencedOn, { months: 2 }),
        licenceExpiryDate: sentenceEnd,
        sentenceExpiryDate: sentenceEnd,
      },
      agreement: 'notAskedYet',
      reviews: reviews([{ kind: 'sentencePlanReview', on: dateAfter(sentencedOn, { weeks: 2 }), by: 'com' }]),
      objectives: objectives([
        {
          area: 'accommodation',
          title: 'Have somewhere safe to live when you leave',
          measure: 'You have an address to go to on the day you leave.',
          why: 'Having somewhere to live makes it much easier to keep to your licence and find work.',
          status: 'active',
          dueBy: dateBefore(releaseDate, { weeks: 3 }),
          outsideControl: 'The council decides who gets a home. If there is no place yet, that will not count against you.',
          steps: [
            { description: 'Fill in the housing form with the housing worker.', actor: 'you', status: 'completed' },
            { description: 'Send the housing form to the council.', actor: 'other', status: 'inProgress' },
            { description: 'Tell the council the date you leave.', actor: 'com', status: 'notStarted' },
          ],
        },
        {
          area: 'alcoholUse',
          title: 'Make a plan to stay off alcohol after you leave',
          measure: 'You have a written plan and the name of a support group near where you will live.',
          status: 'active',
          dueBy: dateBefore(releaseDate, { weeks: 2 }),
          steps: [
            { description: 'Meet the alcohol worker every week.', actor: 'you', status: 'inProgress' },
            { description: 'Find a support group near where you will live.', actor: 'healthcare', status: 'notStarted' },
          ],
        },
        {
          area: 'finances',
          title: 'Have ID and a bank account ready',
          measure: 'You have a bank account you can use on the day you leave.',
          status: 'active',
          dueBy: dateBefore(releaseDate, { weeks: 1 }),
          steps: [
            { description: 'Ask for a copy of your birth certificate.', actor: 'you', status: 'completed' },
            { description: 'Help you open a bank account.', actor: 'education', status: 'notStarted' },
            { description: 'Claim Universal Credit. You can only do this when you leave.', actor: 'you', status: 'cannotBeDoneYet' },
          ],
        },
      ]),
    };
  },
};
