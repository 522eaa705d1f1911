import { describe, expect, it } from 'vitest';
import type { ApplicationMessage } from '../../src/domain/application.ts';
import { ApplicationListQuery, AuditQuery, NewStaffAccountRequest, mayDo } from '../../src/domain/staff.ts';
import { newToken } from '../../src/server/auth/tokens.ts';
import { nextState, type ApplicationState } from '../../src/server/staff/application-changes.ts';
import { allowedStaffOrigins, isLoopbackHost, originAllowed } from '../../src/server/staff/origin-check.ts';
import { decodePosition, encodePosition } from '../../src/server/staff/page-position.ts';
import { clearedSessionCookie, csrfMatches, csrfTokenFor, readSessionCookie, sessionCookie, staffCookieName } from '../../src/server/staff/session-cookie.ts';
import { staffAttemptKeys } from '../../src/server/staff/sign-in-waits.ts';
import { invalidRequest } from '../../src/server/staff/staff-errors.ts';
import { uuidv7 } from './support/outbox.ts';

describe('the staff session cookie', () => {
  it('is HttpOnly and SameSite=Strict always, Secure with the __Host- prefix over https', () => {
    expect(sessionCookie(staffCookieName(false), 'T', false)).toBe('spc-staff=T; Path=/; HttpOnly; SameSite=Strict');
    expect(sessionCookie(staffCookieName(true), 'T', true)).toBe('__Host-spc-staff=T; Path=/; HttpOnly; SameSite=Strict; Secure');
    expect(clearedSessionCookie('spc-staff', false)).toBe('spc-staff=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });

  it('is read from among other cookies, and only when it looks like one of ours', () => {
    const token = newToken();
    expect(readSessionCookie(`theme=dark; spc-staff=${token}; other=1`, 'spc-staff')).toBe(token);
    expect(readSessionCookie(`xspc-staff=${token}`, 'spc-staff')).toBeNull();
    expect(readSessionCookie('spc-staff=short', 'spc-staff')).toBeNull();
    expect(readSessionCookie(`spc-staff=${token}x`, 'spc-staff')).toBeNull();
    expect(readSessionCookie(`__Host-spc-staff=${token}`, 'spc-staff')).toBeNull();
    expect(readSessionCookie(undefined, 'spc-staff')).toBeNull();
    expect(readSessionCookie('no equals sign; =', 'spc-staff')).toBeNull();
  });
});

describe('the CSRF token', () => {
  it('is bound to its sign-in: the same for it every time, another for every other, never the cookie itself', () => {
    const one = newToken();
    const two = newToken();
    expect(csrfTokenFor(one)).toBe(csrfTokenFor(one));
    expect(csrfTokenFor(one)).not.toBe(csrfTokenFor(two));
    expect(csrfTokenFor(one)).not.toBe(one);
    expect(csrfTokenFor(one)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('matches only exactly, whatever else is sent', () => {
    const session = newToken();
    const token = csrfTokenFor(session);
    expect(csrfMatches(session, token)).toBe(true);
    for (const wrong of [undefined, '', token.slice(1), `${token}x`, token.toUpperCase(), csrfTokenFor(newToken()), [token, token], 'é'.repeat(43)]) {
      expect(csrfMatches(session, wrong as string | undefined)).toBe(false);
    }
  });
});

describe('the Origin check', () => {
  it('takes STAFF_ORIGIN alone when set, otherwise the staff port on this machine', () => {
    expect(allowedStaffOrigins({ staffOrigin: 'https://omu.example.gov.uk', staffPort: 8081 })).toEqual(['https://omu.example.gov.uk']);
    const local = allowedStaffOrigins({ staffOrigin: undefined, staffPort: 8081 });
    expect(originAllowed('http://127.0.0.1:8081', local)).toBe(true);
    expect(originAllowed('HTTP://LOCALHOST:8081', local)).toBe(true);
    for (const bad of ['http://127.0.0.1:8080', 'https://127.0.0.1:8081', 'http://evil.example', 'null', '', undefined, ['http://127.0.0.1:8081']]) {
      expect(originAllowed(bad as string | undefined, local)).toBe(false);
    }
  });

  it('knows which hosts are this machine', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '10.0.0.1', '::', 'example.org', '127.0.0.1.example.org']) expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('what an action makes of an application', () => {
  const message = { id: 'm9', at: '2026-03-02T10:00:00.000Z' };
  const thread = (n: number): ApplicationMessage[] => Array.from({ length: n }, (_, i) => ({ id: `m${i}`, at: '2026-03-01T10:00:00.000Z', text: `Words ${i}` }));
  const received: ApplicationState = { status: 'received', declineReason: null, messages: [] };

  it('replies into the thread, answering unless kept open', () => {
    expect(nextState(received, { kind: 'reply', text: 'Yes.', status: 'answered' }, message)).toEqual({
      ok: true,
      changed: true,
      reopens: false,
      next: { status: 'answered', declineReason: null, messages: [{ ...message, text: 'Yes.' }] },
    });
    expect(nextState(received, { kind: 'reply', text: 'Soon.', status: 'beingLookedAt' }, message)).toMatchObject({ next: { status: 'beingLookedAt' } });
  });

  it('declines with its reason; any later status takes the reason away', () => {
    const declined = nextState(received, { kind: 'decline', reason: 'alreadyAsked', text: 'You asked last week.' }, message);
    expect(declined).toMatchObject({ ok: true, next: { status: 'declined', declineReason: 'alreadyAsked' }, reopens: false });
    const state = declined.ok ? declined.next : received;
    expect(nextState(state, { kind: 'close' }, message)).toMatchObject({ next: { status: 'closed', declineReason: null, messages: state.messages } });
    expect(nextState(state, { kind: 'status', status: 'beingLookedAt' }, message)).toMatchObject({ next: { declineReason: null }, reopens: true });
  });

  it('says when nothing changes, and when a finished one is opened again', () => {
    expect(nextState(received, { kind: 'status', status: 'received' }, message)).toMatchObject({ ok: true, changed: false });
    const closed: ApplicationState = { status: 'closed', declineReason: null, messages: [] };
    expect(nextState(closed, { kind: 'close' }, message)).toMatchObject({ changed: false });
    expect(nextState(closed, { kind: 'close', text: 'One more thing.' }, message)).toMatchObject({ changed: true, reopens: false });
    expect(nextState(closed, { kind: 'reply', text: 'Again.', status: 'beingLookedAt' }, message)).toMatchObject({ reopens: true });
    expect(nextState(closed, { kind: 'reply', text: 'Again.', status: 'answered' }, message)).toMatchObject({ reopens: false });
  });

  it('refuses a 51st message', () => {
    const full: ApplicationState = { status: 'beingLookedAt', declineReason: null, messages: thread(50) };
    expect(nextState(full, { kind: 'reply', text: 'More.', status: 'answered' }, message)).toEqual({ ok: false, refusal: 'threadFull' });
    expect(nextState(full, { kind: 'close' }, message)).toMatchObject({ ok: true });
  });
});

describe('page markers', () => {
  it('come back as they went, and a made-up one is refused', () => {
    const position = { at: '2026-03-01T10:00:00.000Z', id: uuidv7() };
    expect(decodePosition(encodePosition(position))).toEqual(position);
    for (const bad of ['', 'bm90LWEtbWFya2Vy', Buffer.from('2026-03-01T10:00:00.000Z|not-an-id').toString('base64url'), Buffer.from(`yesterday|${uuidv7()}`).toString('base64url'), Buffer.from(`2026-03-01T10:00:00.000Z|${uuidv7()}|x`).toString('base64url')]) {
      expect(decodePosition(bad)).toBeNull();
    }
  });
});

describe('staff request schemas and their messages', () => {
  it('reads lists as one value, commas or a repeated key, and names the field at fault', () => {
    expect(ApplicationListQuery.parse({ status: 'received,beingLookedAt', type: ['seeMyPom', 'other'] })).toMatchObject({
      status: ['received', 'beingLookedAt'],
      type: ['seeMyPom', 'other'],
      limit: 50,
    });
    const bad = ApplicationListQuery.safeParse({ type: 'seeMyPom,parole' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(invalidRequest(bad.error)).toEqual({ code: 'invalid', field: 'type', message: '"type" is not one of the values this service knows.' });
  });

  it('explains a short password and a hidden character in plain words', () => {
    const short = NewStaffAccountRequest.safeParse({ username: 'new.pom', displayName: 'New', role: 'pom', password: 'too short' });
    expect(!short.success && invalidRequest(short.error)).toMatchObject({ field: 'password', message: expect.stringContaining('at least 12 characters') });
    // Spaces round a short password do not make it long enough.
    const padded = NewStaffAccountRequest.safeParse({ username: 'new.pom', displayName: 'New', role: 'pom', password: '   short    ' });
    expect(padded.success).toBe(false);
    const hidden = NewStaffAccountRequest.safeParse({ username: 'new.pom', displayName: 'N\u0007ew', role: 'pom', password: 'long enough password' });
    expect(!hidden.success && invalidRequest(hidden.error)).toMatchObject({ field: 'displayName', message: expect.stringContaining('hidden character') });
  });

  it('asks for the trail of one person or one member of staff, not both, and no page marker past the largest number', () => {
    expect(AuditQuery.safeParse({ personId: 'p_1' }).success).toBe(true);
    expect(AuditQuery.safeParse({}).success).toBe(false);
    expect(AuditQuery.safeParse({ personId: 'p_1', staffId: 'st_1' }).success).toBe(false);
    expect(AuditQuery.safeParse({ personId: 'p_1', before: '9007199254740993' }).success).toBe(false);
  });

  it('gives each role only what it may do', () => {
    expect(['pom', 'omu', 'admin'].map((role) => mayDo(role as 'pom', 'inbox'))).toEqual([true, true, true]);
    expect(['pom', 'omu', 'admin'].map((role) => mayDo(role as 'pom', 'audit'))).toEqual([false, true, true]);
    expect(['pom', 'omu', 'admin'].map((role) => mayDo(role as 'pom', 'accounts'))).toEqual([false, false, true]);
  });

  it('counts waits under keys that hold no username or address', () => {
    const keys = staffAttemptKeys('omu.north', '10.0.0.1');
    expect(Object.values(keys).every((key) => /^[0-9a-f]{64}$/.test(key))).toBe(true);
    expect(new Set(Object.values(keys)).size).toBe(3);
    expect(staffAttemptKeys('omu.north', '10.0.0.2').account).toBe(keys.account);
    expect(staffAttemptKeys('omu.north', '10.0.0.2').pair).not.toBe(keys.pair);
  });
});
