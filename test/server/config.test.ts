import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, parseConfig } from '../../src/server/config.ts';

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
    });
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
    });
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
  ])('refuses %o with a clear message', (env, message) => {
    expect(() => parseConfig(env, cwd)).toThrow(ConfigError);
    expect(() => parseConfig(env, cwd)).toThrow(message);
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
