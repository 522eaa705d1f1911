export { demoPeople, demoSignIns, type DemoSignIn } from './people.ts';
export { buildDemoSeed, seedDemoData } from './seed.ts';
export { demoPrisonOf, demoPrisons, demoStaffSignIns, type DemoStaffSignIn } from './staff.ts';
