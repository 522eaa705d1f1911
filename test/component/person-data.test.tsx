import { act, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { type Loaded, usePersonData } from '../../src/app/session/hooks.ts';
import type { ActivePerson } from '../../src/app/session/session-context.ts';
import { createStatusStore } from '../../src/app/sync/status.ts';

/**
 * `usePersonData`: when screens read the person's sealed data. Only the sync status is used by
 * the hook, so the person here is just a status store (the real one); each read is a promise the
 * test settles by hand.
 */
function personWithStatus() {
  const status = createStatusStore();
  return { person: { sync: { status } } as unknown as ActivePerson, status };
}

function controlledReads() {
  const reads: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
  const load = () =>
    new Promise<string>((resolve, reject) => {
      reads.push({ resolve, reject });
    });
  return { reads, load };
}

const shown = (loaded: Loaded<string>) => (loaded.state === 'ready' ? loaded.value : loaded.state);

function Reader({ person, load }: { person: ActivePerson | null; load: (person: ActivePerson) => Promise<string> }) {
  return <p>{shown(usePersonData(person, load))}</p>;
}

describe('reading the person’s data for a screen', () => {
  it('starts the first read as the screen is drawn, before any effect has run', () => {
    const { person } = personWithStatus();
    let effectsRun = false;
    let effectsRunAtFirstRead: boolean | null = null;
    function Earlier() {
      useEffect(() => {
        effectsRun = true;
      }, []);
      return null;
    }
    const load = () => {
      effectsRunAtFirstRead ??= effectsRun;
      return new Promise<string>(() => {});
    };
    render(
      <>
        <Earlier />
        <Reader person={person} load={load} />
      </>,
    );
    expect(effectsRunAtFirstRead).toBe(false);
  });

  it('reads once for the first drawing, however many times the screen is drawn again', async () => {
    const { person } = personWithStatus();
    const { reads, load } = controlledReads();
    const { rerender } = render(<Reader person={person} load={load} />);
    rerender(<Reader person={person} load={load} />);
    expect(reads).toHaveLength(1);
    await act(async () => reads[0]!.resolve('plan'));
    expect(screen.getByText('plan')).toBeInTheDocument();
  });

  it('shows a read that was under way when sync changed something, then the newer read', async () => {
    const { person, status } = personWithStatus();
    const { reads, load } = controlledReads();
    render(<Reader person={person} load={load} />);
    act(() => status.update({ waiting: 1 }));
    expect(reads).toHaveLength(2); // read again after the change
    await act(async () => reads[0]!.resolve('older'));
    expect(screen.getByText('older')).toBeInTheDocument(); // not held on "loading" for the next one
    await act(async () => reads[1]!.resolve('newer'));
    expect(screen.getByText('newer')).toBeInTheDocument();
  });

  it('never lets an older read replace a newer one', async () => {
    const { person, status } = personWithStatus();
    const { reads, load } = controlledReads();
    render(<Reader person={person} load={load} />);
    act(() => status.update({ waiting: 1 }));
    await act(async () => reads[1]!.resolve('newer'));
    await act(async () => reads[0]!.resolve('older'));
    expect(screen.getByText('newer')).toBeInTheDocument();
    await act(async () => {
      status.update({ waiting: 2 });
    });
    await act(async () => reads[2]!.reject(new Error('damaged')));
    expect(screen.getByText('failed')).toBeInTheDocument(); // the newest read's outcome, even a failure
  });

  it('shows nothing of one person’s data once another person is there', async () => {
    const first = personWithStatus();
    const second = personWithStatus();
    const { reads, load } = controlledReads();
    const { rerender } = render(<Reader person={first.person} load={load} />);
    rerender(<Reader person={second.person} load={load} />);
    await act(async () => reads[0]!.resolve('first person'));
    expect(screen.queryByText('first person')).not.toBeInTheDocument();
    expect(screen.getByText('loading')).toBeInTheDocument();
    await act(async () => reads[1]!.resolve('second person'));
    expect(screen.getByText('second person')).toBeInTheDocument();
  });

  it('shows nothing once nobody is signed in, and nothing lands after the screen is gone', async () => {
    const { person } = personWithStatus();
    const { reads, load } = controlledReads();
    const { rerender, unmount } = render(<Reader person={person} load={load} />);
    rerender(<Reader person={null} load={load} />);
    await act(async () => reads[0]!.resolve('plan'));
    expect(screen.getByText('loading')).toBeInTheDocument();
    rerender(<Reader person={person} load={load} />);
    unmount();
    await act(async () => reads[1]!.resolve('late'));
    expect(screen.queryByText('late')).not.toBeInTheDocument();
  });
});
