import { describe, expect, it } from 'vitest';
import { checkApplication } from '../../src/app/features/applications/check.ts';
import { moveLegacyDraft, replyTimes } from '../../src/app/features/applications/data.ts';
import { isEmptyDraft, isOpen, openOfType, type Row, statusOf, toDraft } from '../../src/app/features/applications/model.ts';
import { answeredCount, fromSubmission, placesOf, toDraft as toQuestionnaireDraft, toSubmission, withAnswer } from '../../src/app/features/questionnaire/draft.ts';
import { withReplacements } from '../../src/app/features/questionnaire/sent.ts';
import { loadDeviceMode, replyTimesStorageKey } from '../../src/app/session/device-mode.ts';
import type { ItemView } from '../../src/app/sync/outbox.ts';
import { isNewReply } from '../../src/app/sync/replies-seen.ts';
import { readDate } from '../../src/app/ui/date-parts.ts';
import { roomLeft } from '../../src/app/ui/text-room.ts';
import type { ApplicationReply } from '../../src/domain/application.ts';
import { QuestionnaireAnswers } from '../../src/domain/questionnaire.ts';
import { saq1 } from '../../src/domain/questionnaire-sets.ts';
import { defaultReplyTimes } from '../../src/domain/reply-times.ts';

describe('room left in a box of text, in words people use', () => {
  it('counts about six letters a word, then letters near the end, then how much too much', () => {
    expect(roomLeft(0, 500)).toEqual({ key: 'wordsLeft', count: 83, over: false });
    expect(roomLeft(470, 500)).toEqual({ key: 'wordsLeft', count: 5, over: false });
    expect(roomLeft(471, 500)).toEqual({ key: 'lettersLeft', count: 29, over: false });
    expect(roomLeft(499, 500)).toEqual({ key: 'lettersLeft', count: 1, over: false });
    expect(roomLeft(500, 500)).toEqual({ key: 'full', count: 0, over: false });
    expect(roomLeft(501, 500)).toEqual({ key: 'lettersOver', count: 1, over: true });
    expect(roomLeft(530, 500)).toEqual({ key: 'wordsOver', count: 5, over: true });
  });
});

describe('dates typed in three boxes', () => {
  it('is empty, a real date, or not a real date', () => {
    expect(readDate({ day: '', month: ' ', year: '' })).toEqual({ kind: 'empty' });
    expect(readDate({ day: '1', month: '2', year: '2025' })).toEqual({ kind: 'date', iso: '2025-02-01' });
    for (const parts of [
      { day: '31', month: '2', year: '2025' },
      { day: '1', month: '13', year: '2025' },
      { day: '1', month: '2', year: '25' },
      { day: 'x', month: '2', year: '2025' },
      { day: '1', month: '', year: '2025' },
    ])
      expect(readDate(parts), JSON.stringify(parts)).toEqual({ kind: 'notReal' });
  });
});

const view = (id: string, state: ItemView['state'], extra: Partial<ItemView> = {}): ItemView => ({ id, kind: 'application', createdAt: '2026-11-20T10:00:00Z', state, ...extra });
const reply = (applicationId: string, status: ApplicationReply['status'], messages = 0, type?: ApplicationReply['type']): ApplicationReply => ({
  applicationId,
  personId: 'p',
  status,
  ...(type ? { type } : {}),
  messages: Array.from({ length: messages }, (_, i) => ({ id: `m${i}`, at: '2026-11-21T10:00:00Z', text: 'Hello.' })),
  updatedAt: '2026-11-21T10:00:00Z',
});
const application = (id: string, type: 'seeMyPom' | 'other') => ({ id, type, details: 'x', createdAt: '2026-11-20T10:00:00Z' });

describe('one status line, and which applications are open', () => {
  it('says the device\'s state until the OMU has it, then the OMU\'s; turned down wins', () => {
    expect(statusOf({ view: view('a', 'waiting'), reply: null })).toBe('waiting');
    expect(statusOf({ view: view('a', 'sending'), reply: null })).toBe('sending');
    expect(statusOf({ view: view('a', 'sent'), reply: null })).toBe('sent');
    expect(statusOf({ view: view('a', 'sent'), reply: reply('a', 'beingLookedAt') })).toBe('beingLookedAt');
    expect(statusOf({ view: view('a', 'rejected'), reply: null })).toBe('rejected');
    expect(statusOf({ view: null, reply: reply('a', 'answered') })).toBe('answered');
  });

  it('counts as open while on its way or with the OMU, never when done, turned down or unreadable', () => {
    const row = (v: ItemView | null, r: ApplicationReply | null, type: 'seeMyPom' | 'other' = 'seeMyPom'): Row => ({ id: v?.id ?? r!.applicationId, view: v, application: v ? application(v.id, type) : null, reply: r });
    expect(isOpen(row(view('a', 'waiting'), null))).toBe(true);
    expect(isOpen(row(view('a', 'sent'), reply('a', 'received')))).toBe(true);
    expect(isOpen(row(view('a', 'sent'), reply('a', 'answered')))).toBe(false);
    expect(isOpen(row(view('a', 'sent'), reply('a', 'declined')))).toBe(false);
    expect(isOpen(row(view('a', 'rejected'), null))).toBe(false);
    expect(isOpen(row(view('a', 'unreadable'), null))).toBe(false);
    const rows = [row(view('b', 'sent'), reply('b', 'closed')), row(view('c', 'waiting'), null, 'other'), row(null, reply('d', 'beingLookedAt', 0, 'seeMyPom'))];
    expect(openOfType(rows, 'other')?.id).toBe('c');
    // Known from the reply alone (the application is not on this device).
    expect(openOfType(rows, 'seeMyPom')?.id).toBe('d');
    expect(openOfType(rows, 'copyOfOasys')).toBeNull();
  });
});

