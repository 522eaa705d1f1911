/**
 * Addresses outside the product. In `tablet` and `kiosk` modes no link may leave the product (the
 * device is on the prison network, and a shared screen must not open the wider web): an outside
 * address is shown as text. Families' devices (`public` mode) keep it as a link.
 */

/** True for an address that leaves this site: another origin, or not http(s) (mailto:, tel:, data:…). */
export function isOutsideAddress(href: string, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return true;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return true;
  return url.origin !== new URL(origin).origin;
}

export type TextPiece = { kind: 'text'; text: string } | { kind: 'address'; text: string; href: string };

// "https://…", "http://…" or "www.…", up to a space; punctuation that ends the sentence is not part of it.
const addressPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const trailing = /[.,;:!?)\]'"’”]+$/;

/** Splits text into plain pieces and outside addresses, in order. */
export function splitOutsideAddresses(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(addressPattern)) {
    const address = match[0].replace(trailing, '');
    if (!address.includes('.', address.startsWith('www.') ? 4 : 0)) continue;
    if (match.index > at) pieces.push({ kind: 'text', text: text.slice(at, match.index) });
    pieces.push({ kind: 'address', text: address, href: /^www\./i.test(address) ? `https://${address}` : address });
    at = match.index + address.length;
  }
  if (at < text.length) pieces.push({ kind: 'text', text: text.slice(at) });
  return pieces;
}
