import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StaffAccount } from '../../../src/domain/staff.ts';
import { apiError, languages, renderConsole, signedInService, w } from './console-world.tsx';

function account(overrides: Partial<StaffAccount> = {}): StaffAccount {
  return {
    staffId: 'st_pom',
    username: 'pom.north',
    displayName: 'Priya Shah',
    role: 'pom',
    prisonId: 'NTH',
    createdAt: '2026-01-01T09:00:00.000Z',
    disabledAt: null,
    mustChangePassword: false,
    ...overrides,
  };
}
const me = account({ staffId: 'st_admin', username: 'admin.north', displayName: 'Grace Okoye', role: 'admin' });
const system = { systemId: 'sys_1', name: 'Case notes tool', prisonId: 'NTH', createdAt: '2026-02-01T09:00:00.000Z', revokedAt: null };
const token = `sys_${'A'.repeat(43)}`;

describe.each(languages)('staff accounts (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('lists accounts; switching one off says so; nobody can switch off themselves from here', async () => {
    const service = signedInService('admin')
      .on('GET', '/accounts', { status: 200, body: { accounts: [me, account()] } })
      .on('POST', '/accounts/st_pom/disable', { status: 200, body: account({ disabledAt: '2026-03-01T09:00:00.000Z' }) });
    renderConsole(service, { lang, path: '/accounts' });
    const table = await screen.findByRole('table', { name: s('accounts.caption') });
    expect(within(table).queryByRole('button', { name: s('accounts.disable', { name: 'Grace Okoye' }) })).toBeNull();
    await userEvent.click(within(table).getByRole('button', { name: s('accounts.disable', { name: 'Priya Shah' }) }));
    expect(await screen.findByText(s('accounts.disabled', { name: 'Priya Shah' }))).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: s('accounts.enable', { name: 'Priya Shah' }) })).toBeInTheDocument();
    expect(within(table).getByText(s('accounts.off'))).toBeInTheDocument();
  });

  it('a POM or OMU member is told the page is not for their role', async () => {
    renderConsole(signedInService('omu'), { lang, path: '/accounts' });
    expect(await screen.findByRole('heading', { level: 1, name: s('notAllowed.title') })).toBeInTheDocument();
  });

  it('adding an account: every missing answer named, a taken username keeps everything typed, then it is added', async () => {
    const service = signedInService('admin').on('POST', '/accounts', apiError(409, 'usernameTaken'));
    renderConsole(service, { lang, path: '/accounts/new' });
    await userEvent.click(await screen.findByRole('button', { name: s('addAccount.submit') }));
    const summary = screen.getByRole('alert');
    for (const [key, href] of [
      ['username', '#username'],
      ['displayName', '#display-name'],
      ['role', '#role'],
      ['password', '#first-password'],
    ]) {
      expect(within(summary).getByRole('link', { name: s(`addAccount.errors.${key}`) })).toHaveAttribute('href', href);
    }
    await userEvent.type(screen.getByRole('textbox', { name: s('addAccount.displayName') }), 'Sam Jones');
    await userEvent.type(screen.getByRole('textbox', { name: s('addAccount.username') }), 'sam.jones');
    await userEvent.click(screen.getByRole('radio', { name: s('role.omu') }));
    await userEvent.type(screen.getByLabelText(s('addAccount.password')), 'a first password');
    await userEvent.click(screen.getByRole('button', { name: s('addAccount.submit') }));
    expect(await screen.findByRole('link', { name: s('errors.usernameTaken') })).toHaveAttribute('href', '#username');
    expect(screen.getByRole('textbox', { name: s('addAccount.displayName') })).toHaveValue('Sam Jones');
    expect(screen.getByRole('radio', { name: s('role.omu') })).toBeChecked();

    service.on('POST', '/accounts', (call) => ({ status: 201, body: account({ staffId: 'st_new', ...(call.body as object), mustChangePassword: true }) }));
    await userEvent.click(screen.getByRole('button', { name: s('addAccount.submit') }));
    expect(await screen.findByText(s('addAccount.done', { name: 'Sam Jones' }))).toBeInTheDocument();
    expect(service.callsTo('POST', '/accounts').at(-1)!.body).toEqual({ username: 'sam.jones', displayName: 'Sam Jones', role: 'omu', password: 'a first password' });
  });
});

describe.each(languages)('connected systems (%s)', (lang) => {
  const s = (key: string, values?: Record<string, string | number>) => w(lang, key, values);

  it('adding one shows its token once, with what to do; an empty name is refused first', async () => {
    const service = signedInService('admin').on('POST', '/systems', { status: 201, body: { system, token } });
    renderConsole(service, { lang, path: '/systems/new' });
    await userEvent.click(await screen.findByRole('button', { name: s('addSystem.submit') }));
    expect(screen.getByRole('link', { name: s('addSystem.errors.name') })).toHaveAttribute('href', '#system-name');
    await userEvent.type(screen.getByRole('textbox', { name: s('addSystem.name') }), 'Case notes tool');
    await userEvent.click(screen.getByRole('button', { name: s('addSystem.submit') }));
    expect(await screen.findByRole('heading', { level: 1, name: s('addSystem.doneTitle', { name: 'Case notes tool' }) })).toBeInTheDocument();
    expect(screen.getByText(token)).toBeInTheDocument();
    expect(screen.getByText(s('addSystem.once'))).toBeInTheDocument();
    expect(service.callsTo('POST', '/systems')[0]!.body).toEqual({ name: 'Case notes tool' });
  });

  it('revoking asks first, then the list shows it revoked', async () => {
    let revoked = false;
    const service = signedInService('admin')
      .on('GET', '/systems', () => ({ status: 200, body: { systems: [{ ...system, revokedAt: revoked ? '2026-03-01T09:00:00.000Z' : null }] } }))
      .on('POST', '/systems/sys_1/revoke', () => {
        revoked = true;
        return { status: 200, body: { system: { ...system, revokedAt: '2026-03-01T09:00:00.000Z' } } };
      });
    renderConsole(service, { lang, path: '/systems' });
    await userEvent.click(await screen.findByRole('button', { name: s('systems.revoke', { name: 'Case notes tool' }) }));
    expect(service.callsTo('POST', '/systems/sys_1/revoke')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: s('systems.confirmYes') }));
    expect(await screen.findByText(s('systems.revokedDone', { name: 'Case notes tool' }))).toBeInTheDocument();
    expect(await screen.findByText(s('systems.revoked', { date: lang === 'en' ? '1 March 2026' : '1 Mawrth 2026' }))).toBeInTheDocument();
  });
});
