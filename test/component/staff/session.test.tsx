import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, csrf, fakeService, languages, renderConsole, sessionInfo, signedInService, w } from './console-world.tsx';

describe.each(languages)('staff sign-in (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('says what is missing, in an error summary that takes focus, and sends nothing', async () => {
    const service = fakeService().on('GET', '/session', apiError(401, 'staffSignInNeeded'));
    renderConsole(service, { lang });
    await screen.findByRole('heading', { level: 1, name: s('signIn.title') });
    await userEvent.click(screen.getByRole('button', { name: s('signIn.submit') }));
    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('link', { name: s('signIn.errors.usernameMissing') })).toHaveAttribute('href', '#username');
    expect(within(summary).getByRole('link', { name: s('signIn.errors.passwordMissing') })).toHaveAttribute('href', '#password');
    expect(summary.parentElement).toHaveFocus();
    expect(screen.getByRole('textbox', { name: s('signIn.username') })).toHaveAccessibleDescription(`${s('form.errorPrefix')} ${s('signIn.errors.usernameMissing')}`);
    expect(service.callsTo('POST', '/sign-in')).toHaveLength(0);
  });

  it('a wrong password keeps what was typed and says so plainly; a wait says how long', async () => {
    const service = fakeService()
      .on('GET', '/session', apiError(401, 'staffSignInNeeded'))
      .on('POST', '/sign-in', apiError(401, 'wrongSignIn'));
    renderConsole(service, { lang });
    await userEvent.type(await screen.findByRole('textbox', { name: s('signIn.username') }), 'OMU.North');
    await userEvent.type(screen.getByLabelText(s('signIn.password')), 'not the password');
    await userEvent.click(screen.getByRole('button', { name: s('signIn.submit') }));
    expect(await screen.findByRole('link', { name: s('errors.wrongSignIn') })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: s('signIn.username') })).toHaveValue('OMU.North');
    expect(screen.getByLabelText(s('signIn.password'))).toHaveValue('not the password');
    expect(service.callsTo('POST', '/sign-in')[0]!.body).toEqual({ username: 'omu.north', password: 'not the password' });

    service.on('POST', '/sign-in', { ...apiError(429, 'tooManyTries'), headers: { 'retry-after': '30' } });
    await userEvent.click(screen.getByRole('button', { name: s('signIn.submit') }));
    expect(await screen.findByRole('link', { name: new RegExp(s('signIn.errors.wait', { time: '.*' }).replace(/[()]/g, '.')) })).toBeInTheDocument();
  });

  it('signs in, sends the CSRF token with what changes something, and signs out', async () => {
    const service = fakeService()
      .on('GET', '/session', apiError(401, 'staffSignInNeeded'))
      .on('POST', '/sign-in', { status: 200, body: sessionInfo('omu') })
      .on('POST', '/sign-out', { status: 204 });
    renderConsole(service, { lang });
    await userEvent.type(await screen.findByRole('textbox', { name: s('signIn.username') }), 'omu.north');
    await userEvent.type(screen.getByLabelText(s('signIn.password')), 'north-omu-demo');
    await userEvent.click(screen.getByRole('button', { name: s('signIn.submit') }));
    expect(await screen.findByRole('heading', { level: 1, name: s('home.title') })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: s('nav.label') })).toBeInTheDocument();
    // An OMU member has no admin pages in the menu.
    expect(screen.queryByRole('link', { name: s('nav.accounts') })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: s('app.signOut') }));
    expect(await screen.findByRole('heading', { level: 1, name: s('signIn.title') })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(s('signIn.signedOut'));
    expect(service.callsTo('POST', '/sign-out')[0]!.headers['x-csrf-token']).toBe(csrf);
  });
});

