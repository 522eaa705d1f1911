/**
 * The staff console in jsdom, with the service faked at the fetch boundary only: every request
 * goes through the console's real API client, and the fake answers as the staff API does (status,
 * JSON body, `{code, message, field}` errors). Tests find things by role and label, as staff do.
 */
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { PlanRecord } from '../../../src/domain/plan-record.ts';
import type { StaffPersonDetail } from '../../../src/domain/staff-people.ts';
import { staffApiBase, type StaffRole, type StaffSessionInfo } from '../../../src/domain/staff.ts';
import { App } from '../../../src/staff/App.tsx';
import { createStaffI18n, type StaffLanguage } from '../../../src/staff/i18n.ts';
import { type PlainWordsChecker, PlainWordsContext } from '../../../src/staff/plain-words/checker.ts';
import { SessionProvider } from '../../../src/staff/session/SessionProvider.tsx';
import enStaff from '../../../locales/en/staff.json' with { type: 'json' };
import cyStaff from '../../../locales/cy/staff.json' with { type: 'json' };

export type Call = { method: string; path: string; query: URLSearchParams; body: unknown; headers: Record<string, string> };
type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (call: Call) => Answer | Promise<Answer>;

export function fakeService() {
  const routes: Array<{ method: string; pattern: RegExp; handler: Handler }> = [];
  const calls: Call[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input), 'http://staff.test');
    const path = url.pathname.slice(staffApiBase.length);
    const method = (init?.method ?? 'GET').toUpperCase();
    const call: Call = {
      method,
      path,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])),
    };
    calls.push(call);
    const route = [...routes].reverse().find((r) => r.method === method && r.pattern.test(path));
    const answer = route ? await route.handler(call) : { status: 404, body: { code: 'notFound', message: 'Not found.' } };
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  };
  const service = {
    fetch: fetchImpl,
    calls,
    /** Answers requests to `method path` (a string is matched whole; later rules win). */
    on(method: string, path: string | RegExp, handler: Handler | Answer) {
      const pattern = typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
      routes.push({ method, pattern, handler: typeof handler === 'function' ? handler : () => handler });
      return service;
    },
    callsTo(method: string, path: string) {
      return calls.filter((c) => c.method === method && c.path === path);
    },
  };
  return service;
}
export type FakeService = ReturnType<typeof fakeService>;

export const csrf = 'c'.repeat(43);

export function sessionInfo(role: StaffRole = 'omu', overrides: Partial<StaffSessionInfo> = {}): StaffSessionInfo {
  return {
    member: { staffId: `st_${role}`, username: `${role}.north`, displayName: role === 'pom' ? 'Priya Shah' : role === 'admin' ? 'Grace Okoye' : 'Tom Hughes', role, prisonId: 'NTH' },
    prison: { prisonId: 'NTH', name: 'HMP North' },
    csrfToken: csrf,
    idleSeconds: 20 * 60,
    expiresAt: '2099-01-01T00:00:00.000Z',
    mustChangePassword: false,
    ...overrides,
  };
}

/** A service where `role` is signed in already (GET session answers). */
export function signedInService(role: StaffRole = 'omu', overrides: Partial<StaffSessionInfo> = {}): FakeService {
  return fakeService().on('GET', '/session', { status: 200, body: sessionInfo(role, overrides) });
}

export const apiError = (status: number, code: string, message = 'Plain words from the service.', field?: string): Answer => ({
  status,
  body: { code, message, ...(field ? { field } : {}) },
});

/** Renders the whole console at one address. */
export function renderConsole(service: FakeService, { path = '/', lang = 'en' as StaffLanguage, checker = null as PlainWordsChecker | null } = {}) {
  const i18n = createStaffI18n(lang);
  const result = render(
    <I18nextProvider i18n={i18n}>
      <PlainWordsContext.Provider value={checker}>
        <MemoryRouter initialEntries={[path]}>
          <SessionProvider fetchImpl={service.fetch}>
            <App />
          </SessionProvider>
        </MemoryRouter>
      </PlainWordsContext.Provider>
    </I18nextProvider>,
  );
  return { ...result, i18n };
}

type Tree = { [key: string]: string | Tree };
const words: Record<StaffLanguage, Tree> = { en: enStaff as Tree, cy: cyStaff as Tree };

/** A console string in one language, with `{{values}}` filled in (`count` picks `_one` or `_other`). */
export function w(lang: StaffLanguage, key: string, values: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = words[lang];
  const parts = key.split('.');
  for (const part of parts.slice(0, -1)) node = typeof node === 'object' ? node[part] : undefined;
  const last = parts.at(-1)!;
  const leaf = typeof node === 'object' ? (node[last] ?? (values.count === 1 ? node[`${last}_one`] : undefined) ?? node[`${last}_other`]) : undefined;
  if (typeof leaf !== 'string') throw new Error(`No "${key}" in ${lang}/staff.json`);
  return leaf.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

export const languages = ['en', 'cy'] as const satisfies readonly StaffLanguage[];

export function plan(overrides: Partial<PlanRecord> = {}): PlanRecord {
  return {
    id: 'plan-a',
    personId: 'p_alex',
    updatedAt: '2026-01-15T10:00:00.000Z',
    shareable: true,
    sentence: { type: 'determinate', sentencedOn: '2025-06-01', lengthMonths: 36 },
    keyDates: { releaseDate: '2027-06-01' },
    agreement: 'agreed',
    reviews: [{ id: 'review-1', kind: 'initialOasys', on: '2025-08-01', by: 'pom', shareable: true }],
    objectives: [
      {
        id: 'goal-1',
        area: 'employmentEducation',
        priority: 1,
        title: 'I will get a maths certificate',
        measure: 'I will pass the test.',
        status: 'active',
        dueBy: '2026-06-01',
        shareable: true,
        steps: [{ id: 'step-1', description: 'Go to class.', actor: 'you', status: 'inProgress', shareable: true }],
      },
    ],
    ...overrides,
  };
}

export function personDetail(overrides: Partial<StaffPersonDetail> = {}): StaffPersonDetail {
  return {
    personId: 'p_alex',
    prisonNumber: 'A1234BC',
    displayName: 'Alex Smith',
    prisonId: 'NTH',
    pomStaffId: 'st_pom',
    pomName: 'Priya Shah',
    enrolledAt: '2026-01-10T09:00:00.000Z',
    mustChangePin: false,
    planVersion: 3,
    planSavedAt: '2026-01-15T10:00:00.000Z',
    openApplications: 1,
    plan: { version: 3, savedAt: '2026-01-15T10:00:00.000Z', savedBy: { kind: 'staff', staffId: 'st_pom', displayName: 'Priya Shah' }, plan: plan() },
    ...overrides,
  };
}
