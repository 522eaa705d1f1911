import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { StaffPersonSummary } from '../../../src/domain/staff-people.ts';
import { apiError, languages, personDetail, plan, renderConsole, signedInService, w } from './console-world.tsx';

function summary(overrides: Partial<StaffPersonSummary> = {}): StaffPersonSummary {
  const { plan: _plan, ...rest } = personDetail();
  return { ...rest, ...overrides };
}

describe.each(languages)('the caseload (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('a POM starts with "my people"; searching by prison number or name asks the service', async () => {
    const service = signedInService('pom').on('GET', '/people', { status: 200, body: { items: [summary()], next: null } });
    renderConsole(service, { lang, path: '/people' });
    const table = await screen.findByRole('table', { name: s('people.mine') });
    expect(within(table).getByRole('link', { name: 'Alex Smith' })).toHaveAttribute('href', '/people/A1234BC');
    expect(service.callsTo('GET', '/people')[0]!.query.get('mine')).toBe('true');
    // No enrolling for a POM.
    expect(screen.queryByRole('link', { name: s('people.enrol') })).toBeNull();

    await userEvent.click(screen.getByRole('radio', { name: s('people.prison', { prison: 'HMP North' }) }));
    await userEvent.type(screen.getByRole('searchbox', { name: s('people.search') }), 'a1234');
    await userEvent.click(screen.getByRole('button', { name: s('people.searchSubmit') }));
    await vi.waitFor(() => expect(service.callsTo('GET', '/people')).toHaveLength(2));
    const last = service.callsTo('GET', '/people').at(-1)!;
    expect(last.query.get('q')).toBe('a1234');
    expect(last.query.get('mine')).toBeNull();
    expect(await screen.findByText(s('people.foundFor', { count: 1, q: 'a1234' }))).toBeInTheDocument();
  });
});

describe.each(languages)('enrolling a person (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('names every missing answer; a taken prison number keeps everything typed; then the one-time PIN is shown once', async () => {
    const service = signedInService('omu')
      .on('GET', '/people', { status: 200, body: { items: [summary()], next: null } })
      .on('GET', '/poms', { status: 200, body: { poms: [{ staffId: 'st_pom', displayName: 'Priya Shah' }] } })
      .on('POST', '/people', apiError(409, 'prisonNumberTaken'));
    renderConsole(service, { lang, path: '/people/new' });
    await userEvent.click(await screen.findByRole('button', { name: s('enrol.submit') }));
    const summaryBox = screen.getByRole('alert');
    for (const [key, href] of [
      ['prison-number', '#prison-number'],
      ['display-name', '#display-name'],
      ['sentence-type', '#sentence-type'],
      ['sentenced-on', '#sentenced-on'],
    ]) {
      expect(within(summaryBox).getByRole('link', { name: s(`enrol.errors.${key}`) })).toHaveAttribute('href', href);
    }
    expect(service.callsTo('POST', '/people')).toHaveLength(0);

    await userEvent.type(screen.getByRole('textbox', { name: s('enrol.prisonNumber') }), 'c3456de');
    await userEvent.type(screen.getByRole('textbox', { name: s('enrol.displayName') }), 'Chloe Ward');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: s('enrol.pom') }), 'Priya Shah');
    await userEvent.click(screen.getByRole('radio', { name: s('sentence.determinate') }));
    await userEvent.type(screen.getByLabelText(s('sentence.sentencedOn')), '2025-06-01');
    await userEvent.type(screen.getByRole('textbox', { name: s('sentence.lengthMonths') }), 'four');
    await userEvent.type(screen.getByLabelText(s('keyDates.releaseDate')), '2027-06-01');
    await userEvent.click(screen.getByRole('radio', { name: '2' }));
    await userEvent.click(screen.getByRole('button', { name: s('enrol.submit') }));
    expect(screen.getByRole('link', { name: s('enrol.errors.length-months') })).toHaveAttribute('href', '#length-months');
    expect(screen.getByRole('link', { name: s('enrol.errors.mappa-level') })).toHaveAttribute('href', '#mappa-level');

    await userEvent.clear(screen.getByRole('textbox', { name: s('sentence.lengthMonths') }));
    await userEvent.type(screen.getByRole('textbox', { name: s('sentence.lengthMonths') }), '48');
    await userEvent.click(within(screen.getByRole('group', { name: s('mappa.level') })).getByRole('radio', { name: '1' }));
    await userEvent.click(screen.getByRole('button', { name: s('enrol.submit') }));
    expect(await screen.findByRole('link', { name: s('errors.prisonNumberTaken') })).toHaveAttribute('href', '#prison-number');
    expect(screen.getByRole('textbox', { name: s('enrol.displayName') })).toHaveValue('Chloe Ward');
    expect(service.callsTo('POST', '/people')[0]!.body).toEqual({
      prisonNumber: 'C3456DE',
      displayName: 'Chloe Ward',
      pomStaffId: 'st_pom',
      sentence: { type: 'determinate', sentencedOn: '2025-06-01', lengthMonths: 48 },
      keyDates: { releaseDate: '2027-06-01' },
      mappa: { category: 2, level: 1 },
    });

    service.on('POST', '/people', { status: 201, body: { oneTimePin: '804213', person: summary({ prisonNumber: 'C3456DE', displayName: 'Chloe Ward', mustChangePin: true }) } });
    await userEvent.click(screen.getByRole('button', { name: s('enrol.submit') }));
    expect(await screen.findByRole('heading', { level: 1, name: s('enrol.doneTitle', { name: 'Chloe Ward' }) })).toBeInTheDocument();
    expect(screen.getByText('8 0 4 2 1 3')).toBeInTheDocument();
    expect(screen.getByText(s('pin.once'))).toBeInTheDocument();
    expect(screen.getByText(s('pin.step2', { prisonNumber: 'C3456DE' }))).toBeInTheDocument();
  });
});

