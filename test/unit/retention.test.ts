import { describe, expect, it } from 'vitest';
import { ApplicationStatus, type ApplicationReply } from '../../src/domain/application.ts';
import {
  closedApplicationRetentionDays,
  isPastRetention,
  isPastRetentionFrom,
  isReplyPastRetention,
  replyRetentionStart,
  retentionCutoff,
  retentionStartOf,
} from '../../src/domain/retention.ts';
import type { Change } from '../../src/domain/sync.ts';

const now = '2026-12-01T06:00:00.000Z';
const daysBefore = (days: number, ms = 0) => new Date(Date.parse(now) - days * 86_400_000 + ms).toISOString();

function reply(status: ApplicationStatus, updatedAt: string): ApplicationReply {
  return { applicationId: '0190f0a0-0000-7000-8000-000000000001', personId: 'p-1', status, messages: [], updatedAt };
}

describe('change log retention rule', () => {
  it('keeps a finished application for 90 days after its last change, then lets it go', () => {
    expect(closedApplicationRetentionDays).toBe(90);
    for (const status of ['answered', 'declined', 'closed'] as const) {
      expect(isReplyPastRetention(reply(status, daysBefore(10)), now), status).toBe(false);
      expect(isReplyPastRetention(reply(status, daysBefore(91)), now), status).toBe(true);
      expect(isReplyPastRetention(reply(status, daysBefore(365)), now), status).toBe(true);
    }
  });

  it('keeps an entry finished exactly 90 days ago, and lets it go one millisecond later', () => {
    expect(retentionCutoff(now)).toBe(daysBefore(90));
    expect(isReplyPastRetention(reply('answered', daysBefore(90)), now)).toBe(false);
    expect(isReplyPastRetention(reply('answered', daysBefore(90, -1)), now)).toBe(true);
    expect(isReplyPastRetention(reply('answered', daysBefore(90, 1)), now)).toBe(false);
  });

  it('keeps an open application for as long as it is open, however old', () => {
    for (const status of ['received', 'beingLookedAt'] as const) {
      expect(replyRetentionStart(reply(status, daysBefore(400)))).toBeNull();
      expect(isReplyPastRetention(reply(status, daysBefore(400)), now), status).toBe(false);
    }
  });

  it('counts again from a reply that opens a finished application again, and from its next end', () => {
    // Answered 200 days ago: past retention. Staff open it again today: it stays while open.
    expect(isReplyPastRetention(reply('answered', daysBefore(200)), now)).toBe(true);
    expect(isReplyPastRetention(reply('beingLookedAt', daysBefore(0)), now)).toBe(false);
    // Answered again 30 days later: kept until 90 days after that answer.
    const answeredAgain = reply('answered', daysBefore(-30));
    expect(isReplyPastRetention(answeredAgain, daysBefore(-30 - 90))).toBe(false);
    expect(isReplyPastRetention(answeredAgain, daysBefore(-30 - 91))).toBe(true);
  });

  it('never lets the plan go (only a newer version replaces it)', () => {
    const plan = { entity: 'plan', data: { updatedAt: daysBefore(1000) } } as unknown as Change;
    expect(retentionStartOf(plan)).toBeNull();
    expect(isPastRetention(plan, now)).toBe(false);
    expect(isPastRetention({ entity: 'applicationReply', data: reply('declined', daysBefore(120)) }, now)).toBe(true);
    expect(isPastRetention({ entity: 'applicationReply', data: reply('received', daysBefore(120)) }, now)).toBe(false);
  });

  it('compares times written with an offset as the same instant in UTC', () => {
    // 01:00 at +02:00 is 23:00 the day before in UTC.
    expect(replyRetentionStart(reply('answered', '2026-09-02T01:00:00+02:00'))).toBe('2026-09-01T23:00:00.000Z');
    expect(isPastRetentionFrom('2026-09-02T23:00:00.000Z', '2026-12-01T23:00:00.000Z')).toBe(false);
    expect(isPastRetentionFrom(null, now)).toBe(false);
  });
});
