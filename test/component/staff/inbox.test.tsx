import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultReplyTimes } from '../../../src/domain/reply-times.ts';
import type { StaffApplicationDetail, StaffApplicationSummary } from '../../../src/domain/staff.ts';
import { plainWordsChecker } from '../../../src/staff/plain-words/wired-checker.ts';
import { apiError, csrf, languages, personDetail, renderConsole, signedInService, w } from './console-world.tsx';

const alex = { personId: 'p_alex', prisonNumber: 'A1234BC', displayName: 'Alex Smith', prisonId: 'NTH' };
const id = '01890a5d-ac96-774b-bcce-b302099a8057';

function summary(overrides: Partial<StaffApplicationSummary> = {}): StaffApplicationSummary {
  return {
    id,
    reference: 'OMU-7F3K',
    type: 'copyOfOasys',
    status: 'received',
    declineReason: null,
    person: alex,
    createdAt: '2026-03-02T09:00:00.000Z',
    receivedAt: '2026-03-02T09:00:05.000Z',
    updatedAt: '2026-03-02T09:00:05.000Z',
    messageCount: 0,
    ...overrides,
  };
}

function detail(overrides: Partial<StaffApplicationDetail> = {}): StaffApplicationDetail {
  return { ...summary(), fields: {}, details: 'Please can I have a copy of my OASys?', replaces: null, messages: [], ...overrides };
}

afterEach(() => {
  vi.useRealTimers();
});

describe.each(languages)('the inbox (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('lists open applications oldest first with their age in working days, the deployment’s usual reply time and what looks overdue', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: new Date('2026-03-20T12:00:00.000Z') });
    const old = summary({ id: '01890a5d-ac96-774b-bcce-b302099a8001', reference: 'OMU-AAAA', receivedAt: '2026-03-02T09:00:05.000Z' });
    const fresh = summary({ id: '01890a5d-ac96-774b-bcce-b302099a8002', reference: 'OMU-BBBB', type: 'seeMyPom', receivedAt: '2026-03-19T09:00:05.000Z', person: { ...alex, displayName: 'Bo Jones', prisonNumber: 'B2345CD' } });
    const service = signedInService('pom')
      .on('GET', '/applications', { status: 200, body: { items: [old, fresh], next: null } })
      .on('GET', '/reply-times', { status: 200, body: { replyTimes: { ...defaultReplyTimes, copyOfOasys: { workingDays: 10 } } } });
    renderConsole(service, { lang, path: '/applications' });
    const table = await screen.findByRole('table', { name: s('inbox.caption') });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // 2 March (Monday) to 20 March (Friday): 14 working days; this prison answers a copy of OASys in 10.
    expect(within(rows[0]!).getByText(s('inbox.workingDays', { count: 14 }))).toBeInTheDocument();
    expect(await within(rows[0]!).findByText(s('inbox.usually', { count: 10 }))).toBeInTheDocument();
    expect(within(rows[0]!).getByText(s('inbox.overdue'))).toBeInTheDocument();
    expect(within(rows[1]!).getByText(s('inbox.usually', { count: defaultReplyTimes.seeMyPom.workingDays }))).toBeInTheDocument();
    expect(within(rows[1]!).getByText(s('inbox.workingDays', { count: 1 }))).toBeInTheDocument();
    expect(within(rows[1]!).queryByText(s('inbox.overdue'))).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent(s('inbox.overdueCount', { count: 1 }));
    expect(service.callsTo('GET', '/applications')[0]!.query.get('status')).toBe('received,beingLookedAt');
  });

  it('filters by status and type', async () => {
    const service = signedInService('omu').on('GET', '/applications', { status: 200, body: { items: [], next: null } });
    renderConsole(service, { lang, path: '/applications' });
    await screen.findByRole('status');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: s('inbox.filterStatus') }), s('applicationStatus.declined'));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: s('inbox.filterType') }), s('applicationType.seeMyPom'));
    await userEvent.click(screen.getByRole('button', { name: s('inbox.apply') }));
    await vi.waitFor(() => expect(service.callsTo('GET', '/applications')).toHaveLength(2));
    const last = service.callsTo('GET', '/applications').at(-1)!;
    expect(last.query.get('status')).toBe('declined');
    expect(last.query.get('type')).toBe('seeMyPom');
  });
});

