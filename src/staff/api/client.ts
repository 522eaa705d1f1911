import type { z } from 'zod';
import {
  ConnectedSystemList,
  EnrolPersonResponse,
  NewSystemResponse,
  OneTimePinResponse,
  PutPlanResponse,
  StaffPeoplePage,
  StaffPersonDetail,
  StaffPersonSummary,
  StaffProgressNotes,
  type ConnectedSystem,
  type EnrolPersonRequest,
  type PutPlanRequest,
} from '../../domain/staff-people.ts';
import {
  AuditPage,
  csrfHeaderName,
  StaffAccount,
  StaffAccountList,
  StaffPomList,
  staffApiBase,
  StaffApiError,
  StaffApplicationDetail,
  StaffApplicationPage,
  StaffQuestionnaireDetail,
  StaffQuestionnairePage,
  StaffReplyTimes,
  StaffSessionInfo,
  type ChangePasswordRequest,
  type DeclineRequest,
  type NewStaffAccountRequest,
  type ReplyRequest,
  type StaffSignInRequest,
  type StatusChangeRequest,
} from '../../domain/staff.ts';

/**
 * The console's one way to the staff API: same-origin requests with the session cookie, the CSRF
 * token on every POST and PUT, every answer checked against the shared schema. An error answer
 * becomes a `StaffApiFailure` with the service's code and the field at fault.
 */
export class StaffApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, code: string, message: string, field?: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'StaffApiFailure';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The code given when the network or the service could not be reached at all. */
export const unreachableCode = 'unreachable';

export type StaffApiHooks = {
  /** The clock (tests pass their own). */
  now?: () => number;
  /** The service said the sign-in has ended (401 on anything but sign-in). */
  onSignedOut?: () => void;
};

export type ApplicationQuery = { status?: readonly string[]; type?: readonly string[]; olderThanDays?: number; after?: string };
export type PeopleQuery = { q?: string; mine?: boolean; after?: string };
export type AuditSubject = { personId: string } | { staffId: string };

type Method = 'GET' | 'POST' | 'PUT';

