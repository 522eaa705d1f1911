import { dateAfter, dateBefore, events, objectives, reviews, type DemoPerson } from '../build.ts';

/**
 * A life sentence with a 12-year tariff, getting near the parole eligibility date (in about two
 * and a half years). His last OASys review was three and a half years ago, so with the 3-year
 * cycle it looks about six months late; the pre-tariff sift review (2 years and 24 weeks before
 * the PED) is due in about two weeks. His finished goal is in "Done", not first.
 */
export const lifeSentence: DemoPerson = {
  prisonNumber: 'B2345CD',
  pin: '305716',
  displayName: 'Michael Evans',
  summary: 'life sentence, 12-year tariff',
  buildPlan({ personId, planId, today, now }) {
    const sentencedOn = dateBefore(today, { years: 9, months: 6 });
    const tariffExpiryDate = dateAfter(sentencedOn, { months: 144 });
    return {
      id: planId,
      personId,
      updatedAt: now,
      shareable: true,
      sentence: { type: 'indeterminate', sentencedOn, tariffMonths: 144 },
      rosh: 'high',
      keyDates: { tariffExpiryDate, paroleEligibilityDate: tariffExpiryDate },
      agreement: 'agreed',
      events: events([{ kind: 'transfer', on: dateAfter(sentencedOn, { years: 7 }) }]),
      reviews: reviews([
        { kind: 'initialOasys', on: dateAfter(sentencedOn, { weeks: 12 }), by: 'pom' },
        { kind: 'oasysReview', on: dateAfter(sentencedOn, { years: 3 }), by: 'pom' },
        { kind: 'oasysReview', on: dateAfter(sentencedOn, { years: 6 }), by: 'pom' },
        { kind: 'transfer', on: dateAfter(sentencedOn, { years: 7 }), by: 'pom' },
        { kind: 'sentencePlanReview', on: dateBefore(today, { months: 4 }), by: 'pom' },
      ]),
      objectives: objectives([
        {
          area: 'thinkingBehaviour',
          title: 'Finish the Kaizen course',
          measure: 'Your course tutors write that you have finished the course.',
          status: 'achieved',
          dueBy: dateAfter(sentencedOn, { years: 7 }),
          achievedOn: dateAfter(sentencedOn, { years: 6, months: 10 }),
          why: 'The course helps you understand your risk. The Parole Board will want to see that you finished it.',
          steps: [
            { description: 'Go to every Kaizen session.', actor: 'you', status: 'completed' },
            { description: 'Write the end of course report.', actor: 'psychologist', status: 'completed' },
          ],
        },
        {
          area: 'thinkingBehaviour',
          title: 'Spend time on a Progression PIPE unit',
          measure: 'You have lived on a PIPE unit for at least 6 months.',
          why: 'Living on a PIPE unit helps you use what you learnt on Kaizen in everyday life.',
          status: 'active',
          dueBy: dateAfter(today, { months: 12 }),
          outsideControl: 'There is a waiting list for places. Waiting for a place will not count against you.',
          steps: [
            { description: 'Talk to the psychologist about what a PIPE is like.', actor: 'you', status: 'completed' },
            { description: 'Send the referral to the PIPE team.', actor: 'pom', status: 'completed' },
            {
              description: 'Check with the security team before the move.',
              actor: 'other',
              status: 'notStarted',
              shareable: false,
            },
            { description: 'Move to the PIPE unit when a place is free.', actor: 'you', status: 'cannotBeDoneYet' },
          ],
        },
        {
          area: 'relationshipsCommunity',
          title: 'Build up contact with your family',
          measure: 'You have had a family visit every month for 6 months.',
          status: 'active',
          dueBy: dateAfter(today, { months: 8 }),
          steps: [
            { description: 'Send a visiting order to your sister.', actor: 'you', status: 'completed' },
            { description: 'Help set up a family day on the wing.', actor: 'keyWorker', status: 'inProgress' },
            { description: 'Go to the family day.', actor: 'you', status: 'notStarted' },
          ],
        },
        {
          area: 'employmentEducation',
          title: 'Keep your job as a peer mentor',
          measure: 'Your work report says you are doing well.',
          status: 'active',
          dueBy: dateAfter(today, { months: 6 }),
          steps: [{ description: 'Go to work every day you are asked to.', actor: 'you', status: 'inProgress' }],
        },
        {
          area: 'thinkingBehaviour',
          title: 'Get ready for your parole review',
          measure: 'Your parole papers are ready on time and you know what is in them.',
          why: 'The Parole Board decides if you can be released on licence. Being ready helps you take part.',
          status: 'future',
          dueBy: dateBefore(tariffExpiryDate, { months: 6 }),
          steps: [
            { description: 'Write a report about your risk.', actor: 'psychologist', status: 'notStarted' },
            { description: 'Write your report for the Parole Board.', actor: 'pom', status: 'notStarted' },
            { description: 'Read your parole papers with your POM.', actor: 'you', status: 'notStarted' },
          ],
        },
      ]),
    };
  },
};
