import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, parseConfig } from '../../src/server/config.ts';
import { defaultReplyTimes } from '../../src/domain/reply-times.ts';

const cwd = '/srv/companion';

describe('parseConfig', () => {
  it('uses safe defaults when nothing is set', () => {
    expect(parseConfig({}, cwd)).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '/srv/companion/data',
      deviceMode: 'tablet',
      distDir: '/srv/companion/dist',
      demoData: true,
      trustProxy: [],
      publicOrigin: undefined,
      maxConnectionsPerAddress: 32,
      maxRequestsInFlight: 1024,
      staffPort: 8081,
      staffHost: '127.0.0.1',
      staffOrigin: undefined,
      staffDistDir: '/srv/companion/dist-staff',
      replyTimes: defaultReplyTimes,
      workers: 1,
      shutdownGraceSeconds: 20,
      metricsToken: undefined,
    });
  });

  it('reads WORKERS and SHUTDOWN_GRACE_SECONDS, refuses more than one process on the embedded database, and says so in plain words', () => {
    const postgres = 'postgresql://user:secret@db.example:5432/companion';
    expect(parseConfig({ WORKERS: '4', DATABASE_URL: postgres }, cwd).workers).toBe(4);
    expect(parseConfig({ WORKERS: '1' }, cwd).workers).toBe(1);
    expect(() => parseConfig({ WORKERS: '2' }, cwd)).toThrow(/WORKERS above 1 needs DATABASE_URL \(PostgreSQL\)/);
    for (const bad of ['0', '65', 'two', '1.5', '-1']) {
      expect(() => parseConfig({ WORKERS: bad, DATABASE_URL: postgres }, cwd), bad).toThrow(/WORKERS must be a whole number from 1 to 64/);
    }
    expect(parseConfig({ SHUTDOWN_GRACE_SECONDS: '5' }, cwd).shutdownGraceSeconds).toBe(5);
    for (const bad of ['0', '3601', 'soon', '2.5']) {
      expect(() => parseConfig({ SHUTDOWN_GRACE_SECONDS: bad }, cwd), bad).toThrow(/SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 1 to 3600/);
    }
  });

  it('reads the usual reply times for some types of application over the defaults, and refuses anything else in plain words', () => {
    expect(parseConfig({ REPLY_TIMES: ' seeMyPom=3, copyOfOasys = 25 ' }, cwd).replyTimes).toEqual({
      ...defaultReplyTimes,
      seeMyPom: { workingDays: 3 },
      copyOfOasys: { workingDays: 25 },
    });
    for (const bad of ['letters=3', 'seeMyPom=0', 'seeMyPom=61', 'seeMyPom=2.5', 'seeMyPom', 'seeMyPom=3=4', 'seeMyPom=soon']) {
      expect(() => parseConfig({ REPLY_TIMES: bad }, cwd), bad).toThrow(/REPLY_TIMES must be kinds of application and working days, like seeMyPom=5,copyOfOasys=20/);
    }
  });

  it('reads every setting', () => {
    const config = parseConfig(
      {
        PORT: '3000',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgresql://user:secret@db.example:5432/companion',
        DATA_DIR: '/var/lib/companion',
        DEVICE_MODE: 'Kiosk',
        DIST_DIR: 'build/app',
        DEMO_DATA: 'off',
        TRUST_PROXY: ' 10.0.0.5, 10.1.0.0/16 ,FD00::/8',
        PUBLIC_ORIGIN: 'https://Companion.Example.gov.uk/',
        MAX_CONNECTIONS_PER_ADDRESS: '200',
        MAX_REQUESTS_IN_FLIGHT: '64',
        STAFF_PORT: '3001',
        STAFF_HOST: '10.2.0.7',
        STAFF_ORIGIN: 'https://OMU.Example.gov.uk/',
        STAFF_DIST_DIR: 'build/staff',
        REPLY_TIMES: 'other=7',
        WORKERS: '3',
        SHUTDOWN_GRACE_SECONDS: '45',
        METRICS_TOKEN: 'scrape-me-please-0123456789',
      },
      cwd,
    );
    expect(config).toEqual({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://user:secret@db.example:5432/companion',
      dataDir: '/var/lib/companion',
      deviceMode: 'kiosk',
      distDir: '/srv/companion/build/app',
      demoData: false,
      trustProxy: ['10.0.0.5', '10.1.0.0/16', 'fd00::/8'],
      publicOrigin: 'https://companion.example.gov.uk',
      maxConnectionsPerAddress: 200,
      maxRequestsInFlight: 64,
      staffPort: 3001,
      staffHost: '10.2.0.7',
      staffOrigin: 'https://omu.example.gov.uk',
      staffDistDir: '/srv/companion/build/staff',
      replyTimes: { ...defaultReplyTimes, other: { workingDays: 7 } },
      workers: 3,
      shutdownGraceSeconds: 45,
      metricsToken: 'scrape-me-please-0123456789',
    });
  });

  it('reads a single proxy address, IPv6 too, and an http origin with a port', () => {
    expect(parseConfig({ TRUST_PROXY: '127.0.0.1' }, cwd).trustProxy).toEqual(['127.0.0.1']);
    expect(parseConfig({ TRUST_PROXY: '::1 2001:db8::/32' }, cwd).trustProxy).toEqual(['::1', '2001:db8::/32']);
    expect(parseConfig({ PUBLIC_ORIGIN: 'http://10.20.0.4:8080' }, cwd).publicOrigin).toBe('http://10.20.0.4:8080');
  });

  it('treats empty variables as not set', () => {
    expect(parseConfig({ PORT: '', DATABASE_URL: ' ', DEVICE_MODE: '' }, cwd)).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
      deviceMode: 'tablet',
    });
  });

  it.each([
    [{ DEVICE_MODE: 'phone' }, /DEVICE_MODE must be one of: public, tablet, kiosk/],
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between 1 and 65535/],
    [{ PORT: '0' }, /PORT must be between 1 and 65535/],
    [{ DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL must start with postgres/],
    [{ DEMO_DATA: 'maybe' }, /DEMO_DATA must be on or off/],
    // Trusting every address would let anyone choose the address the sign-in limits see.
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must be a list of proxy addresses/],
    [{ TRUST_PROXY: '*' }, /TRUST_PROXY must be a list of proxy addresses/],
    [{ TRUST_PROXY: 'proxy.prison.local' }, /TRUST_PROXY must be a list of proxy addresses/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY must be a list of proxy addresses/],
    [{ TRUST_PROXY: '10.0.0.1, 300.1.1.1' }, /TRUST_PROXY must be a list of proxy addresses/],
    [{ TRUST_PROXY: '::1/129' }, /TRUST_PROXY must be a list of proxy addresses/],
    [{ PUBLIC_ORIGIN: 'companion.example.gov.uk' }, /PUBLIC_ORIGIN must be the site's address/],
    [{ PUBLIC_ORIGIN: 'ftp://companion.example.gov.uk' }, /PUBLIC_ORIGIN must be the site's address/],
    [{ PUBLIC_ORIGIN: 'https://companion.example.gov.uk/families' }, /PUBLIC_ORIGIN must be the site's address/],
    [{ PUBLIC_ORIGIN: 'https://user:secret@companion.example.gov.uk' }, /PUBLIC_ORIGIN must be the site's address/],
    [{ PUBLIC_ORIGIN: 'https://companion.example.gov.uk/?a=1' }, /PUBLIC_ORIGIN must be the site's address/],
    [{ PUBLIC_ORIGIN: 'https://companion.example.gov.uk/#top' }, /PUBLIC_ORIGIN must be the site's address/],
    [{ MAX_CONNECTIONS_PER_ADDRESS: '0' }, /MAX_CONNECTIONS_PER_ADDRESS must be a whole number from 1/],
    [{ MAX_CONNECTIONS_PER_ADDRESS: 'lots' }, /MAX_CONNECTIONS_PER_ADDRESS must be a whole number from 1/],
    [{ MAX_REQUESTS_IN_FLIGHT: '0' }, /MAX_REQUESTS_IN_FLIGHT must be a whole number from 1/],
    [{ MAX_REQUESTS_IN_FLIGHT: 'many' }, /MAX_REQUESTS_IN_FLIGHT must be a whole number from 1/],
    [{ STAFF_PORT: 'staff' }, /STAFF_PORT must be a whole number/],
    [{ STAFF_PORT: '65536' }, /STAFF_PORT must be between 1 and 65535/],
    // Two listeners cannot share a port.
    [{ STAFF_PORT: '8080' }, /STAFF_PORT must be a different port from PORT/],
    [{ PORT: '9000', STAFF_PORT: '9000' }, /STAFF_PORT must be a different port from PORT/],
    // Reachable from other machines, the staff origin must be said: it is never taken from a Host header.
    [{ STAFF_HOST: '0.0.0.0' }, /STAFF_ORIGIN must be set when STAFF_HOST is not 127.0.0.1/],
    [{ STAFF_HOST: '10.2.0.7' }, /STAFF_ORIGIN must be set/],
    [{ STAFF_ORIGIN: 'https://omu.example.gov.uk/inbox' }, /STAFF_ORIGIN must be the site's address/],
  ])('refuses %o with a clear message', (env, message) => {
    expect(() => parseConfig(env, cwd)).toThrow(ConfigError);
    expect(() => parseConfig(env, cwd)).toThrow(message);
  });

  it('lets the staff listener stay on this machine without STAFF_ORIGIN', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(parseConfig({ STAFF_HOST: host }, cwd).staffHost).toBe(host);
  });

  it('lists every problem at once', () => {
    expect(() => parseConfig({ PORT: 'x', DEVICE_MODE: 'y' }, cwd)).toThrow(/PORT[\s\S]*DEVICE_MODE/);
  });
});

describe('describeDatabase', () => {
  it('never shows the password', () => {
    const text = describeDatabase({ databaseUrl: 'postgresql://user:secret@db.example:5432/companion', dataDir: '/d' });
    expect(text).toBe('PostgreSQL at db.example:5432/companion');
    expect(describeDatabase({ databaseUrl: undefined, dataDir: '/d' })).toContain('embedded');
  });
});