export function createStaffApi(hooks: StaffApiHooks = {}, fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)) {
  let csrfToken: string | null = null;
  const now = hooks.now ?? Date.now;
  // Every answer from the service (any status) starts the sign-in's idle clock again, there as here.
  let lastAnswerAt = now();

  async function call<T extends z.ZodType>(method: Method, path: string, schema: T | null, body?: unknown): Promise<z.infer<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      if (csrfToken) headers[csrfHeaderName] = csrfToken;
    }
    let response: Response;
    try {
      response = await fetchImpl(`${staffApiBase}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
      });
    } catch {
      throw new StaffApiFailure(0, unreachableCode, 'The service could not be reached.');
    }
    lastAnswerAt = now();
    if (!response.ok) {
      const parsed = StaffApiError.safeParse(await response.json().catch(() => null));
      const retry = Number(response.headers.get('retry-after'));
      const failure = new StaffApiFailure(
        response.status,
        parsed.success ? parsed.data.code : `http${response.status}`,
        parsed.success ? parsed.data.message : response.statusText,
        parsed.success ? parsed.data.field : undefined,
        Number.isFinite(retry) && retry > 0 ? retry : undefined,
      );
      if (response.status === 401 && path !== '/sign-in' && path !== '/password') {
        csrfToken = null;
        hooks.onSignedOut?.();
      }
      throw failure;
    }
    if (schema === null || response.status === 204) return undefined as z.infer<T>;
    return schema.parse(await response.json());
  }

  const remember = (info: StaffSessionInfo) => {
    csrfToken = info.csrfToken;
    return info;
  };
  const query = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
    const text = search.toString();
    return text ? `?${text}` : '';
  };
  const id = encodeURIComponent;

  return {
    /** When the service last answered (ms since 1970). */
    lastActivity: () => lastAnswerAt,
    session: () => call('GET', '/session', StaffSessionInfo).then(remember),
    signIn: (request: StaffSignInRequest) => call('POST', '/sign-in', StaffSessionInfo, request).then(remember),
    async signOut() {
      try {
        await call('POST', '/sign-out', null);
      } finally {
        csrfToken = null;
      }
    },
    changePassword: (request: ChangePasswordRequest) => call('POST', '/password', null, request),

    listAccounts: () => call('GET', '/accounts', StaffAccountList).then((list) => list.accounts),
    listPoms: () => call('GET', '/poms', StaffPomList).then((list) => list.poms),
    addAccount: (request: NewStaffAccountRequest) => call('POST', '/accounts', StaffAccount, request),
    setAccountEnabled: (staffId: string, enabled: boolean) => call('POST', `/accounts/${id(staffId)}/${enabled ? 'enable' : 'disable'}`, StaffAccount),

    listApplications: (q: ApplicationQuery = {}) =>
      call(
        'GET',
        `/applications${query({
          status: q.status?.join(','),
          type: q.type?.join(','),
          olderThanDays: q.olderThanDays === undefined ? undefined : String(q.olderThanDays),
          after: q.after,
          limit: '100',
        })}`,
        StaffApplicationPage,
      ),
    getApplication: (applicationId: string) => call('GET', `/applications/${id(applicationId)}`, StaffApplicationDetail),
    setStatus: (applicationId: string, request: StatusChangeRequest) => call('POST', `/applications/${id(applicationId)}/status`, StaffApplicationDetail, request),
    reply: (applicationId: string, request: ReplyRequest) => call('POST', `/applications/${id(applicationId)}/reply`, StaffApplicationDetail, request),
    decline: (applicationId: string, request: DeclineRequest) => call('POST', `/applications/${id(applicationId)}/decline`, StaffApplicationDetail, request),
    close: (applicationId: string, text?: string) =>
      call('POST', `/applications/${id(applicationId)}/close`, StaffApplicationDetail, text ? { text } : {}),

    replyTimes: () => call('GET', '/reply-times', StaffReplyTimes).then((answer) => answer.replyTimes),

    listQuestionnaires: (after?: string) => call('GET', `/questionnaires${query({ after, limit: '100' })}`, StaffQuestionnairePage),
    getQuestionnaire: (questionnaireId: string) => call('GET', `/questionnaires/${id(questionnaireId)}`, StaffQuestionnaireDetail),

    audit: (subject: AuditSubject, before?: string) =>
      call('GET', `/audit${query({ ...('personId' in subject ? { personId: subject.personId } : { staffId: subject.staffId }), before, limit: '50' })}`, AuditPage),

    listPeople: (q: PeopleQuery = {}) =>
      call('GET', `/people${query({ q: q.q, mine: q.mine ? 'true' : undefined, after: q.after, limit: '50' })}`, StaffPeoplePage),
    enrol: (request: EnrolPersonRequest) => call('POST', '/people', EnrolPersonResponse, request),
    getPerson: (prisonNumber: string) => call('GET', `/people/${id(prisonNumber)}`, StaffPersonDetail),
    allocatePom: (prisonNumber: string, pomStaffId: string | null) => call('POST', `/people/${id(prisonNumber)}/pom`, StaffPersonSummary, { pomStaffId }),
    resetPin: (prisonNumber: string) => call('POST', `/people/${id(prisonNumber)}/pin`, OneTimePinResponse),
    progressNotes: (prisonNumber: string) => call('GET', `/people/${id(prisonNumber)}/progress-notes`, StaffProgressNotes),
    putPlan: (prisonNumber: string, request: PutPlanRequest) => call('PUT', `/people/${id(prisonNumber)}/plan`, PutPlanResponse, request),

    listSystems: () => call('GET', '/systems', ConnectedSystemList).then((list) => list.systems),
    addSystem: (name: string) => call('POST', '/systems', NewSystemResponse, { name }),
    revokeSystem: (systemId: string) => call('POST', `/systems/${id(systemId)}/revoke`, null).then((): ConnectedSystem | undefined => undefined),
  };
}

export type StaffApi = ReturnType<typeof createStaffApi>;
