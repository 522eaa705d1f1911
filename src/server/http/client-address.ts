import { BlockList, isIP } from 'node:net';

/**
 * Proxy addresses, as the deployment lists them in TRUST_PROXY: single addresses or CIDR ranges,
 * IPv4 or IPv6. Fastify's `trustProxy` takes the same list, so `request.ip` is the address the
 * proxy saw for requests that came through one of these, and the socket's address for any other.
 */

/** "10.1.0.0/16" → { address: "10.1.0.0", prefix: 16, family: 4 }; null when it is not one. */
export function parseAddressOrRange(text: string): { address: string; prefix: number | null; family: 4 | 6 } | null {
  const [address = '', prefixText, extra] = text.split('/');
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (family !== 4 && family !== 6) return null;
  if (prefixText === undefined) return { address, prefix: null, family };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= (family === 4 ? 32 : 128) ? { address, prefix, family } : null;
}

/** An IPv4 address written the IPv6 way (::ffff:10.0.0.1, from a dual-stack socket) as plain IPv4. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** A test for "is this socket address one of the listed proxies?". The list must already be valid. */
export function addressMatcher(list: readonly string[]): (address: string | undefined) => boolean {
  if (list.length === 0) return () => false;
  const blocks = new BlockList();
  for (const entry of list) {
    const parsed = parseAddressOrRange(entry);
    if (!parsed) throw new RangeError(`Not an address or range: ${entry}`);
    const family = parsed.family === 4 ? 'ipv4' : 'ipv6';
    if (parsed.prefix === null) blocks.addAddress(parsed.address, family);
    else blocks.addSubnet(parsed.address, parsed.prefix, family);
  }
  return (address) => {
    if (!address) return false;
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && blocks.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}
