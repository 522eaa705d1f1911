import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import cyForms from '../../locales/cy/forms.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import forms from '../../locales/en/forms.json' with { type: 'json' };
import cyQuestions from '../../locales/cy/questionnaire.json' with { type: 'json' };
import questions from '../../locales/en/questionnaire.json' with { type: 'json' };
import { openPersonDatabase } from '../../src/app/data/person-db.ts';
import { questionsOf } from '../../src/domain/questionnaire.ts';
import { saq1 } from '../../src/domain/questionnaire-sets.ts';
import { formatDate, todayInLondon } from '../../src/format/index.ts';
import { menu, signInInWelsh } from './applications-helpers.tsx';
import { renderApp } from './render-app.tsx';
import { alice, sessionWorld, signInAs, signOutNow } from './session-world.tsx';

let world: ReturnType<typeof sessionWorld>;
afterEach(async () => {
  await world?.dispose();
});

const q = questions['saq-1'];
const total = questionsOf(saq1).length;
const scale = q.scale;

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  renderApp({ path: '/sign-in', session: world.session });
  await signInAs(user, alice);
  await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' }); // What's next, where sign-in lands
}

async function openQuestionnaire(user: ReturnType<typeof userEvent.setup>) {
  await user.click(within(menu()).getByRole('link', { name: en.nav.questionnaire }));
  await screen.findByRole('heading', { level: 1, name: forms.questionnaire.title });
}

/** The check page's "Change" link for one question. */
const changeLink = (question: string) =>
  screen.getByRole('link', { name: `${forms.questionnaire.check.change} ${forms.questionnaire.check.changeQuestion.replace('{{question}}', question)}` });

const draftInStore = async () => {
  const store = openPersonDatabase(alice.personId);
  try {
    return await store.meta.get('draft.questionnaire');
  } finally {
    store.close();
  }
};

/** In "a whole part on one page": "Not sure" for every statement, part after part, then the check page. */
async function answerEveryStatement(user: ReturnType<typeof userEvent.setup>, answer = scale.notSure) {
  await user.click(screen.getByRole('radio', { name: forms.questionnaire.mode.section }));
  await user.click(screen.getByRole('link', { name: /Start|Carry on/ }));
  for (const section of saq1.sections) {
    await screen.findByRole('heading', { level: 1, name: q.sections[section.id as keyof typeof q.sections].title });
    for (const radio of screen.queryAllByRole('radio', { name: answer })) await user.click(radio);
    const next = section === saq1.sections.at(-1) ? forms.questionnaire.toCheck : forms.questionnaire.nextPart;
    await user.click(screen.getByRole('link', { name: next }));
  }
  await screen.findByRole('heading', { level: 1, name: forms.questionnaire.check.title });
}

