import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable } from '../../src/server/store/unreachable.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('telling a database that cannot be reached from a fault of ours', () => {
  it('knows PostgreSQL stopping, starting, refusing sessions and connection exceptions', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08001']) expect(isDatabaseUnreachable(withCode(code)), code).toBe(true);
  });

  it('knows a connection refused or cut, and pg\'s own words for it, also as a cause', () => {
    expect(isDatabaseUnreachable(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isDatabaseUnreachable(withCode('ECONNRESET'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    // pg's query_timeout: the statement got no answer in time (a network that drops everything).
    expect(isDatabaseUnreachable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnreachable(new Error('outer', { cause: new Error('Connection terminated due to connection timeout') }))).toBe(true);
  });

  it('does not take a broken rule, a deadlock, an engine error or a bug for an outage', () => {
    for (const error of [withCode('23505'), withCode('40P01'), withCode('22P02'), withCode('ERR_SQLITE_ERROR', 'database is locked'), new TypeError('x is undefined'), null, undefined, 'text']) {
      expect(isDatabaseUnreachable(error), String((error as { code?: string } | null)?.code ?? error)).toBe(false);
    }
  });
});
