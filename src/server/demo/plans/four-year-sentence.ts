import { dateAfter, dateBefore, events, objectives, reviews, type DemoPerson } from '../build.ts';

/**
 * A 4-year determinate sentence, about a year in: courses, education and drug work. He moved here
 * from another prison three weeks ago, so a review of his plan is due soon.
 */
export const fourYearSentence: DemoPerson = {
  prisonNumber: 'A1234BC',
  pin: '482913',
  displayName: 'Jamie Carter',
  summary: '4-year sentence',
  buildPlan({ personId, planId, today, now }) {
    const sentencedOn = dateBefore(today, { months: 14 });
    const releaseDate = dateAfter(sentencedOn, { months: 24 });
    const sentenceEnd = dateAfter(sentencedOn, { months: 48 });
    return {
      id: planId,
      personId,
      updatedAt: now,
      shareable: true,
      sentence: { type: 'determinate', sentencedOn, lengthMonths: 48 },
      rosh: 'medium',
      keyDates: { releaseDate, licenceExpiryDate: sentenceEnd, sentenceExpiryDate: sentenceEnd },
      agreement: 'agreed',
      events: events([{ kind: 'transfer', on: dateBefore(today, { weeks: 3 }) }]),
      reviews: reviews([
        { kind: 'initialOasys', on: dateAfter(sentencedOn, { weeks: 7 }), by: 'pom' },
        { kind: 'sentencePlanReview', on: dateAfter(sentencedOn, { weeks: 8 }), by: 'pom' },
        { kind: 'sentencePlanReview', on: dateBefore(today, { months: 2 }), by: 'pom' },
      ]),
      objectives: objectives([
        {
          area: 'thinkingBehaviour',
          title: 'Finish the Thinking Skills Programme',
          measure: 'You have been to every session and your tutor says you have finished.',
          why: 'The course helps you stop and think before you act, so you stay out of trouble.',
          status: 'active',
          dueBy: dateAfter(today, { months: 5 }),
          outsideControl: 'The course starts when there are enough places. If it starts late, that will not count against you.',
          steps: [
            { description: 'Go to the meeting about what the course is like.', actor: 'you', status: 'completed' },
            { description: 'Put your name down for the course.', actor: 'pom', status: 'completed' },
            { description: 'Go to every session.', actor: 'you', status: 'inProgress', dueBy: dateAfter(today, { months: 5 }) },
            { description: 'Write a short report on how the course went.', actor: 'other', status: 'notStarted' },
          ],
        },
        {
          area: 'employmentEducation',
          title: 'Get a level 1 English certificate',
          measure: 'You pass the level 1 English test.',
          why: 'Better reading and writing will help you get a job when you leave.',
          status: 'active',
          dueBy: dateAfter(today, { months: 4 }),
          steps: [
            { description: 'Go to English class three mornings a week.', actor: 'you', status: 'inProgress' },
            { description: 'Book a date for your test.', actor: 'education', status: 'notStarted', dueBy: dateAfter(today, { months: 3 }) },
          ],
        },
        {
          area: 'drugUse',
          title: 'Stay off drugs',
          measure: 'Your drug tests are clear for 6 months in a row.',
          status: 'active',
          dueBy: dateAfter(today, { months: 6 }),
          steps: [
            { description: 'Set up meetings with the drug and alcohol team.', actor: 'healthcare', status: 'completed' },
            { description: 'Meet your drug and alcohol worker every 2 weeks.', actor: 'you', status: 'inProgress' },
            { description: 'Take a drug test when you are asked.', actor: 'you', status: 'inProgress' },
          ],
        },
        {
          area: 'accommodation',
          title: 'Have a safe place to live when you leave',
          measure: 'You have an address that your probation officer says is OK.',
          status: 'future',
          dueBy: dateBefore(releaseDate, { months: 2 }),
          steps: [
            { description: 'Tell your POM where you hope to live.', actor: 'you', status: 'notStarted' },
            { description: 'Check that the address is safe and suitable.', actor: 'com', status: 'notStarted' },
          ],
        },
      ]),
    };
  },
};
