import { z } from 'zod';

/** A prison number: one letter, four digits, two letters (for example A1234BC). */
export const prisonNumberPattern = /^[A-Z]\d{4}[A-Z]{2}$/;

export const PrisonNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(prisonNumberPattern, { message: 'prisonNumber.format' });
export type PrisonNumber = z.infer<typeof PrisonNumber>;

/** An opaque id minted by the service (never a prison number or a name). */
export const OpaqueId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
export type OpaqueId = z.infer<typeof OpaqueId>;

/**
 * A client-minted UUID (version 7) used as an idempotency key. Lower-cased here, before anything
 * looks it up, so the same id in capitals is the same item (a resend), never a second one.
 */
export const ClientId = z.uuid({ version: 'v7' }).toLowerCase();
export type ClientId = z.infer<typeof ClientId>;

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant, ISO 8601 with time zone. */
export const IsoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTime>;
