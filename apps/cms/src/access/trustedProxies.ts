import { BlockList, isIP } from 'node:net';

/** The headers a proxy sets to say who the client is and how it came: believed from trusted proxies only. */
export const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded', 'x-real-ip'];

/**
 * The proxies whose forwarded headers are believed, from TRUSTED_PROXIES: a comma-separated list
 * of addresses and subnets (`10.0.0.5, 172.16.0.0/12, ::1`). Throws naming a part it cannot read.
 */
export const parseTrustedProxies = (value: string | undefined): BlockList => {
  const list = new BlockList();
  for (const part of (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [address = '', prefix] = part.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (family === 0 || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)))) {
      throw new Error(`TRUSTED_PROXIES: "${part}" is not an address or a subnet (like 172.16.0.0/12).`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
};

/** Whether the peer of a connection is a trusted proxy (IPv4 peers may come as ::ffff:a.b.c.d). */
export const isTrustedProxy = (list: BlockList, peer: string | undefined): boolean => {
  if (!peer) return false;
  const address = peer.startsWith('::ffff:') && isIP(peer.slice(7)) === 4 ? peer.slice(7) : peer;
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
};
