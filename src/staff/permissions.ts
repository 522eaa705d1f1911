import { mayDo, type StaffRole } from '../domain/staff.ts';

/**
 * What the console offers each role. The service checks every one of these itself; the console
 * only leaves out what would be refused.
 */
export const may = {
  inbox: (role: StaffRole) => mayDo(role, 'inbox'),
  audit: (role: StaffRole) => mayDo(role, 'audit'),
  accounts: (role: StaffRole) => mayDo(role, 'accounts'),
  enrol: (role: StaffRole) => role === 'omu' || role === 'admin',
  resetPin: (role: StaffRole) => role === 'omu' || role === 'admin',
  systems: (role: StaffRole) => mayDo(role, 'accounts'),
};
