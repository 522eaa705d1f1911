import type { TagColour } from '../../ui/Tag.tsx';
import type { ApplicationStatus } from '../../domain/application.ts';

/** The tag colour of each status in the console. */
export const statusColour: Record<ApplicationStatus, TagColour> = {
  received: 'blue',
  beingLookedAt: 'yellow',
  answered: 'green',
  declined: 'red',
  closed: 'grey',
};
