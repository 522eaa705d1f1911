/**
 * When a new version of the app may take over this tab. Pure state, no DOM: the registration
 * (register.ts) feeds it what the browser says, the update prompt feeds it what a reload would
 * cost in this tab, and it decides when to ask the waiting worker to take over and when to reload.
 *
 * - A new worker waiting (`ready`): offered with a banner when nothing would be lost here; it takes
 *   over only when the person chooses "Update now" in this tab (then this tab reloads).
 * - Another tab applied it, so the new worker controls this tab while the old page still runs
 *   (`activeElsewhere`): this tab reloads only when nothing would be lost (nobody signed in here,
 *   no unsaved input, no sign-out under way) and nothing is being read off the screen (the
 *   sign-out notice), or when it is hidden; until then it says it will update after sign-out.
 *   It never reloads under a person's hands.
 */
export type UpdateStatus = 'none' | 'ready' | 'activeElsewhere';

/** What reloading this tab now would cost. */
export type UpdateSafety = {
  /** Nobody signed in here, no form with unsaved input, no sign-out under way. */
  nothingToLose: boolean;
  /** Nothing on screen the person is reading (e.g. the sign-out notice). */
  quiet: boolean;
};

export type Updates = {
  getStatus(): UpdateStatus;
  subscribe(listener: () => void): () => void;
  /** The person chose "Update now" in this tab (ignored unless nothing would be lost). */
  apply(): void;
  /** The tab says, whenever it changes, what a reload would cost now. */
  setSafety(safety: UpdateSafety): void;
  /** From the browser: a new worker is installed and waiting. */
  workerWaiting(): void;
  /** From the browser: another worker now controls this tab. */
  controllerChanged(): void;
  /** From the browser: the tab was hidden or shown. */
  visibilityChanged(hidden: boolean): void;
};

export type UpdatePlatform = {
  /** A worker controlled this tab when it loaded (otherwise a first install: nothing to reload). */
  hadController: boolean;
  /** Tell the waiting worker to take over (every tab of the app then gets a new controller). */
  skipWaiting(): void;
  reload(): void;
};

export function createUpdates(platform: UpdatePlatform): Updates {
  let status: UpdateStatus = 'none';
  let safety: UpdateSafety = { nothingToLose: false, quiet: false };
  let hidden = false;
  let appliedHere = false;
  let reloading = false;
  let hadController = platform.hadController;
  const listeners = new Set<() => void>();

  const set = (next: UpdateStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of [...listeners]) listener();
  };
  const reload = () => {
    if (reloading) return;
    reloading = true;
    platform.reload();
  };
  /** Another tab's update: reload only when it costs nothing and nobody is reading. */
  const reloadIfSafe = () => {
    if (status === 'activeElsewhere' && safety.nothingToLose && (safety.quiet || hidden)) reload();
  };

  return {
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply() {
      if (!safety.nothingToLose) return;
      if (status === 'activeElsewhere') reload();
      else if (status === 'ready') {
        appliedHere = true;
        platform.skipWaiting();
      }
    },
    setSafety(next) {
      safety = next;
      reloadIfSafe();
    },
    workerWaiting() {
      if (status === 'none') set('ready');
    },
    controllerChanged() {
      if (!hadController) {
        hadController = true; // the first worker taking charge: this page is already current
        return;
      }
      if (appliedHere) return reload();
      set('activeElsewhere');
      reloadIfSafe();
    },
    visibilityChanged(isHidden) {
      hidden = isHidden;
      reloadIfSafe();
    },
  };
}
