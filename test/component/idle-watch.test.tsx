import { act, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import en from '../../locales/en/common.json' with { type: 'json' };
import { createI18n } from '../../src/app/i18n/i18n.ts';
import { IdleWatch } from '../../src/app/session/IdleWatch.tsx';
import { SessionContext, type SessionValue } from '../../src/app/session/session-context.ts';

/**
 * The idle clock counts from the last touch or key, whatever else happens on the screen. The
 * session's value changes on every page change (the router gives a new navigate function), and a
 * sync or a notice can change it too: none of that is someone using the screen.
 */

const i18n = createI18n('en');
const times = { timeoutMs: 60_000, warningMs: 20_000 }; // the warning after 40 s without use
const behind = createRef<HTMLDivElement>();

/** The session as the provider gives it: a new value (with a new idle object and sign-out) each time. */
function sessionValue(signOut: SessionValue['signOut']): SessionValue {
  return { idle: { ...times }, signOut } as unknown as SessionValue;
}

function watch(signOut: SessionValue['signOut']) {
  return (
    <I18nextProvider i18n={i18n}>
      <SessionContext.Provider value={sessionValue(signOut)}>
        <IdleWatch behind={behind} />
      </SessionContext.Provider>
    </I18nextProvider>
  );
}

const warning = () => screen.queryByRole('alertdialog', { name: en.session.idleTitle });

afterEach(() => {
  vi.useRealTimers();
});

describe('the idle clock', () => {
  it('is not started again when the session value changes without anyone using the screen', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance', 'Date'] });
    const signOut = vi.fn(async () => {});
    const view = render(watch(signOut));
    // Every 5 s for 45 s, a new session value (as after a page change or a sync), and no touch.
    for (let second = 5; second <= 45; second += 5) {
      await act(async () => {
        vi.advanceTimersByTime(5_000);
      });
      view.rerender(watch(vi.fn(signOut)));
    }
    await act(async () => {
      vi.advanceTimersByTime(1_000);
    });
    expect(warning()).toBeInTheDocument();
    await act(async () => {
      vi.advanceTimersByTime(20_000);
    });
    expect(signOut).toHaveBeenCalledWith('idle');
  });

  it('a touch, a key or a click (as a screen reader sends) starts it again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance', 'Date'] });
    const signOut = vi.fn(async () => {});
    render(watch(signOut));
    for (const use of [() => fireEvent.pointerDown(document.body), () => fireEvent.keyDown(document.body, { key: 'a' }), () => fireEvent.click(document.body)]) {
      await act(async () => {
        vi.advanceTimersByTime(35_000);
      });
      use();
    }
    await act(async () => {
      vi.advanceTimersByTime(35_000);
    });
    expect(warning()).not.toBeInTheDocument();
    await act(async () => {
      vi.advanceTimersByTime(6_000);
    });
    expect(warning()).toBeInTheDocument();
    expect(signOut).not.toHaveBeenCalled();
  });
});
