import { describe, expect, it } from 'vitest';
import { cameOverTls, contentSecurityPolicy, securityHeaders } from './securityHeaders.ts';

const directives = (policy: string) => new Map(policy.split('; ').map((part) => [part.split(' ')[0], part.slice(part.indexOf(' ') + 1)]));

describe('contentSecurityPolicy', () => {
  it('allows no inline or foreign script, no framing, and forms only to the site', () => {
    const policy = directives(contentSecurityPolicy({}));
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
  });

  it('lets images and media come from the media host, and the admin frame the preview', () => {
    const policy = directives(contentSecurityPolicy({ mediaOrigin: 'https://media.example.se', frameAncestors: 'https://cms.example.se' }));
    expect(policy.get('img-src')).toBe("'self' data: https://media.example.se");
    expect(policy.get('media-src')).toBe("'self' https://media.example.se");
    expect(policy.get('frame-ancestors')).toBe('https://cms.example.se');
  });

  it('comes as header pairs with the other security headers', () => {
    expect(securityHeaders({})).toEqual([
      'content-security-policy',
      contentSecurityPolicy({}),
      'x-content-type-options',
      'nosniff',
      'referrer-policy',
      'strict-origin-when-cross-origin',
    ]);
  });
});

describe('cameOverTls', () => {
  it('believes the first proxy hop only', () => {
    expect(cameOverTls('https')).toBe(true);
    expect(cameOverTls('https, http')).toBe(true);
    expect(cameOverTls('http, https')).toBe(false);
    expect(cameOverTls(['https'])).toBe(true);
    expect(cameOverTls(undefined)).toBe(false);
  });
});
