import { dateAfter, dateBefore, events, objectives, reviews, type DemoPerson } from '../build.ts';

/** A 6-year sentence managed under MAPPA level 2, five months before release. */
export const mappaLevelTwo: DemoPerson = {
  prisonNumber: 'D4567EF',
  pin: '628451',
  displayName: 'Ryan Lewis',
  summary: 'MAPPA level 2, release in 5 months',
  buildPlan({ personId, planId, today, now }) {
    const sentencedOn = dateBefore(today, { months: 31 });
    const releaseDate = dateAfter(sentencedOn, { months: 36 });
    const sentenceEnd = dateAfter(sentencedOn, { months: 72 });
    return {
      id: planId,
      personId,
      updatedAt: now,
      shareable: true,
      sentence: { type: 'determinate', sentencedOn, lengthMonths: 72 },
      mappa: { category: 2, level: 2 },
      rosh: 'high',
      keyDates: { releaseDate, licenceExpiryDate: sentenceEnd, sentenceExpiryDate: sentenceEnd },
      agreement: 'notAgreed',
      // Not shareable: the event behind the hidden review below never reaches the device either.
      events: events([{ kind: 'significantEvent', on: dateBefore(today, { months: 2, weeks: 1 }), shareable: false }]),
      reviews: reviews([
        { kind: 'initialOasys', on: dateAfter(sentencedOn, { weeks: 8 }), by: 'pom' },
        { kind: 'sentencePlanReview', on: dateAfter(sentencedOn, { months: 12 }), by: 'pom' },
        { kind: 'oasysReview', on: dateAfter(sentencedOn, { months: 24 }), by: 'pom' },
        { kind: 'significantEvent', on: dateBefore(today, { months: 2 }), by: 'pom', shareable: false },
        { kind: 'preRelease', on: dateBefore(today, { weeks: 3 }), by: 'com' },
      ]),
      objectives: objectives([
        {
          area: 'thinkingBehaviour',
          title: 'Finish a course about violence',
          measure: 'Your tutor says you have finished, and you can explain your plan to stay calm.',
          status: 'active',
          dueBy: dateBefore(releaseDate, { months: 1 }),
          steps: [
            { description: 'Go to every course session.', actor: 'you', status: 'inProgress' },
            { description: 'Meet your POM each month to talk about the course.', actor: 'you', status: 'inProgress' },
            { description: 'Send the course report to your probation officer.', actor: 'pom', status: 'notStarted' },
          ],
        },
        {
          area: 'relationshipsCommunity',
          title: 'Agree the exclusion zone with the victim liaison officer',
          measure: 'The MAPPA meeting has agreed the zone and it is in the licence.',
          status: 'active',
          dueBy: dateBefore(releaseDate, { months: 2 }),
          shareable: false,
          steps: [{ description: 'Bring the victim liaison report to the MAPPA meeting.', actor: 'com', status: 'inProgress' }],
        },
        {
          area: 'accommodation',
          title: 'Move into approved premises when you leave',
          measure: 'You have a room at approved premises from the day you leave.',
          why: 'Living at approved premises is part of your licence. It gives you support when you first leave.',
          status: 'active',
          dueBy: dateBefore(releaseDate, { months: 1 }),
          outsideControl: 'The approved premises team decides where you go and when. Waiting for them will not count against you.',
          steps: [
            { description: 'Ask for a place at approved premises.', actor: 'com', status: 'completed' },
            { description: 'Go through the approved premises rules with you.', actor: 'com', status: 'inProgress' },
            { description: 'Visit the approved premises on a day out.', actor: 'you', status: 'cannotBeDoneYet' },
          ],
        },
        {
          area: 'thinkingBehaviour',
          title: 'Understand your licence rules',
          measure: 'You can tell your probation officer what each rule means in your own words.',
          status: 'active',
          dueBy: dateBefore(releaseDate, { weeks: 2 }),
          steps: [
            { description: 'Explain each licence rule in plain words.', actor: 'com', status: 'notStarted' },
            { description: 'Read the licence rules with your probation officer.', actor: 'you', status: 'notStarted' },
          ],
        },
        {
          area: 'employmentEducation',
          title: 'Find work after you leave',
          measure: 'You have a job interview or a start date for a job.',
          status: 'future',
          dueBy: dateAfter(releaseDate, { months: 3 }),
          steps: [
            { description: 'Finish the forklift truck course.', actor: 'you', status: 'inProgress' },
            { description: 'Work in the kitchen to get a food safety certificate.', actor: 'you', status: 'noLongerNeeded' },
          ],
        },
      ]),
    };
  },
};