describe.each(languages)("a person's page (%s)", (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('shows their facts and plan; resetting the PIN asks first, then shows the new one-time PIN once', async () => {
    const service = signedInService('omu')
      .on('GET', '/people/A1234BC', { status: 200, body: personDetail() })
      .on('POST', '/people/A1234BC/pin', { status: 200, body: { oneTimePin: '550913' } });
    renderConsole(service, { lang, path: '/people/A1234BC' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Alex Smith' })).toBeInTheDocument();
    expect(screen.getByText(s('person.goalCount', { count: 1 }))).toBeInTheDocument();
    expect(screen.getByRole('link', { name: s('person.editPlan') })).toHaveAttribute('href', '/people/A1234BC/plan');
    expect(screen.getByRole('link', { name: s('person.trail', { name: 'Alex Smith' }) })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: s('resetPin.start') }));
    expect(screen.getByText(s('resetPin.confirmText', { name: 'Alex Smith' }))).toBeInTheDocument();
    expect(service.callsTo('POST', '/people/A1234BC/pin')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: s('resetPin.confirmYes') }));
    expect(await screen.findByText('5 5 0 9 1 3')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: s('resetPin.done') }));
    expect(screen.queryByText('5 5 0 9 1 3')).toBeNull();
  });

  it('shows the review dates the person’s device works out, with those that look late called out', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: new Date('2026-12-01T12:00:00.000Z') });
    try {
      // Sentenced in June 2025, with no OASys recorded: the first one looks late by December 2026,
      // and so does the plan review after the goal due in June 2026; the review before release is not due yet.
      const record = plan({ reviews: [], sentence: { type: 'determinate', sentencedOn: '2025-06-01', lengthMonths: 36 } });
      const service = signedInService('pom').on('GET', '/people/A1234BC', {
        status: 200,
        body: personDetail({ plan: { version: 3, savedAt: '2026-01-15T10:00:00.000Z', savedBy: { kind: 'staff', staffId: 'st_pom', displayName: 'Priya Shah' }, plan: record } }),
      });
      renderConsole(service, { lang, path: '/people/A1234BC' });
      const table = await screen.findByRole('table', { name: s('reviewsDue.caption') });
      const first = within(table).getAllByRole('row')[1]!;
      expect(within(first).getByRole('rowheader')).toHaveTextContent(s('dueKind.initialOasys'));
      expect(within(first).getByText(s('reviewsDue.looksLate'))).toBeInTheDocument();
      // Why, in the words the person reads on their plan: the sentence date in the page's language.
      const why = within(first).getAllByRole('cell').at(-1)!.textContent ?? '';
      expect(why).toContain(lang === 'cy' ? '1 Mehefin 2025' : '1 June 2025');
      expect(why).not.toMatch(/reviews\.|\{\{/);
      expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain(s('reviewsDue.why'));
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows.map((row) => within(row).getByText(/.+/, { selector: 'strong' }).textContent)).toEqual([s('reviewsDue.looksLate'), s('reviewsDue.looksLate'), s('reviewsDue.notYetDue')]);
      expect(screen.getByText(s('reviewsDue.lateCount', { count: 2 }))).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the progress notes the person wrote, by goal, with the step they are about', async () => {
    const service = signedInService('pom')
      .on('GET', '/people/A1234BC', { status: 200, body: personDetail() })
      .on('GET', '/people/A1234BC/progress-notes', {
        status: 200,
        body: {
          personId: 'p_alex',
          objectives: [
            { objectiveId: 'goal-1', title: 'I will get a maths certificate', notes: [{ id: '01890a5d-ac96-774b-bcce-b302099a8101', objectiveId: 'goal-1', stepId: 'step-1', text: 'I went to every class this week.', createdAt: '2026-03-02T14:05:00.000Z' }] },
            { objectiveId: 'goal-old', title: null, notes: [{ id: '01890a5d-ac96-774b-bcce-b302099a8102', objectiveId: 'goal-old', text: 'An older note.', createdAt: '2026-01-02T10:00:00.000Z' }] },
          ],
        },
      });
    renderConsole(service, { lang, path: '/people/A1234BC' });
    const notes = await screen.findByRole('region', { name: s('progressNotes.title') });
    expect(await within(notes).findByRole('heading', { name: 'I will get a maths certificate' })).toBeInTheDocument();
    expect(within(notes).getByText('I went to every class this week.')).toBeInTheDocument();
    expect(within(notes).getByText(new RegExp(s('progressNotes.aboutStep', { step: 'Go to class.' }).replace('.', '\\.')))).toBeInTheDocument();
    expect(within(notes).getByRole('heading', { name: s('progressNotes.goalGone') })).toBeInTheDocument();
  });

  it('the OMU allocates the person to a POM who has nobody yet; a refusal keeps the choice and says why', async () => {
    const { plan: _plan, ...rest } = personDetail();
    const service = signedInService('omu')
      .on('GET', '/people/A1234BC', { status: 200, body: personDetail() })
      .on('GET', '/poms', { status: 200, body: { poms: [{ staffId: 'st_pom', displayName: 'Priya Shah' }, { staffId: 'st_pom2', displayName: 'Ola Bello' }] } })
      .on('POST', '/people/A1234BC/pom', apiError(404, 'notFound'));
    renderConsole(service, { lang, path: '/people/A1234BC' });
    const form = await screen.findByRole('form', { name: s('changePom.title') });
    const select = within(form).getByRole('combobox', { name: s('changePom.label') });
    expect(select).toHaveValue('st_pom');
    await within(form).findByRole('option', { name: 'Ola Bello' });
    await userEvent.selectOptions(select, 'Ola Bello');
    await userEvent.click(within(form).getByRole('button', { name: s('changePom.submit') }));
    expect(await within(form).findByRole('link', { name: s('errors.notFound') })).toHaveAttribute('href', '#change-pom');
    expect(select).toHaveValue('st_pom2');

    service.on('POST', '/people/A1234BC/pom', { status: 200, body: { ...rest, pomStaffId: 'st_pom2', pomName: 'Ola Bello' } });
    await userEvent.click(within(form).getByRole('button', { name: s('changePom.submit') }));
    expect(await screen.findByText(s('changePom.done', { name: 'Ola Bello' }))).toBeInTheDocument();
    expect(service.callsTo('POST', '/people/A1234BC/pom').at(-1)!.body).toEqual({ pomStaffId: 'st_pom2' });
  });

  it('a POM sees no PIN reset and no audit trail; another prison’s person is not found', async () => {
    const service = signedInService('pom').on('GET', '/people/A1234BC', { status: 200, body: personDetail() }).on('GET', '/people/C3456DE', apiError(404, 'notFound'));
    const { unmount } = renderConsole(service, { lang, path: '/people/A1234BC' });
    await screen.findByRole('heading', { level: 1, name: 'Alex Smith' });
    expect(screen.queryByRole('button', { name: s('resetPin.start') })).toBeNull();
    expect(screen.queryByRole('form', { name: s('changePom.title') })).toBeNull();
    expect(screen.queryByRole('link', { name: s('person.trail', { name: 'Alex Smith' }) })).toBeNull();
    unmount();
    renderConsole(service, { lang, path: '/people/C3456DE' });
    expect(await screen.findByText(s('errors.notFound'))).toBeInTheDocument();
  });
});
