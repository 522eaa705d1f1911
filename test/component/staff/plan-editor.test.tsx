import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PutPlanRequest } from '../../../src/domain/staff-people.ts';
import { apiError, languages, personDetail, plan, renderConsole, signedInService, w } from './console-world.tsx';

const path = '/people/A1234BC/plan';

function savedAnswer(body: PutPlanRequest) {
  return {
    status: 200,
    body: {
      version: body.version,
      savedAt: '2026-03-01T10:00:00.000Z',
      savedBy: { kind: 'staff', staffId: 'st_pom', displayName: 'Priya Shah' },
      plan: { ...body.plan, personId: 'p_alex', updatedAt: '2026-03-01T10:00:00.000Z' },
      unchanged: false,
    },
  };
}

describe.each(languages)('the plan editor (%s)', { timeout: 30_000 }, (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('adds a goal written "I will …" with a step; an unfinished goal is named in the error summary; saves version held + 1', async () => {
    const service = signedInService('pom')
      .on('GET', '/people/A1234BC', { status: 200, body: personDetail() })
      .on('PUT', '/people/A1234BC/plan', (call) => savedAnswer(call.body as PutPlanRequest));
    renderConsole(service, { lang, path });
    expect(await screen.findByRole('heading', { level: 1, name: s('plan.title', { name: 'Alex Smith' }) })).toBeInTheDocument();
    const preview = screen.getByRole('complementary', { name: s('preview.title') });
    expect(within(preview).getByText(s('preview.goal', { n: 1, title: 'I will get a maths certificate' }))).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: s('plan.addGoal') }));
    const goal = screen.getByRole('group', { name: s('plan.goal', { n: 2 }) });
    expect(within(goal).getByRole('textbox', { name: s('plan.goalTitle') })).toHaveAccessibleDescription(s('plan.goalTitleHint'));
    await userEvent.type(within(goal).getByRole('textbox', { name: s('plan.goalTitle') }), 'I will find a place to live');
    await userEvent.click(screen.getByRole('button', { name: s('plan.save', { version: 4 }) }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: s('plan.errors.inGoal', { n: 2, message: s('plan.errors.area') }) })).toHaveAttribute('href', '#plan-objectives-1-area');
    expect(within(summary).getByRole('link', { name: s('plan.errors.inGoal', { n: 2, message: s('plan.errors.measure') }) })).toHaveAttribute('href', '#plan-objectives-1-measure');
    expect(within(summary).getByRole('link', { name: s('plan.errors.inGoal', { n: 2, message: s('plan.errors.dueBy') }) })).toHaveAttribute('href', '#plan-objectives-1-dueBy');
    expect(service.callsTo('PUT', '/people/A1234BC/plan')).toHaveLength(0);
    // Nothing typed is lost.
    expect(within(goal).getByRole('textbox', { name: s('plan.goalTitle') })).toHaveValue('I will find a place to live');

    await userEvent.selectOptions(within(goal).getByRole('combobox', { name: s('plan.area') }), s('area.accommodation'));
    await userEvent.type(within(goal).getByRole('textbox', { name: s('plan.measure') }), 'I will have an address.');
    await userEvent.type(within(goal).getByLabelText(s('plan.dueBy')), '2027-04-01');
    await userEvent.click(within(goal).getByRole('button', { name: s('plan.addStep', { n: 2 }) }));
    const step = within(goal).getByRole('group', { name: s('plan.step', { goal: 2, n: 1 }) });
    await userEvent.type(within(step).getByRole('textbox', { name: s('plan.stepDescription') }), 'Talk to the housing adviser.');
    await userEvent.selectOptions(within(step).getByRole('combobox', { name: s('plan.actor') }), s('actor.keyWorker'));
    expect(await within(preview).findByText(s('preview.goal', { n: 2, title: 'I will find a place to live' }))).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: s('plan.save', { version: 4 }) }));
    expect(await screen.findByText(s('plan.saved', { version: 4 }))).toBeInTheDocument();
    const sent = service.callsTo('PUT', '/people/A1234BC/plan')[0]!.body as PutPlanRequest;
    expect(sent.version).toBe(4);
    expect(sent.plan.objectives[1]).toMatchObject({
      title: 'I will find a place to live',
      area: 'accommodation',
      priority: 2,
      measure: 'I will have an address.',
      dueBy: '2027-04-01',
      shareable: true,
      steps: [{ description: 'Talk to the housing adviser.', actor: 'keyWorker', status: 'notStarted', shareable: true }],
    });
    // The next save is the version after.
    expect(screen.getByRole('button', { name: s('plan.save', { version: 5 }) })).toBeInTheDocument();
  });

  it('"do not share" on a goal takes it out of what the person will see, and is sent as not shareable', async () => {
    const service = signedInService('pom')
      .on('GET', '/people/A1234BC', { status: 200, body: personDetail() })
      .on('PUT', '/people/A1234BC/plan', (call) => savedAnswer(call.body as PutPlanRequest));
    renderConsole(service, { lang, path });
    const goal = await screen.findByRole('group', { name: s('plan.goal', { n: 1 }) });
    const preview = screen.getByRole('complementary', { name: s('preview.title') });
    await userEvent.click(within(goal).getByRole('checkbox', { name: s('plan.doNotShareGoal') }));
    // The preview follows typing a moment later (it is deferred, so typing stays quick).
    await waitFor(() => expect(within(preview).queryByText(s('preview.goal', { n: 1, title: 'I will get a maths certificate' }))).toBeNull());
    expect(within(preview).getByText(s('preview.noGoals'))).toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: s('plan.doNotSharePlan') }));
    expect(await within(preview).findByText(s('preview.notShared'))).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: s('plan.save', { version: 4 }) }));
    expect(await screen.findByText(s('plan.savedNotShared'))).toBeInTheDocument();
    const sent = service.callsTo('PUT', '/people/A1234BC/plan')[0]!.body as PutPlanRequest;
    expect(sent.plan.objectives[0]!.shareable).toBe(false);
    expect(sent.plan.shareable).toBe(false);
  });

  it('when someone else saved first: a clear message, nothing typed lost, and the newest version offered', async () => {
    let held = 3;
    const service = signedInService('pom')
      .on('GET', '/people/A1234BC', () => ({
        status: 200,
        body: personDetail({ plan: { version: held, savedAt: '2026-03-01T10:00:00.000Z', savedBy: { kind: 'staff', staffId: 'st_omu', displayName: 'Tom Hughes' }, plan: plan({ agreement: held > 3 ? 'notAgreed' : 'agreed' }) } }),
      }))
      .on('PUT', '/people/A1234BC/plan', apiError(409, 'versionTaken'));
    renderConsole(service, { lang, path });
    const goal = await screen.findByRole('group', { name: s('plan.goal', { n: 1 }) });
    const title = within(goal).getByRole('textbox', { name: s('plan.goalTitle') });
    await userEvent.clear(title);
    await userEvent.type(title, 'I will pass my maths exam');
    await userEvent.click(screen.getByRole('button', { name: s('plan.save', { version: 4 }) }));
    expect(await screen.findByRole('link', { name: s('errors.versionTaken') })).toHaveAttribute('href', '#reload-plan');
    expect(title).toHaveValue('I will pass my maths exam');

    held = 4;
    await userEvent.click(screen.getByRole('button', { name: s('plan.reload') }));
    expect(await screen.findByRole('button', { name: s('plan.save', { version: 5 }) })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: s('agreement.notAgreed') })).toBeChecked();
  });

  it('a field the service names is shown on that field', async () => {
    const service = signedInService('pom')
      .on('GET', '/people/A1234BC', { status: 200, body: personDetail() })
      .on('PUT', '/people/A1234BC/plan', apiError(400, 'invalid', 'The title has characters that cannot be kept.', 'plan.objectives.0.title'));
    renderConsole(service, { lang, path });
    await screen.findByRole('group', { name: s('plan.goal', { n: 1 }) });
    await userEvent.click(screen.getByRole('button', { name: s('plan.save', { version: 4 }) }));
    expect(await screen.findByRole('link', { name: 'The title has characters that cannot be kept.' })).toHaveAttribute('href', '#plan-objectives-0-title');
  });
});