describe('the self-assessment questionnaire', { timeout: 30_000 }, () => {
  it('one question at a time: a bar shows how far; every answer is saved at once; after a reload the person carries on where they were', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    await openQuestionnaire(user);
    expect(screen.getByText(`There are ${total} questions. It takes about 20 minutes.`)).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: forms.questionnaire.start }));

    expect(await screen.findByRole('heading', { level: 1, name: q.sections.home.title })).toBeInTheDocument();
    expect(screen.getByText(`Question 1 of ${total}`)).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('value', '1');
    // Every question can be read aloud.
    expect(screen.getByRole('group', { name: en.readAloud.label })).toBeInTheDocument();
    const first = screen.getByRole('group', { name: new RegExp(q.questions.home.placeToLive) });
    await user.click(within(first).getByRole('radio', { name: scale.problem }));
    await waitFor(async () => expect(await draftInStore()).toBeDefined());

    await user.click(screen.getByRole('link', { name: forms.questionnaire.next }));
    expect(await screen.findByText(`Question 2 of ${total}`)).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: forms.questionnaire.noteLabel }), 'The rent is too high');

    // The tab goes (a reload): nothing more is written; then the person signs in again.
    await signOutNow(user);
    cleanup();
    await signIn(user);
    await openQuestionnaire(user);
    await user.click(screen.getByRole('link', { name: forms.questionnaire.carryOn }));
    expect(await screen.findByText(`Question 2 of ${total}`)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: forms.questionnaire.noteLabel })).toHaveValue('The rent is too high');
    await user.click(screen.getByRole('link', { name: forms.questionnaire.previous }));
    expect(within(await screen.findByRole('group', { name: new RegExp(q.questions.home.placeToLive) })).getByRole('radio', { name: scale.problem })).toBeChecked();
    expect(world.service.calls.filter((c) => c.path === '/api/sync/push')).toEqual([]);
  });

  it('works by keyboard and by touch: Tab to the answers, arrows to choose, Enter to go on; a tap on the words chooses', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    await openQuestionnaire(user);
    screen.getByRole('link', { name: forms.questionnaire.start }).focus();
    await user.keyboard('{Enter}');
    const first = await screen.findByRole('group', { name: new RegExp(q.questions.home.placeToLive) });

    // Tab from the top of the page reaches the answers (a radio group is one stop).
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 40 && !first.contains(document.activeElement); i += 1) await user.tab();
    expect(within(first).getAllByRole('radio')).toContain(document.activeElement);
    await user.keyboard(' ');
    await user.keyboard('{ArrowDown}');
    expect(within(first).getByRole('radio', { name: scale.sometimes })).toBeChecked();
    // On to the note, typed, then to "Next", by keyboard.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: forms.questionnaire.noteLabel }));
    await user.keyboard('Keys only');
    const next = screen.getByRole('link', { name: forms.questionnaire.next });
    for (let i = 0; i < 20 && document.activeElement !== next; i += 1) await user.tab();
    await user.keyboard('{Enter}');
    expect(await screen.findByText(`Question 2 of ${total}`)).toBeInTheDocument();

    // By touch: a tap on an answer's words chooses it.
    const second = screen.getByRole('group', { name: new RegExp(q.questions.home.keepingHome) });
    await user.pointer({ keys: '[TouchA]', target: within(second).getByText(scale.notAProblem) });
    expect(within(second).getByRole('radio', { name: scale.notAProblem })).toBeChecked();

    // Both were kept: back to the first, then forward again.
    await user.click(screen.getByRole('link', { name: forms.questionnaire.previous }));
    const again = await screen.findByRole('group', { name: new RegExp(q.questions.home.placeToLive) });
    expect(within(again).getByRole('radio', { name: scale.sometimes })).toBeChecked();
    expect(screen.getByRole('textbox', { name: forms.questionnaire.noteLabel })).toHaveValue('Keys only');
    await user.click(screen.getByRole('link', { name: forms.questionnaire.next }));
    const secondAgain = await screen.findByRole('group', { name: new RegExp(q.questions.home.keepingHome) });
    expect(within(secondAgain).getByRole('radio', { name: scale.notAProblem })).toBeChecked();
  });

  it('the check page names every question still to answer, with a link to it; "Send" will not go without them', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    await openQuestionnaire(user);
    await user.click(screen.getByRole('radio', { name: forms.questionnaire.mode.section }));
    await user.click(screen.getByRole('link', { name: forms.questionnaire.start }));
    await screen.findByRole('heading', { level: 1, name: q.sections.home.title });
    // A whole part on one page: both questions of "Where I live".
    expect(screen.getAllByRole('radio', { name: scale.notSure })).toHaveLength(2);
    await user.click(screen.getAllByRole('radio', { name: scale.notSure })[0]!);
    await user.click(screen.getByRole('link', { name: forms.questionnaire.backToStart }));
    expect(await screen.findByText('1 of 2 answered')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: forms.questionnaire.checkLink }));
    await screen.findByRole('heading', { level: 1, name: forms.questionnaire.check.title });

    const missing = screen.getByRole('heading', { name: forms.questionnaire.check.missingTitle }).parentElement!;
    const links = within(missing).getAllByRole('link');
    expect(links).toHaveLength(questionsOf(saq1).filter((question) => question.required).length - 1);
    expect(links[0]).toHaveTextContent(q.questions.home.keepingHome);
    await user.click(screen.getByRole('button', { name: forms.questionnaire.check.send }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getAllByRole('link')[0]).toHaveTextContent(`Answer this question: ${q.questions.home.keepingHome}`);
    expect(world.service.calls.filter((c) => c.path === '/api/sync/push')).toEqual([]);

    // The link goes to that very question.
    await user.click(within(alert).getAllByRole('link')[0]!);
    await screen.findByRole('heading', { level: 1, name: q.sections.home.title });
    await waitFor(() => expect(document.activeElement).toHaveAttribute('id', 'q-home-keepingHome'));
  });

  it('sent offline, dated, and sent once with every answer when the network is back; a newer one marks the older as replaced', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    world.service.setOnline(false);
    act(() => void window.dispatchEvent(new Event('offline')));
    await openQuestionnaire(user);
    await answerEveryStatement(user);
    // An open question, answered in the person's own words.
    await user.click(changeLink(q.questions.change.workOn));
    await user.type(await screen.findByRole('textbox', { name: q.questions.change.workOn }), 'Reading, and my temper.');
    await user.click(screen.getByRole('link', { name: forms.questionnaire.toCheck }));
    await screen.findByRole('heading', { level: 1, name: forms.questionnaire.check.title });
    expect(screen.queryByRole('heading', { name: forms.questionnaire.check.missingTitle })).not.toBeInTheDocument();
    expect(screen.getByText('Reading, and my temper.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: forms.questionnaire.check.send }));
    expect(await screen.findByText(forms.questionnaire.saved.text)).toBeInTheDocument();
    const today = formatDate(todayInLondon(), 'en');
    expect(await screen.findByText(`Filled in on ${today}`)).toBeInTheDocument();
    expect(screen.getByText(forms.questionnaire.state.waiting)).toBeInTheDocument();
    expect(await draftInStore()).toBeUndefined();
    expect(world.service.items).toEqual([]);

    world.service.setOnline(true);
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(screen.getByText(forms.questionnaire.state.sent)).toBeInTheDocument(), { timeout: 5000 });
    expect(world.service.items).toHaveLength(1);
    const sent = world.service.items[0]!;
    expect(sent.kind).toBe('questionnaire');
    if (sent.kind !== 'questionnaire') return;
    expect(sent.payload.completedOn).toBe(todayInLondon());
    expect(sent.payload.questionSet).toBe('saq-1');
    expect(Object.keys(sent.payload.answers)).toHaveLength(questionsOf(saq1).filter((question) => question.required).length + 1);
    expect(sent.payload.answers['change.workOn']).toEqual({ note: 'Reading, and my temper.' });

    // A second one: the first is replaced by it.
    await answerEveryStatement(user, scale.sometimes);
    await user.click(screen.getByRole('button', { name: forms.questionnaire.check.send }));
    await screen.findByText(forms.questionnaire.saved.text);
    await waitFor(() => expect(world.service.items).toHaveLength(2), { timeout: 5000 });
    await waitFor(() => expect(screen.getAllByText(`Filled in on ${today}`)).toHaveLength(2));
    const items = screen.getAllByText(`Filled in on ${today}`).map((el) => el.closest('li')!);
    expect(items[0]).toHaveTextContent(forms.questionnaire.newest);
    expect(items[1]).toHaveTextContent(`Replaced by the one from ${today}`);
    // Each can be seen again, with its answers.
    await user.click(within(items[1]!).getByRole('link', { name: forms.questionnaire.view }));
    expect(await screen.findByRole('heading', { level: 1, name: `Your self-assessment from ${today}` })).toBeInTheDocument();
    expect(screen.getByText('Reading, and my temper.')).toBeInTheDocument();
  }, 90_000);

  it('a note too long is counted in words, never cut, and named on the check page; hidden characters are taken out and said', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    await signIn(user);
    await openQuestionnaire(user);
    await answerEveryStatement(user);
    await user.click(changeLink(q.questions.change.whatToChange));
    const box = await screen.findByRole('textbox', { name: q.questions.change.whatToChange });
    const question = within(box.closest('.govuk-form-group') as HTMLElement);
    expect(question.getByText('You can write about 166 more words')).toBeInTheDocument();
    await user.click(box);
    await user.paste('a'.repeat(1_100));
    expect(question.getByText('You have written about 17 words too many')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: forms.questionnaire.toCheck }));
    await user.click(await screen.findByRole('button', { name: forms.questionnaire.check.send }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: `This note is too long. Make it shorter: ${q.questions.change.whatToChange}` })).toBeInTheDocument();
    expect(world.service.items).toEqual([]);
    await user.click(within(alert).getByRole('link'));
    const again = await screen.findByRole('textbox', { name: q.questions.change.whatToChange });
    expect(again).toHaveValue('a'.repeat(1_100));
    await user.clear(again);
    await user.click(again);
    await user.paste('Stay\u0000 calm');
    await user.click(screen.getByRole('link', { name: forms.questionnaire.toCheck }));
    await user.click(await screen.findByRole('button', { name: forms.questionnaire.check.send }));
    expect(await within(await screen.findByRole('alert')).findByText(forms.errors.hiddenCharacters)).toBeInTheDocument();
    expect(screen.getByText('Stay calm')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: forms.questionnaire.check.send }));
    await waitFor(() => expect(world.service.items).toHaveLength(1), { timeout: 5000 });
  });

  it('one the service turned down is shown with its reason; changed and sent again it is a new one, and the old one stays', async () => {
    world = sessionWorld({
      reject: (item) => (item.kind === 'questionnaire' && !item.payload.replaces ? { code: 'invalid', message: 'Some of this is not filled in right.' } : null),
    });
    const user = userEvent.setup();
    await signIn(user);
    await openQuestionnaire(user);
    await answerEveryStatement(user);
    await user.click(screen.getByRole('button', { name: forms.questionnaire.check.send }));
    await waitFor(() => expect(screen.getByText(forms.questionnaire.state.rejected)).toBeInTheDocument(), { timeout: 5000 });
    await user.click(screen.getByRole('link', { name: forms.questionnaire.view }));
    expect(await screen.findByText('Why: Some of this is not filled in right.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: forms.questionnaire.rejectedChange }));
    await screen.findByRole('heading', { level: 1, name: forms.questionnaire.check.title });
    expect(screen.getAllByText(scale.notSure)).toHaveLength(questionsOf(saq1).filter((question) => question.required).length);
    await user.click(screen.getByRole('button', { name: forms.questionnaire.check.send }));
    await waitFor(() => expect(world.service.items).toHaveLength(1), { timeout: 5000 });
    const [rejected] = [...world.service.processed.get(alice.personId)!.keys()];
    const sent = world.service.items[0]!;
    expect(sent.id).not.toBe(rejected);
    expect(sent.kind === 'questionnaire' && sent.payload.replaces).toBe(rejected);
    await waitFor(() => expect(screen.getByText(forms.questionnaire.state.sent)).toBeInTheDocument(), { timeout: 5000 });
    expect(screen.getByText(forms.questionnaire.state.rejected)).toBeInTheDocument();
  });

  it('is in Welsh when Welsh is chosen: the questions, the scale and how far the person has got', async () => {
    world = sessionWorld();
    const user = userEvent.setup();
    renderApp({ path: '/sign-in', session: world.session, language: 'cy' });
    await signInInWelsh(user, alice);
    await screen.findByRole('link', { name: 'Finish the Thinking Skills Programme' }); // What's next, where sign-in lands
    await user.click(within(menu('cy')).getByRole('link', { name: cy.nav.questionnaire }));
    await screen.findByRole('heading', { level: 1, name: cyForms.questionnaire.title });
    expect(screen.getByText(`Mae ${total} cwestiwn. Mae'n cymryd tua 20 munud.`)).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: cyForms.questionnaire.start }));
    const cq = cyQuestions['saq-1'];
    expect(await screen.findByRole('heading', { level: 1, name: cq.sections.home.title })).toBeInTheDocument();
    expect(screen.getByText(`Cwestiwn 1 o ${total}`)).toBeInTheDocument();
    const group = screen.getByRole('group', { name: new RegExp(cq.questions.home.placeToLive) });
    for (const choice of Object.values(cq.scale)) expect(within(group).getByRole('radio', { name: choice })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: cy.readAloud.label })).toBeInTheDocument();
  });
});
