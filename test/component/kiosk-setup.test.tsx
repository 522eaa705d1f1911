import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import cy from '../../locales/cy/common.json' with { type: 'json' };
import en from '../../locales/en/common.json' with { type: 'json' };
import { readKioskDevice, withDeliveryDatabase } from '../../src/app/sync/delivery-db.ts';
import { renderApp } from './render-app.tsx';

/**
 * The kiosk set-up page, as staff use it. The service's enrolment route is tested for real in
 * test/server/support/delivery-suite.ts; here `fetch` answers as that route does.
 */
const goodCode = 'K7QM2XW9DT4B';
const credential = 'c'.repeat(43);
let offline = false;
const requests: Array<{ path: string; body: unknown }> = [];

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://kiosk.test');
  if (offline) throw new TypeError('Failed to fetch');
  const body = init?.body ? (JSON.parse(String(init.body)) as { code?: string }) : null;
  requests.push({ path: url.pathname, body });
  const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
  if (url.pathname === '/api/delivery/enrol') {
    if (body?.code === goodCode) return json(200, { deviceId: 'kiosk_1', name: 'Wing B kiosk 2', credential });
    return json(400, { code: 'wrongEnrolCode', message: 'This set-up code is not right.' });
  }
  return json(404, { code: 'notFound', message: 'There is nothing at this address.' });
}

beforeEach(() => {
  offline = false;
  requests.length = 0;
  vi.stubGlobal('fetch', fakeFetch);
});

afterEach(async () => {
  vi.unstubAllGlobals();
  for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name);
});

const codeBox = () => screen.getByRole('textbox', { name: en.kioskSetup.codeLabel });
const enrolRequests = () => requests.filter((r) => r.path === '/api/delivery/enrol');
const example = 'ABCD-2345-EFGH';

describe('kiosk set-up page', { timeout: 15_000 }, () => {
  it('is only for kiosks', async () => {
    renderApp({ path: '/kiosk-setup', session: { deviceMode: 'tablet' } });
    await screen.findByRole('heading', { level: 1, name: en.kioskSetup.title });
    expect(screen.getByText(en.kioskSetup.onlyKiosk)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('checks the code before sending, says plainly what is wrong, and keeps what was typed', async () => {
    const user = userEvent.setup();
    renderApp({ path: '/kiosk-setup', session: { deviceMode: 'kiosk' } });
    await screen.findByText(en.kioskSetup.statusNotSetUp);
    const submit = screen.getByRole('button', { name: en.kioskSetup.submit });

    await user.click(submit);
    let alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: en.kioskSetup.errors.codeMissing })).toHaveAttribute('href', '#kiosk-code');

    await user.type(codeBox(), 'K7QM-2XW9');
    await user.click(submit);
    const formatMessage = en.kioskSetup.errors.codeFormat.replace('{{example}}', example);
    alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('link', { name: formatMessage })).toBeInTheDocument();
    expect(codeBox()).toHaveAccessibleDescription(expect.stringContaining(formatMessage));
    expect(codeBox()).toHaveValue('K7QM-2XW9');
    expect(enrolRequests()).toEqual([]);

    // A code the service does not know (used, too old, or mistyped): its words, and the box keeps it.
    await user.clear(codeBox());
    await user.type(codeBox(), 'K7QM-2XW9-DT4C');
    await user.click(submit);
    await screen.findByRole('link', { name: en.kioskSetup.errors.wrongCode });
    expect(codeBox()).toHaveValue('K7QM-2XW9-DT4C');
    expect(enrolRequests()).toEqual([{ path: '/api/delivery/enrol', body: { code: 'K7QM2XW9DT4C' } }]);

    // No connection.
    offline = true;
    await user.click(submit);
    await screen.findByRole('link', { name: en.kioskSetup.errors.noConnection });
    expect(codeBox()).toHaveValue('K7QM-2XW9-DT4C');
    expect(await withDeliveryDatabase(readKioskDevice)).toBeNull();
  });

  it('sets the kiosk up with the right code, however it is typed, and keeps the credential in its own database', async () => {
    const user = userEvent.setup();
    renderApp({ path: '/kiosk-setup', session: { deviceMode: 'kiosk' } });
    await screen.findByText(en.kioskSetup.statusNotSetUp);
    await user.type(codeBox(), 'k7qm 2xw9 dt4b');
    await user.click(screen.getByRole('button', { name: en.kioskSetup.submit }));

    const banner = await screen.findByRole('region', { name: en.kioskSetup.doneTitle });
    expect(banner).toHaveTextContent(en.kioskSetup.doneText.replace('{{name}}', 'Wing B kiosk 2'));
    await screen.findByText(en.kioskSetup.statusSetUp.replace('{{name}}', 'Wing B kiosk 2'));
    expect(codeBox()).toHaveValue('');
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(async () => expect(await withDeliveryDatabase(readKioskDevice)).toMatchObject({ deviceId: 'kiosk_1', name: 'Wing B kiosk 2', credential }));
    // Not in the device database, and nothing in localStorage.
    expect(JSON.stringify({ ...localStorage })).not.toContain(credential);
  });

  it('speaks Welsh', async () => {
    renderApp({ path: '/kiosk-setup', language: 'cy', session: { deviceMode: 'kiosk' } });
    await screen.findByRole('heading', { level: 1, name: cy.kioskSetup.title });
    expect(await screen.findByText(cy.kioskSetup.statusNotSetUp)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: cy.kioskSetup.submit })).toBeInTheDocument();
  });
});
