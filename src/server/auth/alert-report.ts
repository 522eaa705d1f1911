import type { SignInAlert } from '../store/store.ts';

/** What each kind of alert means, for whoever reads the report. */
const meanings: Record<SignInAlert['kind'], string> = {
  account: 'many wrong PINs for this person from devices they had not used (their own devices still work)',
  address: 'one address put in wrong PINs for many different prison numbers (it is slowed down)',
};

function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The alerts as a plain-text table, newest first, for staff until the staff console exists. */
export function formatAlerts(alerts: readonly SignInAlert[], days: number): string {
  const period = days === 1 ? 'the last day' : `the last ${days} days`;
  if (alerts.length === 0) return `No sign-in alerts in ${period}.\n`;
  const header = ['last seen', 'first seen', 'kind', 'person', 'wrong PINs', 'refused', 'address (hashed)'];
  const rows = alerts.map((alert) => [
    when(alert.lastSeenAt),
    when(alert.firstSeenAt),
    alert.kind,
    alert.personId ?? '-',
    String(alert.wrongPins),
    String(alert.refused),
    alert.addressHash.slice(0, 12),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const kinds = [...new Set(alerts.map((alert) => alert.kind))].map((kind) => `  ${kind}: ${meanings[kind]}`);
  return [`Sign-in alerts in ${period}, newest first:`, '', line(header), ...rows.map(line), '', ...kinds, ''].join('\n');
}
