/** Messages between bench/sync.ts and the service process (server-process.ts), and shared constants. */
export type EngineName = 'sqlite' | 'postgres';
export type StartMessage = { type: 'start'; engine: EngineName; databaseUrl?: string; devices: number };
export type BenchPerson = { personId: string; prisonNumber: string; pin: string };
export type ReadyMessage = { type: 'ready'; port: number; people: BenchPerson[]; setupMs: number };
/** Applications and questionnaires the bench people have in the store. */
export type CountMessage = { type: 'count'; items: number };
/** The service process's event-loop delay and GC pauses since the last ask. */
export type StatsMessage = {
  type: 'stats';
  /** CPU time used ÷ wall time (1 = one core busy all the time). */
  cpuShare: number;
  loopDelayP99Ms: number; loopDelayMaxMs: number; gcMs: number; gcMaxMs: number };
export type ErrorMessage = { type: 'error'; message: string };

/** Every bench person has this PIN. Its scrypt hash is made once and shared (see server-process.ts). */
export const benchPin = '246810';

/** A made-up prison number for bench person `i` (letter, four digits, two letters). */
export function benchPrisonNumber(i: number): string {
  return `Z${String(i).padStart(4, '0')}BN`;
}
