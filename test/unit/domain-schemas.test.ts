import { describe, expect, it } from 'vitest';
import { ApplicationDraft } from '../../src/domain/application.ts';
import { PrisonNumber } from '../../src/domain/ids.ts';
import { Plan } from '../../src/domain/plan.ts';
import { addDuration, applicationDetailsMaxLength, policy } from '../../src/domain/policy.ts';
import { PushRequest } from '../../src/domain/sync.ts';

const plan = {
  id: 'plan-1',
  personId: 'p-1',
  updatedAt: '2026-11-01T09:00:00Z',
  sentence: { type: 'determinate', sentencedOn: '2025-03-10', lengthMonths: 48 },
  keyDates: { releaseDate: '2027-03-09' },
  objectives: [
    {
      id: 'o-1',
      area: 'employmentEducation',
      priority: 1,
      title: 'Get a level 1 English certificate',
      measure: 'You have the certificate.',
      status: 'active',
      dueBy: '2027-01-31',
      steps: [{ id: 's-1', description: 'Go to English class twice a week', actor: 'you', status: 'inProgress' }],
    },
  ],
  reviews: [{ id: 'r-1', kind: 'initialOasys', on: '2025-05-01', by: 'pom' }],
  agreement: 'agreed',
};

describe('domain schemas', () => {
  it('accepts a prison number in any case and with spaces around it', () => {
    expect(PrisonNumber.parse(' a1234bc ')).toBe('A1234BC');
  });
  it.each(['A123BC', '12345AB', 'A1234B', 'A1234BCD', ''])('rejects the prison number %j', (value) => {
    expect(PrisonNumber.safeParse(value).success).toBe(false);
  });
  it('accepts a realistic plan and rejects one with a bad date', () => {
    expect(Plan.parse(plan)).toEqual(plan);
    expect(Plan.safeParse({ ...plan, updatedAt: 'yesterday' }).success).toBe(false);
  });
  it('caps the free text of an application', () => {
    expect(ApplicationDraft.safeParse({ type: 'seeMyPom', details: 'x'.repeat(applicationDetailsMaxLength) }).success).toBe(true);
    const tooLong = ApplicationDraft.safeParse({ type: 'seeMyPom', details: 'x'.repeat(applicationDetailsMaxLength + 1) });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe('details.tooLong');
    expect(ApplicationDraft.safeParse({ type: 'seeMyPom', details: '   ' }).success).toBe(false);
  });
  it('refuses a push from an unknown schema version', () => {
    const request = PushRequest.safeParse({ schemaVersion: 99, items: [] });
    expect(request.success).toBe(false);
  });
});

describe('policy durations', () => {
  it('adds weeks, months and years in UTC', () => {
    expect(addDuration('2026-01-01', policy.initialOasysDeterminate.duration)).toBe('2026-03-12');
    expect(addDuration('2026-01-31', { months: 1 })).toBe('2026-03-03');
    expect(addDuration('2030-06-01', policy.oasysPreTariffSift.duration, -1)).toBe('2027-12-16');
  });
  it('refuses something that is not a date', () => {
    expect(() => addDuration('not a date', { weeks: 1 })).toThrow(RangeError);
  });
  it('names a source for every rule', () => {
    for (const [name, rule] of Object.entries(policy)) expect(rule.source, name).toMatch(/^\d{3}:\d+/);
  });
});
