import { join } from 'node:path';

/** A path inside the project (tests run from the project root). */
export const projectPath = (...parts: string[]): string => join(process.cwd(), ...parts);
