import type { StaffApi } from '../api/client.ts';

export type PomChoice = { value: string; label: string };

/** The POMs of the member's prison to allocate a person to (GET poms: accounts switched on). */
export async function knownPoms(api: StaffApi): Promise<PomChoice[]> {
  return (await api.listPoms()).map((pom) => ({ value: pom.staffId, label: pom.displayName }));
}
