import { z } from 'zod';
import { ApplicationType } from './application.ts';

/**
 * How long the OMU usually takes to answer each type of application, in working days. Deployment
 * data (a prison sets its own), sent to the app in `GET /config.json` and remembered on the device;
 * no personal data. The person reads it as "The OMU usually answers within 10 working days".
 */
export const replyTimeLimits = { minWorkingDays: 1, maxWorkingDays: 60 } as const;

export const ReplyTime = z.object({
  workingDays: z.number().int().min(replyTimeLimits.minWorkingDays).max(replyTimeLimits.maxWorkingDays),
});
export type ReplyTime = z.infer<typeof ReplyTime>;

/** Some types or all; a type left out has its default. */
export const ReplyTimes = z.partialRecord(ApplicationType, ReplyTime);
export type ReplyTimes = z.infer<typeof ReplyTimes>;

/**
 * The defaults, until a deployment sets its own (README, "Configure it"). They are a starting
 * point, not a promise: each prison should set what its OMU really manages.
 */
export const defaultReplyTimes: Readonly<Record<ApplicationType, ReplyTime>> = {
  seeMyPom: { workingDays: 5 },
  copyOfOasys: { workingDays: 20 },
  reviewMyOasys: { workingDays: 15 },
  questionAboutMyPlan: { workingDays: 10 },
  disagreeWithPlan: { workingDays: 10 },
  askAboutCourse: { workingDays: 10 },
  askAboutPipe: { workingDays: 15 },
  releaseOrMove: { workingDays: 15 },
  other: { workingDays: 10 },
};

/** Every type's reply time: the deployment's where it set one, the default elsewhere. */
export function withDefaultReplyTimes(times: ReplyTimes | null | undefined): Record<ApplicationType, ReplyTime> {
  return { ...defaultReplyTimes, ...(times ?? {}) } as Record<ApplicationType, ReplyTime>;
}

/** The full table sent to devices (`/config.json` → `replyTimes`). */
export const ClientReplyTimes = z.record(ApplicationType, ReplyTime);
