import type { Prison, StaffRole } from '../../domain/staff.ts';
import { newOpaqueId } from '../ids.ts';
import { hashPassword } from '../staff/passwords.ts';
import type { NewStaffAccount } from '../staff/staff-store.ts';

/** Two made-up prisons, so the demo shows that staff see only their own. */
export const demoPrisons: readonly Prison[] = [
  { prisonId: 'NTH', name: 'HMP Northfell (demo)' },
  { prisonId: 'STH', name: 'HMP Southmere (demo)' },
];

/** Which demo prison each demo person is in. */
export const demoPrisonOf: Readonly<Record<string, string>> = {
  A1234BC: 'NTH',
  B2345CD: 'NTH',
  C3456DE: 'STH',
  D4567EF: 'NTH',
};

/** Which demo people have a POM, by username (D4567EF has none yet, so the console shows that too). */
export const demoPomOf: Readonly<Record<string, string>> = {
  A1234BC: 'pom.north',
  B2345CD: 'pom.north',
  C3456DE: 'omu.south',
};

export type DemoStaffSignIn = { username: string; password: string; displayName: string; role: StaffRole; prisonId: string };

/** Made-up members of staff, printed at start-up. Their passwords are for the demo only. */
export const demoStaffSignIns: readonly DemoStaffSignIn[] = [
  { username: 'pom.north', password: 'north-pom-demo', displayName: 'Priya Shah', role: 'pom', prisonId: 'NTH' },
  { username: 'omu.north', password: 'north-omu-demo', displayName: 'Tom Hughes', role: 'omu', prisonId: 'NTH' },
  { username: 'admin.north', password: 'north-admin-demo', displayName: 'Grace Okoye', role: 'admin', prisonId: 'NTH' },
  { username: 'omu.south', password: 'south-omu-demo', displayName: 'Dev Malik', role: 'omu', prisonId: 'STH' },
];

/** The demo staff accounts, with fresh ids and hashed passwords. They need not change their password first. */
export async function buildDemoStaff(now: string): Promise<NewStaffAccount[]> {
  return Promise.all(
    demoStaffSignIns.map(async (demo) => ({
      staffId: newOpaqueId('st'),
      username: demo.username,
      displayName: demo.displayName,
      role: demo.role,
      prisonId: demo.prisonId,
      passwordHash: await hashPassword(demo.password),
      mustChangePassword: false,
      createdAt: now,
    })),
  );
}