describe('drafts of applications', () => {
  it('reads back only what fits, from any version', () => {
    expect(toDraft({ type: 'seeMyPom', fields: { howSoon: 'soon', odd: 3 }, details: 'Hi' })).toEqual({ type: 'seeMyPom', fields: { howSoon: 'soon' }, details: 'Hi' });
    expect(toDraft({ details: 'Hi' })).toBeNull();
    expect(toDraft({ details: 'Hi' }, 'other')).toEqual({ type: 'other', fields: {}, details: 'Hi' });
    expect(toDraft('nonsense')).toBeNull();
    expect(isEmptyDraft({ type: 'other', fields: { course: ' ' }, details: '  ' })).toBe(true);
  });

  it('moves the one draft of the app before types to its type, unless that type has one', async () => {
    const store = new Map<string, unknown>([['application', { type: 'copyOfOasys', details: 'Old words' }]]);
    const readDraft = async (name: string) => store.get(name) ?? null;
    const saveDraft = async (name: string, value: unknown) => void (value === null ? store.delete(name) : store.set(name, value));
    await moveLegacyDraft(readDraft, saveDraft);
    expect(Object.fromEntries(store)).toEqual({ 'application.copyOfOasys': { type: 'copyOfOasys', fields: {}, details: 'Old words' } });
    store.set('application', { type: 'copyOfOasys', details: 'Older words' });
    await moveLegacyDraft(readDraft, saveDraft);
    expect(store.get('application.copyOfOasys')).toMatchObject({ details: 'Old words' });
    expect(store.has('application')).toBe(false);
  });
});

describe('checking an application before it is sent', () => {
  const context = { today: '2026-11-23', goalIds: new Set(['o1']), alreadyOpen: false };
  it('names each problem in the order of the form, and gives what would be sent', () => {
    const checked = checkApplication({ type: 'reviewMyOasys', fields: { lastReviewOn: '2027-1-1' }, details: '' }, context);
    expect(checked.problems.map((p) => `${p.at}:${p.kind}`)).toEqual(['field:required', 'field:dateInFuture', 'details:required']);
    expect(checked.application).toBeNull();
    const ok = checkApplication({ type: 'reviewMyOasys', fields: { reason: 'looksLate', lastReviewOn: '2025-3-7' }, details: ' Please. ' }, context);
    expect(ok.problems).toEqual([]);
    expect(ok.application).toEqual({ type: 'reviewMyOasys', fields: { reason: 'looksLate', lastReviewOn: '2025-03-07' }, details: 'Please.' });
  });

  it('refuses a goal no longer in the plan, a field of another type, and an open type; takes hidden characters out', () => {
    expect(checkApplication({ type: 'disagreeWithPlan', fields: { objective: 'o9' }, details: 'x' }, context).problems.map((p) => p.kind)).toEqual(['goalGone']);
    // A field the type does not have is not sent (a type changed after it was written).
    expect(checkApplication({ type: 'other', fields: { objective: 'o1' }, details: 'x' }, context).application).toEqual({ type: 'other', details: 'x' });
    expect(checkApplication({ type: 'other', fields: {}, details: 'x' }, { ...context, alreadyOpen: true }).problems.map((p) => p.kind)).toEqual(['alreadyOpen']);
    const hidden = checkApplication({ type: 'askAboutCourse', fields: { want: 'findOutMore', course: 'TSP\u0007' }, details: 'Hi\u0000 there' }, context);
    expect(hidden.problems.map((p) => `${p.at}:${p.kind}`)).toEqual(['field:hiddenCharacters', 'details:hiddenCharacters']);
    expect(hidden.cleaned).toMatchObject({ fields: { course: 'TSP' }, details: 'Hi there' });
  });
});