describe.each(languages)('one application (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);
  const path = `/applications/${id}`;

  it('shows what the person wrote; an empty reply is refused; a reply is sent with the CSRF token and shown', async () => {
    const service = signedInService('pom')
      .on('GET', `/applications/${id}`, { status: 200, body: detail() })
      .on('POST', `/applications/${id}/reply`, (call) => ({
        status: 200,
        body: detail({ status: 'answered', updatedAt: '2026-03-03T10:00:00.000Z', messages: [{ id: 'm1', at: '2026-03-03T10:00:00.000Z', text: (call.body as { text: string }).text }] }),
      }));
    renderConsole(service, { lang, path });
    expect(await screen.findByRole('heading', { level: 1, name: s('application.title', { reference: 'OMU-7F3K' }) })).toBeInTheDocument();
    expect(screen.getByText('Please can I have a copy of my OASys?')).toBeInTheDocument();

    const replyForm = screen.getByRole('form', { name: s('application.replyTitle') });
    await userEvent.click(within(replyForm).getByRole('button', { name: s('application.replySubmit') }));
    expect(within(replyForm).getByRole('link', { name: s('application.errors.wordsMissing') })).toHaveAttribute('href', '#reply-text');
    expect(service.callsTo('POST', `/applications/${id}/reply`)).toHaveLength(0);

    const box = within(replyForm).getByRole('textbox', { name: s('application.replyLabel') });
    await userEvent.type(box, 'Your POM will see you on Tuesday.');
    expect(within(replyForm).getByText(s('form.charactersLeft', { count: 2000 - 33 }))).toBeInTheDocument();
    await userEvent.click(within(replyForm).getByRole('radio', { name: s('application.replyKeepOpen') }));
    await userEvent.click(within(replyForm).getByRole('button', { name: s('application.replySubmit') }));
    expect(await screen.findByText(s('application.done.reply'))).toBeInTheDocument();
    const sent = service.callsTo('POST', `/applications/${id}/reply`)[0]!;
    expect(sent.body).toEqual({ text: 'Your POM will see you on Tuesday.', status: 'beingLookedAt' });
    expect(sent.headers['x-csrf-token']).toBe(csrf);
    expect(screen.getByText('Your POM will see you on Tuesday.')).toBeInTheDocument();
  });

  it('a refused reply keeps the words and says why', async () => {
    const service = signedInService('pom')
      .on('GET', `/applications/${id}`, { status: 200, body: detail() })
      .on('POST', `/applications/${id}/reply`, apiError(409, 'threadFull'));
    renderConsole(service, { lang, path });
    const replyForm = await screen.findByRole('form', { name: s('application.replyTitle') });
    await userEvent.type(within(replyForm).getByRole('textbox', { name: s('application.replyLabel') }), 'Words to keep.');
    await userEvent.click(within(replyForm).getByRole('button', { name: s('application.replySubmit') }));
    expect(await within(replyForm).findByRole('link', { name: s('errors.threadFull') })).toBeInTheDocument();
    expect(within(replyForm).getByRole('textbox', { name: s('application.replyLabel') })).toHaveValue('Words to keep.');
  });

  it('declining needs a reason from the fixed list and words; then both are sent', async () => {
    const service = signedInService('omu')
      .on('GET', `/applications/${id}`, { status: 200, body: detail() })
      .on('POST', `/applications/${id}/decline`, { status: 200, body: detail({ status: 'declined', declineReason: 'notForOmu', updatedAt: '2026-03-03T10:00:00.000Z' }) });
    renderConsole(service, { lang, path });
    const form = await screen.findByRole('form', { name: s('application.declineTitle') });
    await userEvent.click(within(form).getByRole('button', { name: s('application.declineSubmit') }));
    expect(within(form).getByRole('link', { name: s('application.errors.reasonMissing') })).toHaveAttribute('href', '#decline-reason');
    expect(within(form).getByRole('link', { name: s('application.errors.wordsMissing') })).toHaveAttribute('href', '#decline-text');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: s('application.declineReason') }), s('declineReason.notForOmu'));
    await userEvent.type(within(form).getByRole('textbox', { name: s('application.declineLabel') }), 'Healthcare can help with this.');
    await userEvent.click(within(form).getByRole('button', { name: s('application.declineSubmit') }));
    expect(await screen.findByText(s('application.done.decline'))).toBeInTheDocument();
    expect(service.callsTo('POST', `/applications/${id}/decline`)[0]!.body).toEqual({ reason: 'notForOmu', text: 'Healthcare can help with this.' });
  });

  it('changes the status and closes; a refusal says why', async () => {
    const service = signedInService('omu')
      .on('GET', `/applications/${id}`, { status: 200, body: detail() })
      .on('POST', `/applications/${id}/status`, apiError(409, 'alreadyOpen'))
      .on('POST', `/applications/${id}/close`, { status: 200, body: detail({ status: 'closed', updatedAt: '2026-03-03T10:00:00.000Z' }) });
    renderConsole(service, { lang, path });
    const statusForm = await screen.findByRole('form', { name: s('application.statusTitle') });
    await userEvent.click(within(statusForm).getByRole('radio', { name: s('applicationStatus.beingLookedAt') }));
    await userEvent.click(within(statusForm).getByRole('button', { name: s('application.statusSubmit') }));
    expect(await within(statusForm).findByRole('link', { name: s('errors.alreadyOpen') })).toBeInTheDocument();
    expect(service.callsTo('POST', `/applications/${id}/status`)[0]!.body).toEqual({ status: 'beingLookedAt' });

    const closeForm = screen.getByRole('form', { name: s('application.closeTitle') });
    await userEvent.click(within(closeForm).getByRole('button', { name: s('application.closeSubmit') }));
    expect(await screen.findByText(s('application.done.close'))).toBeInTheDocument();
    expect(service.callsTo('POST', `/applications/${id}/close`)[0]!.body).toEqual({});
    // A closed application offers no more actions.
    expect(screen.queryByRole('form', { name: s('application.closeTitle') })).toBeNull();
  });

  it('shows the fields of its type in words: a choice, a date, and a goal by its title from the person’s plan', async () => {
    const review = detail({ type: 'reviewMyOasys', fields: { lastReviewOn: '2025-11-02', reason: 'looksLate' } });
    const question = detail({ id: '01890a5d-ac96-774b-bcce-b302099a8058', type: 'questionAboutMyPlan', fields: { objective: 'goal-1' } });
    const service = signedInService('pom')
      .on('GET', `/applications/${review.id}`, { status: 200, body: review })
      .on('GET', `/applications/${question.id}`, { status: 200, body: question })
      .on('GET', '/people/A1234BC', { status: 200, body: personDetail() });
    const first = renderConsole(service, { lang, path: `/applications/${review.id}` });
    const reason = await screen.findByText(s('applicationField.reason'));
    expect(reason.nextElementSibling).toHaveTextContent(s('applicationFieldValue.looksLate'));
    expect(screen.getByText(s('applicationField.lastReviewOn')).nextElementSibling).toHaveTextContent(lang === 'en' ? '2 November 2025' : '2 Tachwedd 2025');
    // In the order the person's form asks them.
    expect(reason.compareDocumentPosition(screen.getByText(s('applicationField.lastReviewOn'))) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    first.unmount();
    renderConsole(service, { lang, path: `/applications/${question.id}` });
    const goal = await screen.findByText(s('applicationField.objective'));
    await vi.waitFor(() => expect(goal.nextElementSibling).toHaveTextContent('I will get a maths certificate'));
  });

  it('the real plain-words check: jargon with a plainer word, a glossary term, an unknown acronym; advice only', async () => {
    const service = signedInService('pom')
      .on('GET', `/applications/${id}`, { status: 200, body: detail() })
      .on('POST', `/applications/${id}/reply`, { status: 200, body: detail({ status: 'answered', updatedAt: '2026-03-03T10:00:00.000Z' }) });
    renderConsole(service, { lang, path, checker: plainWordsChecker });
    const replyForm = await screen.findByRole('form', { name: s('application.replyTitle') });
    const words = lang === 'en' ? 'Your POM will assist you with the XYZQ form.' : 'Bydd eich POM yn helpu gyda ffurflen XYZQ.';
    await userEvent.type(within(replyForm).getByRole('textbox', { name: s('application.replyLabel') }), words);
    const advice = await within(replyForm).findByText(/./, { selector: '.staff-plain-words p' });
    expect(advice.textContent).toMatch(new RegExp(s('plainWords.title', { count: 99 }).split(' ')[0]!));
    expect(within(replyForm).getByText(s('plainWords.unexplainedAcronym', { text: 'XYZQ' }), { exact: false })).toBeInTheDocument();
    expect(within(replyForm).getByText(new RegExp(`“POM”`))).toBeInTheDocument();
    if (lang === 'en') expect(within(replyForm).getByText(s('plainWords.jargon', { text: 'assist', plainer: 'help' }), { exact: false })).toBeInTheDocument();
    await userEvent.click(within(replyForm).getByRole('button', { name: s('application.replySubmit') }));
    expect(await screen.findByText(s('application.done.reply'))).toBeInTheDocument();
  });

  it('gives plain-words advice from the checker as staff type, never blocking the reply', async () => {
    const service = signedInService('pom')
      .on('GET', `/applications/${id}`, { status: 200, body: detail() })
      .on('POST', `/applications/${id}/reply`, { status: 200, body: detail({ status: 'answered', updatedAt: '2026-03-03T10:00:00.000Z' }) });
    const checker = (text: string) => (text.includes('OASys') ? [{ messageKey: 'none', start: text.indexOf('OASys'), end: text.indexOf('OASys') + 5 }] : []);
    renderConsole(service, { lang, path, checker });
    const replyForm = await screen.findByRole('form', { name: s('application.replyTitle') });
    await userEvent.type(within(replyForm).getByRole('textbox', { name: s('application.replyLabel') }), 'Your OASys is ready.');
    expect(await within(replyForm).findByText(s('plainWords.title', { count: 1 }))).toBeInTheDocument();
    expect(within(replyForm).getByText('OASys', { selector: 'q' })).toBeInTheDocument();
    await userEvent.click(within(replyForm).getByRole('button', { name: s('application.replySubmit') }));
    expect(await screen.findByText(s('application.done.reply'))).toBeInTheDocument();
  });
});
