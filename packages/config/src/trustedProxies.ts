import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';
import { variable } from './env.ts';

// TRUSTED_PROXIES, read the same way by the CMS and the site server: the proxies whose
// forwarded headers (X-Forwarded-For, ...) are believed. One syntax, a comma-separated list of
//   - addresses, IPv4 or IPv6: 10.0.0.5, ::1
//   - subnets with a prefix length: 172.16.0.0/12, fd00::/8
//   - proxy-addr's names for the private ranges: loopback (127.0.0.1/8, ::1), linklocal
//     (169.254.0.0/16, fe80::/10), uniquelocal (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7)
// proxy-addr (Express's) does the matching, IPv4 peers that arrive as ::ffff:a.b.c.d included;
// the parser here only narrows what it accepts to that list (no netmask notation, no short IPv4
// forms) and names the entry it cannot read.

/** proxy-addr's names, each a set of private ranges. */
export const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;

/** What TRUSTED_PROXIES accepts, as messages say it. */
export const TRUSTED_PROXIES_SYNTAX = `addresses or subnets (like 172.16.0.0/12) or the names ${PROXY_RANGE_NAMES.join(', ')}, separated by commas`;

/** A parsed TRUSTED_PROXIES: its entries as written, and whether an address is one of them. */
export interface TrustedProxies {
  readonly entries: readonly string[];
  /** Whether a connection's peer is a trusted proxy; false for no address or a malformed one. */
  trusts(address: string | undefined): boolean;
}

const isEntry = (entry: string): boolean => {
  if ((PROXY_RANGE_NAMES as readonly string[]).includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
};

/** Parses TRUSTED_PROXIES (an empty or unset value trusts nobody); throws naming an entry it cannot read. */
export const parseTrustedProxies = (text: string | undefined): TrustedProxies => {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = entries.find((entry) => !isEntry(entry));
  if (wrong !== undefined)
    throw new Error(`TRUSTED_PROXIES: "${wrong}" is not an address or a subnet (like 172.16.0.0/12), nor one of ${PROXY_RANGE_NAMES.join(', ')}.`);
  const trust = entries.length > 0 ? proxyaddr.compile(entries) : () => false;
  return { entries, trusts: (address) => address !== undefined && trust(address, 0) };
};

/** The TRUSTED_PROXIES variable, for an app's environment schema. */
export const trustedProxiesVariable = () =>
  variable(TRUSTED_PROXIES_SYNTAX, (text) => {
    try {
      const parsed = parseTrustedProxies(text);
      return parsed.entries.length > 0 ? parsed : undefined;
    } catch {
      return undefined;
    }
  });
