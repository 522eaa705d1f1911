import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, StaffQuestionnaireDetail } from '../../../src/domain/staff.ts';
import cyQuestionnaire from '../../../locales/cy/questionnaire.json' with { type: 'json' };
import enQuestionnaire from '../../../locales/en/questionnaire.json' with { type: 'json' };
import { languages, renderConsole, signedInService, w } from './console-world.tsx';

const questionnaireWords = { en: enQuestionnaire['saq-1'], cy: cyQuestionnaire['saq-1'] };

const alex = { personId: 'p_alex', prisonNumber: 'A1234BC', displayName: 'Alex Smith', prisonId: 'NTH' };

function entry(seq: number, action: AuditEntry['action'], at: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { seq: String(seq), at, staffId: 'st_omu', systemId: null, action, prisonId: 'NTH', personId: 'p_alex', entity: null, entityId: null, details: {}, addressHash: 'a'.repeat(64), by: 'Olu Omu', ...overrides };
}

const questionnaire: StaffQuestionnaireDetail = {
  id: '01890a5d-ac96-774b-bcce-b302099a8099',
  questionSet: 'saq-1',
  completedOn: '2026-02-20',
  person: alex,
  createdAt: '2026-02-20T09:00:00.000Z',
  receivedAt: '2026-02-20T09:01:00.000Z',
  replacedBy: null,
  answerCount: 2,
  answers: { 'work.readingWriting': {}, 'home.placeToLive': { choice: 'problem', note: 'My flat is gone.' } },
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(languages)('the audit trail (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it("shows a person's trail newest first, read only, and loads older entries", async () => {
    const service = signedInService('omu').on('GET', '/audit', (call) =>
      call.query.get('before')
        ? { status: 200, body: { entries: [entry(1, 'signIn', '2026-03-01T08:00:00.000Z')], next: null } }
        : {
            status: 200,
            body: {
              entries: [
                entry(5, 'savePlan', '2026-03-03T09:00:00.000Z', { staffId: null, systemId: 'sys_cases', by: 'Case notes system' }),
                entry(4, 'savePlan', '2026-03-02T16:00:00.000Z', { staffId: 'st_pom', by: 'Priya Shah' }),
                entry(3, 'reply', '2026-03-02T14:05:00.000Z', { entity: 'application', entityId: 'OMU-7F3K' }),
                entry(2, 'viewApplication', '2026-03-02T14:00:00.000Z'),
              ],
              next: '2',
              subject: 'Alex Smith',
            },
          },
    );
    renderConsole(service, { lang, path: '/audit?personId=p_alex&name=Alex%20Smith' });
    const table = await screen.findByRole('table', { name: 'Alex Smith' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual([s('auditAction.savePlan'), s('auditAction.savePlan'), s('auditAction.reply'), s('auditAction.viewApplication')]);
    // Who acted, by name: a connected system, another member of staff, and the member looking.
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual([s('audit.system', { name: 'Case notes system' }), 'Priya Shah', s('audit.you'), s('audit.you')]);
    expect(within(rows[2]!).getByRole('rowheader')).toHaveTextContent('14:05');
    expect(service.callsTo('GET', '/audit')[0]!.query.get('personId')).toBe('p_alex');
    // Nothing on the page changes the trail.
    expect(screen.queryByRole('textbox')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: s('audit.more') }));
    expect(await within(table).findByText(s('auditAction.signIn'))).toBeInTheDocument();
    expect(service.callsTo('GET', '/audit')[1]!.query.get('before')).toBe('2');
    expect(screen.queryByRole('button', { name: s('audit.more') })).toBeNull();
  });

  it('a POM cannot open the audit trail', async () => {
    renderConsole(signedInService('pom'), { lang, path: '/audit' });
    expect(await screen.findByRole('heading', { level: 1, name: s('notAllowed.title') })).toBeInTheDocument();
  });
});

describe.each(languages)('questionnaires (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('lists those received, opens one to read with the questions in the person’s words, in the set’s order, and prints it', async () => {
    const words = questionnaireWords[lang];
    const { answers: _answers, ...summary } = questionnaire;
    const service = signedInService('pom')
      .on('GET', '/questionnaires', { status: 200, body: { items: [summary], next: null } })
      .on('GET', `/questionnaires/${questionnaire.id}`, { status: 200, body: questionnaire });
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderConsole(service, { lang, path: '/questionnaires' });
    const table = await screen.findByRole('table', { name: s('questionnaires.caption') });
    await userEvent.click(within(table).getByRole('link', { name: 'Alex Smith (A1234BC)' }));
    expect(await screen.findByRole('heading', { level: 1, name: s('questionnaire.title', { name: 'Alex Smith' }) })).toBeInTheDocument();
    const home = screen.getByRole('region', { name: words.sections.home.title });
    expect(within(home).getByRole('term')).toHaveTextContent(words.questions.home.placeToLive);
    expect(within(home).getByText(words.scale.problem)).toBeInTheDocument();
    expect(within(home).getByText('My flat is gone.')).toBeInTheDocument();
    const work = screen.getByRole('region', { name: words.sections.work.title });
    expect(within(work).getByRole('term')).toHaveTextContent(words.questions.work.readingWriting);
    expect(within(work).getByText(s('questionnaire.noAnswer'))).toBeInTheDocument();
    // The set's order: where I live comes before learning and work, whatever order the answers came in.
    expect(home.compareDocumentPosition(work) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: s('questionnaire.print') }));
    expect(print).toHaveBeenCalledOnce();
  });
});
