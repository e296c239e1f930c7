/**
 * The headers a proxy sets to say who the client is and how it came: believed from trusted
 * proxies only (TRUSTED_PROXIES, parsed by @malardalsradet/config as the site server parses it).
 */
export const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded', 'x-real-ip'];
