import { PrisonNumber } from '../../domain/ids.ts';
import type { Store } from '../store/store.ts';
import { deviceState, startEnrolment, type DeviceState } from './devices.ts';
import { rotateDeliveryKeys } from './keys.ts';

/**
 * `npm run device -- <command>`: staff tools for kiosk delivery, until there is a staff console.
 * The logic is here (tested); cli-main.ts opens the database from the usual settings.
 */
export const deviceCliUsage = `Kiosk delivery: set up and stop the kiosks that send things for people.

  npm run device -- enrol "Wing B kiosk 2"    make a set-up code for a kiosk (works once, for 24 hours)
  npm run device -- list                      show every kiosk
  npm run device -- revoke <kiosk id>         stop a kiosk sending, from now on
  npm run device -- rotate-keys               make new delivery keys (the old ones still open what was sealed under them)
  npm run device -- stop-delivery <prison number>
                                              stop kiosks sending what this person has written so far
                                              (it is sent when they next sign in)

The service's settings (DATABASE_URL or DATA_DIR) say which database to use.`;

const stateWords: Record<DeviceState, string> = {
  waitingForCode: 'waiting for its code',
  codeExpired: 'code too old (enrol it again)',
  enrolled: 'set up',
  revoked: 'stopped',
};

export type CliDeps = { store: Store; now: () => Date; print: (line: string) => void };

/** Runs one command. Returns the exit code. */
export async function runDeviceCli(args: readonly string[], deps: CliDeps): Promise<number> {
  const { store, print } = deps;
  const [command, ...rest] = args;
  const fail = (message: string) => {
    print(message);
    return 1;
  };

  switch (command) {
    case 'enrol': {
      const name = rest.join(' ').trim();
      if (!name) return fail('Give the kiosk a name, for example: npm run device -- enrol "Wing B kiosk 2"');
      let started;
      try {
        started = await startEnrolment(store.delivery, name, deps.now());
      } catch (error) {
        const issues = (error as { issues?: Array<{ message: string }> }).issues;
        return fail(issues?.[0]?.message ?? (error as Error).message);
      }
      print(`Kiosk "${started.device.name}" (id ${started.device.deviceId}).`);
      print(`Set-up code: ${started.shown}`);
      print(`On the kiosk, open /kiosk-setup and type this code. It works once, until ${started.device.enrolExpiresAt}.`);
      return 0;
    }
    case 'list': {
      const devices = await store.delivery.listDevices();
      if (devices.length === 0) {
        print('No kiosks yet. Enrol one with: npm run device -- enrol "<name>"');
        return 0;
      }
      const now = deps.now();
      for (const device of devices) {
        const parts = [device.deviceId, `"${device.name}"`, stateWords[deviceState(device, now)]];
        if (device.enrolledAt) parts.push(`set up ${device.enrolledAt}`);
        if (device.lastPushAt) parts.push(`last sent ${device.lastPushAt}`);
        if (device.revokedAt) parts.push(`stopped ${device.revokedAt}`);
        print(parts.join('  '));
      }
      return 0;
    }
    case 'revoke': {
      const [deviceId] = rest;
      if (!deviceId) return fail('Say which kiosk: npm run device -- revoke <kiosk id> (see npm run device -- list)');
      const done = await store.delivery.revokeDevice(deviceId, deps.now().toISOString());
      if (!done) return fail(`No kiosk with id ${deviceId} is set up now (see npm run device -- list).`);
      print(`Kiosk ${deviceId} is stopped. It can no longer send anything.`);
      return 0;
    }
    case 'rotate-keys': {
      const ids = await rotateDeliveryKeys(store.delivery, deps.now());
      print(`New delivery keys: ${ids.seal} (sealing) and ${ids.secret} (secrets).`);
      print('Kiosks use the new sealing key once they are online. The old keys are kept, to open what was sealed under them.');
      return 0;
    }
    case 'stop-delivery': {
      const number = PrisonNumber.safeParse(rest.join(''));
      if (!number.success) return fail('Give a prison number, like A1234BC.');
      const person = await store.getPerson(number.data);
      if (!person) return fail(`Nobody with prison number ${number.data} is known here.`);
      const count = await store.delivery.revokeSecrets(person.personId, deps.now().toISOString());
      print(`Kiosks can no longer send for ${number.data} what was written before now (${count} sign-ins). It is sent when they next sign in.`);
      return 0;
    }
    default:
      print(deviceCliUsage);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 1;
  }
}
