export { demoPeople, demoSignIns, type DemoSignIn } from './people.ts';
export { buildDemoSeed, seedDemoData } from './seed.ts';
export { demoPomOf, demoPrisonOf, demoPrisons, demoStaffSignIns, type DemoStaffSignIn } from './staff.ts';