describe('idle warning and time-out', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('warns two minutes before the end; "stay signed in" asks the service again; then, with nothing done, the timed-out page', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const service = signedInService('pom');
    renderConsole(service);
    await screen.findByRole('heading', { level: 1, name: w('en', 'home.title') });
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await act(async () => {
      vi.advanceTimersByTime(18 * 60 * 1000 + 1000);
    });
    const dialog = screen.getByRole('alertdialog', { name: w('en', 'idle.title') });
    expect(dialog).toHaveAccessibleDescription(/2 minutes|1 minute|119 seconds|118 seconds/);
    const stay = within(dialog).getByRole('button', { name: w('en', 'idle.stay') });
    expect(stay).toHaveFocus();
    const before = service.callsTo('GET', '/session').length;
    await act(async () => {
      stay.click();
    });
    expect(service.callsTo('GET', '/session').length).toBe(before + 1);
    await act(async () => {
      vi.advanceTimersByTime(1500);
    });
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await act(async () => {
      vi.advanceTimersByTime(20 * 60 * 1000 + 2000);
    });
    expect(screen.getByRole('heading', { level: 1, name: w('en', 'timedOut.title') })).toBeInTheDocument();
    await act(async () => {
      screen.getByRole('button', { name: w('en', 'timedOut.signInAgain') }).click();
    });
    expect(screen.getByRole('heading', { level: 1, name: w('en', 'signIn.title') })).toBeInTheDocument();
  });

  it('any answer that says the sign-in has ended shows the timed-out page', async () => {
    const service = signedInService('omu').on('GET', '/applications', apiError(401, 'staffSignInNeeded'));
    renderConsole(service, { path: '/applications' });
    expect(await screen.findByRole('heading', { level: 1, name: w('en', 'timedOut.title') })).toBeInTheDocument();
  });
});

describe.each(languages)('changing the password (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('when a new password is due it is the only page; errors keep what was typed; then the console opens', async () => {
    let due = true;
    const service = fakeService()
      .on('GET', '/session', () => ({ status: 200, body: sessionInfo('omu', { mustChangePassword: due }) }))
      .on('POST', '/password', apiError(400, 'wrongCurrentPassword'));
    renderConsole(service, { lang, path: '/applications' });
    expect(await screen.findByRole('heading', { level: 1, name: s('password.forcedTitle') })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: s('nav.label') })).toBeNull();

    await userEvent.type(screen.getByLabelText(s('password.current')), 'first password set');
    await userEvent.type(screen.getByLabelText(s('password.new')), 'short');
    await userEvent.click(screen.getByRole('button', { name: s('password.submit') }));
    expect(screen.getByRole('link', { name: s('password.errors.tooShort', { count: 12 }) })).toHaveAttribute('href', '#new-password');

    await userEvent.clear(screen.getByLabelText(s('password.new')));
    await userEvent.type(screen.getByLabelText(s('password.new')), 'three good words here');
    await userEvent.type(screen.getByLabelText(s('password.again')), 'three good words there');
    await userEvent.click(screen.getByRole('button', { name: s('password.submit') }));
    expect(screen.getByRole('link', { name: s('password.errors.different') })).toHaveAttribute('href', '#new-password-again');

    await userEvent.clear(screen.getByLabelText(s('password.again')));
    await userEvent.type(screen.getByLabelText(s('password.again')), 'three good words here');
    await userEvent.click(screen.getByRole('button', { name: s('password.submit') }));
    expect(await screen.findByRole('link', { name: s('errors.wrongCurrentPassword') })).toHaveAttribute('href', '#current-password');
    expect(screen.getByLabelText(s('password.new'))).toHaveValue('three good words here');

    service.on('POST', '/password', () => {
      due = false;
      return { status: 204 };
    });
    await userEvent.click(screen.getByRole('button', { name: s('password.submit') }));
    expect(await screen.findByRole('heading', { level: 1, name: s('nav.applications') })).toBeInTheDocument();
    expect(service.callsTo('POST', '/password').at(-1)!.body).toEqual({ currentPassword: 'first password set', newPassword: 'three good words here' });
  });
});
