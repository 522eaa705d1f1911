import type { StaffApi } from '../api/client.ts';

export type PomChoice = { value: string; label: string };

/**
 * The POMs to choose from: an admin sees every POM account that is switched on; others (who may
 * not list accounts) the POMs already allocated in the prison's caseload.
 */
export async function knownPoms(api: StaffApi, isAdmin: boolean): Promise<PomChoice[]> {
  if (isAdmin) {
    const accounts = await api.listAccounts();
    return accounts.filter((a) => a.role === 'pom' && a.disabledAt === null).map((a) => ({ value: a.staffId, label: a.displayName }));
  }
  const page = await api.listPeople({});
  const seen = new Map<string, string>();
  for (const person of page.items) if (person.pomStaffId && person.pomName) seen.set(person.pomStaffId, person.pomName);
  return [...seen].map(([value, label]) => ({ value, label }));
}
