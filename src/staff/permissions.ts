import { mayDo, type StaffRole } from '../domain/staff.ts';

/**
 * What the console offers each role (`staffPermissions` in the domain). The service checks every
 * one of these itself; the console only leaves out what would be refused.
 */
export const may = {
  audit: (role: StaffRole) => mayDo(role, 'audit'),
  accounts: (role: StaffRole) => mayDo(role, 'accounts'),
  enrol: (role: StaffRole) => mayDo(role, 'enrol'),
  resetPin: (role: StaffRole) => mayDo(role, 'resetPin'),
  systems: (role: StaffRole) => mayDo(role, 'systems'),
};