describe('usual reply times on the device', () => {
  const storage = (value: string | null) => ({ getItem: (key: string) => (key === replyTimesStorageKey ? value : null) });
  it('are remembered from /config.json for offline use, with the device mode', async () => {
    const kept = new Map<string, string>();
    const memory = { getItem: (key: string) => kept.get(key) ?? null, setItem: (key: string, value: string) => void kept.set(key, value) };
    const times = { ...defaultReplyTimes, other: { workingDays: 4 } };
    const mode = await loadDeviceMode(async () => new Response(JSON.stringify({ deviceMode: 'kiosk', replyTimes: times })), memory);
    expect(mode).toBe('kiosk');
    expect(replyTimes(memory).other).toEqual({ workingDays: 4 });
    // Offline later: still there.
    expect(await loadDeviceMode(async () => Promise.reject(new TypeError('offline')), memory)).toBe('kiosk');
    expect(replyTimes(memory).other).toEqual({ workingDays: 4 });
  });

  it('uses what the deployment said when it is a full, valid table; the defaults otherwise', () => {
    const times = { ...defaultReplyTimes, seeMyPom: { workingDays: 2 } };
    expect(replyTimes(storage(JSON.stringify(times))).seeMyPom).toEqual({ workingDays: 2 });
    expect(replyTimes(storage(JSON.stringify({ seeMyPom: { workingDays: 2 } })))).toEqual(defaultReplyTimes);
    expect(replyTimes(storage('{not json'))).toEqual(defaultReplyTimes);
    expect(replyTimes(storage(null))).toEqual(defaultReplyTimes);
  });
});

describe('what counts as a new reply', () => {
  it('is a message not seen yet, or an end (answered, declined, closed) not seen yet; "received" is not news', () => {
    expect(isNewReply(reply('a', 'received'), undefined)).toBe(false);
    expect(isNewReply(reply('a', 'beingLookedAt'), undefined)).toBe(false);
    expect(isNewReply(reply('a', 'beingLookedAt', 1), undefined)).toBe(true);
    expect(isNewReply(reply('a', 'answered', 1), { messages: 1, status: 'answered' })).toBe(false);
    expect(isNewReply(reply('a', 'answered', 2), { messages: 1, status: 'answered' })).toBe(true);
    expect(isNewReply(reply('a', 'declined'), { messages: 0, status: 'beingLookedAt' })).toBe(true);
  });
});

describe('a self-assessment while it is filled in', () => {
  it('keeps what fits its question set, notes as written (even over the limit), and where the person was', () => {
    const long = 'x'.repeat(2000);
    const draft = toQuestionnaireDraft({
      questionSet: 'saq-1',
      answers: { 'home.placeToLive': { choice: 'problem', note: long }, 'home.keepingHome': { choice: 'agree' }, 'x.y': { choice: 'problem' }, 'change.workOn': { choice: 'problem', note: 'Reading' } },
      mode: 'section',
      at: { section: 'money', question: 9 },
    });
    expect(draft).toEqual({
      questionSet: 'saq-1',
      answers: { 'home.placeToLive': { choice: 'problem', note: long }, 'change.workOn': { note: 'Reading' } },
      mode: 'section',
      at: { section: 'money', question: 2 },
    });
    expect(toQuestionnaireDraft({ questionSet: 'saq-0', answers: {} })).toBeNull();
  });

  it('drops an answer with nothing in it, counts what is answered, and places every question', () => {
    const start = { questionSet: 'saq-1', answers: {}, mode: 'one' as const, at: null };
    const one = withAnswer(start, 'home.placeToLive', { choice: 'sometimes' });
    expect(withAnswer(one, 'home.placeToLive', { note: '' }).answers).toEqual({});
    expect(answeredCount(saq1.sections[0]!.questions, one.answers)).toBe(1);
    const places = placesOf(saq1);
    expect(places[0]).toMatchObject({ section: 'home', sectionNumber: 1, inSection: 0, number: 1 });
    expect(places.at(-1)).toMatchObject({ section: 'change', inSection: 3, number: places.length });
  });

  it('is sent dated, with notes trimmed, in the shared shape; and comes back to change', () => {
    const answers = Object.fromEntries(placesOf(saq1).filter((p) => p.question.required).map((p) => [p.question.id, { choice: 'notSure' as const }]));
    const draft = { questionSet: 'saq-1', answers: { ...answers, 'change.workOn': { note: '  Reading  ' } }, mode: 'one' as const, at: null, replaces: '0190a5b2-1c3d-7e4f-8a9b-0c1d2e3f4a5b' };
    const sent = toSubmission(draft, { id: '0190a5b2-1c3d-7e4f-8a9b-0c1d2e3f4a5c', createdAt: '2026-11-23T10:00:00Z', completedOn: '2026-11-23' });
    expect(QuestionnaireAnswers.safeParse(sent).success).toBe(true);
    expect(sent.answers['change.workOn']).toEqual({ note: 'Reading' });
    expect(sent.replaces).toBe(draft.replaces);
    expect(fromSubmission(sent, 'section')).toMatchObject({ replaces: sent.id, mode: 'section', answers: sent.answers });
  });

  it('marks each one that counts as replaced by the next newer one that counts', () => {
    const q = (id: string, state: ItemView['state']) => ({ view: { ...view(id, state), kind: 'questionnaire' as const }, answers: null });
    const list = withReplacements([q('0190-1', 'sent'), q('0190-2', 'rejected'), q('0190-3', 'waiting'), q('0190-4', 'unreadable')]);
    expect(list.map((entry) => [entry.view.id, entry.replacedBy?.view.id ?? null])).toEqual([
      ['0190-4', null],
      ['0190-3', null],
      ['0190-2', null],
      ['0190-1', '0190-3'],
    ]);
  });
});
