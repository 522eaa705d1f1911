import { hashPin } from '../auth/pin-hash.ts';
import { newOpaqueId } from '../ids.ts';
import type { SeedEntry, Store } from '../store/store.ts';
import { demoPeople } from './people.ts';
import { buildDemoStaff, demoPomOf, demoPrisonOf, demoPrisons } from './staff.ts';

/** Builds the demo people with fresh ids and hashed PINs, dated around `today`. */
export async function buildDemoSeed(today: string, now: string): Promise<SeedEntry[]> {
  return Promise.all(
    demoPeople.map(async (demo) => {
      const personId = newOpaqueId('p');
      return {
        person: {
          personId,
          prisonNumber: demo.prisonNumber,
          displayName: demo.displayName,
          pinHash: await hashPin(demo.pin),
          prisonId: demoPrisonOf[demo.prisonNumber] ?? null,
        },
        plan: demo.buildPlan({ personId, planId: newOpaqueId('plan'), today, now }),
      };
    }),
  );
}

/**
 * Loads the demo prisons, people and staff, but only into an empty database: on later starts, or
 * once anyone real has been added, it does nothing. Demo staff accounts (whose passwords are
 * printed) are added only by the start that loaded the demo people, never to a database that
 * already held people. Returns whether it loaded them.
 */
export async function seedDemoData(store: Store, options: { now?: Date } = {}): Promise<{ seeded: boolean }> {
  if (!(await store.isEmpty())) return { seeded: false };
  const now = options.now ?? new Date();
  await store.staff.putPrisons(demoPrisons);
  const entries = await buildDemoSeed(now.toISOString().slice(0, 10), now.toISOString());
  const seeded = await store.seedIfEmpty(entries);
  if (seeded && (await store.staff.seedAccountsIfNone(await buildDemoStaff(now.toISOString())))) await allocateDemoPoms(store);
  return { seeded };
}

/** Gives the demo people their POMs (only right after the demo staff were added). */
async function allocateDemoPoms(store: Store): Promise<void> {
  for (const [prisonNumber, username] of Object.entries(demoPomOf)) {
    const pom = await store.staff.getAccountByUsername(username);
    const prisonId = demoPrisonOf[prisonNumber];
    if (pom && prisonId) await store.staff.allocatePom({ prisonNumber, prisonId, pomStaffId: pom.staffId, actor: null });
  }
}
